//! `export register`, `export subject` and `export audit`: what an
//! auditor, or a data subject (Art. 15 and 20), takes away.

use super::view::record_json;
use super::Session;
use crate::cli::{ExportAuditArgs, ExportRegisterArgs, ExportSubjectArgs};
use crate::domain::date::{format_date, parse_date};
use crate::domain::fields::{fields, Kind};
use crate::domain::register::Register;
use crate::error::{Error, Result};
use crate::messages::R;
use crate::ops::export as ops;
use crate::ops::records::check_request;
use crate::output::{to_map, Format, ListWriter, Output};
use crate::store::audit::{self, Entry};
use crate::store::records;

/// The columns of a register export: id and status, then every field in
/// SPEC §3 order. `import` reads this file back (it skips id and status).
fn register_keys(register: Register) -> Vec<&'static str> {
    let mut keys = vec!["id", "status"];
    keys.extend(fields(register).iter().map(|f| f.name));
    keys
}

pub fn register(session: &mut Session, a: ExportRegisterArgs) -> Result<Output> {
    let register = a.register;
    let format = session.global.format;
    let keys = register_keys(register);
    let hetu_at = fields(register).iter().position(|f| f.kind == Kind::Hetu);
    let quiet = session.global.quiet;
    let mut detail = format!("register={} format={}", register.name(), format.name());
    for (flag, on) in [
        ("include-ended", a.include_ended),
        ("include-restricted", a.include_restricted),
        ("reveal-hetu", a.reveal_hetu),
        ("to-file", session.global.output.is_some()),
    ] {
        if on {
            detail.push(' ');
            detail.push_str(flag);
        }
    }
    let entry = Entry {
        fields: if a.reveal_hetu {
            vec!["hetu".into()]
        } else {
            vec![]
        },
        ..Entry::new("export-register").detail(detail)
    };
    // The --output file was created before the session opened (src/files.rs).
    let dest = session.global.output.take();
    let written_to = dest.as_ref().map(|d| d.path().to_path_buf());
    session.stream(entry, |tx, who| {
        let today = who.today_iso();
        let mut out = ListWriter::new(dest, format, keys, vec![])?;
        records::each_in_register(
            tx,
            register,
            a.include_ended,
            a.include_restricted,
            &today,
            |r| {
                if format == Format::Csv {
                    let id = r.id.to_string();
                    let masked = match (hetu_at.and_then(|i| r.values[i].as_deref()), a.reveal_hetu)
                    {
                        (Some(h), false) => Some(crate::domain::hetu::mask(h)),
                        _ => None,
                    };
                    let status = r.status(&today).name();
                    let values = r.values.iter().enumerate().map(|(i, v)| {
                        if Some(i) == hetu_at && masked.is_some() {
                            masked.as_deref()
                        } else {
                            v.as_deref()
                        }
                    });
                    out.csv_cells([Some(id.as_str()), Some(status)].into_iter().chain(values))
                } else {
                    out.row(record_json(r, &today, a.reveal_hetu))
                }
            },
        )?;
        let n = out.finish()?;
        if let (Some(path), false) = (written_to, quiet) {
            eprintln!("privreg: {}", R::WroteRecords.say(&[&n, &path.display()]));
        }
        Ok(n)
    })
}

pub fn audit(session: &mut Session, a: ExportAuditArgs) -> Result<Output> {
    let since = a
        .since
        .as_deref()
        .map(|s| {
            parse_date(s)
                .map(format_date)
                .map_err(|e| Error::invalid("since", e.0))
        })
        .transpose()?;
    // --until is a whole day: entries before the next day's midnight.
    let until = a
        .until
        .as_deref()
        .map(|s| {
            parse_date(s)
                .map(|d| format_date(d + chrono::Days::new(1)))
                .map_err(|e| Error::invalid("until", e.0))
        })
        .transpose()?;
    let format = session.global.format;
    let keys = vec![
        "seq",
        "at",
        "operator",
        "action",
        "outcome",
        "records",
        "fields",
        "request",
        "rows",
        "detail",
        "prev_hash",
        "hash",
    ];
    let mut detail = format!("format={}", format.name());
    if session.global.output.is_some() {
        detail.push_str(" to-file");
    }
    let dest = session.global.output.take();
    let mut last = None;
    let n = session.stream(Entry::new("export-audit").detail(detail), |tx, _| {
        let mut out = ListWriter::new(dest, format, keys, vec![])?;
        audit::each_between(tx, since.as_deref(), until.as_deref(), |e| {
            last = Some((e.seq, e.hash.clone()));
            out.row(to_map(&e))
        })?;
        out.finish()
    })?;
    // The export ends with the head it reached, as a checkpoint line: on
    // stderr, so that the CSV stays a table `import`-like tools read, and
    // the auditor can keep the line apart from the file (SPEC §7).
    if let Some((seq, hash)) = last {
        let cp = crate::domain::checkpoint::Checkpoint {
            register_id: crate::store::register_id(&session.store.peek()?)?,
            seq,
            hash,
            at: session.who.now.clone(),
        };
        eprintln!("privreg: {}", R::ExportCheckpoint.say(&[&seq, &cp]));
    }
    Ok(n)
}

pub fn subject(session: &mut Session, a: ExportSubjectArgs) -> Result<Output> {
    let format = session.global.format;
    let lang = session.global.lang;
    session.write("export-subject", |tx, who| {
        let request = check_request(tx, a.request.as_deref())?;
        let found = ops::subject_records(tx, a.id, a.hetu.as_deref(), who)?;
        let report = ops::subject_report(tx, who, &found, a.reveal_hetu, lang)?;
        let report = to_map(&report);
        let entry = Entry {
            records: found.iter().map(|r| r.id.to_string()).collect(),
            fields: if a.reveal_hetu {
                vec!["hetu".into()]
            } else {
                vec![]
            },
            request,
            ..Entry::new("export-subject")
                .rows(found.len())
                .detail(format!("format={}", format.name()))
        };
        let out = if format == Format::Markdown {
            Output::Document(super::letter::access_letter(&report))
        } else {
            Output::Object {
                value: report,
                plain: None,
            }
        };
        Ok((out, entry))
    })
}
