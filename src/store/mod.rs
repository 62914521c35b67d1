//! The register file: opening it (pragmas, application id, schema version,
//! migrations) and the queries of each table, in the submodules. Nothing
//! here parses arguments or prints.

pub mod audit;
pub mod bases;
pub mod bulk;
pub mod disclosures;
pub mod holds;
pub mod notice;
pub mod operators;
pub mod preferences;
pub mod processing;
pub mod records;
pub mod requests;
pub mod restriction;
pub mod suppression;

use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

/// SQLite `application_id` of a privreg register: "PRVR".
pub const APPLICATION_ID: i32 = 0x5052_5652;

/// The whole schema of version 1; [`MIGRATIONS`] take it forward.
const SCHEMA: &str = include_str!("../../schema.sql");

/// Forward-only changes after version 1: entry `n` takes a register from
/// version `n + 1` to `n + 2`. Never edit or reorder one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/002_identifier_indexes.sql"),
    include_str!("../../migrations/005_processing.sql"),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i32 = 1 + MIGRATIONS.len() as i32;

/// How long a command waits for another privreg's write lock.
const BUSY_TIMEOUT_MS: u32 = 10_000;

pub struct Store {
    pub conn: Connection,
}

impl Store {
    /// Creates a new register file from schema.sql with mode 0600. Returns
    /// `Ok(None)` when the file already is a register (nothing changes).
    pub fn create(path: &Path) -> Result<Option<Store>> {
        if path.exists() {
            Store::open(path)?;
            return Ok(None);
        }
        // Create the empty file ourselves first so that it never exists,
        // even for a moment, with a mode that others can read.
        create_private_file(path)?;
        let result = (|| {
            let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            set_pragmas(&conn)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
            tx.execute_batch(SCHEMA)?;
            // A new register goes through the same migrations as an old one,
            // so that both end with the same schema.
            for sql in MIGRATIONS {
                tx.execute_batch(sql)?;
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            tx.commit()?;
            Ok(Store { conn })
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(path);
        }
        result.map(Some)
    }

    /// Opens an existing register, migrating an older one forward. A missing
    /// file, a foreign SQLite file or one from a newer privreg is refused.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Storage(format!(
                "no register at {}\nhelp: run `privreg init` to create one, or give --db",
                path.display()
            )));
        }
        refuse_read_only(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if app_id != APPLICATION_ID {
            return Err(Error::Storage(format!(
                "{} is not a privreg register",
                path.display()
            )));
        }
        set_pragmas(&conn)?;
        migrate(&mut conn)?;
        Ok(Store { conn })
    }
}

/// Every command writes (at least its audit entry), so a file its owner
/// made read-only is refused up front, also for root, who could write it.
#[cfg(unix)]
fn refuse_read_only(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode();
    if mode & 0o200 == 0 {
        return Err(Error::Storage(format!(
            "{} is read-only (mode {:o}): privreg records every command in the audit log, so it needs to write",
            path.display(),
            mode & 0o777
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_read_only(_path: &Path) -> Result<()> {
    Ok(())
}

/// A warning when people other than the owner may read the register.
#[cfg(unix)]
pub fn exposure_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} can be read by others (mode {mode:o}); it holds personal data: run `chmod 600 {}`",
            path.display(),
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub fn exposure_warning(_path: &Path) -> Option<String> {
    None
}

fn set_pragmas(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    // WAL lets several terminals read while one writes; secure_delete
    // overwrites deleted content so that an erasure leaves no trace.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;",
    )?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::Storage(format!(
            "the register is from a newer privreg (schema version {version}, this one knows {SCHEMA_VERSION}): upgrade privreg"
        )));
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    if version < 1 {
        return Err(Error::Storage(
            "the register has no schema version: not a privreg register".into(),
        ));
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Re-read inside the lock: another process may have migrated meanwhile.
    let version: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip((version - 1) as usize) {
        // A register that a migration does not fit was changed by hand or
        // by another tool: a storage problem (exit 7), left as it was.
        tx.execute_batch(sql).map_err(|e| {
            Error::Storage(format!(
                "the register cannot be brought from schema version {} to {}: {e}; nothing was changed",
                i + 1,
                i + 2
            ))
        })?;
        tx.pragma_update(None, "user_version", i as i32 + 2)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(unix)]
pub fn create_private_file(path: &Path) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    Ok(std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?)
}

#[cfg(not(unix))]
pub fn create_private_file(path: &Path) -> Result<std::fs::File> {
    Ok(std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A register of version 1 with a person in it comes forward: the
    /// new indexes, and a search index rebuilt that still finds them.
    #[test]
    fn a_version_1_register_migrates_with_its_search_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO records (register, number, created_at, created_by, updated_at, first_name, last_name, hetu, email, email_key, city)
             VALUES ('customer', 1, 't', 'o', 't', 'Matti', 'Mäkinen', '131052-308T', 'M@x.fi', 'm@x.fi', 'Tampere')",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let version: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let old: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('records_hetu_any', 'records_email_any')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old, 0);
        let hetu_index: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'records_hetu'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(hetu_index.contains("(hetu, register)"), "{hetu_index}");
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM records_search WHERE records_search MATCH 'maki* AND tampere'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1);
        conn.execute(
            "INSERT INTO records_search (records_search, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
    }

    /// Issue #18: a register of version 2 gets the processing tables, the
    /// customer limit counted from the end of the year, the corrected
    /// adequacy rows and the declared purposes; a changed policy is kept.
    #[test]
    fn the_processing_migration_moves_the_seeded_policy() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute(
            "UPDATE retention_policy SET retention_months = 84 WHERE register = 'business'",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let (year_end, ground): (bool, String) = conn
            .query_row(
                "SELECT from_year_end, ground_en FROM retention_policy WHERE register = 'customer'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(year_end);
        assert!(ground.contains("end of the calendar year"), "{ground}");
        let business: (bool, i64) = conn
            .query_row(
                "SELECT from_year_end, retention_months FROM retention_policy WHERE register = 'business'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(business, (false, 84));
        let canada: String = conn
            .query_row(
                "SELECT note_en FROM adequacy WHERE country = 'CA'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(canada.contains("PIPEDA"));
        let declared: i64 = conn
            .query_row(
                "SELECT count(DISTINCT register) FROM register_purposes",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(declared, 4);
        for table in ["activities", "processors", "clients", "notice_versions"] {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0, "{table}");
        }
    }

    #[test]
    fn schema_applies_and_migrations_are_counted() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM purposes WHERE seeded = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 14);
        assert_eq!(SCHEMA_VERSION, 1 + MIGRATIONS.len() as i32);
    }

    #[test]
    fn audit_log_refuses_update_and_delete() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute(
            "INSERT INTO audit (at, operator, action, outcome, prev_hash, hash) VALUES ('t','o','a','ok','','h')",
            [],
        )
        .unwrap();
        assert!(conn.execute("UPDATE audit SET operator = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM audit", []).is_err());
    }
}
