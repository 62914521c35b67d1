//! Rows of the input after its header, and the reader thread that batches them.

use super::*;

/// serde_json's message without its position (the line is ours).
pub(super) trait ClassifyMessage {
    fn classify_message(&self) -> &'static str;
}

impl ClassifyMessage for serde_json::Error {
    fn classify_message(&self) -> &'static str {
        use crate::messages::{lang, D};
        let key = match self.classify() {
            serde_json::error::Category::Syntax => D::JsonSyntax,
            serde_json::error::Category::Eof => D::JsonEof,
            serde_json::error::Category::Data => D::JsonData,
            serde_json::error::Category::Io => D::JsonIo,
        };
        key.text(lang())
    }
}

/// The rows of a file after its header, one at a time, each with the line
/// it starts on. Blank lines are passed over.
pub(super) enum Rows {
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
    pub(super) fn new(input: BufReader<Input>, source: Source) -> Result<Rows> {
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

    pub(super) fn next(&mut self) -> Result<Option<RawRow>> {
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
    pub(super) fn bytes(&self) -> u64 {
        match self {
            Rows::Csv(reader) => reader.position().byte(),
            Rows::Jsonl { bytes, .. } => *bytes,
            Rows::Empty => 0,
        }
    }
}

/// Reads the file on its own thread and deals the batches out to the
/// workers in turn.
pub(super) fn read_rows(
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
