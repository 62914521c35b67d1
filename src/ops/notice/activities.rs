//! The controller's processing outside the registers (SPEC §9) as the
//! notice describes it: activities, the processors it uses, and its role
//! as a processor for clients.

use std::collections::BTreeMap;

use super::transfers::{declared_transfers, transfer_of};
use super::{ActivityPart, Named, ProcessorPart, ProcessorRole};
use crate::domain::basis::Basis;
use crate::domain::codes::is_eu_eea;
use crate::domain::labels::{self, Lang};
use crate::error::Result;
use crate::messages::N;
use crate::store::notice as store;
use crate::store::processing;
use crate::store::Tx;

/// The controller's activities outside the registers that have not ended.
pub(super) fn activity_parts(
    conn: &Tx<'_>,
    adequacy: &[store::Adequacy],
    today: &str,
    lang: Lang,
) -> Result<Vec<ActivityPart>> {
    let fi = lang == Lang::Fi;
    let titles = purpose_titles(conn, fi)?;
    let mut out = Vec::new();
    for a in processing::activities(conn)?
        .into_iter()
        .filter(|a| a.ended_on.as_deref().is_none_or(|d| d > today))
    {
        let basis = a
            .basis
            .as_deref()
            .and_then(|b| Basis::ALL.into_iter().find(|x| x.name() == b));
        let transfers = declared_transfers(conn, adequacy, &a.transfers, lang)?;
        let law = a.law.as_deref().map(|l| labels::law(l, lang).to_string());
        out.push(ActivityPart {
            purposes: a
                .purposes
                .iter()
                .map(|p| Named {
                    name: p.clone(),
                    title: titles.get(p).cloned().unwrap_or_else(|| p.clone()),
                })
                .collect(),
            basis_title: basis.map(|b| labels::basis_title(b, lang).to_string()),
            article: basis.map(|b| b.article().to_string()),
            requirement: requirement_of(basis, law.as_deref(), lang),
            cookies: a
                .purposes
                .iter()
                .any(|p| p == "web-analytics")
                .then(|| cookie_text(lang)),
            interest: if basis == Some(Basis::LegitimateInterest) {
                a.note.clone()
            } else {
                None
            },
            basis: a.basis,
            law,
            name: a.name,
            description: a.description,
            transfers,
            retention: a.retention,
        });
    }
    Ok(out)
}

fn purpose_titles(conn: &Tx<'_>, fi: bool) -> Result<BTreeMap<String, String>> {
    crate::store::bases::purpose_titles(conn, fi)
}

/// Art. 13(2)(e) for an activity, from its legal basis.
fn requirement_of(basis: Option<Basis>, law: Option<&str>, lang: Lang) -> String {
    let law = law.unwrap_or_default();
    let text = match basis {
        Some(Basis::Contract) => N::RequirementContract,
        Some(Basis::LegalObligation) => N::RequirementLaw,
        Some(Basis::Consent) => N::RequirementConsent,
        _ => N::RequirementNone,
    };
    text.say_in(lang, &[&law])
}

/// Cookies: what they are, that they are set only with consent (except
/// the strictly necessary ones) and how consent is withdrawn.
fn cookie_text(lang: Lang) -> String {
    N::WebsitesUseCookiesCookie.text(lang).to_string()
}

/// The firm's processors in use on `today`.
pub(super) fn processor_parts(
    conn: &Tx<'_>,
    adequacy: &[store::Adequacy],
    today: &str,
    lang: Lang,
) -> Result<Vec<ProcessorPart>> {
    processing::processors(conn)?
        .iter()
        .filter(|p| p.ended_on.as_deref().is_none_or(|d| d > today))
        .map(|p| processor_part(conn, adequacy, p, lang))
        .collect()
}

/// A processor as the notice and the records name it, with the transfer
/// its country makes outside the EU/EEA.
pub(super) fn processor_part(
    conn: &Tx<'_>,
    adequacy: &[store::Adequacy],
    p: &processing::Processor,
    lang: Lang,
) -> Result<ProcessorPart> {
    let transfer = if is_eu_eea(&p.country) {
        None
    } else {
        Some(transfer_of(
            conn,
            adequacy,
            &p.country,
            p.dpf_certified,
            1,
            lang,
        )?)
    };
    Ok(ProcessorPart {
        country_name: labels::country_name(&p.country, lang)
            .map(str::to_string)
            .unwrap_or_else(|| p.country.clone()),
        name: p.name.clone(),
        country: p.country.clone(),
        service: p.service.clone(),
        contract_date: p.contract_date.clone(),
        transfer,
    })
}

/// The firm's role as a processor, where it has clients now.
pub(super) fn processor_role(
    conn: &Tx<'_>,
    today: &str,
    lang: Lang,
) -> Result<Option<ProcessorRole>> {
    let clients: Vec<_> = processing::clients(conn)?
        .into_iter()
        .filter(|c| c.ended_on.as_deref().is_none_or(|d| d > today))
        .collect();
    if clients.is_empty() {
        return Ok(None);
    }
    let mut categories: Vec<String> = Vec::new();
    for p in clients.iter().flat_map(|c| &c.processing) {
        if !categories
            .iter()
            .any(|c| c.eq_ignore_ascii_case(&p.category))
        {
            categories.push(p.category.clone());
        }
    }
    Ok(Some(ProcessorRole {
        clients: clients.len(),
        categories,
        text: vec![
            N::ControllerAlsoProcessesPersonal.text(lang).to_string(),
            N::RequestsQuestionsAboutThese.text(lang).to_string(),
        ],
    }))
}
