//! The notice as a Markdown document with numbered sections, laid out
//! like a Finnish *tietosuojaseloste*: controller, contact person, the
//! registers one chapter each (purposes and legal bases, data subjects,
//! data, sources, recipients, transfers, retention), then transfers,
//! security, automated decisions, rights, requests and complaints.
//!
//! Text that comes from the register file (names, titles, recipients) is
//! escaped, so that it cannot turn into Markdown markup.

use std::fmt::Write;

use super::{Notice, RegisterPart, Transfer};
use crate::domain::labels::{self, Lang};

/// Markdown's punctuation in a value, escaped; line breaks become spaces.
pub(super) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The first letter in upper case.
pub(super) fn cap(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Ends a sentence with a full stop unless it has one.
pub(super) fn period(s: &str) -> String {
    let s = s.trim_end();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// A date as Finnish `24.11.2026` or ISO `2026-11-24`.
pub(super) fn date(iso: &str, lang: Lang) -> String {
    match (lang, iso.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Fi, [y, m, d]) => format!(
            "{}.{}.{y}",
            d.trim_start_matches('0'),
            m.trim_start_matches('0')
        ),
        (Lang::Fi, [y, m]) => format!("{}/{y}", m.trim_start_matches('0')),
        _ => iso.to_string(),
    }
}

fn people(n: i64, lang: Lang) -> String {
    match (lang, n == 1) {
        (Lang::Fi, true) => "1 rekisteröity".into(),
        (Lang::Fi, false) => format!("{n} rekisteröityä"),
        (Lang::En, true) => "1 data subject".into(),
        (Lang::En, false) => format!("{n} data subjects"),
    }
}

fn disclosures(n: i64, lang: Lang) -> String {
    match (lang, n == 1) {
        (Lang::Fi, true) => "1 luovutus".into(),
        (Lang::Fi, false) => format!("{n} luovutusta"),
        (Lang::En, true) => "1 disclosure".into(),
        (Lang::En, false) => format!("{n} disclosures"),
    }
}

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

/// A country by name where the notice knows it, else by its code.
fn country(code: &str, lang: Lang) -> String {
    labels::country_name(code, lang)
        .map(str::to_string)
        .unwrap_or_else(|| md(code))
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
    let _ = writeln!(
        d,
        "{}\n",
        t(
            "Tässä selosteessa kerrotaan, mitä henkilötietoja rekisterinpitäjä käsittelee, mihin tarkoituksiin ja millä perusteilla, mistä tiedot saadaan, kenelle niitä luovutetaan, kuinka kauan niitä säilytetään ja mitä oikeuksia rekisteröidyillä on. Seloste on EU:n yleisen tietosuoja-asetuksen ((EU) 2016/679) 13 ja 14 artiklan mukainen informointi rekisteröidyille ja samalla asetuksen 30 artiklan 1 kohdan mukainen seloste käsittelytoimista. Tietosuoja-asetusta täydentää Suomessa tietosuojalaki (1050/2018).",
            "This notice tells what personal data the controller processes, for which purposes and on which legal bases, where the data come from, to whom they are disclosed, how long they are kept and what rights data subjects have. It gives data subjects the information required by Articles 13 and 14 of the General Data Protection Regulation (EU) 2016/679 and is also the record of processing activities under Article 30(1). In Finland the GDPR is supplemented by the Data Protection Act (1050/2018)."
        )
    );
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

    controller(&mut d, n, lang);

    // 3. Registers
    let _ = writeln!(d, "## 3. {}\n", t("Rekisterit", "Registers"));
    let _ = writeln!(
        d,
        "{}\n",
        t(
            "Rekisterinpitäjä pitää seuraavia henkilörekistereitä. Kunkin rekisterin käsittely kuvataan omassa luvussaan.",
            "The controller keeps the following registers of personal data. Each is described in a chapter of its own."
        )
    );
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

    for (i, r) in n.registers.iter().enumerate() {
        register(&mut d, r, num.first_register + i, &num, lang);
    }
    if let Some(no) = num.activities {
        activities(&mut d, n, no, &num, lang);
    }
    if let Some(no) = num.processors {
        let _ = writeln!(
            d,
            "## {no}. {}\n",
            t(
                "Henkilötietojen käsittelijät ja alihankkijat",
                "Processors and subcontractors"
            )
        );
        let _ = writeln!(
            d,
            "{}\n",
            t(
                "Rekisterinpitäjä käyttää seuraavia henkilötietojen käsittelijöitä. Jokaisen kanssa on tehty tietosuoja-asetuksen 28 artiklan mukainen sopimus henkilötietojen käsittelystä: käsittelijä käsittelee tietoja vain rekisterinpitäjän lukuun ja ohjeiden mukaan, on sitoutunut suojaamaan ne tietosuoja-asetuksen mukaisesti eikä saa käyttää niitä omiin tarkoituksiinsa.",
                "The controller uses the following processors. With each, an agreement on the processing of personal data under GDPR Art. 28 has been made: the processor handles the data only on the controller's behalf and instructions, is bound to protect them as the GDPR requires and may not use them for purposes of its own."
            )
        );
        for p in &n.processors {
            let _ = writeln!(d, "- {}", super::record::processor_line(p, lang));
        }
        d.push('\n');
    }
    if let (Some(no), Some(role)) = (num.processor_role, &n.processor_role) {
        let _ = writeln!(
            d,
            "## {no}. {}\n",
            t(
                "Rekisterinpitäjä henkilötietojen käsittelijänä",
                "The controller as a processor for its clients"
            )
        );
        for p in &role.text {
            let _ = writeln!(d, "{p}\n");
        }
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

    // Transfers: the principles.
    let _ = writeln!(
        d,
        "## {}. {}\n",
        num.transfers,
        t(
            "Tietojen siirrot EU:n tai ETA:n ulkopuolelle: periaatteet",
            "Transfers outside the EU/EEA: principles"
        )
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

    // Security.
    let _ = writeln!(
        d,
        "## {}. {}\n",
        num.security,
        t("Rekisterin suojauksen periaatteet", "Security measures")
    );
    let _ = writeln!(
        d,
        "{}\n",
        t(
            "Henkilötiedot suojataan seuraavin teknisin ja organisatorisin toimenpitein:",
            "Personal data are protected by the following technical and organisational measures:"
        )
    );
    for m in &n.security.measures {
        let _ = writeln!(d, "- **{}.** {}", m.title, m.text);
    }
    d.push('\n');

    // Automated decision-making and profiling.
    let _ = writeln!(
        d,
        "## {}. {}\n",
        num.automated,
        t(
            "Automaattinen päätöksenteko ja profilointi",
            "Automated decision-making and profiling"
        )
    );
    for p in &n.automated_decisions.text {
        let _ = writeln!(d, "{p}\n");
    }

    // Rights.
    let _ = writeln!(
        d,
        "## {}. {}\n",
        num.rights,
        t("Rekisteröidyn oikeudet", "Rights of the data subject")
    );
    let _ = writeln!(
        d,
        "{}\n",
        t(
            "Rekisteröidyllä on tietosuoja-asetuksen mukaan seuraavat oikeudet:",
            "Under the GDPR the data subject has the following rights:"
        )
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

    // Requests.
    let _ = writeln!(
        d,
        "## {}. {}\n",
        num.requests,
        t(
            "Oikeuksien käyttäminen ja pyyntöihin vastaaminen",
            "How to use these rights, and how requests are answered"
        )
    );
    for p in &n.requests.text {
        let _ = writeln!(d, "{p}\n");
    }

    // Complaint.
    let _ = writeln!(
        d,
        "## {}. {}\n",
        num.complaint,
        t(
            "Oikeus tehdä valitus valvontaviranomaiselle",
            "Right to lodge a complaint with the supervisory authority"
        )
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
    let _ = writeln!(
        d,
        "\n## {}. {}\n\n{}",
        num.changes,
        t("Selosteen muuttaminen", "Changes to this notice"),
        n.changes
    );
    d
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
                let mut cite = crate::domain::basis::Basis::ALL
                    .into_iter()
                    .find(|x| x.name() == b)
                    .map(|x| labels::basis_article(x, lang))
                    .unwrap_or_default();
                if let Some(law) = &a.law {
                    cite.push_str("; ");
                    cite.push_str(&md(law));
                }
                format!("{} ({cite})", cap(title))
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
        let line = |d: &mut String, label: &str, v: &str| {
            let _ = writeln!(d, "- **{label}:** {}", period(&md(&cap(v))));
        };
        line(d, t("Rekisteröidyt", "Data subjects"), &a.subjects);
        line(d, t("Käsiteltävät tiedot", "Personal data"), &a.data);
        if let Some(s) = &a.source {
            line(d, t("Tietolähteet", "Sources"), s);
        }
        if let Some(r) = &a.recipients {
            line(d, t("Vastaanottajat", "Recipients"), r);
        }
        if let Some(s) = &a.system {
            line(d, t("Järjestelmä", "System"), s);
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
        line(d, t("Säilytysaika", "Retention"), &a.retention);
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

/// A transfer as its ground: "Japan: Commission adequacy decision 2019/419".
pub(super) fn transfer_ground(x: &Transfer, lang: Lang) -> String {
    let name = md(&x.name);
    let decision = x.adequacy_decision.as_deref().map(md).unwrap_or_default();
    let note = x
        .note
        .as_deref()
        .map(|n| format!(" ({})", md(n)))
        .unwrap_or_default();
    match (lang, x.lawful) {
        (Lang::Fi, true) => {
            format!("{name}: Euroopan komission riittävyyspäätös {decision}{note}")
        }
        (Lang::En, true) => format!("{name}: Commission adequacy decision {decision}{note}"),
        (Lang::Fi, false) => format!(
            "{name}: **ei riittävyyspäätöstä tai vastaanottaja ei ole sen piirissä: siirto ei ole tämän selosteen periaatteiden mukainen**"
        ),
        (Lang::En, false) => format!(
            "{name}: **no adequacy decision covers it: this transfer does not follow this notice**"
        ),
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
pub(super) fn readable_phone(e164: &str) -> String {
    phonenumber::parse(None, e164)
        .map(|p| {
            p.format()
                .mode(phonenumber::Mode::International)
                .to_string()
        })
        .unwrap_or_else(|_| e164.to_string())
}

fn register(d: &mut String, r: &RegisterPart, no: usize, num: &Numbers, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    let _ = writeln!(d, "## {no}. {}\n", md(&r.title));

    // Purposes and legal bases.
    let _ = writeln!(
        d,
        "### {no}.1 {}\n",
        t(
            "Käsittelyn tarkoitukset ja oikeusperusteet",
            "Purposes and legal bases of the processing"
        )
    );
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
        let _ = writeln!(
            d,
            "{}\n",
            t(
                "Rekisterille ei ole määritelty käsittelyn tarkoituksia eikä oikeusperusteita.",
                "No purposes or legal bases are declared for this register."
            )
        );
    } else {
        let _ = writeln!(
            d,
            "{}\n",
            t(
                "Henkilötietoja käsitellään seuraaviin tarkoituksiin. Kunkin tarkoituksen alla kerrotaan käsittelyn oikeusperuste ja se, monenko rekisteröidyn kohdalla peruste on nyt käytössä.",
                "Personal data are processed for the following purposes. Under each purpose are its legal bases and for how many data subjects each is in use now."
            )
        );
        let cite_of = |basis: &str, law: Option<&String>| {
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
        };
        for (purpose, title) in &order {
            let _ = writeln!(d, "- **{}**", md(&cap(title)));
            for b in r.bases.iter().filter(|b| b.purpose == *purpose) {
                let _ = writeln!(
                    d,
                    "  - {} ({}): {}",
                    cap(&b.title),
                    cite_of(&b.basis, b.law.as_ref()),
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
                    cite_of(&p.basis, p.law.as_ref())
                );
            }
        }
        d.push('\n');
        if !r.interests.is_empty() {
            let _ = writeln!(
                d,
                "{}\n",
                t(
                    "Rekisterinpitäjän oikeutetut edut, joihin käsittely perustuu, ovat seuraavat. Rekisterinpitäjä on punninnut ne rekisteröityjen etuja ja oikeuksia vasten, ja rekisteröity voi vastustaa tällaista käsittelyä (21 artikla):",
                    "The legitimate interests on which the processing rests are the following. The controller has weighed them against the data subjects' interests and rights, and the data subject may object to such processing (Art. 21):"
                )
            );
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
        if r.bases.iter().any(|b| b.basis == "consent")
            || r.declared.iter().any(|b| b.basis == "consent")
        {
            let _ = writeln!(
                d,
                "{} {}.\n",
                t(
                    "Suostumukseen perustuvan käsittelyn rekisteröity voi lopettaa peruuttamalla suostumuksensa milloin tahansa (ks. luku",
                    "Processing based on consent ends when the data subject withdraws consent, which they may do at any time (see chapter"
                ),
                format_args!("{})", num.rights)
            );
        }
    }

    // Data subjects.
    let _ = writeln!(
        d,
        "### {no}.2 {}\n",
        t("Rekisteröityjen ryhmät", "Categories of data subjects")
    );
    let _ = writeln!(d, "{}\n", period(&md(&cap(&r.subjects))));

    // Data.
    let _ = writeln!(
        d,
        "### {no}.3 {}\n",
        t(
            "Henkilötietoryhmät ja rekisterin tietosisältö",
            "Categories of personal data"
        )
    );
    let _ = writeln!(
        d,
        "{}\n",
        t(
            "Rekisteriin voidaan tallentaa seuraavat tiedot:",
            "The register may hold the following data:"
        )
    );
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

    // Sources.
    let _ = writeln!(
        d,
        "### {no}.4 {}\n",
        t("Säännönmukaiset tietolähteet", "Sources of the data")
    );
    let _ = writeln!(d, "{}\n", period(&md(&cap(&r.sources))));
    if !r.source_categories.is_empty() {
        let list: Vec<String> = r.source_categories.iter().map(|c| md(&c.title)).collect();
        let _ = writeln!(
            d,
            "{}: {}.\n",
            t("Tietolähteiden ryhmät", "Categories of sources"),
            list.join("; ")
        );
    }

    // Recipients.
    let _ = writeln!(
        d,
        "### {no}.5 {}\n",
        t(
            "Tietojen luovutukset ja vastaanottajaryhmät",
            "Disclosures and categories of recipients"
        )
    );
    if r.recipient_categories.is_empty() {
        let _ = writeln!(
            d,
            "{}\n",
            t(
                "Tietoja ei luovuteta säännönmukaisesti.",
                "The data are not disclosed regularly."
            )
        );
    } else {
        let _ = writeln!(
            d,
            "{}\n",
            t(
                "Tietoja ei luovuteta säännönmukaisesti muille. Tietoja voidaan luovuttaa seuraaville vastaanottajaryhmille:",
                "The data are not disclosed to others regularly. They may be disclosed to these categories of recipients:"
            )
        );
        for c in &r.recipient_categories {
            let _ = writeln!(d, "- {}", period(&md(&cap(&c.title))));
        }
        d.push('\n');
    }
    if let Some(no) = num.processors {
        let _ = writeln!(
            d,
            "{} {no}.\n",
            t(
                "Rekisterinpitäjän käyttämät henkilötietojen käsittelijät luetellaan luvussa",
                "The processors the controller uses are listed in chapter"
            )
        );
    }
    if r.recipients.is_empty() {
        let _ = writeln!(
            d,
            "{}\n",
            t(
                "Luovutuslokiin ei ole kirjattu yhtään luovutusta tämän rekisterin tiedoista.",
                "The disclosure log holds no disclosure of this register's data."
            )
        );
    } else {
        let _ = writeln!(
            d,
            "{}\n",
            t(
                "Luovutuslokin mukaan tietoja on luovutettu seuraaville vastaanottajille:",
                "According to the disclosure log, data have been disclosed to these recipients:"
            )
        );
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
            let _ = writeln!(
                d,
                "{}\n",
                t(
                    "Henkilötietojen käsittelijät käsittelevät tietoja vain rekisterinpitäjän lukuun ja sen ohjeiden mukaan, eivätkä ne saa käyttää tietoja omiin tarkoituksiinsa.",
                    "Processors handle the data only on the controller's behalf and instructions, and may not use them for purposes of their own."
                )
            );
        }
    }

    // Transfers.
    let _ = writeln!(
        d,
        "### {no}.6 {}\n",
        t(
            "Tietojen siirrot EU:n tai ETA:n ulkopuolelle",
            "Transfers outside the EU/EEA"
        )
    );
    if r.transfers.is_empty() {
        let _ = writeln!(
            d,
            "{} {}).\n",
            t(
                "Rekisterin tietoja ei ole siirretty EU:n tai ETA:n ulkopuolelle. Tietoja siirretään sinne vain komission riittävyyspäätöksen perusteella (ks. luku",
                "No data of this register have been transferred outside the EU/EEA. Data are transferred there only under an adequacy decision of the Commission (see chapter"
            ),
            num.transfers
        );
    } else {
        let _ = writeln!(
            d,
            "{}\n",
            t(
                "Tietoja on siirretty EU:n tai ETA:n ulkopuolelle seuraavasti:",
                "Data have been transferred outside the EU/EEA as follows:"
            )
        );
        for x in &r.transfers {
            let _ = writeln!(d, "- {}", transfer_line(x, lang));
        }
        d.push('\n');
    }

    // Retention.
    let _ = writeln!(d, "### {no}.7 {}\n", t("Säilytysaika", "Retention"));
    let text = &r.retention.text;
    let split = text.len().saturating_sub(2);
    let _ = writeln!(d, "{}\n", text[..split].join(" "));
    for p in &text[split..] {
        let _ = writeln!(d, "{}\n", md(p));
    }

    // Art. 13(2)(e).
    if let Some(req) = &r.requirement {
        let _ = writeln!(
            d,
            "### {no}.8 {}\n\n{}\n",
            t(
                "Tietojen antamisen pakollisuus ja antamatta jättämisen seuraukset",
                "Whether giving the data is required, and what follows from not giving them"
            ),
            md(req)
        );
    }
}

pub(super) fn transfer_line(x: &Transfer, lang: Lang) -> String {
    let name = md(&x.name);
    let count = disclosures(x.count, lang);
    let decision = x.adequacy_decision.as_deref().map(md).unwrap_or_default();
    // The scope or renewal of the decision (Canada, the UK), where lawful.
    let decision = match (&x.note, x.lawful, x.dpf_required) {
        (Some(n), true, false) => format!("{decision} ({})", md(n)),
        _ => decision,
    };
    match (lang, x.lawful, x.dpf_required) {
        (Lang::Fi, true, false) => format!(
            "{name}: {count}; Euroopan komission riittävyyspäätös {decision}"
        ),
        (Lang::Fi, true, true) => format!(
            "{name}: {count} EU:n ja Yhdysvaltojen väliseen tietosuojakehykseen sertifioituneelle vastaanottajalle; Euroopan komission riittävyyspäätös {decision}"
        ),
        (Lang::Fi, false, true) => format!(
            "{name}: {count} – **vastaanottaja ei ole sertifioitunut tietosuojakehykseen: siirto ei ole tämän selosteen periaatteiden mukainen**"
        ),
        (Lang::Fi, false, false) => format!(
            "{name}: {count} – **maalla ei ole komission riittävyyspäätöstä: siirto ei ole tämän selosteen periaatteiden mukainen**"
        ),
        (Lang::En, true, false) => {
            format!("{name}: {count}; Commission adequacy decision {decision}")
        }
        (Lang::En, true, true) => format!(
            "{name}: {count} to recipients certified under the EU–U.S. Data Privacy Framework; Commission adequacy decision {decision}"
        ),
        (Lang::En, false, true) => format!(
            "{name}: {count} – **the recipient is not certified under the Data Privacy Framework: this transfer does not follow this notice**"
        ),
        (Lang::En, false, false) => format!(
            "{name}: {count} – **the country has no adequacy decision: this transfer does not follow this notice**"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_become_markup() {
        assert_eq!(md("Acme *Oy* [x](y)"), "Acme \\*Oy\\* \\[x\\](y)");
        assert_eq!(md("two\nlines"), "two lines");
        assert_eq!(md("# heading"), "\\# heading");
    }

    #[test]
    fn dates_articles_and_counts() {
        assert_eq!(date("2026-11-04", Lang::Fi), "4.11.2026");
        assert_eq!(date("2026-01", Lang::Fi), "1/2026");
        assert_eq!(date("2026-11-04", Lang::En), "2026-11-04");
        assert_eq!(article("15", Lang::Fi), "15 artikla");
        assert_eq!(article("7(3)", Lang::Fi), "7 artiklan 3 kohta");
        assert_eq!(article("7(3)", Lang::En), "Art. 7(3)");
        assert_eq!(people(1, Lang::Fi), "1 rekisteröity");
        assert_eq!(people(2, Lang::Fi), "2 rekisteröityä");
        assert_eq!(disclosures(3, Lang::En), "3 disclosures");
        assert_eq!(cap("äiti"), "Äiti");
        assert_eq!(period("a."), "a.");
        assert_eq!(period("a"), "a.");
    }
}
