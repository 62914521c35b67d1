//! A register's chapter of the notice: purposes and legal bases, data
//! subjects, data, sources, recipients, transfers, retention and whether
//! giving the data is required.

use std::fmt::Write;

use super::{cite, para, subheading, Numbers};
use crate::commands::notice::text::{cap, md, period};
use crate::commands::notice::{RegisterPart, Transfer};
use crate::domain::labels::{self, Lang};

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
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    subheading(
        d,
        no,
        1,
        t(
            "Käsittelyn tarkoitukset ja oikeusperusteet",
            "Purposes and legal bases of the processing",
        ),
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
        para(
            d,
            t(
                "Rekisterille ei ole määritelty käsittelyn tarkoituksia eikä oikeusperusteita.",
                "No purposes or legal bases are declared for this register.",
            ),
        );
    } else {
        para(d, t("Henkilötietoja käsitellään seuraaviin tarkoituksiin. Kunkin tarkoituksen alla kerrotaan käsittelyn oikeusperuste ja se, monenko rekisteröidyn kohdalla peruste on nyt käytössä.", "Personal data are processed for the following purposes. Under each purpose are its legal bases and for how many data subjects each is in use now."));
        purpose_list(d, r, &order, lang);
        d.push('\n');
        interests(d, r, lang);
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
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    if !r.interests.is_empty() {
        para(d, t("Rekisterinpitäjän oikeutetut edut, joihin käsittely perustuu, ovat seuraavat. Rekisterinpitäjä on punninnut ne rekisteröityjen etuja ja oikeuksia vasten, ja rekisteröity voi vastustaa tällaista käsittelyä (21 artikla):", "The legitimate interests on which the processing rests are the following. The controller has weighed them against the data subjects' interests and rights, and the data subject may object to such processing (Art. 21):"));
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
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    subheading(
        d,
        no,
        2,
        t("Rekisteröityjen ryhmät", "Categories of data subjects"),
    );
    let _ = writeln!(d, "{}\n", period(&md(&cap(&r.subjects))));

    subheading(
        d,
        no,
        3,
        t(
            "Henkilötietoryhmät ja rekisterin tietosisältö",
            "Categories of personal data",
        ),
    );
    para(
        d,
        t(
            "Rekisteriin voidaan tallentaa seuraavat tiedot:",
            "The register may hold the following data:",
        ),
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

    subheading(
        d,
        no,
        4,
        t("Säännönmukaiset tietolähteet", "Sources of the data"),
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
}

/// N.5: the categories of recipients, and the disclosure log's recipients.
fn recipients(d: &mut String, r: &RegisterPart, no: usize, num: &Numbers, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    subheading(
        d,
        no,
        5,
        t(
            "Tietojen luovutukset ja vastaanottajaryhmät",
            "Disclosures and categories of recipients",
        ),
    );
    if r.recipient_categories.is_empty() {
        para(
            d,
            t(
                "Tietoja ei luovuteta säännönmukaisesti.",
                "The data are not disclosed regularly.",
            ),
        );
    } else {
        para(d, t("Tietoja ei luovuteta säännönmukaisesti muille. Tietoja voidaan luovuttaa seuraaville vastaanottajaryhmille:", "The data are not disclosed to others regularly. They may be disclosed to these categories of recipients:"));
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
        para(
            d,
            t(
                "Luovutuslokiin ei ole kirjattu yhtään luovutusta tämän rekisterin tiedoista.",
                "The disclosure log holds no disclosure of this register's data.",
            ),
        );
    } else {
        para(
            d,
            t(
                "Luovutuslokin mukaan tietoja on luovutettu seuraaville vastaanottajille:",
                "According to the disclosure log, data have been disclosed to these recipients:",
            ),
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
            para(d, t("Henkilötietojen käsittelijät käsittelevät tietoja vain rekisterinpitäjän lukuun ja sen ohjeiden mukaan, eivätkä ne saa käyttää tietoja omiin tarkoituksiinsa.", "Processors handle the data only on the controller's behalf and instructions, and may not use them for purposes of their own."));
        }
    }
}

/// N.6: the transfers outside the EU/EEA from the disclosure log.
fn transfers(d: &mut String, r: &RegisterPart, no: usize, num: &Numbers, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    subheading(
        d,
        no,
        6,
        t(
            "Tietojen siirrot EU:n tai ETA:n ulkopuolelle",
            "Transfers outside the EU/EEA",
        ),
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
        para(
            d,
            t(
                "Tietoja on siirretty EU:n tai ETA:n ulkopuolelle seuraavasti:",
                "Data have been transferred outside the EU/EEA as follows:",
            ),
        );
        for x in &r.transfers {
            let _ = writeln!(d, "- {}", transfer_line(x, lang));
        }
        d.push('\n');
    }
}

/// N.7 and N.8: retention, and whether giving the data is required.
fn retention(d: &mut String, r: &RegisterPart, no: usize, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    subheading(d, no, 7, t("Säilytysaika", "Retention"));
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
            t(
                "Tietojen antamisen pakollisuus ja antamatta jättämisen seuraukset",
                "Whether giving the data is required, and what follows from not giving them"
            ),
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
