//! The small pieces of Markdown the notice's documents share: values
//! escaped, a capital, a full stop, a Finnish date, a labelled item, the
//! list of security measures, a transfer's ground and a processor's line.

use std::fmt::Write;

use super::{Measure, ProcessorPart, Transfer};
use crate::domain::labels::Lang;
use crate::messages::N;

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

/// The security measures as a list, each `- **Title.** Text`.
pub(super) fn measure_list(d: &mut String, measures: &[Measure]) {
    for m in measures {
        let _ = writeln!(d, "- **{}.** {}", m.title, m.text);
    }
    d.push('\n');
}

/// `- **label:** Value.`: a labelled item of a list.
pub(super) fn item(d: &mut String, label: &str, value: &str) {
    let _ = writeln!(d, "- **{label}:** {}", period(&md(&cap(value))));
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
    let ground = if x.lawful {
        N::GroundAdequate
    } else {
        N::GroundNone
    };
    ground.say_in(lang, &[&name, &decision, &note])
}

pub(super) fn processor_line(p: &ProcessorPart, lang: Lang) -> String {
    let contract = match &p.contract_date {
        Some(c) => N::ProcessingAgreementOf.say_in(lang, &[&date(c, lang)]),
        None => N::NoProcessingAgreement.text(lang).to_string(),
    };
    let place = match &p.transfer {
        Some(x) => transfer_ground(x, lang),
        None => md(&p.country_name),
    };
    format!(
        "**{}** ({place}): {}; {contract}",
        md(&p.name),
        md(&p.service)
    )
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
    fn dates_capitals_and_full_stops() {
        assert_eq!(date("2026-11-04", Lang::Fi), "4.11.2026");
        assert_eq!(date("2026-01", Lang::Fi), "1/2026");
        assert_eq!(date("2026-11-04", Lang::En), "2026-11-04");
        assert_eq!(cap("äiti"), "Äiti");
        assert_eq!(period("a."), "a.");
        assert_eq!(period("a"), "a.");
    }
}
