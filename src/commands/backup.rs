//! `backup` and `restore` (the operations are `ops::backup`'s).

use std::path::Path;

use super::Session;
use crate::cli::{BackupArgs, RestoreArgs};
use crate::error::{Error, Result};
use crate::messages::A;
use crate::ops::backup::{self as ops, Scratch};
use crate::output::{to_map, Output};
use crate::store::backup::BackupFile;

pub fn backup(session: &mut Session, a: BackupArgs) -> Result<Output> {
    if session.store.is_server() {
        return super::copy::backup_from_server(session, &a.file);
    }
    let done = ops::backup(&mut session.store, &session.db, &a.file, &session.who.now)?;
    session.write("backup", |_, _| {
        let entry = done.entry();
        Ok((
            Output::Object {
                value: to_map(&done),
                plain: Some(done.plain()),
            },
            entry,
        ))
    })
}

pub fn restore(session: &mut Session, a: RestoreArgs, register: &Path) -> Result<Output> {
    // On a server the scratch copies go beside the backup (a server's
    // register has no folder of its own) and, from a sealed backup, are
    // keyed with a key of this command's only (store/restore.rs).
    let server = session.store.is_server();
    let beside = if server { a.file.as_path() } else { register };
    let _session_key = match server && crate::seal::is_sealed(&a.file)? {
        true => Some(SessionKey::new()?),
        false => None,
    };
    // A sealed backup is first copied and rekeyed to the register's key
    // (src/ops/sealing.rs); the rest reads that copy.
    let mut sealed_copy = None;
    let source = if crate::seal::is_sealed(&a.file)? {
        let copy = Scratch::create(beside)?;
        crate::ops::sealing::open_backup_as(&a.file, &copy.0, &session.who.operator)?;
        sealed_copy.insert(copy).0.clone()
    } else {
        a.file.clone()
    };
    // Whose backup is it? Asked before a byte of it is copied.
    let found = BackupFile::inspect(&source)?;
    let (here, foreign) = ops::whose(&session.store.peek()?, &found)?;
    if let Some(why) = foreign {
        // Through `write`, so the refusal is audited as one.
        return session.write("restore", |_, _| Err(Error::Refused(why)));
    }
    let scratch = Scratch::create(beside)?;
    // Opening migrates an older backup forward, and refuses a newer one.
    found.copy_to(&scratch.0)?;
    if !server {
        session.store.attach_backup(&scratch.0)?;
    }
    let result = session.write("restore", |tx, who| {
        let (done, entry) = ops::restore(tx, who, here, &scratch.0)?;
        let plain = Some(done.plain(&a.file));
        Ok((
            Output::Object {
                value: to_map(&done),
                plain,
            },
            entry,
        ))
    });
    if !server {
        session.store.detach_backup()?;
    }
    drop(sealed_copy);
    let out = result?;
    if !server {
        session.store.truncate_wal()?;
    }
    if !session.global.quiet {
        for left in scratch.leftovers() {
            eprintln!(
                "privreg: {}: {}",
                crate::messages::M::WarningPrefix,
                A::ScratchLeft.say(&[&left.display()])
            );
        }
    }
    Ok(out)
}

/// A file key for this command only, for the scratch copies of a sealed
/// backup restored onto a server (which has no file key of its own):
/// dropped, the process has no file key again.
struct SessionKey;

impl SessionKey {
    fn new() -> Result<SessionKey> {
        crate::seal::use_file_key(Some(&crate::seal::random_key()?));
        Ok(SessionKey)
    }
}

impl Drop for SessionKey {
    fn drop(&mut self) {
        crate::seal::use_file_key(None);
    }
}
