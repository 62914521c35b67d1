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

/// "15 artikla" / "Art. 15"; "7(3)" is "7 artiklan 3 kohta".
fn article(a: &str, lang: Lang) -> String {
    match (lang, a.split_once('(')) {
        (Lang::Fi, Some((art, point))) => {
            format!("{art} artiklan {} kohta", point.trim_end_matches(')'))
        }
        (Lang::Fi, None) => format!("{a} artikla"),
        (Lang::En, _) => format!("Art. {a}"),
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
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    let _ = writeln!(
        d,
        "# {}\n",
        t(
            "Tietosuojaseloste ja seloste käsittelytoimista",
            "Privacy notice and record of processing activities"
        )
    );
    if let Some(name) = &n.controller.name {
        let _ = writeln!(d, "**{}**\n", md(name));
    }
    para(d, t("Tässä selosteessa kerrotaan, mitä henkilötietoja rekisterinpitäjä käsittelee, mihin tarkoituksiin ja millä perusteilla, mistä tiedot saadaan, kenelle niitä luovutetaan, kuinka kauan niitä säilytetään ja mitä oikeuksia rekisteröidyillä on. Seloste on EU:n yleisen tietosuoja-asetuksen ((EU) 2016/679) 13 ja 14 artiklan mukainen informointi rekisteröidyille ja samalla asetuksen 30 artiklan 1 kohdan mukainen seloste käsittelytoimista. Tietosuoja-asetusta täydentää Suomessa tietosuojalaki (1050/2018).", "This notice tells what personal data the controller processes, for which purposes and on which legal bases, where the data come from, to whom they are disclosed, how long they are kept and what rights data subjects have. It gives data subjects the information required by Articles 13 and 14 of the General Data Protection Regulation (EU) 2016/679 and is also the record of processing activities under Article 30(1). In Finland the GDPR is supplemented by the Data Protection Act (1050/2018)."));
    let _ = writeln!(
        d,
        "{} {}. {}\n",
        t("Laadittu", "Generated on"),
        date(&n.generated_on, lang),
        t(
            "Oikeusperusteiden ja luovutusten määrät perustuvat rekisteriin kirjattuihin tietoihin tuona päivänä.",
            "The counts of legal bases and disclosures are those recorded in the register on that day."
        )
    );
}

/// Section 3: the registers, each with its chapter number.
fn register_list(d: &mut String, n: &Notice, num: &Numbers, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    heading(d, 3, t("Rekisterit", "Registers"));
    para(d, t("Rekisterinpitäjä pitää seuraavia henkilörekistereitä. Kunkin rekisterin käsittely kuvataan omassa luvussaan.", "The controller keeps the following registers of personal data. Each is described in a chapter of its own."));
    for (i, r) in n.registers.iter().enumerate() {
        let _ = writeln!(
            d,
            "- {} ({} {})",
            md(&r.title),
            t("luku", "chapter"),
            num.first_register + i
        );
    }
    d.push('\n');
    if let Some(no) = num.activities {
        let _ = writeln!(
            d,
            "{} {no}.\n",
            t(
                "Rekistereiden lisäksi rekisterinpitäjä käsittelee henkilötietoja muissa käsittelytoimissa, jotka kuvataan luvussa",
                "Besides the registers, the controller processes personal data in other processing activities, described in chapter"
            )
        );
    }
}

/// The firm's processors, each with its Art. 28 contract.
fn processors(d: &mut String, n: &Notice, no: usize, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    heading(
        d,
        no,
        t(
            "Henkilötietojen käsittelijät ja alihankkijat",
            "Processors and subcontractors",
        ),
    );
    para(d, t("Rekisterinpitäjä käyttää seuraavia henkilötietojen käsittelijöitä. Jokaisen kanssa on tehty tietosuoja-asetuksen 28 artiklan mukainen sopimus henkilötietojen käsittelystä: käsittelijä käsittelee tietoja vain rekisterinpitäjän lukuun ja ohjeiden mukaan, on sitoutunut suojaamaan ne tietosuoja-asetuksen mukaisesti eikä saa käyttää niitä omiin tarkoituksiinsa.", "The controller uses the following processors. With each, an agreement on the processing of personal data under GDPR Art. 28 has been made: the processor handles the data only on the controller's behalf and instructions, is bound to protect them as the GDPR requires and may not use them for purposes of its own."));
    for p in &n.processors {
        let _ = writeln!(d, "- {}", processor_line(p, lang));
    }
    d.push('\n');
}

/// The firm as a processor for its clients.
fn processor_role(d: &mut String, role: &ProcessorRole, no: usize, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    heading(
        d,
        no,
        t(
            "Rekisterinpitäjä henkilötietojen käsittelijänä",
            "The controller as a processor for its clients",
        ),
    );
    paragraphs(d, &role.text);
    if !role.categories.is_empty() {
        let list: Vec<String> = role.categories.iter().map(|c| md(c)).collect();
        let _ = writeln!(
            d,
            "{}: {}.\n",
            t(
                "Asiakkaiden lukuun tehtävä käsittely",
                "Processing done for clients"
            ),
            list.join("; ")
        );
    }
}

/// Transfers outside the EU/EEA: the principles and the adequate countries.
fn transfer_principles(d: &mut String, n: &Notice, no: usize, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    heading(
        d,
        no,
        t(
            "Tietojen siirrot EU:n tai ETA:n ulkopuolelle: periaatteet",
            "Transfers outside the EU/EEA: principles",
        ),
    );
    let _ = writeln!(d, "{}\n", n.transfer_policy.text);
    let mut countries: Vec<String> = n
        .transfer_policy
        .countries
        .iter()
        .map(|c| {
            let name = md(&c.name);
            match &c.note {
                Some(note) => format!("{name} ({})", md(note)),
                None if c.dpf_required => format!(
                    "{name} ({})",
                    t(
                        "vain tietosuojakehykseen sertifioidut organisaatiot",
                        "Data Privacy Framework certified organisations only"
                    )
                ),
                None => name,
            }
        })
        .collect();
    countries.sort_by_key(|c| c.to_lowercase());
    let as_of = n
        .transfer_policy
        .adequacy_list_date
        .as_deref()
        .map(|day| {
            format!(
                " ({} {})",
                t("luettelon tilanne", "list as of"),
                date(day, lang)
            )
        })
        .unwrap_or_default();
    let _ = writeln!(
        d,
        "{}{as_of}: {}.\n",
        t(
            "Maat, joiden tietosuojan tason komissio on todennut riittäväksi",
            "Countries with an adequacy decision"
        ),
        countries.join(", ")
    );
}

/// The security measures, and automated decisions and profiling.
fn safeguards(d: &mut String, n: &Notice, num: &Numbers, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    heading(
        d,
        num.security,
        t("Rekisterin suojauksen periaatteet", "Security measures"),
    );
    para(
        d,
        t(
            "Henkilötiedot suojataan seuraavin teknisin ja organisatorisin toimenpitein:",
            "Personal data are protected by the following technical and organisational measures:",
        ),
    );
    measure_list(d, &n.security.measures);
    heading(
        d,
        num.automated,
        t(
            "Automaattinen päätöksenteko ja profilointi",
            "Automated decision-making and profiling",
        ),
    );
    paragraphs(d, &n.automated_decisions.text);
}

/// The data subject's rights, how requests are made and answered, the
/// right to complain, and how the notice changes.
fn rights(d: &mut String, n: &Notice, num: &Numbers, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    heading(
        d,
        num.rights,
        t("Rekisteröidyn oikeudet", "Rights of the data subject"),
    );
    para(
        d,
        t(
            "Rekisteröidyllä on tietosuoja-asetuksen mukaan seuraavat oikeudet:",
            "Under the GDPR the data subject has the following rights:",
        ),
    );
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
    heading(
        d,
        num.requests,
        t(
            "Oikeuksien käyttäminen ja pyyntöihin vastaaminen",
            "How to use these rights, and how requests are answered",
        ),
    );
    paragraphs(d, &n.requests.text);
    heading(
        d,
        num.complaint,
        t(
            "Oikeus tehdä valitus valvontaviranomaiselle",
            "Right to lodge a complaint with the supervisory authority",
        ),
    );
    let c = &n.complaint;
    let _ = writeln!(d, "{}\n", c.text);
    let _ = writeln!(
        d,
        "{}  \n{}  \n{}: {}  \n{}: {}",
        c.authority,
        c.address,
        t("Sähköposti", "E-mail"),
        c.email,
        t("Verkkosivut", "Web"),
        c.web
    );
    d.push('\n');
    heading(
        d,
        num.changes,
        t("Selosteen muuttaminen", "Changes to this notice"),
    );
    let _ = writeln!(d, "{}", n.changes);
}

fn activities(d: &mut String, n: &Notice, no: usize, num: &Numbers, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    let _ = writeln!(
        d,
        "## {no}. {}\n",
        t("Muut käsittelytoimet", "Other processing activities")
    );
    for (i, a) in n.activities.iter().enumerate() {
        let _ = writeln!(d, "### {no}.{} {}\n", i + 1, md(&cap(&a.name)));
        let purposes: Vec<String> = a.purposes.iter().map(|p| md(&p.title)).collect();
        let _ = writeln!(
            d,
            "- **{}:** {}",
            t("Käsittelyn tarkoitukset", "Purposes"),
            period(&cap(&purposes.join(", ")))
        );
        let basis = match (&a.basis, &a.basis_title) {
            (Some(b), Some(title)) => {
                format!("{} ({})", cap(title), cite(b, a.law.as_deref(), lang))
            }
            _ => t("Ei vielä kirjattu", "Not recorded yet").to_string(),
        };
        let _ = writeln!(
            d,
            "- **{}:** {}",
            t("Oikeusperuste", "Legal basis"),
            period(&basis)
        );
        if let Some(i) = &a.interest {
            let _ = writeln!(
                d,
                "- **{}:** {}",
                t("Oikeutettu etu", "Legitimate interest"),
                period(&md(&cap(i)))
            );
        }
        item(
            d,
            t("Rekisteröidyt", "Data subjects"),
            &a.description.subjects,
        );
        item(
            d,
            t("Käsiteltävät tiedot", "Personal data"),
            &a.description.data,
        );
        if let Some(s) = &a.description.source {
            item(d, t("Tietolähteet", "Sources"), s);
        }
        if let Some(r) = &a.description.recipients {
            item(d, t("Vastaanottajat", "Recipients"), r);
        }
        if let Some(s) = &a.description.system {
            item(d, t("Järjestelmä", "System"), s);
        }
        let transfers = if a.transfers.is_empty() {
            format!(
                "{} {}).",
                t(
                    "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle (ks. luku",
                    "The data are not transferred outside the EU/EEA (see chapter"
                ),
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
            t(
                "Siirrot EU:n tai ETA:n ulkopuolelle",
                "Transfers outside the EU/EEA"
            )
        );
        item(d, t("Säilytysaika", "Retention"), &a.retention);
        let _ = writeln!(
            d,
            "- **{}:** {}",
            t(
                "Tietojen antamisen pakollisuus",
                "Is giving the data required"
            ),
            a.requirement
        );
        d.push('\n');
        if let Some(c) = &a.cookies {
            let _ = writeln!(d, "{c}\n");
        }
    }
}

fn controller(d: &mut String, n: &Notice, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    let unset = t(
        "ei asetettu: aja `privreg controller set`",
        "not set: run `privreg controller set`",
    );
    let line = |d: &mut String, label: &str, value: &Option<String>, last: bool| {
        let v = value
            .as_deref()
            .map(md)
            .unwrap_or_else(|| format!("*{unset}*"));
        let _ = writeln!(d, "{label}: {v}{}", if last { "" } else { "  " });
    };
    let c = &n.controller;

    let _ = writeln!(d, "## 1. {}\n", t("Rekisterinpitäjä", "Controller"));
    if c.name.is_none() && c.business_id.is_none() && c.address.is_none() {
        let _ = writeln!(
            d,
            "*{}*\n",
            t(
                "Rekisterinpitäjän tietoja ei ole vielä asetettu: aja `privreg controller set`.",
                "The controller's details are not set: run `privreg controller set`."
            )
        );
    } else {
        line(d, t("Nimi", "Name"), &c.name, false);
        line(d, t("Y-tunnus", "Business ID"), &c.business_id, false);
        line(d, t("Osoite", "Address"), &c.address, true);
        d.push('\n');
    }

    let _ = writeln!(
        d,
        "## 2. {}\n",
        t(
            "Yhteyshenkilö rekisteriä koskevissa asioissa",
            "Contact person for matters concerning the registers"
        )
    );
    if c.contact_person.is_none() && c.contact_phone.is_none() && c.contact_email.is_none() {
        let _ = writeln!(
            d,
            "*{}*\n",
            t(
                "Yhteyshenkilöä ei ole vielä asetettu: aja `privreg controller set`.",
                "The contact person is not set: run `privreg controller set`."
            )
        );
    } else {
        let phone = c.contact_phone.as_deref().map(readable_phone);
        line(d, t("Nimi", "Name"), &c.contact_person, false);
        line(d, t("Puhelin", "Phone"), &phone, false);
        line(d, t("Sähköposti", "E-mail"), &c.contact_email, true);
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
