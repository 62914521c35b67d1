//! `copy --to` with a server on either end (see `store/copy.rs` for the
//! file's model the rows travel in). Into a server: the schema made as
//! `init` makes it, filled with `COPY … FROM STDIN` in chunks (bounded
//! memory), the sequences and the chain's head set after the source's,
//! and the source's enabled operators made login roles in their groups,
//! all in one transaction. Out of a server: one query per table, read as
//! the rows arrive.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::Type;
use postgres::Transaction;

use super::{connect, server_error, Target};
use crate::error::{Error, Result};
use crate::messages::A;
use crate::store::copy_rows::{quote, Copied, Sink, Value};
use crate::store::tx::Db;

/// A COPY is sent when its buffer holds this much.
const CHUNK: usize = 4 << 20;

/// Tables of a server the file's model has no table for: the schema's
/// version, the chain's head (set from the log), the secrets (the
/// suppression key travels as a `meta` row) and the search words (the
/// records' triggers write them, as a file's triggers its text index).
const SERVER_ONLY: &[&str] = &["schema_migrations", "audit_head", "secrets", "record_words"];

/// Tables whose `rowid` on a server is the file's implicit one, the order
/// rows were added in (`migrations/pg/010_documents.sql`): not a column in
/// the file's model, but the order a server's rows are copied in.
const IN_ROWID_ORDER: &[&str] = &[
    "purposes",
    "register_purposes",
    "notice_categories",
    "activities",
    "processors",
    "clients",
    "breach_records",
];

/// Makes a register in the empty database `url` names and fills it.
pub fn into_server(
    url: &str,
    fill: impl FnOnce(&mut dyn Sink) -> Result<Copied>,
) -> Result<Copied> {
    let target = Target::parse(url)?;
    let mut client = connect(&target)?;
    let context = A::CopyInto.say(&[&target.shown]);
    if super::init::has_register(&mut client, &context)? {
        return Err(Error::Conflict(
            A::CopyTargetIsRegister.say(&[&target.shown]),
        ));
    }
    let fail = |e: postgres::Error| server_error(&context, &e);
    let mut tx = client.transaction().map_err(fail)?;
    super::init::make_schema(&mut tx, &context)?;
    let order = fk_order(&mut tx)?;
    for t in order.iter().rev() {
        if t != "audit" && !SERVER_ONLY.contains(&t.as_str()) {
            tx.batch_execute(&format!("DELETE FROM privreg.{}", quote(t)))
                .map_err(fail)?;
        }
    }
    let copied = {
        let mut sink = ServerSink {
            tx: &mut tx,
            order,
            table: String::new(),
            columns: Vec::new(),
            last_number_at: None,
            last_numbers: Vec::new(),
            suppression_key: None,
            buf: Vec::new(),
        };
        let copied = fill(&mut sink)?;
        sink.finish()?;
        copied
    };
    tx.batch_execute("RESET ROLE").map_err(fail)?;
    let operators: Vec<(String, String)> = tx
        .query(
            "SELECT name, role FROM privreg.operators WHERE enabled ORDER BY name",
            &[],
        )
        .map_err(fail)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    for (name, role) in &operators {
        super::init::make_member(&mut tx, name, &format!("privreg_{role}")).map_err(fail)?;
    }
    super::init::give_back_owner(&mut tx).map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(copied)
}

/// The tables of the schema, each after those it refers to.
fn fk_order(tx: &mut Transaction<'_>) -> Result<Vec<String>> {
    let tables: Vec<String> = tx
        .query(
            "SELECT relname::text FROM pg_catalog.pg_class
              WHERE relnamespace = 'privreg'::regnamespace AND relkind IN ('r', 'p') ORDER BY 1",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut needs: BTreeMap<String, BTreeSet<String>> = tables
        .iter()
        .map(|t| (t.clone(), BTreeSet::new()))
        .collect();
    for r in tx.query(
        "SELECT a.relname::text, b.relname::text FROM pg_catalog.pg_constraint c
           JOIN pg_catalog.pg_class a ON a.oid = c.conrelid
           JOIN pg_catalog.pg_class b ON b.oid = c.confrelid
          WHERE c.contype = 'f' AND c.connamespace = 'privreg'::regnamespace",
        &[],
    )? {
        let (from, to): (String, String) = (r.get(0), r.get(1));
        if from != to {
            needs.entry(from).or_default().insert(to);
        }
    }
    let mut order = Vec::new();
    while !needs.is_empty() {
        let ready: Vec<String> = needs
            .iter()
            .filter(|(_, n)| n.iter().all(|t| !needs.contains_key(t)))
            .map(|(t, _)| t.clone())
            .collect();
        if ready.is_empty() {
            return Err(Error::Internal("a cycle of foreign keys".into()));
        }
        for t in ready {
            needs.remove(&t);
            order.push(t);
        }
    }
    Ok(order)
}

struct ServerSink<'t, 'c> {
    tx: &'t mut Transaction<'c>,
    order: Vec<String>,
    table: String,
    /// The COPY's columns (without `last_number`).
    columns: Vec<String>,
    /// Where `registers.last_number` is in a row, if this is `registers`.
    last_number_at: Option<usize>,
    last_numbers: Vec<(String, i64)>,
    suppression_key: Option<String>,
    buf: Vec<u8>,
}

impl ServerSink<'_, '_> {
    fn flush(&mut self) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = self.columns.iter().map(|c| quote(c)).collect();
        let sql = format!(
            "COPY privreg.{} ({}) FROM STDIN",
            quote(&self.table),
            list.join(", ")
        );
        let mut w = self.tx.copy_in(&sql)?;
        w.write_all(&self.buf)
            .map_err(|e| Error::Storage(A::CopyWrite.say(&[&e])))?;
        w.finish()?;
        self.buf.clear();
        Ok(())
    }

    /// After the rows: the secrets, the sequences and the chain's head.
    fn finish(&mut self) -> Result<()> {
        let key = match self.suppression_key.take() {
            Some(k) => k,
            None => return Err(Error::Storage(A::CopyNoSuppressionKey.say(&[]))),
        };
        self.tx.execute(
            "INSERT INTO privreg.secrets (name, value) VALUES ('suppression_key', $1)",
            &[&key],
        )?;
        for (register, n) in std::mem::take(&mut self.last_numbers) {
            if n > 0 {
                self.tx.execute(
                    "SELECT pg_catalog.setval(format('privreg.%I', 'number_' || $1)::regclass, $2)",
                    &[&register, &n],
                )?;
            }
        }
        let identities: Vec<(String, String)> = self
            .tx
            .query(
                "SELECT c.relname::text, a.attname::text FROM pg_catalog.pg_attribute a
                   JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                  WHERE c.relnamespace = 'privreg'::regnamespace AND a.attidentity <> ''",
                &[],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        for (t, c) in identities {
            self.tx.execute(
                &format!(
                    "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence($1, $2), m)
                       FROM (SELECT max({c}) AS m FROM privreg.{t}) x WHERE m IS NOT NULL",
                    c = quote(&c),
                    t = quote(&t)
                ),
                &[&format!("privreg.{}", quote(&t)), &c],
            )?;
        }
        self.tx.execute(
            "UPDATE privreg.audit_head h SET seq = a.seq, hash = a.hash
               FROM (SELECT seq, hash FROM privreg.audit ORDER BY seq DESC LIMIT 1) a",
            &[],
        )?;
        Ok(())
    }
}

impl Sink for ServerSink<'_, '_> {
    fn columns(&mut self, table: &str) -> Result<Option<Vec<String>>> {
        if SERVER_ONLY.contains(&table) {
            return Ok(None);
        }
        let mut cols = columns_of(self.tx, table)?;
        if cols.is_empty() {
            return Ok(None);
        }
        if table == "registers" {
            cols.push("last_number".into());
        }
        Ok(Some(cols))
    }

    fn order(&mut self, tables: Vec<String>) -> Result<Vec<String>> {
        let mut ordered: Vec<String> = self
            .order
            .iter()
            .filter(|t| tables.contains(t))
            .cloned()
            .collect();
        // Tables the target has not: refused by `columns`, after the rest.
        ordered.extend(tables.into_iter().filter(|t| !self.order.contains(t)));
        Ok(ordered)
    }

    fn begin_table(&mut self, table: &str, columns: &[String]) -> Result<()> {
        self.table = table.to_string();
        self.last_number_at = None;
        self.columns = columns.to_vec();
        if table == "registers" {
            self.last_number_at = columns.iter().position(|c| c == "last_number");
            if let Some(i) = self.last_number_at {
                self.columns.remove(i);
            }
        }
        Ok(())
    }

    fn row(&mut self, values: &[Value]) -> Result<()> {
        if self.table == "meta" {
            if let [Value::Text(k), Value::Text(v)] = values {
                if k == "suppression_key" {
                    self.suppression_key = Some(v.clone());
                    return Ok(());
                }
            }
        }
        if let Some(i) = self.last_number_at {
            if let (Value::Text(name), Value::Int(n)) = (&values[0], &values[i]) {
                self.last_numbers.push((name.clone(), *n));
            }
        }
        let mut first = true;
        for (i, v) in values.iter().enumerate() {
            if Some(i) == self.last_number_at {
                continue;
            }
            if !first {
                self.buf.push(b'\t');
            }
            first = false;
            copy_text(&mut self.buf, v);
        }
        self.buf.push(b'\n');
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn end_table(&mut self) -> Result<()> {
        self.flush()
    }
}

/// A value in COPY's text format.
fn copy_text(buf: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => buf.extend_from_slice(b"\\N"),
        Value::Int(i) => buf.extend_from_slice(i.to_string().as_bytes()),
        Value::Real(f) => buf.extend_from_slice(f.to_string().as_bytes()),
        Value::Text(s) => {
            for b in s.bytes() {
                match b {
                    b'\\' => buf.extend_from_slice(b"\\\\"),
                    b'\n' => buf.extend_from_slice(b"\\n"),
                    b'\r' => buf.extend_from_slice(b"\\r"),
                    b'\t' => buf.extend_from_slice(b"\\t"),
                    b => buf.push(b),
                }
            }
        }
        Value::Blob(bytes) => {
            buf.extend_from_slice(b"\\\\x");
            for b in bytes {
                buf.extend_from_slice(format!("{b:02x}").as_bytes());
            }
        }
    }
}

/// A table's stored columns (not the generated ones), in order.
fn columns_of(client: &mut impl postgres::GenericClient, table: &str) -> Result<Vec<String>> {
    Ok(client
        .query(
            "SELECT a.attname::text FROM pg_catalog.pg_attribute a
               JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
              WHERE c.relnamespace = 'privreg'::regnamespace AND c.relname = $1
                AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
              ORDER BY a.attnum",
            &[&table],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// The server's tables in the file's model.
pub(in crate::store) fn source_tables(source: Db<'_>) -> Result<Vec<String>> {
    let Db::Server(client) = source else {
        return Err(Error::Internal("not a server".into()));
    };
    let rows = client.borrow_mut().query(
        "SELECT relname::text FROM pg_catalog.pg_class
          WHERE relnamespace = 'privreg'::regnamespace AND relkind IN ('r', 'p') ORDER BY 1",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| r.get::<_, String>(0))
        .filter(|t| !SERVER_ONLY.contains(&t.as_str()))
        .collect())
}

/// A server table's columns in the file's model.
pub(in crate::store) fn source_columns(source: Db<'_>, table: &str) -> Result<Vec<String>> {
    let Db::Server(client) = source else {
        return Err(Error::Internal("not a server".into()));
    };
    let mut cols = columns_of(&mut *client.borrow_mut(), table)?;
    if table == "registers" {
        cols.push("last_number".into());
    }
    if IN_ROWID_ORDER.contains(&table) {
        cols.retain(|c| c != "rowid");
    }
    Ok(cols)
}

/// Calls `f` with each row of a server's `table`, read as it arrives.
pub(in crate::store) fn each_row(
    source: Db<'_>,
    table: &str,
    columns: &[String],
    f: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<u64> {
    let Db::Server(client) = source else {
        return Err(Error::Internal("not a server".into()));
    };
    let list: Vec<String> = columns
        .iter()
        .map(|c| match (table, c.as_str()) {
            // The highest number given: the sequence is the owner's alone,
            // its records and erasures say the same.
            ("registers", "last_number") => "GREATEST(
                 (SELECT max(r.number) FROM privreg.records r WHERE r.register = t.name),
                 (SELECT max(e.number) FROM privreg.erasures e WHERE e.register = t.name),
                 0)::bigint"
                .to_string(),
            _ => format!("t.{}", quote(c)),
        })
        .collect();
    let sql = if table == "meta" {
        "SELECT key, value FROM privreg.meta
         UNION ALL SELECT name, value FROM privreg.secrets WHERE name = 'suppression_key'"
            .to_string()
    } else {
        let order = if IN_ROWID_ORDER.contains(&table) {
            " ORDER BY t.rowid"
        } else {
            ""
        };
        format!(
            "SELECT {} FROM privreg.{} t{order}",
            list.join(", "),
            quote(table)
        )
    };
    let mut client = client.borrow_mut();
    let mut rows = client.query_raw(&sql, std::iter::empty::<&str>())?;
    let mut values = Vec::with_capacity(columns.len());
    let mut n = 0;
    while let Some(row) = rows.next()? {
        values.clear();
        for (i, col) in row.columns().iter().enumerate() {
            values.push(read(&row, i, col.type_())?);
        }
        f(&values)?;
        n += 1;
    }
    Ok(n)
}

fn read(row: &postgres::Row, i: usize, ty: &Type) -> Result<Value> {
    let v = match *ty {
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)?
            .map(|b| Value::Int(b.into())),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)?
            .map(|v| Value::Int(v.into())),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)?
            .map(|v| Value::Int(v.into())),
        Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::Int),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)?
            .map(|v| Value::Real(v.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(Value::Real),
        Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob),
        Type::TEXT | Type::VARCHAR | Type::NAME | Type::BPCHAR => {
            row.try_get::<_, Option<String>>(i)?.map(Value::Text)
        }
        ref other => {
            return Err(Error::Internal(format!(
                "cannot copy a column of type {other}"
            )))
        }
    };
    Ok(v.unwrap_or(Value::Null))
}
