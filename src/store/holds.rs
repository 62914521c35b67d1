//! Manual holds, the retention policy table and erasure receipts.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::date::parse_date;
use crate::domain::holds::{Facts, ManualHold, Policy};
use crate::domain::register::{RecordId, Register};
use crate::error::{Error, Result};
use crate::messages::{R, S};
use crate::store::records::Record;

pub fn policy(conn: &impl super::On, register: Register, lang_fi: bool) -> Result<Policy> {
    let ground = if lang_fi { "ground_fi" } else { "ground_en" };
    let months = |m: i64| {
        u32::try_from(m).map_err(|_| Error::Internal("a retention period out of range".into()))
    };
    super::sql::row(
        conn,
        &format!(
            "SELECT retention_months, hold_months, hold_overridable, {ground}, from_year_end FROM retention_policy WHERE register = ?1"
        ),
        &[&register.name()],
        |r| {
            Ok(Policy {
                register,
                retention_months: months(r.get(0)?)?,
                hold_months: months(r.get(1)?)?,
                hold_overridable: r.get(2)?,
                ground: r.get(3)?,
                from_year_end: r.get(4)?,
            })
        },
    )?
    .ok_or_else(|| Error::Storage(S::NoRetentionPolicy.say(&[&register])))
}

pub fn facts(record: &Record) -> Facts {
    let has_aml_data = [
        "aml_identified_on",
        "aml_id_document",
        "aml_pep",
        "aml_risk",
    ]
    .iter()
    .any(|f| record.get(f).is_some());
    Facts {
        register: record.register(),
        ended_on: record.ended_on.as_deref().and_then(|d| parse_date(d).ok()),
        has_aml_data,
    }
}

/// The manual holds of a record that have not been released.
pub fn manual(conn: &impl super::On, rowid: super::RecordKey) -> Result<Vec<ManualHold>> {
    let rows = super::sql::rows(
        conn,
        "SELECT id, reason, until FROM holds WHERE record = ?1 AND released_at IS NULL ORDER BY id",
        &[&rowid.0],
        |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?, r.get::<String>(2)?)),
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, reason, until)| {
            Some(ManualHold {
                id,
                reason,
                until: parse_date(&until).ok()?,
            })
        })
        .collect())
}

pub fn add_manual(
    conn: &impl super::On,
    rowid: super::RecordKey,
    reason: &str,
    until: NaiveDate,
    at: &str,
    by: &str,
) -> Result<i64> {
    let until = until.format("%Y-%m-%d").to_string();
    super::sql::row(
        conn,
        "INSERT INTO holds (record, reason, until, placed_at, placed_by) VALUES (?1, ?2, ?3, ?4, ?5)
         RETURNING id",
        &[&rowid.0, &reason, &until, &at, &by],
        |r| r.get(0),
    )?
    .ok_or_else(|| Error::Internal("INSERT … RETURNING returned no row".into()))
}

/// Releases a manual hold; returns the record it was on.
pub fn release(conn: &impl super::On, id: i64, at: &str, by: &str) -> Result<RecordId> {
    let row: Option<(String, i64, Option<String>)> = super::sql::row(
        conn,
        "SELECT r.register, r.number, h.released_at FROM holds h JOIN records r ON r.rowid = h.record WHERE h.id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let Some((register, number, released)) = row else {
        return Err(Error::NotFound(R::NoHold.say(&[&id])));
    };
    if let Some(at) = released {
        return Err(Error::invalid(
            "hold",
            R::HoldReleasedAlready.say(&[&id, &at]),
        ));
    }
    super::sql::execute(
        conn,
        "UPDATE holds SET released_at = ?2, released_by = ?3 WHERE id = ?1",
        &[&id, &at, &by],
    )?;
    let register: Register = register
        .parse()
        .map_err(|_| Error::Internal("unknown register".into()))?;
    Ok(RecordId { register, number })
}

/// What is left of an erased record.
#[derive(Debug, Clone, Serialize)]
pub struct Receipt {
    pub id: String,
    pub register: String,
    pub erased_at: String,
    pub erased_by: String,
    pub reason: String,
    pub request: Option<String>,
    pub holds_overridden: Option<String>,
}

pub fn add_receipt(conn: &impl super::On, id: RecordId, r: &Receipt) -> Result<()> {
    super::sql::execute(
        conn,
        "INSERT INTO erasures (register, number, erased_at, erased_by, reason, request, holds_overridden)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[
            &id.register.name(),
            &id.number,
            &r.erased_at,
            &r.erased_by,
            &r.reason,
            &r.request,
            &r.holds_overridden,
        ],
    )?;
    Ok(())
}
