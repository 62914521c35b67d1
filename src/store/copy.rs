//! `privreg copy --to DB` (SPEC §8): a whole register, every table, the
//! audit chain as it is and the register id, into a new register of either
//! kind. Also the way `backup` and `restore` cross between a server and a
//! sealed file.
//!
//! The copy reads the source in one read transaction (one consistent
//! state) and streams it table by table, row by row, into the target,
//! which it makes itself in one transaction: a copy that fails leaves no
//! register behind (a file is removed, a server's transaction rolls back).
//! A target that is a register already is refused: copying into one
//! would mix two registers' logs, ids and records.
//!
//! Rows travel in the file's model: the file's tables and columns, the
//! suppression key as the `meta` row `suppression_key` (a server keeps it
//! in `secrets`, out of auditors' reach), each register's highest number
//! ever given as `registers.last_number` (a server keeps it in a
//! sequence). Each side translates.
//! A column the source has and the target does not is refused, never
//! dropped in silence.

use std::path::Path;

use rusqlite::types::ValueRef;

pub use super::copy_rows::Copied;
use super::copy_rows::{quote, Sink, Value};

use super::tx::{db, Db};
use super::{Mode, Store};
use crate::domain::checkpoint::Checkpoint;
use crate::error::{Error, Result};
use crate::messages::A;

/// Copies the register `store` holds into `target` (a file path or a
/// server's URL), which must not be a register yet.
pub fn copy_to(store: &mut Store, target: &Path) -> Result<Copied> {
    let tx = store.begin(Mode::Read)?;
    copy_in(&tx, target)
}

/// [`copy_to`], and the checkpoint read in the copy's own transaction:
/// exactly where the copy's audit log ends (a server's `backup`).
pub fn copy_to_at(
    store: &mut Store,
    target: &Path,
    at: &str,
) -> Result<(Copied, Option<Checkpoint>)> {
    let tx = store.begin(Mode::Read)?;
    let checkpoint = super::audit::checkpoint(&tx, at)?;
    Ok((copy_in(&tx, target)?, checkpoint))
}

fn copy_in(tx: &super::Tx<'_>, target: &Path) -> Result<Copied> {
    match target.to_str().filter(|_| super::pg::is_url(target)) {
        Some(url) => super::pg::copy_to::into_server(url, |sink| pump(db(tx), sink)),
        None => into_file(target, |sink| pump(db(tx), sink)),
    }
}

/// Streams every table of `source` into `sink`.
fn pump(source: Db<'_>, sink: &mut dyn Sink) -> Result<Copied> {
    let tables = source_tables(source)?;
    let mut copied = Copied {
        register_id: String::new(),
        tables: 0,
        rows: 0,
        records: 0,
        audit_entries: 0,
    };
    for table in sink.order(tables)? {
        let have = source_columns(source, &table)?;
        let Some(want) = sink.columns(&table)? else {
            return Err(Error::Storage(A::CopyNoTable.say(&[&table])));
        };
        if let Some(missing) = have.iter().find(|c| !want.contains(c)) {
            return Err(Error::Storage(A::CopyNoColumn.say(&[&table, missing])));
        }
        sink.begin_table(&table, &have)?;
        let n = each_row(source, &table, &have, &mut |values| {
            if table == "meta" && matches!(&values[0], Value::Text(k) if k == "register_id") {
                if let Value::Text(id) = &values[1] {
                    copied.register_id = id.clone();
                }
            }
            sink.row(values)
        })?;
        sink.end_table()?;
        copied.tables += 1;
        copied.rows += n;
        match table.as_str() {
            "records" => copied.records = n,
            "audit" => copied.audit_entries = n,
            _ => {}
        }
    }
    Ok(copied)
}

/// The source's tables in the file's model.
fn source_tables(source: Db<'_>) -> Result<Vec<String>> {
    match source {
        Db::File(conn) => {
            let mut st = conn.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                   AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                   AND name NOT LIKE 'records\\_search%' ESCAPE '\\' ORDER BY name",
            )?;
            let names = st.query_map([], |r| r.get(0))?;
            Ok(names.collect::<rusqlite::Result<_>>()?)
        }
        Db::Server(_) => super::pg::copy_to::source_tables(source),
    }
}

/// The source's columns of `table` in the file's model.
fn source_columns(source: Db<'_>, table: &str) -> Result<Vec<String>> {
    match source {
        Db::File(conn) => {
            let mut st = conn.prepare(&format!("PRAGMA table_info({})", quote(table)))?;
            let names = st.query_map([], |r| r.get::<_, String>(1))?;
            Ok(names.collect::<rusqlite::Result<_>>()?)
        }
        Db::Server(_) => super::pg::copy_to::source_columns(source, table),
    }
}

/// Calls `f` with each row of `table` (`columns` in that order); the
/// number of rows.
fn each_row(
    source: Db<'_>,
    table: &str,
    columns: &[String],
    f: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<u64> {
    let Db::File(conn) = source else {
        return super::pg::copy_to::each_row(source, table, columns, f);
    };
    let list: Vec<String> = columns.iter().map(|c| quote(c)).collect();
    let mut st = conn.prepare(&format!("SELECT {} FROM {}", list.join(", "), quote(table)))?;
    let mut rows = st.query([])?;
    let mut values = Vec::with_capacity(columns.len());
    let mut n = 0;
    while let Some(row) = rows.next()? {
        values.clear();
        for i in 0..columns.len() {
            values.push(match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(v) => Value::Int(v),
                ValueRef::Real(v) => Value::Real(v),
                ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::Blob(b.to_vec()),
            });
        }
        f(&values)?;
        n += 1;
    }
    Ok(n)
}

/// A new register file at `path` filled by `fill`: created new and 0600
/// (never over a file), removed again if the copy fails.
fn into_file(path: &Path, fill: impl FnOnce(&mut dyn Sink) -> Result<Copied>) -> Result<Copied> {
    if path.exists() || path.symlink_metadata().is_ok() {
        return Err(Error::Conflict(A::CopyTargetExists.say(&[&path.display()])));
    }
    let Some(mut made) = Store::create(path)? else {
        return Err(Error::Conflict(
            A::CopyTargetIsRegister.say(&[&path.display()]),
        ));
    };
    let result = (|| {
        let conn = made.file_mut()?;
        let tx = conn.transaction()?;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let copied = {
            let mut sink = FileSink {
                tx: &tx,
                insert: None,
            };
            sink.clear()?;
            fill(&mut sink)?
        };
        tx.commit()?;
        Ok(copied)
    })();
    drop(made);
    if result.is_err() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(&p);
        }
    }
    result
}

/// Fills the register of `tx`, a file's schema (its seeded rows cleared
/// first), with every row of `source`: how a restore on a server reads the
/// server's register into memory for the merge (`store/restore.rs`).
pub(super) fn into_conn(source: Db<'_>, tx: &rusqlite::Transaction<'_>) -> Result<Copied> {
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let mut sink = FileSink { tx, insert: None };
    sink.clear()?;
    pump(source, &mut sink)
}

/// Rows into a new register file.
struct FileSink<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    insert: Option<String>,
}

impl FileSink<'_> {
    /// Empties what the schema seeded: the copy brings the source's rows.
    fn clear(&mut self) -> Result<()> {
        let tables = source_tables(Db::File(self.tx))?;
        for t in tables {
            self.tx.execute(&format!("DELETE FROM {}", quote(&t)), [])?;
        }
        Ok(())
    }
}

impl Sink for FileSink<'_> {
    fn columns(&mut self, table: &str) -> Result<Option<Vec<String>>> {
        let cols = source_columns(Db::File(self.tx), table)?;
        Ok((!cols.is_empty()).then_some(cols))
    }

    fn order(&mut self, tables: Vec<String>) -> Result<Vec<String>> {
        // Foreign keys are checked at commit (defer_foreign_keys).
        Ok(tables)
    }

    fn begin_table(&mut self, table: &str, columns: &[String]) -> Result<()> {
        let list: Vec<String> = columns.iter().map(|c| quote(c)).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        self.insert = Some(format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quote(table),
            list.join(", "),
            marks.join(", ")
        ));
        Ok(())
    }

    fn row(&mut self, values: &[Value]) -> Result<()> {
        let sql = self
            .insert
            .as_deref()
            .ok_or_else(|| Error::Internal("a row before its table".into()))?;
        let mut st = self.tx.prepare_cached(sql)?;
        st.execute(rusqlite::params_from_iter(values.iter()))?;
        Ok(())
    }

    fn end_table(&mut self) -> Result<()> {
        self.insert = None;
        Ok(())
    }
}
