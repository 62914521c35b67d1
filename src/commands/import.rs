//! `import`: the adapter of `ops::import` (many people into one register
//! from a CSV or JSON-lines file, SPEC §4): the arguments as options, a
//! progress bar on a terminal, and the answer as output.

use crate::cli::{self, ImportArgs};
use crate::error::Result;
use crate::messages::{D, M};
use crate::ops::import::{ImportOptions, Imported, InputEncoding, InputFormat, OnConflict};
use crate::output::{to_map, Format, Output};

use super::Session;

pub fn run(session: &mut Session, a: ImportArgs) -> Result<Output> {
    let options = ImportOptions {
        register: a.register,
        file: &a.file,
        input_format: a.input_format.map(|f| match f {
            cli::InputFormat::Csv => InputFormat::Csv,
            cli::InputFormat::Jsonl => InputFormat::Jsonl,
        }),
        encoding: match a.encoding {
            cli::InputEncoding::Auto => InputEncoding::Auto,
            cli::InputEncoding::Utf8 => InputEncoding::Utf8,
            cli::InputEncoding::Cp1252 => InputEncoding::Cp1252,
        },
        bases: a.bases.options(),
        on_conflict: match a.on_conflict {
            cli::OnConflict::Fail => OnConflict::Fail,
            cli::OnConflict::Skip => OnConflict::Skip,
            cli::OnConflict::Update => OnConflict::Update,
        },
        skip_invalid: a.skip_invalid,
        rejects: a.rejects.as_deref(),
        dry_run: a.dry_run,
    };
    let mut bar = Bar::new(session.global.quiet);
    let (store, who) = (&mut session.store, &session.who);
    let imported = crate::ops::import::import(store, who, &session.db, &options, &mut bar)?;
    answer(session, &imported)
}

/// In a table, the summary line on stderr; else the counts and the rejects
/// file on stdout (SPEC §4), also when rows were rejected with
/// `--skip-invalid` (then exit 3 all the same).
fn answer(session: &Session, imported: &Imported) -> Result<Output> {
    let quiet = session.global.quiet;
    let table = session.global.format == Format::Table;
    if let (Some(warning), false) = (imported.no_basis_warning(), quiet) {
        eprintln!("privreg: {}: {warning}", M::WarningPrefix);
    }
    let value = to_map(&imported.summary);
    if let Some(error) = imported.rejected_error() {
        // Issue #20 point 7: rows were written (or would have been, in a
        // dry run), so a script asking for json gets the summary on stdout
        // too; stderr keeps the message and the exit code stays 3.
        if imported.skip_invalid && !table {
            return Ok(Output::ThenFail(Box::new(Output::Done(value)), error));
        }
        return Err(error);
    }
    let summary = imported.summary_line();
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

/// A progress bar on stderr (rows, rows/s, ETA) when it is a terminal and
/// not `--quiet`. The ETA comes from the share of the file's bytes read.
struct Bar {
    quiet: bool,
    bar: Option<indicatif::ProgressBar>,
    size: Option<u64>,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        Bar {
            quiet,
            bar: None,
            size: None,
        }
    }
}

impl crate::ops::import::Progress for Bar {
    fn start(&mut self, size: Option<u64>) {
        use std::io::IsTerminal;
        self.size = size;
        if self.quiet || !std::io::stderr().is_terminal() {
            return;
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        // indicatif's places in braces; the words from the catalogue.
        let (rows, eta) = (D::ProgressRows, D::ProgressEta);
        let template = if size.is_some() {
            format!("{{spinner}} {{elapsed_precise}} {{wide_bar}} {{human_pos}}/~{{human_len}} {rows} ({{per_sec}}, {eta} {{eta}})")
        } else {
            format!("{{spinner}} {{elapsed_precise}} {{human_pos}} {rows} ({{per_sec}})")
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        self.bar = Some(bar);
    }

    fn update(&mut self, rows: u64, bytes: u64) {
        let Some(bar) = &self.bar else { return };
        if let (Some(size), true) = (self.size, bytes > 0) {
            let estimate = (rows as u128 * size as u128 / bytes as u128) as u64;
            bar.set_length(estimate.max(rows));
        }
        bar.set_position(rows);
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
