//! `privreg unlock` / `lock`: the operator's passphrase key kept in the
//! kernel's session keyring for a while, so that each command need not ask.
//! The entry is named after the register's path and the operator; it holds
//! the Argon2id output, which opens that operator's slot and nothing else.

use std::path::Path;

use crate::error::{Error, Result};
use crate::messages::A;

use super::Secret;

fn description(db: &Path, operator: &str) -> String {
    let path = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    format!("privreg:{}:{operator}", path.display())
}

#[cfg(target_os = "linux")]
mod imp {
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    use zeroize::Zeroizing;

    use super::*;

    fn ring() -> Result<KeyRing> {
        KeyRing::from_special_id(KeyRingIdentifier::Session, false)
            .map_err(|e| Error::Storage(A::NoKeyringHere.say(&[&e])))
    }

    pub fn store(db: &Path, operator: &str, kek: &Secret, seconds: u64) -> Result<()> {
        let ring = ring()?;
        let key = ring
            .add_key(&description(db, operator), &kek[..])
            .map_err(|e| Error::Storage(A::KeyringRefusedKey.say(&[&e])))?;
        key.set_timeout(seconds as usize)
            .map_err(|e| Error::Storage(A::KeyringRefusedTimeout.say(&[&e])))?;
        Ok(())
    }

    pub fn fetch(db: &Path, operator: &str) -> Option<Secret> {
        let ring = KeyRing::from_special_id(KeyRingIdentifier::Session, false).ok()?;
        let key = ring.search(&description(db, operator)).ok()?;
        let mut buf = Zeroizing::new([0u8; 32]);
        let n = key.read(&mut *buf).ok()?;
        (n == 32).then_some(buf)
    }

    pub fn forget(db: &Path, operator: &str) -> Result<bool> {
        let Ok(ring) = KeyRing::from_special_id(KeyRingIdentifier::Session, false) else {
            return Ok(false);
        };
        match ring.search(&description(db, operator)) {
            Ok(key) => {
                key.invalidate()
                    .map_err(|e| Error::Storage(A::Keyring.say(&[&e])))?;
                Ok(true)
            }
            Err(_) => Ok(false),
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::*;

    pub fn store(_db: &Path, _operator: &str, _kek: &Secret, _seconds: u64) -> Result<()> {
        Err(Error::Storage(A::NoKeyring.into()))
    }

    pub fn fetch(_db: &Path, _operator: &str) -> Option<Secret> {
        None
    }

    pub fn forget(_db: &Path, _operator: &str) -> Result<bool> {
        Ok(false)
    }
}

pub use imp::{fetch, forget, store};
