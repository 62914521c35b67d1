//! What keeps a record from being erased, and until when it is kept:
//! read by `show`, `erase`, `retention` and `check`; and the manual holds
//! an admin adds and releases (`hold add/release`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::date::format_date;
use crate::domain::holds::{self, Hold};
use crate::domain::register::RecordId;
use crate::error::{Error, Result};
use crate::messages::M;
use crate::store::audit::Entry;
use crate::store::holds as store_holds;
use crate::store::records::Record;
use crate::store::Tx;

use super::records::load;
use super::Who;

/// The holds on a record on a day, from the policy table.
pub fn holds_of(tx: &Tx<'_>, record: &Record, day: NaiveDate) -> Result<Vec<Hold>> {
    let policy = store_holds::policy(tx, record.register(), false)?;
    let manual = store_holds::manual(tx, record.key)?;
    Ok(holds::holds(
        &store_holds::facts(record),
        &policy,
        &manual,
        day,
    ))
}

/// The retention limit of a record and the rule behind it.
pub fn retention_of(tx: &Tx<'_>, record: &Record) -> Result<(Option<NaiveDate>, String)> {
    let policy = store_holds::policy(tx, record.register(), false)?;
    Ok((
        holds::retention_limit(&store_holds::facts(record), &policy),
        policy.ground,
    ))
}

/// A hold as `show` and `erase --dry-run` print it.
#[derive(Debug, Clone, Serialize)]
pub struct HoldView {
    pub kind: &'static str,
    pub hold_id: Option<i64>,
    pub reason: String,
    pub until: Option<String>,
    pub overridable: bool,
}

impl From<&Hold> for HoldView {
    fn from(h: &Hold) -> HoldView {
        HoldView {
            kind: h.kind,
            hold_id: h.id,
            reason: h.reason.clone(),
            until: h.until.map(format_date),
            overridable: h.overridable,
        }
    }
}

/// Holds as a list of [`HoldView`] (`#[serde(serialize_with)]`).
pub(crate) fn hold_views<S: serde::Serializer>(
    holds: &[Hold],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(holds.iter().map(HoldView::from))
}

/// A manual hold to add (`hold add`).
pub struct AddHoldOptions<'a> {
    /// The record held.
    pub id: RecordId,
    /// Why: trimmed and not empty; free text, never shown in a refusal.
    pub reason: &'a str,
    /// The day the hold ends; must be after today.
    pub until: NaiveDate,
}

/// A manual hold added or released (the JSON of `hold add/release`).
#[derive(Serialize)]
pub struct HoldChanged {
    pub hold_id: i64,
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    /// The day an added hold ends; absent for a release.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// Adds a manual hold to a record, with its audit entry.
pub fn add(tx: &Tx<'_>, who: &Who, o: &AddHoldOptions<'_>) -> Result<(HoldChanged, Entry)> {
    if o.until <= who.today {
        return Err(Error::invalid("until", M::MustBeAfterToday));
    }
    let record = load(tx, o.id)?;
    let hold_id =
        store_holds::add_manual(tx, record.key, o.reason, o.until, &who.now, &who.operator)?;
    let until = format_date(o.until);
    let entry = Entry::new("hold-add")
        .record(o.id)
        .detail(format!("hold_id={hold_id} until={until}"));
    let added = HoldChanged {
        hold_id,
        id: o.id,
        until: Some(until),
    };
    Ok((added, entry))
}

/// Releases a manual hold, with its audit entry.
pub fn release(tx: &Tx<'_>, who: &Who, hold_id: i64) -> Result<(HoldChanged, Entry)> {
    let id = store_holds::release(tx, hold_id, &who.now, &who.operator)?;
    let entry = Entry::new("hold-release")
        .record(id)
        .detail(format!("hold_id={hold_id}"));
    let released = HoldChanged {
        hold_id,
        id,
        until: None,
    };
    Ok((released, entry))
}
