//! `basis add/list/end` and `purpose add/list`: the legal basis of each
//! processing (GDPR Art. 6(1)) and the purposes it serves.

use serde_json::{Map, Value};

use super::records::load;
use super::{Session, Who};
use crate::cli::{BasisAddArgs, BasisCommand, NewBases, PurposeCommand};
use crate::domain::basis::{self, BasisArg, CheckedBasis};
use crate::domain::date::{format_date, parse_date};
use crate::error::{Error, Problem, Result};
use crate::output::{to_map, Output};
use crate::store::audit::Entry;
use crate::store::bases::{self, NewBasis, StoredBasis};
use crate::store::Tx;

/// Checks a basis and what it needs, naming the flag that is missing.
pub fn checked(arg: BasisArg, law: Option<&str>, note: Option<&str>) -> Result<CheckedBasis> {
    basis::check(arg, law, note).map_err(|(field, e)| Error::invalid(field, e.0))
}

/// A date flag in normal form, or the flag named in the error.
pub fn date_flag(flag: &str, value: Option<&str>) -> Result<Option<String>> {
    value
        .map(|v| {
            parse_date(v)
                .map(format_date)
                .map_err(|e| Error::invalid(flag, e.0))
        })
        .transpose()
}

const BASIS_COLUMNS: &[crate::output::Column] = &[
    ("basis id", "id"),
    ("record", "record"),
    ("basis", "basis"),
    ("purpose", "purpose"),
    ("law", "law"),
    ("note", "note"),
    ("from", "valid_from"),
    ("until", "valid_until"),
];

fn add(session: &mut Session, a: BasisAddArgs) -> Result<Output> {
    let checked = checked(a.basis, a.law.as_deref(), a.note.as_deref())?;
    let from = date_flag("from", a.from.as_deref())?;
    let until = date_flag("until", a.until.as_deref())?;
    if let (Some(f), Some(u)) = (&from, &until) {
        if u < f {
            return Err(Error::invalid("until", "is before --from"));
        }
    }
    let purpose = a.purpose.trim().to_lowercase();
    session.write("basis-add", |tx, who| {
        let record = load(tx, a.id)?;
        bases::check_purpose(tx, &purpose)?;
        let from = from.unwrap_or_else(|| who.today_iso());
        let id = bases::insert(
            tx,
            record.key,
            &NewBasis {
                checked: &checked,
                purpose: &purpose,
                evidence: a
                    .evidence
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty()),
                valid_from: &from,
                valid_until: until.as_deref(),
            },
            &who.now,
            &who.operator,
        )?;
        let stored =
            bases::get(tx, id)?.ok_or_else(|| Error::Internal("the new basis vanished".into()))?;
        let entry = Entry::new("basis-add")
            .record(a.id)
            .detail(format!("basis={} purpose={purpose}", checked.basis));
        Ok((
            Output::Object {
                value: to_map(&stored),
                plain: Some(format!("{id}")),
            },
            entry,
        ))
    })
}

/// Logs `--basis/--purpose` pairs for a record just added (`add`, `import`).
pub fn log_for_new_record(
    tx: &Tx<'_>,
    who: &Who,
    key: crate::store::RecordKey,
    pairs: &[(CheckedBasis, String)],
) -> Result<()> {
    if pairs.is_empty() {
        return Ok(()); // (an import without --basis: once per row)
    }
    let today = who.today_iso();
    for (checked, purpose) in pairs {
        bases::insert(
            tx,
            key,
            &NewBasis {
                checked,
                purpose,
                evidence: None,
                valid_from: &today,
                valid_until: None,
            },
            &who.now,
            &who.operator,
        )?;
    }
    Ok(())
}

/// `--basis B --purpose P` pairs of `add` (and `import`), checked.
pub fn pairs(tx: &Tx<'_>, given: &NewBases) -> Result<Vec<(CheckedBasis, String)>> {
    let (bases_given, purposes) = (&given.basis, &given.purpose);
    let (law, note) = (given.law.as_deref(), given.note.as_deref());
    if bases_given.len() != purposes.len() {
        return Err(Error::Usage(
            "give one --purpose for each --basis, in the same order".into(),
        ));
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (b, p) in bases_given.iter().zip(purposes) {
        let purpose = p.trim().to_lowercase();
        match checked(*b, law, note).and_then(|c| bases::check_purpose(tx, &purpose).map(|()| c)) {
            Ok(c) => out.push((c, purpose)),
            Err(Error::Invalid(mut p)) => problems.append(&mut p),
            Err(e) => return Err(e),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.dedup_by(|a: &mut Problem, b: &mut Problem| a == b);
        Err(Error::Invalid(problems))
    }
}

pub fn run(session: &mut Session, command: BasisCommand) -> Result<Output> {
    match command {
        BasisCommand::Add(a) => add(session, a),
        BasisCommand::List { id } => session.write("basis-list", |tx, _| {
            let record = load(tx, id)?;
            let rows: Vec<StoredBasis> = bases::list(tx, record.key)?;
            let n = rows.len();
            Ok((
                Output::List {
                    rows: rows.iter().map(to_map).collect(),
                    table: BASIS_COLUMNS.to_vec(),
                },
                Entry::new("basis-list").record(id).rows(n),
            ))
        }),
        BasisCommand::End { basis_id, date } => {
            let date = date_flag("date", Some(&date))?.unwrap_or_default();
            session.write("basis-end", |tx, _| {
                let Some(b) = bases::get(tx, basis_id)? else {
                    return Err(Error::NotFound(format!("no legal basis {basis_id}")));
                };
                if let Some(until) = &b.valid_until {
                    if until.as_str() <= date.as_str() {
                        return Err(Error::invalid(
                            "date",
                            format!("basis {basis_id} already ended on {until}"),
                        ));
                    }
                }
                if date < b.valid_from {
                    return Err(Error::invalid(
                        "date",
                        format!("is before the basis began ({})", b.valid_from),
                    ));
                }
                bases::end(tx, basis_id, &date)?;
                let entry = Entry::new("basis-end")
                    .record(&b.record)
                    .detail(format!("basis_id={basis_id}"));
                Ok((
                    Output::Object {
                        value: to_map(&bases::get(tx, basis_id)?),
                        plain: Some(format!("basis {basis_id} of {} ends on {date}", b.record)),
                    },
                    entry,
                ))
            })
        }
    }
}

pub fn purpose(session: &mut Session, command: PurposeCommand) -> Result<Output> {
    match command {
        PurposeCommand::List => session.write("purpose-list", |tx, _| {
            let rows: Vec<Map<String, Value>> = bases::purposes(tx)?.iter().map(to_map).collect();
            let n = rows.len();
            Ok((
                Output::List {
                    rows,
                    table: vec![
                        ("purpose", "name"),
                        ("English", "title_en"),
                        ("Finnish", "title_fi"),
                        ("seeded", "seeded"),
                    ],
                },
                Entry::new("purpose-list").rows(n),
            ))
        }),
        PurposeCommand::Add(a) => {
            let name = a.name.trim().to_lowercase();
            let ok = !name.is_empty()
                && name.len() <= 40
                && name.split('-').all(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                });
            if !ok {
                return Err(Error::invalid(
                    "name",
                    "a purpose name is lower-case letters and digits joined by dashes",
                ));
            }
            let title = a.title.trim().to_string();
            if title.is_empty() {
                return Err(Error::invalid("title", "is required"));
            }
            session.write("purpose-add", |tx, _| {
                if bases::purposes(tx)?.iter().any(|p| p.name == name) {
                    return Err(Error::Conflict(format!("purpose {name} exists already")));
                }
                let p = bases::Purpose {
                    name: name.clone(),
                    title_fi: a
                        .title_fi
                        .clone()
                        .map(|t| t.trim().to_string())
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| title.clone()),
                    title_en: title.clone(),
                    seeded: false,
                };
                bases::add_purpose(tx, &p)?;
                Ok((
                    Output::Done(to_map(&p)),
                    Entry::new("purpose-add").detail(format!("purpose={name}")),
                ))
            })
        }
    }
}
