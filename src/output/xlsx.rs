//! `--format xlsx` (SPEC §12): a listing or an export as an Excel
//! workbook, for office staff whose Excel turns `+358401234567` into a
//! number and `00100` into `100` when it opens a CSV.
//!
//! - One sheet; the header row is bold, frozen, and carries an autofilter.
//! - Every text is a text cell, so identifiers (hetu, phone, postal code,
//!   business id, record and customer numbers) survive as typed; a text
//!   cell is never a formula, so nothing needs the CSV's leading `'`.
//! - Dates (`YYYY-MM-DD`) are Excel dates shown `d.m.yyyy`; times (RFC
//!   3339, UTC in the register) are Excel date-times in Europe/Helsinki,
//!   shown `d.m.yyyy h:mm`, since Excel has no time zones and its reader
//!   is in Finland. Numbers and booleans are numbers and booleans.
//! - Rows are written to the file's worksheet as they come (rust_xlsxwriter's
//!   constant-memory mode, which keeps the sheet's rows in an unnamed
//!   temporary file in the output's own folder until the workbook is
//!   zipped), so a large export does not grow in memory.

use std::fs::File;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use serde_json::{Map, Value};

use crate::domain::fields::{fields, Kind};
use crate::domain::register::Register;
use crate::error::{Error, Result};
use crate::messages::S;

/// Rows of one worksheet, the header included (Excel's limit).
const MAX_ROWS: u32 = 1_048_576;

/// An open workbook being written row by row into `file`.
pub struct Sheet {
    workbook: Workbook,
    file: File,
    keys: Vec<String>,
    /// Per key: a field of free text, never a date (see [`cell_kind`]).
    free_text: Vec<bool>,
    /// The next row to write (0 is the header).
    next: u32,
    date: Format,
    time: Format,
}

impl Sheet {
    /// A workbook whose header row holds `keys`; its rows are kept in a
    /// temporary file in `temp_dir` (the output's folder) until [`Sheet::finish`].
    pub fn new(file: File, temp_dir: &Path, keys: &[String]) -> Result<Sheet> {
        let mut workbook = Workbook::new();
        workbook.set_tempdir(temp_dir).map_err(xlsx_error)?;
        let header = Format::new().set_bold();
        let sheet = workbook.add_worksheet_with_constant_memory();
        sheet.set_name("privreg").map_err(xlsx_error)?;
        for (c, key) in keys.iter().enumerate() {
            let col = column(c)?;
            sheet
                .set_column_width(col, column_width(key))
                .map_err(xlsx_error)?;
            sheet
                .write_string_with_format(0, col, key, &header)
                .map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        Ok(Sheet {
            workbook,
            file,
            keys: keys.to_vec(),
            free_text: keys.iter().map(|k| is_free_text(k)).collect(),
            next: 1,
            date: Format::new().set_num_format("d.m.yyyy"),
            time: Format::new().set_num_format("d.m.yyyy h:mm"),
        })
    }

    /// Writes one row: the values of the header's keys in `row`.
    pub fn row(&mut self, row: &Map<String, Value>) -> Result<()> {
        if self.next >= MAX_ROWS {
            return Err(Error::Usage(S::TooManyRows.say(&[&(MAX_ROWS - 1)])));
        }
        let r = self.next;
        let sheet = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
        for (c, key) in self.keys.iter().enumerate() {
            let col = column(c)?;
            let Some(value) = row.get(key) else { continue };
            let written = match value {
                Value::Null => continue,
                Value::Bool(b) => sheet.write_boolean(r, col, *b).map(|_| ()),
                Value::Number(n) => match n.as_f64() {
                    Some(x) => sheet.write_number(r, col, x).map(|_| ()),
                    None => sheet.write_string(r, col, n.to_string()).map(|_| ()),
                },
                Value::String(s) => match cell_kind(self.free_text[c], s) {
                    CellKind::Date(d) => sheet
                        .write_datetime_with_format(r, col, &d, &self.date)
                        .map(|_| ()),
                    CellKind::Time(t) => sheet
                        .write_datetime_with_format(r, col, &t, &self.time)
                        .map(|_| ()),
                    CellKind::Text => sheet.write_string(r, col, s).map(|_| ()),
                },
                other => sheet
                    .write_string(r, col, super::cell_text(other))
                    .map(|_| ()),
            };
            written.map_err(|e| match e {
                XlsxError::MaxStringLengthExceeded => {
                    Error::invalid(key.clone(), S::CellTooLong.say(&[&r]))
                }
                e => xlsx_error(e),
            })?;
        }
        self.next += 1;
        Ok(())
    }

    /// Rows written so far, the header not counted.
    pub fn rows(&self) -> usize {
        (self.next - 1) as usize
    }

    /// Adds the autofilter over every row written and saves the workbook
    /// into its file. Returns the rows written.
    pub fn finish(mut self) -> Result<usize> {
        let rows = self.rows();
        let last_col = column(self.keys.len().max(1) - 1)?;
        let sheet = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
        sheet
            .autofilter(0, 0, self.next - 1, last_col)
            .map_err(xlsx_error)?;
        let mut out = std::io::BufWriter::new(&mut self.file);
        self.workbook.save_to_writer(&mut out).map_err(xlsx_error)?;
        std::io::Write::flush(&mut out)?;
        drop(out);
        self.file.sync_all()?;
        Ok(rows)
    }
}

/// Writes a whole list (a listing already in memory) as a workbook.
pub fn write_list(
    file: File,
    temp_dir: &Path,
    keys: &[String],
    rows: &[Map<String, Value>],
) -> Result<usize> {
    let mut sheet = Sheet::new(file, temp_dir, keys)?;
    for row in rows {
        sheet.row(row)?;
    }
    sheet.finish()
}

fn column(c: usize) -> Result<u16> {
    // Excel's 16,384 columns; privreg's widest listing has about thirty.
    u16::try_from(c)
        .ok()
        .filter(|c| *c < 16_384)
        .ok_or_else(|| Error::Internal("more columns than Excel holds".into()))
}

/// Wide enough for the header and for most values of its kind.
fn column_width(key: &str) -> f64 {
    let by_kind: usize = match key {
        "email" => 28,
        "street" | "organisation" | "reason" | "detail" | "note" | "law" => 24,
        "hetu" | "phone" | "business_id" | "customer_number" => 15,
        _ => 12,
    };
    by_kind.max(key.chars().count() + 2) as f64
}

enum CellKind {
    Date(ExcelDateTime),
    Time(ExcelDateTime),
    Text,
}

/// Whether `key` names a field of free text in any register.
fn is_free_text(key: &str) -> bool {
    Register::ALL.into_iter().any(|r| {
        fields(r)
            .iter()
            .any(|f| f.name == key && matches!(f.kind, Kind::Text | Kind::LongText))
    })
}

/// Whether a text value is a date, a time or text. The value of a field
/// of free text stays text even when it looks like a date.
fn cell_kind(free_text: bool, text: &str) -> CellKind {
    if free_text {
        return CellKind::Text;
    }
    if text.len() == 10 {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            if let Some(x) = excel_date(d) {
                return CellKind::Date(x);
            }
        }
    }
    if text.len() >= 20 && text.as_bytes().get(10) == Some(&b'T') {
        if let Some(t) = crate::domain::breach::parse_stored(text) {
            let local = t.with_timezone(&chrono_tz::Europe::Helsinki).naive_local();
            if let Some(x) = excel_time(local) {
                return CellKind::Time(x);
            }
        }
    }
    CellKind::Text
}

fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).ok()?,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()
}

fn excel_time(t: chrono::NaiveDateTime) -> Option<ExcelDateTime> {
    use chrono::Timelike;
    excel_date(t.date())?
        .and_hms(
            u16::try_from(t.hour()).ok()?,
            u8::try_from(t.minute()).ok()?,
            f64::from(t.second()),
        )
        .ok()
}

fn xlsx_error(e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(io) => Error::from(io),
        other => Error::Internal(format!("xlsx: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_recognised_and_free_text_is_not() {
        let kind = |key: &str, text: &str| cell_kind(is_free_text(key), text);
        assert!(matches!(
            kind("applied_on", "2026-11-24"),
            CellKind::Date(_)
        ));
        assert!(matches!(
            kind("at", "2026-11-24T10:00:00.000Z"),
            CellKind::Time(_)
        ));
        assert!(matches!(kind("job_title", "2026-11-24"), CellKind::Text));
        assert!(matches!(kind("postal_code", "00100"), CellKind::Text));
        assert!(matches!(kind("phone", "+358401234567"), CellKind::Text));
        assert!(matches!(kind("due", "2026-02-30"), CellKind::Text));
    }
}
