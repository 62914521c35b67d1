//! What goes to stdout: commands return an [`Output`] (rows as JSON
//! objects, with a table layout), and this module renders it once in the
//! format asked for. stdout carries data only; diagnostics go to stderr.

use std::io::{self, Write};

use comfy_table::Color;
use serde_json::{Map, Value};

use crate::domain::formula::defuse_formula;
use crate::error::{Error, Result};
use crate::files::{Created, NewFile};
use crate::messages::S;

pub mod fit;
mod list;
pub mod xlsx;

pub use list::{stdout_box, ListWriter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
    /// An Excel workbook, written to `--output FILE` only (SPEC §12).
    Xlsx,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Xlsx => "xlsx",
        }
    }
}

/// How privreg writes CSV (SPEC §12): `standard` is RFC 4180 with `,`
/// and LF; `excel-fi` is what Finnish Excel opens as columns: `;`, a
/// UTF-8 byte order mark and CRLF. `import` reads both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvDialect {
    #[default]
    Standard,
    ExcelFi,
}

/// The dialect of every CSV this process writes, set once from the
/// global `--csv-dialect` before any output (a process-wide setting, like
/// the colour choice, so that no renderer needs it threaded through).
static CSV_DIALECT: std::sync::OnceLock<CsvDialect> = std::sync::OnceLock::new();

/// Sets the CSV dialect for this process; the first call wins.
pub fn set_csv_dialect(dialect: CsvDialect) {
    let _ = CSV_DIALECT.set(dialect);
}

fn csv_dialect() -> CsvDialect {
    CSV_DIALECT.get().copied().unwrap_or_default()
}

/// A CSV writer in `dialect`; with `excel-fi` the byte order mark is
/// written first.
fn csv_writer_in<W: Write>(mut out: W, dialect: CsvDialect) -> Result<csv::Writer<W>> {
    let mut b = csv::WriterBuilder::new();
    b.buffer_capacity(1 << 16);
    if dialect == CsvDialect::ExcelFi {
        out.write_all(b"\xEF\xBB\xBF")?;
        b.delimiter(b';').terminator(csv::Terminator::CRLF);
    }
    Ok(b.from_writer(out))
}

/// The formats of listings and single objects.
pub const DATA_FORMATS: &[Format] = &[
    Format::Table,
    Format::Json,
    Format::Jsonl,
    Format::Csv,
    Format::Xlsx,
];

/// The format to use: the one asked for, if the command can produce it.
pub fn choose(asked: Option<Format>, default: Format, allowed: &[Format]) -> Result<Format> {
    let f = asked.unwrap_or(default);
    if allowed.contains(&f) {
        Ok(f)
    } else {
        let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
        Err(Error::Usage(
            S::CannotProduceFormat.say(&[&f.name(), &names.join(", ")]),
        ))
    }
}

/// A column of a table: its heading (in English; shown in the run's
/// language, `messages::heading`) and the key of the row object.
pub type Column = (&'static str, &'static str);

/// A column for each key, headed by the key itself.
pub fn columns(keys: &[&'static str]) -> Vec<Column> {
    keys.iter().map(|&key| (key, key)).collect()
}

/// What a command prints.
pub enum Output {
    /// What a command that changes something did, for scripts: one object
    /// in json and jsonl, one row in csv (SPEC §1: stdout holds one JSON
    /// document); nothing in a table, where the command says it on stderr.
    Done(Map<String, Value>),
    /// A list of objects: an array in json, one per line in jsonl, rows in
    /// csv (columns: the union of keys), and `table` columns in a table.
    List {
        rows: Vec<Map<String, Value>>,
        table: Vec<Column>,
    },
    /// One object: as is in json/jsonl, one row in csv; in a table, the
    /// `plain` text if there is one, else a two-column table of its scalar
    /// values followed by a titled table for each array value.
    Object {
        value: Map<String, Value>,
        plain: Option<String>,
    },
    /// A document already rendered (markdown).
    Document(String),
    /// Already written by a [`ListWriter`] as it was produced.
    Streamed,
    /// Data for scripts, and then a failure for the exit code: what an
    /// `import --skip-invalid` that rejected rows wrote (exit 3).
    ThenFail(Box<Output>, Error),
}

/// Colour only on a terminal, and never with NO_COLOR.
pub fn colour_allowed() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

/// Prints to stdout, or into the file of `--output` (created new by
/// [`NewFile`]; kept only when all of it was written). A reader that went
/// away (`| head`) is not an error. An Excel workbook is binary: it goes
/// to a file only.
pub fn print(output: Output, format: Format, dest: Option<NewFile>) -> Result<()> {
    if matches!(output, Output::Streamed) {
        // Written as it was produced (a command that streams takes the
        // `--output` file, if any).
        return Ok(());
    }
    let Some(NewFile { file, created }) = dest else {
        if format == Format::Xlsx {
            return Err(xlsx_needs_a_file());
        }
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        render_to(&mut out, output, format, fit::terminal_width())?;
        out.flush()?;
        return Ok(());
    };
    if format == Format::Xlsx {
        let (keys, rows) = sheet_rows(output)?;
        xlsx::write_list(file, &folder_of(&created), &keys, &rows)?;
    } else {
        let mut out = io::BufWriter::new(file);
        render_to(&mut out, output, format, None)?;
        out.flush()?;
        out.into_inner()
            .map_err(|e| Error::from(e.into_error()))?
            .sync_all()?;
    }
    created.keep();
    Ok(())
}

/// The refusal of `--format xlsx` without `--output` (exit 2).
pub fn xlsx_needs_a_file() -> Error {
    Error::Usage(S::XlsxNeedsFile.into())
}

/// The folder of a file being written: where its temporary parts go.
fn folder_of(created: &Created) -> std::path::PathBuf {
    match created.path().parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    }
}

/// The columns of a workbook and its rows.
type Sheet = (Vec<String>, Vec<Map<String, Value>>);

/// The columns and rows of a workbook: a list as its CSV has them, one
/// object (or what a command did) as one row of its scalar values.
fn sheet_rows(output: Output) -> Result<Sheet> {
    match output {
        Output::List { rows, table } => {
            let keys = if rows.is_empty() {
                table.iter().map(|(_, key)| key.to_string()).collect()
            } else {
                union_keys(&rows)
            };
            Ok((keys, rows))
        }
        Output::Object { value, .. } | Output::Done(value) => {
            let row = without_hints(value);
            Ok((row.keys().cloned().collect(), vec![row]))
        }
        Output::ThenFail(output, _) => sheet_rows(*output),
        Output::Document(_) | Output::Streamed => Err(Error::Usage(S::CannotProduceXlsx.into())),
    }
}

pub fn render(out: &mut dyn Write, output: Output, format: Format) -> Result<()> {
    render_to(out, output, format, None)
}

/// [`render`] with tables fitted to `width` (a terminal's), if given.
fn render_to(
    out: &mut dyn Write,
    output: Output,
    format: Format,
    width: Option<u16>,
) -> Result<()> {
    match (output, format) {
        (Output::Streamed, _) | (Output::Done(_), Format::Table | Format::Markdown) => {}
        (Output::ThenFail(output, _), format) => return render_to(out, *output, format, width),
        (_, Format::Xlsx) => return Err(xlsx_needs_a_file()),
        (Output::Done(value), format) => {
            return render_to(out, Output::Object { value, plain: None }, format, width)
        }
        (Output::Document(text), _) => {
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                writeln!(out)?;
            }
        }
        (Output::List { rows, .. }, Format::Json) => {
            let rows: Vec<Map<String, Value>> = rows.into_iter().map(without_hints).collect();
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(json_error)?;
            writeln!(out)?;
        }
        (Output::List { rows, .. }, Format::Jsonl) => {
            for row in rows {
                serde_json::to_writer(&mut *out, &without_hints(row)).map_err(json_error)?;
                writeln!(out)?;
            }
        }
        (Output::List { rows, table }, Format::Csv) => write_csv(out, &rows, &table)?,
        (Output::List { rows, table }, _) => {
            writeln!(out, "{}", list_table(&rows, &table, width))?;
        }
        (Output::Object { value, .. }, Format::Json) => {
            serde_json::to_writer_pretty(&mut *out, &without_hints(value)).map_err(json_error)?;
            writeln!(out)?;
        }
        (Output::Object { value, .. }, Format::Jsonl) => {
            serde_json::to_writer(&mut *out, &without_hints(value)).map_err(json_error)?;
            writeln!(out)?;
        }
        (Output::Object { value, .. }, Format::Csv) => write_csv(out, &[value], &[])?,
        (
            Output::Object {
                plain: Some(text), ..
            },
            _,
        ) => writeln!(out, "{text}")?,
        (Output::Object { value, plain: None }, _) => write_object_tables(out, &value, width)?,
    }
    Ok(())
}

/// A row without the keys that begin with `_`: hints for the table
/// renderer (`_colour_<key>`, preformatted cells), not data.
fn without_hints(mut row: Map<String, Value>) -> Map<String, Value> {
    row.retain(|k, _| !k.starts_with('_'));
    row
}

fn json_error(e: serde_json::Error) -> Error {
    if e.is_io() {
        Error::from(io::Error::from(e))
    } else {
        Error::Internal(format!("json: {e}"))
    }
}

/// A serialisable value (a struct with named fields) as a JSON object for
/// a row of output; anything else gives an empty object.
pub fn to_map<T: serde::Serialize>(v: &T) -> Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// A cell's text: strings as they are, null empty, a list of strings (a
/// request's subjects) separated by spaces, the rest as JSON.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}

/// A cell's text in a table: as [`cell_text`], with a time (RFC 3339,
/// UTC in the register and in JSON) shown in Europe/Helsinki (SPEC §12).
pub fn table_text(v: &Value) -> String {
    if let Value::String(s) = v {
        if s.len() >= 20 && s.as_bytes().get(10) == Some(&b'T') {
            if let Some(t) = crate::domain::breach::parse_stored(s) {
                return crate::domain::breach::format_local(t);
            }
        }
    }
    cell_text(v)
}

fn list_table(rows: &[Map<String, Value>], columns: &[Column], width: Option<u16>) -> String {
    if rows.is_empty() {
        return crate::messages::S::NoneListed.to_string();
    }
    let styled = colour_allowed() && width.is_some();
    // Headings in the run's language (SPEC §12); the keys stay.
    let headers: Vec<(String, String)> = columns
        .iter()
        .map(|(h, k)| (crate::messages::heading(h).to_string(), k.to_string()))
        .collect();
    let cells: Vec<Vec<fit::TableCell>> = rows
        .iter()
        .map(|row| {
            columns
                .iter()
                .map(|(_, key)| {
                    // A row may ask for a colour for one of its cells (overdue dates).
                    let colour = match row.get(&format!("_colour_{key}")).and_then(Value::as_str) {
                        Some("red") => Some(Color::Red),
                        Some("yellow") => Some(Color::Yellow),
                        _ => None,
                    };
                    fit::TableCell {
                        text: table_text(row.get(*key).unwrap_or(&Value::Null)),
                        colour,
                    }
                })
                .collect()
        })
        .collect();
    let (text, left_out) = fit::render(&headers, true, &cells, width, styled);
    if !left_out.is_empty() {
        eprintln!("privreg: {}", S::LeftOut.say(&[&left_out.join(", ")]));
    }
    text
}

fn write_object_tables(
    out: &mut dyn Write,
    value: &Map<String, Value>,
    width: Option<u16>,
) -> Result<()> {
    let cells: Vec<Vec<fit::TableCell>> = value
        .iter()
        .filter(|(k, v)| !v.is_array() && !v.is_object() && !k.starts_with('_'))
        .map(|(k, v)| {
            vec![
                fit::TableCell {
                    text: crate::messages::heading(k).to_string(),
                    colour: None,
                },
                fit::TableCell {
                    text: table_text(v),
                    colour: None,
                },
            ]
        })
        .collect();
    // The two columns need no heading.
    let headers = [
        ("field".to_string(), "field".to_string()),
        ("value".to_string(), "value".to_string()),
    ];
    let styled = colour_allowed() && width.is_some();
    let (text, _) = fit::render(&headers, false, &cells, width, styled);
    writeln!(out, "{text}")?;
    for (k, v) in value {
        match v {
            Value::Array(items) if !items.is_empty() => {
                writeln!(out, "\n{}:", crate::messages::heading(k))?;
                let rows: Vec<Map<String, Value>> = items
                    .iter()
                    .map(|i| match i {
                        Value::Object(m) => m.clone(),
                        other => {
                            let mut m = Map::new();
                            m.insert("value".into(), other.clone());
                            m
                        }
                    })
                    .collect();
                let keys = union_keys(&rows);
                let columns: Vec<Column> = keys.iter().map(|k| (leak(k), leak(k))).collect();
                writeln!(out, "{}", list_table(&rows, &columns, width))?;
            }
            Value::Object(inner) => {
                writeln!(out, "\n{}:", crate::messages::heading(k))?;
                write_object_tables(out, inner, width)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Column names live as long as the process; tables are printed once.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

fn union_keys(rows: &[Map<String, Value>]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for row in rows {
        for k in row.keys() {
            if !k.starts_with('_') && !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    keys
}

/// An empty list still gets its header (the table's columns), so that a
/// script reading the file finds the columns it expects.
fn write_csv(out: &mut dyn Write, rows: &[Map<String, Value>], table: &[Column]) -> Result<()> {
    let keys = if rows.is_empty() {
        table.iter().map(|(_, key)| key.to_string()).collect()
    } else {
        union_keys(rows)
    };
    let mut w = csv_writer_in(out, csv_dialect())?;
    let csv_err = |e: csv::Error| Error::Storage(S::WritingCsv.say(&[&e]));
    w.write_record(&keys).map_err(csv_err)?;
    for row in rows {
        w.write_record(keys.iter().map(|k| {
            let text = cell_text(row.get(k).unwrap_or(&Value::Null));
            defuse_formula(&text).into_owned()
        }))
        .map_err(csv_err)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(pairs: &[(&str, Value)]) -> Map<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn rendered(output: Output, format: Format) -> String {
        let mut buf = Vec::new();
        render(&mut buf, output, format).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn empty_list_is_an_empty_json_array() {
        let out = rendered(
            Output::List {
                rows: vec![],
                table: vec![],
            },
            Format::Json,
        );
        assert_eq!(out.trim(), "[]");
    }

    #[test]
    fn csv_defuses_formulas_and_unions_keys() {
        let rows = vec![
            obj(&[("a", "=1+1".into()), ("b", Value::Null)]),
            obj(&[("a", "x".into()), ("c", true.into())]),
        ];
        let out = rendered(
            Output::List {
                rows,
                table: vec![],
            },
            Format::Csv,
        );
        assert_eq!(out, "a,b,c\n'=1+1,,\nx,,true\n");
    }

    #[test]
    fn table_hints_stay_out_of_json_and_csv() {
        let rows = || {
            vec![obj(&[
                ("due", "2026-11-01".into()),
                ("_colour_due", "red".into()),
                ("_subjects", "C-1, C-2".into()),
            ])]
        };
        let list = || Output::List {
            rows: rows(),
            table: vec![("due", "due"), ("subjects", "_subjects")],
        };
        for format in [Format::Json, Format::Jsonl, Format::Csv] {
            let out = rendered(list(), format);
            assert!(!out.contains("_colour") && !out.contains("red"), "{out}");
            assert!(!out.contains("C-1, C-2"), "{out}");
        }
        let table = rendered(list(), Format::Table);
        assert!(table.contains("C-1, C-2"), "{table}");
        let object = rendered(
            Output::Object {
                value: rows().remove(0),
                plain: None,
            },
            Format::Json,
        );
        assert!(!object.contains("_colour"), "{object}");
    }

    #[test]
    fn list_writer_streams_valid_json_and_csv() {
        use std::sync::{Arc, Mutex};
        #[derive(Clone, Default)]
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        for (format, rows, want) in [
            (Format::Json, 0, "[]\n"),
            (
                Format::Json,
                2,
                "[\n  {\"a\":\"=x\",\"b\":1},\n  {\"a\":\"=x\",\"b\":1}\n]\n",
            ),
            (Format::Csv, 1, "a,b\n'=x,1\n"),
            (Format::Jsonl, 1, "{\"a\":\"=x\",\"b\":1}\n"),
        ] {
            let buf = Shared::default();
            let mut w = ListWriter::to(Box::new(buf.clone()), format, vec!["a", "b"]).unwrap();
            for _ in 0..rows {
                w.row(obj(&[("a", "=x".into()), ("b", 1.into())])).unwrap();
            }
            assert_eq!(w.finish().unwrap(), rows);
            let got = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
            assert_eq!(got, want, "{format:?}");
        }
    }

    #[test]
    fn excel_fi_dialect_has_bom_semicolons_and_crlf() {
        let mut buf = Vec::new();
        {
            let mut w = csv_writer_in(&mut buf, CsvDialect::ExcelFi).unwrap();
            w.write_record(["a", "b;c"]).unwrap();
            w.write_record(["+358401234567", "00100"]).unwrap();
            w.flush().unwrap();
        }
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "\u{feff}a;\"b;c\"\r\n+358401234567;00100\r\n"
        );
    }

    #[test]
    fn unsupported_format_is_a_usage_error() {
        let e = choose(Some(Format::Markdown), Format::Table, DATA_FORMATS).unwrap_err();
        assert_eq!(e.exit_code(), 2);
    }
}
