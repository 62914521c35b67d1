//! `basis add/list/end` and `purpose add/list`: the legal basis of each
//! processing (GDPR Art. 6(1)) and the purposes it serves.

use serde_json::{Map, Value};

use super::Session;
use crate::cli::{BasisAddArgs, BasisCommand, PurposeCommand};
use crate::error::{Error, Result};
use crate::messages::{D, M, R};
use crate::ops::bases::{checked, date_flag};
use crate::ops::records::load;
use crate::output::{to_map, Output};
use crate::store::audit::Entry;
use crate::store::bases::{self, NewBasis, StoredBasis};

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

/// `basis add ID…`: the same basis for every record named, all or none
/// (issue #20 point 7): an id that names no record is refused, with
/// every such id named, before anything is written. Prints what was
/// added, one row per record.
fn add(session: &mut Session, a: BasisAddArgs) -> Result<Output> {
    let checked = checked(a.basis, a.law.as_deref(), a.note.as_deref())?;
    let from = date_flag("from", a.from.as_deref())?;
    let until = date_flag("until", a.until.as_deref())?;
    if let (Some(f), Some(u)) = (&from, &until) {
        if u < f {
            return Err(Error::invalid("until", R::BeforeFrom));
        }
    }
    let purpose = a.purpose.trim().to_lowercase();
    // The same id twice is one record; otherwise the order given.
    let mut ids = Vec::new();
    for id in &a.ids {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    session.write("basis-add", |tx, who| {
        bases::check_purpose(tx, &purpose)?;
        let mut records = Vec::new();
        let mut missing = Vec::new();
        for id in &ids {
            match load(tx, *id) {
                Ok(r) => records.push(r),
                Err(Error::NotFound(why)) => missing.push(why),
                Err(e) => return Err(e),
            }
        }
        if !missing.is_empty() {
            return Err(Error::NotFound(R::NoBasisAdded.say(&[&missing.join("; ")])));
        }
        let from = from.unwrap_or_else(|| who.today_iso());
        let evidence = a
            .evidence
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let mut added = Vec::new();
        for record in &records {
            let new = NewBasis {
                checked: &checked,
                purpose: &purpose,
                evidence,
                valid_from: &from,
                valid_until: until.as_deref(),
            };
            let id = bases::insert(tx, record.key, &new, &who.now, &who.operator)?;
            let stored = bases::get(tx, id)?
                .ok_or_else(|| Error::Internal("the new basis vanished".into()))?;
            added.push(to_map(&stored));
        }
        let entry = Entry {
            records: ids.iter().map(|id| id.to_string()).collect(),
            ..Entry::new("basis-add")
                .rows(added.len())
                .detail(format!("basis={} purpose={purpose}", checked.basis))
        };
        Ok((
            Output::List {
                rows: added,
                table: BASIS_COLUMNS.to_vec(),
            },
            entry,
        ))
    })
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
                    return Err(Error::NotFound(R::NoBasis.say(&[&basis_id])));
                };
                if let Some(until) = &b.valid_until {
                    if until.as_str() <= date.as_str() {
                        return Err(Error::invalid(
                            "date",
                            R::BasisEndedAlready.say(&[&basis_id, &until]),
                        ));
                    }
                }
                if date < b.valid_from {
                    return Err(Error::invalid(
                        "date",
                        R::BeforeBasisBegan.say(&[&b.valid_from]),
                    ));
                }
                bases::end(tx, basis_id, &date)?;
                let entry = Entry::new("basis-end")
                    .record(&b.record)
                    .detail(format!("basis_id={basis_id}"));
                Ok((
                    Output::Object {
                        value: to_map(&bases::get(tx, basis_id)?),
                        plain: Some(D::BasisEnds.say(&[&basis_id, &b.record, &date])),
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
                return Err(Error::invalid("name", R::PurposeName));
            }
            let title = a.title.trim().to_string();
            if title.is_empty() {
                return Err(Error::invalid("title", M::IsRequired));
            }
            session.write("purpose-add", |tx, _| {
                if bases::purposes(tx)?.iter().any(|p| p.name == name) {
                    return Err(Error::Conflict(R::PurposeExists.say(&[&name])));
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
