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
//! - **erasure without residue** ([`Store::take_alone`], [`Store::scrub`]):
//!   after an erase commits, no copy of an erased value remains in the
//!   files the backend owns (SQLite: no WAL, `secure_delete`; PostgreSQL:
//!   `VACUUM FULL`, see "Erasure on a server");
//! - **bulk load** (`bulk`): the fast path of `import` (SQLite: deferred
//!   indexes; PostgreSQL: `COPY`).
//!
//! Operations never see the driver: they hold a `&Tx`, pass it to the
//! query functions here and get domain values back.
//!
//! # Two backends
//!
//! [`Store`] holds a SQLite connection or a PostgreSQL client (SPEC §8,
//! `store/pg/`), and [`Tx`] is a transaction on either. Why so, and not a
//! trait with two implementations: operations take a `&Tx` and stay as
//! they are (no generic parameter spreads through `ops/` and `commands/`),
//! and a query function picks its backend at the one place it runs SQL.
//!
//! - A server's transaction is `BEGIN` … `COMMIT` on the store's one
//!   client, not the `postgres` crate's `Transaction`: that one borrows the
//!   client mutably for its whole life, while query functions take a
//!   shared `&impl On`; the client sits in a `RefCell`, borrowed for one
//!   statement at a time, and the transaction rolls back when dropped. A
//!   write takes an advisory lock first, so writers are serialised from
//!   their start as `BEGIN IMMEDIATE` serialises them on a file; a read is
//!   one REPEATABLE READ snapshot and waits for nobody.
//! - One body per query where the SQL can be the same: `sql.rs` turns
//!   `?1` into `$1` and reads rows and binds values for either driver. A
//!   backend-specific branch only where the dialects differ: search (FTS5
//!   against `unaccent` and the server's word table, 040_record_words.sql),
//!   record numbers (the file's
//!   `last_number` against a sequence, `RETURNING`), the audit append (the
//!   file hashes in Rust; the server's `audit_append()`, SECURITY DEFINER,
//!   takes the operator from `session_user`).
//! - A query function not ported yet reaches the SQLite connection through
//!   `tx::conn`, which on a server is the refusal of server mode not built
//!   yet (exit 7), never a panic; so is what only a file has
//!   ([`Store::take_alone`], sealing, backup). Commands not wired refuse a
//!   URL before they open anything (`commands/mod.rs`).

//!
//! # Erasure on a server
//!
//! Deleting a row leaves a dead row version in the table's pages, and its
//! entries in the btree and GIN (search) indexes; a plain `VACUUM` marks
//! that space free but, in PostgreSQL 15, leaves the bytes where they were
//! until something else is written there. So after the erasure commits,
//! `pg::vacuum` runs `VACUUM (FULL)` on every table it changed: each is
//! rewritten into new files with its TOAST table and indexes, and the old
//! files are truncated at commit. `tests/cli/server_erase.rs` reads the
//! data files and finds no erased value (and finds one without FULL).
//!
//! Who may: VACUUM cannot run in a transaction block or a function (so no
//! SECURITY DEFINER function can lend the right), and PG 15 allows it to a
//! table's owner, a superuser or the database's owner. The tables' owner,
//! privreg_owner, may also change the audit log, so no login role is its
//! member; instead `init` gives the database to privreg_maintainer (cannot
//! log in, owns no table) and makes privreg_admin its member
//! (`migrations/pg/maintainer.sql`, with what else that grants: ANALYZE,
//! REINDEX, CREATE of schemas, ALTER and DROP DATABASE; no change to a row,
//! so none to the audit log). An erase first checks that its role has the
//! owner's privileges ([`Store::take_alone`]) and refuses (exit 7) before
//! erasing if not; a vacuum that then fails exits 7 too.
//!
//! A dead row version that another session's snapshot, taken before the
//! erasure, may still see is copied by VACUUM FULL into the new files
//! rather than dropped (an autovacuum worker's ANALYZE, a `psql`
//! transaction left open); the vacuum waits for each table's lock, but not
//! for snapshots that have not touched it. So it runs VERBOSE, reads the
//! count of row versions it had to keep from each table's DETAIL, and runs
//! again until none is kept, for at most 30 s; then it exits 7.
//!
//! What this does not reach (README, "Server mode"): the WAL and its
//! archive, replicas and base backups keep the values until they are
//! recycled, and the old files' blocks stay on the disk until reused.

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
pub mod copy;
mod copy_rows;
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
mod sql;
pub mod suppression;
mod tx;

pub use busy::{set_busy_wait, BusyWait, DEFAULT_BUSY_TIMEOUT};
pub use tx::{Mode, On, RecordKey, Tx};

use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

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
    backend: Backend,
}

/// What keeps the register: see "Two backends" in the module header.
enum Backend {
    File(Connection),
    /// One client per command; its transactions are `BEGIN` … `COMMIT`
    /// on it ([`pg::ServerTx`]), reached by query functions through a
    /// shared borrow, hence the `RefCell`.
    Server(std::cell::RefCell<postgres::Client>),
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
            Ok(Store {
                backend: Backend::File(conn),
            })
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(path);
        }
        result.map(Some)
    }

    /// Opens an existing register, migrating an older one forward. A missing
    /// file, a foreign SQLite file or one from a newer privreg is refused.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store {
            backend: Backend::File(open_file(path)?),
        })
    }

    /// Opens the register `--db` names: a server's URL (SPEC §8) or a file.
    pub fn open_db(db: &Path) -> Result<Store> {
        match db.to_str().filter(|_| pg::is_url(db)) {
            Some(url) => Ok(Store {
                backend: Backend::Server(std::cell::RefCell::new(pg::open(url)?)),
            }),
            None => Store::open(db),
        }
    }
}

/// [`Store::open`]'s connection.
fn open_file(path: &Path) -> Result<Connection> {
    {
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
        Ok(conn)
    }
}

/// A value of the register's own settings (`meta`), if set.
pub fn setting(conn: &impl On, key: &str) -> Result<Option<String>> {
    sql::row(
        conn,
        "SELECT value FROM meta WHERE key = ?1",
        &[&key],
        |r| r.get(0),
    )
}

/// Sets (or with `None` removes) a value of the register's own settings.
pub fn set_setting(conn: &impl On, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => sql::execute(
            conn,
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &v],
        )?,
        None => sql::execute(conn, "DELETE FROM meta WHERE key = ?1", &[&key])?,
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
                *conn = open_file(db)?;
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
    setting(conn, "register_id")?.ok_or_else(|| Error::Storage(S::NoRegisterId.into()))
}

/// The register id kept in `schema` (`main`, or an attached file), or
/// `None` for a file from before schema version 3 that was not migrated.
pub fn stored_register_id(conn: &impl On, schema: &str) -> Result<Option<String>> {
    let conn = tx::conn(conn)?;
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
mod tests;
