//! `breach notify`: to the Data Protection Ombudsman (Art. 33) and to the
//! client whose processor the firm is (Art. 33(2)), the adapters of
//! `ops::breach`; or by letter to each person concerned (Art. 34), written
//! by `breach_letter`.

use serde::Serialize;

use super::*;
use crate::cli::BreachNotifyArgs;
use crate::domain::breach::BreachId;
use crate::domain::register::RecordId;
use crate::ops::breach::{refuse_closed, AuthorityOptions};
use crate::ops::controller::Controller;
use crate::store::breaches::Breach;
use crate::store::records;
use crate::store::Tx;
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

/// What `notify --subjects` did, for the notice on stderr.
struct LetterRun {
    letters: usize,
    skipped: Vec<String>,
}

pub(super) fn notify_subjects(session: &mut Session, args: BreachNotifyArgs) -> Result<Output> {
    let id = args.id;
    let format = session.global.format;
    let lang = session.global.lang;
    let mut run = LetterRun {
        letters: 0,
        skipped: Vec::new(),
    };
    let out = session.write("breach-notify-subjects", |tx, who| {
        let b = breaches::load(tx, id)?;
        refuse_closed(&b)?;
        let (consequences, measures, controller) = letter_facts(tx, &b)?;
        let mut letters: Vec<Letter> = Vec::new();
        let mut read: Vec<String> = Vec::new();
        for text in &b.records {
            let rid: RecordId = text
                .parse()
                .map_err(|_| Error::Internal(format!("{id} names a malformed record id")))?;
            match records::get(tx, rid)? {
                Some(r) => {
                    letters.push(breach_letter::subject_letter(
                        &b,
                        &r,
                        &controller,
                        (&consequences, &measures),
                        who.today,
                        lang,
                    ));
                    read.push(text.clone());
                }
                None => run.skipped.push(text.clone()),
            }
        }
        breaches::notify_subjects(
            tx,
            id,
            letters.len() as i64,
            run.skipped.len() as i64,
            &who.now,
            &who.operator,
        )?;
        run.letters = letters.len();
        let mut by_lang: Vec<(String, usize)> = Vec::new();
        for l in &letters {
            match by_lang.iter_mut().find(|(code, _)| code == l.lang.code()) {
                Some((_, n)) => *n += 1,
                None => by_lang.push((l.lang.code().to_string(), 1)),
            }
        }
        let langs: Vec<String> = by_lang.iter().map(|(c, n)| format!("{c}:{n}")).collect();
        // The records whose data the letters hold: read, and so audited.
        let entry = Entry {
            records: read,
            ..Entry::new("breach-notify-subjects")
                .rows(letters.len())
                .detail(format!(
                    "breach={id} letters={} skipped-erased={} lang={} format={}",
                    letters.len(),
                    run.skipped.len(),
                    langs.join(","),
                    format.name()
                ))
        };
        let out = letters_output(id, &letters, &run.skipped, format);
        Ok((out, entry))
    })?;
    if !session.global.quiet {
        let mut notice = format!("privreg: {}", R::LettersNotice.say(&[&id, &run.letters]));
        if !run.skipped.is_empty() {
            notice.push_str(&R::LettersSkipped.say(&[&run.skipped.len(), &run.skipped.join(" ")]));
        }
        eprintln!("{notice}");
    }
    Ok(out)
}

/// What every letter must state (GDPR Art. 34(2)): the likely
/// consequences and the measures from the breach's assessment, and the
/// controller's contact point.
fn letter_facts(tx: &Tx<'_>, b: &Breach) -> Result<(String, String, Controller)> {
    let assessment = b.assessment().cloned();
    let (Some(consequences), Some(measures)) = (
        assessment.as_ref().and_then(|a| a.consequences.clone()),
        assessment.as_ref().and_then(|a| a.measures.clone()),
    ) else {
        return Err(Error::invalid("breach", R::NoAssessment.say(&[&b.id])));
    };
    let controller = crate::ops::controller::load(tx)?;
    if !controller.has_contact_point() {
        return Err(Error::invalid("controller", R::NoContactPoint));
    }
    Ok((consequences, measures, controller))
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
