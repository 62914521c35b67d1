//! The `disclosures` table (who received a record's data: the Art. 19 list
//! and the notice's recipients) and the `adequacy` list of countries that
//! data may be transferred to (DOMAIN.md §8), kept as data with its date.

use crate::domain::transfer::Adequacy;
use crate::error::Result;

/// What `disclose` stores.
#[derive(Debug)]
pub struct NewDisclosure<'a> {
    pub record: super::RecordKey,
    pub recipient: &'a str,
    pub category: &'a str,
    pub data: &'a str,
    /// One of the six GDPR Art. 6(1) names (`aml` already resolved).
    pub basis: &'a str,
    pub country: &'a str,
    pub dpf_certified: bool,
    pub disclosed_on: &'a str,
    pub at: &'a str,
    pub by: &'a str,
}

/// Stores a disclosure and returns its id.
pub fn insert(conn: &impl super::On, d: &NewDisclosure<'_>) -> Result<i64> {
    super::sql::row(
        conn,
        "INSERT INTO disclosures (record, recipient, category, data, basis, country, dpf_certified, disclosed_on, logged_at, logged_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        &[
            &d.record.0,
            &d.recipient,
            &d.category,
            &d.data,
            &d.basis,
            &d.country,
            &d.dpf_certified,
            &d.disclosed_on,
            &d.at,
            &d.by,
        ],
        |r| r.get(0),
    )?
    .ok_or_else(|| crate::error::Error::Internal("INSERT … RETURNING returned no row".into()))
}

/// The country's row in the adequacy list, if it has one.
pub fn adequacy(conn: &impl super::On, country: &str) -> Result<Option<Adequacy>> {
    super::sql::row(
        conn,
        "SELECT country, name, decision, needs_dpf FROM adequacy WHERE country = ?1",
        &[&country],
        |r| {
            Ok(Adequacy {
                country: r.get(0)?,
                name: r.get(1)?,
                decision: r.get(2)?,
                needs_dpf: r.get(3)?,
            })
        },
    )
}

/// The date the adequacy list was last brought up to date (`meta`).
pub fn adequacy_list_date(conn: &impl super::On) -> Result<Option<String>> {
    super::sql::row(
        conn,
        "SELECT value FROM meta WHERE key = 'adequacy_list_date'",
        &[],
        |r| r.get(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn adequacy_list_is_seeded_with_its_date() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../../schema.sql"))
            .unwrap();
        let us = adequacy(&conn, "US").unwrap().unwrap();
        assert!(us.needs_dpf);
        let gb = adequacy(&conn, "GB").unwrap().unwrap();
        assert!(!gb.needs_dpf);
        assert!(adequacy(&conn, "CN").unwrap().is_none());
        assert_eq!(
            adequacy_list_date(&conn).unwrap().as_deref(),
            Some("2026-01")
        );
        let n: i64 = conn
            .query_row("SELECT count(*) FROM adequacy", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 16);
    }
}

/// A logged disclosure, as `show` prints it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Disclosure {
    pub id: i64,
    pub recipient: String,
    pub category: String,
    pub data: String,
    pub basis: String,
    pub country: String,
    pub dpf_certified: bool,
    pub disclosed_on: String,
    pub logged_at: String,
    pub logged_by: String,
}

/// The disclosures of one record, oldest first.
pub fn of_record(conn: &impl super::On, record: super::RecordKey) -> Result<Vec<Disclosure>> {
    super::sql::all(
        conn,
        "SELECT id, recipient, category, data, basis, country, dpf_certified, disclosed_on, logged_at, logged_by
         FROM disclosures WHERE record = ?1 ORDER BY id",
        &[&record.0],
    )
}
