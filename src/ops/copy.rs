//! `privreg copy --to DB` and `backup FILE` on a server (SPEC §8): the
//! whole register into a new register of either kind (`store/copy.rs`).
//! The command audits the copy before calling these, so the entry is the
//! last of the copy's chain too.

use std::path::Path;

use serde::Serialize;

use super::backup::BackedUp;
use crate::error::{Error, Result};
use crate::seal::{self, passphrase, Slot, SlotStore};
use crate::store::Store;

/// What `copy` prints.
#[derive(Serialize)]
pub struct Copied {
    /// `file` or `server`.
    pub to: &'static str,
    pub register_id: String,
    pub tables: usize,
    pub rows: u64,
    pub records: u64,
    pub audit_entries: u64,
}

/// The kind of register `to` names.
pub fn kind_of(to: &Path) -> &'static str {
    if crate::store::pg::is_url(to) {
        "server"
    } else {
        "file"
    }
}

/// Copies the register of `store` (at `db`) into a new register `to`. A
/// sealed register's copy into a file is keyed with its file key, and the
/// key slots follow it, so that it opens with the same passphrases (as a
/// backup does).
pub fn copy(store: &mut Store, db: &Path, to: &Path) -> Result<Copied> {
    let kind = kind_of(to);
    let copied = crate::store::copy::copy_to(store, to)?;
    if kind == "file" && seal::current_file_key().is_some() {
        seal::append_trailer(to, &seal::read_slots(db)?)?;
    }
    Ok(Copied {
        to: kind,
        register_id: copied.register_id,
        tables: copied.tables,
        rows: copied.rows,
        records: copied.records,
        audit_entries: copied.audit_entries,
    })
}

/// A backup's file must be new, as on a file (`files::create`): the same
/// refusal (exit 3), before any passphrase is asked or row copied.
pub fn refuse_taken(file: &Path) -> Result<()> {
    match file.symlink_metadata() {
        Ok(_) => Err(crate::error::Error::invalid(
            "file",
            crate::messages::S::FileExists.say(&[&file.display()]),
        )),
        Err(_) => Ok(()),
    }
}

/// The new passphrase of a server's backup for `who`, asked before the
/// copy (`PRIVREG_NEW_PASSPHRASE_FILE` or the prompt, twice).
pub fn backup_passphrase(who: &str) -> Result<zeroize::Zeroizing<String>> {
    passphrase::new(
        passphrase::NEW_FILE_VAR,
        &crate::messages::S::NewPassphraseFor.say(&[&who]),
    )
}

/// `backup FILE` on a server: a sealed register file made by the same
/// copy, keyed with a new file key whose one key slot is `who`'s. It
/// answers as a file's backup does: the file, its records and the
/// checkpoint where its audit log ends (read in the copy's transaction).
pub fn backup_from_server(
    store: &mut Store,
    file: &Path,
    who: &str,
    pass: &str,
    now: &str,
) -> Result<BackedUp> {
    let file_key = seal::random_key()?;
    let (slot, _) = Slot::new(who, pass, &file_key)?;
    // The copy's connection to the new file is keyed with the new key.
    seal::use_file_key(Some(&file_key));
    let copied = crate::store::copy::copy_to_at(store, file, now);
    seal::use_file_key(None);
    let (copied, checkpoint) = copied?;
    let trailer = seal::append_trailer(file, &SlotStore::new(vec![slot]));
    let checkpoint = trailer
        .and_then(|()| checkpoint.ok_or_else(|| Error::Internal("an empty audit log".into())));
    match checkpoint {
        Ok(checkpoint) => Ok(BackedUp {
            file: file.display().to_string(),
            records: copied.records as i64,
            checkpoint,
        }),
        Err(e) => {
            let _ = std::fs::remove_file(file);
            Err(e)
        }
    }
}
