//! `add`, `show`, `search`, `correct` and `end`: one person's record in
//! one register (the changes are `ops::records`' operations).

use serde_json::{Map, Value};

use super::view::{record_json, RECORD_COLUMNS};
use super::{Session, Who};
use crate::cli::{AddArgs, CorrectArgs, Decision, EndArgs, SearchArgs, ShowArgs};
use crate::domain::business_id::BusinessId;
use crate::domain::fields;
use crate::domain::register::RecordId;
use crate::domain::{email::Email, hetu::Hetu, phone::Phone};
use crate::error::{Error, Problem, Result};
use crate::messages::{Lang, D, M, R};
use crate::ops::records::{self as ops, AddOptions, CorrectOptions, EndOptions};
use crate::output::{to_map, Output};
use crate::store::audit::Entry;
use crate::store::records::{self, Record};
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
    let mut m = record_json(record, &who.today_iso(), reveal);
    if let Some(at) = &record.restricted_at {
        m.insert("restricted_at".into(), at.clone().into());
        m.insert(
            "restriction_reason".into(),
            record
                .restriction_reason
                .clone()
                .map(Value::from)
                .unwrap_or(Value::Null),
        );
        m.insert(
            "restriction_request".into(),
            crate::store::restriction::request_of(conn, record.key)?
                .map(Value::from)
                .unwrap_or(Value::Null),
        );
    }
    let key = record.key;
    m.insert(
        "bases".into(),
        serde_json::to_value(crate::store::bases::list(conn, key)?).unwrap_or_default(),
    );
    let preferences = crate::store::preferences::list(conn, key)?;
    m.insert(
        "preferences".into(),
        serde_json::to_value(&preferences).unwrap_or_default(),
    );
    let holds = crate::ops::holds::holds_of(conn, record, who.today)?;
    m.insert(
        "holds".into(),
        holds
            .iter()
            .map(crate::ops::holds::hold_json)
            .collect::<Vec<_>>()
            .into(),
    );
    let (limit, _) = crate::ops::holds::retention_of(conn, record)?;
    m.insert(
        "retention_until".into(),
        limit
            .map(|d| Value::from(crate::domain::date::format_date(d)))
            .unwrap_or(Value::Null),
    );
    let corrections: Vec<Value> = records::corrections(conn, key)?
        .into_iter()
        .map(|c| {
            let mut v = serde_json::to_value(&c).unwrap_or(Value::Null);
            // Old hetu values are masked like the current one.
            if c.field == "hetu" && !reveal {
                for key in ["old_value", "new_value"] {
                    if let Some(Value::String(s)) = v.get(key) {
                        let masked = super::view::mask_hetu(s);
                        v[key] = masked.into();
                    }
                }
            }
            v
        })
        .collect();
    m.insert("corrections".into(), corrections.into());
    let disclosures = crate::store::disclosures::of_record(conn, key)?;
    m.insert(
        "disclosures".into(),
        serde_json::to_value(disclosures).unwrap_or_default(),
    );
    let mut notices: Vec<Value> = Vec::new();
    if let Some(p) = preferences
        .iter()
        .find(|p| p.kind == crate::store::preferences::SUPPRESSION)
    {
        notices.push(
            format!(
                "kept out of marketing lists: this person was erased on {} after opting out (suppression list), until a new consent is recorded",
                p.effective.get(..10).unwrap_or(&p.effective)
            )
            .into(),
        );
    }
    if let Some(h) = record.get("hetu") {
        if Hetu::parse(h, who.today).is_ok_and(|h| h.is_temporary()) {
            notices.push(
                "the personal identity code is a temporary one (individual number 900-999)".into(),
            );
        }
    }
    m.insert("notices".into(), notices.into());
    Ok(m)
}

pub fn show(session: &mut Session, args: ShowArgs) -> Result<Output> {
    // A table's headers are in the language of the run; the keys of JSON
    // and CSV are the field names in every language.
    let table_lang = Some(crate::messages::lang())
        .filter(|l| session.global.format == crate::output::Format::Table && *l != Lang::En);
    session.write("show", |tx, who| {
        let record = match records::get(tx, args.id)? {
            Some(r) => r,
            None => return erasure_receipt(tx, args.id),
        };
        let value = full_json(tx, &record, who, args.reveal_hetu)?;
        let value = match table_lang {
            Some(l) => crate::domain::names::table_keys(value, l),
            None => value,
        };
        let mut entry = Entry::new("show").record(args.id);
        if args.reveal_hetu {
            entry.fields = vec!["hetu".into()];
            entry.detail = "reveal-hetu".into();
        }
        Ok((Output::Object { value, plain: None }, entry))
    })
}

/// What `show` prints for an erased record: its receipt (exit 0).
fn erasure_receipt(tx: &Tx<'_>, id: RecordId) -> Result<(Output, Entry)> {
    let receipt = crate::store::erasures::erasure_receipt(tx, id)?.map(|r| {
        let mut m = Map::new();
        m.insert("id".into(), id.to_string().into());
        m.insert("register".into(), id.register.name().into());
        m.insert("status".into(), "erased".into());
        m.insert("erased_at".into(), r.erased_at.into());
        m.insert("erased_by".into(), r.erased_by.into());
        m.insert("reason".into(), r.reason.into());
        m.insert("request".into(), r.request.into());
        m.insert("holds_overridden".into(), r.holds_overridden.into());
        m
    });
    match receipt {
        Some(value) => Ok((
            Output::Object { value, plain: None },
            Entry::new("show").record(id).detail("erasure-receipt"),
        )),
        None => Err(Error::NotFound(M::NoRecord.say(&[&id]))),
    }
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
