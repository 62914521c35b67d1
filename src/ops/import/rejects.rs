//! The rejects file of `import`: every rejected row as it was, with why.

use super::*;

/// The `--rejects` file: the rejected rows as they were, with a `reason`.
/// CSV keeps the input's columns and delimiter; JSON lines keep the object
/// and add a `reason` key. The file is a new one of privreg's own
/// (src/files.rs), removed again unless the import keeps it.
pub(super) struct Rejects {
    pub(super) sink: RejectSink,
    pub(super) created: Created,
    /// The header's cells: every CSV row of the file has this many, and
    /// then its reason, so the file stays whole CSV.
    pub(super) width: usize,
}

pub(super) enum RejectSink {
    Csv(Box<csv::Writer<Box<dyn Write>>>),
    Jsonl(Box<dyn Write>),
}

impl Rejects {
    pub(super) fn create(path: &Path, source: &Source, register: &Path) -> Result<Rejects> {
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

    pub(super) fn write(&mut self, line: u64, raw: &Raw, reason: &str) -> Result<()> {
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
                    crate::messages::D::RejectLineCells.say(&[
                        &reason,
                        &line,
                        &(record.len() - width),
                    ])
                } else {
                    crate::messages::D::RejectLine.say(&[&reason, &line])
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
                    .map_err(|e| Error::Storage(crate::messages::R::WritingRejects.say(&[&e])))?;
                w.write_all(b"\n")?;
                Ok(())
            }
            _ => Err(Error::Internal("a row of another format".into())),
        }
    }

    /// Writes out what is buffered; the file is complete.
    pub(super) fn finish(self) -> Result<Created> {
        match self.sink {
            RejectSink::Csv(mut w) => w.flush()?,
            RejectSink::Jsonl(mut w) => w.flush()?,
        }
        Ok(self.created)
    }
}

pub(super) fn write_error(e: csv::Error) -> Error {
    Error::Storage(crate::messages::R::WritingRejects.say(&[&e]))
}
