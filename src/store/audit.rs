//! The audit log (SPEC §5): one entry per command, appended in the same
//! transaction as the change it records, chained by SHA-256 so that an
//! altered or removed entry breaks the chain. Entries hold ids, field names
//! and counts, never a personal value, so erasure never touches them.

use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::domain::checkpoint::Checkpoint;
use crate::error::Result;
use crate::messages::S;

/// The `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What one command did. Build it with the command's facts; `operator`
/// and time are filled in by [`append`].
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub action: String,
    /// `ok`, `refused` or `failed`.
    pub outcome: String,
    pub records: Vec<String>,
    pub fields: Vec<String>,
    pub request: Option<String>,
    pub rows: i64,
    /// Non-personal detail: flags used, formats, counts by kind.
    pub detail: String,
}

impl Entry {
    pub fn new(action: &str) -> Entry {
        Entry {
            action: action.to_string(),
            outcome: "ok".into(),
            ..Entry::default()
        }
    }

    pub fn record(mut self, id: impl ToString) -> Entry {
        self.records.push(id.to_string());
        self
    }

    pub fn rows(mut self, rows: usize) -> Entry {
        self.rows = rows as i64;
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Entry {
        self.detail = detail.into();
        self
    }
}

/// A stored entry, as `export audit` shows it; read by column name
/// (`COLUMNS`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Stored {
    pub seq: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub outcome: String,
    pub records: String,
    pub fields: String,
    pub request: Option<String>,
    pub rows: i64,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry: SHA-256 of its fields and the previous hash as a
/// JSON array, which has one spelling for each list of values. Public
/// because anyone can recompute it (that is why checkpoints exist); the
/// tests use it to forge a re-hashed log.
///
/// The array is serialised straight into the hasher as a tuple (serde_json
/// writes a tuple as the same array text), and the digest written as hex
/// without an allocation per byte: `audit verify` hashes every entry, a
/// million in a few seconds (issue #15).
pub fn hash_of(s: &Stored) -> String {
    let canonical = (
        &s.prev_hash,
        s.seq,
        &s.at,
        &s.operator,
        &s.action,
        &s.outcome,
        &s.records,
        &s.fields,
        &s.request,
        s.rows,
        &s.detail,
    );
    let mut hasher = Sha256::new();
    serde_json::to_writer(&mut hasher, &canonical).expect("hashing cannot fail to write");
    hex(&hasher.finalize())
}

/// Lower-case hexadecimal of `bytes`.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0xf) as usize] as char);
    }
    out
}

/// Appends an entry. Call inside the command's write transaction, so the
/// entry lands with the change or not at all.
///
/// On a server the entry is appended by `audit_append()`, which hashes and
/// links it as [`hash_of`] does and names `session_user`, the role the
/// server authenticated, whatever `operator` says: the session refuses
/// `--as` naming another role before anything is written (SPEC §8).
pub fn append(conn: &impl super::On, operator: &str, at: &str, entry: &Entry) -> Result<()> {
    if let super::tx::Db::Server(_) = super::tx::db(conn) {
        super::sql::row(
            conn,
            "SELECT entry_seq FROM audit_append(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            &[
                &at,
                &entry.action,
                &entry.outcome,
                &entry.records.join(","),
                &entry.fields.join(","),
                &entry.request,
                &entry.rows,
                &entry.detail,
            ],
            |r| r.get::<i64>(0),
        )?;
        return Ok(());
    }
    let conn = super::tx::conn(conn)?;
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let mut stored = Stored {
        seq,
        at: at.to_string(),
        operator: operator.to_string(),
        action: entry.action.clone(),
        outcome: entry.outcome.clone(),
        records: entry.records.join(","),
        fields: entry.fields.join(","),
        request: entry.request.clone(),
        rows: entry.rows,
        detail: entry.detail.clone(),
        prev_hash,
        hash: String::new(),
    };
    stored.hash = hash_of(&stored);
    conn.execute(
        "INSERT INTO audit (seq, at, operator, action, outcome, records, fields, request, rows, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            stored.seq,
            stored.at,
            stored.operator,
            stored.action,
            stored.outcome,
            stored.records,
            stored.fields,
            stored.request,
            stored.rows,
            stored.detail,
            stored.prev_hash,
            stored.hash
        ],
    )?;
    Ok(())
}

/// Every entry in order (for tests that tamper with the log, and tools).
pub fn all(conn: &impl super::On) -> Result<Vec<Stored>> {
    let conn = super::tx::conn(conn)?;
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit ORDER BY seq"))?;
    let rows = stmt
        .query_map([], super::rows::by_name)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

const COLUMNS: &str =
    "seq, at, operator, action, outcome, records, fields, request, rows, detail, prev_hash, hash";

/// Where the chain breaks, if it does.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Intact { entries: i64 },
    Broken { seq: i64, why: &'static str },
}

/// Recomputes every hash in order and checks each link to the one before.
pub fn verify(conn: &impl super::On) -> Result<Verdict> {
    let mut expected_prev = GENESIS.to_string();
    let mut expected_seq = 1;
    let mut count = 0;
    let mut broken = None;
    super::sql::each_as(
        conn,
        &format!("SELECT {COLUMNS} FROM audit ORDER BY seq"),
        &[],
        |s: Stored| {
            if broken.is_some() {
                return Ok(());
            }
            let why = if s.seq != expected_seq {
                Some((expected_seq, S::EntryMissing.text(crate::messages::lang())))
            } else if s.prev_hash != expected_prev {
                Some((s.seq, S::EntryUnlinked.text(crate::messages::lang())))
            } else if hash_of(&s) != s.hash {
                Some((s.seq, S::EntryHashDiffers.text(crate::messages::lang())))
            } else {
                None
            };
            match why {
                Some(b) => broken = Some(b),
                None => {
                    expected_prev = s.hash;
                    expected_seq += 1;
                    count += 1;
                }
            }
            Ok(())
        },
    )?;
    Ok(match broken {
        Some((seq, why)) => Verdict::Broken { seq, why },
        None => Verdict::Intact { entries: count },
    })
}

/// The last entry's number and hash: the head a checkpoint commits to
/// (`None` for an empty log).
/// The checkpoint of the audit log as it stands in `tx`, stamped `at`;
/// `None` for an empty log.
pub fn checkpoint(conn: &impl super::On, at: &str) -> Result<Option<Checkpoint>> {
    let Some((seq, hash)) = head(conn)? else {
        return Ok(None);
    };
    Ok(Some(Checkpoint {
        register_id: super::register_id(conn)?,
        seq,
        hash,
        at: at.to_string(),
    }))
}

pub fn head(conn: &impl super::On) -> Result<Option<(i64, String)>> {
    super::sql::row(
        conn,
        "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The hash stored for entry `seq`, if the log has that entry.
pub fn hash_at(conn: &impl super::On, seq: i64) -> Result<Option<String>> {
    super::sql::row(
        conn,
        "SELECT hash FROM audit WHERE seq = ?1",
        &[&seq],
        |r| r.get(0),
    )
}

/// Entries between two times (inclusive), in order, for `export audit`.
pub fn each_between(
    conn: &impl super::On,
    since: Option<&str>,
    until: Option<&str>,
    mut f: impl FnMut(Stored) -> Result<()>,
) -> Result<usize> {
    let mut n = 0;
    super::sql::each_as(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM audit WHERE (CAST(?1 AS TEXT) IS NULL OR at >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR at < ?2) ORDER BY seq"
        ),
        &[&since, &until],
        |e| {
            n += 1;
            f(e)
        },
    )?;
    Ok(n)
}

/// The entries that name a request (`REQ-n`), in order: its history.
pub fn for_request(conn: &impl super::On, request: &str) -> Result<Vec<Stored>> {
    super::sql::all(
        conn,
        &format!("SELECT {COLUMNS} FROM audit WHERE request = ?1 ORDER BY seq"),
        &[&request],
    )
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

    /// The hash of the first version (a `json!` array, hex by `format!`):
    /// every register's existing chain was made with it.
    fn hash_as_first_written(s: &Stored) -> String {
        let canonical = serde_json::json!([
            s.prev_hash,
            s.seq,
            s.at,
            s.operator,
            s.action,
            s.outcome,
            s.records,
            s.fields,
            s.request,
            s.rows,
            s.detail
        ]);
        let digest = Sha256::digest(canonical.to_string().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn the_hash_is_the_same_as_it_always_was() {
        let texts = [
            "",
            "plain",
            "quote \" and backslash \\ and / slash",
            "ääkköset, 日本, 😀",
            "control \u{1} \t \n \r \u{7f} \u{2028}",
        ];
        for (i, t) in texts.iter().enumerate() {
            for request in [None, Some(t.to_string())] {
                let s = Stored {
                    seq: i as i64 + 1,
                    at: "2026-11-24T10:00:00.000Z".into(),
                    operator: t.to_string(),
                    action: "search".into(),
                    outcome: "ok".into(),
                    records: "C-1,C-2".into(),
                    fields: t.to_string(),
                    request,
                    rows: -3,
                    detail: t.to_string(),
                    prev_hash: GENESIS.into(),
                    hash: String::new(),
                };
                assert_eq!(hash_of(&s), hash_as_first_written(&s), "{t:?}");
            }
        }
    }

    #[test]
    fn chain_verifies_and_detects_changes() {
        let conn = db();
        for i in 0..5 {
            append(
                &conn,
                "anne",
                "2026-11-24T10:00:00Z",
                &Entry::new("add").record(format!("C-{i}")),
            )
            .unwrap();
        }
        assert_eq!(verify(&conn).unwrap(), Verdict::Intact { entries: 5 });
        conn.execute_batch(
            "DROP TRIGGER audit_no_update; UPDATE audit SET rows = 9 WHERE seq = 3;",
        )
        .unwrap();
        assert_eq!(
            verify(&conn).unwrap(),
            Verdict::Broken {
                seq: 3,
                why: "its content does not match its hash"
            }
        );
    }

    #[test]
    fn removed_entry_is_detected() {
        let conn = db();
        for _ in 0..3 {
            append(&conn, "anne", "2026-11-24T10:00:00Z", &Entry::new("search")).unwrap();
        }
        conn.execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2;")
            .unwrap();
        assert!(matches!(
            verify(&conn).unwrap(),
            Verdict::Broken { seq: 2, .. }
        ));
    }
}
