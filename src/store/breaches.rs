//! The `breaches`, `breach_records` and `breach_assessments` tables:
//! personal data breaches (GDPR Art. 33, 34), the records they concern (by
//! id text, so erasure leaves them), their assessments and notifications.
//! Values arrive here checked; times are RFC 3339 UTC with milliseconds.

use crate::domain::breach::BreachId;
use crate::error::{Error, Result};
use crate::messages::R;

/// One assessment of a breach's risk.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// `unlikely`, `risk` or `high`.
    pub risk: String,
    pub reason: String,
    /// The likely consequences (Art. 33(3)(c)).
    pub consequences: Option<String>,
    /// The measures taken or proposed (Art. 33(3)(d)).
    pub measures: Option<String>,
    pub at: String,
    pub by: String,
}

/// A breach as stored.
/// A breach as stored; read by column name (`COLUMNS`).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Breach {
    #[serde(rename = "number", deserialize_with = "breach_id")]
    pub id: BreachId,
    pub aware_at: String,
    pub notify_by: String,
    pub description: String,
    /// Nature names in their fixed order.
    #[serde(deserialize_with = "natures")]
    pub nature: Vec<String>,
    pub approx_subjects: Option<i64>,
    pub data: Option<String>,
    pub client: Option<String>,
    pub authority_at: Option<String>,
    pub authority_reference: Option<String>,
    pub late_reason: Option<String>,
    pub authority_recorded_at: Option<String>,
    pub authority_recorded_by: Option<String>,
    pub subjects_at: Option<String>,
    pub subjects_by: Option<String>,
    pub letters: Option<i64>,
    pub skipped_erased: Option<i64>,
    pub client_at: Option<String>,
    pub client_by: Option<String>,
    /// `open` or `closed`.
    pub status: String,
    pub opened_at: String,
    pub opened_by: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    /// Record ids, e.g. `C-4`, in the order given.
    #[serde(skip)]
    pub records: Vec<String>,
    /// Oldest first; the last is in force.
    #[serde(skip)]
    pub assessments: Vec<Assessment>,
}

impl Breach {
    pub fn is_open(&self) -> bool {
        self.status == "open"
    }

    /// The assessment in force.
    pub fn assessment(&self) -> Option<&Assessment> {
        self.assessments.last()
    }

    pub fn risk(&self) -> Option<&str> {
        self.assessment().map(|a| a.risk.as_str())
    }

    /// Is the Ombudsman still to be told? Yes, unless told already or the
    /// breach is assessed as unlikely to result in a risk.
    pub fn awaits_authority(&self) -> bool {
        self.authority_at.is_none() && self.risk() != Some("unlikely")
    }
}

/// What `breach open` stores.
#[derive(Debug)]
pub struct NewBreach<'a> {
    pub aware_at: &'a str,
    pub notify_by: &'a str,
    pub description: &'a str,
    pub nature: &'a [&'a str],
    pub approx_subjects: Option<i64>,
    pub data: Option<&'a str>,
    pub client: Option<&'a str>,
    pub records: &'a [String],
    pub at: &'a str,
    pub by: &'a str,
}

const COLUMNS: &str = "number, aware_at, notify_by, description, nature, approx_subjects, data, client, authority_at, authority_reference, late_reason, authority_recorded_at, authority_recorded_by, subjects_at, subjects_by, letters, skipped_erased, client_at, client_by, status, opened_at, opened_by, closed_at, closed_by";

/// The stored number as a breach's id (a `Breach`'s `number` column).
fn breach_id<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<BreachId, D::Error> {
    <i64 as serde::Deserialize>::deserialize(d).map(BreachId)
}

/// The stored `confidentiality,integrity` as a list of natures.
fn natures<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    let joined = <String as serde::Deserialize>::deserialize(d)?;
    Ok(joined.split(',').map(str::to_string).collect())
}

/// A breach's records in the order given (rowid, on a server too:
/// `migrations/pg/010_documents.sql`) and its assessments, oldest first.
fn fill(conn: &impl super::On, b: &mut Breach) -> Result<()> {
    b.records = super::sql::rows(
        conn,
        "SELECT record FROM breach_records WHERE breach = ?1 ORDER BY rowid",
        &[&b.id.0],
        |r| r.get(0),
    )?;
    b.assessments = super::sql::rows(
        conn,
        "SELECT risk, reason, consequences, measures, at, by_operator
         FROM breach_assessments WHERE breach = ?1 ORDER BY id",
        &[&b.id.0],
        |r| {
            Ok(Assessment {
                risk: r.get(0)?,
                reason: r.get(1)?,
                consequences: r.get(2)?,
                measures: r.get(3)?,
                at: r.get(4)?,
                by: r.get(5)?,
            })
        },
    )?;
    Ok(())
}

/// Stores a new breach and returns its id. Records given twice are kept once.
pub fn insert(conn: &impl super::On, new: &NewBreach<'_>) -> Result<BreachId> {
    let nature = new.nature.join(",");
    let number = super::sql::insert_numbered(
        conn,
        "INSERT INTO breaches (aware_at, notify_by, description, nature, approx_subjects, data, client, opened_at, opened_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING number",
        &[
            &new.aware_at,
            &new.notify_by,
            &new.description,
            &nature,
            &new.approx_subjects,
            &new.data,
            &new.client,
            &new.at,
            &new.by,
        ],
        "INSERT INTO breach_records (breach, record) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        new.records,
    )?;
    Ok(BreachId(number))
}

pub fn get(conn: &impl super::On, id: BreachId) -> Result<Option<Breach>> {
    let sql = format!("SELECT {COLUMNS} FROM breaches WHERE number = ?1");
    let Some(mut found) = super::sql::first::<Breach>(conn, &sql, &[&id.0])? else {
        return Ok(None);
    };
    fill(conn, &mut found)?;
    Ok(Some(found))
}

/// A breach by id, or exit 4.
pub fn load(conn: &impl super::On, id: BreachId) -> Result<Breach> {
    get(conn, id)?.ok_or_else(|| Error::NotFound(R::NoBreach.say(&[&id])))
}

/// Every breach, by `notify_by` (then id); `open_only` leaves closed ones out.
pub fn list(conn: &impl super::On, open_only: bool) -> Result<Vec<Breach>> {
    let mut rows: Vec<Breach> = super::sql::all(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM breaches WHERE (NOT ?1 OR status = 'open') ORDER BY notify_by, number"
        ),
        &[&open_only],
    )?;
    for b in &mut rows {
        fill(conn, b)?;
    }
    Ok(rows)
}

/// Adds an assessment; the latest is in force.
pub fn assess(conn: &impl super::On, id: BreachId, a: &Assessment) -> Result<()> {
    super::sql::execute(
        conn,
        "INSERT INTO breach_assessments (breach, risk, reason, consequences, measures, at, by_operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[&id.0, &a.risk, &a.reason, &a.consequences, &a.measures, &a.at, &a.by],
    )?;
    Ok(())
}

/// Fails unless exactly one open row changed (the caller checked first).
fn one(n: u64, id: BreachId, what: &str) -> Result<()> {
    if n != 1 {
        return Err(Error::Internal(format!("{id} changed while {what}")));
    }
    Ok(())
}

/// The notification to the Ombudsman, once.
pub fn notify_authority(
    conn: &impl super::On,
    id: BreachId,
    at: &str,
    reference: Option<&str>,
    late_reason: Option<&str>,
    recorded_at: &str,
    by: &str,
) -> Result<()> {
    let n = super::sql::execute(
        conn,
        "UPDATE breaches SET authority_at = ?2, authority_reference = ?3, late_reason = ?4,
         authority_recorded_at = ?5, authority_recorded_by = ?6
         WHERE number = ?1 AND authority_at IS NULL AND status = 'open'",
        &[&id.0, &at, &reference, &late_reason, &recorded_at, &by],
    )?;
    one(n, id, "recording the notification")
}

/// The letters to the people: when they were last produced, how many, and
/// how many erased records were skipped.
pub fn notify_subjects(
    conn: &impl super::On,
    id: BreachId,
    letters: i64,
    skipped_erased: i64,
    at: &str,
    by: &str,
) -> Result<()> {
    let n = super::sql::execute(
        conn,
        "UPDATE breaches SET subjects_at = ?2, subjects_by = ?3, letters = ?4, skipped_erased = ?5
         WHERE number = ?1 AND status = 'open'",
        &[&id.0, &at, &by, &letters, &skipped_erased],
    )?;
    one(n, id, "recording the letters")
}

/// The notification to the client (Art. 33(2)), once.
pub fn notify_client(conn: &impl super::On, id: BreachId, at: &str, by: &str) -> Result<()> {
    let n = super::sql::execute(
        conn,
        "UPDATE breaches SET client_at = ?2, client_by = ?3
         WHERE number = ?1 AND client_at IS NULL AND client IS NOT NULL AND status = 'open'",
        &[&id.0, &at, &by],
    )?;
    one(n, id, "recording the client's notification")
}

pub fn close(conn: &impl super::On, id: BreachId, at: &str, by: &str) -> Result<()> {
    let n = super::sql::execute(
        conn,
        "UPDATE breaches SET status = 'closed', closed_at = ?2, closed_by = ?3
         WHERE number = ?1 AND status = 'open'",
        &[&id.0, &at, &by],
    )?;
    one(n, id, "closing it")
}

/// Open breaches past `notify_by` (at `now`) that still await the
/// Ombudsman's notification: `check` and `breach list --overdue`.
pub fn overdue(conn: &impl super::On, now: &str) -> Result<Vec<Breach>> {
    Ok(list(conn, true)?
        .into_iter()
        .filter(|b| b.awaits_authority() && b.notify_by.as_str() < now)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../../schema.sql"))
            .unwrap();
        conn.execute_batch(include_str!("../../migrations/004_breaches.sql"))
            .unwrap();
        conn
    }

    fn open(conn: &Connection, notify_by: &str, records: &[String]) -> BreachId {
        insert(
            conn,
            &NewBreach {
                aware_at: "2026-11-23T08:17:00.000Z",
                notify_by,
                description: "payroll e-mail to the wrong address",
                nature: &["confidentiality"],
                approx_subjects: Some(3),
                data: Some("salary"),
                client: None,
                records,
                at: "2026-11-23T09:00:00.000Z",
                by: "anne",
            },
        )
        .unwrap()
    }

    fn assessment(risk: &str) -> Assessment {
        Assessment {
            risk: risk.into(),
            reason: "r".into(),
            consequences: None,
            measures: None,
            at: "t".into(),
            by: "anne".into(),
        }
    }

    #[test]
    fn insert_assess_notify_close() {
        let conn = db();
        let records = vec!["C-2".to_string(), "E-1".into(), "C-2".into()];
        let id = open(&conn, "2026-11-26T09:00:00.000Z", &records);
        assert_eq!(id, BreachId(1));
        let b = load(&conn, id).unwrap();
        assert_eq!(b.records, ["C-2", "E-1"]);
        assert!(b.is_open() && b.awaits_authority() && b.risk().is_none());
        assess(&conn, id, &assessment("high")).unwrap();
        assess(&conn, id, &assessment("unlikely")).unwrap();
        let b = load(&conn, id).unwrap();
        assert_eq!(b.assessments.len(), 2);
        assert_eq!(b.risk(), Some("unlikely"));
        assert!(!b.awaits_authority());
        notify_authority(&conn, id, "t1", Some("ref"), None, "t1", "anne").unwrap();
        assert!(notify_authority(&conn, id, "t2", None, None, "t2", "anne").is_err());
        // no client: nothing to record
        assert!(notify_client(&conn, id, "t", "anne").is_err());
        notify_subjects(&conn, id, 1, 1, "t", "anne").unwrap();
        close(&conn, id, "t", "anne").unwrap();
        assert!(close(&conn, id, "t", "anne").is_err());
        assert!(matches!(load(&conn, BreachId(9)), Err(Error::NotFound(_))));
    }

    #[test]
    fn overdue_needs_a_notification_and_no_unlikely_assessment() {
        let conn = db();
        let a = open(&conn, "2026-11-20T09:00:00.000Z", &[]);
        let b = open(&conn, "2026-11-21T09:00:00.000Z", &[]);
        let c = open(&conn, "2026-11-22T09:00:00.000Z", &[]);
        let d = open(&conn, "2026-12-22T09:00:00.000Z", &[]);
        let e = open(&conn, "2026-11-19T09:00:00.000Z", &[]);
        notify_authority(&conn, a, "t", None, Some("late"), "t", "anne").unwrap();
        assess(&conn, b, &assessment("unlikely")).unwrap();
        assess(&conn, c, &assessment("risk")).unwrap();
        close(&conn, e, "t", "anne").unwrap();
        let ids: Vec<BreachId> = overdue(&conn, "2026-11-24T10:00:00.000Z")
            .unwrap()
            .into_iter()
            .map(|b| b.id)
            .collect();
        assert_eq!(ids, [c]);
        let all: Vec<BreachId> = list(&conn, false).unwrap().iter().map(|b| b.id).collect();
        assert_eq!(all, [e, a, b, c, d]);
        assert_eq!(list(&conn, true).unwrap().len(), 4);
    }
}
