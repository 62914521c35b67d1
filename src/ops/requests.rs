//! Data subject requests and their legal deadlines (GDPR Art. 12(3),
//! DOMAIN.md §6): the operations of `request open/extend/close/list/show`.
//! The due date is one month after receipt, or three after one extension,
//! moved to the next working day ([`request_due`]).

use chrono::NaiveDate;
use serde::Serialize;

use super::records::load as load_record;
use super::Who;
use crate::domain::calendar::request_due;
use crate::domain::date::{format_date, parse_date};
use crate::domain::register::RecordId;
use crate::domain::request::{may_extend, urgency, RequestId, Urgency};
use crate::error::{Error, Result};
use crate::messages::{lang, Lang, D, R};
use crate::store::audit::{self, Entry, Stored};
use crate::store::requests::{self, Filter, NewRequest, Request};
use crate::store::Tx;

/// A date typed by the user, refused by field name (exit 3).
pub fn date_arg(field: &str, text: &str) -> Result<NaiveDate> {
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
pub fn optional_text(field: &str, text: Option<String>) -> Result<Option<String>> {
    text.map(|t| required_text(field, &t)).transpose()
}

/// A request as SPEC §4 shows it in json.
#[derive(Serialize)]
pub struct RequestView {
    #[serde(serialize_with = "super::as_text")]
    pub id: RequestId,
    #[serde(rename = "type")]
    pub kind: String,
    pub received: String,
    pub due: String,
    pub extended: bool,
    pub status: String,
    pub subjects: Vec<String>,
    pub channel: Option<String>,
    pub identity_verified: Option<String>,
    pub outcome: Option<String>,
}

impl From<&Request> for RequestView {
    fn from(r: &Request) -> RequestView {
        RequestView {
            id: r.id,
            kind: r.kind.clone(),
            received: r.received.clone(),
            due: r.due.clone(),
            extended: r.extended,
            status: r.status.clone(),
            subjects: r.subjects.clone(),
            channel: r.channel.clone(),
            identity_verified: r.identity_verified.clone(),
            outcome: r.outcome.clone(),
        }
    }
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

/// What `request open` is asked to record.
pub struct OpenOptions<'a> {
    /// The request's type (`access`, `erasure`, …).
    pub kind: &'a str,
    /// The day it was received: not after today (the caller checks).
    pub received: NaiveDate,
    /// How it came in, if said.
    pub channel: Option<&'a str>,
    /// How the person's identity was verified: trimmed, not blank.
    pub identity_verified: Option<&'a str>,
    /// The records it concerns; each must exist, repeats are dropped.
    pub subjects: &'a [RecordId],
}

/// Opens a request due one month after receipt.
pub fn open(tx: &Tx<'_>, who: &Who, o: &OpenOptions<'_>) -> Result<(Request, Entry)> {
    let due = format_date(request_due(o.received, 1));
    let mut subjects: Vec<String> = Vec::new();
    for id in o.subjects {
        load_record(tx, *id)?;
        let id = id.to_string();
        if !subjects.contains(&id) {
            subjects.push(id);
        }
    }
    let id = requests::insert(
        tx,
        &NewRequest {
            kind: o.kind,
            received: &format_date(o.received),
            due: &due,
            channel: o.channel,
            identity_verified: o.identity_verified,
            subjects: &subjects,
            at: &who.now,
            by: &who.operator,
        },
    )?;
    let r = requests::load(tx, id)?;
    // The type and channel only: the identity method may be personal.
    let mut detail = format!("type={}", o.kind);
    if let Some(c) = o.channel {
        detail.push_str(&format!(" channel={c}"));
    }
    let entry = entry_for("request-open", &r).detail(detail);
    Ok((r, entry))
}

/// Extends an open request once, to three months after receipt, while its
/// first deadline has not passed. `reason` is trimmed and not blank.
pub fn extend(tx: &Tx<'_>, who: &Who, id: RequestId, reason: &str) -> Result<(Request, Entry)> {
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
    requests::extend(tx, id, &due, reason, &who.now, &who.operator)?;
    let r = requests::load(tx, id)?;
    let entry = entry_for("request-extend", &r).detail(format!("due={due}"));
    Ok((r, entry))
}

/// What `request close` is asked to record.
pub struct CloseOptions<'a> {
    pub id: RequestId,
    /// `granted`, `refused`, … (what one types with `--outcome`).
    pub outcome: &'a str,
    /// A note: trimmed, not blank.
    pub note: Option<&'a str>,
}

/// A closed request, and how many days after its due date it was closed.
pub struct Closed {
    pub request: Request,
    /// Days after the due date (0 or less: in time).
    pub late_days: i64,
}

/// An outcome as a message says it: the code in English (what one types
/// with `--outcome`), the word in Finnish and Swedish.
pub fn outcome_words(code: &str) -> String {
    match lang() {
        Lang::En => code.to_string(),
        l => crate::domain::words::request_state(code, l),
    }
}

/// Closes an open request with its outcome.
pub fn close(tx: &Tx<'_>, who: &Who, o: &CloseOptions<'_>) -> Result<(Closed, Entry)> {
    let id = o.id;
    let r = requests::load(tx, id)?;
    if !r.is_open() {
        let on = r
            .closed_at
            .as_deref()
            .and_then(|t| t.get(..10))
            .unwrap_or("");
        let outcome = r
            .outcome
            .as_deref()
            .map_or(D::NoOutcome.to_string(), outcome_words);
        return Err(Error::invalid(
            "request",
            R::RequestClosedAlready.say(&[&id, &outcome, &on]),
        ));
    }
    let due = stored_date(&r.due)?;
    let late_days = (who.today - due).num_days();
    requests::close(tx, id, o.outcome, o.note, &who.now, &who.operator)?;
    let request = requests::load(tx, id)?;
    let mut detail = format!("outcome={}", o.outcome);
    if late_days > 0 {
        detail.push_str(&format!(" late-days={late_days}"));
    }
    let entry = entry_for("request-close", &request).detail(detail);
    Ok((Closed { request, late_days }, entry))
}

/// What `request list` is asked for.
pub struct ListOptions {
    /// The day urgency is judged on (`--as-of`, else today).
    pub as_of: NaiveDate,
    /// Open requests only.
    pub open: bool,
    /// Only those due before `as_of`.
    pub overdue: bool,
}

/// A row of `request list`: the request, and its urgency on the day.
#[derive(Serialize)]
pub struct ListRow {
    #[serde(flatten)]
    pub request: RequestView,
    pub overdue: bool,
    pub flag: Option<&'static str>,
    /// Colour where it is allowed; the flag column says the same in text.
    #[serde(rename = "_colour_due", skip_serializing_if = "Option::is_none")]
    pub colour: Option<&'static str>,
}

/// The requests, oldest first, with their urgency on `as_of`.
pub fn list(tx: &Tx<'_>, o: &ListOptions) -> Result<(Vec<ListRow>, Entry)> {
    let filter = Filter {
        open_only: o.open,
        due_before: o.overdue.then(|| format_date(o.as_of)),
    };
    let found = requests::list(tx, &filter)?;
    let mut rows = Vec::with_capacity(found.len());
    let mut subjects: Vec<String> = Vec::new();
    for r in &found {
        let u = if r.is_open() {
            urgency(stored_date(&r.due)?, o.as_of)
        } else {
            None
        };
        rows.push(ListRow {
            request: RequestView::from(r),
            overdue: u == Some(Urgency::Overdue),
            flag: u.map(|u| u.flag()),
            colour: u.map(|u| match u {
                Urgency::Overdue => "red",
                Urgency::DueSoon => "yellow",
            }),
        });
        for s in &r.subjects {
            if !subjects.contains(s) {
                subjects.push(s.clone());
            }
        }
    }
    let mut detail = format!("as-of={}", format_date(o.as_of));
    if o.open {
        detail.push_str(" open");
    }
    if o.overdue {
        detail.push_str(" overdue");
    }
    let entry = Entry {
        records: subjects,
        ..Entry::new("request-list").rows(rows.len()).detail(detail)
    };
    Ok((rows, entry))
}

/// An entry of a request's history in `request show`.
#[derive(Serialize)]
pub struct HistoryRow {
    pub seq: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub outcome: String,
    pub records: String,
    pub fields: String,
    pub detail: String,
}

impl From<Stored> for HistoryRow {
    fn from(e: Stored) -> HistoryRow {
        HistoryRow {
            seq: e.seq,
            at: e.at,
            operator: e.operator,
            action: e.action,
            outcome: e.outcome,
            records: e.records,
            fields: e.fields,
            detail: e.detail,
        }
    }
}

/// A request with all it holds and its history (the JSON of `request show`).
#[derive(Serialize)]
pub struct Shown {
    #[serde(flatten)]
    pub request: RequestView,
    pub extension_reason: Option<String>,
    pub extended_at: Option<String>,
    pub extended_by: Option<String>,
    pub note: Option<String>,
    pub opened_at: String,
    pub opened_by: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub history: Vec<HistoryRow>,
}

/// One request and what was done for it.
pub fn show(tx: &Tx<'_>, id: RequestId) -> Result<(Shown, Entry)> {
    let r = requests::load(tx, id)?;
    let history: Vec<HistoryRow> = audit::for_request(tx, &id.to_string())?
        .into_iter()
        .map(HistoryRow::from)
        .collect();
    // Not in the request's own history (`request` stays empty), so that
    // reading a request does not add to what was done for it.
    let entry = Entry {
        records: r.subjects.clone(),
        ..Entry::new("request-show")
            .rows(history.len())
            .detail(format!("request={id}"))
    };
    let shown = Shown {
        request: RequestView::from(&r),
        extension_reason: r.extension_reason,
        extended_at: r.extended_at,
        extended_by: r.extended_by,
        note: r.note,
        opened_at: r.opened_at,
        opened_by: r.opened_by,
        closed_at: r.closed_at,
        closed_by: r.closed_by,
        history,
    };
    Ok((shown, entry))
}
