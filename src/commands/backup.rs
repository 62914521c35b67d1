//! `backup` and `restore`: an online copy of the register, and putting one
//! back without undoing what happened since — the audit log, erasure
//! receipts and suppression list only grow, and no erased person returns.

use std::path::{Path, PathBuf};

use serde_json::Map;

use super::Session;
use crate::cli::{BackupArgs, RestoreArgs};
use crate::error::{Error, Result};
use crate::messages::A;
use crate::output::Output;
use crate::store::audit::Entry;
use crate::store::backup::{record_count, BackupFile};
use crate::store::{create_private_file, restore, Tx};

pub fn backup(session: &mut Session, a: BackupArgs) -> Result<Output> {
    if crate::ops::server_operators::on_server(&session.store)? {
        return super::copy::backup_from_server(session, &a.file);
    }
    // Created new and 0600 before SQLite writes a byte into it, never over
    // a file or the register (src/files.rs); removed again if the copy fails.
    let (file, created) = crate::files::create(&a.file, "file", &session.db)?;
    drop(file);
    // The copy is made inside one read transaction, so the checkpoint read
    // in it is exactly where the copy's log ends (another terminal's
    // entry a moment later is in neither).
    let copied = session.store.copy_to(&a.file, &session.who.now);
    let checkpoint = copied?.ok_or_else(|| Error::Internal("an empty audit log".into()))?;
    // Sealed: the slots follow the keyed copy in the same file, so a backup
    // is one file that opens with any passphrase valid now (src/seal/mod.rs).
    if crate::seal::current_file_key().is_some() {
        crate::seal::append_trailer(&a.file, &crate::seal::read_slots(&session.db)?)?;
    }
    created.keep();
    let records = record_count(&session.store.peek()?)?;
    session.write("backup", |_, _| {
        let mut value = Map::new();
        value.insert("file".into(), a.file.display().to_string().into());
        value.insert("records".into(), records.into());
        value.insert("checkpoint".into(), checkpoint.to_string().into());
        Ok((
            Output::Object {
                value,
                plain: Some(A::BackedUp.say(&[&records, &a.file.display(), &checkpoint])),
            },
            Entry::new("backup").rows(records as usize),
        ))
    })
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

/// Why a backup is not this register's, if it is not. A backup from
/// before register ids (schema version 3) proves itself by its audit log:
/// its last entry must be in this register's log with the same hash (the
/// chain makes that hash stand for every entry before it, the first, which
/// names the register's creation, included).
fn foreign(tx: &Tx<'_>, found: &BackupFile, here: &str) -> Result<Option<String>> {
    let help = A::OnlyThisRegister;
    match (&found.register_id, &found.head) {
        (Some(id), _) if id == here => Ok(None),
        (Some(id), _) => Ok(Some(A::OtherRegister.say(&[id, &here, &help]))),
        (None, Some((seq, hash))) => {
            let ours = crate::store::audit::hash_at(tx, *seq)?;
            if ours.as_ref() == Some(hash) {
                Ok(None)
            } else {
                Ok(Some(A::OtherLog.say(&[seq, &here, &help])))
            }
        }
        (None, None) => Ok(Some(A::NoIdNoLog.say(&[&here, &help]))),
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
    let found = BackupFile::inspect(&source)?;
    let (here, foreign) = {
        let tx = session.store.peek()?;
        let here = crate::store::register_id(&tx)?;
        let foreign = foreign(&tx, &found, &here)?;
        (here, foreign)
    };
    if let Some(why) = foreign {
        // Through `write`, so the refusal is audited as one.
        return session.write("restore", |_, _| Err(Error::Refused(why)));
    }
    let scratch = Scratch::create(register)?;
    // Opening migrates an older backup forward, and refuses a newer one.
    found.copy_to(&scratch.0)?;
    session.store.attach_backup(&scratch.0)?;
    // One transaction on the register: the merge (into the scratch copy)
    // and the replacement land together or not at all.
    let result = session.write("restore", |tx, who| {
        let merged = restore::merge(tx)?;
        let reapplied = merged.erasures_reapplied;
        restore::replace(tx)?;
        let suppressed = restore::apply_suppression(tx, &merged.brought_back, &who.now)?;
        let records = record_count(tx)?;
        let mut value = Map::new();
        value.insert("register_id".into(), here.clone().into());
        value.insert("records".into(), records.into());
        value.insert("erasures_reapplied".into(), (reapplied as i64).into());
        value.insert("added_since".into(), (merged.added_since as i64).into());
        value.insert("rights_kept".into(), (merged.rights_kept as i64).into());
        value.insert("suppressed".into(), (suppressed as i64).into());
        let plain = A::Restored.say(&[
            &records,
            &a.file.display(),
            &reapplied,
            &merged.added_since,
            &merged.rights_kept,
        ]);
        Ok((
            Output::Object { value, plain: Some(plain) },
            Entry::new("restore").rows(records as usize).detail(format!(
                "erasures_reapplied={reapplied} added_since={} rights_kept={} suppressed={suppressed}",
                merged.added_since, merged.rights_kept
            )),
        ))
    });
    session.store.detach_backup()?;
    drop(sealed_copy);
    let out = result?;
    session.store.truncate_wal()?;
    if !session.global.quiet {
        for left in leftovers(&scratch) {
            eprintln!(
                "privreg: {}: {}",
                crate::messages::M::WarningPrefix,
                A::ScratchLeft.say(&[&left.display()])
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
