//! `import` on a server (SPEC §8, issue #17): the valid rows streamed with
//! `COPY … FROM STDIN` into a staging table of the transaction
//! (`import_rows`, dropped at its end), in file order, and written to the
//! records table by one `INSERT … SELECT … ORDER BY` when the import
//! commits, in `records_import()` (migrations/pg/004_import_numbers.sql),
//! which gives the numbers from the register's sequence in file order in
//! that statement (the owner's table reads the staging table: it is granted
//! SELECT on it). The table's indexes do the rest as for any INSERT: the
//! search words (a generated column) and the unique indexes. Staging first
//! matters because a sequence is not transactional: an import rolled back
//! (a dry run, an invalid row, a conflict) must not use up numbers, or the
//! server's ids would differ from a file's. The rows go in chunks of about
//! [`CHUNK`] bytes, one COPY each, so memory does not grow with the file
//! and the client is borrowed for one statement at a time, as every other
//! query borrows it.
//!
//! A bulk load (`look` false) checks the staged rows for a person there
//! twice, or already in the register, at the end ([`CopyLoad::finish`]
//! answers `false`): the import then rolls back and goes again row by row,
//! naming each conflict, as a bulk load on a file does
//! (`store::bulk::BulkIndexes`). Row by row (`look` true), each row is sent
//! before the next is looked up ([`CopyLoad::staged`]).

use std::cell::RefCell;
use std::io::Write;

use postgres::Client;

use crate::domain::fields::{fields, index_of, Values};
use crate::domain::register::Register;
use crate::error::Result;

/// Bytes of rows sent per COPY: large enough that a statement's round
/// trip is negligible, small enough to be a few megabytes of memory.
const CHUNK: usize = 4 << 20;

/// The rows of one import on their way to the server.
pub struct CopyLoad<'t> {
    client: &'t RefCell<Client>,
    register: Register,
    sql: String,
    buf: Vec<u8>,
    /// Row by row: every row is sent at once, so that the next can be
    /// checked against it.
    look: bool,
    end_at: Option<usize>,
    email_at: Option<usize>,
}

impl<'t> CopyLoad<'t> {
    /// Creates the staging table of this transaction.
    pub fn new(
        client: &'t RefCell<Client>,
        register: Register,
        look: bool,
    ) -> Result<CopyLoad<'t>> {
        let cols: Vec<String> = fields(register)
            .iter()
            .map(|f| format!("\"{}\"", f.name))
            .collect();
        let typed: Vec<String> = cols.iter().map(|c| format!("{c} text")).collect();
        client.borrow_mut().batch_execute(&format!(
            "CREATE TEMP TABLE import_rows (n bigint GENERATED ALWAYS AS IDENTITY, register text,
             ended_on text, email_key text, created_at text, created_by text, updated_at text,
             source text, {}) ON COMMIT DROP;
             GRANT SELECT ON import_rows TO privreg_owner",
            typed.join(", ")
        ))?;
        if look {
            // Row by row each row is looked up among those staged before
            // it (`staged`): without an index that is quadratic (24,000
            // rows took minutes). A bulk load checks once at the end and
            // does without them.
            let mut sql = String::from("CREATE INDEX ON import_rows (email_key);");
            if index_of(register, "hetu").is_some() {
                sql.push_str("CREATE INDEX ON import_rows (hetu);");
            }
            client.borrow_mut().batch_execute(&sql)?;
        }
        let columns = format!(
            "register, ended_on, email_key, created_at, created_by, updated_at, source, {}",
            cols.join(", ")
        );
        Ok(CopyLoad {
            client,
            register,
            sql: format!("COPY import_rows ({columns}) FROM STDIN (FORMAT csv)"),
            buf: Vec::with_capacity(CHUNK + (64 << 10)),
            look,
            end_at: index_of(register, register.end_field()),
            email_at: index_of(register, "email"),
        })
    }

    /// Queues a validated record; sends a chunk when one is full.
    pub fn push(&mut self, values: &Values, at: &str, by: &str, source: &str) -> Result<()> {
        let get = |i: Option<usize>| i.and_then(|i| values[i].as_deref());
        let key = crate::store::records::email_key(get(self.email_at));
        let head = [
            Some(self.register.name()),
            get(self.end_at),
            key.as_deref(),
            Some(at),
            Some(by),
            Some(at),
            Some(source),
        ];
        let cells = head.into_iter().chain(values.iter().map(|v| v.as_deref()));
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            csv_cell(&mut self.buf, cell);
        }
        self.buf.push(b'\n');
        if self.look || self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(())
    }

    /// Whether each row is sent and checked on its own (not a bulk load).
    pub fn looks(&self) -> bool {
        self.look
    }

    pub fn register(&self) -> Register {
        self.register
    }

    fn send(&mut self) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let mut client = self.client.borrow_mut();
        let mut w = client.copy_in(&self.sql)?;
        // A failed write carries no reason: `finish` gives the server's.
        let _ = w.write_all(&self.buf);
        w.finish()?;
        self.buf.clear();
        Ok(())
    }

    /// Row by row: how a row with this hetu and e-mail key is the same
    /// person as a row staged before it (`hetu` or `e-mail`, as
    /// `records::find_same_person` names it), if it is.
    pub fn staged(
        &mut self,
        hetu: Option<&str>,
        email_key: Option<&str>,
    ) -> Result<Option<&'static str>> {
        self.send()?;
        let mut client = self.client.borrow_mut();
        for (by, column, value) in [("hetu", "hetu", hetu), ("e-mail", "email_key", email_key)] {
            let Some(value) = value else { continue };
            let sql = format!("SELECT 1 FROM import_rows WHERE {column} = $1 LIMIT 1");
            if !client.query(&sql, &[&value])?.is_empty() {
                return Ok(Some(by));
            }
        }
        Ok(None)
    }

    /// Sends what is queued; a bulk load checks it: `false` if two rows,
    /// or a row and a record of the register, share a hetu or an e-mail.
    pub fn finish(&mut self) -> Result<bool> {
        self.send()?;
        if self.look {
            return Ok(true);
        }
        let mut client = self.client.borrow_mut();
        let mut keys = vec!["email_key"];
        if index_of(self.register, "hetu").is_some() {
            keys.push("hetu");
        }
        let checks: Vec<String> = keys
            .iter()
            .map(|k| {
                format!(
                    "EXISTS (SELECT 1 FROM import_rows s JOIN records r
                         ON r.{k} = s.{k} AND r.register = s.register)
                     OR EXISTS (SELECT 1 FROM import_rows WHERE {k} IS NOT NULL
                         GROUP BY {k} HAVING count(*) > 1)"
                )
            })
            .collect();
        let clash = client.query_one(&format!("SELECT {}", checks.join(" OR ")), &[])?;
        Ok(!clash.get::<_, bool>(0))
    }

    /// Writes the staged rows to the records table, numbered in file order
    /// (`records_import()`, migrations/pg/004_import_numbers.sql: the
    /// numbers in the same statement, not one trigger call per row).
    pub fn write(&mut self) -> Result<u64> {
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT records_import($1)", &[&self.register.name()])?;
        Ok(row.get::<_, i64>(0) as u64)
    }
}

/// A cell of COPY's CSV: NULL is nothing, text is always quoted (so that
/// an empty text is not NULL), its quotes doubled.
fn csv_cell(out: &mut Vec<u8>, cell: Option<&str>) {
    let Some(text) = cell else { return };
    out.push(b'"');
    for b in text.bytes() {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}
