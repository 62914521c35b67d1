//! Transfers outside the EU/EEA as the notice describes them: each judged
//! against the Commission's adequacy decisions, and the notice's policy.

use super::{AdequateCountry, Transfer, TransferPolicy};
use crate::domain::codes::is_eu_eea;
use crate::domain::labels::{self, Lang};
use crate::error::Result;
use crate::messages::N;
use crate::store::notice as store;
use crate::store::processing;
use crate::store::Tx;

pub(super) fn transfers(
    conn: &Tx<'_>,
    disclosed: &[store::Disclosed],
    lang: Lang,
) -> Result<Vec<Transfer>> {
    let adequacy = store::adequacy_list(conn)?;
    let mut out: Vec<Transfer> = Vec::new();
    for d in disclosed.iter().filter(|d| !is_eu_eea(&d.country)) {
        if let Some(t) = out
            .iter_mut()
            .find(|t| t.country == d.country && t.dpf_certified == d.dpf_certified)
        {
            t.count += d.disclosures;
            continue;
        }
        out.push(transfer_of(
            conn,
            &adequacy,
            &d.country,
            d.dpf_certified,
            d.disclosures,
            lang,
        )?);
    }
    out.sort_by(|a, b| a.country.cmp(&b.country));
    Ok(out)
}

/// The transfers an activity or a client's processing declares.
pub(super) fn declared_transfers(
    conn: &Tx<'_>,
    adequacy: &[store::Adequacy],
    declared: &[processing::Country],
    lang: Lang,
) -> Result<Vec<Transfer>> {
    declared
        .iter()
        .map(|t| transfer_of(conn, adequacy, &t.country, t.dpf_certified, 1, lang))
        .collect()
}

/// A transfer to `country` as the notice describes it, judged against
/// the adequacy list.
pub(super) fn transfer_of(
    conn: &Tx<'_>,
    adequacy: &[store::Adequacy],
    country: &str,
    dpf_certified: bool,
    count: i64,
    lang: Lang,
) -> Result<Transfer> {
    let decision = adequacy.iter().find(|a| a.country == country);
    let name = labels::country_name(country, lang)
        .map(str::to_string)
        .or_else(|| decision.map(|a| a.name.clone()))
        .unwrap_or_else(|| country.to_string());
    let dpf_required = decision.is_some_and(|a| a.needs_dpf);
    Ok(Transfer {
        country: country.to_string(),
        name,
        count,
        adequacy_decision: decision.map(|a| a.decision.clone()),
        dpf_required,
        dpf_certified,
        lawful: decision.is_some() && (!dpf_required || dpf_certified),
        note: processing::adequacy_note(conn, country, lang == Lang::Fi)?,
    })
}

pub(super) fn transfer_policy(conn: &Tx<'_>, lang: Lang) -> Result<TransferPolicy> {
    let date = store::adequacy_list_date(conn)?;
    let countries: Vec<AdequateCountry> = store::adequacy_list(conn)?
        .into_iter()
        .map(|a| AdequateCountry {
            name: labels::country_name(&a.country, lang)
                .map(str::to_string)
                .unwrap_or(a.name),
            note: processing::adequacy_note(conn, &a.country, lang == Lang::Fi)
                .ok()
                .flatten(),
            country: a.country,
            decision: a.decision,
            dpf_required: a.needs_dpf,
        })
        .collect();
    let text = N::PersonalDataTransferredOutside.text(lang).to_string();
    Ok(TransferPolicy {
        adequacy_list_date: date,
        countries,
        text,
    })
}
