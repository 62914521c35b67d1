//! SQLCipher's side of the sealed register (SPEC §7): keying a connection,
//! rewriting a file under a new key, and exporting a plain register into a
//! sealed one. The keys themselves, their slots and passphrases belong to
//! `crate::seal`; here is only what reaches the database.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::error::{Error, Result};
use crate::seal::{current_file_key, key_literal, Secret};

/// Keys a new connection with the process's file key, if there is one.
/// Must run before anything reads the file.
pub fn apply_key(conn: &impl super::On) -> Result<()> {
    let conn = super::tx::conn(conn)?;
    if let Some(key) = current_file_key() {
        key_connection(conn, &key)?;
    }
    Ok(())
}

/// Keys a connection with `key` (raw, no SQLCipher KDF).
pub fn key_connection(conn: &impl super::On, key: &Secret) -> Result<()> {
    let conn = super::tx::conn(conn)?;
    let sql = zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\"", *key_literal(key)));
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Rewrites every page of `conn`'s main database under `key`.
fn rekey_connection(conn: &Connection, key: &Secret) -> Result<()> {
    let sql = zeroize::Zeroizing::new(format!("PRAGMA rekey = \"{}\"", *key_literal(key)));
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Whether `key` opens the SQLCipher file at `db`.
pub fn opens(db: &Path, key: &Secret) -> bool {
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return false;
    };
    key_connection(&conn, key).is_ok()
        && conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok()
}

/// A copy of a sealed file, keyed `from`, in rollback-journal mode and
/// rewritten under `to` when that is another key.
pub fn rekey_copy(copy: &Path, from: &Secret, to: &Secret) -> Result<()> {
    let conn = Connection::open(copy)?;
    key_connection(&conn, from)?;
    conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    if **from != **to {
        rekey_connection(&conn, to)?;
    }
    conn.close().map_err(|(_, e)| Error::from(e))?;
    Ok(())
}

impl Store {
    /// Rewrites the register at `db` under `key`, with the file to itself
    /// (as an erasure takes it): no other connection reads a page half
    /// rewritten.
    pub fn rekey(&mut self, db: &Path, key: &Secret) -> Result<()> {
        let conn = self.file_mut()?;
        super::take_alone(conn, db, super::ALONE_WAIT)?;
        let rekeyed = rekey_connection(conn, key);
        super::give_back(conn);
        rekeyed
    }

    /// Exports the whole register at `db` into the new, empty file `sealed`
    /// under `key` (`sqlcipher_export`), with its application id and schema
    /// version. The register is taken to itself first, and not given back:
    /// the caller replaces it with the sealed file.
    pub fn export_sealed(&mut self, db: &Path, sealed: &Path, key: &Secret) -> Result<()> {
        let conn = self.file_mut()?;
        super::take_alone(conn, db, super::ALONE_WAIT)?;
        conn.execute(
            &format!("ATTACH DATABASE ?1 AS sealed KEY \"{}\"", *key_literal(key)),
            [sealed.display().to_string()],
        )?;
        conn.query_row("SELECT sqlcipher_export('sealed')", [], |_| Ok(()))?;
        let app: i32 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
        let ver: i32 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        conn.execute_batch(&format!(
            "PRAGMA sealed.application_id = {app}; PRAGMA sealed.user_version = {ver};
             DETACH DATABASE sealed;"
        ))?;
        Ok(())
    }
}
