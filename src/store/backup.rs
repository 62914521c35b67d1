//! The file side of `backup` and `restore`: an online copy of the register
//! made in one read transaction, a backup file inspected before anything
//! is copied, and the scratch copy attached as schema `backup` for the
//! merge of [`super::restore`]. What a restore keeps and why lives in the
//! command and in `restore`; here is only how the SQLite files are copied.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, MAIN_DB};

use super::audit::checkpoint;
use super::Store;
use crate::domain::checkpoint::Checkpoint;
use crate::error::{Error, Result};
use crate::messages::A;

/// How many records the register holds, erased ones not counted.
pub fn record_count(tx: &impl super::On) -> Result<i64> {
    let n = super::sql::row(tx, "SELECT count(*) FROM records", &[], |r| r.get(0))?;
    Ok(n.unwrap_or(0))
}

impl Store {
    /// Copies the whole register to `file` (created already, empty) inside
    /// one read transaction, and returns the checkpoint read in it: exactly
    /// where the copy's audit log ends.
    pub fn copy_to(&mut self, file: &Path, at: &str) -> Result<Option<Checkpoint>> {
        let tx = self.begin(super::Mode::Read)?;
        let cp = checkpoint(&tx, at)?;
        copy_keyed(super::tx::conn(&tx)?, file)?;
        tx.commit()?;
        Ok(cp)
    }

    /// Attaches a restore's scratch copy as schema `backup`, for the merge.
    pub fn attach_backup(&self, scratch: &Path) -> Result<()> {
        // SQLCipher: an ATTACH without KEY would reuse the main file's salt.
        let key = crate::seal::attach_key();
        self.file()?.execute(
            "ATTACH DATABASE ?1 AS backup KEY ?2",
            rusqlite::params![scratch.display().to_string(), key.as_str()],
        )?;
        Ok(())
    }

    /// Detaches what [`Store::attach_backup`] attached.
    pub fn detach_backup(&self) -> Result<()> {
        self.file()?.execute("DETACH DATABASE backup", [])?;
        Ok(())
    }

    /// Moves the write-ahead log into the main file and empties it.
    pub fn truncate_wal(&self) -> Result<()> {
        self.file()?
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// A backup file opened read-only: what it says about itself before
/// anything is copied.
pub struct BackupFile {
    conn: Connection,
    /// `None` for a backup made before schema version 3.
    pub register_id: Option<String>,
    /// The last audit entry's sequence number and hash.
    pub head: Option<(i64, String)>,
}

impl BackupFile {
    /// Opens a backup; refuses a missing file or one that is no register.
    pub fn inspect(backup: &Path) -> Result<BackupFile> {
        if !backup.exists() {
            return Err(Error::NotFound(A::NoBackupFile.say(&[&backup.display()])));
        }
        let conn = Connection::open_with_flags(backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        super::cipher::apply_key(&conn)?;
        let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if app_id != super::APPLICATION_ID {
            return Err(Error::Storage(A::NotARegister.say(&[&backup.display()])));
        }
        let register_id = super::stored_register_id(&conn, "main")?;
        let head = conn
            .query_row(
                "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(BackupFile {
            conn,
            register_id,
            head,
        })
    }

    /// Copies the backup to `scratch` and closes it; the copy is then
    /// opened (so migrated forward, or refused when newer) and its WAL
    /// folded in, ready for [`Store::attach_backup`].
    pub fn copy_to(self, scratch: &Path) -> Result<()> {
        copy_keyed(&self.conn, scratch)?;
        drop(self);
        Store::open(scratch)?.truncate_wal()
    }
}

/// SQLite's online backup of `src` into `path`, keyed with the process's
/// file key when the register is sealed (SQLCipher copies pages only
/// between databases with the same key).
fn copy_keyed(src: &Connection, path: &Path) -> Result<()> {
    let Some(key) = crate::seal::current_file_key() else {
        src.backup(MAIN_DB, path, None)?;
        return Ok(());
    };
    let mut dst = Connection::open(path)?;
    super::cipher::key_connection(&dst, &key)?;
    rusqlite::backup::Backup::new(src, &mut dst)?.run_to_completion(
        1024,
        std::time::Duration::ZERO,
        None,
    )?;
    dst.close().map_err(|(_, e)| Error::from(e))?;
    Ok(())
}
