//! The notification of a breach to the Data Protection Ombudsman as data
//! (GDPR Art. 33(3)(a)–(d), the json of `export breach`), in the order of
//! the Ombudsman's form; `commands/breach_letter.rs` writes it out.
//! Counts and register names only: no record ids, no personal values.

use chrono::NaiveDate;
use serde::Serialize;

use super::controller::{self, Controller};
use crate::domain::labels::Lang;
use crate::domain::register::{RecordId, Register};
use crate::error::{Error, Result};
use crate::store::breaches::Breach;
use crate::store::Tx;

/// The Ombudsman's form, field by field in the form's order.
#[derive(Debug, Serialize)]
pub struct AuthorityForm {
    pub breach: String,
    pub generated_on: String,
    pub language: &'static str,
    /// 33(3)(b): who notifies, and the contact point.
    pub controller: Controller,
    pub client: Option<String>,
    pub client_notified_at: Option<String>,
    /// 33(3)(a): the nature of the breach.
    pub aware_at: String,
    pub nature: Vec<String>,
    pub description: String,
    /// 33(3)(a): categories and approximate numbers of people and records.
    pub records_by_register: Vec<RegisterCount>,
    pub records_total: i64,
    pub approx_subjects: i64,
    /// `estimate` when given, else `records-named`.
    pub approx_subjects_from: &'static str,
    pub data: Option<String>,
    /// 33(3)(c), (d) and the assessment they come from.
    pub risk: Option<String>,
    pub risk_reason: Option<String>,
    pub consequences: Option<String>,
    pub measures: Option<String>,
    /// Art. 34: the people informed.
    pub subjects_notified_at: Option<String>,
    pub letters: Option<i64>,
    /// 33(1): timing.
    pub notify_by: String,
    pub authority_notified_at: Option<String>,
    pub authority_reference: Option<String>,
    pub late_reason: Option<String>,
}

/// A register's records in the breach, with the register's title and
/// whom it holds (33(3)(a): categories of people, numbers of records).
#[derive(Debug, Serialize)]
pub struct RegisterCount {
    pub register: String,
    pub title: String,
    pub subjects: String,
    pub records: i64,
}

/// The form of breach `b` in `lang`, dated `today`.
pub fn authority_form(
    tx: &Tx<'_>,
    b: &Breach,
    lang: Lang,
    today: NaiveDate,
) -> Result<AuthorityForm> {
    let a = b.assessment();
    Ok(AuthorityForm {
        breach: b.id.to_string(),
        generated_on: today.format("%Y-%m-%d").to_string(),
        language: lang.code(),
        controller: controller::load(tx)?,
        client: b.client.clone(),
        client_notified_at: b.client_at.clone(),
        aware_at: b.aware_at.clone(),
        nature: b.nature.clone(),
        description: b.description.clone(),
        records_by_register: categories(tx, b, lang == Lang::Fi)?,
        records_total: b.records.len() as i64,
        approx_subjects: b.approx_subjects.unwrap_or(b.records.len() as i64),
        approx_subjects_from: if b.approx_subjects.is_some() {
            "estimate"
        } else {
            "records-named"
        },
        data: b.data.clone(),
        risk: a.map(|a| a.risk.clone()),
        risk_reason: a.map(|a| a.reason.clone()),
        consequences: a.and_then(|a| a.consequences.clone()),
        measures: a.and_then(|a| a.measures.clone()),
        subjects_notified_at: b.subjects_at.clone(),
        letters: b.letters,
        notify_by: b.notify_by.clone(),
        authority_notified_at: b.authority_at.clone(),
        authority_reference: b.authority_reference.clone(),
        late_reason: b.late_reason.clone(),
    })
}

/// The breach's records counted by register, in the order first named.
fn categories(tx: &Tx<'_>, b: &Breach, fi: bool) -> Result<Vec<RegisterCount>> {
    let mut by_register: Vec<(String, i64)> = Vec::new();
    for r in &b.records {
        let Ok(id) = r.parse::<RecordId>() else {
            continue;
        };
        let name = id.register.name().to_string();
        match by_register.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => by_register.push((name, 1)),
        }
    }
    let mut categories = Vec::new();
    for (register, records) in by_register {
        let texts = crate::store::notice::register_texts(tx, register_of(&register)?, fi)?;
        categories.push(RegisterCount {
            register,
            title: texts.title,
            subjects: texts.subjects,
            records,
        });
    }
    Ok(categories)
}

fn register_of(name: &str) -> Result<Register> {
    name.parse()
        .map_err(|_| Error::Storage(crate::messages::D::NoRegisterNamed.say(&[&name])))
}
