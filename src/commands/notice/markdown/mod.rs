//! The notice as a Markdown document with numbered sections, laid out
//! like a Finnish *tietosuojaseloste*: controller, contact person, the
//! registers one chapter each (purposes and legal bases, data subjects,
//! data, sources, recipients, transfers, retention), then transfers,
//! security, automated decisions, rights, requests and complaints.
//!
//! Text that comes from the register file (names, titles, recipients) is
//! escaped, so that it cannot turn into Markdown markup.

mod register;

use std::fmt::Write;

use super::text::measure_list;
use super::text::{cap, date, item, md, period, processor_line, transfer_ground};
use super::{Notice, ProcessorRole};
use crate::domain::labels::{self, Lang};
use crate::messages::{L, N};

/// "15 artikla" / "Art. 15"; "7(3)" is "7 artiklan 3 kohta".
fn article(a: &str, lang: Lang) -> String {
    match a.split_once('(') {
        Some((art, point)) => L::ArticlePoint.say_in(lang, &[&art, &point.trim_end_matches(')')]),
        None => L::Article.say_in(lang, &[&a]),
    }
}

/// A legal basis cited: its article (`6(1)(b)`-style, in `lang`) and the
/// law it rests on.
fn cite(basis: &str, law: Option<&str>, lang: Lang) -> String {
    let mut cite = crate::domain::basis::Basis::ALL
        .into_iter()
        .find(|x| x.name() == basis)
        .map(|x| labels::basis_article(x, lang))
        .unwrap_or_default();
    if let Some(law) = law {
        cite.push_str("; ");
        cite.push_str(&md(law));
    }
    cite
}

/// Section numbers: 1–3 fixed, one per register, then the closing ones.
struct Numbers {
    first_register: usize,
    activities: Option<usize>,
    processors: Option<usize>,
    processor_role: Option<usize>,
    transfers: usize,
    security: usize,
    automated: usize,
    rights: usize,
    requests: usize,
    complaint: usize,
    changes: usize,
}

impl Numbers {
    fn new(n: &Notice) -> Numbers {
        let mut after = 4 + n.registers.len();
        let mut next = |present: bool| {
            present.then(|| {
                after += 1;
                after - 1
            })
        };
        let activities = next(!n.activities.is_empty());
        let processors = next(!n.processors.is_empty());
        let processor_role = next(n.processor_role.is_some());
        Numbers {
            first_register: 4,
            activities,
            processors,
            processor_role,
            transfers: after,
            security: after + 1,
            automated: after + 2,
            rights: after + 3,
            requests: after + 4,
            complaint: after + 5,
            changes: after + 6,
        }
    }
}

pub fn render(n: &Notice, lang: Lang) -> String {
    let mut d = String::new();
    let num = Numbers::new(n);
    intro(&mut d, n, lang);
    controller(&mut d, n, lang);
    register_list(&mut d, n, &num, lang);
    for (i, r) in n.registers.iter().enumerate() {
        register::register(&mut d, r, num.first_register + i, &num, lang);
    }
    if let Some(no) = num.activities {
        activities(&mut d, n, no, &num, lang);
    }
    if let Some(no) = num.processors {
        processors(&mut d, n, no, lang);
    }
    if let (Some(no), Some(role)) = (num.processor_role, &n.processor_role) {
        processor_role(&mut d, role, no, lang);
    }
    transfer_principles(&mut d, n, num.transfers, lang);
    safeguards(&mut d, n, &num, lang);
    rights(&mut d, n, &num, lang);
    d
}

/// A numbered section's heading: `## 5. Title` and a blank line.
fn heading(d: &mut String, no: usize, title: &str) {
    let _ = writeln!(d, "## {no}. {title}\n");
}

/// A numbered subsection's heading: `### 5.2 Title` and a blank line.
fn subheading(d: &mut String, no: usize, sub: usize, title: &str) {
    let _ = writeln!(d, "### {no}.{sub} {title}\n");
}

/// A paragraph and a blank line.
fn para(d: &mut String, text: &str) {
    let _ = writeln!(d, "{text}\n");
}

/// Paragraphs, each followed by a blank line.
fn paragraphs(d: &mut String, texts: &[impl AsRef<str>]) {
    for p in texts {
        let _ = writeln!(d, "{}\n", p.as_ref());
    }
}

/// The title, the controller's name, what the notice is and its date.
fn intro(d: &mut String, n: &Notice, lang: Lang) {
    let _ = writeln!(d, "# {}\n", N::PrivacyNoticeRecordProcessing.text(lang));
    if let Some(name) = &n.controller.name {
        let _ = writeln!(d, "**{}**\n", md(name));
    }
    para(d, N::NoticeTellsWhatPersonal.text(lang));
    let _ = writeln!(
        d,
        "{} {}. {}\n",
        N::Generated.text(lang),
        date(&n.generated_on, lang),
        N::CountsLegalBasesDisclosures.text(lang)
    );
}

/// Section 3: the registers, each with its chapter number.
fn register_list(d: &mut String, n: &Notice, num: &Numbers, lang: Lang) {
    heading(d, 3, N::Registers.text(lang));
    para(d, N::ControllerKeepsFollowingRegisters.text(lang));
    for (i, r) in n.registers.iter().enumerate() {
        let _ = writeln!(
            d,
            "- {} ({} {})",
            md(&r.title),
            N::Chapter.text(lang),
            num.first_register + i
        );
    }
    d.push('\n');
    if let Some(no) = num.activities {
        let _ = writeln!(
            d,
            "{} {no}.\n",
            N::BesidesRegistersControllerProcesses.text(lang)
        );
    }
}

/// The firm's processors, each with its Art. 28 contract.
fn processors(d: &mut String, n: &Notice, no: usize, lang: Lang) {
    heading(d, no, N::ProcessorsSubcontractors.text(lang));
    para(d, N::ControllerUsesFollowingProcessors.text(lang));
    for p in &n.processors {
        let _ = writeln!(d, "- {}", processor_line(p, lang));
    }
    d.push('\n');
}

/// The firm as a processor for its clients.
fn processor_role(d: &mut String, role: &ProcessorRole, no: usize, lang: Lang) {
    heading(d, no, N::ControllerProcessorClients.text(lang));
    paragraphs(d, &role.text);
    if !role.categories.is_empty() {
        let list: Vec<String> = role.categories.iter().map(|c| md(c)).collect();
        let _ = writeln!(
            d,
            "{}: {}.\n",
            N::ProcessingDoneClients.text(lang),
            list.join("; ")
        );
    }
}

/// Transfers outside the EU/EEA: the principles and the adequate countries.
fn transfer_principles(d: &mut String, n: &Notice, no: usize, lang: Lang) {
    heading(d, no, N::TransfersOutsideEUEEA.text(lang));
    let _ = writeln!(d, "{}\n", n.transfer_policy.text);
    let mut countries: Vec<String> = n
        .transfer_policy
        .countries
        .iter()
        .map(|c| {
            let name = md(&c.name);
            match &c.note {
                Some(note) => format!("{name} ({})", md(note)),
                None if c.dpf_required => {
                    format!("{name} ({})", N::DataPrivacyFrameworkCertified.text(lang))
                }
                None => name,
            }
        })
        .collect();
    countries.sort_by_key(|c| c.to_lowercase());
    let as_of = n
        .transfer_policy
        .adequacy_list_date
        .as_deref()
        .map(|day| format!(" ({} {})", N::List.text(lang), date(day, lang)))
        .unwrap_or_default();
    let _ = writeln!(
        d,
        "{}{as_of}: {}.\n",
        N::CountriesAdequacyDecision.text(lang),
        countries.join(", ")
    );
}

/// The security measures, and automated decisions and profiling.
fn safeguards(d: &mut String, n: &Notice, num: &Numbers, lang: Lang) {
    heading(d, num.security, N::SecurityMeasures.text(lang));
    para(d, N::PersonalDataProtectedFollowing.text(lang));
    measure_list(d, &n.security.measures);
    heading(
        d,
        num.automated,
        N::AutomatedDecisionMakingProfiling.text(lang),
    );
    paragraphs(d, &n.automated_decisions.text);
}

/// The data subject's rights, how requests are made and answered, the
/// right to complain, and how the notice changes.
fn rights(d: &mut String, n: &Notice, num: &Numbers, lang: Lang) {
    heading(d, num.rights, N::RightsDataSubject.text(lang));
    para(d, N::UnderGDPRDataSubject.text(lang));
    for r in &n.rights {
        let _ = writeln!(
            d,
            "- **{}** ({}). {}",
            r.title,
            article(r.article, lang),
            r.text
        );
    }
    d.push('\n');
    heading(d, num.requests, N::HowUseTheseRights.text(lang));
    paragraphs(d, &n.requests.text);
    heading(
        d,
        num.complaint,
        N::RightLodgeComplaintSupervisory.text(lang),
    );
    let c = &n.complaint;
    let _ = writeln!(d, "{}\n", c.text);
    let _ = writeln!(
        d,
        "{}  \n{}  \n{}: {}  \n{}: {}",
        c.authority,
        c.address,
        L::Email.text(lang),
        c.email,
        N::Web.text(lang),
        c.web
    );
    d.push('\n');
    heading(d, num.changes, N::ChangesNotice.text(lang));
    let _ = writeln!(d, "{}", n.changes);
}

fn activities(d: &mut String, n: &Notice, no: usize, num: &Numbers, lang: Lang) {
    let _ = writeln!(d, "## {no}. {}\n", N::OtherProcessingActivities.text(lang));
    for (i, a) in n.activities.iter().enumerate() {
        let _ = writeln!(d, "### {no}.{} {}\n", i + 1, md(&cap(&a.name)));
        let purposes: Vec<String> = a.purposes.iter().map(|p| md(&p.title)).collect();
        let _ = writeln!(
            d,
            "- **{}:** {}",
            N::Purposes.text(lang),
            period(&cap(&purposes.join(", ")))
        );
        let basis = match (&a.basis, &a.basis_title) {
            (Some(b), Some(title)) => {
                format!("{} ({})", cap(title), cite(b, a.law.as_deref(), lang))
            }
            _ => N::NotRecordedYet.text(lang).to_string(),
        };
        let _ = writeln!(d, "- **{}:** {}", N::LegalBasis.text(lang), period(&basis));
        if let Some(i) = &a.interest {
            let _ = writeln!(
                d,
                "- **{}:** {}",
                N::LegitimateInterest.text(lang),
                period(&md(&cap(i)))
            );
        }
        item(d, N::DataSubjects.text(lang), &a.description.subjects);
        item(d, N::PersonalData.text(lang), &a.description.data);
        if let Some(s) = &a.description.source {
            item(d, N::Sources.text(lang), s);
        }
        if let Some(r) = &a.description.recipients {
            item(d, N::Recipients.text(lang), r);
        }
        if let Some(s) = &a.description.system {
            item(d, N::System.text(lang), s);
        }
        let transfers = if a.transfers.is_empty() {
            format!(
                "{} {}).",
                N::DataNotTransferredOutside.text(lang),
                num.transfers
            )
        } else {
            period(
                &a.transfers
                    .iter()
                    .map(|x| transfer_ground(x, lang))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        };
        let _ = writeln!(
            d,
            "- **{}:** {transfers}",
            N::TransfersOutsideEUEEA2.text(lang)
        );
        item(d, N::Retention.text(lang), &a.retention);
        let _ = writeln!(
            d,
            "- **{}:** {}",
            N::GivingDataRequired.text(lang),
            a.requirement
        );
        d.push('\n');
        if let Some(c) = &a.cookies {
            let _ = writeln!(d, "{c}\n");
        }
    }
}

fn controller(d: &mut String, n: &Notice, lang: Lang) {
    let unset = N::NotSetRunPrivreg.text(lang);
    let line = |d: &mut String, label: &str, value: &Option<String>, last: bool| {
        let v = value
            .as_deref()
            .map(md)
            .unwrap_or_else(|| format!("*{unset}*"));
        let _ = writeln!(d, "{label}: {v}{}", if last { "" } else { "  " });
    };
    let c = &n.controller;

    let _ = writeln!(d, "## 1. {}\n", L::Controller.text(lang));
    if c.name.is_none() && c.business_id.is_none() && c.address.is_none() {
        let _ = writeln!(d, "*{}*\n", N::ControllerSDetailsNot.text(lang));
    } else {
        line(d, L::Name.text(lang), &c.name, false);
        line(d, L::BusinessId.text(lang), &c.business_id, false);
        line(d, L::Address.text(lang), &c.address, true);
        d.push('\n');
    }

    let _ = writeln!(
        d,
        "## 2. {}\n",
        N::ContactPersonMattersConcerning.text(lang)
    );
    if c.contact_person.is_none() && c.contact_phone.is_none() && c.contact_email.is_none() {
        let _ = writeln!(d, "*{}*\n", N::ContactPersonNotSet.text(lang));
    } else {
        let phone = c.contact_phone.as_deref().map(readable_phone);
        line(d, L::Name.text(lang), &c.contact_person, false);
        line(d, L::Phone.text(lang), &phone, false);
        line(d, L::Email.text(lang), &c.contact_email, true);
        d.push('\n');
    }
}

/// `+358401234567` as `+358 40 1234567`, grouped as the numbering plan does.
fn readable_phone(e164: &str) -> String {
    phonenumber::parse(None, e164)
        .map(|p| {
            p.format()
                .mode(phonenumber::Mode::International)
                .to_string()
        })
        .unwrap_or_else(|_| e164.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles() {
        assert_eq!(article("15", Lang::Fi), "15 artikla");
        assert_eq!(article("7(3)", Lang::Fi), "7 artiklan 3 kohta");
        assert_eq!(article("7(3)", Lang::En), "Art. 7(3)");
    }
}
