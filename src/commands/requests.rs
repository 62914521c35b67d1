//! `request open/extend/close/list/show`: data subject requests and their
//! legal deadlines (GDPR Art. 12(3), DOMAIN.md §6). The due date is one
//! month after receipt, or three after one extension, moved to the next
//! working day ([`request_due`]).

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::Session;
use crate::cli::{
    RequestCloseArgs, RequestCommand, RequestExtendArgs, RequestListArgs, RequestOpenArgs,
    RequestShowArgs,
};
use crate::domain::calendar::request_due;
use crate::domain::date::{format_date, parse_date};
use crate::domain::request::{may_extend, urgency, Urgency};
use crate::error::{Error, Result};
use crate::messages::{lang, Lang, D, M, R};
use crate::ops::records::load as load_record;
use crate::output::Output;
use crate::store::audit::{self, Entry};
use crate::store::requests::{self, Filter, NewRequest, Request};

pub fn run(session: &mut Session, command: RequestCommand) -> Result<Output> {
    match command {
        RequestCommand::Open(a) => open(session, a),
        RequestCommand::Extend(a) => extend(session, a),
        RequestCommand::Close(a) => close(session, a),
        RequestCommand::List(a) => list(session, a),
        RequestCommand::Show(a) => show(session, a),
    }
}

/// A date typed by the user, refused by field name (exit 3).
fn date_arg(field: &str, text: &str) -> Result<NaiveDate> {
    parse_date(text).map_err(|e| Error::invalid(field, e.0))
}

/// A date privreg stored itself; one that does not parse is a bug.
fn stored_date(text: &str) -> Result<NaiveDate> {
    parse_date(text).map_err(|_| Error::Internal("a stored request date does not parse".into()))
}

/// Required free text, trimmed; blank is refused.
pub fn required_text(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        Err(Error::invalid(field, R::RequiredNotBlank))
    } else {
        Ok(t.to_string())
    }
}

/// Optional free text, trimmed; given but blank is refused.
fn optional_text(field: &str, text: Option<String>) -> Result<Option<String>> {
    text.map(|t| required_text(field, &t)).transpose()
}

fn text_or_null(v: &Option<String>) -> Value {
    v.clone().map(Value::from).unwrap_or(Value::Null)
}

/// A request as SPEC §4 shows it in json.
pub fn request_json(r: &Request) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), r.id.to_string().into());
    m.insert("type".into(), r.kind.clone().into());
    m.insert("received".into(), r.received.clone().into());
    m.insert("due".into(), r.due.clone().into());
    m.insert("extended".into(), r.extended.into());
    m.insert("status".into(), r.status.clone().into());
    m.insert("subjects".into(), r.subjects.clone().into());
    m.insert("channel".into(), text_or_null(&r.channel));
    m.insert(
        "identity_verified".into(),
        text_or_null(&r.identity_verified),
    );
    m.insert("outcome".into(), text_or_null(&r.outcome));
    m
}

/// The audit entry of a command on a request: its subjects and its id, so
/// that the entry is part of the request's history.
fn entry_for(action: &str, r: &Request) -> Entry {
    Entry {
        records: r.subjects.clone(),
        request: Some(r.id.to_string()),
        ..Entry::new(action)
    }
}

fn open(session: &mut Session, args: RequestOpenArgs) -> Result<Output> {
    let received = date_arg("received", &args.received)?;
    if received > session.who.today {
        return Err(Error::invalid("received", M::IsInFuture));
    }
    let identity = optional_text("identity_verified", args.identity_verified)?;
    let kind = args.kind.name();
    let due = format_date(request_due(received, 1));
    session.write("request-open", |tx, who| {
        let mut subjects: Vec<String> = Vec::new();
        for id in &args.subjects {
            load_record(tx, *id)?;
            let id = id.to_string();
            if !subjects.contains(&id) {
                subjects.push(id);
            }
        }
        let id = requests::insert(
            tx,
            &NewRequest {
                kind,
                received: &format_date(received),
                due: &due,
                channel: args.channel.map(|c| c.name()),
                identity_verified: identity.as_deref(),
                subjects: &subjects,
                at: &who.now,
                by: &who.operator,
            },
        )?;
        let r = requests::load(tx, id)?;
        // The type and channel only: the identity method may be personal.
        let mut detail = format!("type={kind}");
        if let Some(c) = args.channel {
            detail.push_str(&format!(" channel={}", c.name()));
        }
        let entry = entry_for("request-open", &r).detail(detail);
        Ok((
            Output::Object {
                value: request_json(&r),
                plain: Some(D::RequestOpened.say(&[&id, &r.due])),
            },
            entry,
        ))
    })
}

fn extend(session: &mut Session, args: RequestExtendArgs) -> Result<Output> {
    let reason = required_text("reason", &args.reason)?;
    let id = args.id;
    session.write("request-extend", |tx, who| {
        let r = requests::load(tx, id)?;
        if !r.is_open() {
            return Err(Error::invalid(
                "request",
                R::RequestClosedNoExtend.say(&[&id]),
            ));
        }
        if r.extended {
            let on = r
                .extended_at
                .as_deref()
                .and_then(|t| t.get(..10))
                .unwrap_or("");
            return Err(Error::invalid(
                "request",
                R::RequestExtendedAlready.say(&[&id, &on, &r.due]),
            ));
        }
        let first_due = stored_date(&r.due)?;
        if !may_extend(first_due, who.today) {
            return Err(Error::invalid(
                "request",
                R::RequestExtendTooLate.say(&[&id, &r.due]),
            ));
        }
        let due = format_date(request_due(stored_date(&r.received)?, 3));
        requests::extend(tx, id, &due, &reason, &who.now, &who.operator)?;
        let r = requests::load(tx, id)?;
        let entry = entry_for("request-extend", &r).detail(format!("due={due}"));
        Ok((
            Output::Object {
                value: request_json(&r),
                plain: Some(D::RequestExtended.say(&[&id, &due])),
            },
            entry,
        ))
    })
}

/// An outcome as a message says it: the code in English (what one types
/// with `--outcome`), the word in Finnish and Swedish.
fn outcome_words(code: &str) -> String {
    match lang() {
        Lang::En => code.to_string(),
        l => crate::domain::words::request_state(code, l),
    }
}

fn close(session: &mut Session, args: RequestCloseArgs) -> Result<Output> {
    let note = optional_text("note", args.note)?;
    let outcome = args.outcome.name();
    let id = args.id;
    session.write("request-close", |tx, who| {
        let r = requests::load(tx, id)?;
        if !r.is_open() {
            let on = r
                .closed_at
                .as_deref()
                .and_then(|t| t.get(..10))
                .unwrap_or("");
            return Err(Error::invalid(
                "request",
                R::RequestClosedAlready.say(&[
                    &id,
                    &r.outcome
                        .as_deref()
                        .map_or(D::NoOutcome.to_string(), outcome_words),
                    &on,
                ]),
            ));
        }
        let due = stored_date(&r.due)?;
        let late = (who.today - due).num_days();
        requests::close(tx, id, outcome, note.as_deref(), &who.now, &who.operator)?;
        let r = requests::load(tx, id)?;
        let mut detail = format!("outcome={outcome}");
        let mut plain = D::RequestClosed.say(&[&id, &outcome_words(outcome)]);
        if late > 0 {
            detail.push_str(&format!(" late-days={late}"));
            plain.push_str(&D::RequestClosedLate.say(&[&late, &r.due]));
        }
        let entry = entry_for("request-close", &r).detail(detail);
        Ok((
            Output::Object {
                value: request_json(&r),
                plain: Some(plain),
            },
            entry,
        ))
    })
}

/// The columns of `request list` in a table, each headed by its key.
const LIST_COLUMNS: &[&str] = &[
    "id", "type", "received", "due", "flag", "extended", "status", "subjects", "outcome",
];

fn list(session: &mut Session, args: RequestListArgs) -> Result<Output> {
    let as_of = match &args.as_of {
        Some(text) => date_arg("as_of", text)?,
        None => session.who.today,
    };
    let filter = Filter {
        open_only: args.open,
        due_before: args.overdue.then(|| format_date(as_of)),
    };
    session.write("request-list", |tx, _| {
        let found = requests::list(tx, &filter)?;
        let mut rows = Vec::with_capacity(found.len());
        let mut subjects: Vec<String> = Vec::new();
        for r in &found {
            let u = if r.is_open() {
                urgency(stored_date(&r.due)?, as_of)
            } else {
                None
            };
            let mut m = request_json(r);
            m.insert("overdue".into(), (u == Some(Urgency::Overdue)).into());
            m.insert(
                "flag".into(),
                u.map(|u| Value::from(u.flag())).unwrap_or(Value::Null),
            );
            // Colour where it is allowed; the flag column says the same in text.
            if let Some(u) = u {
                let colour = match u {
                    Urgency::Overdue => "red",
                    Urgency::DueSoon => "yellow",
                };
                m.insert("_colour_due".into(), colour.into());
            }
            rows.push(m);
            for s in &r.subjects {
                if !subjects.contains(s) {
                    subjects.push(s.clone());
                }
            }
        }
        let mut detail = format!("as-of={}", format_date(as_of));
        if args.open {
            detail.push_str(" open");
        }
        if args.overdue {
            detail.push_str(" overdue");
        }
        let entry = Entry {
            records: subjects,
            ..Entry::new("request-list").rows(rows.len()).detail(detail)
        };
        Ok((
            Output::List {
                rows,
                table: crate::output::columns(LIST_COLUMNS),
            },
            entry,
        ))
    })
}

fn show(session: &mut Session, args: RequestShowArgs) -> Result<Output> {
    let id = args.id;
    session.write("request-show", |tx, _| {
        let r = requests::load(tx, id)?;
        let mut m = request_json(&r);
        for (key, value) in [
            ("extension_reason", &r.extension_reason),
            ("extended_at", &r.extended_at),
            ("extended_by", &r.extended_by),
            ("note", &r.note),
        ] {
            m.insert(key.into(), text_or_null(value));
        }
        m.insert("opened_at".into(), r.opened_at.clone().into());
        m.insert("opened_by".into(), r.opened_by.clone().into());
        m.insert("closed_at".into(), text_or_null(&r.closed_at));
        m.insert("closed_by".into(), text_or_null(&r.closed_by));
        let history: Vec<Value> = audit::for_request(tx, &id.to_string())?
            .into_iter()
            .map(|e| {
                let mut h = Map::new();
                h.insert("seq".into(), e.seq.into());
                h.insert("at".into(), e.at.into());
                h.insert("operator".into(), e.operator.into());
                h.insert("action".into(), e.action.into());
                h.insert("outcome".into(), e.outcome.into());
                h.insert("records".into(), e.records.into());
                h.insert("fields".into(), e.fields.into());
                h.insert("detail".into(), e.detail.into());
                Value::Object(h)
            })
            .collect();
        // Not in the request's own history (`request` stays empty), so that
        // reading a request does not add to what was done for it.
        let entry = Entry {
            records: r.subjects.clone(),
            ..Entry::new("request-show")
                .rows(history.len())
                .detail(format!("request={id}"))
        };
        m.insert("history".into(), history.into());
        Ok((
            Output::Object {
                value: m,
                plain: None,
            },
            entry,
        ))
    })
}
