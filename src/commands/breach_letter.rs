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

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::domain::breach::{format_local, parse_stored};
use crate::domain::labels::Lang;
use crate::domain::rights;
use crate::domain::rights::Right;
use crate::messages::N;
use crate::messages::{Lang as LetterLang, L};
use crate::ops::breach_form::AuthorityForm;
use crate::ops::controller::Controller;
use crate::output::to_map;
use crate::store::breaches::Breach;
use crate::store::records::Record;

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

fn nature_sentence(nature: &str) -> L {
    match nature {
        "confidentiality" => L::NatureConfidentiality,
        "integrity" => L::NatureIntegrity,
        _ => L::NatureAvailability,
    }
}

/// What the person can do: guard against misuse when the data may have
/// been seen, and the rights that matter after a breach, from the one list
/// the notice and the access report print.
fn what_you_can_do(b: &Breach, l: LetterLang) -> Vec<String> {
    let mut items = Vec::new();
    if b.nature.iter().any(|n| n == "confidentiality") {
        for a in [L::BeWary, L::WatchBank, L::Police] {
            items.push(a.text(l).to_string());
        }
    }
    for r in [Right::Access, Right::Rectification, Right::Complaint] {
        items.push(format!(
            "**{}** ({}). {}",
            rights::title(r, l),
            super::letter::article(r.article(), l),
            rights::text(r, l)
        ));
    }
    items
}

/// The letter of Art. 34(2) to the person of record `r`: the nature of the
/// breach, the contact point, the likely consequences, the measures taken
/// and what the person can do. In `lang` (`--lang`), else in the person's
/// own language.
pub fn subject_letter(
    b: &Breach,
    r: &Record,
    controller: &Controller,
    texts: (&str, &str),
    today: NaiveDate,
    lang: Option<LetterLang>,
) -> Letter {
    let l = lang.unwrap_or_else(|| LetterLang::of_person(r.get("language")));
    let (consequences, measures) = texts;
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&format!("# {}", L::BreachTitle.text(l)));
    line("");
    // The address block: the person's name and where the letter goes.
    let name = [r.get("first_name"), r.get("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let town = [r.get("postal_code"), r.get("city")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let address = [
        Some(name.as_str()),
        r.get("street"),
        Some(town.as_str()),
        r.get("email"),
    ];
    for part in address.into_iter().flatten().filter(|p| !p.is_empty()) {
        line(&format!("{part}  "));
    }
    line("");
    let dated = l.date(today);
    line(&L::BreachDated.say_in(l, &[&dated, &b.id, &r.id]));
    line("");
    line(L::BreachIntro.text(l));
    line("");
    line(&format!("## {}", L::WhatHappened.text(l)));
    line("");
    line(&b.description);
    line("");
    for n in &b.nature {
        line(&format!("- {}", nature_sentence(n).text(l)));
    }
    line("");
    let aware = l.date_text(&local_date(&b.aware_at));
    line(&L::AwareOn.say_in(l, &[&aware]));
    if let Some(data) = &b.data {
        line("");
        line(&L::DataConcerned.say_in(l, &[data]));
    }
    for (heading, text) in [(L::Consequences, consequences), (L::Measures, measures)] {
        line("");
        line(&format!("## {}", heading.text(l)));
        line("");
        line(text);
    }
    line("");
    line(&format!("## {}", L::YouCan.text(l)));
    line("");
    for item in what_you_can_do(b, l) {
        line(&format!("- {item}"));
    }
    line("");
    line(&format!("## {}", L::Contact.text(l)));
    line("");
    line(L::Questions.text(l));
    line("");
    for (key, label) in [
        ("name", L::Controller),
        ("contact_person", L::ContactPerson),
        ("contact_phone", L::Phone),
        ("contact_email", L::Email),
        ("address", L::Address),
    ] {
        if let Some(v) = controller.get(key).filter(|v| !v.trim().is_empty()) {
            line(&format!("- {}: {v}", label.text(l)));
        }
    }
    Letter {
        record: r.id.to_string(),
        lang: l,
        text: out,
    }
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
        "confidentiality" => N::LossConfidentialityDataDisclosed.text(lang),
        "integrity" => N::LossIntegrityDataAltered.text(lang),
        _ => N::LossAvailabilityDataLost.text(lang),
    }
}

/// The notification being written: its lines, language and form.
struct Form<'a> {
    out: String,
    lang: Lang,
    form: &'a Map<String, Value>,
}

impl Form<'_> {
    fn line(&mut self, s: impl AsRef<str>) {
        self.out.push_str(s.as_ref());
        self.out.push('\n');
    }

    /// A numbered section's heading with the article it answers.
    fn section(&mut self, n: u8, title: N, article: &str) {
        let title = title.text(self.lang);
        self.line(format!("## {n}. {title} ({article})"));
        self.line("");
    }

    fn get(&self, key: &str) -> String {
        get(self.form, key)
    }

    fn local(&self, key: &str) -> String {
        local(self.form, key)
    }

    /// "(not known)" for an empty value.
    fn or_none(&self, s: String) -> String {
        if s.is_empty() {
            N::NotKnown.text(self.lang).to_string()
        } else {
            s
        }
    }

    fn time(&self) -> &'static str {
        N::FinnishTime.text(self.lang)
    }
}

/// The notification in the order of the Ombudsman's form, as markdown.
pub fn authority_markdown(form: &AuthorityForm, lang: Lang) -> String {
    let form = &to_map(form);
    let mut f = Form {
        out: String::new(),
        lang,
        form,
    };
    let title = N::NotificationPersonalDataBreach.text(f.lang);
    f.line(format!("# {title} – {}", f.get("breach")));
    f.line("");
    let prepared = N::Prepared.text(f.lang);
    let content = N::ContentArticle333.text(f.lang);
    f.line(format!("{prepared} {}. {content}", f.get("generated_on")));
    f.line("");
    notifier(&mut f);
    the_breach(&mut f);
    people(&mut f);
    consequences(&mut f);
    f.section(5, N::SectionMeasures, "33(3)(d)");
    let measures = f.or_none(f.get("measures"));
    f.line(measures);
    f.line("");
    informed(&mut f);
    timing(&mut f);
    f.out
}

/// 1. The notifier and the contact point: 33(3)(b).
fn notifier(f: &mut Form<'_>) {
    f.section(1, N::SectionController, "33(3)(b)");
    let controller = f
        .form
        .get("controller")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (key, label) in [
        ("name", L::Name),
        ("business_id", L::BusinessId),
        ("address", L::Address),
        ("contact_person", L::ContactPerson),
        ("contact_phone", L::Phone),
        ("contact_email", L::Email),
    ] {
        let v = f.or_none(value_text(&controller, key).unwrap_or_default());
        f.line(format!("- {}: {v}", label.text(f.lang)));
    }
    let client = f.get("client");
    if !client.is_empty() {
        let label = N::BreachHappenedProcessingWe.text(f.lang);
        f.line(format!("- {label}: {client}"));
        let told = f.local("client_notified_at");
        let told = if told.is_empty() {
            f.or_none(told)
        } else {
            format!("{told} {}", f.time())
        };
        let label = N::ControllerClientTold33.text(f.lang);
        f.line(format!("- {label}: {told}"));
    }
    f.line("");
}

/// 2. What happened: 33(3)(a).
fn the_breach(f: &mut Form<'_>) {
    f.section(2, N::SectionBreach, "33(3)(a)");
    let label = N::ControllerBecameAware.text(f.lang);
    f.line(format!("- {label}: {} {}", f.local("aware_at"), f.time()));
    let natures: Vec<&str> = f
        .form
        .get("nature")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let natures = natures
        .iter()
        .map(|n| nature_word(n, f.lang))
        .collect::<Vec<_>>()
        .join("; ");
    let label = N::NatureBreach.text(f.lang);
    f.line(format!("- {label}: {natures}"));
    let label = N::Description.text(f.lang);
    f.line(format!("- {label}: {}", f.get("description")));
    f.line("");
}

/// 3. Whom and what it concerns: 33(3)(a).
fn people(f: &mut Form<'_>) {
    f.section(3, N::SectionPeople, "33(3)(a)");
    let from_records = f.get("approx_subjects_from") == "records-named";
    let label = N::ApproximateNumberPeople.text(f.lang);
    let how = if from_records {
        N::RecordsNamed.text(f.lang)
    } else {
        ""
    };
    f.line(format!("- {label}: {}{how}", f.get("approx_subjects")));
    let label = N::ApproximateNumberPersonalData.text(f.lang);
    f.line(format!("- {label}: {}", f.get("records_total")));
    let categories = f
        .form
        .get("records_by_register")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if !categories.is_empty() {
        let label = N::CategoriesPeopleNumberRecords.text(f.lang);
        f.line(format!("- {label}:"));
        for c in categories.iter().filter_map(Value::as_object) {
            f.line(format!(
                "  - {} ({}): {}",
                get(c, "title"),
                get(c, "subjects"),
                get(c, "records")
            ));
        }
    }
    let label = N::CategoriesPersonalData2.text(f.lang);
    let data = f.or_none(f.get("data"));
    f.line(format!("- {label}: {data}"));
    f.line("");
}

/// 4. Likely consequences and the assessed risk: 33(3)(c).
fn consequences(f: &mut Form<'_>) {
    f.section(4, N::SectionConsequences, "33(3)(c)");
    let consequences = f.or_none(f.get("consequences"));
    f.line(consequences);
    let risk = f.get("risk");
    if !risk.is_empty() {
        let level = match risk.as_str() {
            "unlikely" => N::UnlikelyResultRisk.text(f.lang),
            "risk" => N::Risk.text(f.lang),
            _ => N::HighRisk.text(f.lang),
        };
        let label = N::AssessedRiskPeopleS.text(f.lang);
        f.line("");
        f.line(format!("{label}: {level}. {}", f.get("risk_reason")));
    }
    f.line("");
}

/// 6. The people informed: Art. 34.
fn informed(f: &mut Form<'_>) {
    f.section(6, N::SectionInformed, "34");
    let informed = f.local("subjects_notified_at");
    let text = if !informed.is_empty() {
        format!(
            "{} {informed} {} ({}: {}).",
            N::PeopleWereToldLetter.text(f.lang),
            f.time(),
            N::Letters.text(f.lang),
            f.get("letters")
        )
    } else if f.get("risk") == "high" {
        N::PeopleWillToldWithout.text(f.lang).to_string()
    } else {
        N::PeopleHaveNotBeen.text(f.lang).to_string()
    };
    f.line(text);
    f.line("");
}

/// 7. Timing: 33(1).
fn timing(f: &mut Form<'_>) {
    f.section(7, N::SectionTiming, "33(1)");
    let time = f.time();
    let label = N::N72HoursEnd.text(f.lang);
    f.line(format!("- {label}: {} {time}", f.local("notify_by")));
    let told = f.local("authority_notified_at");
    if !told.is_empty() {
        let label = N::Notified.text(f.lang);
        f.line(format!("- {label}: {told} {time}"));
    }
    let reference = f.get("authority_reference");
    if !reference.is_empty() {
        let label = N::Reference.text(f.lang);
        f.line(format!("- {label}: {reference}"));
    }
    let late = f.get("late_reason");
    if !late.is_empty() {
        let label = N::ReasonsDelay.text(f.lang);
        f.line(format!("- {label}: {late}"));
    }
}
