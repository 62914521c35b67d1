//! Rows read into their structs by column name (serde_rusqlite): a query
//! names its columns as the struct names its fields, so the two cannot
//! drift apart by position, and no `r.get(0)? … r.get(n)?` lists repeat.

use rusqlite::Row;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// One row as a `T`, read by column name: for `query_row` and `query_map`.
pub(super) fn by_name<T: DeserializeOwned>(row: &Row<'_>) -> rusqlite::Result<T> {
    serde_rusqlite::from_row(row).map_err(|e| match e {
        serde_rusqlite::Error::Rusqlite(e) => e,
        other => rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Null,
            row_error(other).to_string().into(),
        ),
    })
}

/// The column names of `stmt`, taken once for [`with_columns`].
pub(super) fn columns(stmt: &rusqlite::Statement<'_>) -> Vec<String> {
    serde_rusqlite::columns_from_statement(stmt)
}

/// One row as a `T` by the `columns` of its statement: for a loop over
/// many rows, which [`by_name`] would ask for their names one row at a time.
pub(super) fn with_columns<T: DeserializeOwned>(row: &Row<'_>, columns: &[String]) -> Result<T> {
    serde_rusqlite::from_row_with_columns(row, columns).map_err(row_error)
}

/// A row that does not fit its struct is a bug. The message names the
/// column, never the value: it may be personal data.
fn row_error(e: serde_rusqlite::Error) -> Error {
    match e {
        serde_rusqlite::Error::Rusqlite(e) => e.into(),
        serde_rusqlite::Error::Deserialization { column, .. } => Error::Internal(format!(
            "a stored row does not fit its type (column {})",
            column.unwrap_or_default()
        )),
        _ => Error::Internal("a stored row does not fit its type".into()),
    }
}
