//! The access report as a letter a person can read (`export subject
//! --format markdown`), in Finnish or English by the person's language.
//! It is rendered from the same report object as the JSON, so both say
//! the same things.

use serde_json::{Map, Value};

use crate::domain::fields::fields;
use crate::domain::labels::{label, law, recipient_category, Lang};
use crate::domain::register::Register;

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(true) => "✓".into(),
        Value::Bool(false) => "–".into(),
        other => other.to_string(),
    }
}

/// Markdown table cells cannot hold `|` or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn items<'a>(v: &'a Map<String, Value>, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn get(v: &Value, key: &str) -> String {
    v.get(key).map(text).unwrap_or_default()
}

/// The language of the letter: the person's own, Finnish by default.
fn language(report: &Map<String, Value>) -> Lang {
    let lang = items(report, "records")
        .first()
        .and_then(|r| r.get("language"))
        .and_then(Value::as_str)
        .unwrap_or("fi");
    if lang == "fi" {
        Lang::Fi
    } else {
        Lang::En
    }
}

pub fn access_letter(report: &Map<String, Value>) -> String {
    let l = language(report);
    let t = |fi: &'static str, en: &'static str| l.pick(fi, en);
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    let controller = report.get("controller").cloned().unwrap_or(Value::Null);
    line(format!(
        "# {}",
        t(
            "Selvitys sinua koskevista henkilötiedoista",
            "Report on the personal data we hold about you"
        )
    ));
    line(String::new());
    line(format!(
        "{} {}. {}",
        t("Päivätty", "Dated"),
        get(&Value::Object(report.clone()), "generated_on"),
        t(
            "Tämä selvitys vastaa EU:n yleisen tietosuoja-asetuksen 15 artiklan mukaiseen tarkastuspyyntöösi; sen JSON-muotoinen liite on 20 artiklan mukainen siirrettävä kopio tiedoistasi.",
            "This report answers your request under Article 15 of the General Data Protection Regulation; its JSON version is the portable copy of your data under Article 20."
        )
    ));
    line(String::new());
    line(format!("## {}", t("Rekisterinpitäjä", "Controller")));
    line(String::new());
    for (key, fi, en) in [
        ("name", "Nimi", "Name"),
        ("business_id", "Y-tunnus", "Business ID"),
        ("address", "Osoite", "Address"),
        ("contact_person", "Yhteyshenkilö", "Contact person"),
        ("contact_phone", "Puhelin", "Phone"),
        ("contact_email", "Sähköposti", "E-mail"),
    ] {
        let v = get(&controller, key);
        if !v.is_empty() {
            line(format!("- {}: {}", t(fi, en), v));
        }
    }
    for record in items(report, "records") {
        let register: Option<Register> = record
            .get("register")
            .and_then(Value::as_str)
            .and_then(|r| r.parse().ok());
        line(String::new());
        line(format!(
            "## {} ({})",
            get(record, "register_title"),
            get(record, "id")
        ));
        line(String::new());
        line(format!(
            "| {} | {} |",
            t("Tieto", "Data"),
            t("Arvo", "Value")
        ));
        line("|---|---|".into());
        if let Some(register) = register {
            for f in fields(register) {
                let v = get(record, f.name);
                if !v.is_empty() {
                    line(format!("| {} | {} |", label(f.name, l), cell(&v)));
                }
            }
        }
        line(String::new());
        line(format!(
            "{}: {}",
            t("Tietojen lähde", "Where the data comes from"),
            get(record, "source")
        ));
        let bases = items(record.as_object().unwrap_or(&Map::new()), "bases").to_vec();
        if !bases.is_empty() {
            line(String::new());
            line(format!(
                "### {}",
                t(
                    "Käsittelyn tarkoitukset ja oikeusperusteet",
                    "Purposes and legal bases"
                )
            ));
            line(String::new());
            for b in &bases {
                let mut s = format!("- {}: {}", get(b, "purpose_title"), get(b, "basis_title"));
                let recorded = get(b, "law");
                if !recorded.is_empty() {
                    s.push_str(&format!(" ({})", law(&recorded, l)));
                }
                s.push_str(&format!(
                    ", {} {}",
                    t("alkaen", "from"),
                    get(b, "valid_from")
                ));
                let until = get(b, "valid_until");
                if !until.is_empty() {
                    s.push_str(&format!(" {} {until}", t("päättyen", "until")));
                }
                line(s);
            }
        }
        let disclosures = items(record.as_object().unwrap_or(&Map::new()), "disclosures").to_vec();
        line(String::new());
        line(format!("### {}", t("Tietojen luovutukset", "Disclosures")));
        line(String::new());
        if disclosures.is_empty() {
            line(
                t(
                    "Tietojasi ei ole luovutettu kenellekään.",
                    "Your data has not been disclosed to anyone.",
                )
                .into(),
            );
        }
        for d in &disclosures {
            line(format!(
                "- {} {}: {} ({}; {})",
                get(d, "disclosed_on"),
                get(d, "recipient"),
                get(d, "data"),
                recipient_category(&get(d, "category"), l),
                get(d, "country")
            ));
        }
        let prefs = items(record.as_object().unwrap_or(&Map::new()), "preferences").to_vec();
        if !prefs.is_empty() {
            line(String::new());
            line(format!(
                "### {}",
                t(
                    "Suoramarkkinointiluvat ja -kiellot",
                    "Direct marketing consents and objections"
                )
            ));
            line(String::new());
            for p in &prefs {
                let kind = match get(p, "kind").as_str() {
                    "consent" => t("lupa", "consent"),
                    "withdrawal" => t("luvan peruutus", "consent withdrawn"),
                    "suppression" => t(
                        "kielto (poiston jälkeen)",
                        "objection (kept after an erasure)",
                    ),
                    _ => t("kielto", "objection"),
                };
                line(format!(
                    "- {}: {} – {} {}, {} {}",
                    get(p, "effective").get(..10).unwrap_or(""),
                    kind,
                    t("kanava", "channel"),
                    get(p, "channel"),
                    t("tarkoitus", "purpose"),
                    get(p, "purpose")
                ));
            }
        }
        let corrections = items(record.as_object().unwrap_or(&Map::new()), "corrections").to_vec();
        if !corrections.is_empty() {
            line(String::new());
            line(format!(
                "### {}",
                t("Tehdyt korjaukset", "Corrections made")
            ));
            line(String::new());
            for c in &corrections {
                line(format!(
                    "- {}: {} «{}» → «{}» ({})",
                    get(c, "at").get(..10).unwrap_or(""),
                    label(&get(c, "field"), l),
                    get(c, "old_value"),
                    get(c, "new_value"),
                    get(c, "reason")
                ));
            }
        }
        line(String::new());
        line(format!("### {}", t("Säilytys", "How long we keep it")));
        line(String::new());
        let until = get(record, "retention_until");
        if until.is_empty() {
            line(t(
                "Tietoja säilytetään asiakkuuden tai palvelussuhteen ajan ja sen jälkeen lain edellyttämän ajan.",
                "The data is kept while the relationship lasts and then for the period the law requires.",
            ).into());
        } else {
            line(format!(
                "{} {until}.",
                t(
                    "Tiedot poistetaan viimeistään",
                    "The data will be erased at the latest on"
                )
            ));
        }
        for h in items(record.as_object().unwrap_or(&Map::new()), "holds") {
            let until = get(h, "until");
            let why = match get(h, "kind").as_str() {
                "active" => t("asiakkuus tai palvelussuhde on voimassa", "the relationship is still active").to_string(),
                "aml" => t(
                    "rahanpesulain (444/2017) mukainen velvollisuus säilyttää asiakkaan tuntemistiedot viisi vuotta asiakkuuden päättymisestä",
                    "the duty under the AML Act 444/2017 to keep due-diligence data five years after the relationship ended",
                )
                .to_string(),
                "employment" => t(
                    "työtodistuksen voi pyytää kymmenen vuoden ajan työsuhteen päättymisestä (työsopimuslaki 55/2001)",
                    "a certificate of employment may be asked for within ten years of the end (Employment Contracts Act 55/2001)",
                )
                .to_string(),
                "recruitment" => t(
                    "syrjintää koskevan kanteen määräaika on vuosi päätöksestä",
                    "a discrimination claim may be brought within a year of the decision",
                )
                .to_string(),
                _ => get(h, "reason"),
            };
            line(format!(
                "- {}{}",
                why,
                if until.is_empty() {
                    String::new()
                } else {
                    format!(" ({} {until})", t("asti", "until"))
                }
            ));
        }
    }
    let requests = items(report, "requests");
    if !requests.is_empty() {
        line(String::new());
        line(format!("## {}", t("Pyyntösi", "Your requests")));
        line(String::new());
        for q in requests {
            line(format!(
                "- {} ({}): {} {}, {} {}, {}",
                get(q, "id"),
                get(q, "type"),
                t("vastaanotettu", "received"),
                get(q, "received"),
                t("määräaika", "due"),
                get(q, "due"),
                get(q, "status")
            ));
        }
    }
    line(String::new());
    line(format!("## {}", t("Oikeutesi", "Your rights")));
    line(String::new());
    for r in items(report, "rights") {
        line(format!("- **{}**: {}", get(r, "article"), get(r, "right")));
    }
    out
}
