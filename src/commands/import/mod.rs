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

use crate::messages::M;
use std::io::{BufRead, BufReader, Cursor, Read, Write};
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use serde_json::{Map, Value};

use super::{Session, Who};
use crate::cli::{ImportArgs, InputEncoding, InputFormat, OnConflict};
use crate::domain::basis::CheckedBasis;
use crate::domain::fields::{
    self, fields, header_index, header_key, Ctx, FieldError, Kind, Values,
};
use crate::domain::register::{RecordId, Register};
use crate::error::{Error, Problem, Result};
use crate::files::Created;
use crate::output::{restore_formula, Output};
use crate::store::audit::Entry;
use crate::store::bulk;
use crate::store::records::{self, Correction, Inserted, Inserter};

mod check;
mod header;
mod input;
mod pipeline;
mod progress;
mod rejects;
mod rows;
mod writer;

use check::*;
use header::*;
use input::*;
use pipeline::*;
use progress::*;
use rejects::*;
use rows::*;
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
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    read: u64,
    inserted: u64,
    updated: u64,
    skipped: u64,
    rejected: u64,
}

impl Counts {
    fn json(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("read".into(), self.read.into());
        m.insert("inserted".into(), self.inserted.into());
        m.insert("updated".into(), self.updated.into());
        m.insert("skipped".into(), self.skipped.into());
        m.insert("rejected".into(), self.rejected.into());
        m
    }

    fn detail(&self) -> String {
        format!(
            "read={} inserted={} updated={} skipped={} rejected={}",
            self.read, self.inserted, self.updated, self.skipped, self.rejected
        )
    }
}

/// Imports at least this many rows (estimated from the file's size) are
/// bulk loads when the register holds fewer records than that: see
/// [`bulk::BulkIndexes`].
const BULK_ROWS: u64 = 20_000;

/// A generated customer row is 125 bytes; a file of sparser rows has more
/// of them, so this errs towards the bulk load.
const BYTES_PER_ROW: u64 = 150;

pub fn run(session: &mut Session, a: ImportArgs) -> Result<Output> {
    let bulk = bulk_load(session, &a)?;
    if let Some(output) = import_once(session, &a, bulk)? {
        return Ok(output);
    }
    // Two records share a hetu or an e-mail: row by row this time, so
    // that each conflict is found and named.
    match import_once(session, &a, false)? {
        Some(output) => Ok(output),
        None => Err(Error::Internal("the import was retried twice".into())),
    }
}

/// Whether to load the rows before building the identifier indexes: a
/// large file (not standard input, which cannot be read twice) into a
/// register smaller than it, with `--on-conflict fail`: a file given
/// `skip` or `update` is expected to meet people already there, and each
/// would cost a second pass. A rejects file of a first pass that is rolled
/// back is removed (see [`Rejects`]), so the second creates it anew.
fn bulk_load(session: &Session, a: &ImportArgs) -> Result<bool> {
    if a.file.as_os_str() == "-" || a.on_conflict != OnConflict::Fail {
        return Ok(false);
    }
    let Ok(meta) = std::fs::metadata(&a.file) else {
        return Ok(false);
    };
    let rows = meta.len() / BYTES_PER_ROW;
    let existing = bulk::record_count_bound(&session.store.peek()?)?;
    Ok(meta.is_file() && rows >= BULK_ROWS && rows >= existing.max(0) as u64)
}

/// One pass over the file in one transaction. `None`: a bulk load found
/// two records with the same hetu or e-mail and rolled back.
fn import_once(session: &mut Session, a: &ImportArgs, bulk: bool) -> Result<Option<Output>> {
    let register = a.register;
    let (input, source, size) = open_source(a)?;
    let format = source.format;
    session.store.tune_for_import(cache_kib(bulk))?;
    let tx = session.store.begin(crate::store::Mode::Write)?;
    let bulk = match bulk {
        true => Some(bulk::BulkIndexes::begin(&tx)?),
        false => None,
    };
    let who = &session.who;
    let bases = crate::ops::bases::pairs(&tx, &a.bases.options())?;
    let field_names = source.field_names(register);
    let rejects = match &a.rejects {
        Some(path) => Some(Rejects::create(path, &source, &session.db)?),
        None => None,
    };
    let mut writer = Writer::new(&tx, who, register, a.on_conflict, &bases, rejects)?;
    let progress = Progress::new(session.global.quiet, size);
    let checker = Checker {
        register,
        ctx: who.ctx(),
        columns: source.columns.clone(),
        keep_changes: a.on_conflict == OnConflict::Update,
    };
    pipeline(input, source, &checker, &mut writer, &progress)?;
    // The rows are written: give their memory back to the system before
    // SQLite's sorter builds the indexes, so that the two peaks do not
    // add up (issue #5's memory target).
    // SAFETY: mi_collect only frees memory no longer in use; it is safe
    // at any time, and the writer's and workers' rows are dropped.
    unsafe { libmimalloc_sys::mi_collect(true) };
    progress.finish();
    let counts = writer.counts;
    let shown = std::mem::take(&mut writer.shown);
    let problems = writer.problems;
    // Removed when this pass fails or is rolled back; kept below.
    let rejects_file = writer.finish_rejects()?;
    let last = writer.next_number - 1;
    let first = writer.first_number;
    let updated_ids = std::mem::take(&mut writer.updated_ids);
    let search = writer.search.take();
    drop(writer);
    if sealed() && (bulk.is_some() || search.is_some()) {
        bulk::widen_cache_for_rebuild(&tx, SEALED_REBUILD_CACHE_KIB)?;
    }
    if let Some(bulk) = bulk {
        if !bulk.finish(&tx)? {
            drop(tx);
            return Ok(None);
        }
    }

    let detail = audit_detail(a, format, &counts, &bases, updated_ids.len());
    let entry = Entry {
        records: updated_ids,
        fields: field_names,
        ..Entry::new("import")
            .rows((counts.inserted + counts.updated) as usize)
            .detail(detail)
    };

    let all_or_nothing_failed = counts.rejected > 0 && !a.skip_invalid;
    if a.dry_run || all_or_nothing_failed {
        drop(tx);
        let entry = Entry {
            outcome: if all_or_nothing_failed {
                "failed"
            } else {
                "ok"
            }
            .into(),
            ..entry
        };
        super::audit_alone(&mut session.store, &who.operator, &who.now, &entry)?;
    } else {
        let mut entry = entry;
        if last >= first {
            let p = register.prefix();
            entry
                .detail
                .push_str(&format!(" ids={p}-{first}..{p}-{last}"));
        }
        if let Some(search) = search {
            search.finish(&tx)?;
        }
        records::set_last_number(&tx, register, last)?;
        crate::store::audit::append(&tx, &who.operator, &who.now, &entry)?;
        tx.commit()?;
    }

    if let Some(created) = rejects_file {
        created.keep();
    }
    answer(session, a, &counts, bases.is_empty(), &shown, problems).map(Some)
}

/// Whether the register being imported into is sealed (its pages are
/// encrypted: reading one back costs a decryption).
fn sealed() -> bool {
    crate::seal::current_file_key().is_some()
}

/// The page cache of the import's own connection: CACHE_KIB, smaller for a
/// bulk load (BULK_CACHE_KIB), largest for a sealed register.
fn cache_kib(bulk: bool) -> i64 {
    // A sealed register decrypts (and checks) every page it reads back from
    // the OS and encrypts every page it writes: row by row, a larger cache
    // spares the indexes' pages that loop (issue #14). A bulk load appends
    // and sorts, and there the small cache is faster sealed too: 1,000,000
    // rows in 24.5 s with 8 MiB against 30.9 s with 96 MiB, and 167 MiB of
    // memory against 280 (scripts/bench_seal.sh).
    match (bulk, sealed()) {
        (true, _) => BULK_CACHE_KIB,
        (false, false) => CACHE_KIB,
        (false, true) => SEALED_CACHE_KIB,
    }
}

/// The audit entry's detail: what was imported how, the counts, the flags
/// given, the bases logged and how many updated records the entry lists.
fn audit_detail(
    a: &ImportArgs,
    format: InputFormat,
    counts: &Counts,
    bases: &[(CheckedBasis, String)],
    updated_listed: usize,
) -> String {
    let stdin = a.file.as_os_str() == "-";
    let mut detail = format!(
        "register={} format={} on-conflict={} {}",
        a.register.name(),
        match format {
            InputFormat::Csv => "csv",
            InputFormat::Jsonl => "jsonl",
        },
        match a.on_conflict {
            OnConflict::Fail => "fail",
            OnConflict::Skip => "skip",
            OnConflict::Update => "update",
        },
        counts.detail()
    );
    for (flag, on) in [
        ("skip-invalid", a.skip_invalid),
        ("dry-run", a.dry_run),
        ("rejects-file", a.rejects.is_some()),
        ("stdin", stdin),
    ] {
        if on {
            detail.push(' ');
            detail.push_str(flag);
        }
    }
    if !bases.is_empty() {
        let named: Vec<String> = bases
            .iter()
            .map(|(b, p)| format!("{}:{p}", b.basis))
            .collect();
        detail.push_str(&format!(" bases={}", named.join(",")));
    }
    if counts.updated > updated_listed as u64 {
        detail.push_str(&format!(" updated-ids-listed={updated_listed}"));
    }
    detail
}

/// What the import answers once written (or rolled back): a warning for
/// records without a legal basis, the invalid rows as the error, or the
/// counts.
fn answer(
    session: &Session,
    a: &ImportArgs,
    counts: &Counts,
    no_bases: bool,
    shown: &[Problem],
    problems: u64,
) -> Result<Output> {
    let quiet = session.global.quiet;
    // Issue #20 point 7: records without a legal basis are a gap (GDPR
    // Art. 6) that `check` lists; say so now rather than months later.
    if no_bases && counts.inserted > 0 && !a.dry_run && !quiet {
        eprintln!(
            "privreg: {}: {}",
            M::WarningPrefix,
            M::NoBasisGiven.say(&[&counts.inserted])
        );
    }
    summary(
        counts,
        a,
        shown,
        problems,
        session.global.format == crate::output::Format::Table,
        quiet,
    )
}

/// What an import prints: in a table, the summary line on stderr; else
/// the counts and the rejects file on stdout (SPEC §4), also when rows
/// were rejected with `--skip-invalid` (then exit 3 all the same).
fn summary(
    counts: &Counts,
    a: &ImportArgs,
    shown: &[Problem],
    problems: u64,
    table: bool,
    quiet: bool,
) -> Result<Output> {
    // The summary for scripts: the counts and where the rejects went.
    let mut value = counts.json();
    value.insert(
        "rejects".into(),
        a.rejects
            .as_ref()
            .map(|p| Value::from(p.display().to_string()))
            .unwrap_or(Value::Null),
    );
    if counts.rejected > 0 {
        let error = Error::InvalidRows(rejected_message(counts, a, shown, problems));
        // Issue #20 point 7: rows were written (or would have been, in a
        // dry run), so a script asking for json gets the summary on stdout
        // too; stderr keeps the message and the exit code stays 3.
        if a.skip_invalid && !table {
            return Ok(Output::ThenFail(Box::new(Output::Done(value)), error));
        }
        return Err(error);
    }
    let summary = summary_line(counts, a.dry_run);
    if table {
        if !quiet {
            eprintln!("privreg: {summary}");
        }
        Ok(Output::Done(value))
    } else {
        Ok(Output::Object {
            value,
            plain: Some(summary),
        })
    }
}

fn summary_line(c: &Counts, dry_run: bool) -> String {
    let line = M::Summary.say(&[&c.read, &c.inserted, &c.updated, &c.skipped, &c.rejected]);
    if dry_run {
        M::SummaryDryRun.say(&[&line])
    } else {
        line
    }
}

fn rejected_message(c: &Counts, a: &ImportArgs, shown: &[Problem], problems: u64) -> String {
    let mut out = if a.dry_run {
        M::RowsInvalidDryRun.say(&[&c.rejected, &c.read, &summary_line(c, false)])
    } else if a.skip_invalid {
        M::RowsRejected.say(&[&c.rejected, &c.read, &summary_line(c, false)])
    } else {
        M::RowsInvalid.say(&[&c.rejected, &c.read])
    };
    for p in shown {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    let more = problems.saturating_sub(shown.len() as u64);
    if more > 0 {
        out.push_str(&format!("\n  {}", M::AndMore.say(&[&more])));
    }
    match &a.rejects {
        Some(path) => out.push_str(&format!("\n{}", M::RejectsIn.say(&[&path.display()]))),
        None if more > 0 => out.push_str(&format!("\n{}", M::RejectsHelp)),
        None => {}
    }
    out
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
