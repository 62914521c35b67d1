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

use std::io::{BufRead, BufReader, Cursor, Read, Write};
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use serde_json::{Map, Value};

use super::{Session, Who};
use crate::cli::{ImportArgs, InputFormat, OnConflict};
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

/// The page cache of an import into a sealed register (see `run`).
const SEALED_CACHE_KIB: i64 = 96 * 1024;

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
    let existing: i64 =
        session
            .conn
            .query_row("SELECT coalesce(max(rowid), 0) FROM records", [], |r| {
                r.get(0)
            })?;
    Ok(meta.is_file() && rows >= BULK_ROWS && rows >= existing.max(0) as u64)
}

/// One pass over the file in one transaction. `None`: a bulk load found
/// two records with the same hetu or e-mail and rolled back.
fn import_once(session: &mut Session, a: &ImportArgs, bulk: bool) -> Result<Option<Output>> {
    let register = a.register;
    let stdin = a.file.as_os_str() == "-";
    let format = a.input_format.unwrap_or_else(|| format_of(&a.file));
    if let (Some(rejects), false) = (&a.rejects, stdin) {
        if same_file(rejects, &a.file) {
            return Err(Error::Usage(
                "--rejects must not be the file being imported".into(),
            ));
        }
    }
    let (input, size) = open_input(&a.file, stdin)?;
    let mut input = BufReader::with_capacity(1 << 16, input);
    let source = Source::open(&mut input, format, register)?;
    let quiet = session.global.quiet;
    let table = session.global.format == crate::output::Format::Table;

    // Only the import's own connection: a larger page cache (see CACHE_KIB).
    // A sealed register decrypts (and checks) every page it reads back from
    // the OS and encrypts every page it writes: a larger cache spares the
    // pages of the indexes being built from going round that loop (issue #14).
    let sealed = crate::seal::current_file_key().is_some();
    let cache = match (bulk, sealed) {
        (true, false) => BULK_CACHE_KIB,
        (false, false) => CACHE_KIB,
        (_, true) => SEALED_CACHE_KIB,
    };
    session
        .conn
        .execute_batch(&format!("PRAGMA cache_size = -{cache}; PRAGMA threads = 2"))?;
    let tx = session
        .conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let bulk = match bulk {
        true => Some(bulk::BulkIndexes::begin(&tx)?),
        false => None,
    };
    let who = &session.who;
    let bases = super::bases::pairs(&tx, &a.bases)?;
    let field_names = source.field_names(register);
    let rejects = match &a.rejects {
        Some(path) => Some(Rejects::create(path, &source, &session.db)?),
        None => None,
    };
    let mut writer = Writer::new(&tx, who, register, a.on_conflict, &bases, rejects)?;
    let progress = Progress::new(quiet, size);
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
    if let Some(bulk) = bulk {
        if !bulk.finish(&tx)? {
            drop(tx);
            return Ok(None);
        }
    }

    let mut detail = format!(
        "register={} format={} on-conflict={} {}",
        register.name(),
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
    if counts.updated > updated_ids.len() as u64 {
        detail.push_str(&format!(" updated-ids-listed={}", updated_ids.len()));
    }
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
        super::audit_alone(&mut session.conn, &who.operator, &who.now, &entry)?;
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
    if counts.rejected > 0 {
        return Err(Error::InvalidRows(rejected_message(
            &counts, a, &shown, problems,
        )));
    }
    let summary = summary_line(&counts, a.dry_run);
    if table {
        if !quiet {
            eprintln!("privreg: {summary}");
        }
        Ok(Some(Output::Done(counts.json())))
    } else {
        Ok(Some(Output::Object {
            value: counts.json(),
            plain: Some(summary),
        }))
    }
}

fn summary_line(c: &Counts, dry_run: bool) -> String {
    let line = format!(
        "read {}, inserted {}, updated {}, skipped {}, rejected {}",
        c.read, c.inserted, c.updated, c.skipped, c.rejected
    );
    if dry_run {
        format!("dry run, nothing was written: {line}")
    } else {
        line
    }
}

fn rejected_message(c: &Counts, a: &ImportArgs, shown: &[Problem], problems: u64) -> String {
    let mut out = if a.dry_run {
        format!(
            "{} of {} rows are invalid (dry run, nothing was written: {})",
            c.rejected,
            c.read,
            summary_line(c, false)
        )
    } else if a.skip_invalid {
        format!(
            "{} of {} rows were rejected; the valid rows were written: {}",
            c.rejected,
            c.read,
            summary_line(c, false)
        )
    } else {
        format!(
            "{} of {} rows are invalid, nothing was written",
            c.rejected, c.read
        )
    };
    for p in shown {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    let more = problems.saturating_sub(shown.len() as u64);
    if more > 0 {
        out.push_str(&format!("\n  … and {more} more"));
    }
    match &a.rejects {
        Some(path) => out.push_str(&format!(
            "\nevery rejected row, with its reason, is in {}",
            path.display()
        )),
        None if more > 0 => out.push_str("\nhelp: --rejects FILE lists every one of them"),
        None => {}
    }
    out
}

/// `.jsonl`, `.ndjson` and `.json` files are JSON lines; anything else CSV.
fn format_of(path: &Path) -> InputFormat {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("jsonl" | "ndjson" | "json") => InputFormat::Jsonl,
        _ => InputFormat::Csv,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

type Input = Box<dyn Read + Send>;

fn open_input(path: &Path, stdin: bool) -> Result<(Input, Option<u64>)> {
    if stdin {
        return Ok((Box::new(LineLimit::new(std::io::stdin())), None));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Error::NotFound(format!("cannot read {}: {e}", path.display())))?;
    let size = file.metadata().ok().map(|m| m.len());
    Ok((Box::new(LineLimit::new(file)), size))
}

/// The longest physical line read, in bytes. A valid row is far shorter
/// (no cell may pass 10,000 characters, and a multi-line cell spans
/// lines); without a limit, a file of one endless line would be read
/// into memory whole before it could be refused.
const MAX_LINE: u64 = 1 << 20;

/// The file as read, refusing a line longer than [`MAX_LINE`].
struct LineLimit<R> {
    inner: R,
    /// Bytes since the last line break, and line breaks so far.
    since_break: u64,
    breaks: u64,
}

/// The error a [`LineLimit`] gives, carried inside an `io::Error`.
#[derive(Debug)]
struct LineTooLong {
    line: u64,
}

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {} is longer than {MAX_LINE} bytes", self.line)
    }
}

impl std::error::Error for LineTooLong {}

impl<R: Read> LineLimit<R> {
    fn new(inner: R) -> LineLimit<R> {
        LineLimit {
            inner,
            since_break: 0,
            breaks: 0,
        }
    }
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = &buf[..n];
        match read.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.breaks += read.iter().filter(|&&b| b == b'\n').count() as u64;
                self.since_break = (n - last - 1) as u64;
            }
            None => self.since_break += n as u64,
        }
        if self.since_break > MAX_LINE {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                LineTooLong {
                    line: self.breaks + 1,
                },
            ));
        }
        Ok(n)
    }
}

/// How the file could not be read: a line too long is invalid input
/// (exit 3, naming the line); anything else a storage problem.
trait ReadFailure: std::fmt::Display {
    fn io(&self) -> Option<&std::io::Error>;
}

impl ReadFailure for std::io::Error {
    fn io(&self) -> Option<&std::io::Error> {
        Some(self)
    }
}

impl ReadFailure for csv::Error {
    fn io(&self) -> Option<&std::io::Error> {
        match self.kind() {
            csv::ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

fn read_error(e: impl ReadFailure) -> Error {
    let too_long = e
        .io()
        .and_then(|io| io.get_ref())
        .and_then(|inner| inner.downcast_ref::<LineTooLong>());
    match too_long {
        Some(t) => Error::Invalid(vec![Problem {
            line: Some(t.line),
            field: "row".into(),
            reason: format!("is longer than {MAX_LINE} bytes: nothing was read beyond it"),
        }]),
        None => Error::Storage(format!("reading the file to import: {e}")),
    }
}

/// The file's shape, known from its first line: the format, the CSV
/// header and delimiter.
struct Source {
    format: InputFormat,
    /// CSV: the header cells as written, and what each column holds.
    header: Vec<String>,
    columns: Vec<Column>,
    delimiter: u8,
    /// The first line (the CSV header without a BOM), read already.
    first: Vec<u8>,
    /// Nothing but white space in the whole file.
    empty: bool,
}

impl Source {
    fn open(
        input: &mut BufReader<Input>,
        format: InputFormat,
        register: Register,
    ) -> Result<Source> {
        let mut first = Vec::new();
        input.read_until(b'\n', &mut first).map_err(read_error)?;
        if let Some(rest) = first.strip_prefix(b"\xEF\xBB\xBF") {
            first = rest.to_vec();
        }
        let blank = first.iter().all(u8::is_ascii_whitespace);
        let empty = blank && input.fill_buf().map_err(read_error)?.is_empty();
        let mut source = Source {
            format,
            header: Vec::new(),
            columns: Vec::new(),
            delimiter: b',',
            first,
            empty,
        };
        if empty || format == InputFormat::Jsonl {
            if format == InputFormat::Jsonl && source.first.trim_ascii_start().starts_with(b"[") {
                return Err(Error::invalid(
                    "file",
                    "is a JSON array, not JSON lines (one object per line): export with --format jsonl",
                ));
            }
            return Ok(source);
        }
        if blank {
            return Err(Error::Invalid(vec![Problem {
                line: Some(1),
                field: "header".into(),
                reason: "the first line must be the header row of field names".into(),
            }]));
        }
        source.delimiter = sniff_delimiter(&source.first);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(source.delimiter)
            .from_reader(Cursor::new(&source.first));
        let mut record = csv::ByteRecord::new();
        reader.read_byte_record(&mut record).map_err(read_error)?;
        source.header = record
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        source.columns = map_header(register, &source.header)?;
        Ok(source)
    }

    /// The fields the file gives, for the audit entry.
    fn field_names(&self, register: Register) -> Vec<String> {
        let specs = fields(register);
        let mut names: Vec<String> = Vec::new();
        for c in &self.columns {
            if let Column::Field(i) = c {
                names.push(specs[*i].name.to_string());
            }
        }
        names
    }
}

/// `;` when the header has more semicolons than commas (outside quotes),
/// as a spreadsheet in a Finnish locale writes; else `,`.
fn sniff_delimiter(line: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// Whether a column named `key` (see `header_key`) is one an export adds
/// that the register decides itself. `status` is the lifecycle status,
/// except in a recruitment file without `application_status`, where it is
/// that field's accepted old name (see CHANGELOG).
fn ignored(register: Register, key: &str, has_application_status: bool) -> bool {
    match key {
        "id" | "register" => true,
        "status" => register != Register::Recruitment || has_application_status,
        _ => false,
    }
}

/// What each column of a CSV header holds. Unknown and repeated columns
/// are refused, each by name: nothing is imported from a file whose
/// columns are not understood.
fn map_header(register: Register, header: &[String]) -> Result<Vec<Column>> {
    let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let has_status_field = keys.iter().any(|k| k == "application_status");
    let mut columns: Vec<Column> = Vec::new();
    let mut problems = Vec::new();
    for (name, key) in header.iter().zip(&keys) {
        let problem = |reason: String| Problem {
            line: Some(1),
            field: if name.trim().is_empty() {
                format!("(column {})", columns.len() + 1)
            } else {
                name.trim().to_string()
            },
            reason,
        };
        if ignored(register, key, has_status_field) {
            columns.push(Column::Ignored);
            continue;
        }
        match header_index(register, name) {
            None => {
                problems.push(problem(format!(
                    "unknown column: {}",
                    crate::domain::fields::unknown_field(register, name)
                )));
                columns.push(Column::Ignored);
            }
            Some(i) if columns.contains(&Column::Field(i)) => {
                problems.push(problem(format!(
                    "the column {} is given twice",
                    fields(register)[i].name
                )));
                columns.push(Column::Ignored);
            }
            Some(i) => columns.push(Column::Field(i)),
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Validates rows on a worker thread: the same path as `add`.
struct Checker {
    register: Register,
    ctx: Ctx,
    columns: Vec<Column>,
    keep_changes: bool,
}

impl Checker {
    fn check(&self, row: RawRow) -> Row {
        let (changes, errors) = match &row.raw {
            Raw::Csv(record) => self.csv_changes(record),
            Raw::Json(line) => self.json_changes(line),
        };
        let outcome = if errors.is_empty() {
            match fields::new_values(self.register, &changes, self.ctx) {
                Ok(values) => Outcome::Valid {
                    values,
                    changes: if self.keep_changes {
                        changes
                    } else {
                        Vec::new()
                    },
                },
                Err(errors) => self.invalid(errors, changes),
            }
        } else {
            self.invalid(errors, changes)
        };
        Row {
            line: row.line,
            raw: row.raw,
            outcome,
        }
    }

    fn invalid(&self, errors: Vec<FieldError>, changes: Vec<(usize, String)>) -> Outcome {
        if !self.keep_changes {
            return Outcome::Invalid {
                errors,
                changes: Vec::new(),
                keys: None,
            };
        }
        // The identifiers alone, for finding the record to update.
        let specs = fields(self.register);
        let mut keys: Values = vec![None; specs.len()];
        let mut any = false;
        for (i, raw) in &changes {
            if matches!(specs[*i].kind, Kind::Hetu | Kind::Email) {
                if let Ok(Some(v)) = fields::normalize(specs[*i].kind, raw, self.ctx, "FI") {
                    keys[*i] = Some(v);
                    any = true;
                }
            }
        }
        Outcome::Invalid {
            errors,
            changes,
            keys: any.then_some(keys),
        }
    }

    /// A CSV row's non-empty cells as (field, text), with the leading `'`
    /// that an export puts before formula-like text taken off again.
    fn csv_changes(&self, record: &csv::ByteRecord) -> (Vec<(usize, String)>, Vec<FieldError>) {
        let specs = fields(self.register);
        let mut changes = Vec::with_capacity(self.columns.len());
        let mut errors = Vec::new();
        if record.len() != self.columns.len() {
            errors.push(FieldError::new(
                "row",
                format!(
                    "has {} cells, the header has {} (is a quote or line break out of place?)",
                    record.len(),
                    self.columns.len()
                ),
            ));
            return (changes, errors);
        }
        for (cell, column) in record.iter().zip(&self.columns) {
            let Column::Field(i) = *column else { continue };
            match std::str::from_utf8(cell) {
                Ok(text) => {
                    let text = restore_formula(text);
                    if !text.trim().is_empty() {
                        changes.push((i, text.to_string()));
                    }
                }
                Err(_) => errors.push(FieldError::new(specs[i].name, "is not valid UTF-8 text")),
            }
        }
        (changes, errors)
    }

    /// A JSON line's keys by the same names as CSV columns; null is empty.
    fn json_changes(&self, line: &[u8]) -> (Vec<(usize, String)>, Vec<FieldError>) {
        let specs = fields(self.register);
        let mut changes = Vec::new();
        let mut errors = Vec::new();
        let object: Map<String, Value> = match serde_json::from_slice(line) {
            Ok(m) => m,
            Err(e) => {
                let why = if e.is_data() {
                    "is not a JSON object".to_string()
                } else {
                    format!("is not valid JSON ({})", e.classify_message())
                };
                errors.push(FieldError::new("row", why));
                return (changes, errors);
            }
        };
        let has_status_field = object.keys().any(|k| header_key(k) == "application_status");
        for (key, value) in &object {
            if ignored(self.register, &header_key(key), has_status_field) {
                continue;
            }
            let Some(i) = header_index(self.register, key) else {
                errors.push(FieldError::new(
                    key.as_str(),
                    format!(
                        "unknown key: {}",
                        crate::domain::fields::unknown_field(self.register, key)
                    ),
                ));
                continue;
            };
            if changes.iter().any(|(j, _)| *j == i) {
                errors.push(FieldError::new(specs[i].name, "is given twice"));
                continue;
            }
            let text = match value {
                Value::Null => continue,
                Value::String(s) => restore_formula(s).to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => n.to_string(),
                Value::Array(_) | Value::Object(_) => {
                    errors.push(FieldError::new(
                        specs[i].name,
                        "must be text, a number, true/false or null",
                    ));
                    continue;
                }
            };
            if !text.trim().is_empty() {
                changes.push((i, text));
            }
        }
        (changes, errors)
    }
}

/// serde_json's message without its position (the line is ours).
trait ClassifyMessage {
    fn classify_message(&self) -> &'static str;
}

impl ClassifyMessage for serde_json::Error {
    fn classify_message(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Syntax => "syntax error",
            serde_json::error::Category::Eof => "it ends too early",
            serde_json::error::Category::Data => "not an object",
            serde_json::error::Category::Io => "read error",
        }
    }
}

/// The rows of a file after its header, one at a time, each with the line
/// it starts on. Blank lines are passed over.
enum Rows {
    Csv(csv::Reader<std::io::Chain<Cursor<Vec<u8>>, BufReader<Input>>>),
    Jsonl {
        input: BufReader<Input>,
        /// The first line, read already by [`Source::open`].
        pending: Option<Vec<u8>>,
        line: u64,
        bytes: u64,
    },
    Empty,
}

impl Rows {
    fn new(input: BufReader<Input>, source: Source) -> Result<Rows> {
        if source.empty {
            return Ok(Rows::Empty);
        }
        Ok(match source.format {
            InputFormat::Csv => {
                // The header line comes first again so the reader's line
                // numbers count it (a quoted cell may span lines). Records
                // end at `\n` only: with the CRLF terminator the reader
                // counts a row's line before it has read the `\n` of the
                // row before, one too low; the `\r` left on the last cell
                // is taken off in `next`.
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(source.delimiter)
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_reader(Cursor::new(source.first).chain(input));
                let mut header = csv::ByteRecord::new();
                reader.read_byte_record(&mut header).map_err(read_error)?;
                Rows::Csv(reader)
            }
            InputFormat::Jsonl => Rows::Jsonl {
                input,
                pending: Some(source.first),
                line: 0,
                bytes: 0,
            },
        })
    }

    fn next(&mut self) -> Result<Option<RawRow>> {
        match self {
            Rows::Empty => Ok(None),
            Rows::Csv(reader) => loop {
                let mut record = csv::ByteRecord::new();
                if !reader.read_byte_record(&mut record).map_err(read_error)? {
                    return Ok(None);
                }
                if let Some(last) = record.iter().next_back().filter(|c| c.ends_with(b"\r")) {
                    let last = last[..last.len() - 1].to_vec();
                    record.truncate(record.len() - 1);
                    record.push_field(&last);
                }
                // A line of only delimiters (spreadsheets add them) is blank.
                if record.iter().all(|c| c.trim_ascii().is_empty()) {
                    continue;
                }
                let line = record.position().map_or(0, |p| p.line());
                return Ok(Some(RawRow {
                    line,
                    raw: Raw::Csv(record),
                }));
            },
            Rows::Jsonl {
                input,
                pending,
                line,
                bytes,
            } => loop {
                let mut text = match pending.take() {
                    Some(first) => first,
                    None => {
                        let mut buf = Vec::new();
                        if input.read_until(b'\n', &mut buf).map_err(read_error)? == 0 {
                            return Ok(None);
                        }
                        buf
                    }
                };
                *line += 1;
                *bytes += text.len() as u64;
                while text.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    text.pop();
                }
                if text.trim_ascii().is_empty() {
                    continue;
                }
                return Ok(Some(RawRow {
                    line: *line,
                    raw: Raw::Json(text),
                }));
            },
        }
    }

    /// Bytes of the file read so far (for the progress bar's estimate).
    fn bytes(&self) -> u64 {
        match self {
            Rows::Csv(reader) => reader.position().byte(),
            Rows::Jsonl { bytes, .. } => *bytes,
            Rows::Empty => 0,
        }
    }
}

/// Reads the file on its own thread and deals the batches out to the
/// workers in turn.
fn read_rows(
    input: BufReader<Input>,
    source: Source,
    workers: Vec<SyncSender<Batch<RawRow>>>,
) -> Result<()> {
    let mut rows = Rows::new(input, source)?;
    for turn in 0.. {
        let mut batch = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            match rows.next()? {
                Some(row) => batch.push(row),
                None => break,
            }
        }
        let done = batch.len() < BATCH;
        let bytes = rows.bytes();
        if !batch.is_empty()
            && workers[turn % workers.len()]
                .send(Batch { rows: batch, bytes })
                .is_err()
        {
            return Ok(());
        }
        if done {
            break;
        }
    }
    Ok(())
}

/// Reader → workers → this thread, in file order (see the module comment).
fn pipeline(
    input: BufReader<Input>,
    source: Source,
    checker: &Checker,
    writer: &mut Writer<'_>,
    progress: &Progress,
) -> Result<()> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 8);
    std::thread::scope(|scope| {
        let mut to_workers = Vec::with_capacity(workers);
        let mut from_workers: Vec<Receiver<Batch<Row>>> = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (in_tx, in_rx) = sync_channel::<Batch<RawRow>>(2);
            let (out_tx, out_rx) = sync_channel::<Batch<Row>>(2);
            scope.spawn(move || {
                for batch in in_rx {
                    let rows = batch.rows.into_iter().map(|r| checker.check(r)).collect();
                    if out_tx
                        .send(Batch {
                            rows,
                            bytes: batch.bytes,
                        })
                        .is_err()
                    {
                        break;
                    }
                }
            });
            to_workers.push(in_tx);
            from_workers.push(out_rx);
        }
        let reader = scope.spawn(move || read_rows(input, source, to_workers));
        let mut turn = 0;
        while let Ok(batch) = from_workers[turn % workers].recv() {
            turn += 1;
            for row in batch.rows {
                writer.row(row)?;
            }
            progress.update(writer.counts.read, batch.bytes);
        }
        drop(from_workers);
        match reader.join() {
            Ok(result) => result,
            Err(_) => Err(Error::Internal("the reader thread failed".into())),
        }
    })
}

/// Writes the checked rows in file order inside the import's transaction.
struct Writer<'t> {
    tx: &'t rusqlite::Connection,
    who: &'t Who,
    register: Register,
    on_conflict: OnConflict,
    bases: &'t [(CheckedBasis, String)],
    inserter: Inserter<'t>,
    first_number: i64,
    next_number: i64,
    /// Records up to this rowid were there before the import; later ones
    /// came from earlier lines of this file.
    rowid_before: i64,
    search: Option<bulk::DeferredSearch>,
    counts: Counts,
    shown: Vec<Problem>,
    problems: u64,
    rejects: Option<Rejects>,
    updated_ids: Vec<String>,
}

impl<'t> Writer<'t> {
    fn new(
        tx: &'t rusqlite::Connection,
        who: &'t Who,
        register: Register,
        on_conflict: OnConflict,
        bases: &'t [(CheckedBasis, String)],
        rejects: Option<Rejects>,
    ) -> Result<Writer<'t>> {
        let next = records::last_number(tx, register)? + 1;
        let rowid_before: i64 =
            tx.query_row("SELECT coalesce(max(rowid), 0) FROM records", [], |r| {
                r.get(0)
            })?;
        let search = bulk::DeferredSearch::begin(tx, rowid_before)?;
        Ok(Writer {
            tx,
            who,
            register,
            on_conflict,
            bases,
            inserter: Inserter::new(tx, register)?,
            first_number: next,
            next_number: next,
            rowid_before,
            search: Some(search),
            counts: Counts::default(),
            shown: Vec::new(),
            problems: 0,
            rejects,
            updated_ids: Vec::new(),
        })
    }

    fn row(&mut self, row: Row) -> Result<()> {
        self.counts.read += 1;
        let Row { line, raw, outcome } = row;
        match outcome {
            Outcome::Valid { values, changes } => {
                let number = self.next_number;
                let who = self.who;
                match self
                    .inserter
                    .insert(number, &values, &who.now, &who.operator, "import")?
                {
                    Inserted::Row(rowid) => {
                        self.next_number += 1;
                        self.counts.inserted += 1;
                        super::bases::log_for_new_record(self.tx, who, rowid, self.bases)?;
                        Ok(())
                    }
                    Inserted::SamePerson => {
                        let Some((existing, by)) =
                            records::find_same_person(self.tx, self.register, &values, None)?
                        else {
                            return Err(Error::Internal(
                                "a unique index refused a record that matches no other".into(),
                            ));
                        };
                        self.conflict(line, &raw, existing, by, &changes)
                    }
                }
            }
            Outcome::Invalid {
                errors,
                changes,
                keys,
            } => {
                if let (OnConflict::Update, Some(keys)) = (self.on_conflict, &keys) {
                    if let Some((existing, _)) =
                        records::find_same_person(self.tx, self.register, keys, None)?
                    {
                        return self.update(line, &raw, existing, &changes);
                    }
                }
                self.reject(line, &raw, errors)
            }
        }
    }

    /// A valid row whose person is in the register already.
    fn conflict(
        &mut self,
        line: u64,
        raw: &Raw,
        existing: RecordId,
        by: &str,
        changes: &[(usize, String)],
    ) -> Result<()> {
        match self.on_conflict {
            OnConflict::Skip => {
                self.counts.skipped += 1;
                Ok(())
            }
            OnConflict::Update => self.update(line, raw, existing, changes),
            OnConflict::Fail => {
                let field = if by == "hetu" { "hetu" } else { "email" };
                let reason = if existing.number >= self.first_number {
                    format!("the same person (same {by}) is on an earlier line of this file")
                } else {
                    format!(
                        "this person is already in the {} register as {existing} (same {by})",
                        self.register
                    )
                };
                self.reject(line, raw, vec![FieldError::new(field, reason)])
            }
        }
    }

    /// `--on-conflict update`: the row's non-empty values over the record,
    /// through the same `fields::apply` as `correct`. The old values of a
    /// record that was there before go to its correction history.
    fn update(
        &mut self,
        line: u64,
        raw: &Raw,
        existing: RecordId,
        changes: &[(usize, String)],
    ) -> Result<()> {
        let who = self.who;
        let Some(mut record) = records::get(self.tx, existing)? else {
            return Err(Error::Internal("the record to update vanished".into()));
        };
        let old = record.values.clone();
        if let Err(errors) = fields::apply(self.register, &mut record.values, changes, who.ctx()) {
            return self.reject(line, raw, errors);
        }
        let changed: Vec<usize> = (0..old.len())
            .filter(|&i| old[i] != record.values[i])
            .collect();
        if changed.is_empty() {
            self.counts.skipped += 1;
            return Ok(());
        }
        if let Some((other, by)) =
            records::find_same_person(self.tx, self.register, &record.values, Some(record.rowid))?
        {
            let field = if by == "hetu" { "hetu" } else { "email" };
            return self.reject(
                line,
                raw,
                vec![FieldError::new(
                    field,
                    format!("would give {existing} the same {by} as {other}"),
                )],
            );
        }
        records::update(self.tx, &record, &who.now)?;
        if record.rowid <= self.rowid_before {
            let specs = fields(self.register);
            for &i in &changed {
                records::add_correction(
                    self.tx,
                    record.rowid,
                    &Correction {
                        at: who.now.clone(),
                        operator: who.operator.clone(),
                        field: specs[i].name.to_string(),
                        old_value: old[i].clone(),
                        new_value: record.values[i].clone(),
                        reason: "import".into(),
                        request: None,
                    },
                )?;
            }
        }
        self.counts.updated += 1;
        if self.updated_ids.len() < AUDITED_IDS {
            self.updated_ids.push(existing.to_string());
        }
        Ok(())
    }

    fn reject(&mut self, line: u64, raw: &Raw, errors: Vec<FieldError>) -> Result<()> {
        self.counts.rejected += 1;
        let reason: Vec<String> = errors
            .iter()
            .map(|e| format!("field {}: {}", e.field, e.reason))
            .collect();
        if let Some(r) = &mut self.rejects {
            r.write(line, raw, &reason.join("; "))?;
        }
        for e in errors {
            self.problems += 1;
            if self.shown.len() < SHOWN {
                self.shown.push(Problem {
                    line: Some(line),
                    field: e.field,
                    reason: e.reason,
                });
            }
        }
        Ok(())
    }

    fn finish_rejects(&mut self) -> Result<Option<Created>> {
        self.rejects.take().map(Rejects::finish).transpose()
    }
}

/// The `--rejects` file: the rejected rows as they were, with a `reason`.
/// CSV keeps the input's columns and delimiter; JSON lines keep the object
/// and add a `reason` key. The file is a new one of privreg's own
/// (src/files.rs), removed again unless the import keeps it.
struct Rejects {
    sink: RejectSink,
    created: Created,
    /// The header's cells: every CSV row of the file has this many, and
    /// then its reason, so the file stays whole CSV.
    width: usize,
}

enum RejectSink {
    Csv(Box<csv::Writer<Box<dyn Write>>>),
    Jsonl(Box<dyn Write>),
}

impl Rejects {
    fn create(path: &Path, source: &Source, register: &Path) -> Result<Rejects> {
        let (out, created) = crate::files::create_buffered(path, "rejects", register)?;
        let sink = match source.format {
            InputFormat::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .delimiter(source.delimiter)
                    .from_writer(out);
                if !source.header.is_empty() {
                    w.write_record(source.header.iter().map(String::as_str).chain(["reason"]))
                        .map_err(write_error)?;
                }
                RejectSink::Csv(Box::new(w))
            }
            InputFormat::Jsonl => RejectSink::Jsonl(out),
        };
        Ok(Rejects {
            sink,
            created,
            width: source.header.len(),
        })
    }

    fn write(&mut self, line: u64, raw: &Raw, reason: &str) -> Result<()> {
        let width = self.width;
        match (&mut self.sink, raw) {
            (RejectSink::Csv(w), Raw::Csv(record)) if record.len() == width => w
                .write_record(record.iter().chain([reason.as_bytes()]))
                .map_err(write_error),
            // A ragged row (issue #13 item 7): its cells fitted to the
            // header, missing ones empty; cells past the last column are
            // in the imported file at the line the reason names.
            (RejectSink::Csv(w), Raw::Csv(record)) => {
                let reason = if record.len() > width {
                    format!(
                        "{reason}; line {line}: the {} cells past the last column are left out here",
                        record.len() - width
                    )
                } else {
                    format!("{reason}; line {line}")
                };
                let empty: &[u8] = b"";
                let cells = record.iter().chain(std::iter::repeat(empty)).take(width);
                w.write_record(cells.chain([reason.as_bytes()]))
                    .map_err(write_error)
            }
            (RejectSink::Jsonl(w), Raw::Json(line)) => {
                let object = match serde_json::from_slice::<Map<String, Value>>(line) {
                    Ok(mut m) => {
                        m.insert("reason".into(), reason.into());
                        m
                    }
                    Err(_) => {
                        let mut m = Map::new();
                        m.insert("text".into(), String::from_utf8_lossy(line).into());
                        m.insert("reason".into(), reason.into());
                        m
                    }
                };
                serde_json::to_writer(&mut *w, &object)
                    .map_err(|e| Error::Storage(format!("writing the rejects file: {e}")))?;
                w.write_all(b"\n")?;
                Ok(())
            }
            _ => Err(Error::Internal("a row of another format".into())),
        }
    }

    /// Writes out what is buffered; the file is complete.
    fn finish(self) -> Result<Created> {
        match self.sink {
            RejectSink::Csv(mut w) => w.flush()?,
            RejectSink::Jsonl(mut w) => w.flush()?,
        }
        Ok(self.created)
    }
}

fn write_error(e: csv::Error) -> Error {
    Error::Storage(format!("writing the rejects file: {e}"))
}

/// A progress bar on stderr (rows, rows/s, ETA) when it is a terminal and
/// not `--quiet`. The ETA comes from the share of the file's bytes read.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    size: Option<u64>,
}

impl Progress {
    fn new(quiet: bool, size: Option<u64>) -> Progress {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None, size };
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        let template = if size.is_some() {
            "{spinner} {elapsed_precise} {wide_bar} {human_pos}/~{human_len} rows ({per_sec}, ETA {eta})"
        } else {
            "{spinner} {elapsed_precise} {human_pos} rows ({per_sec})"
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Progress {
            bar: Some(bar),
            size,
        }
    }

    fn update(&self, rows: u64, bytes: u64) {
        let Some(bar) = &self.bar else { return };
        if let (Some(size), true) = (self.size, bytes > 0) {
            let estimate = (rows as u128 * size as u128 / bytes as u128) as u64;
            bar.set_length(estimate.max(rows));
        }
        bar.set_position(rows);
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
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
