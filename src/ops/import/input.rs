//! Input decoding for `import`: the file or standard input, line-length
//! limits, read errors named by line, and the `Source` (format, header,
//! delimiter) the rows are read with.

use super::*;
use crate::messages::M;

pub(super) type Input = Box<dyn Read + Send>;

pub(super) fn open_input(
    path: &Path,
    stdin: bool,
    encoding: InputEncoding,
) -> Result<(Input, Option<u64>)> {
    if stdin {
        let mut stdin = BufReader::with_capacity(1 << 16, std::io::stdin());
        // Standard input cannot be read twice: judged by its first block.
        let cp1252 = match encoding {
            InputEncoding::Auto => !utf8_so_far(stdin.fill_buf().map_err(read_error)?),
            other => other == InputEncoding::Cp1252,
        };
        return Ok((decoded(stdin, cp1252), None));
    }
    let open = || {
        std::fs::File::open(path)
            .map_err(|e| Error::NotFound(M::CannotRead.say(&[&path.display(), &e])))
    };
    let file = open()?;
    let size = file.metadata().ok().map(|m| m.len());
    let cp1252 = match encoding {
        InputEncoding::Auto => !is_utf8(open()?).map_err(read_error)?,
        other => other == InputEncoding::Cp1252,
    };
    Ok((decoded(file, cp1252), size))
}

/// The input as UTF-8: as it is, or decoded from Windows-1252.
fn decoded(inner: impl Read + Send + 'static, cp1252: bool) -> Input {
    if cp1252 {
        Box::new(LineLimit::new(Cp1252::new(inner)))
    } else {
        Box::new(LineLimit::new(inner))
    }
}

/// Is the whole file valid UTF-8? Read once in blocks before the import
/// (a million-row file in a fraction of a second), so that a Windows-1252
/// file whose first special letter is on its last line is still found.
fn is_utf8(mut r: impl Read) -> std::io::Result<bool> {
    let mut buf = vec![0u8; 1 << 16];
    let mut carry = 0;
    loop {
        let n = match r.read(&mut buf[carry..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(carry == 0);
        }
        let len = carry + n;
        match std::str::from_utf8(&buf[..len]) {
            Ok(_) => carry = 0,
            // A character cut at the block's end: carried to the next.
            Err(e) if e.error_len().is_none() => {
                buf.copy_within(e.valid_up_to()..len, 0);
                carry = len - e.valid_up_to();
            }
            Err(_) => return Ok(false),
        }
    }
}

/// Is this start of a stream UTF-8, but for a character cut at its end?
fn utf8_so_far(block: &[u8]) -> bool {
    match std::str::from_utf8(block) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// A Windows-1252 stream read as UTF-8 (`encoding_rs`). Windows-1252
/// gives every byte a character, so decoding never fails, and line
/// breaks stay where they were: line numbers are the file's.
pub(super) struct Cp1252<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    /// Decoded text not yet read, from `pos`.
    text: Vec<u8>,
    pos: usize,
}

impl<R: Read> Cp1252<R> {
    pub(super) fn new(inner: R) -> Cp1252<R> {
        Cp1252 {
            inner,
            decoder: encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling(),
            raw: vec![0; 1 << 16],
            text: Vec::new(),
            pos: 0,
        }
    }
}

impl<R: Read> Read for Cp1252<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.text.len() {
            let n = self.inner.read(&mut self.raw)?;
            if n == 0 {
                return Ok(0);
            }
            // At most three bytes of UTF-8 per byte (`€` is E2 82 AC).
            self.text.resize(3 * n, 0);
            let (_, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.raw[..n], &mut self.text, false);
            debug_assert_eq!(read, n);
            self.text.truncate(written);
            self.pos = 0;
        }
        let n = out.len().min(self.text.len() - self.pos);
        out[..n].copy_from_slice(&self.text[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The longest physical line read, in bytes. A valid row is far shorter
/// (no cell may pass 10,000 characters, and a multi-line cell spans
/// lines); without a limit, a file of one endless line would be read
/// into memory whole before it could be refused.
pub(super) const MAX_LINE: u64 = 1 << 20;

/// The file as read, refusing a line longer than [`MAX_LINE`].
pub(super) struct LineLimit<R> {
    pub(super) inner: R,
    /// Bytes since the last line break, and line breaks so far.
    pub(super) since_break: u64,
    pub(super) breaks: u64,
}

/// The error a [`LineLimit`] gives, carried inside an `io::Error`.
#[derive(Debug)]
pub(super) struct LineTooLong {
    pub(super) line: u64,
}

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {} is longer than {MAX_LINE} bytes", self.line)
    }
}

impl std::error::Error for LineTooLong {}

impl<R: Read> LineLimit<R> {
    pub(super) fn new(inner: R) -> LineLimit<R> {
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
pub(super) trait ReadFailure: std::fmt::Display {
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

pub(super) fn read_error(e: impl ReadFailure) -> Error {
    let too_long = e
        .io()
        .and_then(|io| io.get_ref())
        .and_then(|inner| inner.downcast_ref::<LineTooLong>());
    match too_long {
        Some(t) => Error::Invalid(vec![Problem {
            line: Some(t.line),
            field: "row".into(),
            reason: crate::messages::D::LineTooLong.say(&[&MAX_LINE]),
        }]),
        None => Error::Storage(crate::messages::R::ReadingImport.say(&[&e])),
    }
}

/// The file (or standard input) to import, opened and decoded, with its
/// size where known and its [`Source`]. A rejects file that is the input
/// itself is refused.
pub(super) fn open_source(
    a: &ImportOptions<'_>,
) -> Result<(BufReader<Input>, Source, Option<u64>)> {
    let stdin = a.file.as_os_str() == "-";
    let format = a.input_format.unwrap_or_else(|| format_of(a.file));
    if let (Some(rejects), false) = (a.rejects, stdin) {
        if same_file(rejects, a.file) {
            return Err(Error::Usage(M::RejectsIsInput.into()));
        }
    }
    // JSON is UTF-8 by its standard (RFC 8259): guessed for CSV only.
    let encoding = match (a.encoding, format) {
        (InputEncoding::Auto, InputFormat::Jsonl) => InputEncoding::Utf8,
        (encoding, _) => encoding,
    };
    let (input, size) = open_input(a.file, stdin, encoding)?;
    let mut input = BufReader::with_capacity(1 << 16, input);
    let source = Source::open(&mut input, format, a.register)?;
    Ok((input, source, size))
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

/// The file's shape, known from its first line: the format, the CSV
/// header and delimiter.
pub(super) struct Source {
    pub(super) format: InputFormat,
    /// CSV: the header cells as written, and what each column holds.
    pub(super) header: Vec<String>,
    pub(super) columns: Vec<Column>,
    pub(super) delimiter: u8,
    /// The first line (the CSV header without a BOM), read already.
    pub(super) first: Vec<u8>,
    /// Nothing but white space in the whole file.
    pub(super) empty: bool,
}

impl Source {
    pub(super) fn open(
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
                return Err(Error::invalid("file", M::JsonArray));
            }
            return Ok(source);
        }
        if blank {
            return Err(Error::Invalid(vec![Problem {
                line: Some(1),
                field: "header".into(),
                reason: M::HeaderRow.into(),
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
        if let Some(column) = record.iter().position(|c| std::str::from_utf8(c).is_err()) {
            return Err(Error::Invalid(vec![Problem {
                line: Some(1),
                field: "header".into(),
                reason: M::ColumnNotUtf8.say(&[&(column + 1)]),
            }]));
        }
        source.header = record
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        source.columns = map_header(register, &source.header)?;
        Ok(source)
    }

    /// The fields the file gives, for the audit entry.
    pub(super) fn field_names(&self, register: Register) -> Vec<String> {
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
pub(super) fn sniff_delimiter(line: &[u8]) -> u8 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_judged_across_blocks_and_cp1252_decodes_every_byte() {
        // `ä` cut by the 64 KiB block boundary is still UTF-8
        let mut text = vec![b'a'; (1 << 16) - 1];
        text.extend_from_slice("ä\n".as_bytes());
        assert!(is_utf8(Cursor::new(&text)).unwrap());
        text.push(0xE4); // a Windows-1252 `ä` at the very end
        assert!(!is_utf8(Cursor::new(&text)).unwrap());
        assert!(!is_utf8(Cursor::new(b"caf\xC3")).unwrap());
        assert!(utf8_so_far(b"caf\xC3") && !utf8_so_far(b"J\xE4r"));

        let mut decoded = String::new();
        Cp1252::new(Cursor::new(b"J\xE4rvinen \x80 \x81\n".to_vec()))
            .read_to_string(&mut decoded)
            .unwrap();
        assert_eq!(decoded, "Järvinen € \u{81}\n");
    }
}
