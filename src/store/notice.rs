//! What the privacy notice reads from the register file: each register's
//! texts, the legal bases in use, the disclosure log grouped by recipient,
//! the adequacy list, the retention policy's figures and the operators per
//! role. Counts and descriptions only: no personal value leaves here
//! except recipients' names (organisations, as the disclosure log has them).

use rusqlite::{params, OptionalExtension};

use crate::domain::register::Register;
use crate::error::{Error, Result};
use crate::messages::S;

/// The texts `registers` keeps about a register, in one language.
#[derive(Debug, Clone)]
pub struct RegisterTexts {
    pub title: String,
    pub subjects: String,
    pub sources: String,
}

pub fn register_texts(
    conn: &impl super::On,
    register: Register,
    fi: bool,
) -> Result<RegisterTexts> {
    let sql = if fi {
        "SELECT title_fi, subjects_fi, sources_fi FROM registers WHERE name = ?1"
    } else {
        "SELECT title_en, subjects_en, sources_en FROM registers WHERE name = ?1"
    };
    super::sql::row(conn, sql, &[&register.name()], |r| {
        Ok(RegisterTexts {
            title: r.get(0)?,
            subjects: r.get(1)?,
            sources: r.get(2)?,
        })
    })?
    .ok_or_else(|| Error::Storage(S::RegisterMissing.say(&[&register])))
}

/// How many records a register holds now (erased ones are gone).
pub fn record_count(conn: &impl super::On, register: Register) -> Result<i64> {
    let conn = super::tx::conn(conn)?;
    Ok(conn.query_row(
        "SELECT count(*) FROM records WHERE register = ?1",
        [register.name()],
        |r| r.get(0),
    )?)
}

/// One legal basis in use for one purpose, and on how many records.
#[derive(Debug, Clone)]
pub struct BasisInUse {
    pub purpose: String,
    pub purpose_title: String,
    pub basis: String,
    pub law: Option<String>,
    /// Records (people in the register) with this basis for this purpose.
    pub records: i64,
}

/// A basis is in use on `today` if it has begun and has not ended: a basis
/// ended on a date (`basis end --date`) no longer counts from that date.
const IN_USE: &str = "b.valid_from <= ?2 AND (b.valid_until IS NULL OR b.valid_until > ?2)";

/// The bases in use in a register, grouped by purpose (in the order of the
/// purpose list), basis and law.
pub fn bases_in_use(
    conn: &impl super::On,
    register: Register,
    today: &str,
    fi: bool,
) -> Result<Vec<BasisInUse>> {
    let conn = super::tx::conn(conn)?;
    let title = if fi { "p.title_fi" } else { "p.title_en" };
    let mut stmt = conn.prepare(&format!(
        "SELECT b.purpose, {title}, b.basis, b.law, count(DISTINCT b.record)
         FROM bases b
         JOIN records r ON r.rowid = b.record
         JOIN purposes p ON p.name = b.purpose
         WHERE r.register = ?1 AND {IN_USE}
         GROUP BY b.purpose, b.basis, b.law
         ORDER BY p.rowid, b.basis, b.law"
    ))?;
    let rows = stmt
        .query_map(params![register.name(), today], |r| {
            Ok(BasisInUse {
                purpose: r.get(0)?,
                purpose_title: r.get(1)?,
                basis: r.get(2)?,
                law: r.get(3)?,
                records: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How many records of a register have a basis in use for each purpose,
/// as (purpose, records), in the order of [`bases_in_use`].
pub fn purposes_in_use(
    conn: &impl super::On,
    register: Register,
    today: &str,
) -> Result<Vec<(String, i64)>> {
    let conn = super::tx::conn(conn)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT b.purpose, count(DISTINCT b.record)
         FROM bases b
         JOIN records r ON r.rowid = b.record
         JOIN purposes p ON p.name = b.purpose
         WHERE r.register = ?1 AND {IN_USE}
         GROUP BY b.purpose
         ORDER BY p.rowid"
    ))?;
    let rows = stmt
        .query_map(params![register.name(), today], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Disclosures from a register to one recipient in one country.
#[derive(Debug, Clone)]
pub struct Disclosed {
    pub category: String,
    pub recipient: String,
    pub country: String,
    pub dpf_certified: bool,
    pub disclosures: i64,
}

/// The disclosure log of a register, grouped by category, recipient,
/// country and DPF certification.
pub fn disclosures(conn: &impl super::On, register: Register) -> Result<Vec<Disclosed>> {
    let conn = super::tx::conn(conn)?;
    let mut stmt = conn.prepare(
        "SELECT d.category, d.recipient, d.country, d.dpf_certified, count(*)
         FROM disclosures d JOIN records r ON r.rowid = d.record
         WHERE r.register = ?1
         GROUP BY d.category, d.recipient, d.country, d.dpf_certified
         ORDER BY CASE d.category
                    WHEN 'authority' THEN 1 WHEN 'processor' THEN 2
                    WHEN 'debt-collection' THEN 3 WHEN 'business-transfer' THEN 4
                    ELSE 5 END,
                  d.recipient, d.country, d.dpf_certified",
    )?;
    let rows = stmt
        .query_map([register.name()], |r| {
            Ok(Disclosed {
                category: r.get(0)?,
                recipient: r.get(1)?,
                country: r.get(2)?,
                dpf_certified: r.get(3)?,
                disclosures: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A country of the adequacy list (DOMAIN §8).
#[derive(Debug, Clone)]
pub struct Adequacy {
    pub country: String,
    pub name: String,
    pub decision: String,
    pub needs_dpf: bool,
}

pub fn adequacy_list(conn: &impl super::On) -> Result<Vec<Adequacy>> {
    let conn = super::tx::conn(conn)?;
    let mut stmt =
        conn.prepare("SELECT country, name, decision, needs_dpf FROM adequacy ORDER BY country")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Adequacy {
                country: r.get(0)?,
                name: r.get(1)?,
                decision: r.get(2)?,
                needs_dpf: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The date the adequacy list was last checked (`meta.adequacy_list_date`).
pub fn adequacy_list_date(conn: &impl super::On) -> Result<Option<String>> {
    let conn = super::tx::conn(conn)?;
    Ok(conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'adequacy_list_date'",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Manual holds of a register in force on `today` (not released, not ended).
pub fn manual_holds(conn: &impl super::On, register: Register, today: &str) -> Result<i64> {
    let conn = super::tx::conn(conn)?;
    Ok(conn.query_row(
        "SELECT count(*) FROM holds h JOIN records r ON r.rowid = h.record
         WHERE r.register = ?1 AND h.released_at IS NULL AND h.until > ?2",
        params![register.name(), today],
        |r| r.get(0),
    )?)
}

/// Enabled operators per role, as (role, count), for admin, staff, auditor.
pub fn operators_per_role(conn: &impl super::On) -> Result<Vec<(&'static str, i64)>> {
    let conn = super::tx::conn(conn)?;
    let mut out = Vec::new();
    for role in ["admin", "staff", "auditor"] {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM operators WHERE enabled = 1 AND role = ?1",
            [role],
            |r| r.get(0),
        )?;
        out.push((role, n));
    }
    Ok(out)
}

/// A published version of the notice, as kept.
pub struct NewVersion<'a> {
    pub published_on: &'a str,
    pub published_at: &'a str,
    pub published_by: &'a str,
    pub lang: &'a str,
    pub format: &'a str,
    pub sha256: &'a str,
    pub text: &'a str,
}

/// Keeps a published version; returns its version number.
pub fn publish(conn: &impl super::On, v: &NewVersion<'_>) -> Result<i64> {
    let conn = super::tx::conn(conn)?;
    conn.execute(
        "INSERT INTO notice_versions (published_on, published_at, published_by, lang, format, sha256, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![v.published_on, v.published_at, v.published_by, v.lang, v.format, v.sha256, v.text],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The legitimate interests recorded with the bases in use on `today` in
/// `register`, as (purpose, purpose title, interest).
pub fn interests_in_use(
    conn: &impl super::On,
    register: Register,
    today: &str,
    fi: bool,
) -> Result<Vec<(String, String, String)>> {
    let conn = super::tx::conn(conn)?;
    let title = if fi { "p.title_fi" } else { "p.title_en" };
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT b.purpose, {title}, trim(b.note) FROM bases b
         JOIN records r ON r.rowid = b.record JOIN purposes p ON p.name = b.purpose
         WHERE r.register = ?1 AND b.basis = 'legitimate-interest' AND b.note IS NOT NULL
           AND trim(b.note) <> '' AND b.valid_from <= ?2
           AND (b.valid_until IS NULL OR b.valid_until > ?2)
         ORDER BY p.rowid, 3"
    ))?;
    let rows = stmt.query_map(params![register.name(), today], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
