//! One query body for both backends (see "Two backends" in `store/mod.rs`):
//! SQL written once with `?1`, `?2` … as SQLite spells parameters (turned
//! into `$1`, `$2` … for the server), values bound and columns read
//! through the two drivers' own conversions. What the dialects spell
//! differently is a branch in the query function, not here.

use std::borrow::Cow;

use postgres::types::Type;

use super::tx::{Db, On};
use crate::error::Result;

/// A value bound to a parameter, on either backend.
pub(in crate::store) trait Param {
    fn file(&self) -> &dyn rusqlite::ToSql;
    fn server(&self) -> &(dyn postgres::types::ToSql + Sync);
    /// The type the server is told the value has ([`ServerType`]).
    fn server_type(&self) -> Type;
}

impl<T: rusqlite::ToSql + postgres::types::ToSql + ServerType + Sync> Param for T {
    fn file(&self) -> &dyn rusqlite::ToSql {
        self
    }
    fn server(&self) -> &(dyn postgres::types::ToSql + Sync) {
        self
    }
    fn server_type(&self) -> Type {
        T::TYPE
    }
}

/// The server type of a parameter's value, sent with it: a query is then
/// one round trip (`query_typed`: parse, bind and execute an unnamed
/// statement) instead of three (prepare, execute, close), a few
/// milliseconds of every command on a server. It is the type the server
/// would infer where the query's body is the same for both backends: a
/// value compared with a column has that column's type (text, bigint,
/// integer, boolean), which the value's Rust type already had to accept.
pub(in crate::store) trait ServerType {
    const TYPE: Type;
}

impl ServerType for String {
    const TYPE: Type = Type::TEXT;
}
impl ServerType for str {
    const TYPE: Type = Type::TEXT;
}
impl ServerType for i64 {
    const TYPE: Type = Type::INT8;
}
impl ServerType for i32 {
    const TYPE: Type = Type::INT4;
}
impl ServerType for bool {
    const TYPE: Type = Type::BOOL;
}
impl<T: ServerType> ServerType for Option<T> {
    const TYPE: Type = T::TYPE;
}
impl<T: ServerType + ?Sized> ServerType for &T {
    const TYPE: Type = T::TYPE;
}

/// A column's value read on either backend.
pub(in crate::store) trait Col: Sized {
    fn file(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self>;
    fn server(row: &postgres::Row, i: usize) -> std::result::Result<Self, postgres::Error>;
}

impl<T: rusqlite::types::FromSql + for<'a> postgres::types::FromSql<'a>> Col for T {
    fn file(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
        row.get(i)
    }
    fn server(row: &postgres::Row, i: usize) -> std::result::Result<Self, postgres::Error> {
        row.try_get(i)
    }
}

impl<'a> postgres::types::FromSql<'a> for super::RecordKey {
    fn from_sql(
        ty: &postgres::types::Type,
        raw: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        i64::from_sql(ty, raw).map(super::RecordKey)
    }
    fn accepts(ty: &postgres::types::Type) -> bool {
        <i64 as postgres::types::FromSql>::accepts(ty)
    }
}

/// One row of a result, on either backend.
pub(in crate::store) enum Row<'r> {
    File(&'r rusqlite::Row<'r>),
    Server(&'r postgres::Row),
}

impl Row<'_> {
    /// Column `i` (from 0) as a `T`.
    pub fn get<T: Col>(&self, i: usize) -> Result<T> {
        Ok(match self {
            Row::File(r) => T::file(r, i)?,
            Row::Server(r) => T::server(r, i)?,
        })
    }
}

/// Every row of `sql`, each read by `read`.
pub(in crate::store) fn rows<T>(
    on: &impl On,
    sql: &str,
    params: &[&dyn Param],
    mut read: impl FnMut(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    match super::tx::db(on) {
        Db::File(conn) => {
            let mut stmt = conn.prepare_cached(sql)?;
            let bound: Vec<&dyn rusqlite::ToSql> = params.iter().map(|p| p.file()).collect();
            let mut rows = stmt.query(&bound[..])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(read(&Row::File(row))?);
            }
            Ok(out)
        }
        Db::Server(client) => {
            let typed: Vec<_> = params
                .iter()
                .map(|p| (p.server(), p.server_type()))
                .collect();
            let rows = client.borrow_mut().query_typed(&dollars(sql), &typed)?;
            rows.iter().map(|r| read(&Row::Server(r))).collect()
        }
    }
}

/// Every row of `sql` in turn, for results too long to hold at once: a
/// file's statement steps through them; on a server they come through a
/// cursor, [`BATCH`] rows at a time, so memory stays flat however many
/// there are, and `f` may run other queries between batches.
pub(in crate::store) fn each(
    on: &impl On,
    sql: &str,
    params: &[&dyn Param],
    mut f: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<()> {
    match super::tx::db(on) {
        Db::File(conn) => {
            let mut stmt = conn.prepare_cached(sql)?;
            let bound: Vec<&dyn rusqlite::ToSql> = params.iter().map(|p| p.file()).collect();
            let mut rows = stmt.query(&bound[..])?;
            while let Some(row) = rows.next()? {
                f(&Row::File(row))?;
            }
            Ok(())
        }
        Db::Server(client) => {
            // A name of its own per cursor, so that `f` may open another.
            static CURSORS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let n = CURSORS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let name = format!("privreg_each_{n}");
            let bound: Vec<_> = params.iter().map(|p| p.server()).collect();
            let declare = format!("DECLARE {name} NO SCROLL CURSOR FOR {}", dollars(sql));
            client.borrow_mut().execute(&*declare, &bound)?;
            let fetch = format!("FETCH {BATCH} FROM {name}");
            loop {
                let batch = client.borrow_mut().query(&*fetch, &[])?;
                for r in &batch {
                    f(&Row::Server(r))?;
                }
                if batch.len() < BATCH {
                    break;
                }
            }
            client
                .borrow_mut()
                .batch_execute(&format!("CLOSE {name}"))?;
            Ok(())
        }
    }
}

/// The rows a server's cursor sends at a time in [`each`]: few enough to
/// hold (a register's widest row is a few kilobytes), enough that the
/// round trips do not count.
const BATCH: usize = 1000;

/// Every row of `sql` as a `T`, read by column name as `rows::with_columns`
/// reads a file's (the query names its columns as `T` names its fields). On a
/// server one query, not [`each`]'s cursor: the rows are held anyway, and
/// a short result would pay the cursor's three round trips.
pub(in crate::store) fn all<T: serde::de::DeserializeOwned>(
    on: &impl On,
    sql: &str,
    params: &[&dyn Param],
) -> Result<Vec<T>> {
    if let Db::Server(_) = super::tx::db(on) {
        return rows(on, sql, params, named);
    }
    let mut out = Vec::new();
    each_as(on, sql, params, |t| {
        out.push(t);
        Ok(())
    })?;
    Ok(out)
}

/// The first row of `sql` as a `T` (see [`all`]), if any.
pub(in crate::store) fn first<T: serde::de::DeserializeOwned>(
    on: &impl On,
    sql: &str,
    params: &[&dyn Param],
) -> Result<Option<T>> {
    Ok(all(on, sql, params)?.into_iter().next())
}

/// Every row of `sql` in turn as a `T`, read by column name.
pub(in crate::store) fn each_as<T: serde::de::DeserializeOwned>(
    on: &impl On,
    sql: &str,
    params: &[&dyn Param],
    mut f: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    match super::tx::db(on) {
        Db::File(conn) => {
            let mut stmt = conn.prepare_cached(sql)?;
            let columns = super::rows::columns(&stmt);
            let bound: Vec<&dyn rusqlite::ToSql> = params.iter().map(|p| p.file()).collect();
            let mut rows = stmt.query(&bound[..])?;
            while let Some(row) = rows.next()? {
                f(super::rows::with_columns(row, &columns)?)?;
            }
            Ok(())
        }
        server => each(&server, sql, params, |row| f(named(row)?)),
    }
}

/// A server's row as a `T` by column name ([`by_name`]).
fn named<T: serde::de::DeserializeOwned>(row: &Row<'_>) -> Result<T> {
    match row {
        Row::Server(r) => by_name(r),
        Row::File(_) => Err(crate::error::Error::Internal(
            "a file's row on a server".into(),
        )),
    }
}

/// A server's row as a `T` by column name: through a JSON object of its
/// columns (the types the schema uses: bigint, integer, boolean, text).
fn by_name<T: serde::de::DeserializeOwned>(row: &postgres::Row) -> Result<T> {
    use postgres::types::Type;
    use serde_json::Value;
    let mut object = serde_json::Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let value = match *column.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::from),
            Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map(Value::from),
            Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map(Value::from),
            _ => row.try_get::<_, Option<String>>(i)?.map(Value::from),
        };
        object.insert(column.name().to_string(), value.unwrap_or(Value::Null));
    }
    serde_json::from_value(Value::Object(object)).map_err(|e| {
        // Never the value: it may be personal data.
        crate::error::Error::Internal(format!(
            "a stored row does not fit its type (line {}, column {})",
            e.line(),
            e.column()
        ))
    })
}

/// The first row of `sql`, if any, read by `read`.
pub(in crate::store) fn row<T>(
    on: &impl On,
    sql: &str,
    params: &[&dyn Param],
    read: impl FnMut(&Row<'_>) -> Result<T>,
) -> Result<Option<T>> {
    Ok(rows(on, sql, params, read)?.into_iter().next())
}

/// Inserts a row whose `INSERT … RETURNING number` gives its number, then
/// one row of `link` (`(?1 number, ?2 item)`, with `ON CONFLICT DO
/// NOTHING` so an item given twice is kept once) per item: a request with
/// its subjects, a breach with its records.
pub(in crate::store) fn insert_numbered(
    on: &impl On,
    insert: &str,
    params: &[&dyn Param],
    link: &str,
    items: &[String],
) -> Result<i64> {
    let number: i64 = row(on, insert, params, |r| r.get(0))?.ok_or_else(|| {
        crate::error::Error::Internal("INSERT … RETURNING returned no row".into())
    })?;
    for item in items {
        execute(on, link, &[&number, item])?;
    }
    Ok(number)
}

/// Runs a statement; the number of rows it changed.
pub(in crate::store) fn execute(on: &impl On, sql: &str, params: &[&dyn Param]) -> Result<u64> {
    match super::tx::db(on) {
        Db::File(conn) => {
            let bound: Vec<&dyn rusqlite::ToSql> = params.iter().map(|p| p.file()).collect();
            Ok(conn.prepare_cached(sql)?.execute(&bound[..])? as u64)
        }
        Db::Server(client) => {
            let bound: Vec<_> = params.iter().map(|p| p.server()).collect();
            Ok(client.borrow_mut().execute(&*dollars(sql), &bound)?)
        }
    }
}

/// SQLite's `?N` parameters as PostgreSQL's `$N`; a `?` inside a quoted
/// string or name stays as it is.
fn dollars(sql: &str) -> Cow<'_, str> {
    if !sql.contains('?') {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut quote = None;
    for c in sql.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '?') => {
                out.push('$');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::dollars;

    #[test]
    fn question_marks_become_dollars_outside_quotes() {
        assert_eq!(
            dollars("SELECT a FROM t WHERE b = ?1 AND c = '?' AND \"d?\" = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND \"d?\" = $12"
        );
        assert_eq!(dollars("SELECT 1"), "SELECT 1");
    }
}
