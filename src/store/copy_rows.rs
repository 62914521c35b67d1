//! What `copy --to` moves (store/copy.rs): a row's values, the target
//! a copy fills ([`Sink`]), and what it did. Its own module so that the
//! file side (store/copy.rs) and the server side (store/pg/copy.rs) both
//! use it and neither imports the other's internals back.

use rusqlite::types::ValueRef;

use crate::error::Result;

/// One value of a row in flight.
#[derive(Debug, Clone)]
pub(in crate::store) enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ToSqlOutput::Borrowed;
        Ok(Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// Where the rows go.
pub(in crate::store) trait Sink {
    /// The target's columns of `table`, in the file's model; `None`: the
    /// target has no such table.
    fn columns(&mut self, table: &str) -> Result<Option<Vec<String>>>;
    /// The order to fill `tables` in (the referenced before the referring).
    fn order(&mut self, tables: Vec<String>) -> Result<Vec<String>>;
    fn begin_table(&mut self, table: &str, columns: &[String]) -> Result<()>;
    fn row(&mut self, values: &[Value]) -> Result<()>;
    fn end_table(&mut self) -> Result<()>;
}

/// What a copy did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Copied {
    pub register_id: String,
    pub tables: usize,
    pub rows: u64,
    pub records: u64,
    pub audit_entries: u64,
}

/// An identifier as SQL spells it whatever it holds (both dialects).
pub(in crate::store) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
