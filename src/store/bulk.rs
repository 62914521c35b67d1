//! What a batch import does differently from single writes: it takes the
//! search index's triggers and the identifier indexes down for the length
//! of its transaction and builds them again at the end (issue #5). Both
//! come back before the commit, and a rollback brings them back by itself,
//! so no other command ever sees a register without them.

use super::records;
use super::tx::Db;
use crate::domain::fields::Values;
use crate::domain::register::Register;
use crate::error::{Error, Result};

/// The search index of an import, written once at its end instead of row
/// by row: interleaving FTS5's segment writes with the records' B-trees
/// made a million-row import four times slower (issue #5: 15 s of
/// SQLite's time against 4 s). Inside the import's transaction the index
/// triggers are dropped; the update trigger comes back as a temporary one
/// for the records that were there before (a record added by this import
/// and updated by a later line has no index entry yet to delete). `finish`
/// indexes the new records and restores the triggers as they were; a
/// rollback restores them by itself.
pub struct DeferredSearch {
    before: i64,
    triggers: Vec<String>,
    /// On a server the search words are a generated column of the row
    /// (migrations/pg): nothing is deferred.
    server: bool,
}

/// FTS5's in-memory hash while an import builds the search index, in
/// bytes (see [`DeferredSearch::finish`]).
const IMPORT_HASH_SIZE: i64 = 64 << 20;

const SEARCH_TRIGGERS: [&str; 2] = ["records_search_insert", "records_search_update"];

impl DeferredSearch {
    /// `before`: the largest rowid before the import.
    pub fn begin(tx: &impl super::On, before: super::RecordKey) -> Result<DeferredSearch> {
        let before = before.0;
        if let Db::Server(_) = super::tx::db(tx) {
            return Ok(DeferredSearch {
                before,
                triggers: Vec::new(),
                server: true,
            });
        }
        let tx = super::tx::conn(tx)?;
        let mut triggers = Vec::new();
        for name in SEARCH_TRIGGERS {
            let sql: String = tx.query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )?;
            tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
            triggers.push(sql);
        }
        let update = triggers[1]
            .replacen(
                "CREATE TRIGGER records_search_update",
                "CREATE TEMP TRIGGER import_search_update",
                1,
            )
            .replacen(
                " ON records BEGIN",
                &format!(" ON main.records WHEN old.rowid <= {before} BEGIN"),
                1,
            );
        if !update.contains("TEMP TRIGGER") || !update.contains("WHEN old.rowid") {
            return Err(Error::Internal(
                "the search index's update trigger is not the expected one".into(),
            ));
        }
        tx.execute_batch(&update)?;
        Ok(DeferredSearch {
            before,
            triggers,
            server: false,
        })
    }

    /// Indexes the records added since `begin` and restores the triggers.
    pub fn finish(self, tx: &impl super::On) -> Result<()> {
        if self.server {
            return Ok(());
        }
        let tx = super::tx::conn(tx)?;
        // FTS5 flushes its in-memory terms as a new segment whenever they
        // pass `hashsize` (1 MiB by default) and merges segments as they
        // pile up, reading and writing the index again at each level. With
        // a larger hash a million records make a few segments instead of a
        // hundred; fewer passes matter most in a sealed register, where
        // every page read back is decrypted and every page written
        // encrypted (issue #14). The setting is stored in the index's
        // config table: it is put back before the transaction ends.
        tx.execute_batch(&format!(
            "INSERT INTO records_search (records_search, rank) VALUES ('hashsize', {IMPORT_HASH_SIZE})"
        ))?;
        tx.execute(
            "INSERT INTO records_search (rowid, first_name, last_name, email, city, organisation)
             SELECT rowid, first_name, last_name, email, city, organisation FROM records WHERE rowid > ?1",
            [self.before],
        )?;
        tx.execute_batch(
            "INSERT INTO records_search (records_search, rank) VALUES ('hashsize', 1048576)",
        )?;
        tx.execute_batch("DROP TRIGGER temp.import_search_update")?;
        for sql in &self.triggers {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// The identifier indexes of a large import, built once at its end by
/// sorting instead of row by row in random order (the way the sqlite3
/// shell's `.import` is followed by `CREATE INDEX`): at a million rows
/// that is the difference between 14 s and a few of SQLite's time (issue
/// #5). Without the unique indexes nothing stops a person from being
/// written twice while the rows go in, so [`BulkIndexes::finish`] answers
/// `false` when an index cannot be built because two records share a hetu
/// or an e-mail: the caller rolls back and imports again row by row, which
/// names each conflict.
pub struct BulkIndexes {
    indexes: Vec<String>,
}

const BULK_INDEXES: [&str; 4] = [
    "records_hetu",
    "records_email",
    "records_phone",
    "records_business_id",
];

impl BulkIndexes {
    /// On a server a bulk load is a COPY ([`Load::Copy`]) and the indexes
    /// stay: nothing to take down.
    pub fn begin(tx: &impl super::On) -> Result<BulkIndexes> {
        let mut indexes = Vec::new();
        if let Db::Server(_) = super::tx::db(tx) {
            return Ok(BulkIndexes { indexes });
        }
        let tx = super::tx::conn(tx)?;
        for name in BULK_INDEXES {
            let sql: String = tx.query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                [name],
                |r| r.get(0),
            )?;
            tx.execute_batch(&format!("DROP INDEX {name}"))?;
            indexes.push(sql);
        }
        Ok(BulkIndexes { indexes })
    }

    /// Builds the indexes again; `false` if two records of a register
    /// share a hetu or an e-mail (nothing is built then).
    pub fn finish(self, tx: &impl super::On) -> Result<bool> {
        if self.indexes.is_empty() {
            return Ok(true);
        }
        let tx = super::tx::conn(tx)?;
        for sql in &self.indexes {
            match tx.execute_batch(sql) {
                Ok(()) => {}
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
                {
                    return Ok(false)
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(true)
    }
}

/// The key of the record created last (of none, a key below every key).
pub fn last_key(tx: &super::Tx<'_>) -> Result<super::RecordKey> {
    Ok(super::RecordKey(record_count_bound(tx)?))
}

/// An upper bound of how many records the register holds, read in O(1):
/// the highest key given so far (keys are never reused).
pub fn record_count_bound(tx: &super::Tx<'_>) -> Result<i64> {
    if let Db::File(conn) = super::tx::db(tx) {
        return Ok(
            conn.query_row("SELECT coalesce(max(rowid), 0) FROM records", [], |r| {
                r.get(0)
            })?,
        );
    }
    Ok(super::sql::row(
        tx,
        "SELECT coalesce(max(rowid), 0)::bigint FROM records",
        &[],
        |r| r.get(0),
    )?
    .unwrap_or(0))
}

/// Grows the page cache of an import's transaction to `kib`, before the
/// indexes and the search index are built again. Each build scans the
/// records table once (four identifier indexes, then the search index),
/// and writes its index between the scans: in a sealed register every page
/// read back from the OS is decrypted and its HMAC checked, five times
/// over, unless the cache holds the table and the indexes written since.
/// A cache any smaller saves next to nothing (a scan evicts the pages the
/// next scan starts with), so it is the whole register or nothing: issue
/// #14, at 300,000 rows 145,000 page reads become 55,000, the rest being
/// the checkpoint's raw copies. SQLite takes the memory as pages are read,
/// up to `kib`. A plain register reads the same pages from the OS's cache
/// almost for free, so only a sealed import spends it.
pub fn widen_cache_for_rebuild(tx: &impl super::On, kib: i64) -> Result<()> {
    super::tx::conn(tx)?.execute_batch(&format!("PRAGMA cache_size = -{kib}"))?;
    Ok(())
}

impl super::Store {
    /// Sets this connection up for an import: a page cache of `cache_kib`
    /// KiB and two sorter threads. Only the import's own connection.
    pub fn tune_for_import(&self, cache_kib: i64) -> Result<()> {
        if self.is_server() {
            return Ok(());
        }
        self.file()?.execute_batch(&format!(
            "PRAGMA cache_size = -{cache_kib}; PRAGMA threads = 2"
        ))?;
        Ok(())
    }
}

/// How an import writes its valid records, by backend: on a file one
/// prepared INSERT per row ([`records::Inserter`]), the import reserving
/// the numbers; on a server through COPY ([`super::pg::CopyLoad`]) when
/// the import is a bulk load, else one INSERT per row whose number comes
/// from the register's sequence.
pub enum Load<'t> {
    File(records::Inserter<'t>),
    Rows(&'t super::Tx<'t>, Register),
    Copy(&'t super::Tx<'t>, super::pg::CopyLoad<'t>),
}

/// What [`Load::insert`] did with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loaded {
    /// Written, with this key and number.
    Row(super::RecordKey, i64),
    /// Queued for COPY: its key and number are known after
    /// [`Load::finish`] (see [`numbers_since`]).
    Queued,
    /// Not written: a record of the register has the same hetu or e-mail.
    SamePerson,
    /// Not written: a row staged earlier in this import has the same hetu
    /// or e-mail (`hetu` or `e-mail`).
    SameAsStaged(&'static str),
}

impl<'t> Load<'t> {
    /// `bulk`: a bulk load (on a file that is [`BulkIndexes`]' business,
    /// not this one's). `update`: rows may update records written by
    /// earlier lines, so on a server each is written at once (a rollback
    /// then uses up their numbers). A server with suppressed people also
    /// writes each at once, since each new record is checked against the list.
    pub fn new(
        tx: &'t super::Tx<'t>,
        register: Register,
        bulk: bool,
        update: bool,
    ) -> Result<Load<'t>> {
        match super::tx::db(tx) {
            Db::File(_) => Ok(Load::File(records::Inserter::new(tx, register)?)),
            Db::Server(client) if !update && !super::suppression::any(tx)? => Ok(Load::Copy(
                tx,
                super::pg::CopyLoad::new(client, register, !bulk)?,
            )),
            Db::Server(_) => Ok(Load::Rows(tx, register)),
        }
    }

    /// Writes (or queues) a validated record; `number` is the one the
    /// import reserved for it on a file, unused on a server.
    pub fn insert(
        &mut self,
        number: i64,
        values: &Values,
        at: &str,
        by: &str,
        source: &str,
    ) -> Result<Loaded> {
        match self {
            Load::File(inserter) => Ok(match inserter.insert(number, values, at, by, source)? {
                records::Inserted::Row(key) => Loaded::Row(key, number),
                records::Inserted::SamePerson => Loaded::SamePerson,
            }),
            // Writers are serialised (store/pg/tx.rs), so nobody can add
            // the person between the look and the INSERT.
            Load::Rows(tx, register) => {
                if records::find_same_person(*tx, *register, values, None)?.is_some() {
                    return Ok(Loaded::SamePerson);
                }
                let (id, key) = records::insert(*tx, *register, values, at, by, source)?;
                Ok(Loaded::Row(key, id.number))
            }
            Load::Copy(tx, copy) => {
                if copy.looks() {
                    let register = copy.register();
                    if records::find_same_person(*tx, register, values, None)?.is_some() {
                        return Ok(Loaded::SamePerson);
                    }
                    let get = |name: &str| {
                        crate::domain::fields::index_of(register, name)
                            .and_then(|i| values[i].as_deref())
                    };
                    let key = records::email_key(get("email"));
                    if let Some(by) = copy.staged(get("hetu"), key.as_deref())? {
                        return Ok(Loaded::SameAsStaged(by));
                    }
                }
                copy.push(values, at, by, source).map(|()| Loaded::Queued)
            }
        }
    }

    /// Whether records were queued rather than written (their keys are
    /// after the key before the import, their numbers [`numbers_since`]).
    pub fn queued(&self) -> bool {
        matches!(self, Load::Copy(..))
    }

    /// Writes what is queued; `false` if two records would share a hetu or
    /// an e-mail: the caller rolls back and imports again row by row.
    pub fn finish(&mut self) -> Result<bool> {
        match self {
            Load::Copy(_, copy) => copy.finish(),
            _ => Ok(true),
        }
    }

    /// Writes the queued records for good (when the import commits: a
    /// server's numbers are given here, in file order).
    pub fn write(&mut self) -> Result<()> {
        match self {
            Load::Copy(_, copy) => copy.write().map(drop),
            _ => Ok(()),
        }
    }
}

/// The first and last number of the records of `register` created after
/// the record `key` (none: `None`).
pub fn numbers_since(
    tx: &impl super::On,
    register: Register,
    key: super::RecordKey,
) -> Result<Option<(i64, i64)>> {
    let span: Option<(Option<i64>, Option<i64>)> = super::sql::row(
        tx,
        "SELECT min(number), max(number) FROM records WHERE register = ?1 AND rowid > ?2",
        &[&register.name(), &key.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(match span {
        Some((Some(first), Some(last))) => Some((first, last)),
        _ => None,
    })
}

/// Logs one legal basis for every record created after the record `key`
/// (the records a COPY wrote), as `bases::insert` logs it for one.
pub fn add_basis_since(
    tx: &impl super::On,
    key: super::RecordKey,
    b: &super::bases::NewBasis<'_>,
    at: &str,
    by: &str,
) -> Result<u64> {
    super::sql::execute(
        tx,
        "INSERT INTO bases (record, basis, purpose, law, note, evidence, valid_from, valid_until, logged_at, logged_by)
         SELECT rowid, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 FROM records WHERE rowid > ?1 ORDER BY rowid",
        &[
            &key.0,
            &b.checked.basis.name(),
            &b.purpose,
            &b.checked.law,
            &b.checked.note,
            &b.evidence,
            &b.valid_from,
            &b.valid_until,
            &at,
            &by,
        ],
    )
}

/// The number the next record of `register` gets on a file (the import
/// reserves its numbers from there); on a server the sequence gives them,
/// and this is 0 (unused).
pub fn next_number(tx: &super::Tx<'_>, register: Register) -> Result<i64> {
    match super::tx::db(tx) {
        Db::File(_) => Ok(records::last_number(tx, register)? + 1),
        Db::Server(_) => Ok(0),
    }
}

/// Records that the numbers up to `last` are given (a file's
/// `registers.last_number`; a server's sequence knows it already).
pub fn set_last_number(tx: &super::Tx<'_>, register: Register, last: i64) -> Result<()> {
    match super::tx::db(tx) {
        Db::File(_) => records::set_last_number(tx, register, last),
        Db::Server(_) => Ok(()),
    }
}
