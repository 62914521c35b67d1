//! What a batch import does differently from single writes: it takes the
//! search index's triggers and the identifier indexes down for the length
//! of its transaction and builds them again at the end (issue #5). Both
//! come back before the commit, and a rollback brings them back by itself,
//! so no other command ever sees a register without them.

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
}

/// FTS5's in-memory hash while an import builds the search index, in
/// bytes (see [`DeferredSearch::finish`]).
const IMPORT_HASH_SIZE: i64 = 64 << 20;

const SEARCH_TRIGGERS: [&str; 2] = ["records_search_insert", "records_search_update"];

impl DeferredSearch {
    /// `before`: the largest rowid before the import.
    pub fn begin(tx: &impl super::On, before: super::RecordKey) -> Result<DeferredSearch> {
        let tx = super::tx::conn(tx)?;
        let before = before.0;
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
        Ok(DeferredSearch { before, triggers })
    }

    /// Indexes the records added since `begin` and restores the triggers.
    pub fn finish(self, tx: &impl super::On) -> Result<()> {
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
    pub fn begin(tx: &impl super::On) -> Result<BulkIndexes> {
        let tx = super::tx::conn(tx)?;
        let mut indexes = Vec::new();
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
    Ok(
        super::tx::conn(tx)?.query_row("SELECT coalesce(max(rowid), 0) FROM records", [], |r| {
            r.get(0)
        })?,
    )
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
        self.file()?.execute_batch(&format!(
            "PRAGMA cache_size = -{cache_kib}; PRAGMA threads = 2"
        ))?;
        Ok(())
    }
}
