//! Retention and deadlines passed: the records whose retention has ended
//! and that nothing holds (`retention report/sweep`, `check`), and the
//! breaches past their 72 hours (`check`).

use chrono::NaiveDate;

use crate::domain::breach::{format_local, parse_stored};
use crate::domain::date::format_date;
use crate::domain::holds;
use crate::domain::register::Register;
use crate::error::Result;
use crate::store::holds as store_holds;
use crate::store::records::{self, Record};
use crate::store::{breaches, Tx};

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
