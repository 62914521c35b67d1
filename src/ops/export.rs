//! The access report of `export subject` (GDPR Art. 15 and 20): every
//! record of the person with its purposes, bases, recipients, retention,
//! preferences and history; the requests; the controller; the rights.

use serde::Serialize;
use serde_json::{Map, Value};

use super::view::full_json;
use super::Who;
use crate::domain::basis::Basis;
use crate::domain::hetu::Hetu;
use crate::domain::register::RecordId;
use crate::domain::words;
use crate::error::{Error, Result};
use crate::messages::Lang as MsgLang;
use crate::messages::R;
use crate::store::records::{self, Record};
use crate::store::Tx;

/// The records of the person named by a record id or a hetu (one of the
/// two), or exit 4.
pub fn subject_records(
    tx: &Tx<'_>,
    id: Option<RecordId>,
    hetu: Option<&str>,
    who: &Who,
) -> Result<Vec<Record>> {
    let (hetu, email) = match (id, hetu) {
        (Some(id), None) => {
            let r = super::records::load(tx, id)?;
            (
                r.get("hetu").map(str::to_string),
                records::email_key(r.get("email")),
            )
        }
        (None, Some(h)) => {
            let h = Hetu::parse(h, who.today).map_err(|e| Error::invalid("hetu", e.0))?;
            (Some(h.as_str().to_string()), None)
        }
        _ => return Err(Error::Usage(R::ExportUsage.into())),
    };
    let found = records::same_person(tx, hetu.as_deref(), email.as_deref())?;
    if found.is_empty() {
        return Err(Error::NotFound(R::NoSuchPerson.into()));
    }
    Ok(found)
}

/// A basis of the report: as `show` prints it, then its purpose and legal
/// basis in words.
#[derive(Serialize)]
struct TitledBasis {
    #[serde(flatten)]
    basis: Map<String, Value>,
    purpose_title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis_title: Option<String>,
}

/// Adds each basis's purpose and legal basis in words, for a reader.
fn titled_bases(tx: &Tx<'_>, record: &mut Map<String, Value>, lang: MsgLang) -> Result<()> {
    let Some(Value::Array(bases)) = record.get_mut("bases") else {
        return Ok(());
    };
    for b in bases.iter_mut() {
        let Some(basis) = b.as_object_mut().map(std::mem::take) else {
            continue;
        };
        let purpose = basis
            .get("purpose")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let title = match (lang, words::purpose_sv(&purpose)) {
            (MsgLang::Sv, Some(sv)) => Some(sv.to_string()),
            _ => crate::store::bases::purpose_title(tx, &purpose, lang != MsgLang::En)?,
        };
        let named = basis
            .get("basis")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let basis_title = Basis::ALL
            .into_iter()
            .find(|b| b.name() == named)
            .map(|b| words::basis_title(b, lang).to_string());
        *b = serde_json::to_value(TitledBasis {
            basis,
            purpose_title: title.unwrap_or(purpose),
            basis_title,
        })
        .map_err(|e| Error::Internal(e.to_string()))?;
    }
    Ok(())
}

/// The data subject requests that name any of the person's records.
fn requests_of(tx: &Tx<'_>, ids: &[String]) -> Result<Vec<crate::store::requests::SubjectRequest>> {
    let mut out: Vec<crate::store::requests::SubjectRequest> = Vec::new();
    for id in ids {
        for r in crate::store::requests::of_subject(tx, id)? {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// A record of the report: as `show` prints it (its fields are the
/// register's, so a map), then the register's title and the source of
/// its data.
#[derive(Serialize)]
struct PersonView {
    #[serde(flatten)]
    record: Map<String, Value>,
    register_title: String,
    source: String,
}

/// The access report, as `export subject` prints it.
#[derive(Serialize)]
pub struct AccessReport {
    pub generated_on: String,
    pub language: &'static str,
    pub controller: crate::ops::controller::Controller,
    records: Vec<PersonView>,
    requests: Vec<crate::store::requests::SubjectRequest>,
    pub rights: Vec<Value>,
}

/// The access report of the records `found` of one person, with the
/// controller's details. In `lang` (`--lang`), else in the person's own
/// language.
pub fn subject_report(
    tx: &Tx<'_>,
    who: &Who,
    found: &[Record],
    reveal: bool,
    lang: Option<MsgLang>,
) -> Result<AccessReport> {
    let controller = crate::ops::controller::load(tx)?;
    let lang =
        lang.unwrap_or_else(|| MsgLang::of_person(found.first().and_then(|r| r.get("language"))));
    let mut people = Vec::new();
    for r in found {
        let mut record = full_json(tx, r, who, reveal)?;
        let texts = crate::store::notice::register_texts(tx, r.register(), lang != MsgLang::En)?;
        let (register_title, source) = match lang {
            MsgLang::Sv => {
                let (t, s) = words::register_sv(r.register());
                (t.to_string(), s.to_string())
            }
            _ => (texts.title, texts.sources),
        };
        titled_bases(tx, &mut record, lang)?;
        people.push(PersonView {
            record,
            register_title,
            source,
        });
    }
    let ids: Vec<String> = found.iter().map(|r| r.id.to_string()).collect();
    Ok(AccessReport {
        generated_on: who.today_iso(),
        language: lang.code(),
        controller,
        records: people,
        requests: requests_of(tx, &ids)?,
        rights: crate::domain::rights::json(lang),
    })
}
