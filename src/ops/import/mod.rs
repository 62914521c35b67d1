//! `import`: many people into one register from a CSV or JSON-lines file
//! (SPEC §4 "Import and export", DOMAIN §10), through the same validation
//! as `add` (`domain::fields::new_values`, and `fields::apply` for
//! `--on-conflict update`).
//!
//! The file is streamed, so memory does not grow with it: a reader thread
//! splits it into rows and hands batches round-robin to worker threads that
//! validate them (a phone number alone costs microseconds, DOMAIN §3); this
//! thread takes the batches back in the same round-robin order and writes
//! them in file order, in one transaction. Line numbers, conflicts between
//! rows of the same file and the rejects therefore come out the same on
//! every run. A person met earlier in the same file is found by the unique
//! indexes of the rows already written in the transaction, not by a set
//! kept in memory.
//!
//! One module per job: `options` (what is asked and answered, progress),
//! `run` (the passes and the audit entry), `input` (decoding and the
//! `Source`), `header` (which column is which field), `rows` (the reader
//! thread), `check` (the workers' validation), `pipeline` (reader →
//! workers → writer), `writer` (the conflict rules) and `rejects`.

use std::io::{BufRead, BufReader, Cursor, Read, Write};
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use serde::Serialize;
use serde_json::{Map, Value};

use super::Who;
use crate::domain::basis::CheckedBasis;
use crate::domain::fields::{
    self, fields, header_index, header_key, Ctx, FieldError, Kind, Values,
};
use crate::domain::formula::restore_formula;
use crate::domain::register::{RecordId, Register};
use crate::error::{Error, Problem, Result};
use crate::files::Created;
use crate::store::audit::Entry;
use crate::store::bulk;
use crate::store::records::{self, Correction};
use crate::store::{Mode, Store};

mod check;
mod header;
mod input;
mod options;
mod pipeline;
#[cfg(test)]
mod properties;
mod rejects;
mod rows;
mod run;
mod writer;

use check::*;
use header::*;
use input::*;
pub use options::*;
use pipeline::*;
use rejects::*;
use rows::*;
pub use run::import;
use writer::*;

/// Rows per batch handed between threads: large enough that channel
/// traffic is negligible, small enough that the batches in flight (two per
/// worker each way) take a few megabytes.
const BATCH: usize = 512;

/// Invalid rows listed on stderr; `--rejects FILE` gets all of them.
const SHOWN: usize = 20;

/// Updated record ids named in the audit entry; the corrections table
/// keeps every one (reason `import`).
const AUDITED_IDS: usize = 1000;

/// Page cache for the import's connection, in KiB. The indexes of a
/// million records are written in random order (hetu, e-mail, phone); a
/// cache of this size keeps most of their inner pages in memory while the
/// whole process stays well under 100 MiB.
const CACHE_KIB: i64 = 48 * 1024;

/// A bulk load appends to the B-trees it writes, so a small cache does;
/// the memory goes to SQLite's sorter when the indexes are built.
const BULK_CACHE_KIB: i64 = 8 * 1024;

/// The page cache of a row-by-row import into a sealed register (see `cache_kib`).
const SEALED_CACHE_KIB: i64 = 96 * 1024;

/// The most page cache a sealed import takes while it builds its indexes
/// again (see `bulk::widen_cache_for_rebuild`): a register of a million
/// people is about 470 MiB, so up to that size every page is decrypted
/// once; a larger one is partly read again.
const SEALED_REBUILD_CACHE_KIB: i64 = 512 * 1024;

/// A row of the file as read, kept whole for the rejects file.
enum Raw {
    Csv(csv::ByteRecord),
    Json(Vec<u8>),
}

struct RawRow {
    /// The physical line of the file where the row starts (header = 1).
    line: u64,
    raw: Raw,
}

struct Batch<T> {
    rows: Vec<T>,
    /// Bytes of the file read up to the end of the batch (for progress).
    bytes: u64,
}

/// A row after validation.
struct Row {
    line: u64,
    raw: Raw,
    outcome: Outcome,
}

enum Outcome {
    /// A valid new record. `changes` (the row's non-empty cells) are kept
    /// for `--on-conflict update` only.
    Valid {
        values: Values,
        changes: Vec<(usize, String)>,
    },
    /// Not a valid record by itself. With `--on-conflict update` it may
    /// still update an existing record: `keys` then holds its hetu and
    /// e-mail in normal form, if they are valid.
    Invalid {
        errors: Vec<FieldError>,
        changes: Vec<(usize, String)>,
        keys: Option<Values>,
    },
}

/// What a column of a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Field(usize),
    /// `id`, `register` and the lifecycle `status` of an export: what the
    /// register itself decides, so they are read over.
    Ignored,
}

/// The counts of SPEC §4: `read = inserted + updated + skipped + rejected`.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Counts {
    pub read: u64,
    pub inserted: u64,
    pub updated: u64,
    pub skipped: u64,
    pub rejected: u64,
}

impl Counts {
    fn detail(&self) -> String {
        format!(
            "read={} inserted={} updated={} skipped={} rejected={}",
            self.read, self.inserted, self.updated, self.skipped, self.rejected
        )
    }
}

/// The validating half of the pipeline on one thread, over a CSV file in
/// memory: the number of valid and invalid rows. It reads the file as an
/// import does (`Source`, `Rows`) and checks each row as a worker does,
/// for the criterion bench (`benches/validators.rs`) and the property
/// tests; the whole import is measured by `scripts/bench_import.sh`.
pub fn check_csv(register: Register, csv: &[u8], today: chrono::NaiveDate) -> Result<(u64, u64)> {
    let mut input = BufReader::new(Box::new(Cursor::new(csv.to_vec())) as Input);
    let source = Source::open(&mut input, InputFormat::Csv, register)?;
    let checker = Checker {
        register,
        ctx: Ctx { today },
        columns: source.columns.clone(),
        keep_changes: false,
    };
    let mut rows = Rows::new(input, source)?;
    let (mut valid, mut invalid) = (0, 0);
    while let Some(row) = rows.next()? {
        match checker.check(row).outcome {
            Outcome::Valid { .. } => valid += 1,
            Outcome::Invalid { .. } => invalid += 1,
        }
    }
    Ok((valid, invalid))
}
