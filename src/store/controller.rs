//! The `controller` table: the one row of who keeps the registers.

use rusqlite::params;

use crate::error::Result;

/// Sets the given columns of the controller's row, creating the row if
/// needed. The column names are privreg's own (never the user's).
pub fn set(conn: &impl super::On, values: &[(&'static str, String)]) -> Result<()> {
    let conn = super::tx::conn(conn)?;
    conn.execute("INSERT OR IGNORE INTO controller (id) VALUES (1)", [])?;
    for (key, value) in values {
        conn.execute(
            &format!("UPDATE controller SET {key} = ?1 WHERE id = 1"),
            params![value],
        )?;
    }
    Ok(())
}

/// The given columns of the controller's row, `None` where not set (all
/// `None` when there is no row yet).
pub fn get(conn: &impl super::On, keys: &[&str]) -> Result<Vec<Option<String>>> {
    let sql = format!("SELECT {} FROM controller WHERE id = 1", keys.join(", "));
    let row = super::sql::row(conn, &sql, &[], |r| {
        (0..keys.len()).map(|i| r.get(i)).collect()
    })?;
    Ok(row.unwrap_or_else(|| vec![None; keys.len()]))
}
