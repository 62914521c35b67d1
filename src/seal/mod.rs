//! The sealed register (SPEC §7): the file key, the operators' key slots,
//! where the slots are kept, and the passphrase that opens a slot.
//!
//! Design:
//! - The register file is a SQLCipher database (AES-256, HMAC-SHA512 per
//!   page) keyed with a random 256-bit *file key*, given to SQLCipher as a
//!   raw key (`PRAGMA key = "x'…'"`), so SQLCipher's own PBKDF2 is skipped
//!   and opening an unlocked register costs nothing extra.
//! - Each enabled operator has a *key slot*: an X25519 key pair whose
//!   secret is sealed (ChaCha20-Poly1305) under a key derived from the
//!   operator's passphrase by Argon2id, and the file key sealed to the
//!   pair's public key (an ephemeral X25519 exchange, SHA-256, then
//!   ChaCha20-Poly1305). Every AEAD binds the operator's name as associated
//!   data, so a slot cannot be passed off as another operator's. The public
//!   half is what lets `operator disable` rotate the file key and seal the
//!   new one to every remaining operator without knowing their passphrases;
//!   the disabled operator's slot is simply left out.
//! - Argon2id parameters are recorded in each slot, so a slot opens with the
//!   parameters it was made with. Release builds use [`KDF_RELEASE`]
//!   (64 MiB, 4 passes, 1 lane: about 0.25 s on the 2-core build machine,
//!   see the CHANGELOG); builds with debug assertions take cheap parameters when
//!   `PRIVREG_TEST_KDF=fast` (the test suite only; compiled out of release,
//!   like `PRIVREG_TODAY` in src/clock.rs).
//! - Where the slots live: SQLCipher encrypts every byte of the file after
//!   its 16-byte salt, so they cannot be inside it. The live register keeps
//!   them in a companion file `<db>-keys` (JSON, mode 0600, replaced
//!   atomically: written to a new file, fsynced, renamed). A *backup* is one
//!   file: the copied database followed by the slot store and a 16-byte
//!   trailer (length, magic `PRVRSLT1`). Opening such a file (`--db` on a
//!   backup, or `restore`) first moves the trailer into `<file>-keys` and
//!   cuts it off, so SQLite never sees it. So a backup opens with exactly
//!   the passphrases whose slots it carries: those valid when it was made.
//! - A file that is not plain SQLite (its first 16 bytes are not the SQLite
//!   header) is sealed; if it has neither `-keys` nor a trailer, or the
//!   slot store does not parse, that is exit 7, never a silent plain file.
//! - `privreg unlock` puts the operator's Argon2id-derived key (not the
//!   file key) in the kernel session keyring with a timeout: it opens only
//!   the operator's own slot, so it stops working when the slot is removed.

pub mod keyring;
pub mod passphrase;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::messages::{A, S};

/// A 256-bit key, wiped from memory when dropped.
pub type Secret = Zeroizing<[u8; 32]>;

/// Argon2id parameters: memory in KiB, passes, lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

/// One derivation takes 0.2–0.5 s on the reference machine (measured in
/// release, see CHANGELOG.md).
pub const KDF_RELEASE: Kdf = Kdf {
    m_kib: 64 * 1024,
    t: 4,
    p: 1,
};

/// The test suite's parameters: only with debug assertions.
#[cfg(debug_assertions)]
const KDF_FAST: Kdf = Kdf {
    m_kib: 64,
    t: 1,
    p: 1,
};

/// The parameters for a new slot.
pub fn kdf_for_new_slot() -> Kdf {
    #[cfg(debug_assertions)]
    if std::env::var("PRIVREG_TEST_KDF").is_ok_and(|v| v == "fast") {
        return KDF_FAST;
    }
    KDF_RELEASE
}

/// The shortest passphrase accepted (characters).
pub const MIN_PASSPHRASE: usize = 10;

const SLOT_MAGIC: &[u8; 8] = b"PRVRSLT1";
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// One operator's key slot.
#[derive(Clone, Serialize, Deserialize)]
pub struct Slot {
    pub operator: String,
    pub kdf: Kdf,
    /// hex: the Argon2id salt.
    pub salt: String,
    /// hex: the X25519 public key.
    pub public: String,
    /// hex: nonce ‖ the X25519 secret sealed under the passphrase key.
    pub secret: String,
    /// hex: ephemeral public key ‖ nonce ‖ the file key sealed to `public`.
    pub file_key: String,
}

/// Every slot of a register.
#[derive(Clone, Serialize, Deserialize)]
pub struct SlotStore {
    pub version: u32,
    pub slots: Vec<Slot>,
}

/// What this process has unlocked: the operator's passphrase key (for
/// opening their slot again, in a backup too) and the register's file key.
pub struct Unlocked {
    pub operator: String,
    pub salt: String,
    pub kek: Secret,
    pub file_key: Secret,
}

static CURRENT: Mutex<Option<Secret>> = Mutex::new(None);
static SESSION: Mutex<Option<Unlocked>> = Mutex::new(None);

/// Keeps what this process unlocked, and keys its connections with it.
pub fn remember(u: Unlocked) {
    use_file_key(Some(&u.file_key));
    *SESSION.lock().unwrap_or_else(|p| p.into_inner()) = Some(u);
}

/// Runs `f` on what this process unlocked, if anything.
pub fn with_unlocked<R>(f: impl FnOnce(&Unlocked) -> R) -> Option<R> {
    SESSION
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .map(f)
}

/// Sets the file key every connection this process opens is keyed with.
pub fn use_file_key(key: Option<&Secret>) {
    let mut cur = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
    *cur = key.map(|k| Zeroizing::new(**k));
}

/// The file key in use, if the register is sealed.
pub fn current_file_key() -> Option<Secret> {
    let cur = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
    cur.as_ref().map(|k| Zeroizing::new(**k))
}

/// A key as SQLCipher takes it raw: `x'…'` in hex (no SQLCipher KDF).
pub fn key_literal(key: &Secret) -> Zeroizing<String> {
    Zeroizing::new(format!("x'{}'", hex(&key[..])))
}

/// The `KEY` of an `ATTACH` of a file sealed with the process's key
/// (an empty key, for a plain register).
pub fn attach_key() -> Zeroizing<String> {
    match current_file_key() {
        Some(k) => key_literal(&k),
        None => Zeroizing::new(String::new()),
    }
}

/// The companion file holding a live register's slots.
pub fn slots_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-keys");
    PathBuf::from(p)
}

/// Whether the file at `db` is sealed: present, not empty, and not plain
/// SQLite. A missing or empty file is not.
pub fn is_sealed(db: &Path) -> Result<bool> {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(db) else {
        return Ok(false);
    };
    let mut head = [0u8; 16];
    let mut n = 0;
    while n < 16 {
        match f.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n > 0 && !(n == 16 && &head == SQLITE_HEADER))
}

/// A random 256-bit key from the system.
pub fn random_key() -> Result<Secret> {
    let mut k = Zeroizing::new([0u8; 32]);
    fill_random(&mut k[..])?;
    Ok(k)
}

fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::getrandom(buf)
        .map_err(|e| Error::Internal(format!("no random numbers from the system: {e}")))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn damaged(what: &str) -> Error {
    Error::Storage(A::SlotsDamaged.say(&[&what]))
}

/// Argon2id of `passphrase` with `salt` and `kdf`.
pub fn derive(passphrase: &str, salt: &[u8], kdf: Kdf) -> Result<Secret> {
    let params = argon2::Params::new(kdf.m_kib, kdf.t, kdf.p, Some(32))
        .map_err(|e| damaged(&S::DamagedKdf.say(&[&e])))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, &mut out[..])
        .map_err(|e| Error::Internal(format!("argon2: {e}")))?;
    Ok(out)
}

fn aad(operator: &str, what: &str) -> Vec<u8> {
    format!("privreg-slot-v1\0{what}\0{operator}").into_bytes()
}

fn seal(key: &[u8; 32], plain: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
    let mut nonce = [0u8; 12];
    fill_random(&mut nonce)?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let ct = cipher
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: plain, aad })
        .map_err(|_| Error::Internal("encryption failed".into()))?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&ct);
    Ok(out)
}

fn open(key: &[u8; 32], sealed: &[u8], aad: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if sealed.len() < 12 {
        return None;
    }
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    cipher
        .decrypt(
            Nonce::from_slice(&sealed[..12]),
            Payload {
                msg: &sealed[12..],
                aad,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

/// The key of a sealed box from an X25519 shared secret.
fn box_key(shared: &[u8; 32], eph: &[u8; 32], public: &[u8; 32]) -> Secret {
    let mut h = Sha256::new();
    h.update(b"privreg-box-v1");
    h.update(shared);
    h.update(eph);
    h.update(public);
    Zeroizing::new(h.finalize().into())
}

/// Seals `file_key` to the slot's public key (no passphrase needed).
fn seal_file_key(operator: &str, public: &[u8; 32], file_key: &Secret) -> Result<String> {
    let mut eph_bytes = Zeroizing::new([0u8; 32]);
    fill_random(&mut eph_bytes[..])?;
    let eph = x25519_dalek::StaticSecret::from(*eph_bytes);
    let eph_pub = x25519_dalek::PublicKey::from(&eph);
    let shared = eph.diffie_hellman(&x25519_dalek::PublicKey::from(*public));
    let key = box_key(shared.as_bytes(), eph_pub.as_bytes(), public);
    let mut out = eph_pub.as_bytes().to_vec();
    out.extend(seal(&key, &file_key[..], &aad(operator, "file-key"))?);
    Ok(hex(&out))
}

impl Slot {
    /// A new slot for `operator` holding `file_key` under `passphrase`.
    pub fn new(operator: &str, passphrase: &str, file_key: &Secret) -> Result<(Slot, Secret)> {
        let kdf = kdf_for_new_slot();
        let mut salt = [0u8; 16];
        fill_random(&mut salt)?;
        let kek = derive(passphrase, &salt, kdf)?;
        let mut sk = Zeroizing::new([0u8; 32]);
        fill_random(&mut sk[..])?;
        let secret = x25519_dalek::StaticSecret::from(*sk);
        let public = *x25519_dalek::PublicKey::from(&secret).as_bytes();
        let slot = Slot {
            operator: operator.to_string(),
            kdf,
            salt: hex(&salt),
            public: hex(&public),
            secret: hex(&seal(&kek, &sk[..], &aad(operator, "secret"))?),
            file_key: seal_file_key(operator, &public, file_key)?,
        };
        Ok((slot, kek))
    }

    fn public(&self) -> Result<[u8; 32]> {
        unhex(&self.public)
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| damaged(&S::DamagedPublicKey.to_string()))
    }

    /// The same slot with `file_key` sealed in it instead.
    pub fn reseal(&self, file_key: &Secret) -> Result<Slot> {
        let public = self.public()?;
        Ok(Slot {
            file_key: seal_file_key(&self.operator, &public, file_key)?,
            ..self.clone()
        })
    }

    /// The passphrase key of this slot.
    pub fn derive(&self, passphrase: &str) -> Result<Secret> {
        let salt = unhex(&self.salt).ok_or_else(|| damaged(&S::DamagedSalt.to_string()))?;
        derive(passphrase, &salt, self.kdf)
    }

    /// The file key, with the passphrase key `kek`; `None` when it does not
    /// open this slot.
    pub fn open_with(&self, kek: &Secret) -> Result<Option<Secret>> {
        let sealed_secret =
            unhex(&self.secret).ok_or_else(|| damaged(&S::DamagedSlot.to_string()))?;
        let Some(sk) = open(kek, &sealed_secret, &aad(&self.operator, "secret")) else {
            return Ok(None);
        };
        let sk: [u8; 32] = sk[..]
            .try_into()
            .map_err(|_| damaged(&S::DamagedSlot.to_string()))?;
        let secret = x25519_dalek::StaticSecret::from(sk);
        let boxed = unhex(&self.file_key).ok_or_else(|| damaged(&S::DamagedSlot.to_string()))?;
        if boxed.len() < 32 {
            return Err(damaged(&S::DamagedSlot.to_string()));
        }
        let eph: [u8; 32] = boxed[..32]
            .try_into()
            .map_err(|_| damaged(&S::DamagedSlot.to_string()))?;
        let public = self.public()?;
        let shared = secret.diffie_hellman(&x25519_dalek::PublicKey::from(eph));
        let key = box_key(shared.as_bytes(), &eph, &public);
        let fk = open(&key, &boxed[32..], &aad(&self.operator, "file-key"))
            .ok_or_else(|| damaged(&S::DamagedFileKey.to_string()))?;
        let fk: [u8; 32] = fk[..]
            .try_into()
            .map_err(|_| damaged(&S::DamagedSlot.to_string()))?;
        Ok(Some(Zeroizing::new(fk)))
    }

    /// The slot with a new passphrase (the same key pair).
    pub fn with_passphrase(&self, kek: &Secret, passphrase: &str) -> Result<(Slot, Secret)> {
        let sealed_secret =
            unhex(&self.secret).ok_or_else(|| damaged(&S::DamagedSlot.to_string()))?;
        let sk = open(kek, &sealed_secret, &aad(&self.operator, "secret"))
            .ok_or_else(|| Error::Refused(wrong()))?;
        let kdf = kdf_for_new_slot();
        let mut salt = [0u8; 16];
        fill_random(&mut salt)?;
        let new_kek = derive(passphrase, &salt, kdf)?;
        Ok((
            Slot {
                kdf,
                salt: hex(&salt),
                secret: hex(&seal(&new_kek, &sk, &aad(&self.operator, "secret"))?),
                ..self.clone()
            },
            new_kek,
        ))
    }
}

/// The one refusal for a wrong passphrase and an unknown operator alike,
/// in the language of the run.
pub fn wrong() -> String {
    crate::messages::M::WrongPassphrase.to_string()
}

impl SlotStore {
    pub fn new(slots: Vec<Slot>) -> SlotStore {
        SlotStore { version: 1, slots }
    }

    pub fn slot(&self, operator: &str) -> Option<&Slot> {
        self.slots.iter().find(|s| s.operator == operator)
    }

    fn parse(bytes: &[u8]) -> Result<SlotStore> {
        let store: SlotStore =
            serde_json::from_slice(bytes).map_err(|e| damaged(&format!("{e}")))?;
        if store.version != 1 {
            return Err(Error::Storage(A::SlotsNewer.say(&[&store.version])));
        }
        Ok(store)
    }

    /// Opens `operator`'s slot with `passphrase`. A wrong passphrase and an
    /// unknown operator are the same refusal and cost the same time.
    pub fn unlock(&self, operator: &str, passphrase: &str) -> Result<Unlocked> {
        let Some(slot) = self.slot(operator) else {
            let _ = derive(passphrase, &[0u8; 16], kdf_for_new_slot());
            return Err(Error::Refused(wrong()));
        };
        let kek = slot.derive(passphrase)?;
        self.unlock_with(operator, kek)?
            .ok_or_else(|| Error::Refused(wrong()))
    }

    /// Opens `operator`'s slot with an already derived key (from the
    /// keyring); `None` when it does not open it.
    pub fn unlock_with(&self, operator: &str, kek: Secret) -> Result<Option<Unlocked>> {
        let Some(slot) = self.slot(operator) else {
            return Ok(None);
        };
        Ok(slot.open_with(&kek)?.map(|file_key| Unlocked {
            operator: operator.to_string(),
            salt: slot.salt.clone(),
            kek,
            file_key,
        }))
    }

    fn to_bytes(&self) -> Result<Vec<u8>> {
        serde_json::to_vec_pretty(self).map_err(|e| Error::Internal(e.to_string()))
    }
}

/// The slots of the sealed register at `db`: from `<db>-keys`, or from the
/// trailer of a backup (moved into `<db>-keys` first). Exit 7 when there
/// are none or they are damaged.
pub fn read_slots(db: &Path) -> Result<SlotStore> {
    adopt_trailer(db)?;
    let path = slots_path(db);
    match std::fs::read(&path) {
        Ok(bytes) => SlotStore::parse(&bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Storage(
            A::SlotsMissing.say(&[&db.display(), &path.display()]),
        )),
        Err(e) => Err(Error::Storage(format!("{}: {e}", path.display()))),
    }
}

/// Replaces `<db>-keys` atomically: a new 0600 file, fsync, rename, fsync
/// of the directory.
pub fn write_slots(db: &Path, store: &SlotStore) -> Result<()> {
    let path = slots_path(db);
    let mut tmp = path.clone().into_os_string();
    tmp.push(".new");
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    write_new_file(&tmp, &store.to_bytes()?)?;
    std::fs::rename(&tmp, &path)?;
    sync_dir(&path);
    Ok(())
}

fn write_new_file(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Appends the slot store to a finished backup file: the backup is then
/// one file that opens with any of these slots.
pub fn append_trailer(file: &Path, store: &SlotStore) -> Result<()> {
    use std::io::Write;
    let bytes = store.to_bytes()?;
    let mut f = std::fs::OpenOptions::new().append(true).open(file)?;
    f.write_all(&bytes)?;
    f.write_all(&(bytes.len() as u64).to_le_bytes())?;
    f.write_all(SLOT_MAGIC)?;
    f.sync_all()?;
    Ok(())
}

/// Whether the file ends with a slot store (a backup).
pub fn has_trailer(file: &Path) -> Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(file)?;
    let len = f.metadata()?.len();
    if len < 16 {
        return Ok(false);
    }
    let mut magic = [0u8; 8];
    f.seek(SeekFrom::Start(len - 8))?;
    f.read_exact(&mut magic)?;
    Ok(&magic == SLOT_MAGIC)
}

/// Moves a backup's trailing slot store into `<db>-keys` and cuts it off
/// the file. The `-keys` file is written (and synced) before the cut, so a
/// crash between leaves both, which the next open handles the same way.
fn adopt_trailer(db: &Path) -> Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut f) = std::fs::OpenOptions::new().read(true).write(true).open(db) else {
        return Ok(());
    };
    let len = f.metadata()?.len();
    if len < 16 {
        return Ok(());
    }
    let mut tail = [0u8; 16];
    f.seek(SeekFrom::Start(len - 16))?;
    f.read_exact(&mut tail)?;
    if &tail[8..] != SLOT_MAGIC {
        return Ok(());
    }
    let n = u64::from_le_bytes(tail[..8].try_into().expect("8 bytes"));
    if n > len - 16 {
        return Err(damaged(&S::DamagedTrailer.to_string()));
    }
    let start = len - 16 - n;
    let mut bytes = vec![0u8; n as usize];
    f.seek(SeekFrom::Start(start))?;
    f.read_exact(&mut bytes)?;
    let store = SlotStore::parse(&bytes)?;
    write_slots(db, &store)?;
    f.set_len(start)?;
    f.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast() -> Kdf {
        Kdf {
            m_kib: 64,
            t: 1,
            p: 1,
        }
    }

    #[test]
    fn a_slot_opens_with_its_passphrase_only() {
        std::env::set_var("PRIVREG_TEST_KDF", "fast");
        let fk = random_key().unwrap();
        let (slot, _) = Slot::new("anne", "correct horse battery", &fk).unwrap();
        assert_eq!(slot.kdf, fast());
        let store = SlotStore::new(vec![slot]);
        let u = store.unlock("anne", "correct horse battery").unwrap();
        assert_eq!(*u.file_key, *fk);
        assert!(matches!(
            store.unlock("anne", "wrong horse battery"),
            Err(Error::Refused(_))
        ));
        assert!(matches!(
            store.unlock("bob", "correct horse battery"),
            Err(Error::Refused(_))
        ));
    }

    #[test]
    fn a_slot_renamed_to_another_operator_does_not_open() {
        std::env::set_var("PRIVREG_TEST_KDF", "fast");
        let fk = random_key().unwrap();
        let (mut slot, _) = Slot::new("bob", "bobs passphrase", &fk).unwrap();
        slot.operator = "anne".into();
        let store = SlotStore::new(vec![slot]);
        assert!(store.unlock("anne", "bobs passphrase").is_err());
    }

    #[test]
    fn reseal_and_new_passphrase_keep_the_slot_working() {
        std::env::set_var("PRIVREG_TEST_KDF", "fast");
        let fk = random_key().unwrap();
        let (slot, kek) = Slot::new("anne", "first passphrase", &fk).unwrap();
        let fk2 = random_key().unwrap();
        let slot = slot.reseal(&fk2).unwrap();
        assert_eq!(*slot.open_with(&kek).unwrap().unwrap(), *fk2);
        let (slot, _) = slot.with_passphrase(&kek, "second passphrase").unwrap();
        let store = SlotStore::new(vec![slot]);
        assert!(store.unlock("anne", "first passphrase").is_err());
        assert_eq!(
            *store.unlock("anne", "second passphrase").unwrap().file_key,
            *fk2
        );
    }

    #[test]
    fn a_trailer_becomes_the_keys_file() {
        std::env::set_var("PRIVREG_TEST_KDF", "fast");
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.db");
        std::fs::write(&db, b"0123456789abcdefDATA").unwrap();
        let fk = random_key().unwrap();
        let (slot, _) = Slot::new("anne", "first passphrase", &fk).unwrap();
        append_trailer(&db, &SlotStore::new(vec![slot])).unwrap();
        let store = read_slots(&db).unwrap();
        assert!(store.slot("anne").is_some());
        assert_eq!(std::fs::read(&db).unwrap(), b"0123456789abcdefDATA");
        assert!(is_sealed(&db).unwrap());
    }

    #[test]
    fn missing_or_damaged_slots_are_storage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.db");
        std::fs::write(&db, b"0123456789abcdefDATA").unwrap();
        assert!(matches!(read_slots(&db), Err(Error::Storage(_))));
        std::fs::write(slots_path(&db), b"{not json").unwrap();
        assert!(matches!(read_slots(&db), Err(Error::Storage(_))));
    }
}
