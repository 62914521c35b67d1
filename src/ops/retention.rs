//! Retention and deadlines passed: the records whose retention has ended
//! and that nothing holds (`retention report/sweep`, `check`), and the
//! breaches past their 72 hours (`check`). The sweep erases the way
//! `erase` does (DOMAIN §5), in batches of [`SWEEP_BATCH`] records, each
//! batch one transaction ([`sweep_batch`]); the caller has the register
//! to itself for the whole sweep.

use chrono::NaiveDate;
use serde::Serialize;

use super::erase::{erase_one, How, RequestTexts};
use super::holds::holds_of;
use super::Who;
use crate::domain::breach::{format_local, parse_stored};
use crate::domain::date::format_date;
use crate::domain::holds;
use crate::domain::register::{RecordId, Register};
use crate::error::{Error, Result};
use crate::messages::M;
use crate::store::audit::Entry;
use crate::store::holds as store_holds;
use crate::store::operators::Role;
use crate::store::records::{self, Record};
use crate::store::{breaches, Tx};

pub use super::erase::SWEEP_BATCH;

/// What `retention report` and `retention sweep` are asked.
pub struct RetentionOptions {
    /// The day retention is judged on (`--as-of`, or today); a sweep's
    /// is never after today (the command refuses that).
    pub day: NaiveDate,
    /// List, and erase, restricted records too (Art. 18): an admin's
    /// decision, also when only listing them.
    pub include_restricted: bool,
}

/// A row of `retention report` and `retention sweep`: a record past its
/// retention that nothing holds.
#[derive(Serialize, Clone)]
pub struct ExpiredRow {
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    pub register: &'static str,
    pub ended_on: Option<String>,
    pub retention_limit: String,
    pub erasable_from: String,
    pub rule: String,
    /// Set when the record is restricted: its person must be told
    /// before it is erased (Art. 18(3)).
    pub restricted_since: Option<String>,
}

impl ExpiredRow {
    fn of(e: &Expired) -> ExpiredRow {
        ExpiredRow {
            id: e.record.id,
            register: e.record.register().name(),
            ended_on: e.record.ended_on.clone(),
            retention_limit: format_date(e.limit),
            erasable_from: format_date(e.from),
            rule: e.rule.clone(),
            restricted_since: e.restricted_since.clone(),
        }
    }
}

/// `--include-restricted` lets restricted records be erased: an admin's
/// decision, also when only listing them as sweepable.
fn restricted_allowed(who: &Who, include_restricted: bool, action: &str) -> Result<()> {
    if include_restricted && who.role < Role::Admin {
        return Err(Error::Refused(M::NeedsRole.say(&[
            &format!("{action} --include-restricted"),
            &"admin",
            &who.operator,
            &who.role.name(),
        ])));
    }
    Ok(())
}

/// `retention report`: the records past retention on `o.day`.
pub fn report(tx: &Tx<'_>, who: &Who, o: &RetentionOptions) -> Result<(Vec<ExpiredRow>, Entry)> {
    restricted_allowed(who, o.include_restricted, "retention report")?;
    let rows: Vec<ExpiredRow> = expired(tx, o.day, o.include_restricted)?
        .iter()
        .map(ExpiredRow::of)
        .collect();
    let mut detail = format!("as_of={}", format_date(o.day));
    if o.include_restricted {
        detail.push_str(" include-restricted");
    }
    let entry = Entry::new("retention-report")
        .rows(rows.len())
        .detail(detail);
    Ok((rows, entry))
}

/// The plan of `retention sweep` (all of a `--dry-run`): what it would
/// erase on `o.day`.
pub fn sweep_plan(
    tx: &Tx<'_>,
    who: &Who,
    o: &RetentionOptions,
    dry_run: bool,
) -> Result<(Vec<ExpiredRow>, Entry)> {
    restricted_allowed(who, o.include_restricted, "retention sweep")?;
    let rows: Vec<ExpiredRow> = expired(tx, o.day, o.include_restricted)?
        .iter()
        .map(ExpiredRow::of)
        .collect();
    let entry = Entry::new("retention-sweep")
        .rows(rows.len())
        .detail(format!(
            "as_of={} {}{}",
            format_date(o.day),
            if dry_run { "dry-run" } else { "plan" },
            if o.include_restricted {
                " include-restricted"
            } else {
                ""
            }
        ));
    Ok((rows, entry))
}

/// The reason every receipt of a sweep keeps. It is fixed text, not
/// typed by anyone, so it is not checked against the person's values.
const SWEEP_REASON: &str = "retention period ended (retention sweep)";

/// Erases one batch of the plan in one transaction, an `erase` audit
/// entry per record, and returns the rows erased. Each record is judged
/// again first: something may have changed since the plan was made.
pub fn sweep_batch(
    tx: &Tx<'_>,
    who: &Who,
    o: &RetentionOptions,
    batch: &[ExpiredRow],
) -> Result<(Vec<ExpiredRow>, Vec<Entry>)> {
    let mut rows = Vec::new();
    let mut entries = Vec::new();
    let mut texts = RequestTexts::load(tx)?;
    for row in batch {
        let Some(record) = records::get(tx, row.id)? else {
            continue;
        };
        if !holds_of(tx, &record, o.day)?.is_empty()
            || (record.restricted_at.is_some() && !o.include_restricted)
        {
            continue;
        }
        let how = How {
            day: o.day,
            reason: SWEEP_REASON,
            request: None,
            override_hold: false,
            include_restricted: o.include_restricted,
        };
        let erased = erase_one(tx, who, &record, &how, &mut texts)?;
        let mut entry = erased.entry(None);
        entry.detail = format!("{} retention-sweep", entry.detail)
            .trim()
            .to_string();
        entries.push(entry);
        rows.push(row.clone());
    }
    Ok((rows, entries))
}

/// A record past its retention limit that nothing holds on `day`.
pub struct Expired {
    pub record: Record,
    pub limit: NaiveDate,
    /// The first day it must be erased (the day after a year-end limit).
    pub from: NaiveDate,
    pub rule: String,
    /// Set when the record is restricted (listed only with `--include-restricted`).
    pub restricted_since: Option<String>,
}

/// Every record whose retention has ended by `day` and that no hold keeps;
/// restricted records (Art. 18) only with `include_restricted`.
pub fn expired(conn: &Tx<'_>, day: NaiveDate, include_restricted: bool) -> Result<Vec<Expired>> {
    let mut out = Vec::new();
    for register in Register::ALL {
        let policy = store_holds::policy(conn, register, false)?;
        // Every end date on or before this bound may have passed its limit;
        // the exact, date-precise test follows per record.
        let bound = day
            .checked_sub_months(chrono::Months::new(policy.retention_months))
            .unwrap_or(NaiveDate::MIN)
            + chrono::Days::new(3);
        let keys = records::ended_by(conn, register, &format_date(bound))?;
        for key in keys {
            let Some(record) = records::get_by_key(conn, key)? else {
                continue;
            };
            if record.restricted_at.is_some() && !include_restricted {
                continue;
            }
            let facts = store_holds::facts(&record);
            let (Some(limit), Some(from)) = (
                holds::retention_limit(&facts, &policy),
                holds::erasable_from(&facts, &policy),
            ) else {
                continue;
            };
            if from > day {
                continue;
            }
            let manual = store_holds::manual(conn, key)?;
            if holds::holds(&facts, &policy, &manual, day).is_empty() {
                let restricted_since = record
                    .restricted_at
                    .as_ref()
                    .map(|at| at.get(..10).unwrap_or(at).to_string());
                out.push(Expired {
                    record,
                    limit,
                    from,
                    rule: policy.ground.clone(),
                    restricted_since,
                });
            }
        }
    }
    Ok(out)
}

/// The ids and retention limits of the records past retention (`check`).
/// A restricted record is kept on purpose (Art. 18) and is not a gap.
pub fn expired_ids(conn: &Tx<'_>, day: NaiveDate) -> Result<Vec<(String, String)>> {
    Ok(expired(conn, day, false)?
        .iter()
        .map(|e| (e.record.id.to_string(), format_date(e.limit)))
        .collect())
}

/// The `check` gaps for breaches: open ones past `notify_by` that neither
/// were notified nor were assessed as unlikely to result in a risk.
pub fn overdue_gaps(tx: &Tx<'_>, now: &str) -> Result<Vec<(String, String)>> {
    Ok(breaches::overdue(tx, now)?
        .into_iter()
        .map(|b| {
            let by = parse_stored(&b.notify_by)
                .map(format_local)
                .unwrap_or_else(|| b.notify_by.clone());
            (
                b.id.to_string(),
                format!(
                    "a notification to the Data Protection Ombudsman (due {by} Helsinki time), or an assessment that a risk is unlikely"
                ),
            )
        })
        .collect())
}
