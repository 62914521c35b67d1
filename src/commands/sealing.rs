//! The sealed register's commands and hooks (SPEC §7): unlocking the file
//! before a session opens, `passwd`, `unlock`, `lock`, `encrypt`, and the
//! key-slot side of `init`, `operator add` and `operator disable`. The
//! cryptography and the slot store are in `crate::seal`.

use std::path::{Path, PathBuf};

use serde_json::Map;

use super::Session;
use crate::cli::{Global, UnlockArgs};
use crate::error::{Error, Result};
use crate::messages::M;
use crate::messages::{A, S};
use crate::output::Output;
use crate::seal::{self, keyring, passphrase, Slot, SlotStore};
use crate::store::audit::Entry;
use crate::store::cipher::opens;

/// Before a session: a sealed register is unlocked for `name` (keyring,
/// else passphrase) and every connection of this process is keyed; a plain
/// one is warned about.
pub fn open(global: &Global, name: Option<&str>) -> Result<()> {
    let db = &global.db;
    if !seal::is_sealed(db)? {
        if db.exists() && !global.quiet {
            eprintln!(
                "privreg: {}: {}",
                crate::messages::M::WarningPrefix,
                A::NotEncrypted.say(&[&db.display()])
            );
        }
        return Ok(());
    }
    let name = name.ok_or_else(|| Error::Usage(M::WhoAreYou.say(&[])))?;
    let slots = seal::read_slots(db)?;
    let from_ring = keyring::fetch(db, name).and_then(|kek| slots.unlock_with(name, kek).ok()?);
    let unlocked = match from_ring {
        Some(u) => u,
        None => {
            let pass = passphrase::current(&S::PassphraseOf.say(&[&name]))?;
            slots.unlock(name, &pass).map_err(|e| match e {
                // Taken for the login name, the user may never have meant
                // to be it (issue #20 item 1): say who, and how to be another.
                Error::Refused(w) if w == seal::wrong() && global.operator.is_none() => {
                    Error::Refused(M::LoginWrongPassphrase.say(&[&name]))
                }
                Error::Refused(w) if w == seal::wrong() => {
                    Error::Refused(M::WrongPassphrase.say(&[]))
                }
                e => e,
            })?
        }
    };
    finish_rotation(db, &slots, unlocked)
}

/// A rotation (`operator disable`) killed between its rekey and its
/// replacing the slots leaves `<db>-keys.next`: whichever of the two keys
/// opens the file wins.
fn finish_rotation(db: &Path, slots: &SlotStore, unlocked: seal::Unlocked) -> Result<()> {
    let next = next_path(db);
    if !next.exists() {
        seal::remember(unlocked);
        return Ok(());
    }
    if opens(db, &unlocked.file_key) {
        let _ = std::fs::remove_file(&next);
        seal::remember(unlocked);
        return Ok(());
    }
    let bytes = std::fs::read(&next)?;
    let pending: SlotStore = serde_json::from_slice(&bytes)
        .map_err(|e| Error::Storage(format!("{}: {e}", next.display())))?;
    let kek = zeroize::Zeroizing::new(*unlocked.kek);
    match pending.unlock_with(&unlocked.operator, kek)? {
        Some(u) if opens(db, &u.file_key) => {
            std::fs::rename(&next, seal::slots_path(db))?;
            seal::remember(u);
            Ok(())
        }
        _ => {
            let _ = slots;
            Err(Error::Storage(A::NoSlots.say(&[&db.display()])))
        }
    }
}

fn next_path(db: &Path) -> PathBuf {
    let mut p = seal::slots_path(db).into_os_string();
    p.push(".next");
    PathBuf::from(p)
}

/// `init`: the first admin's passphrase (twice, or the passphrase file),
/// a new file key that keys the file about to be created, and its slot
/// store. Returns the slot store's path, to remove should init fail.
pub fn seal_new(db: &Path, admin: &str) -> Result<PathBuf> {
    let var = if std::env::var_os(passphrase::NEW_FILE_VAR).is_some() {
        passphrase::NEW_FILE_VAR
    } else {
        passphrase::FILE_VAR
    };
    let pass = passphrase::new(var, &S::NewPassphraseFor.say(&[&admin]))?;
    let file_key = seal::random_key()?;
    let (slot, kek) = Slot::new(admin, &pass, &file_key)?;
    let salt = slot.salt.clone();
    seal::write_slots(db, &SlotStore::new(vec![slot]))?;
    seal::remember(seal::Unlocked {
        operator: admin.to_string(),
        salt,
        kek,
        file_key,
    });
    Ok(seal::slots_path(db))
}

/// `operator add` on a sealed register: the new operator's passphrase,
/// asked before the write transaction begins.
pub fn new_operator_passphrase(
    db: &Path,
    name: &str,
) -> Result<Option<zeroize::Zeroizing<String>>> {
    if seal::current_file_key().is_none() || !seal::is_sealed(db)? {
        return Ok(None);
    }
    passphrase::new(
        passphrase::NEW_FILE_VAR,
        &S::InitialPassphraseFor.say(&[&name]),
    )
    .map(Some)
}

/// Whether `name` has a key slot in the sealed register at `db`.
pub fn has_slot(db: &Path, name: &str) -> Result<bool> {
    Ok(seal::read_slots(db)?.slot(name).is_some())
}

/// Gives `name` a slot (replacing one it had).
pub fn add_slot(db: &Path, name: &str, pass: &str) -> Result<()> {
    let file_key = seal::current_file_key()
        .ok_or_else(|| Error::Internal("a sealed register without its key".into()))?;
    let mut slots = seal::read_slots(db)?;
    let (slot, _) = Slot::new(name, pass, &file_key)?;
    slots.slots.retain(|s| s.operator != name);
    slots.slots.push(slot);
    seal::write_slots(db, &slots)
}

/// `operator disable` on a sealed register: `name`'s slot is removed and
/// the file key rotated, so that neither the old passphrase nor a file key
/// remembered from before opens the register or a later backup.
///
/// Crash safety: the new slots go to `<db>-keys.next` first, then the
/// file is rekeyed with the register to itself (rollback journal, as for
/// an erasure), then `-keys.next` replaces `-keys`. [`finish_rotation`]
/// settles a rotation killed in between.
pub fn rotate_without(session: &mut Session, name: &str) -> Result<()> {
    if seal::current_file_key().is_none() {
        return Ok(());
    }
    let db = session.db.clone();
    let slots = seal::read_slots(&db)?;
    let new_key = seal::random_key()?;
    let kept = slots
        .slots
        .iter()
        .filter(|s| s.operator != name)
        .map(|s| s.reseal(&new_key))
        .collect::<Result<Vec<_>>>()?;
    let next = next_path(&db);
    let _ = std::fs::remove_file(&next);
    {
        // 0600 from the start, and on the disk before the file is rekeyed:
        // after a power cut the register must not be under a key whose
        // only slots were lost.
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&next)?;
        file.write_all(
            &serde_json::to_vec_pretty(&SlotStore::new(kept))
                .map_err(|e| Error::Internal(e.to_string()))?,
        )?;
        file.sync_all()?;
    }
    crash_point("rotation-slots-written");
    session.store.rekey(&db, &new_key)?;
    crash_point("rotation-rekeyed");
    seal::use_file_key(Some(&new_key));
    if !opens(&db, &new_key) {
        return Err(Error::Storage(A::RotationFailed.into()));
    }
    std::fs::rename(&next, seal::slots_path(&db))?;
    let _ = keyring::forget(&db, name);
    crash_point("rotation-done");
    Ok(())
}

/// The crash tests' hook (issue #14): a debug build with
/// `PRIVREG_TEST_CRASH_AT=<point>` dies at that point of a key rotation,
/// as a kill would leave it. Compiled out of release builds.
fn crash_point(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("PRIVREG_TEST_CRASH_AT").is_ok_and(|v| v == point) {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}

/// `privreg passwd`: the operator's own passphrase changes (the slot keeps
/// its key pair, so the file key need not change).
pub fn passwd(session: &mut Session) -> Result<Output> {
    if crate::ops::server_operators::on_server(&session.store)? {
        return passwd_on_server(session);
    }
    let db = session.db.clone();
    let who = session.who.operator.clone();
    let Some(kek) = seal::with_unlocked(|u| zeroize::Zeroizing::new(*u.kek)) else {
        return Err(Error::Refused(A::NoPassphraseToChange.into()));
    };
    let new = passphrase::new(passphrase::NEW_FILE_VAR, &S::NewPassphrase.to_string())?;
    session.write("passwd", |_, _| {
        let mut slots = seal::read_slots(&db)?;
        let slot = slots
            .slots
            .iter_mut()
            .find(|s| s.operator == who)
            .ok_or_else(|| Error::Refused(seal::wrong()))?;
        let (changed, _) = slot.with_passphrase(&kek, &new)?;
        *slot = changed;
        seal::write_slots(&db, &slots)?;
        let mut m = Map::new();
        m.insert("operator".into(), who.clone().into());
        m.insert("changed".into(), true.into());
        Ok((Output::Done(m), Entry::new("passwd")))
    })?;
    let _ = keyring::forget(&db, &who);
    let mut m = Map::new();
    m.insert("operator".into(), who.into());
    m.insert("changed".into(), true.into());
    Ok(Output::Done(m))
}

/// `passwd` on a server (SPEC §8): the role's own password, sent as a
/// SCRAM verifier.
fn passwd_on_server(session: &mut Session) -> Result<Output> {
    let verifier = crate::ops::server_operators::new_password()?;
    let who = session.who.operator.clone();
    session.write("passwd", |tx, _| {
        crate::ops::server_operators::set_password(tx, &verifier)?;
        let mut m = Map::new();
        m.insert("operator".into(), who.into());
        m.insert("changed".into(), true.into());
        Ok((Output::Done(m), Entry::new("passwd")))
    })
}

/// `privreg unlock`: the passphrase key into the session keyring.
pub fn unlock(session: &mut Session, a: UnlockArgs) -> Result<Output> {
    let db = session.db.clone();
    let Some(kek) = seal::with_unlocked(|u| zeroize::Zeroizing::new(*u.kek)) else {
        return Err(Error::Refused(A::NothingToUnlock.into()));
    };
    keyring::store(&db, &session.who.operator, &kek, a.duration)?;
    session.write("unlock", |_, _| {
        let mut m = Map::new();
        m.insert("unlocked_for_seconds".into(), a.duration.into());
        Ok((
            Output::Done(m),
            Entry::new("unlock").detail(format!("seconds={}", a.duration)),
        ))
    })
}

/// `privreg lock`: forgets the key `unlock` kept; needs no passphrase.
pub fn lock(global: &Global) -> Result<Output> {
    let name = global
        .operator
        .clone()
        .or_else(super::login_name)
        .ok_or_else(|| Error::Usage(crate::messages::M::WhoAreYou.into()))?;
    let forgot = keyring::forget(&global.db, &name)?;
    let mut m = Map::new();
    m.insert("locked".into(), true.into());
    m.insert("was_unlocked".into(), forgot.into());
    Ok(Output::Done(m))
}

/// `privreg encrypt`: a plain register becomes a sealed one. The sealed
/// copy is made beside it (`sqlcipher_export`), synced, and renamed over
/// it, with the register to itself meanwhile: a crash leaves the old plain
/// file or the new sealed one. The admin's passphrase comes from
/// `PRIVREG_NEW_PASSPHRASE_FILE`, `PRIVREG_PASSPHRASE_FILE` or the terminal.
/// Other operators get their slots from `operator add NAME --role R`.
pub fn encrypt(session: &mut Session) -> Result<Output> {
    let db = session.db.clone();
    if seal::is_sealed(&db)? {
        return Err(Error::Conflict(A::AlreadyEncrypted.say(&[&db.display()])));
    }
    let who = session.who.operator.clone();
    // Logged before the copy, so the sealed file has the entry.
    session.write("encrypt", |_, _| Ok(((), Entry::new("encrypt"))))?;
    let var = if std::env::var_os(passphrase::NEW_FILE_VAR).is_some() {
        passphrase::NEW_FILE_VAR
    } else {
        passphrase::FILE_VAR
    };
    let pass = passphrase::new(var, &S::NewPassphraseFor.say(&[&who]))?;
    let file_key = seal::random_key()?;
    let (slot, _) = Slot::new(&who, &pass, &file_key)?;
    let mut tmp = db.clone().into_os_string();
    tmp.push(".sealing");
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    crate::store::create_private_file(&tmp)?;
    let result = (|| -> Result<()> {
        session.store.export_sealed(&db, &tmp, &file_key)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        seal::write_slots(&db, &SlotStore::new(vec![slot]))?;
        std::fs::rename(&tmp, &db)?;
        if let Some(dir) = db.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result?;
    // The old connection is to the plain file, now unlinked.
    seal::use_file_key(Some(&file_key));
    session.store = crate::store::Store::open(&db)?;
    let mut m = Map::new();
    m.insert("register".into(), db.display().to_string().into());
    m.insert("encrypted".into(), true.into());
    Ok(Output::Done(m))
}

/// Copies the sealed backup `backup` to the private scratch file `copy`,
/// opens it with `operator`'s slot in the backup (the key unlocked for this
/// command when it is the same slot, else the passphrase), and rekeys the
/// copy to the register's file key, so that the restore reads it as it
/// reads the register. The backup file itself is not changed.
pub fn open_backup_as(backup: &Path, copy: &Path, operator: &str) -> Result<()> {
    if !backup.exists() {
        return Err(Error::NotFound(A::NoBackupFile.say(&[&backup.display()])));
    }
    let register_key = seal::current_file_key()
        .ok_or_else(|| Error::Refused(A::BackupEncryptedRegisterNot.into()))?;
    std::fs::copy(backup, copy)?;
    // A register copied with its `-keys` file, rather than a backup with
    // its slots at its end, serves as well.
    let beside = seal::slots_path(backup);
    if !seal::has_trailer(copy)? && beside.exists() {
        std::fs::copy(&beside, seal::slots_path(copy))?;
    }
    let slots = seal::read_slots(copy)?;
    let same = seal::with_unlocked(|u| {
        (slots.slot(operator).map(|s| s.salt.as_str()) == Some(u.salt.as_str()))
            .then(|| zeroize::Zeroizing::new(*u.kek))
    })
    .flatten();
    let unlocked = match same.and_then(|kek| slots.unlock_with(operator, kek).transpose()) {
        Some(u) => u?,
        None => {
            let pass = passphrase::current(&S::PassphraseInBackup.say(&[&operator]))?;
            slots
                .unlock(operator, &pass)
                .map_err(|_| Error::Refused(A::BackupWrongPassphrase.say(&[&operator])))?
        }
    };
    crate::store::cipher::rekey_copy(copy, &unlocked.file_key, &register_key)
}
