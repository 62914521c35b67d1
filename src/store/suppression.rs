//! The suppression list (DOMAIN §7): when a person who had opted out is
//! erased, keyed hashes of their identifiers stay behind, so that adding or
//! importing them again keeps them out of marketing until a new consent.
//! The key is a random secret made at `init` and kept in the file, so the
//! hashes cannot be reversed by hashing every possible hetu (there are
//! only millions).

use hmac::{Hmac, Mac};
use rusqlite::params;
use sha2::Sha256;

use crate::domain::fields::{index_of, Values};
use crate::domain::marketing::{Channel, Purpose};
use crate::domain::register::Register;
use crate::error::{Error, Result};
use crate::messages::S;
use crate::store::preferences::{self, NewPreference, SUPPRESSION};

pub fn create_secret(conn: &impl super::On) -> Result<()> {
    let conn = super::tx::conn(conn)?;
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

/// The HMAC key: in a file's `meta`, sealed with it; in a server's
/// `secrets`, which auditors cannot read (see migrations/pg/001_schema.sql).
fn secret(conn: &impl super::On) -> Result<String> {
    let sql = match super::tx::db(conn) {
        super::tx::Db::File(_) => "SELECT value FROM meta WHERE key = 'suppression_key'",
        super::tx::Db::Server(_) => "SELECT value FROM secrets WHERE name = 'suppression_key'",
    };
    super::sql::row(conn, sql, &[], |r| r.get(0))?
        .ok_or_else(|| Error::Storage(S::NoSuppressionKey.into()))
}

/// The normalised identifiers of a record: hetu (upper-case), e-mail
/// (lower-case) and phone (E.164), each with its kind.
fn identifiers(register: Register, values: &Values) -> Vec<(&'static str, String)> {
    let get = |name: &str| index_of(register, name).and_then(|i| values[i].clone());
    let mut ids = Vec::new();
    if let Some(h) = get("hetu") {
        ids.push(("hetu", h.to_uppercase()));
    }
    if let Some(e) = get("email") {
        ids.push(("email", e.to_lowercase()));
    }
    if let Some(p) = get("phone") {
        ids.push(("phone", p));
    }
    ids
}

fn hashes(
    conn: &impl super::On,
    register: Register,
    values: &Values,
) -> Result<Vec<(&'static str, String)>> {
    let ids = identifiers(register, values);
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let key = secret(conn)?;
    Ok(ids
        .into_iter()
        .map(|(kind, value)| {
            let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
                .expect("HMAC takes a key of any length");
            mac.update(kind.as_bytes());
            mac.update(b":");
            mac.update(value.as_bytes());
            let hex: String = mac
                .finalize()
                .into_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (kind, hex)
        })
        .collect())
}

/// Did the record ever opt out or withdraw a consent (or was it
/// suppressed itself)? Then its erasure leaves it on the list.
pub fn ever_opted_out(conn: &impl super::On, rowid: super::RecordKey) -> Result<bool> {
    Ok(super::sql::row(
        conn,
        "SELECT EXISTS (SELECT 1 FROM preferences WHERE record = ?1 AND kind != 'consent')",
        &[&rowid.0],
        |r| r.get(0),
    )?
    .unwrap_or(false))
}

/// Puts an erased record's identifiers on the list, from `since`.
pub fn add(
    conn: &impl super::On,
    register: Register,
    values: &Values,
    since: &str,
) -> Result<usize> {
    let hashes = hashes(conn, register, values)?;
    for (kind, hash) in &hashes {
        super::sql::execute(
            conn,
            "INSERT INTO suppression (hash, kind, since) VALUES (?1, ?2, ?3) ON CONFLICT (hash) DO UPDATE SET since = excluded.since",
            &[hash, kind, &since],
        )?;
    }
    Ok(hashes.len())
}

/// Whether the list has any entry at all (most registers' never has).
pub fn any(conn: &impl super::On) -> Result<bool> {
    Ok(super::sql::row(
        conn,
        "SELECT EXISTS (SELECT 1 FROM suppression)",
        &[],
        |r| r.get(0),
    )?
    .unwrap_or(false))
}

/// When a record that was just written belongs to a suppressed person,
/// records the suppression as an opt-out of everything dated at the
/// erasure (once per record). Returns that date if it applied.
pub fn apply(
    conn: &impl super::On,
    rowid: super::RecordKey,
    register: Register,
    values: &Values,
    at: &str,
    by: &str,
) -> Result<Option<String>> {
    if !any(conn)? {
        return Ok(None);
    }
    let mut since: Option<String> = None;
    for (_, hash) in hashes(conn, register, values)? {
        let found: Option<String> = super::sql::row(
            conn,
            "SELECT since FROM suppression WHERE hash = ?1",
            &[&hash],
            |r| r.get(0),
        )?;
        if let Some(s) = found {
            if since.as_ref().is_none_or(|cur| s > *cur) {
                since = Some(s);
            }
        }
    }
    let Some(since) = since else { return Ok(None) };
    let already: bool = super::sql::row(
        conn,
        "SELECT EXISTS (SELECT 1 FROM preferences WHERE record = ?1 AND kind = 'suppression' AND effective = ?2)",
        &[&rowid.0, &since],
        |r| r.get(0),
    )?
    .unwrap_or(false);
    if !already {
        preferences::insert(
            conn,
            rowid,
            &NewPreference {
                kind: SUPPRESSION,
                channel: Channel::All,
                purpose: Purpose::All,
                source: Some("suppression-list"),
                effective: &since,
            },
            at,
            by,
        )?;
    }
    Ok(Some(since))
}
