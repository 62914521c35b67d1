//! The `requests` and `request_subjects` tables: data subject requests
//! (GDPR Art. 12(3)) with their due dates, extension and outcome. Values
//! arrive here checked and in normal form (dates ISO, names as in SPEC).

use crate::messages::M;

use crate::domain::request::RequestId;
use crate::error::{Error, Result};

/// A request as stored; read by column name (`COLUMNS`).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Request {
    #[serde(rename = "number", deserialize_with = "request_id")]
    pub id: RequestId,
    /// `access`, `rectification`, `erasure`, `restriction`, `portability`
    /// or `objection`.
    #[serde(rename = "type")]
    pub kind: String,
    pub received: String,
    pub due: String,
    pub extended: bool,
    pub extension_reason: Option<String>,
    pub extended_at: Option<String>,
    pub extended_by: Option<String>,
    /// `open` or `closed`.
    pub status: String,
    pub channel: Option<String>,
    /// How the person's identity was verified (may be personal).
    pub identity_verified: Option<String>,
    pub outcome: Option<String>,
    pub note: Option<String>,
    pub opened_at: String,
    pub opened_by: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    /// Record ids, e.g. `C-4`, in the order given.
    #[serde(skip)]
    pub subjects: Vec<String>,
}

impl Request {
    pub fn is_open(&self) -> bool {
        self.status == "open"
    }
}

/// What `request open` stores.
#[derive(Debug)]
pub struct NewRequest<'a> {
    pub kind: &'a str,
    pub received: &'a str,
    pub due: &'a str,
    pub channel: Option<&'a str>,
    pub identity_verified: Option<&'a str>,
    pub subjects: &'a [String],
    pub at: &'a str,
    pub by: &'a str,
}

const COLUMNS: &str = "number, type, received, due, extended, extension_reason, extended_at, extended_by, status, channel, identity_verified, outcome, note, opened_at, opened_by, closed_at, closed_by";

/// The stored number as a request's id (a `Request`'s `number` column).
fn request_id<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<RequestId, D::Error> {
    <i64 as serde::Deserialize>::deserialize(d).map(RequestId)
}

/// A request's subjects in the order given: a file's `rowid`; a server's
/// table has none, and its rows are never updated or deleted, so their
/// physical order (`ctid`) is the order they were inserted in.
fn subjects(conn: &impl super::On, number: i64) -> Result<Vec<String>> {
    let sql = match super::tx::db(conn) {
        super::tx::Db::File(_) => {
            "SELECT subject FROM request_subjects WHERE request = ?1 ORDER BY rowid"
        }
        super::tx::Db::Server(_) => {
            "SELECT subject FROM request_subjects WHERE request = ?1 ORDER BY ctid"
        }
    };
    super::sql::rows(conn, sql, &[&number], |r| r.get(0))
}

pub fn get(conn: &impl super::On, id: RequestId) -> Result<Option<Request>> {
    let sql = format!("SELECT {COLUMNS} FROM requests WHERE number = ?1");
    let Some(mut found) = super::sql::first::<Request>(conn, &sql, &[&id.0])? else {
        return Ok(None);
    };
    found.subjects = subjects(conn, id.0)?;
    Ok(Some(found))
}

/// Stores a new request and returns its id. Subjects given twice are kept once.
pub fn insert(conn: &impl super::On, new: &NewRequest<'_>) -> Result<RequestId> {
    let number = super::sql::insert_numbered(
        conn,
        "INSERT INTO requests (type, received, due, channel, identity_verified, opened_at, opened_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING number",
        &[
            &new.kind,
            &new.received,
            &new.due,
            &new.channel,
            &new.identity_verified,
            &new.at,
            &new.by,
        ],
        "INSERT INTO request_subjects (request, subject) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        new.subjects,
    )?;
    Ok(RequestId(number))
}

/// A request by id, or exit 4.
pub fn load(conn: &impl super::On, id: RequestId) -> Result<Request> {
    get(conn, id)?.ok_or_else(|| Error::NotFound(M::NoRequest.say(&[&id])))
}

/// Which requests `list` returns.
#[derive(Debug, Default)]
pub struct Filter {
    pub open_only: bool,
    /// Only open requests due before this ISO date.
    pub due_before: Option<String>,
}

/// Requests by due date (then id).
pub fn list(conn: &impl super::On, filter: &Filter) -> Result<Vec<Request>> {
    let open_only = filter.open_only || filter.due_before.is_some();
    let mut rows: Vec<Request> = super::sql::all(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM requests
             WHERE (NOT ?1 OR status = 'open') AND (CAST(?2 AS TEXT) IS NULL OR due < ?2)
             ORDER BY due, number"
        ),
        &[&open_only, &filter.due_before],
    )?;
    for r in &mut rows {
        r.subjects = subjects(conn, r.id.0)?;
    }
    Ok(rows)
}

/// Sets the extended due date, once (the caller checks that it is the first).
pub fn extend(
    conn: &impl super::On,
    id: RequestId,
    due: &str,
    reason: &str,
    at: &str,
    by: &str,
) -> Result<()> {
    let n = super::sql::execute(
        conn,
        "UPDATE requests SET due = ?2, extended = true, extension_reason = ?3, extended_at = ?4, extended_by = ?5
         WHERE number = ?1 AND NOT extended AND status = 'open'",
        &[&id.0, &due, &reason, &at, &by],
    )?;
    if n != 1 {
        return Err(Error::Internal(format!("{id} changed while extending it")));
    }
    Ok(())
}

/// Closes an open request with its outcome.
pub fn close(
    conn: &impl super::On,
    id: RequestId,
    outcome: &str,
    note: Option<&str>,
    at: &str,
    by: &str,
) -> Result<()> {
    let n = super::sql::execute(
        conn,
        "UPDATE requests SET status = 'closed', outcome = ?2, note = ?3, closed_at = ?4, closed_by = ?5
         WHERE number = ?1 AND status = 'open'",
        &[&id.0, &outcome, &note, &at, &by],
    )?;
    if n != 1 {
        return Err(Error::Internal(format!("{id} changed while closing it")));
    }
    Ok(())
}

/// Writes a request's free text (how the identity was verified, the
/// reason for the extension, the closing note) anew: an erasure redacts
/// it. With `secure_delete` the old text is overwritten in the file; on a
/// server the erasure vacuums the table afterwards (`store/mod.rs`).
pub fn set_free_text(
    conn: &impl super::On,
    id: RequestId,
    identity_verified: Option<&str>,
    extension_reason: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    super::sql::execute(
        conn,
        "UPDATE requests SET identity_verified = ?2, extension_reason = ?3, note = ?4 WHERE number = ?1",
        &[&id.0, &identity_verified, &extension_reason, &note],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../../schema.sql"))
            .unwrap();
        conn
    }

    fn open(conn: &Connection, due: &str, subjects: &[String]) -> RequestId {
        insert(
            conn,
            &NewRequest {
                kind: "access",
                received: "2026-11-01",
                due,
                channel: Some("email"),
                identity_verified: None,
                subjects,
                at: "2026-11-24T10:00:00Z",
                by: "anne",
            },
        )
        .unwrap()
    }

    #[test]
    fn insert_get_extend_close() {
        let conn = db();
        let subjects = vec!["C-2".to_string(), "C-1".into(), "C-2".into()];
        let id = open(&conn, "2026-12-01", &subjects);
        assert_eq!(id, RequestId(1));
        let r = load(&conn, id).unwrap();
        assert_eq!(r.subjects, ["C-2", "C-1"]);
        assert!(r.is_open() && !r.extended);
        extend(&conn, id, "2027-02-01", "complex", "t", "anne").unwrap();
        assert!(extend(&conn, id, "2027-03-01", "again", "t", "anne").is_err());
        close(&conn, id, "fulfilled", None, "t", "anne").unwrap();
        assert!(close(&conn, id, "refused", None, "t", "anne").is_err());
        let r = load(&conn, id).unwrap();
        assert_eq!(
            (r.due.as_str(), r.outcome.as_deref()),
            ("2027-02-01", Some("fulfilled"))
        );
        assert!(matches!(load(&conn, RequestId(9)), Err(Error::NotFound(_))));
    }

    #[test]
    fn list_filters_and_orders_by_due() {
        let conn = db();
        let a = open(&conn, "2026-12-10", &[]);
        let b = open(&conn, "2026-11-20", &[]);
        let c = open(&conn, "2026-11-01", &[]);
        close(&conn, c, "fulfilled", None, "t", "anne").unwrap();
        let ids = |f: &Filter| -> Vec<RequestId> {
            list(&conn, f).unwrap().into_iter().map(|r| r.id).collect()
        };
        assert_eq!(ids(&Filter::default()), [c, b, a]);
        let open_only = Filter {
            open_only: true,
            ..Filter::default()
        };
        assert_eq!(ids(&open_only), [b, a]);
        let overdue = Filter {
            due_before: Some("2026-11-24".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&overdue), [b]);
    }
}

/// A data subject request as the person's access report lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SubjectRequest {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub received: String,
    pub due: String,
    pub extended: bool,
    pub status: String,
    pub outcome: Option<String>,
}

/// The requests that name record `subject` (its id, e.g. `C-12`).
pub fn of_subject(conn: &impl super::On, subject: &str) -> Result<Vec<SubjectRequest>> {
    super::sql::rows(
        conn,
        "SELECT q.number, q.type, q.received, q.due, q.extended, q.status, q.outcome
         FROM requests q JOIN request_subjects s ON s.request = q.number WHERE s.subject = ?1",
        &[&subject],
        |r| {
            Ok(SubjectRequest {
                id: format!("REQ-{}", r.get::<i64>(0)?),
                kind: r.get(1)?,
                received: r.get(2)?,
                due: r.get(3)?,
                extended: r.get(4)?,
                status: r.get(5)?,
                outcome: r.get(6)?,
            })
        },
    )
}
