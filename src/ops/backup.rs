//! `backup` and `restore`: an online copy of the register, and putting one
//! back without undoing what happened since — the audit log, erasure
//! receipts and suppression list only grow, and no erased person returns
//! (the merge rules are `store/restore.rs`'s).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Who;
use crate::domain::checkpoint::Checkpoint;
use crate::error::{Error, Result};
use crate::messages::A;
use crate::store::audit::Entry;
use crate::store::backup::{record_count, BackupFile};
use crate::store::{create_private_file, restore, Store, Tx};

/// What `backup` made: the file, the records in it, and the checkpoint
/// where its audit log ends.
#[derive(Serialize)]
pub struct BackedUp {
    pub file: String,
    pub records: i64,
    #[serde(serialize_with = "super::as_text")]
    pub checkpoint: Checkpoint,
}

impl BackedUp {
    pub fn plain(&self) -> String {
        A::BackedUp.say(&[&self.records, &self.file, &self.checkpoint])
    }

    pub fn entry(&self) -> Entry {
        Entry::new("backup").rows(self.records as usize)
    }
}

/// Copies the register at `db` to `file` (created new and 0600 before
/// SQLite writes a byte into it, never over a file or the register, and
/// removed again if the copy fails). Sealed, the key slots follow the
/// keyed copy in the same file, so a backup is one file that opens with
/// any passphrase valid now (src/seal/mod.rs).
pub fn backup(store: &mut Store, db: &Path, file: &Path, now: &str) -> Result<BackedUp> {
    let (created_file, created) = crate::files::create(file, "file", db)?;
    drop(created_file);
    // The copy is made inside one read transaction, so the checkpoint read
    // in it is exactly where the copy's log ends (another terminal's
    // entry a moment later is in neither).
    let copied = store.copy_to(file, now);
    let checkpoint = copied?.ok_or_else(|| Error::Internal("an empty audit log".into()))?;
    if crate::seal::current_file_key().is_some() {
        crate::seal::append_trailer(file, &crate::seal::read_slots(db)?)?;
    }
    created.keep();
    let records = record_count(&store.peek()?)?;
    Ok(BackedUp {
        file: file.display().to_string(),
        records,
        checkpoint,
    })
}

/// A private scratch copy of the backup beside the register, removed with
/// its SQLite companions when dropped, on every path (it holds personal
/// data). Its name is privreg's own and random, and it is created
/// exclusively, so it is never a file that was there before: not the
/// register (`--db x.restoring`), not a user's file, not a symlink's target.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn create(register: &Path) -> Result<Scratch> {
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

    /// Scratch copies beside this one that are not this one: a restore
    /// killed before it could remove its copy (or one running now). Only
    /// named, never removed: privreg deletes no file it did not create in
    /// this run.
    pub fn leftovers(&self) -> Vec<PathBuf> {
        let Some(dir) = self.0.parent() else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p != &self.0
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(".privreg-restore-") && n.ends_with(".tmp"))
            })
            .collect();
        found.sort();
        found
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

/// This register's id, and why a backup is not this register's, if it is
/// not. A backup from before register ids (schema version 3) proves itself
/// by its audit log: its last entry must be in this register's log with
/// the same hash (the chain makes that hash stand for every entry before
/// it, the first, which names the register's creation, included).
pub fn whose(tx: &Tx<'_>, found: &BackupFile) -> Result<(String, Option<String>)> {
    let here = crate::store::register_id(tx)?;
    let help = A::OnlyThisRegister;
    let foreign = match (&found.register_id, &found.head) {
        (Some(id), _) if *id == here => None,
        (Some(id), _) => Some(A::OtherRegister.say(&[id, &here, &help])),
        (None, Some((seq, hash))) => {
            let ours = crate::store::audit::hash_at(tx, *seq)?;
            if ours.as_ref() == Some(hash) {
                None
            } else {
                Some(A::OtherLog.say(&[seq, &here, &help]))
            }
        }
        (None, None) => Some(A::NoIdNoLog.say(&[&here, &help])),
    };
    Ok((here, foreign))
}

/// What `restore` did.
#[derive(Serialize)]
pub struct Restored {
    pub register_id: String,
    /// Records in the register after the restore.
    pub records: i64,
    pub erasures_reapplied: usize,
    pub added_since: usize,
    pub rights_kept: usize,
    /// Records the backup brought back that the suppression list erased.
    pub suppressed: usize,
}

impl Restored {
    pub fn plain(&self, file: &Path) -> String {
        A::Restored.say(&[
            &self.records,
            &file.display(),
            &self.erasures_reapplied,
            &self.added_since,
            &self.rights_kept,
        ])
    }
}

/// The restore proper, in one transaction on the register (a file's with
/// the scratch copy `scratch` attached): the merge (into the scratch copy)
/// and the replacement land together or not at all.
pub fn restore(
    tx: &Tx<'_>,
    who: &Who,
    register_id: String,
    scratch: &Path,
) -> Result<(Restored, Entry)> {
    let merged = restore::merge_and_replace(tx, scratch)?;
    let suppressed = restore::apply_suppression(tx, &merged.brought_back, &who.now)?;
    let records = record_count(tx)?;
    let done = Restored {
        register_id,
        records,
        erasures_reapplied: merged.erasures_reapplied,
        added_since: merged.added_since,
        rights_kept: merged.rights_kept,
        suppressed,
    };
    let entry = Entry::new("restore").rows(records as usize).detail(format!(
        "erasures_reapplied={} added_since={} rights_kept={} suppressed={suppressed}",
        done.erasures_reapplied, done.added_since, done.rights_kept
    ));
    Ok((done, entry))
}
