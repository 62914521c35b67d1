//! Restriction of processing (GDPR Art. 18) on the `records` table: the
//! record is kept but only stored. Marketing lists and register exports
//! leave out rows whose `restricted_at` is set.

use crate::error::{Error, Result};

/// Marks a record restricted. The caller checks that it was not already.
pub fn restrict(
    conn: &impl super::On,
    rowid: super::RecordKey,
    at: &str,
    reason: &str,
    request: Option<&str>,
) -> Result<()> {
    let n = super::sql::execute(
        conn,
        "UPDATE records SET restricted_at = ?2, restriction_reason = ?3, restriction_request = ?4, updated_at = ?2
         WHERE rowid = ?1 AND restricted_at IS NULL",
        &[&rowid.0, &at, &reason, &request],
    )?;
    if n != 1 {
        return Err(Error::Internal(
            "the record changed while restricting it".into(),
        ));
    }
    Ok(())
}

/// Lifts a record's restriction. The caller checks that it had one.
pub fn lift(conn: &impl super::On, rowid: super::RecordKey, at: &str) -> Result<()> {
    let n = super::sql::execute(
        conn,
        "UPDATE records SET restricted_at = NULL, restriction_reason = NULL, restriction_request = NULL, updated_at = ?2
         WHERE rowid = ?1 AND restricted_at IS NOT NULL",
        &[&rowid.0, &at],
    )?;
    if n != 1 {
        return Err(Error::Internal(
            "the record changed while lifting its restriction".into(),
        ));
    }
    Ok(())
}

/// The request a record's restriction was made for, if any.
pub fn request_of(conn: &impl super::On, rowid: super::RecordKey) -> Result<Option<String>> {
    Ok(super::sql::row(
        conn,
        "SELECT restriction_request FROM records WHERE rowid = ?1",
        &[&rowid.0],
        |r| r.get(0),
    )?
    .flatten())
}
