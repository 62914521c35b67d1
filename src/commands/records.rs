//! `add`, `show`, `search`, `correct` and `end`: one person's record in
//! one register (the changes are `ops::records`' operations).

use serde_json::{Map, Value};

use super::view::{record_json, RECORD_COLUMNS};
use super::{Session, Who};
use crate::cli::{AddArgs, CorrectArgs, Decision, EndArgs, SearchArgs, ShowArgs};
use crate::domain::business_id::BusinessId;
use crate::domain::fields;
use crate::domain::{email::Email, hetu::Hetu, phone::Phone};
use crate::error::{Error, Problem, Result};
use crate::messages::{Lang, D, M, R};
use crate::ops::records::{self as ops, AddOptions, CorrectOptions, EndOptions};
use crate::ops::show::{Details, Shown};
use crate::output::{to_map, Output};
use crate::store::audit::Entry;
use crate::store::records::Record;
use crate::store::search::{self, Query};
use crate::store::Tx;

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

/// A record with its legal bases, preferences, holds, corrections and
/// disclosures: what `show` prints.
pub fn full_json(
    conn: &Tx<'_>,
    record: &Record,
    who: &Who,
    reveal: bool,
) -> Result<Map<String, Value>> {
    let details = crate::ops::show::details(conn, record, who, reveal)?;
    Ok(with_details(record, &details, who, reveal))
}

fn with_details(record: &Record, details: &Details, who: &Who, reveal: bool) -> Map<String, Value> {
    let mut m = record_json(record, &who.today_iso(), reveal);
    m.extend(to_map(details));
    m
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

fn search_query(args: &SearchArgs, who: &Who) -> Result<Query> {
    let mut problems = Vec::new();
    let mut parsed =
        |field: &str, r: std::result::Result<String, crate::domain::ValueError>| match r {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(Problem::new(field, e.0));
                None
            }
        };
    let q = Query {
        words: args
            .text
            .as_deref()
            .map(|t| search::distinct_words(&search::words_of(t)))
            .unwrap_or_default(),
        register: args.register,
        hetu: args.hetu.as_deref().and_then(|h| {
            parsed(
                "hetu",
                Hetu::parse(h, who.today).map(|h| h.as_str().to_string()),
            )
        }),
        email_key: args
            .email
            .as_deref()
            .and_then(|e| parsed("email", e.parse::<Email>().map(|e| e.key()))),
        phone: args.phone.as_deref().and_then(|p| {
            parsed(
                "phone",
                Phone::parse(p, "FI").map(|p| p.as_str().to_string()),
            )
        }),
        business_id: args.business_id.as_deref().and_then(|b| {
            parsed(
                "business_id",
                BusinessId::parse(b).map(|b| b.as_str().to_string()),
            )
        }),
        include_ended: args.include_ended,
        limit: args.limit as usize,
        today: who.today_iso(),
    };
    // Bounded (issue #13 item 6); the words themselves are not repeated:
    // they may be a name.
    if q.words.len() > search::MAX_SEARCH_WORDS {
        problems.push(Problem::new(
            "text",
            D::SearchTooManyWords.say(&[&q.words.len(), &search::MAX_SEARCH_WORDS]),
        ));
    }
    if q.words
        .iter()
        .any(|w| w.chars().count() > search::MAX_SEARCH_WORD_CHARS)
    {
        problems.push(Problem::new(
            "text",
            D::SearchWordTooLong.say(&[&search::MAX_SEARCH_WORD_CHARS]),
        ));
    }
    if problems.is_empty() {
        Ok(q)
    } else {
        Err(Error::Invalid(problems))
    }
}

pub fn search(session: &mut Session, args: SearchArgs) -> Result<Output> {
    let query = search_query(&args, &session.who)?;
    if args.text.is_some() && query.words.is_empty() {
        return Err(Error::invalid("text", R::NothingToSearch));
    }
    let quiet = session.global.quiet;
    // A read transaction: the search never holds the write lock while it
    // runs; its audit entry is committed before the list is printed.
    session.read(|tx, who| {
        let search::Found {
            records: found,
            more,
        } = search::search(tx, &query)?;
        if more && !quiet {
            // Counts only: what matched is personal data.
            eprintln!(
                "privreg: {}",
                crate::messages::M::MoreMatch.say(&[&query.limit])
            );
        }
        let today = who.today_iso();
        let rows: Vec<Map<String, Value>> = found
            .iter()
            .map(|r| record_json(r, &today, args.reveal_hetu))
            .collect();
        // The criteria used, by name only: the searched text is personal data.
        let criteria: Vec<String> = [
            ("text", args.text.is_some()),
            ("hetu", args.hetu.is_some()),
            ("email", args.email.is_some()),
            ("phone", args.phone.is_some()),
            ("business_id", args.business_id.is_some()),
        ]
        .iter()
        .filter(|(_, given)| *given)
        .map(|(n, _)| n.to_string())
        .collect();
        let mut detail = format!("criteria={}", criteria.join("+"));
        if args.reveal_hetu {
            detail.push_str(" reveal-hetu");
        }
        let entry = Entry {
            records: found.iter().map(|r| r.id.to_string()).collect(),
            fields: if args.reveal_hetu {
                vec!["hetu".into()]
            } else {
                vec![]
            },
            ..Entry::new("search").rows(found.len()).detail(detail)
        };
        Ok((
            Output::List {
                rows,
                table: RECORD_COLUMNS.to_vec(),
            },
            entry,
        ))
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
