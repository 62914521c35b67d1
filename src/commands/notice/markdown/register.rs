//! A register's chapter of the notice: purposes and legal bases, data
//! subjects, data, sources, recipients, transfers, retention and whether
//! giving the data is required.

use std::fmt::Write;

use super::{cite, para, subheading, Numbers};
use crate::commands::notice::text::{cap, md, period};
use crate::commands::notice::{RegisterPart, Transfer};
use crate::domain::labels::{self, Lang};
use crate::messages::N;

pub(super) fn register(d: &mut String, r: &RegisterPart, no: usize, num: &Numbers, lang: Lang) {
    let _ = writeln!(d, "## {no}. {}\n", md(&r.title));
    purposes(d, r, no, num, lang);
    data(d, r, no, lang);
    recipients(d, r, no, num, lang);
    transfers(d, r, no, num, lang);
    retention(d, r, no, lang);
}

/// N.1: the purposes and legal bases, the legitimate interests, consent.
fn purposes(d: &mut String, r: &RegisterPart, no: usize, num: &Numbers, lang: Lang) {
    subheading(d, no, 1, N::PurposesLegalBasesProcessing.text(lang));
    // The declared purposes and bases (also before any record exists),
    // then any other purpose with a basis in use; counts where in use.
    let mut order: Vec<(&str, &str)> = Vec::new();
    for (purpose, title) in r
        .declared
        .iter()
        .map(|p| (p.purpose.as_str(), p.title.as_str()))
        .chain(
            r.purposes
                .iter()
                .map(|p| (p.purpose.as_str(), p.title.as_str())),
        )
    {
        if !order.iter().any(|(p, _)| *p == purpose) {
            order.push((purpose, title));
        }
    }
    if order.is_empty() {
        para(d, N::PurposesLegalBasesDeclared.text(lang));
    } else {
        para(d, N::PersonalDataProcessedFollowing.text(lang));
        purpose_list(d, r, &order, lang);
        d.push('\n');
        interests(d, r, lang);
        if r.bases.iter().any(|b| b.basis == "consent")
            || r.declared.iter().any(|b| b.basis == "consent")
        {
            let _ = writeln!(
                d,
                "{} {}.\n",
                N::ProcessingBasedConsentEnds.text(lang),
                format_args!("{})", num.rights)
            );
        }
    }
}

/// Each purpose with its legal bases: those in use with how many people
/// have each, then the declared ones not in use.
fn purpose_list(d: &mut String, r: &RegisterPart, order: &[(&str, &str)], lang: Lang) {
    for (purpose, title) in order {
        let _ = writeln!(d, "- **{}**", md(&cap(title)));
        for b in r.bases.iter().filter(|b| b.purpose == *purpose) {
            let _ = writeln!(
                d,
                "  - {} ({}): {}",
                cap(&b.title),
                cite(&b.basis, b.law.as_deref(), lang),
                people(b.count, lang)
            );
        }
        for p in r.declared.iter().filter(|p| {
            p.purpose == *purpose
                && !r.bases.iter().any(|b| {
                    b.purpose == p.purpose
                        && b.basis == p.basis
                        && (p.law.is_none() || b.law == p.law)
                })
        }) {
            let _ = writeln!(
                d,
                "  - {} ({})",
                cap(&p.basis_title),
                cite(&p.basis, p.law.as_deref(), lang)
            );
        }
    }
}

/// The legitimate interests the processing rests on, where there are any.
fn interests(d: &mut String, r: &RegisterPart, lang: Lang) {
    if !r.interests.is_empty() {
        para(d, N::LegitimateInterestsWhichProcessing.text(lang));
        for i in &r.interests {
            let _ = writeln!(
                d,
                "- **{}:** {}",
                md(&cap(&i.title)),
                period(&md(&i.interest))
            );
        }
        d.push('\n');
    }
}

/// N.2 to N.4: the data subjects, the data and their sources.
fn data(d: &mut String, r: &RegisterPart, no: usize, lang: Lang) {
    subheading(d, no, 2, N::CategoriesDataSubjects.text(lang));
    let _ = writeln!(d, "{}\n", period(&md(&cap(&r.subjects))));

    subheading(d, no, 3, N::CategoriesPersonalData.text(lang));
    para(d, N::RegisterMayHoldFollowing.text(lang));
    for c in &r.data_categories {
        let list: Vec<&str> = c.fields.iter().map(|f| f.label).collect();
        let _ = writeln!(d, "- **{}:** {}", cap(c.title), list.join(", "));
    }
    d.push('\n');
    if let Some(note) = &r.data_note {
        let _ = writeln!(d, "{note}\n");
    }
    if let Some(law) = &r.working_life {
        let _ = writeln!(d, "{law}\n");
    }

    subheading(d, no, 4, N::SourcesData.text(lang));
    let _ = writeln!(d, "{}\n", period(&md(&cap(&r.sources))));
    if !r.source_categories.is_empty() {
        let list: Vec<String> = r.source_categories.iter().map(|c| md(&c.title)).collect();
        let _ = writeln!(
            d,
            "{}: {}.\n",
            N::CategoriesSources.text(lang),
            list.join("; ")
        );
    }
}

/// N.5: the categories of recipients, and the disclosure log's recipients.
fn recipients(d: &mut String, r: &RegisterPart, no: usize, num: &Numbers, lang: Lang) {
    subheading(d, no, 5, N::DisclosuresCategoriesRecipients.text(lang));
    if r.recipient_categories.is_empty() {
        para(d, N::DataNotDisclosedRegularly.text(lang));
    } else {
        para(d, N::DataNotDisclosedOthers.text(lang));
        for c in &r.recipient_categories {
            let _ = writeln!(d, "- {}", period(&md(&cap(&c.title))));
        }
        d.push('\n');
    }
    if let Some(no) = num.processors {
        let _ = writeln!(
            d,
            "{} {no}.\n",
            N::ProcessorsControllerUsesListed.text(lang)
        );
    }
    if r.recipients.is_empty() {
        para(d, N::DisclosureLogHoldsDisclosure.text(lang));
    } else {
        para(d, N::AccordingDisclosureLogData.text(lang));
        for g in &r.recipients {
            let list: Vec<String> = g
                .recipients
                .iter()
                .map(|x| {
                    let place = if x.country.eq_ignore_ascii_case("FI") {
                        String::new()
                    } else {
                        format!(", {}", country(&x.country, lang))
                    };
                    format!(
                        "{}{place} ({})",
                        md(&x.recipient),
                        disclosures(x.count, lang)
                    )
                })
                .collect();
            let _ = writeln!(d, "- **{}:** {}", cap(g.title), list.join("; "));
        }
        d.push('\n');
        if r.recipients.iter().any(|g| g.category == "processor") {
            para(d, N::ProcessorsHandleDataOnly.text(lang));
        }
    }
}

/// N.6: the transfers outside the EU/EEA from the disclosure log.
fn transfers(d: &mut String, r: &RegisterPart, no: usize, num: &Numbers, lang: Lang) {
    subheading(d, no, 6, N::TransfersOutsideEUEEA3.text(lang));
    if r.transfers.is_empty() {
        let _ = writeln!(
            d,
            "{} {}).\n",
            N::DataRegisterHaveBeen.text(lang),
            num.transfers
        );
    } else {
        para(d, N::DataHaveBeenTransferred.text(lang));
        for x in &r.transfers {
            let _ = writeln!(d, "- {}", transfer_line(x, lang));
        }
        d.push('\n');
    }
}

/// N.7 and N.8: retention, and whether giving the data is required.
fn retention(d: &mut String, r: &RegisterPart, no: usize, lang: Lang) {
    subheading(d, no, 7, N::Retention.text(lang));
    let text = &r.retention.text;
    let split = text.len().saturating_sub(2);
    let _ = writeln!(d, "{}\n", text[..split].join(" "));
    for p in &text[split..] {
        let _ = writeln!(d, "{}\n", md(p));
    }

    if let Some(req) = &r.requirement {
        let _ = writeln!(
            d,
            "### {no}.8 {}\n\n{}\n",
            N::WhetherGivingDataRequired.text(lang),
            md(req)
        );
    }
}

fn transfer_line(x: &Transfer, lang: Lang) -> String {
    let name = md(&x.name);
    let count = disclosures(x.count, lang);
    let decision = x.adequacy_decision.as_deref().map(md).unwrap_or_default();
    // The scope or renewal of the decision (Canada, the UK), where lawful.
    let decision = match (&x.note, x.lawful, x.dpf_required) {
        (Some(n), true, false) => format!("{decision} ({})", md(n)),
        _ => decision,
    };
    let line = match (x.lawful, x.dpf_required) {
        (true, false) => N::TransferAdequate,
        (true, true) => N::TransferDpf,
        (false, true) => N::TransferNotDpf,
        (false, false) => N::TransferNoDecision,
    };
    line.say_in(lang, &[&name, &count, &decision])
}

fn people(n: i64, lang: Lang) -> String {
    let words = if n == 1 { N::OnePerson } else { N::People };
    words.say_in(lang, &[&n])
}

fn disclosures(n: i64, lang: Lang) -> String {
    let words = if n == 1 {
        N::OneDisclosure
    } else {
        N::Disclosures
    };
    words.say_in(lang, &[&n])
}

/// A country by name where the notice knows it, else by its code.
fn country(code: &str, lang: Lang) -> String {
    labels::country_name(code, lang)
        .map(str::to_string)
        .unwrap_or_else(|| md(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(people(1, Lang::Fi), "1 rekisteröity");
        assert_eq!(people(2, Lang::Fi), "2 rekisteröityä");
        assert_eq!(disclosures(3, Lang::En), "3 disclosures");
    }
}
