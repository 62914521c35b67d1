//! The access report as a letter a person can read (`export subject
//! --format markdown`): wholly in Finnish, Swedish or English (the
//! report's `language`: `--lang`, else the person's own), dates as the
//! language writes them, every code in words. It is rendered from the same
//! report object as the JSON, so both say the same things.

use serde_json::{Map, Value};

use crate::domain::fields::{fields, Kind};
use crate::domain::register::Register;
use crate::domain::rights::Right;
use crate::domain::{rights, words};
use crate::messages::{Lang, L};

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

fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn get(v: &Value, key: &str) -> String {
    v.get(key).map(text).unwrap_or_default()
}

/// An article as the language cites it: "7 artiklan 3 kohta", "artikel
/// 7.3", "Art. 7(3)".
pub(super) fn article(a: &str, l: Lang) -> String {
    match a.split_once('(') {
        Some((art, point)) => L::ArticlePoint.say_in(l, &[&art, &point.trim_end_matches(')')]),
        None => L::Article.say_in(l, &[&a]),
    }
}

/// The letter being written, line by line.
struct Letter {
    out: String,
    l: Lang,
}

impl Letter {
    fn line(&mut self, s: impl AsRef<str>) {
        self.out.push_str(s.as_ref());
        self.out.push('\n');
    }

    /// A heading with a blank line before and after.
    fn heading(&mut self, level: usize, key: L) {
        if !self.out.is_empty() {
            self.line("");
        }
        let title = key.text(self.l);
        self.line(format!("{} {title}", "#".repeat(level)));
        self.line("");
    }

    fn say(&self, key: L, args: &[&dyn std::fmt::Display]) -> String {
        key.say_in(self.l, args)
    }

    fn date(&self, stored: &str) -> String {
        self.l.date_text(stored)
    }
}

/// The letter of the access report `report` (see `export::subject_report`).
pub fn access_letter(report: &Map<String, Value>) -> String {
    let report = Value::Object(report.clone());
    let l = report
        .get("language")
        .and_then(Value::as_str)
        .and_then(|c| c.parse().ok())
        .unwrap_or(Lang::Fi);
    let mut d = Letter {
        out: String::new(),
        l,
    };
    d.line(format!("# {}", L::AccessTitle.text(l)));
    d.line("");
    let dated = d.say(L::Dated, &[&d.date(&get(&report, "generated_on"))]);
    d.line(format!("{dated} {}", L::AccessIntro.text(l)));
    d.heading(2, L::Controller);
    let controller = report.get("controller").cloned().unwrap_or(Value::Null);
    for (key, label) in [
        ("name", L::Name),
        ("business_id", L::BusinessId),
        ("address", L::Address),
        ("contact_person", L::ContactPerson),
        ("contact_phone", L::Phone),
        ("contact_email", L::Email),
    ] {
        let v = get(&controller, key);
        if !v.is_empty() {
            d.line(format!("- {}: {v}", label.text(l)));
        }
    }
    for record in items(&report, "records") {
        record_data(&mut d, record);
        bases(&mut d, record);
        disclosures(&mut d, record);
        preferences(&mut d, record);
        corrections(&mut d, record);
        retention(&mut d, record);
    }
    requests(&mut d, &report);
    rights_section(&mut d);
    d.out
}

/// The record's heading, its values and where they come from.
fn record_data(d: &mut Letter, record: &Value) {
    let l = d.l;
    let register: Option<Register> = record
        .get("register")
        .and_then(Value::as_str)
        .and_then(|r| r.parse().ok());
    d.line("");
    d.line(format!(
        "## {} ({})",
        get(record, "register_title"),
        get(record, "id")
    ));
    d.line("");
    d.line(format!("| {} | {} |", L::Data.text(l), L::Value.text(l)));
    d.line("|---|---|");
    for f in register.map(fields).unwrap_or_default() {
        let mut v = get(record, f.name);
        if matches!(f.kind, Kind::Date | Kind::PastDate) {
            v = d.date(&v);
        }
        if !v.is_empty() {
            let label = words::field_label(f.name, l);
            d.line(format!("| {label} | {} |", cell(&v)));
        }
    }
    d.line("");
    d.line(format!("{}: {}", L::Source.text(l), get(record, "source")));
}

fn bases(d: &mut Letter, record: &Value) {
    let bases = items(record, "bases");
    if bases.is_empty() {
        return;
    }
    d.heading(3, L::Purposes);
    for b in bases {
        let mut s = format!("- {}: {}", get(b, "purpose_title"), get(b, "basis_title"));
        let recorded = get(b, "law");
        if !recorded.is_empty() {
            s.push_str(&format!(" ({})", words::law(&recorded, d.l)));
        }
        let from = d.date(&get(b, "valid_from"));
        s.push_str(&format!(", {}", d.say(L::From, &[&from])));
        let until = get(b, "valid_until");
        if !until.is_empty() {
            let until = d.date(&until);
            s.push_str(&format!(" {}", d.say(L::Until, &[&until])));
        }
        d.line(s);
    }
}

fn disclosures(d: &mut Letter, record: &Value) {
    d.heading(3, L::Disclosures);
    let disclosures = items(record, "disclosures");
    if disclosures.is_empty() {
        d.line(L::NoDisclosures.text(d.l));
    }
    for x in disclosures {
        d.line(format!(
            "- {} {}: {} ({}; {})",
            d.date(&get(x, "disclosed_on")),
            get(x, "recipient"),
            get(x, "data"),
            words::recipient_category(&get(x, "category"), d.l),
            get(x, "country")
        ));
    }
}

fn preferences(d: &mut Letter, record: &Value) {
    let prefs = items(record, "preferences");
    if prefs.is_empty() {
        return;
    }
    d.heading(3, L::Marketing);
    let l = d.l;
    for p in prefs {
        let channel = words::channel(&get(p, "channel"), l);
        let purpose = words::marketing_purpose(&get(p, "purpose"), l);
        d.line(format!(
            "- {}: {} – {}, {}",
            d.date(&get(p, "effective")),
            words::preference(&get(p, "kind"), l),
            d.say(L::Channel, &[&channel]),
            d.say(L::Purpose, &[&purpose])
        ));
    }
}

fn corrections(d: &mut Letter, record: &Value) {
    let corrections = items(record, "corrections");
    if corrections.is_empty() {
        return;
    }
    d.heading(3, L::Corrections);
    for c in corrections {
        d.line(format!(
            "- {}: {} «{}» → «{}» ({})",
            d.date(&get(c, "at")),
            words::field_label(&get(c, "field"), d.l),
            get(c, "old_value"),
            get(c, "new_value"),
            get(c, "reason")
        ));
    }
}

/// How long the record is kept, and the holds that keep it.
fn retention(d: &mut Letter, record: &Value) {
    d.heading(3, L::Keeping);
    let until = get(record, "retention_until");
    if until.is_empty() {
        d.line(L::KeptWhile.text(d.l));
    } else {
        let until = d.date(&until);
        d.line(d.say(L::ErasedBy, &[&until]));
    }
    let register: Option<Register> = record
        .get("register")
        .and_then(Value::as_str)
        .and_then(|r| r.parse().ok());
    for h in items(record, "holds") {
        let why = words::hold(&get(h, "kind"), register, d.l)
            .map_or_else(|| get(h, "reason"), str::to_string);
        let until = get(h, "until");
        let until = if until.is_empty() {
            String::new()
        } else {
            let until = d.date(&until);
            d.say(L::HoldUntil, &[&until])
        };
        d.line(format!("- {why}{until}"));
    }
}

fn requests(d: &mut Letter, report: &Value) {
    let requests = items(report, "requests");
    if requests.is_empty() {
        return;
    }
    d.heading(2, L::Requests);
    let l = d.l;
    for q in requests {
        let state = match get(q, "outcome") {
            o if !o.is_empty() => o,
            _ => get(q, "status"),
        };
        let line = d.say(
            L::Request,
            &[
                &get(q, "id"),
                &words::request_kind(&get(q, "type"), l),
                &d.date(&get(q, "received")),
                &d.date(&get(q, "due")),
                &words::request_state(&state, l),
            ],
        );
        d.line(format!("- {line}"));
    }
}

/// The rights, from the one list the notice also prints.
fn rights_section(d: &mut Letter) {
    d.heading(2, L::Rights);
    d.line(L::RightsIntro.text(d.l));
    d.line("");
    for r in Right::ALL {
        d.line(format!(
            "- **{}** ({}). {}",
            rights::title(r, d.l),
            article(r.article(), d.l),
            rights::text(r, d.l)
        ));
    }
    d.line("");
    d.line(L::Authority.text(d.l));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_cited_as_each_language_cites_them() {
        assert_eq!(article("7(3)", Lang::Fi), "7 artiklan 3 kohta");
        assert_eq!(article("7(3)", Lang::Sv), "artikel 7.3");
        assert_eq!(article("15", Lang::En), "Art. 15");
        assert_eq!(article("15", Lang::Fi), "15 artikla");
    }

    #[test]
    fn a_swedish_letter_has_no_finnish_or_english_frame() {
        let report = serde_json::json!({
            "language": "sv",
            "generated_on": "2026-11-26",
            "controller": {"name": "Firma Ab"},
            "records": [{
                "id": "C-1", "register": "customer", "register_title": "Kundregister",
                "last_name": "Lindqvist", "relationship_start": "2026-01-02",
                "source": "den registrerade själv",
                "preferences": [{"effective": "2026-03-01T10:00:00Z", "kind": "optout",
                                 "channel": "email", "purpose": "all"}],
                "holds": [{"kind": "active"}],
            }],
            "requests": [{"id": "REQ-1", "type": "access", "received": "2026-11-20",
                          "due": "2026-12-20", "status": "open"}],
        });
        let letter = access_letter(report.as_object().unwrap());
        for want in [
            "Daterad 26.11.2026.",
            "| kundrelationens början | 2.1.2026 |",
            "förbud – kanal: e-post, ändamål: alla ändamål",
            "REQ-1 (begäran om tillgång): mottagen 20.11.2026",
            "under behandling",
            "Dataombudsmannens byrå",
            "kundrelationen eller anställningen pågår",
        ] {
            assert!(letter.contains(want), "missing {want:?} in:\n{letter}");
        }
        for english in ["open", "email", "access)", "Dated", "2026-11-26"] {
            assert!(!letter.contains(english), "{english:?} in:\n{letter}");
        }
    }
}
