//! `disclose ID --recipient --category --data --basis [--country]
//! [--dpf-certified] [--date]`: logs a disclosure of a record (the Art. 19
//! list that `correct` and `erase` print, and the notice's recipients).
//! A transfer out of the EU/EEA is allowed only where an adequacy decision
//! covers it (GDPR Art. 45, DOMAIN.md §8); anything else is refused, exit 5.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::Session;
use crate::cli::DiscloseArgs;
use crate::domain::codes;
use crate::domain::date::{format_date, parse_date};
use crate::domain::register::RecordId;
use crate::domain::transfer::{self, Ground, Refusal};
use crate::error::{Error, Problem, Result};
use crate::messages::{D, M, R};
use crate::ops::records::load;
use crate::output::Output;
use crate::store::audit::Entry;
use crate::store::disclosures::{self, NewDisclosure};
use crate::store::records::Record;
use crate::store::Tx;

/// The disclosure's values, checked: every bad one is named at once, none
/// of them echoed.
struct Checked {
    recipient: String,
    data: String,
    country: String,
    /// The day of the disclosure, `YYYY-MM-DD`.
    date: String,
}

fn check(args: &DiscloseArgs, today: NaiveDate) -> Result<Checked> {
    let mut problems = Vec::new();
    let mut text = |field: &str, raw: &str| {
        let t = raw.trim();
        if t.is_empty() {
            problems.push(Problem::new(field, R::RequiredNotBlank));
        }
        t.to_string()
    };
    let recipient = text("recipient", &args.recipient);
    let data = text("data", &args.data);
    let country = codes::country(&args.country).unwrap_or_else(|e| {
        problems.push(Problem::new("country", e.0));
        String::new()
    });
    let date = match args.date.as_deref().map(parse_date) {
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
    Ok(Checked {
        recipient,
        data,
        country,
        date: format_date(date),
    })
}

pub fn run(session: &mut Session, args: DiscloseArgs) -> Result<Output> {
    let Checked {
        recipient,
        data,
        country,
        date,
    } = check(&args, session.who.today)?;
    let category = args.category.name();
    let basis = args.basis.stored();
    session.write("disclose", |tx, who| {
        let record = load(tx, args.id)?;
        refuse_if_restricted(&record, &date, args.id)?;
        let ground = transfer_ground(tx, &country, args.dpf_certified, args.id)?;
        let number = disclosures::insert(
            tx,
            &NewDisclosure {
                record: record.key,
                recipient: &recipient,
                category,
                data: &data,
                basis,
                country: &country,
                dpf_certified: args.dpf_certified,
                disclosed_on: &date,
                at: &who.now,
                by: &who.operator,
            },
        )?;
        let mut value = Map::new();
        value.insert("id".into(), number.into());
        value.insert("record".into(), args.id.to_string().into());
        value.insert("recipient".into(), recipient.clone().into());
        value.insert("category".into(), category.into());
        value.insert("data".into(), data.clone().into());
        value.insert("basis".into(), basis.into());
        value.insert("country".into(), country.clone().into());
        value.insert("dpf_certified".into(), args.dpf_certified.into());
        value.insert("disclosed_on".into(), date.clone().into());
        value.insert("transfer".into(), Value::from(ground.describe()));
        // Categories, basis and country only: the recipient may be a
        // person, and the data text describes personal data.
        let entry = Entry::new("disclose")
            .record(args.id)
            .rows(1)
            .detail(format!(
                "category={category} basis={basis} country={country}"
            ));
        Ok((
            Output::Object {
                value,
                plain: Some(D::DisclosureLogged.say(&[
                    &args.id,
                    &number,
                    &country,
                    &said(&ground),
                ])),
            },
            entry,
        ))
    })
}

/// The ground of a transfer as a message says it (the JSON keeps
/// `Ground::describe`'s English).
fn said(ground: &Ground) -> String {
    match ground {
        Ground::EuEea => D::WithinEuEea.to_string(),
        Ground::Adequacy { decision } => D::AdequacyDecision.say(&[decision]),
        Ground::Dpf { decision } => D::AdequacyDpf.say(&[decision]),
    }
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
