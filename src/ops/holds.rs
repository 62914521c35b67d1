//! What keeps a record from being erased, and until when it is kept:
//! read by `show`, `erase`, `retention` and `check`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::date::format_date;
use crate::domain::holds::{self, Hold};
use crate::error::Result;
use crate::store::holds as store_holds;
use crate::store::records::Record;
use crate::store::Tx;

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

/// [`HoldView`] as JSON.
pub fn hold_json(h: &Hold) -> serde_json::Value {
    serde_json::to_value(HoldView::from(h)).unwrap_or_default()
}
