//! `export register`, `export subject` and `export audit`: what an
//! auditor, or a data subject (Art. 15 and 20), takes away.

use serde_json::{Map, Value};

use super::records::full_json;
use super::view::{mask_hetu, record_json};
use super::{Session, Who};
use crate::cli::{ExportAuditArgs, ExportRegisterArgs, ExportSubjectArgs};
use crate::domain::basis::Basis;
use crate::domain::date::{format_date, parse_date};
use crate::domain::fields::{fields, Kind};
use crate::domain::hetu::Hetu;
use crate::domain::labels::{basis_title, Lang};
use crate::domain::register::Register;
use crate::error::{Error, Result};
use crate::ops::records::check_request;
use crate::output::{to_map, Format, ListWriter, Output};
use crate::store::audit::{self, Entry};
use crate::store::records::{self, Record};
use crate::store::Tx;

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
                        (Some(h), false) => Some(mask_hetu(h)),
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
            eprintln!("privreg: wrote {n} records to {}", path.display());
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
            register_id: crate::store::register_id(&*session.store.peek()?)?,
            seq,
            hash,
            at: session.who.now.clone(),
        };
        eprintln!(
            "privreg: the export ends at entry {seq}; keep this checkpoint apart from it:\n{cp}"
        );
    }
    Ok(n)
}

/// Rights of the data subject, as the access report and the notice state them.
pub fn rights(lang_fi: bool) -> Vec<(&'static str, &'static str)> {
    if lang_fi {
        vec![
            ("15 artikla", "Oikeus saada pääsy tietoihin: voit pyytää jäljennöksen sinusta käsiteltävistä henkilötiedoista."),
            ("16 artikla", "Oikeus tietojen oikaisemiseen: voit pyytää korjaamaan virheelliset tai täydentämään puutteelliset tiedot."),
            ("17 artikla", "Oikeus tietojen poistamiseen: voit pyytää tietojesi poistamista, ellei laki velvoita säilyttämään niitä."),
            ("18 artikla", "Oikeus käsittelyn rajoittamiseen: voit pyytää, että tietojasi vain säilytetään esimerkiksi oikaisupyynnön selvittämisen ajan."),
            ("20 artikla", "Oikeus siirtää tiedot järjestelmästä toiseen: saat antamasi tiedot koneluettavassa muodossa."),
            ("21 artikla", "Vastustamisoikeus: voit kieltää suoramarkkinoinnin ja profiloinnin milloin tahansa; kielto on ehdoton."),
            ("7 artikla", "Oikeus peruuttaa suostumus milloin tahansa ilman, että se vaikuttaa aiemman käsittelyn lainmukaisuuteen."),
            ("77 artikla", "Oikeus tehdä valitus valvontaviranomaiselle: Tietosuojavaltuutetun toimisto, PL 800, 00531 Helsinki, tietosuoja.fi."),
        ]
    } else {
        vec![
            ("Article 15", "Right of access: you may ask for a copy of the personal data we process about you."),
            ("Article 16", "Right to rectification: you may have inaccurate data corrected and incomplete data completed."),
            ("Article 17", "Right to erasure: you may ask us to erase your data unless the law requires us to keep it."),
            ("Article 18", "Right to restriction: you may ask us only to store your data, e.g. while a correction is checked."),
            ("Article 20", "Right to data portability: you receive the data you gave us in a machine-readable form."),
            ("Article 21", "Right to object: you may object to direct marketing and profiling at any time; the objection is absolute."),
            ("Article 7", "You may withdraw a consent at any time, without affecting processing before the withdrawal."),
            ("Article 77", "Right to lodge a complaint with the supervisory authority: Office of the Data Protection Ombudsman, PO Box 800, 00531 Helsinki, Finland, tietosuoja.fi."),
        ]
    }
}

/// The records of the person named by an id or a hetu, or exit 4.
fn subject_records(tx: &Tx<'_>, a: &ExportSubjectArgs, who: &Who) -> Result<Vec<Record>> {
    let (hetu, email) = match (&a.id, &a.hetu) {
        (Some(id), None) => {
            let r = crate::ops::records::load(tx, *id)?;
            (
                r.get("hetu").map(str::to_string),
                records::email_key(r.get("email")),
            )
        }
        (None, Some(h)) => {
            let h = Hetu::parse(h, who.today).map_err(|e| Error::invalid("hetu", e.0))?;
            (Some(h.as_str().to_string()), None)
        }
        _ => return Err(Error::Usage("give a record id or --hetu".into())),
    };
    let found = records::same_person(tx, hetu.as_deref(), email.as_deref())?;
    if found.is_empty() {
        return Err(Error::NotFound("no records of such a person".into()));
    }
    Ok(found)
}

/// Adds each basis's purpose and legal basis in words, for a reader.
fn titled_bases(tx: &Tx<'_>, record: &mut Map<String, Value>, lang: Lang) -> Result<()> {
    let Some(Value::Array(bases)) = record.get_mut("bases") else {
        return Ok(());
    };
    for b in bases.iter_mut() {
        let Some(obj) = b.as_object_mut() else {
            continue;
        };
        let purpose = obj
            .get("purpose")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let title = crate::store::bases::purpose_title(tx, &purpose, lang == Lang::Fi)?;
        obj.insert("purpose_title".into(), title.unwrap_or(purpose).into());
        let basis = obj.get("basis").and_then(Value::as_str).unwrap_or_default();
        if let Some(b) = Basis::ALL.into_iter().find(|b| b.name() == basis) {
            obj.insert("basis_title".into(), basis_title(b, lang).into());
        }
    }
    Ok(())
}

/// The data subject requests that name any of the person's records.
fn requests_of(tx: &Tx<'_>, ids: &[String]) -> Result<Vec<Value>> {
    let mut out: Vec<crate::store::requests::SubjectRequest> = Vec::new();
    for id in ids {
        for r in crate::store::requests::of_subject(tx, id)? {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    Ok(out
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or_default())
        .collect())
}

/// The access report: every record of the person with its purposes,
/// bases, recipients, retention, preferences and history; the requests;
/// the controller; the rights.
pub fn subject_report(
    tx: &Tx<'_>,
    who: &Who,
    found: &[Record],
    reveal: bool,
) -> Result<Map<String, Value>> {
    let fi = found
        .first()
        .and_then(|r| r.get("language"))
        .is_none_or(|l| l == "fi");
    let mut people = Vec::new();
    for r in found {
        let mut m = full_json(tx, r, who, reveal)?;
        let texts = crate::store::notice::register_texts(tx, r.register(), fi)?;
        let (title, source) = (texts.title, texts.sources);
        m.insert("register_title".into(), title.into());
        titled_bases(tx, &mut m, if fi { Lang::Fi } else { Lang::En })?;
        m.insert("source".into(), source.into());
        people.push(Value::Object(m));
    }
    let ids: Vec<String> = found.iter().map(|r| r.id.to_string()).collect();
    let mut report = Map::new();
    report.insert("generated_on".into(), who.today_iso().into());
    report.insert(
        "controller".into(),
        Value::Object(super::controller::load(tx)?),
    );
    report.insert("records".into(), people.into());
    report.insert("requests".into(), requests_of(tx, &ids)?.into());
    report.insert(
        "rights".into(),
        rights(fi)
            .into_iter()
            .map(|(article, text)| {
                let mut m = Map::new();
                m.insert("article".into(), article.into());
                m.insert("right".into(), text.into());
                Value::Object(m)
            })
            .collect::<Vec<_>>()
            .into(),
    );
    Ok(report)
}

pub fn subject(session: &mut Session, a: ExportSubjectArgs) -> Result<Output> {
    let format = session.global.format;
    session.write("export-subject", |tx, who| {
        let request = check_request(tx, a.request.as_deref())?;
        let found = subject_records(tx, &a, who)?;
        let report = subject_report(tx, who, &found, a.reveal_hetu)?;
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
