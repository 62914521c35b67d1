//! `basis add/list/end` and `purpose add/list`: the adapters of
//! `ops::basis` (the legal basis of each processing, GDPR Art. 6(1), and
//! the purposes it serves).

use super::Session;
use crate::cli::{BasisAddArgs, BasisCommand, PurposeCommand};
use crate::error::{Error, Result};
use crate::messages::{D, R};
use crate::ops::bases::{checked, date_flag};
use crate::ops::basis::{new_purpose, AddBasisOptions};
use crate::output::{to_map, Output};
use crate::store::bases::StoredBasis;

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

fn listed(rows: &[StoredBasis]) -> Output {
    Output::List {
        rows: rows.iter().map(to_map).collect(),
        table: BASIS_COLUMNS.to_vec(),
    }
}

/// `basis add ID…`: the same basis for every record named, all or none.
/// Prints what was added, one row per record.
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
    let options = AddBasisOptions {
        ids: &a.ids,
        checked: &checked,
        purpose: &purpose,
        evidence: a.evidence.as_deref(),
        from: from.as_deref(),
        until: until.as_deref(),
    };
    let added = session.write("basis-add", |tx, who| {
        crate::ops::basis::add(tx, who, &options)
    })?;
    Ok(listed(&added))
}

pub fn run(session: &mut Session, command: BasisCommand) -> Result<Output> {
    match command {
        BasisCommand::Add(a) => add(session, a),
        BasisCommand::List { id } => {
            let rows = session.write("basis-list", |tx, _| crate::ops::basis::list(tx, id))?;
            Ok(listed(&rows))
        }
        BasisCommand::End { basis_id, date } => {
            let date = date_flag("date", Some(&date))?.unwrap_or_default();
            let ended = session.write("basis-end", |tx, _| {
                crate::ops::basis::end(tx, basis_id, &date)
            })?;
            Ok(Output::Object {
                value: to_map(&ended),
                plain: Some(D::BasisEnds.say(&[&basis_id, &ended.record, &date])),
            })
        }
    }
}

pub fn purpose(session: &mut Session, command: PurposeCommand) -> Result<Output> {
    match command {
        PurposeCommand::List => {
            let rows = session.write("purpose-list", |tx, _| crate::ops::basis::purposes(tx))?;
            Ok(Output::List {
                rows: rows.iter().map(to_map).collect(),
                table: vec![
                    ("purpose", "name"),
                    ("English", "title_en"),
                    ("Finnish", "title_fi"),
                    ("seeded", "seeded"),
                ],
            })
        }
        PurposeCommand::Add(a) => {
            let p = new_purpose(&a.name, &a.title, a.title_fi.as_deref())?;
            session.write("purpose-add", |tx, _| {
                Ok((
                    Output::Done(to_map(&p)),
                    crate::ops::basis::add_purpose(tx, &p)?,
                ))
            })
        }
    }
}
