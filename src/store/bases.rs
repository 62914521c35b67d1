//! Legal bases logged per record and purpose, and the purpose list.

use serde::Serialize;

use crate::domain::basis::CheckedBasis;
use crate::error::{Error, Result};
use crate::messages::R;

/// A basis as stored and shown.
#[derive(Debug, Clone, Serialize)]
pub struct StoredBasis {
    pub id: i64,
    pub record: String,
    pub basis: String,
    pub purpose: String,
    pub law: Option<String>,
    pub note: Option<String>,
    pub evidence: Option<String>,
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub logged_at: String,
    pub logged_by: String,
}

/// What to log for one record.
#[derive(Debug, Clone)]
pub struct NewBasis<'a> {
    pub checked: &'a CheckedBasis,
    pub purpose: &'a str,
    pub evidence: Option<&'a str>,
    pub valid_from: &'a str,
    pub valid_until: Option<&'a str>,
}

/// Refuses a purpose that is not in the purpose table (exit 3).
pub fn check_purpose(conn: &impl super::On, purpose: &str) -> Result<()> {
    let known: Option<bool> = super::sql::row(
        conn,
        "SELECT EXISTS (SELECT 1 FROM purposes WHERE name = ?1)",
        &[&purpose],
        |r| r.get(0),
    )?;
    if known == Some(true) {
        Ok(())
    } else {
        Err(Error::invalid("purpose", R::UnknownPurpose))
    }
}

pub fn insert(
    conn: &impl super::On,
    record_rowid: super::RecordKey,
    b: &NewBasis<'_>,
    at: &str,
    by: &str,
) -> Result<i64> {
    super::sql::row(
        conn,
        "INSERT INTO bases (record, basis, purpose, law, note, evidence, valid_from, valid_until, logged_at, logged_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        &[
            &record_rowid.0,
            &b.checked.basis.name(),
            &b.purpose,
            &b.checked.law,
            &b.checked.note,
            &b.evidence,
            &b.valid_from,
            &b.valid_until,
            &at,
            &by,
        ],
        |r| r.get(0),
    )?
    .ok_or_else(|| Error::Internal("an INSERT returned no row".into()))
}

const SELECT: &str = "SELECT b.id, r.register, r.number, b.basis, b.purpose, b.law, b.note, b.evidence, b.valid_from, b.valid_until, b.logged_at, b.logged_by
     FROM bases b JOIN records r ON r.rowid = b.record";

fn read(r: &super::sql::Row<'_>) -> Result<StoredBasis> {
    let register: String = r.get(1)?;
    let prefix = register
        .parse::<crate::domain::register::Register>()
        .map(|reg| reg.prefix())
        .unwrap_or('?');
    Ok(StoredBasis {
        id: r.get(0)?,
        record: format!("{prefix}-{}", r.get::<i64>(2)?),
        basis: r.get(3)?,
        purpose: r.get(4)?,
        law: r.get(5)?,
        note: r.get(6)?,
        evidence: r.get(7)?,
        valid_from: r.get(8)?,
        valid_until: r.get(9)?,
        logged_at: r.get(10)?,
        logged_by: r.get(11)?,
    })
}

pub fn list(conn: &impl super::On, record_rowid: super::RecordKey) -> Result<Vec<StoredBasis>> {
    super::sql::rows(
        conn,
        &format!("{SELECT} WHERE b.record = ?1 ORDER BY b.id"),
        &[&record_rowid.0],
        read,
    )
}

pub fn get(conn: &impl super::On, id: i64) -> Result<Option<StoredBasis>> {
    super::sql::row(conn, &format!("{SELECT} WHERE b.id = ?1"), &[&id], read)
}

pub fn end(conn: &impl super::On, id: i64, until: &str) -> Result<()> {
    super::sql::execute(
        conn,
        "UPDATE bases SET valid_until = ?2 WHERE id = ?1",
        &[&id, &until],
    )?;
    Ok(())
}

/// A purpose of processing.
#[derive(Debug, Clone, Serialize)]
pub struct Purpose {
    pub name: String,
    pub title_en: String,
    pub title_fi: String,
    pub seeded: bool,
}

pub fn purposes(conn: &impl super::On) -> Result<Vec<Purpose>> {
    super::sql::rows(
        conn,
        "SELECT name, title_en, title_fi, seeded FROM purposes ORDER BY seeded DESC, name",
        &[],
        |r| {
            Ok(Purpose {
                name: r.get(0)?,
                title_en: r.get(1)?,
                title_fi: r.get(2)?,
                seeded: r.get(3)?,
            })
        },
    )
}

pub fn add_purpose(conn: &impl super::On, p: &Purpose) -> Result<()> {
    super::sql::execute(
        conn,
        "INSERT INTO purposes (name, title_en, title_fi, seeded) VALUES (?1, ?2, ?3, false)",
        &[&p.name, &p.title_en, &p.title_fi],
    )?;
    Ok(())
}

/// The title of purpose `name` in Finnish (`fi`) or English, if it exists.
pub fn purpose_title(conn: &impl super::On, name: &str, fi: bool) -> Result<Option<String>> {
    let sql = if fi {
        "SELECT title_fi FROM purposes WHERE name = ?1"
    } else {
        "SELECT title_en FROM purposes WHERE name = ?1"
    };
    super::sql::row(conn, sql, &[&name], |r| r.get(0))
}

/// Every purpose's title in Finnish (`fi`) or English, by name.
pub fn purpose_titles(
    conn: &impl super::On,
    fi: bool,
) -> Result<std::collections::BTreeMap<String, String>> {
    let sql = if fi {
        "SELECT name, title_fi FROM purposes"
    } else {
        "SELECT name, title_en FROM purposes"
    };
    Ok(
        super::sql::rows(conn, sql, &[], |r| Ok((r.get(0)?, r.get(1)?)))?
            .into_iter()
            .collect(),
    )
}
