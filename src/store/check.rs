//! The queries behind `check` (SPEC §4): each lists one kind of
//! compliance gap. What a gap means and how it is reported is the
//! command's; here is only how to find them.

use crate::error::Result;

/// Records (register, number) with no legal basis in force on `today` (ISO).
pub fn records_without_basis(conn: &impl super::On, today: &str) -> Result<Vec<(String, i64)>> {
    super::sql::rows(
        conn,
        "SELECT register, number FROM records r WHERE NOT EXISTS (
             SELECT 1 FROM bases b WHERE b.record = r.rowid AND b.valid_from <= ?1
             AND (b.valid_until IS NULL OR b.valid_until > ?1))
         ORDER BY register, number",
        &[&today],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Legitimate-interest bases without the interest weighed: the record's
/// register and number, and the basis id.
pub fn unweighed_interests(conn: &impl super::On) -> Result<Vec<(String, i64, i64)>> {
    super::sql::rows(
        conn,
        "SELECT r.register, r.number, b.id FROM bases b JOIN records r ON r.rowid = b.record
         WHERE b.basis = 'legitimate-interest' AND (b.note IS NULL OR trim(b.note) = '')
         ORDER BY b.id",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Open requests (number, due date) past their due date on `today`.
pub fn overdue_requests(conn: &impl super::On, today: &str) -> Result<Vec<(i64, String)>> {
    super::sql::rows(
        conn,
        "SELECT number, due FROM requests WHERE status = 'open' AND due < ?1 ORDER BY due, number",
        &[&today],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Numbers of employees with neither a hetu nor full birth data.
pub fn employees_without_identity(conn: &impl super::On) -> Result<Vec<i64>> {
    super::sql::rows(
        conn,
        "SELECT number FROM records WHERE register = 'employee' AND hetu IS NULL
         AND (birth_date IS NULL OR birth_place IS NULL OR nationality IS NULL) ORDER BY number",
        &[],
        |r| r.get(0),
    )
}

/// What of the firm's own processing (SPEC §9) is unfinished.
#[derive(Debug, Clone, Copy)]
pub enum Unfinished {
    /// Processors with no Art. 28 contract date.
    ProcessorContracts,
    /// Activities with no legal basis.
    ActivityBases,
    /// Clients with no processing agreement.
    ClientContracts,
}

/// The names, in the order they were added, of what is `kind` and not
/// ended (ended ones are history).
pub fn unfinished(conn: &impl super::On, kind: Unfinished) -> Result<Vec<String>> {
    let table = match kind {
        Unfinished::ProcessorContracts => "processors WHERE contract_date IS NULL",
        Unfinished::ActivityBases => "activities WHERE basis IS NULL",
        Unfinished::ClientContracts => "clients WHERE contract_date IS NULL",
    };
    // rowid: the order they were added in, on a server too
    // (migrations/pg/010_documents.sql).
    let sql = format!("SELECT name FROM {table} AND ended_on IS NULL ORDER BY rowid");
    super::sql::rows(conn, &sql, &[], |r| r.get(0))
}

/// Whether the tables an erasure vacuums on a server
/// (`pg::vacuum::ERASED_TABLES`) may still hold erased values: the last of
/// the erasures and failed vacuums in the audit log is a failed vacuum.
/// An erasure on a server exits 0 only once its vacuum of every one of
/// those tables succeeded, so an erasure logged after the failure that
/// itself has no failed vacuum after it cleaned them. (An erasure killed
/// between its commit and its vacuum is not seen here.)
pub fn vacuum_still_needed(on: &impl super::On) -> Result<bool> {
    let last: Option<String> = super::sql::row(
        on,
        "SELECT action FROM audit
          WHERE (action = 'erase' AND outcome = 'ok' AND detail <> 'dry-run')
             OR (action = ?1 AND outcome = 'failed')
          ORDER BY seq DESC LIMIT 1",
        &[&super::pg::vacuum::FAILED_ACTION],
        |r| r.get(0),
    )?;
    Ok(last.as_deref() == Some(super::pg::vacuum::FAILED_ACTION))
}
