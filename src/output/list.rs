//! [`ListWriter`]: a long list written row by row as it is produced
//! (exports, marketing lists), to stdout or the `--output` file.

use std::io::{self, Write};

use serde_json::{Map, Value};

use super::{
    cell_text, csv_dialect, csv_writer_in, fit, folder_of, json_error, list_table, xlsx,
    xlsx_needs_a_file, Column, Format,
};
use crate::domain::formula::defuse_formula;
use crate::error::{Error, Result};
use crate::files::{Created, NewFile};

/// Writes a long list row by row as it is produced, so that memory does
/// not grow with it: json (one array), jsonl, csv and xlsx stream; a table
/// needs every row to size its columns, so it gathers them and prints at
/// the end.
pub struct ListWriter {
    format: Format,
    out: Sink,
    keys: Vec<&'static str>,
    table: Vec<Column>,
    gathered: Vec<Map<String, Value>>,
    rows: usize,
    /// The `--output` file being written: kept when the list is finished.
    created: Option<Created>,
    /// The terminal's width, when the list goes to one.
    width: Option<u16>,
}

/// Where a list goes: through one csv writer for the whole list, into a
/// workbook, or as is.
enum Sink {
    Csv(Box<csv::Writer<Box<dyn Write>>>),
    Xlsx(Box<xlsx::Sheet>),
    Plain(Box<dyn Write>),
}

impl Sink {
    fn csv(&mut self) -> Result<&mut csv::Writer<Box<dyn Write>>> {
        match self {
            Sink::Csv(w) => Ok(w),
            _ => Err(Error::Internal("csv row on a list that is not csv".into())),
        }
    }

    fn plain(&mut self) -> Result<&mut dyn Write> {
        match self {
            Sink::Plain(w) => Ok(w),
            _ => Err(Error::Internal("plain output on a csv or xlsx list".into())),
        }
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::from(io),
        other => Error::Internal(format!("csv: {other:?}")),
    }
}

impl ListWriter {
    /// A list to `dest` (the `--output` file) or stdout; `keys` are the row
    /// keys in column order (the csv and xlsx header).
    pub fn new(
        dest: Option<NewFile>,
        format: Format,
        keys: Vec<&'static str>,
        table: Vec<Column>,
    ) -> Result<ListWriter> {
        let (out, created, width): (Box<dyn Write>, _, _) = match dest {
            Some(NewFile { file, created }) if format == Format::Xlsx => {
                let names: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
                let sheet = xlsx::Sheet::new(file, &folder_of(&created), &names)?;
                return Ok(ListWriter {
                    format,
                    out: Sink::Xlsx(Box::new(sheet)),
                    keys,
                    table,
                    gathered: Vec::new(),
                    rows: 0,
                    created: Some(created),
                    width: None,
                });
            }
            Some(NewFile { file, created }) => (
                Box::new(io::BufWriter::with_capacity(1 << 16, file)),
                Some(created),
                None,
            ),
            None if format == Format::Xlsx => return Err(xlsx_needs_a_file()),
            None => (stdout_box(), None, fit::terminal_width()),
        };
        ListWriter::with_writer(out, format, keys, table, created, width)
    }

    /// A list in a text format into `out`, for the tests.
    #[cfg(test)]
    pub(super) fn to(
        out: Box<dyn Write>,
        format: Format,
        keys: Vec<&'static str>,
    ) -> Result<ListWriter> {
        ListWriter::with_writer(out, format, keys, vec![], None, None)
    }

    fn with_writer(
        out: Box<dyn Write>,
        format: Format,
        keys: Vec<&'static str>,
        table: Vec<Column>,
        created: Option<Created>,
        width: Option<u16>,
    ) -> Result<ListWriter> {
        let out = if format == Format::Csv {
            Sink::Csv(Box::new(csv_writer_in(out, csv_dialect())?))
        } else {
            Sink::Plain(out)
        };
        let mut w = ListWriter {
            format,
            out,
            keys,
            table,
            gathered: Vec::new(),
            rows: 0,
            created,
            width,
        };
        if format == Format::Csv {
            let keys = w.keys.clone();
            w.out.csv()?.write_record(&keys).map_err(csv_error)?;
        }
        Ok(w)
    }

    pub fn row(&mut self, row: Map<String, Value>) -> Result<()> {
        match self.format {
            Format::Json => {
                let out = self.out.plain()?;
                out.write_all(if self.rows == 0 { b"[\n  " } else { b",\n  " })?;
                serde_json::to_writer(&mut *out, &row).map_err(json_error)?;
            }
            Format::Jsonl => {
                let out = self.out.plain()?;
                serde_json::to_writer(&mut *out, &row).map_err(json_error)?;
                out.write_all(b"\n")?;
            }
            Format::Csv => {
                let w = self.out.csv()?;
                for k in &self.keys {
                    let text = cell_text(row.get(*k).unwrap_or(&Value::Null));
                    w.write_field(defuse_formula(&text).as_bytes())
                        .map_err(csv_error)?;
                }
                w.write_record(None::<&[u8]>).map_err(csv_error)?;
            }
            Format::Xlsx => match &mut self.out {
                Sink::Xlsx(sheet) => sheet.row(&row)?,
                _ => return Err(Error::Internal("xlsx row on a list that is not".into())),
            },
            Format::Table | Format::Markdown => self.gathered.push(row),
        }
        self.rows += 1;
        Ok(())
    }

    /// A csv row straight from its cells, in `keys` order: the fast path
    /// of exports (no JSON object per row). Only for `Format::Csv`.
    pub fn csv_cells<'a>(
        &mut self,
        cells: impl IntoIterator<Item = Option<&'a str>>,
    ) -> Result<()> {
        let w = self.out.csv()?;
        for cell in cells {
            let text = cell.unwrap_or("");
            w.write_field(defuse_formula(text).as_bytes())
                .map_err(csv_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(csv_error)?;
        self.rows += 1;
        Ok(())
    }

    /// Closes the list (an `--output` file is kept from now on); returns
    /// how many rows were written.
    pub fn finish(mut self) -> Result<usize> {
        let rows = self.rows;
        let created = self.created.take();
        match self.out {
            Sink::Xlsx(sheet) => {
                sheet.finish()?;
            }
            Sink::Csv(mut w) => w.flush()?,
            Sink::Plain(mut out) => {
                match self.format {
                    Format::Json if rows == 0 => out.write_all(b"[]\n")?,
                    Format::Json => out.write_all(b"\n]\n")?,
                    Format::Table | Format::Markdown => {
                        let table = list_table(&self.gathered, &self.table, self.width);
                        writeln!(out, "{table}")?;
                    }
                    Format::Jsonl | Format::Csv | Format::Xlsx => {}
                }
                out.flush()?;
            }
        }
        if let Some(created) = created {
            created.keep();
        }
        Ok(rows)
    }
}

/// Standard output, buffered, for a [`ListWriter`].
pub fn stdout_box() -> Box<dyn Write> {
    Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout()))
}
