//! The sealed register's operations (SPEC §7): finishing a key rotation,
//! the key-slot side of `init`, `operator add` and `operator disable`,
//! `passwd`, `unlock`, `lock`, `encrypt`, and opening a sealed backup. The
//! cryptography and the slot store are in `crate::seal`.

use std::path::{Path, PathBuf};

use serde::Serialize;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::messages::{A, S};
use crate::seal::{self, keyring, passphrase, Slot, SlotStore};
use crate::store::cipher::opens;
use crate::store::Store;

/// A rotation (`operator disable`) killed between its rekey and its
/// replacing the slots leaves `<db>-keys.next`: whichever of the two keys
/// opens the file wins.
pub fn finish_rotation(db: &Path, slots: &SlotStore, unlocked: seal::Unlocked) -> Result<()> {
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
pub fn rotate_without(store: &mut Store, db: &Path, name: &str) -> Result<()> {
    if seal::current_file_key().is_none() {
        return Ok(());
    }
    let slots = seal::read_slots(db)?;
    let new_key = seal::random_key()?;
    let kept = slots
        .slots
        .iter()
        .filter(|s| s.operator != name)
        .map(|s| s.reseal(&new_key))
        .collect::<Result<Vec<_>>>()?;
    let next = next_path(db);
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
    store.rekey(db, &new_key)?;
    crash_point("rotation-rekeyed");
    seal::use_file_key(Some(&new_key));
    if !opens(db, &new_key) {
        return Err(Error::Storage(A::RotationFailed.into()));
    }
    std::fs::rename(&next, seal::slots_path(db))?;
    let _ = keyring::forget(db, name);
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

/// What `passwd` prints.
#[derive(Serialize)]
pub struct Passwd {
    pub operator: String,
    pub changed: bool,
}

/// The key of the passphrase this command was unlocked with, if any.
pub fn unlocked_kek() -> Option<seal::Secret> {
    seal::with_unlocked(|u| Zeroizing::new(*u.kek))
}

/// `privreg passwd`: the operator's own slot under the `new` passphrase
/// (the slot keeps its key pair, so the file key need not change).
pub fn passwd(db: &Path, operator: &str, kek: &seal::Secret, new: &str) -> Result<Passwd> {
    let mut slots = seal::read_slots(db)?;
    let slot = slots
        .slots
        .iter_mut()
        .find(|s| s.operator == operator)
        .ok_or_else(|| Error::Refused(seal::wrong()))?;
    let (changed, _) = slot.with_passphrase(kek, new)?;
    *slot = changed;
    seal::write_slots(db, &slots)?;
    Ok(Passwd {
        operator: operator.to_string(),
        changed: true,
    })
}

/// What `unlock` prints.
#[derive(Serialize)]
pub struct Unlocked {
    pub unlocked_for_seconds: u64,
}

/// What `lock` prints: whether there was a key to forget.
#[derive(Serialize)]
pub struct Locked {
    pub locked: bool,
    pub was_unlocked: bool,
}

/// `privreg lock`: forgets the key `unlock` kept; needs no passphrase.
pub fn lock(db: &Path, operator: &str) -> Result<Locked> {
    Ok(Locked {
        locked: true,
        was_unlocked: keyring::forget(db, operator)?,
    })
}

/// What `encrypt` prints.
#[derive(Serialize)]
pub struct Encrypted {
    pub register: String,
    pub encrypted: bool,
}

/// `privreg encrypt`, after its audit entry: the plain register at `db`
/// becomes a sealed one with `operator`'s slot. The sealed copy is made
/// beside it (`sqlcipher_export`), synced, and renamed over it, with the
/// register to itself meanwhile: a crash leaves the old plain file or the
/// new sealed one; `store` is then reopened on the sealed file. The
/// admin's passphrase comes from `PRIVREG_NEW_PASSPHRASE_FILE`,
/// `PRIVREG_PASSPHRASE_FILE` or the terminal. Other operators get their
/// slots from `operator add NAME --role R`.
pub fn encrypt(store: &mut Store, db: &Path, operator: &str) -> Result<Encrypted> {
    let var = if std::env::var_os(passphrase::NEW_FILE_VAR).is_some() {
        passphrase::NEW_FILE_VAR
    } else {
        passphrase::FILE_VAR
    };
    let pass = passphrase::new(var, &S::NewPassphraseFor.say(&[&operator]))?;
    let file_key = seal::random_key()?;
    let (slot, _) = Slot::new(operator, &pass, &file_key)?;
    let mut tmp = db.to_path_buf().into_os_string();
    tmp.push(".sealing");
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    crate::store::create_private_file(&tmp)?;
    let result = (|| -> Result<()> {
        store.export_sealed(db, &tmp, &file_key)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        seal::write_slots(db, &SlotStore::new(vec![slot]))?;
        std::fs::rename(&tmp, db)?;
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
    *store = Store::open(db)?;
    Ok(Encrypted {
        register: db.display().to_string(),
        encrypted: true,
    })
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
