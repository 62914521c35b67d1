//! `privreg copy --to DB` (SPEC §8, admin): the whole register into a new
//! register of either kind (store/copy.rs). The copy is a read of every
//! record, audited before the first row leaves: the entry is in the copy's
//! chain too, its last.

use serde_json::Map;

use super::Session;
use crate::cli::CopyArgs;
use crate::error::Result;
use crate::output::Output;
use crate::store::audit::Entry;

pub fn copy(session: &mut Session, a: CopyArgs) -> Result<Output> {
    let to_server = crate::store::pg::is_url(&a.to);
    let kind = if to_server { "server" } else { "file" };
    session.write("copy", |_, _| {
        Ok(((), Entry::new("copy").detail(format!("to={kind}"))))
    })?;
    let copied = crate::store::copy::copy_to(&mut session.store, &a.to)?;
    // A sealed register's copy is keyed with its file key: the key slots
    // follow it, so that it opens with the same passphrases (as a backup).
    if !to_server && crate::seal::current_file_key().is_some() {
        crate::seal::append_trailer(&a.to, &crate::seal::read_slots(&session.db)?)?;
    }
    let mut value = Map::new();
    value.insert("to".into(), kind.into());
    value.insert("register_id".into(), copied.register_id.into());
    value.insert("tables".into(), copied.tables.into());
    value.insert("rows".into(), copied.rows.into());
    value.insert("records".into(), copied.records.into());
    value.insert("audit_entries".into(), copied.audit_entries.into());
    Ok(Output::Object { value, plain: None })
}

/// `backup FILE` on a server (SPEC §8): a sealed register file, made by
/// the same copy, keyed with a new file key whose one key slot is the
/// admin's (new passphrase from `PRIVREG_NEW_PASSPHRASE_FILE` or the
/// prompt, twice). Audited before the first row leaves the server.
pub fn backup_from_server(session: &mut Session, file: &std::path::Path) -> Result<Output> {
    use crate::seal::{self, passphrase, Slot, SlotStore};
    let who = session.who.operator.clone();
    let pass = passphrase::new(
        passphrase::NEW_FILE_VAR,
        &crate::messages::S::NewPassphraseFor.say(&[&who]),
    )?;
    let file_key = seal::random_key()?;
    let (slot, _) = Slot::new(&who, &pass, &file_key)?;
    session.write("backup", |_, _| {
        Ok(((), Entry::new("backup").detail("sealed=yes")))
    })?;
    // The copy's connection to the new file is keyed with the new key.
    seal::use_file_key(Some(&file_key));
    let copied = crate::store::copy::copy_to(&mut session.store, file);
    seal::use_file_key(None);
    let copied = copied?;
    if let Err(e) = seal::append_trailer(file, &SlotStore::new(vec![slot])) {
        let _ = std::fs::remove_file(file);
        return Err(e);
    }
    let mut value = Map::new();
    value.insert("file".into(), file.display().to_string().into());
    value.insert("register_id".into(), copied.register_id.into());
    value.insert("records".into(), copied.records.into());
    value.insert("audit_entries".into(), copied.audit_entries.into());
    value.insert("sealed_for".into(), who.into());
    Ok(Output::Object { value, plain: None })
}
