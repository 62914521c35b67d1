//! What `import` is asked ([`ImportOptions`]), what it answers
//! ([`Imported`]) and how it reports progress ([`Progress`]): the
//! operation's interface, free of clap and of printing.

use std::path::Path;

use serde::Serialize;

use super::{Counts, SHOWN};
use crate::domain::register::Register;
use crate::error::{Error, Problem};
use crate::messages::M;
use crate::ops::bases::NewBasesOptions;

/// What `import` does with a row whose person is already in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnConflict {
    /// The row is invalid (all or nothing: nothing is written).
    Fail,
    /// The row is left out and counted as skipped.
    Skip,
    /// The row's non-empty values are written over the existing record.
    Update,
}

/// The input formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Csv,
    Jsonl,
}

/// The character encoding of a file to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEncoding {
    /// UTF-8, or Windows-1252 when the file is not valid UTF-8.
    Auto,
    /// UTF-8 only: text that is not valid UTF-8 is refused, by line.
    Utf8,
    /// Windows-1252.
    Cp1252,
}

/// What `import` is asked to do (SPEC §4 "Import and export").
pub struct ImportOptions<'a> {
    /// The register the people go into.
    pub register: Register,
    /// The file to read; `-` is standard input (read once: never a bulk
    /// load, and its encoding judged by its first block).
    pub file: &'a Path,
    /// CSV or JSON lines; `None`: by the file's ending, else CSV.
    pub input_format: Option<InputFormat>,
    /// The file's characters (JSON lines are always UTF-8).
    pub encoding: InputEncoding,
    /// The legal bases logged for every new record (may be none: then
    /// [`Imported::no_basis_warning`]).
    pub bases: NewBasesOptions<'a>,
    /// A row whose person (hetu, or e-mail in the register) is there already.
    pub on_conflict: OnConflict,
    /// Write the valid rows even when some are invalid (they go to
    /// `rejects`); the answer is still a failure (exit 3).
    pub skip_invalid: bool,
    /// A new file for every invalid row as it was, with its reason;
    /// refused if it is the input itself.
    pub rejects: Option<&'a Path>,
    /// Check every row and count, writing nothing (but the audit entry).
    pub dry_run: bool,
}

/// How an import tells how far it is: called on the thread that runs
/// [`super::import`], never from the workers. A command draws a bar with
/// it; the operation itself never prints.
pub trait Progress {
    /// A pass over the file begins; `size` is its length in bytes, if known.
    /// A pass may be followed by a second one (a bulk load that met the
    /// same person twice is redone row by row).
    fn start(&mut self, size: Option<u64>);
    /// `rows` read so far, `bytes` of the file up to them.
    fn update(&mut self, rows: u64, bytes: u64);
    /// The rows are all read.
    fn finish(&mut self);
}

/// No progress shown.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&mut self, _: Option<u64>) {}
    fn update(&mut self, _: u64, _: u64) {}
    fn finish(&mut self) {}
}

/// The summary for scripts (SPEC §4): the counts and where the rejects
/// went, in this order.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub read: u64,
    pub inserted: u64,
    pub updated: u64,
    pub skipped: u64,
    pub rejected: u64,
    /// The `--rejects` file as given, or null.
    pub rejects: Option<String>,
}

/// What an import did (or, rolled back, would have done).
#[derive(Debug)]
pub struct Imported {
    pub summary: Summary,
    /// The first invalid rows' problems, for the message (all of them are
    /// in the rejects file).
    pub shown: Vec<Problem>,
    /// How many problems the invalid rows had in all.
    pub problems: u64,
    /// No legal basis was given for the new records.
    pub no_bases: bool,
    pub dry_run: bool,
    pub skip_invalid: bool,
}

impl Imported {
    pub(super) fn new(
        counts: Counts,
        a: &ImportOptions<'_>,
        shown: Vec<Problem>,
        problems: u64,
        no_bases: bool,
    ) -> Imported {
        debug_assert!(shown.len() <= SHOWN);
        Imported {
            summary: Summary {
                read: counts.read,
                inserted: counts.inserted,
                updated: counts.updated,
                skipped: counts.skipped,
                rejected: counts.rejected,
                rejects: a.rejects.map(|p| p.display().to_string()),
            },
            shown,
            problems,
            no_bases,
            dry_run: a.dry_run,
            skip_invalid: a.skip_invalid,
        }
    }

    /// Records were (or would be) written without a legal basis: a gap
    /// (GDPR Art. 6) that `check` lists, worth a warning now (issue #20
    /// point 7); the count of them.
    pub fn no_basis_warning(&self) -> Option<String> {
        (self.no_bases && self.summary.inserted > 0 && !self.dry_run)
            .then(|| M::NoBasisGiven.say(&[&self.summary.inserted]))
    }

    /// The summary line of a table (stderr).
    pub fn summary_line(&self) -> String {
        summary_line(&self.summary, self.dry_run)
    }

    /// Rows were rejected: the error that names them (exit 3).
    pub fn rejected_error(&self) -> Option<Error> {
        (self.summary.rejected > 0).then(|| Error::InvalidRows(self.rejected_message()))
    }

    fn rejected_message(&self) -> String {
        let c = &self.summary;
        let mut out = if self.dry_run {
            M::RowsInvalidDryRun.say(&[&c.rejected, &c.read, &summary_line(c, false)])
        } else if self.skip_invalid {
            M::RowsRejected.say(&[&c.rejected, &c.read, &summary_line(c, false)])
        } else {
            M::RowsInvalid.say(&[&c.rejected, &c.read])
        };
        for p in &self.shown {
            out.push_str("\n  ");
            out.push_str(&p.to_string());
        }
        let more = self.problems.saturating_sub(self.shown.len() as u64);
        if more > 0 {
            out.push_str(&format!("\n  {}", M::AndMore.say(&[&more])));
        }
        match &c.rejects {
            Some(path) => out.push_str(&format!("\n{}", M::RejectsIn.say(&[path]))),
            None if more > 0 => out.push_str(&format!("\n{}", M::RejectsHelp)),
            None => {}
        }
        out
    }
}

fn summary_line(c: &Summary, dry_run: bool) -> String {
    let line = M::Summary.say(&[&c.read, &c.inserted, &c.updated, &c.skipped, &c.rejected]);
    if dry_run {
        M::SummaryDryRun.say(&[&line])
    } else {
        line
    }
}
