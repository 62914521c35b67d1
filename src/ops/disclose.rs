//! Logging a disclosure of a record (`disclose`): the Art. 19 list that
//! `correct` and `erase` print, and the notice's recipients. A transfer
//! out of the EU/EEA is allowed only where an adequacy decision covers it
//! (GDPR Art. 45, DOMAIN.md §8); anything else is refused, exit 5.

use chrono::NaiveDate;
use serde::Serialize;

use super::records::load;
use super::Who;
use crate::domain::codes;
use crate::domain::date::{format_date, parse_date};
use crate::domain::register::RecordId;
use crate::domain::transfer::{self, Ground, Refusal};
use crate::error::{Error, Problem, Result};
use crate::messages::{M, R};
use crate::store::audit::Entry;
use crate::store::disclosures::{self, NewDisclosure};
use crate::store::records::Record;
use crate::store::Tx;

/// A disclosure as typed, before [`check`].
pub struct DiscloseInput<'a> {
    pub id: RecordId,
    pub recipient: &'a str,
    /// The category's stored name (`authority`, `processor`, …).
    pub category: &'static str,
    pub data: &'a str,
    /// The basis's stored name.
    pub basis: &'static str,
    /// The country as typed (a code or a name).
    pub country: &'a str,
    pub dpf_certified: bool,
    /// The day of the disclosure as typed; today when absent.
    pub date: Option<&'a str>,
}

/// What `disclose` is asked to log, checked by [`check`].
pub struct DiscloseOptions {
    /// The record disclosed.
    pub id: RecordId,
    /// Who received it: trimmed, not empty.
    pub recipient: String,
    pub category: &'static str,
    /// What was disclosed: trimmed, not empty.
    pub data: String,
    pub basis: &'static str,
    /// The recipient's country, its ISO code.
    pub country: String,
    /// The recipient is certified under the EU-US Data Privacy Framework.
    pub dpf_certified: bool,
    /// The day of the disclosure, `YYYY-MM-DD`, not after today.
    pub date: String,
}

/// A disclosure logged (the JSON of `disclose`).
#[derive(Serialize)]
pub struct Disclosed {
    /// The disclosure's number.
    pub id: i64,
    #[serde(serialize_with = "super::as_text")]
    pub record: RecordId,
    pub recipient: String,
    pub category: &'static str,
    pub data: String,
    pub basis: &'static str,
    pub country: String,
    pub dpf_certified: bool,
    pub disclosed_on: String,
    /// The ground of the transfer in English ([`Ground::describe`]).
    pub transfer: String,
    /// The ground itself, for the plain line.
    #[serde(skip)]
    pub ground: Ground,
}

/// Checks the disclosure's values: every bad one is named at once, none
/// of them echoed.
pub fn check(i: &DiscloseInput<'_>, today: NaiveDate) -> Result<DiscloseOptions> {
    let mut problems = Vec::new();
    let mut text = |field: &str, raw: &str| {
        let t = raw.trim();
        if t.is_empty() {
            problems.push(Problem::new(field, R::RequiredNotBlank));
        }
        t.to_string()
    };
    let recipient = text("recipient", i.recipient);
    let data = text("data", i.data);
    let country = codes::country(i.country).unwrap_or_else(|e| {
        problems.push(Problem::new("country", e.0));
        String::new()
    });
    let date = match i.date.map(parse_date) {
        None => today,
        Some(Ok(d)) if d > today => {
            problems.push(Problem::new("date", M::IsInFuture));
            today
        }
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            problems.push(Problem::new("date", e.0));
            today
        }
    };
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(DiscloseOptions {
        id: i.id,
        recipient,
        category: i.category,
        data,
        basis: i.basis,
        country,
        dpf_certified: i.dpf_certified,
        date: format_date(date),
    })
}

/// Logs a disclosure, with its audit entry; refused for a restricted
/// record and for a transfer without a ground.
pub fn disclose(tx: &Tx<'_>, who: &Who, o: &DiscloseOptions) -> Result<(Disclosed, Entry)> {
    let record = load(tx, o.id)?;
    refuse_if_restricted(&record, &o.date, o.id)?;
    let ground = transfer_ground(tx, &o.country, o.dpf_certified, o.id)?;
    let number = disclosures::insert(
        tx,
        &NewDisclosure {
            record: record.key,
            recipient: &o.recipient,
            category: o.category,
            data: &o.data,
            basis: o.basis,
            country: &o.country,
            dpf_certified: o.dpf_certified,
            disclosed_on: &o.date,
            at: &who.now,
            by: &who.operator,
        },
    )?;
    // Categories, basis and country only: the recipient may be a person,
    // and the data text describes personal data.
    let entry = Entry::new("disclose").record(o.id).rows(1).detail(format!(
        "category={} basis={} country={}",
        o.category, o.basis, o.country
    ));
    let disclosed = Disclosed {
        id: number,
        record: o.id,
        recipient: o.recipient.clone(),
        category: o.category,
        data: o.data.clone(),
        basis: o.basis,
        country: o.country.clone(),
        dpf_certified: o.dpf_certified,
        disclosed_on: o.date.clone(),
        transfer: ground.describe(),
        ground,
    };
    Ok((disclosed, entry))
}

/// Art. 18: a restricted record is only stored. A disclosure made before
/// the restriction may still be logged; a later one is refused (see
/// CHANGELOG for the Art. 18(2) exceptions).
fn refuse_if_restricted(record: &Record, date: &str, id: RecordId) -> Result<()> {
    if let Some(at) = &record.restricted_at {
        let since = at.get(..10).unwrap_or(at);
        if date >= since {
            return Err(Error::RefusedFor {
                record: id,
                logged: None,
                why: R::DiscloseRestricted.say(&[&id, &since]),
            });
        }
    }
    Ok(())
}

/// The ground of a disclosure to `country`: inside the EU/EEA, or an
/// adequacy decision that covers the recipient; anything else is refused.
fn transfer_ground(
    tx: &Tx<'_>,
    country: &str,
    dpf_certified: bool,
    id: RecordId,
) -> Result<Ground> {
    let adequacy = disclosures::adequacy(tx, country)?;
    match transfer::judge(country, adequacy.as_ref(), dpf_certified) {
        Ok(ground) => Ok(ground),
        Err(refusal) => {
            let list =
                disclosures::adequacy_list_date(tx)?.unwrap_or_else(|| R::UnknownListDate.into());
            let why = match refusal {
                Refusal::NoAdequacy => R::NoAdequacy.say(&[&country, &list]),
                Refusal::NotDpfCertified { decision } => {
                    R::NotDpfCertified.say(&[&country, &decision, &list])
                }
            };
            Err(Error::RefusedFor {
                record: id,
                why,
                logged: None,
            })
        }
    }
}
