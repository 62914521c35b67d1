//! `backup` and `restore`: an online copy of the register, and putting one
//! back without undoing what happened since — the audit log, erasure
//! receipts and suppression list only grow, and no erased person returns.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, MAIN_DB};
use serde_json::Map;

use super::Session;
use crate::cli::{BackupArgs, RestoreArgs};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::audit::Entry;
use crate::store::{create_private_file, restore, Store};

pub fn backup(session: &mut Session, a: BackupArgs) -> Result<Output> {
    // Created new and 0600 before SQLite writes a byte into it, never over
    // a file or the register (src/files.rs); removed again if the copy fails.
    let (file, created) = crate::files::create(&a.file, "file", &session.db)?;
    drop(file);
    // The copy is made inside one read transaction, so the checkpoint read
    // in it is exactly where the copy's log ends (another terminal's
    // entry a moment later is in neither).
    session.conn.execute_batch("BEGIN DEFERRED")?;
    let copied = super::audit::current(&session.conn, &session.who.now).and_then(|cp| {
        match crate::seal::current_file_key() {
            // Sealed: the copy is keyed with the same file key, and the
            // slots follow it in the same file (src/seal/mod.rs).
            Some(_) => {
                copy_keyed(&session.conn, &a.file)?;
                crate::seal::append_trailer(&a.file, &crate::seal::read_slots(&session.db)?)?;
            }
            None => session.conn.backup(MAIN_DB, &a.file, None)?,
        }
        Ok(cp)
    });
    session.conn.execute_batch("COMMIT")?;
    let checkpoint = copied?.ok_or_else(|| Error::Internal("an empty audit log".into()))?;
    created.keep();
    let records: i64 = session
        .conn
        .query_row("SELECT count(*) FROM records", [], |r| r.get(0))?;
    session.write("backup", |_, _| {
        let mut value = Map::new();
        value.insert("file".into(), a.file.display().to_string().into());
        value.insert("records".into(), records.into());
        value.insert("checkpoint".into(), checkpoint.to_string().into());
        Ok((
            Output::Object {
                value,
                plain: Some(format!(
                    "backed up {records} records to {}; its audit log ends at this checkpoint (keep it apart from the backup):\n{checkpoint}",
                    a.file.display()
                )),
            },
            Entry::new("backup").rows(records as usize),
        ))
    })
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
    crate::seal::key_connection(&dst, &key)?;
    rusqlite::backup::Backup::new(src, &mut dst)?.run_to_completion(
        1024,
        std::time::Duration::ZERO,
        None,
    )?;
    dst.close().map_err(|(_, e)| Error::from(e))?;
    Ok(())
}

/// A private scratch copy of the backup beside the register, removed with
/// its SQLite companions when dropped, on every path (it holds personal
/// data). Its name is privreg's own and random, and it is created
/// exclusively, so it is never a file that was there before: not the
/// register (`--db x.restoring`), not a user's file, not a symlink's target.
pub(super) struct Scratch(pub(super) PathBuf);

impl Scratch {
    fn create(register: &Path) -> Result<Scratch> {
        let dir = match register.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut bytes = [0u8; 16];
        getrandom::getrandom(&mut bytes)
            .map_err(|e| Error::Internal(format!("no random numbers from the system: {e}")))?;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let path = dir.join(format!(".privreg-restore-{hex}.tmp"));
        // O_CREAT | O_EXCL, mode 0600: fails rather than open what exists.
        create_private_file(&path)?;
        Ok(Scratch(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal", "-keys", "-keys.new"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

/// What a backup file says about itself before anything is copied.
struct Found {
    conn: Connection,
    /// `None` for a backup made before schema version 3.
    register_id: Option<String>,
    /// The last audit entry's sequence number and hash.
    head: Option<(i64, String)>,
}

fn inspect(backup: &Path) -> Result<Found> {
    if !backup.exists() {
        return Err(Error::NotFound(format!(
            "no backup file {}",
            backup.display()
        )));
    }
    let conn = Connection::open_with_flags(backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    crate::seal::apply_key(&conn)?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != crate::store::APPLICATION_ID {
        return Err(Error::Storage(format!(
            "{} is not a privreg register",
            backup.display()
        )));
    }
    let register_id = crate::store::stored_register_id(&conn, "main")?;
    let head = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(Found {
        conn,
        register_id,
        head,
    })
}

/// Why a backup is not this register's, if it is not. A backup from
/// before register ids (schema version 3) proves itself by its audit log:
/// its last entry must be in this register's log with the same hash (the
/// chain makes that hash stand for every entry before it, the first, which
/// names the register's creation, included).
fn foreign(conn: &Connection, found: &Found, here: &str) -> Result<Option<String>> {
    let help = "restore takes only a backup of this register";
    match (&found.register_id, &found.head) {
        (Some(id), _) if id == here => Ok(None),
        (Some(id), _) => Ok(Some(format!(
            "the backup is of register {id}, not of this register {here}: {help}"
        ))),
        (None, Some((seq, hash))) => {
            let ours: Option<String> = conn
                .query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |r| r.get(0))
                .optional()?;
            if ours.as_ref() == Some(hash) {
                Ok(None)
            } else {
                Ok(Some(format!(
                    "the backup has no register id (it is older than schema version 3) and its audit log is not this register's (entry {seq} differs), so it is of another register, not of this register {here}: {help}"
                )))
            }
        }
        (None, None) => Ok(Some(format!(
            "the backup has no register id and no audit log, so nothing shows it is of this register {here}: {help}"
        ))),
    }
}

pub fn restore(session: &mut Session, a: RestoreArgs, register: &Path) -> Result<Output> {
    // A sealed backup is first copied and rekeyed to the register's key
    // (src/commands/sealing.rs); the rest reads that copy.
    let mut sealed_copy = None;
    let source = if crate::seal::is_sealed(&a.file)? {
        let copy = Scratch::create(register)?;
        super::sealing::open_backup_as(&a.file, &copy.0, &session.who.operator)?;
        sealed_copy.insert(copy).0.clone()
    } else {
        a.file.clone()
    };
    // Whose backup is it? Asked before a byte of it is copied.
    let found = inspect(&source)?;
    let here = crate::store::register_id(&session.conn)?;
    if let Some(why) = foreign(&session.conn, &found, &here)? {
        // Through `write`, so the refusal is audited as one.
        return session.write("restore", |_, _| Err(Error::Refused(why)));
    }
    let scratch = Scratch::create(register)?;
    copy_keyed(&found.conn, &scratch.0)?;
    drop(found);
    // Opening migrates an older backup forward, and refuses a newer one.
    let copy = Store::open(&scratch.0)?;
    copy.conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    drop(copy);

    // SQLCipher: an ATTACH without KEY would reuse the main file's salt.
    let key = crate::seal::attach_key();
    session.conn.execute(
        "ATTACH DATABASE ?1 AS backup KEY ?2",
        rusqlite::params![scratch.0.display().to_string(), key.as_str()],
    )?;
    // One transaction on the register: the merge (into the scratch copy)
    // and the replacement land together or not at all.
    let result = session.write("restore", |tx, who| {
        let merged = restore::merge(tx)?;
        let reapplied = merged.erasures_reapplied;
        restore::replace(tx)?;
        let suppressed = restore::apply_suppression(tx, &merged.brought_back, &who.now)?;
        let records: i64 = tx.query_row("SELECT count(*) FROM main.records", [], |r| r.get(0))?;
        let mut value = Map::new();
        value.insert("register_id".into(), here.clone().into());
        value.insert("records".into(), records.into());
        value.insert("erasures_reapplied".into(), (reapplied as i64).into());
        value.insert("added_since".into(), (merged.added_since as i64).into());
        value.insert("rights_kept".into(), (merged.rights_kept as i64).into());
        value.insert("suppressed".into(), (suppressed as i64).into());
        let plain = format!(
            "restored {records} records from {}; {reapplied} erasures recorded since were applied again; kept from the register: {} records added since, {} rows of rights exercised and duties done since",
            a.file.display(),
            merged.added_since,
            merged.rights_kept
        );
        Ok((
            Output::Object { value, plain: Some(plain) },
            Entry::new("restore").rows(records as usize).detail(format!(
                "erasures_reapplied={reapplied} added_since={} rights_kept={} suppressed={suppressed}",
                merged.added_since, merged.rights_kept
            )),
        ))
    });
    session.conn.execute("DETACH DATABASE backup", [])?;
    drop(sealed_copy);
    let out = result?;
    session
        .conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    if !session.global.quiet {
        for left in leftovers(&scratch) {
            eprintln!(
                "privreg: warning: {} looks like the scratch copy of a restore that was killed; it holds personal data: remove it once no restore is running",
                left.display()
            );
        }
    }
    Ok(out)
}

/// Scratch copies beside this one that are not this one: a restore killed
/// before it could remove its copy (or one running now). Only named, never
/// removed: privreg deletes no file it did not create in this run.
fn leftovers(scratch: &Scratch) -> Vec<PathBuf> {
    let Some(dir) = scratch.0.parent() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p != &scratch.0
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(".privreg-restore-") && n.ends_with(".tmp"))
        })
        .collect();
    found.sort();
    found
}
