//! The suppression list's key: a random secret made at `init` and kept in
//! the file, so that the hashes of an erased person's identifiers cannot
//! be reversed by hashing every possible hetu (there are only millions).

use rusqlite::{params, Connection};

use crate::error::{Error, Result};

pub fn create_secret(conn: &Connection) -> Result<()> {
    let mut key = [0u8; 32];
    getrandom::getrandom(&mut key)
        .map_err(|e| Error::Internal(format!("no random numbers from the system: {e}")))?;
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('suppression_key', ?1)",
        params![hex],
    )?;
    Ok(())
}
