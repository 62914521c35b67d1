//! `breach notify`: to the Data Protection Ombudsman (Art. 33) and to the
//! client whose processor the firm is (Art. 33(2)), the adapters of
//! `ops::breach`; or by letter to each person concerned (Art. 34), the
//! adapter of `ops::breach_notify`, the letters written by `breach_letter`.

use serde::Serialize;

use super::*;
use crate::cli::BreachNotifyArgs;
use crate::domain::breach::BreachId;
use crate::ops::breach::AuthorityOptions;
use crate::ops::breach_notify::SubjectsOptions;
use breach_letter::Letter;

pub(super) fn notify_authority(session: &mut Session, args: BreachNotifyArgs) -> Result<Output> {
    let now = now_of(session)?;
    let at = match &args.at {
        Some(text) => datetime_arg("at", text)?,
        None => now,
    };
    if at > now {
        return Err(Error::invalid("at", M::IsInFuture));
    }
    let reference = optional_text("reference", args.reference)?;
    let late_reason = optional_text("late_reason", args.late_reason)?;
    let options = AuthorityOptions {
        id: args.id,
        at,
        reference: reference.as_deref(),
        late_reason: late_reason.as_deref(),
    };
    let told = session.write("breach-notify-authority", |tx, who| {
        ops::notify_authority(tx, who, &options)
    })?;
    let id = options.id;
    let plain = if told.late {
        D::AuthorityToldLate.say(&[&id, &format_local(at), &told.hours_late])
    } else {
        D::AuthorityToldInTime.say(&[&id, &format_local(at)])
    };
    Ok(Output::Object {
        value: to_map(&told.row),
        plain: Some(plain),
    })
}

pub(super) fn notify_client(session: &mut Session, args: BreachNotifyArgs) -> Result<Output> {
    let id = args.id;
    let told = session.write("breach-notify-client", |tx, who| {
        ops::notify_client(tx, who, id)
    })?;
    let at = format_local(told.at);
    Ok(Output::Object {
        value: to_map(&told.row),
        plain: Some(D::ClientTold.say(&[&id, &at, &told.lag_hours])),
    })
}

pub(super) fn notify_subjects(session: &mut Session, args: BreachNotifyArgs) -> Result<Output> {
    let format = session.global.format;
    let options = SubjectsOptions {
        id: args.id,
        lang: session.global.lang,
        format: format.name(),
    };
    let people = session.write("breach-notify-subjects", |tx, who| {
        crate::ops::breach_notify::notify_subjects(tx, who, &options)
    })?;
    let texts = (people.consequences.as_str(), people.measures.as_str());
    let letters: Vec<Letter> = people
        .subjects
        .iter()
        .map(|s| {
            let today = session.who.today;
            let (b, c) = (&people.breach, &people.controller);
            breach_letter::subject_letter(b, &s.record, c, texts, today, Some(s.lang))
        })
        .collect();
    let (id, skipped) = (options.id, &people.skipped);
    if !session.global.quiet {
        let mut notice = format!("privreg: {}", R::LettersNotice.say(&[&id, &letters.len()]));
        if !skipped.is_empty() {
            notice.push_str(&R::LettersSkipped.say(&[&skipped.len(), &skipped.join(" ")]));
        }
        eprintln!("{notice}");
    }
    Ok(letters_output(id, &letters, skipped, format))
}

/// A letter in the JSON of `breach notify --subjects`.
#[derive(Serialize)]
struct LetterView<'a> {
    record: &'a str,
    language: &'a str,
    text: &'a str,
}

/// The JSON of `breach notify --subjects`.
#[derive(Serialize)]
struct LettersView<'a> {
    #[serde(serialize_with = "crate::ops::as_text")]
    breach: BreachId,
    letters: Vec<LetterView<'a>>,
    skipped_erased: &'a [String],
}

/// The letters as one document, or as json for scripts.
fn letters_output(id: BreachId, letters: &[Letter], skipped: &[String], format: Format) -> Output {
    if format == Format::Json {
        let view = LettersView {
            breach: id,
            letters: letters
                .iter()
                .map(|l| LetterView {
                    record: &l.record,
                    language: l.lang.code(),
                    text: &l.text,
                })
                .collect(),
            skipped_erased: skipped,
        };
        Output::Object {
            value: to_map(&view),
            plain: None,
        }
    } else {
        let texts: Vec<&str> = letters.iter().map(|l| l.text.as_str()).collect();
        Output::Document(texts.join("\n---\n\n"))
    }
}
