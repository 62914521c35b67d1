//! The store: the only module that speaks SQL or names the database
//! driver. Operations (`crate::ops`) and commands reach the register
//! through [`Store`], the transactions it begins ([`Tx`]) and the query
//! functions of the submodules, one per table; nothing here parses
//! arguments or prints.
//!
//! # What a backend provides
//!
//! Today the one backend is a SQLite file (this module: opening it,
//! pragmas, application id, schema version, migrations). SPEC §8 adds a
//! PostgreSQL server; it becomes a second variant behind the same types,
//! and every operation keeps working unchanged. A backend must provide:
//!
//! - **open / create**: refuse what is not a privreg register or is newer
//!   than this binary, migrate an older one forward in one transaction;
//! - **transactions** ([`Store::begin`] with a [`Mode`]): a read sees one
//!   consistent state and never waits for a writer; a write is serialised
//!   with other writers from its start (no lock upgrade, no deadlock), and
//!   commits or rolls back as a whole, the audit entry with the change;
//! - **record keys** ([`RecordKey`]): an opaque, never reused identity
//!   per record, ordered by creation (an import tells records it created
//!   from those that were there before by comparing keys);
//! - **the queries** of each submodule, with the same results: search by
//!   word prefix regardless of case and diacritics, ids never reused;
//! - **erasure without residue** ([`Store::take_alone`]): after an erase
//!   commits, no copy of an erased value remains in the files the backend
//!   owns (SQLite: no WAL, `secure_delete`; PostgreSQL: `VACUUM`);
//! - **bulk load** (`bulk`): the fast path of `import` (SQLite: deferred
//!   indexes; PostgreSQL: `COPY`).
//!
//! Operations never see the driver: they hold a `&Tx`, pass it to the
//! query functions here and get domain values back.

mod access;
pub mod audit;
pub mod backup;
pub mod bases;
pub mod breaches;
pub mod bulk;
mod busy;
pub mod check;
pub mod cipher;
pub mod controller;
pub mod disclosures;
pub mod erasures;
mod error;
pub mod holds;
pub mod notice;
pub mod operators;
pub mod pg;
pub mod preferences;
pub mod processing;
pub mod records;
pub mod requests;
pub mod restore;
pub mod restriction;
mod rows;
pub mod search;
pub mod suppression;
mod tx;

pub use busy::{set_busy_wait, BusyWait, DEFAULT_BUSY_TIMEOUT};
pub use tx::{Mode, On, RecordKey, Tx};

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::error::{Error, Result};
use crate::messages::{A, S};

/// SQLite `application_id` of a privreg register: "PRVR".
pub const APPLICATION_ID: i32 = 0x5052_5652;

/// The whole schema of version 1; [`MIGRATIONS`] take it forward.
const SCHEMA: &str = include_str!("../../schema.sql");

/// Forward-only changes after version 1: entry `n` takes a register from
/// version `n + 1` to `n + 2`. Never edit or reorder one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/002_identifier_indexes.sql"),
    include_str!("../../migrations/003_register_id.sql"),
    include_str!("../../migrations/004_breaches.sql"),
    include_str!("../../migrations/005_processing.sql"),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i32 = 1 + MIGRATIONS.len() as i32;

/// An open register.
pub struct Store {
    pub(crate) conn: Connection,
}

impl Store {
    /// Creates a new register file from schema.sql with mode 0600. Returns
    /// `Ok(None)` when the file already is a register (nothing changes).
    pub fn create(path: &Path) -> Result<Option<Store>> {
        if path.exists() {
            // A sealed file is a register when its key slots are sound.
            if crate::seal::is_sealed(path)? {
                crate::seal::read_slots(path)?;
            } else {
                Store::open(path)?;
            }
            return Ok(None);
        }
        // Create the empty file ourselves first so that it never exists,
        // even for a moment, with a mode that others can read.
        create_private_file(path)?;
        let result = (|| {
            let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            cipher::apply_key(&conn)?;
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
            return Err(Error::Storage(A::NoRegister.say(&[&path.display()])));
        }
        access::refuse_unwritable(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        cipher::apply_key(&conn)?;
        let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if app_id != APPLICATION_ID {
            return Err(Error::Storage(A::NotARegister.say(&[&path.display()])));
        }
        set_pragmas(&conn)?;
        migrate(&mut conn)?;
        Ok(Store { conn })
    }
}

/// A value of the register's own settings (`meta`), if set.
pub fn setting(conn: &impl On, key: &str) -> Result<Option<String>> {
    let conn = tx::conn(conn);
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Sets (or with `None` removes) a value of the register's own settings.
pub fn set_setting(conn: &impl On, key: &str, value: Option<&str>) -> Result<()> {
    let conn = tx::conn(conn);
    match value {
        Some(v) => conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, v],
        )?,
        None => conn.execute("DELETE FROM meta WHERE key = ?1", [key])?,
    };
    Ok(())
}

/// A warning when people other than the owner may read the register.
#[cfg(unix)]
pub fn exposure_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    // The group is not warned about (issue #20 point 9): an office shares
    // the file between its staff's logins through a group (0660); what
    // leaks personal data is a file every login on the machine can read.
    (mode & 0o007 != 0).then(|| A::WorldReadable.say(&[&path.display(), &format_args!("{mode:o}")]))
}

#[cfg(not(unix))]
pub fn exposure_warning(_path: &Path) -> Option<String> {
    None
}

/// How long an erasure waits for every other connection to the register
/// to close before it gives up (exit 7). Other privreg commands take
/// milliseconds; a long export or a program holding the file open is
/// waited for this long and no longer, so that an erasure never hangs.
pub const ALONE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Takes the register to a connection alone, in rollback-journal mode,
/// for an erasure: `conn` is replaced by a new connection to `db` that no
/// other connection can read or write beside until [`give_back`], and
/// there is no write-ahead log.
///
/// Why this design: in WAL mode an erasure is committed to the WAL, and
/// only a checkpoint moves it into the main file and a `TRUNCATE`
/// checkpoint removes the WAL frames that still hold the old pages. A
/// reader holding a snapshot blocks both, so the values stay in the .db
/// and the -wal after a committed erasure; and a checkpoint made before
/// the erasure proves nothing, since a reader may start between it and
/// the commit. Nothing in WAL mode keeps new readers out. Leaving WAL mode
/// does: SQLite changes `journal_mode` from WAL only with an EXCLUSIVE
/// lock on the file, which it gets only when no other connection has the
/// file open (every WAL connection holds a SHARED lock for as long as it
/// is open), and the change checkpoints the WAL completely and deletes
/// it. With `locking_mode = EXCLUSIVE` set first, the connection keeps
/// that lock after each commit, so nobody can open a snapshot, write or
/// switch the file back to WAL until the erasure is done. The erasure then
/// runs with `secure_delete` straight on the main file; its rollback
/// journal is deleted at commit, and a crash rolls back to "nothing
/// erased". So either every value is gone from the file (and there is no
/// WAL) or this fails before anything was erased.
///
/// The command's own connection holds such a SHARED lock too, so it is
/// closed first, and each attempt opens a fresh connection that is closed
/// again when the switch fails: two erasures started together do not
/// block each other for good, one gets the file and the other waits.
pub fn take_alone(conn: &mut Connection, db: &Path, wait: std::time::Duration) -> Result<()> {
    let own = std::mem::replace(conn, Connection::open_in_memory()?);
    own.close().map_err(|(_, e)| Error::from(e))?;
    let deadline = std::time::Instant::now() + wait;
    let mut attempt: u64 = 0;
    loop {
        match try_alone(db)? {
            Some(alone) => {
                *conn = alone;
                return Ok(());
            }
            None if std::time::Instant::now() < deadline => {
                // Different pauses in different processes, so that two
                // waiting erasures do not keep colliding.
                attempt += 1;
                let jitter = (u64::from(std::process::id()) * 7 + attempt * 13) % 40;
                std::thread::sleep(std::time::Duration::from_millis(20 + jitter));
            }
            None => {
                *conn = Store::open(db)?.conn;
                return Err(Error::Storage(S::EraseBusy.say(&[&wait.as_secs()])));
            }
        }
    }
}

/// One attempt of [`take_alone`]: a new connection with the file to
/// itself, or `None` while another connection has it open.
fn try_alone(db: &Path) -> Result<Option<Connection>> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    cipher::apply_key(&conn)?;
    // The switch fails at once (SQLITE_BUSY) while another connection has
    // the file open; the busy handler is not asked, so this is short.
    conn.busy_timeout(std::time::Duration::from_millis(20))?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    match conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
        r.get::<_, String>(0)
    }) {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => {}
        Ok(_) | Err(rusqlite::Error::SqliteFailure(_, _)) => return Ok(None),
        Err(e) => return Err(e.into()),
    }
    // Checked, not assumed: the WAL is gone, and with the lock held no
    // other connection can bring it back.
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        give_back(&conn);
        return Err(Error::Storage(
            S::WalRemains.say(&[&Path::new(&wal).display()]),
        ));
    }
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        give_back(&conn);
        return Err(Error::Storage(S::NoLongerRegister.say(&[&db.display()])));
    }
    busy::install(&conn)?;
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;",
    )?;
    Ok(Some(conn))
}

/// Ends [`take_alone`]: normal locking and WAL mode again. A failure here
/// leaves the file in rollback-journal mode, which is safe, and the next
/// privreg to open it switches it back to WAL: it is not reported.
pub fn give_back(conn: &Connection) {
    let _ = busy::install(conn);
    let _ = conn.pragma_update(None, "locking_mode", "NORMAL");
    let _ = conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()));
}

fn set_pragmas(conn: &Connection) -> Result<()> {
    busy::install(conn)?;
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
        return Err(Error::Storage(
            S::NewerSchema.say(&[&version, &SCHEMA_VERSION]),
        ));
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    if version < 1 {
        return Err(Error::Storage(S::NoSchemaVersion.into()));
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Re-read inside the lock: another process may have migrated meanwhile.
    let version: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip((version - 1) as usize) {
        // A register that a migration does not fit was changed by hand or
        // by another tool: a storage problem (exit 7), left as it was.
        tx.execute_batch(sql)
            .map_err(|e| Error::Storage(S::MigrationFailed.say(&[&(i + 1), &(i + 2), &e])))?;
        tx.pragma_update(None, "user_version", i as i32 + 2)?;
    }
    tx.commit()?;
    Ok(())
}

/// The register's id: 32 lower-case hex digits (128 random bits), made
/// when the register was created, or when a register from before schema
/// version 3 was first migrated. It never changes, and a backup, being a
/// copy, has the same one: `restore` refuses a backup with another id, and
/// audit checkpoints (`privreg-checkpoint v1 REGISTER_ID …`) name it, so
/// a log cannot be swapped for another register's.
pub fn register_id(conn: &impl On) -> Result<String> {
    let conn = tx::conn(conn);
    stored_register_id(conn, "main")?.ok_or_else(|| Error::Storage(S::NoRegisterId.into()))
}

/// The register id kept in `schema` (`main`, or an attached file), or
/// `None` for a file from before schema version 3 that was not migrated.
pub fn stored_register_id(conn: &impl On, schema: &str) -> Result<Option<String>> {
    let conn = tx::conn(conn);
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            &format!("SELECT value FROM \"{schema}\".meta WHERE key = 'register_id'"),
            [],
            |r| r.get(0),
        )
        .optional()?)
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

    /// A register of version 2 gets a random register id when migrated,
    /// and keeps it when opened again; two registers never share one.
    #[test]
    fn a_version_2_register_gets_a_register_id_once() {
        let version_2 = || {
            let mut conn = Connection::open_in_memory().unwrap();
            conn.execute_batch(SCHEMA).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 2).unwrap();
            assert_eq!(stored_register_id(&conn, "main").unwrap(), None);
            assert!(register_id(&conn).is_err());
            migrate(&mut conn).unwrap();
            conn
        };
        let mut a = version_2();
        let id = register_id(&a).unwrap();
        assert_eq!(id.len(), 32, "{id}");
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        migrate(&mut a).unwrap();
        assert_eq!(register_id(&a).unwrap(), id);
        let b = version_2();
        assert_ne!(register_id(&b).unwrap(), id);
    }

    /// While another connection has the file open, the register cannot be
    /// taken; once it closes, it can, and until it is given back nobody
    /// else can read; afterwards the file is in WAL mode again.
    #[test]
    fn take_alone_needs_the_file_to_itself_and_keeps_others_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let mut store = Store::create(&path).unwrap().unwrap();
        let other = Connection::open(&path).unwrap();
        other
            .query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
            .unwrap();
        let short = std::time::Duration::from_millis(200);
        let err = take_alone(&mut store.conn, &path, short).unwrap_err();
        assert!(matches!(err, Error::Storage(_)), "{err}");
        // the command's connection works again after the refusal
        store
            .conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
            .unwrap();
        drop(other);
        take_alone(&mut store.conn, &path, short).unwrap();
        let secure: i64 = store
            .conn
            .query_row("PRAGMA secure_delete", [], |r| r.get(0))
            .unwrap();
        assert_eq!(secure, 1);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
        let late = Connection::open(&path).unwrap();
        late.busy_timeout(std::time::Duration::from_millis(10))
            .unwrap();
        assert!(late
            .query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
            .is_err());
        give_back(&store.conn);
        let mode: String = late
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        late.query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
            .unwrap();
    }

    /// A WAL left with frames that were never checkpointed (a process that
    /// died) is moved into the main file and removed when the register is
    /// taken; nothing of it is lost.
    #[test]
    fn take_alone_folds_a_left_over_wal_into_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let mut store = Store::create(&path).unwrap().unwrap();
        drop(store);
        let writer = Connection::open(&path).unwrap();
        writer
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            )
            .unwrap();
        writer
            .execute(
                "INSERT INTO meta (key, value) VALUES ('left_over', 'in the wal')",
                [],
            )
            .unwrap();
        drop(writer);
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        assert!(
            std::fs::metadata(&wal).unwrap().len() > 0,
            "the WAL has frames"
        );
        store = Store::open(&path).unwrap();
        take_alone(
            &mut store.conn,
            &path,
            std::time::Duration::from_millis(200),
        )
        .unwrap();
        assert!(!Path::new(&wal).exists(), "the WAL is gone");
        let kept: String = store
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'left_over'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kept, "in the wal");
        give_back(&store.conn);
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
