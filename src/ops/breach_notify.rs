//! `breach notify --subjects` (GDPR Art. 34): the people a breach's
//! records name, read and gathered with what every letter to them must
//! state (Art. 34(2)), and the notification recorded. The letters are
//! rendered from this model by `commands/breach_letter.rs`.

use crate::domain::breach::BreachId;
use crate::domain::register::RecordId;
use crate::error::{Error, Result};
use crate::messages::{Lang, R};
use crate::store::audit::Entry;
use crate::store::breaches::{self, Breach};
use crate::store::records::{self, Record};
use crate::store::Tx;

use super::breach::refuse_closed;
use super::controller::Controller;
use super::Who;

/// What `breach notify --subjects` is asked.
pub struct SubjectsOptions {
    /// The breach.
    pub id: BreachId,
    /// The language of every letter (`--lang`); without it, each
    /// person's own (their record's `language`, see [`Lang::of_person`]).
    pub lang: Option<Lang>,
    /// The name of the output format the letters are written in, kept
    /// in the audit entry.
    pub format: &'static str,
}

/// One person to write to: their record and the letter's language.
pub struct Subject {
    pub record: Record,
    pub lang: Lang,
}

/// What the letters are written from.
pub struct Subjects {
    pub breach: Breach,
    /// The likely consequences, from the breach's assessment.
    pub consequences: String,
    /// The measures taken or proposed, from the breach's assessment.
    pub measures: String,
    /// The controller, with its contact point.
    pub controller: Controller,
    /// The people, in the order the breach names their records.
    pub subjects: Vec<Subject>,
    /// The records the breach names that were erased since: no letter.
    pub skipped: Vec<String>,
}

/// Reads each record the breach names (audited: the entry names every
/// record read) and records the notification: the letters' count and
/// the erased records skipped. Refused for a closed breach, one without
/// the assessment's consequences and measures, or a controller without
/// a contact point.
pub fn notify_subjects(tx: &Tx<'_>, who: &Who, o: &SubjectsOptions) -> Result<(Subjects, Entry)> {
    let id = o.id;
    let breach = breaches::load(tx, id)?;
    refuse_closed(&breach)?;
    let (consequences, measures, controller) = letter_facts(tx, &breach)?;
    let mut subjects = Vec::new();
    let mut read: Vec<String> = Vec::new();
    let mut skipped = Vec::new();
    for text in &breach.records {
        let rid: RecordId = text
            .parse()
            .map_err(|_| Error::Internal(format!("{id} names a malformed record id")))?;
        match records::get(tx, rid)? {
            Some(record) => {
                let lang = o
                    .lang
                    .unwrap_or_else(|| Lang::of_person(record.get("language")));
                subjects.push(Subject { record, lang });
                read.push(text.clone());
            }
            None => skipped.push(text.clone()),
        }
    }
    breaches::notify_subjects(
        tx,
        id,
        subjects.len() as i64,
        skipped.len() as i64,
        &who.now,
        &who.operator,
    )?;
    let mut by_lang: Vec<(&str, usize)> = Vec::new();
    for s in &subjects {
        match by_lang.iter_mut().find(|(code, _)| *code == s.lang.code()) {
            Some((_, n)) => *n += 1,
            None => by_lang.push((s.lang.code(), 1)),
        }
    }
    let langs: Vec<String> = by_lang.iter().map(|(c, n)| format!("{c}:{n}")).collect();
    // The records whose data the letters hold: read, and so audited.
    let entry = Entry {
        records: read,
        ..Entry::new("breach-notify-subjects")
            .rows(subjects.len())
            .detail(format!(
                "breach={id} letters={} skipped-erased={} lang={} format={}",
                subjects.len(),
                skipped.len(),
                langs.join(","),
                o.format
            ))
    };
    let gathered = Subjects {
        breach,
        consequences,
        measures,
        controller,
        subjects,
        skipped,
    };
    Ok((gathered, entry))
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
    let controller = super::controller::load(tx)?;
    if !controller.has_contact_point() {
        return Err(Error::invalid("controller", R::NoContactPoint));
    }
    Ok((consequences, measures, controller))
}
