//! One import, start to end: whether it is a bulk load, the passes over
//! the file in one transaction each, and the audit entry.

use super::*;

/// Imports at least this many rows (estimated from the file's size) are
/// bulk loads when the register holds fewer records than that: see
/// [`bulk::BulkIndexes`].
const BULK_ROWS: u64 = 20_000;

/// A generated customer row is 125 bytes; a file of sparser rows has more
/// of them, so this errs towards the bulk load.
const BYTES_PER_ROW: u64 = 150;

/// Imports the file of `a` into the register of `store`, as `who`. `db`
/// names the register (the rejects file is created beside its rules, see
/// `crate::files`). The valid rows are written in one transaction with
/// one audit entry; with invalid rows and no `skip_invalid`, or in a dry
/// run, nothing is written but an audit entry saying so. Rejected rows
/// are not an `Err`: see [`Imported::rejected_error`].
pub fn import(
    store: &mut Store,
    who: &Who,
    db: &Path,
    a: &ImportOptions<'_>,
    progress: &mut dyn Progress,
) -> Result<Imported> {
    let bulk = bulk_load(store, a)?;
    if let Some(imported) = import_once(store, who, db, a, bulk, progress)? {
        return Ok(imported);
    }
    // Two records share a hetu or an e-mail: row by row this time, so
    // that each conflict is found and named.
    match import_once(store, who, db, a, false, progress)? {
        Some(imported) => Ok(imported),
        None => Err(Error::Internal("the import was retried twice".into())),
    }
}

/// Whether to load the rows before building the identifier indexes: a
/// large file (not standard input, which cannot be read twice) into a
/// register smaller than it, with `--on-conflict fail`: a file given
/// `skip` or `update` is expected to meet people already there, and each
/// would cost a second pass. A rejects file of a first pass that is rolled
/// back is removed (see [`Rejects`]), so the second creates it anew.
fn bulk_load(store: &Store, a: &ImportOptions<'_>) -> Result<bool> {
    if a.file.as_os_str() == "-" || a.on_conflict != OnConflict::Fail {
        return Ok(false);
    }
    let Ok(meta) = std::fs::metadata(a.file) else {
        return Ok(false);
    };
    // A server loads through COPY at any size (store/pg/copy.rs).
    if store.is_server() {
        return Ok(meta.is_file());
    }
    let rows = meta.len() / BYTES_PER_ROW;
    let existing = bulk::record_count_bound(&store.peek()?)?;
    Ok(meta.is_file() && rows >= BULK_ROWS && rows >= existing.max(0) as u64)
}

/// One pass over the file in one transaction. `None`: a bulk load found
/// two records with the same hetu or e-mail and rolled back.
fn import_once(
    store: &mut Store,
    who: &Who,
    db: &Path,
    a: &ImportOptions<'_>,
    bulk: bool,
    progress: &mut dyn Progress,
) -> Result<Option<Imported>> {
    let register = a.register;
    let (input, source, size) = open_source(a)?;
    let format = source.format;
    store.tune_for_import(cache_kib(bulk))?;
    let tx = store.begin(Mode::Write)?;
    let bulk = match bulk {
        true => Some(bulk::BulkIndexes::begin(&tx)?),
        false => None,
    };
    let bases = crate::ops::bases::pairs(&tx, &a.bases)?;
    let field_names = source.field_names(register);
    let rejects = match a.rejects {
        Some(path) => Some(Rejects::create(path, &source, db)?),
        None => None,
    };
    let is_bulk = bulk.is_some();
    let mut writer = Writer::new(&tx, who, register, a.on_conflict, &bases, rejects, is_bulk)?;
    progress.start(size);
    let checker = Checker {
        register,
        ctx: who.ctx(),
        columns: source.columns.clone(),
        keep_changes: a.on_conflict == OnConflict::Update,
    };
    pipeline(input, source, &checker, &mut writer, progress)?;
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
    if !writer.finish_load()? {
        drop(writer);
        drop(tx);
        return Ok(None);
    }
    let failed = counts.rejected > 0 && !a.skip_invalid;
    if !(a.dry_run || failed) {
        writer.write_queued()?;
    }
    let numbers = writer.numbers;
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

    if a.dry_run || failed {
        drop(tx);
        let outcome = if failed { "failed" } else { "ok" };
        let entry = Entry {
            outcome: outcome.into(),
            ..entry
        };
        audit_alone(store, who, &entry)?;
    } else {
        commit(tx, who, register, entry, numbers, search)?;
    }

    if let Some(created) = rejects_file {
        created.keep();
    }
    let no_bases = bases.is_empty();
    Ok(Some(Imported::new(counts, a, shown, problems, no_bases)))
}

/// Completes the search index and the register's last number, appends
/// the audit entry with the ids given (`numbers`: first and last) and
/// commits.
fn commit(
    tx: crate::store::Tx<'_>,
    who: &Who,
    register: Register,
    mut entry: Entry,
    numbers: Option<(i64, i64)>,
    search: Option<bulk::DeferredSearch>,
) -> Result<()> {
    if let Some((first, last)) = numbers {
        let p = register.prefix();
        entry
            .detail
            .push_str(&format!(" ids={p}-{first}..{p}-{last}"));
    }
    if let Some(search) = search {
        search.finish(&tx)?;
    }
    if let Some((_, last)) = numbers {
        bulk::set_last_number(&tx, register, last)?;
    }
    crate::store::audit::append(&tx, &who.operator, &who.now, &entry)?;
    tx.commit()
}

/// The audit entry of an import that wrote nothing, in a transaction of
/// its own.
fn audit_alone(store: &mut Store, who: &Who, entry: &Entry) -> Result<()> {
    let tx = store.begin(Mode::Write)?;
    crate::store::audit::append(&tx, &who.operator, &who.now, entry)?;
    tx.commit()
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
    a: &ImportOptions<'_>,
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
