//! The texts of a breach: the letter to each person concerned (GDPR Art.
//! 34(2), in Finnish, Swedish or English by the person's `language`) and
//! the notification to the Data Protection Ombudsman (Art. 33(3)(a)–(d), in
//! Finnish or English, in the order of the Ombudsman's form: who notifies,
//! what happened, whom and what it concerns, consequences, measures, the
//! people informed, timing).
//!
//! The breach's own texts (description, consequences, measures) are the
//! firm's words in the language it wrote them; the frame around them is
//! in the reader's language.

use crate::store::Tx;
use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::domain::breach::{format_local, parse_stored};
use crate::domain::labels::Lang;
use crate::domain::register::RecordId;
use crate::error::Result;
use crate::store::breaches::Breach;
use crate::store::records::Record;

/// The language of a letter to a person: theirs if privreg writes it,
/// else English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterLang {
    Fi,
    Sv,
    En,
}

impl LetterLang {
    /// From a record's `language` (default `fi`).
    pub fn of(language: Option<&str>) -> LetterLang {
        match language.map(str::to_lowercase).as_deref() {
            None | Some("fi") => LetterLang::Fi,
            Some("sv") => LetterLang::Sv,
            Some(_) => LetterLang::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            LetterLang::Fi => "fi",
            LetterLang::Sv => "sv",
            LetterLang::En => "en",
        }
    }

    fn pick<'a>(self, fi: &'a str, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            LetterLang::Fi => fi,
            LetterLang::Sv => sv,
            LetterLang::En => en,
        }
    }
}

/// One letter to one person.
pub struct Letter {
    pub record: String,
    pub lang: LetterLang,
    pub text: String,
}

fn value_text(m: &Map<String, Value>, key: &str) -> Option<String> {
    m.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .filter(|s| !s.trim().is_empty())
}

fn local_date(stored: &str) -> String {
    parse_stored(stored)
        .map(format_local)
        .and_then(|t| t.get(..10).map(str::to_string))
        .unwrap_or_default()
}

/// A date as the letter's reader writes it.
fn date_in(d: &str, l: LetterLang) -> String {
    match (l, NaiveDate::parse_from_str(d, "%Y-%m-%d")) {
        (LetterLang::En, _) | (_, Err(_)) => d.to_string(),
        (_, Ok(date)) => date.format("%-d.%-m.%Y").to_string(),
    }
}

fn nature_sentence(nature: &str, l: LetterLang) -> &'static str {
    match nature {
        "confidentiality" => l.pick(
            "Loukkaus koski tietojen luottamuksellisuutta: tiedot ovat voineet päätyä sivullisten nähtäville tai käsiin.",
            "Incidenten gällde uppgifternas konfidentialitet: obehöriga kan ha sett eller fått tillgång till dem.",
            "The breach concerned the confidentiality of the data: people not entitled to it may have seen or obtained it.",
        ),
        "integrity" => l.pick(
            "Loukkaus koski tietojen eheyttä: tietoja on voitu muuttaa luvatta tai vahingossa.",
            "Incidenten gällde uppgifternas riktighet: de kan ha ändrats obehörigen eller av misstag.",
            "The breach concerned the integrity of the data: it may have been altered without authority or by accident.",
        ),
        _ => l.pick(
            "Loukkaus koski tietojen saatavuutta: tietoja on kadonnut tai ne eivät ole olleet käytettävissä.",
            "Incidenten gällde uppgifternas tillgänglighet: uppgifter har gått förlorade eller varit otillgängliga.",
            "The breach concerned the availability of the data: data was lost or could not be used.",
        ),
    }
}

/// The letter of Art. 34(2) to the person of record `r`: the nature of the
/// breach, the contact point, the likely consequences, the measures taken
/// and what the person can do.
pub fn subject_letter(
    b: &Breach,
    r: &Record,
    controller: &Map<String, Value>,
    consequences: &str,
    measures: &str,
    today: NaiveDate,
) -> Letter {
    let l = LetterLang::of(r.get("language"));
    let t = |fi: &'static str, sv: &'static str, en: &'static str| l.pick(fi, sv, en);
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&format!(
        "# {}",
        t(
            "Henkilötietojasi koskeva tietoturvaloukkaus",
            "Personuppgiftsincident som gäller dina personuppgifter",
            "A personal data breach concerning your personal data"
        )
    ));
    line("");
    // The address block: the person's name and where the letter goes.
    let name = [r.get("first_name"), r.get("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    line(&format!("{name}  "));
    if let Some(street) = r.get("street") {
        line(&format!("{street}  "));
    }
    let town = [r.get("postal_code"), r.get("city")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if !town.is_empty() {
        line(&format!("{town}  "));
    }
    if let Some(email) = r.get("email") {
        line(&format!("{email}  "));
    }
    line("");
    line(&format!(
        "{} {}. {}: {} / {}",
        t("Päiväys", "Datum", "Dated"),
        date_in(&today.format("%Y-%m-%d").to_string(), l),
        t("Viitteemme", "Vår referens", "Our reference"),
        b.id,
        r.id
    ));
    line("");
    line(t(
        "Ilmoitamme, että on tapahtunut henkilötietojen tietoturvaloukkaus, joka koskee sinun henkilötietojasi. Kerromme tässä kirjeessä, mitä tapahtui, mitä siitä voi seurata, mitä olemme tehneet ja mitä voit itse tehdä (EU:n yleisen tietosuoja-asetuksen 34 artikla).",
        "Vi meddelar dig att en personuppgiftsincident har inträffat som gäller dina personuppgifter. I detta brev berättar vi vad som hände, vilka följderna kan bli, vad vi har gjort och vad du själv kan göra (artikel 34 i EU:s allmänna dataskyddsförordning).",
        "We are writing to tell you of a personal data breach that concerns your personal data: what happened, what may follow from it, what we have done and what you can do (Article 34 of the EU General Data Protection Regulation).",
    ));
    line("");
    line(&format!(
        "## {}",
        t("Mitä tapahtui", "Vad hände", "What happened")
    ));
    line("");
    line(&b.description);
    line("");
    for n in &b.nature {
        line(&format!("- {}", nature_sentence(n, l)));
    }
    line("");
    line(&format!(
        "{} {}.",
        t(
            "Saimme tiedon loukkauksesta",
            "Vi fick kännedom om incidenten den",
            "We became aware of the breach on"
        ),
        date_in(&local_date(&b.aware_at), l)
    ));
    if let Some(data) = &b.data {
        line("");
        line(&format!(
            "{}: {data}",
            t(
                "Loukkaus koski seuraavia tietoja",
                "Incidenten gällde följande uppgifter",
                "The data concerned"
            )
        ));
    }
    line("");
    line(&format!(
        "## {}",
        t(
            "Todennäköiset seuraukset",
            "Sannolika följder",
            "Likely consequences"
        )
    ));
    line("");
    line(consequences);
    line("");
    line(&format!(
        "## {}",
        t(
            "Mitä olemme tehneet",
            "Vad vi har gjort",
            "What we have done"
        )
    ));
    line("");
    line(measures);
    line("");
    line(&format!(
        "## {}",
        t(
            "Mitä voit itse tehdä",
            "Vad du själv kan göra",
            "What you can do"
        )
    ));
    line("");
    if b.nature.iter().any(|n| n == "confidentiality") {
        line(&format!("- {}", t(
            "Suhtaudu varauksella odottamattomiin viesteihin, puheluihin ja laskuihin, joissa viitataan tietoihisi. Emme koskaan pyydä salasanoja tai pankkitunnuksia.",
            "Var försiktig med oväntade meddelanden, samtal och fakturor som hänvisar till dina uppgifter. Vi ber dig aldrig om lösenord eller bankkoder.",
            "Be wary of unexpected messages, calls and invoices that refer to your data. We never ask for passwords or bank codes.",
        )));
        line(&format!("- {}", t(
            "Seuraa tilitapahtumiasi ja ota heti yhteyttä pankkiisi, jos huomaat jotain tavallisesta poikkeavaa.",
            "Följ dina kontotransaktioner och kontakta genast din bank om du märker något ovanligt.",
            "Watch your bank statements and tell your bank at once if you see anything unusual.",
        )));
        line(&format!("- {}", t(
            "Jos epäilet, että henkilöllisyyttäsi käytetään väärin, voit tehdä rikosilmoituksen poliisille ja asettaa itsellesi vapaaehtoisen luottokiellon.",
            "Om du misstänker att din identitet missbrukas kan du göra en polisanmälan och registrera ett frivilligt kreditförbud.",
            "If you suspect that someone is misusing your identity, you can report it to the police and register a voluntary credit ban.",
        )));
    }
    line(&format!("- {}", t(
        "Voit pyytää nähtäväksesi tiedot, joita meillä on sinusta, ja vaatia virheellisten tietojen oikaisemista (15 ja 16 artikla).",
        "Du kan begära att få se de uppgifter vi har om dig och kräva att felaktiga uppgifter rättas (artiklarna 15 och 16).",
        "You may ask to see the data we hold about you and have inaccurate data corrected (Articles 15 and 16).",
    )));
    line(&format!("- {}", t(
        "Sinulla on oikeus tehdä valitus tietosuojavaltuutetun toimistolle (tietosuoja.fi).",
        "Du har rätt att lämna in ett klagomål till dataombudsmannens byrå (tietosuoja.fi).",
        "You have the right to lodge a complaint with the Office of the Data Protection Ombudsman (tietosuoja.fi).",
    )));
    line("");
    line(&format!(
        "## {}",
        t("Yhteystiedot", "Kontaktuppgifter", "Contact")
    ));
    line("");
    line(t(
        "Jos sinulla on kysyttävää, ota yhteyttä:",
        "Om du har frågor, kontakta oss:",
        "If you have questions, please contact us:",
    ));
    line("");
    for (key, fi, sv, en) in [
        (
            "name",
            "Rekisterinpitäjä",
            "Personuppgiftsansvarig",
            "Controller",
        ),
        (
            "contact_person",
            "Yhteyshenkilö",
            "Kontaktperson",
            "Contact person",
        ),
        ("contact_phone", "Puhelin", "Telefon", "Phone"),
        ("contact_email", "Sähköposti", "E-post", "E-mail"),
        ("address", "Osoite", "Adress", "Address"),
    ] {
        if let Some(v) = value_text(controller, key) {
            line(&format!("- {}: {v}", t(fi, sv, en)));
        }
    }
    Letter {
        record: r.id.to_string(),
        lang: l,
        text: out,
    }
}

fn text_or_null(v: &Option<String>) -> Value {
    v.clone().map(Value::from).unwrap_or(Value::Null)
}

/// The notification to the Ombudsman as data (the json of `export
/// breach`); [`authority_markdown`] writes it out. Counts and register
/// names only: no record ids, no personal values.
pub fn authority_form(
    conn: &Tx<'_>,
    b: &Breach,
    lang: Lang,
    today: NaiveDate,
) -> Result<Map<String, Value>> {
    let fi = lang == Lang::Fi;
    let mut form = Map::new();
    form.insert("breach".into(), b.id.to_string().into());
    form.insert(
        "generated_on".into(),
        today.format("%Y-%m-%d").to_string().into(),
    );
    form.insert("language".into(), lang.code().into());
    // 33(3)(b): who notifies, and the contact point.
    form.insert(
        "controller".into(),
        Value::Object(super::controller::load(conn)?),
    );
    form.insert("client".into(), text_or_null(&b.client));
    form.insert("client_notified_at".into(), text_or_null(&b.client_at));
    // 33(3)(a): the nature of the breach.
    form.insert("aware_at".into(), b.aware_at.clone().into());
    form.insert("nature".into(), b.nature.clone().into());
    form.insert("description".into(), b.description.clone().into());
    // 33(3)(a): categories and approximate numbers of people and records.
    let mut by_register: Vec<(String, i64)> = Vec::new();
    for r in &b.records {
        let Ok(id) = r.parse::<RecordId>() else {
            continue;
        };
        let name = id.register.name().to_string();
        match by_register.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => by_register.push((name, 1)),
        }
    }
    let mut categories = Vec::new();
    for (register, count) in &by_register {
        let texts = crate::store::notice::register_texts(conn, register_of(register)?, fi)?;
        let (title, subjects) = (texts.title, texts.subjects);
        let mut m = Map::new();
        m.insert("register".into(), register.clone().into());
        m.insert("title".into(), title.into());
        m.insert("subjects".into(), subjects.into());
        m.insert("records".into(), (*count).into());
        categories.push(Value::Object(m));
    }
    form.insert("records_by_register".into(), categories.into());
    form.insert("records_total".into(), (b.records.len() as i64).into());
    form.insert(
        "approx_subjects".into(),
        b.approx_subjects.unwrap_or(b.records.len() as i64).into(),
    );
    form.insert(
        "approx_subjects_from".into(),
        if b.approx_subjects.is_some() {
            "estimate"
        } else {
            "records-named"
        }
        .into(),
    );
    form.insert("data".into(), text_or_null(&b.data));
    // 33(3)(c), (d) and the assessment they come from.
    let a = b.assessment();
    form.insert(
        "risk".into(),
        a.map(|a| Value::from(a.risk.clone()))
            .unwrap_or(Value::Null),
    );
    form.insert(
        "risk_reason".into(),
        a.map(|a| Value::from(a.reason.clone()))
            .unwrap_or(Value::Null),
    );
    form.insert(
        "consequences".into(),
        a.map(|a| text_or_null(&a.consequences))
            .unwrap_or(Value::Null),
    );
    form.insert(
        "measures".into(),
        a.map(|a| text_or_null(&a.measures)).unwrap_or(Value::Null),
    );
    // Art. 34: the people informed.
    form.insert("subjects_notified_at".into(), text_or_null(&b.subjects_at));
    form.insert("letters".into(), b.letters.into());
    // 33(1): timing.
    form.insert("notify_by".into(), b.notify_by.clone().into());
    form.insert(
        "authority_notified_at".into(),
        text_or_null(&b.authority_at),
    );
    form.insert(
        "authority_reference".into(),
        text_or_null(&b.authority_reference),
    );
    form.insert("late_reason".into(), text_or_null(&b.late_reason));
    Ok(form)
}

fn get(form: &Map<String, Value>, key: &str) -> String {
    match form.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn local(form: &Map<String, Value>, key: &str) -> String {
    let s = get(form, key);
    parse_stored(&s).map(format_local).unwrap_or(s)
}

fn nature_word(n: &str, lang: Lang) -> &'static str {
    match n {
        "confidentiality" => lang.pick(
            "luottamuksellisuuden menetys (tietoja on paljastunut tai päätynyt sivullisille)",
            "loss of confidentiality (data disclosed to or accessed by people not entitled to it)",
        ),
        "integrity" => lang.pick(
            "eheyden menetys (tietoja on muuttunut luvatta tai vahingossa)",
            "loss of integrity (data altered without authority or by accident)",
        ),
        _ => lang.pick(
            "saatavuuden menetys (tietoja on kadonnut tai tuhoutunut tai ne eivät ole olleet käytettävissä)",
            "loss of availability (data lost, destroyed or unavailable)",
        ),
    }
}

/// The notification in the order of the Ombudsman's form, as markdown.
pub fn authority_markdown(form: &Map<String, Value>, lang: Lang) -> String {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    let none = t("(ei tiedossa)", "(not known)");
    let or_none = |s: String| if s.is_empty() { none.to_string() } else { s };
    let time = t("Suomen aikaa", "Finnish time");
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "# {} – {}",
        t(
            "Ilmoitus henkilötietojen tietoturvaloukkauksesta tietosuojavaltuutetun toimistolle",
            "Notification of a personal data breach to the Office of the Data Protection Ombudsman"
        ),
        get(form, "breach")
    ));
    line(String::new());
    line(format!(
        "{} {}. {}",
        t("Laadittu", "Prepared on"),
        get(form, "generated_on"),
        t(
            "EU:n yleisen tietosuoja-asetuksen 33 artiklan 3 kohdan a–d alakohdan tiedot.",
            "The content of Article 33(3)(a)–(d) of the EU General Data Protection Regulation."
        )
    ));
    line(String::new());
    // 1. The notifier: 33(3)(b).
    line(format!(
        "## 1. {} (33(3)(b))",
        t(
            "Rekisterinpitäjä ja yhteyspiste",
            "Controller and contact point"
        )
    ));
    line(String::new());
    let controller = form
        .get("controller")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (key, fi, en) in [
        ("name", "Nimi", "Name"),
        ("business_id", "Y-tunnus", "Business ID"),
        ("address", "Osoite", "Address"),
        ("contact_person", "Yhteyshenkilö", "Contact person"),
        ("contact_phone", "Puhelin", "Phone"),
        ("contact_email", "Sähköposti", "E-mail"),
    ] {
        line(format!(
            "- {}: {}",
            t(fi, en),
            or_none(value_text(&controller, key).unwrap_or_default())
        ));
    }
    let client = get(form, "client");
    if !client.is_empty() {
        line(format!(
            "- {}: {client}",
            t(
                "Loukkaus tapahtui käsittelyssä, jota teemme henkilötietojen käsittelijänä asiakkaallemme",
                "The breach happened in processing we do as a processor for our client"
            )
        ));
        let told = local(form, "client_notified_at");
        line(format!(
            "- {}: {}",
            t(
                "Rekisterinpitäjälle (asiakkaalle) ilmoitettu (33(2))",
                "Controller (client) told (33(2))"
            ),
            if told.is_empty() {
                none.to_string()
            } else {
                format!("{told} {time}")
            }
        ));
    }
    line(String::new());
    // 2. The breach: 33(3)(a).
    line(format!(
        "## 2. {} (33(3)(a))",
        t("Tietoturvaloukkaus", "The breach")
    ));
    line(String::new());
    line(format!(
        "- {}: {} {time}",
        t(
            "Loukkaus havaittiin (tietoiseksi tuleminen)",
            "The controller became aware"
        ),
        local(form, "aware_at")
    ));
    let natures: Vec<&str> = form
        .get("nature")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    line(format!(
        "- {}: {}",
        t("Loukkauksen luonne", "Nature of the breach"),
        natures
            .iter()
            .map(|n| nature_word(n, lang))
            .collect::<Vec<_>>()
            .join("; ")
    ));
    line(format!(
        "- {}: {}",
        t("Kuvaus", "Description"),
        get(form, "description")
    ));
    line(String::new());
    // 3. People and data: 33(3)(a).
    line(format!(
        "## 3. {} (33(3)(a))",
        t(
            "Rekisteröidyt ja henkilötiedot",
            "People and personal data concerned"
        )
    ));
    line(String::new());
    let from_records = get(form, "approx_subjects_from") == "records-named";
    line(format!(
        "- {}: {}{}",
        t(
            "Rekisteröityjen arvioitu lukumäärä",
            "Approximate number of people"
        ),
        get(form, "approx_subjects"),
        if from_records {
            t(
                " (nimettyjen rekisterimerkintöjen mukaan)",
                " (from the records named)",
            )
        } else {
            ""
        }
    ));
    line(format!(
        "- {}: {}",
        t(
            "Henkilötietotietueiden arvioitu lukumäärä",
            "Approximate number of personal data records"
        ),
        get(form, "records_total")
    ));
    let categories = form
        .get("records_by_register")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if !categories.is_empty() {
        line(format!(
            "- {}:",
            t(
                "Rekisteröityjen ryhmät ja tietueiden määrä rekisterin mukaan",
                "Categories of people and number of records by register"
            )
        ));
        for c in &categories {
            let Some(c) = c.as_object() else { continue };
            line(format!(
                "  - {} ({}): {}",
                get(c, "title"),
                get(c, "subjects"),
                get(c, "records")
            ));
        }
    }
    line(format!(
        "- {}: {}",
        t("Henkilötietoryhmät", "Categories of personal data"),
        or_none(get(form, "data"))
    ));
    line(String::new());
    // 4. Consequences: 33(3)(c).
    line(format!(
        "## 4. {} (33(3)(c))",
        t("Todennäköiset seuraukset", "Likely consequences")
    ));
    line(String::new());
    line(or_none(get(form, "consequences")));
    let risk = get(form, "risk");
    if !risk.is_empty() {
        let level = match risk.as_str() {
            "unlikely" => t(
                "epätodennäköistä, että loukkauksesta aiheutuu riski",
                "unlikely to result in a risk",
            ),
            "risk" => t("riski", "a risk"),
            _ => t("korkea riski", "a high risk"),
        };
        line(String::new());
        line(format!(
            "{}: {level}. {}",
            t(
                "Riskiarvio rekisteröityjen oikeuksille ja vapauksille",
                "Assessed risk to people's rights and freedoms"
            ),
            get(form, "risk_reason")
        ));
    }
    line(String::new());
    // 5. Measures: 33(3)(d).
    line(format!(
        "## 5. {} (33(3)(d))",
        t(
            "Toteutetut ja ehdotetut toimenpiteet",
            "Measures taken or proposed"
        )
    ));
    line(String::new());
    line(or_none(get(form, "measures")));
    line(String::new());
    // 6. The people informed: Art. 34.
    line(format!(
        "## 6. {} (34)",
        t(
            "Rekisteröidyille ilmoittaminen",
            "Communication to the people"
        )
    ));
    line(String::new());
    let informed = local(form, "subjects_notified_at");
    line(if !informed.is_empty() {
        format!(
            "{} {informed} {time} ({}: {}).",
            t(
                "Rekisteröidyille on ilmoitettu kirjeellä",
                "The people were told by letter on"
            ),
            t("kirjeitä", "letters"),
            get(form, "letters")
        )
    } else if risk == "high" {
        t(
            "Rekisteröidyille ilmoitetaan ilman aiheetonta viivytystä.",
            "The people will be told without undue delay.",
        )
        .to_string()
    } else {
        t(
            "Rekisteröidyille ei ole ilmoitettu: korkeaa riskiä ei ole arvioitu (34 artiklan 1 kohta).",
            "The people have not been told: no high risk was assessed (Article 34(1)).",
        )
        .to_string()
    });
    line(String::new());
    // 7. Timing: 33(1).
    line(format!(
        "## 7. {} (33(1))",
        t("Ilmoituksen ajankohta", "Timing of the notification")
    ));
    line(String::new());
    line(format!(
        "- {}: {} {time}",
        t("72 tunnin määräaika päättyy", "The 72 hours end"),
        local(form, "notify_by")
    ));
    let told = local(form, "authority_notified_at");
    if !told.is_empty() {
        line(format!("- {}: {told} {time}", t("Ilmoitettu", "Notified")));
    }
    let reference = get(form, "authority_reference");
    if !reference.is_empty() {
        line(format!("- {}: {reference}", t("Viite", "Reference")));
    }
    let late = get(form, "late_reason");
    if !late.is_empty() {
        line(format!(
            "- {}: {late}",
            t("Viivästyksen syyt", "Reasons for the delay")
        ));
    }
    out
}

fn register_of(name: &str) -> Result<crate::domain::register::Register> {
    name.parse()
        .map_err(|_| crate::error::Error::Storage(format!("no register named {name}")))
}
