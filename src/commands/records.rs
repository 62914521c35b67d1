//! `add`, `show`, `search`, `correct` and `end`: one person's record in
//! one register (the changes are `ops::records`' operations).

use serde_json::{Map, Value};

use super::view::{record_json, with_details, RECORD_COLUMNS};
use super::Session;
use crate::cli::{AddArgs, CorrectArgs, Decision, EndArgs, SearchArgs, ShowArgs};
use crate::domain::fields;
use crate::error::Result;
use crate::messages::{Lang, D, M};
use crate::ops::records::{self as ops, AddOptions, CorrectOptions, EndOptions};
use crate::ops::search::SearchOptions;
use crate::ops::show::Shown;
use crate::output::{to_map, Output};

pub fn add(session: &mut Session, args: AddArgs) -> Result<Output> {
    let options = AddOptions::new(
        args.register,
        &args.set,
        session.who.ctx(),
        args.bases.options(),
    )?;
    let record = session.write("add", |tx, who| ops::add(tx, who, &options))?;
    Ok(Output::Object {
        value: record_json(&record, &session.who.today_iso(), false),
        plain: Some(record.id.to_string()),
    })
}

pub fn show(session: &mut Session, args: ShowArgs) -> Result<Output> {
    // A table's headers are in the language of the run; the keys of JSON
    // and CSV are the field names in every language.
    let table_lang = Some(crate::messages::lang())
        .filter(|l| session.global.format == crate::output::Format::Table && *l != Lang::En);
    let reveal = args.reveal_hetu;
    let shown = session.write("show", |tx, who| {
        crate::ops::show::show(tx, who, args.id, reveal)
    })?;
    let value = match shown {
        Shown::Erased(receipt) => to_map(&receipt),
        Shown::Record(found) => {
            let (record, details) = *found;
            let value = with_details(&record, &details, &session.who, reveal);
            match table_lang {
                Some(l) => crate::domain::names::table_keys(value, l),
                None => value,
            }
        }
    };
    Ok(Output::Object { value, plain: None })
}

pub fn search(session: &mut Session, args: SearchArgs) -> Result<Output> {
    let options = SearchOptions {
        text: args.text.as_deref(),
        register: args.register,
        hetu: args.hetu.as_deref(),
        email: args.email.as_deref(),
        phone: args.phone.as_deref(),
        business_id: args.business_id.as_deref(),
        include_ended: args.include_ended,
        limit: args.limit as usize,
        reveal_hetu: args.reveal_hetu,
    };
    let query = crate::ops::search::query(&options, &session.who)?;
    let quiet = session.global.quiet;
    // A read transaction: the search never holds the write lock while it
    // runs; its audit entry is committed before the list is printed.
    let found = session.read(|tx, _| {
        let (found, entry) = crate::ops::search::search(tx, &options, &query)?;
        if found.more && !quiet {
            // Counts only: what matched is personal data.
            eprintln!("privreg: {}", M::MoreMatch.say(&[&query.limit]));
        }
        Ok((found.records, entry))
    })?;
    let today = session.who.today_iso();
    let rows: Vec<Map<String, Value>> = found
        .iter()
        .map(|r| record_json(r, &today, args.reveal_hetu))
        .collect();
    Ok(Output::List {
        rows,
        table: RECORD_COLUMNS.to_vec(),
    })
}

pub fn correct(session: &mut Session, args: CorrectArgs) -> Result<Output> {
    let reason = ops::required("reason", &args.reason)?;
    let options = CorrectOptions {
        id: args.id,
        changes: ops::resolve(args.id.register, &args.set)?,
        reason: &reason,
        request: args.request.as_deref(),
        dry_run: args.dry_run,
    };
    let c = session.write("correct", |tx, who| ops::correct(tx, who, &options))?;
    // The fields as a message of this run names them (Finnish headers).
    let said: Vec<String> = c.changed.iter().map(|n| fields::field_name(n)).collect();
    let mut plain = if c.changed.is_empty() {
        D::NothingChanged.say(&[&c.id])
    } else if c.dry_run {
        D::WouldChange.say(&[&c.id, &said.join(", ")])
    } else {
        D::Changed.say(&[&c.id, &said.join(", ")])
    };
    if !c.notify.is_empty() {
        plain.push('\n');
        plain.push_str(&M::TellRecipients.say(&[&c.notify.join("; ")]));
    }
    Ok(Output::Object {
        value: to_map(&c),
        plain: Some(plain),
    })
}

pub fn end(session: &mut Session, args: EndArgs) -> Result<Output> {
    let status = args.status.map(|decision| match decision {
        Decision::Hired => "hired",
        Decision::Rejected => "rejected",
        Decision::Withdrawn => "withdrawn",
    });
    let options = EndOptions::new(args.id, &args.date, args.manner.as_deref(), status)?;
    let record = session.write("end", |tx, who| ops::end(tx, who, &options))?;
    let date = record.get(args.id.register.end_field()).unwrap_or_default();
    Ok(Output::Object {
        value: record_json(&record, &session.who.today_iso(), false),
        plain: Some(D::EndedOn.say(&[&args.id, &date])),
    })
}
