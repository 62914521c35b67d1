//! `breach notify`: to the Data Protection Ombudsman (Art. 33), to the
//! client whose processor the firm is (Art. 33(2)), or by letter to each
//! person concerned (Art. 34).

use super::*;

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
    let id = args.id;
    session.write("breach-notify-authority", |tx, who| {
        let b = breaches::load(tx, id)?;
        refuse_closed(&b)?;
        if let Some(told) = &b.authority_at {
            return Err(Error::invalid(
                "breach",
                R::AuthorityToldAlready.say(&[&id, &format_local(stored(told)?)]),
            ));
        }
        if at < stored(&b.aware_at)? {
            return Err(Error::invalid("at", R::BeforeAware));
        }
        refuse_personal_values(
            tx,
            &b.records,
            &[
                ("reference", reference.as_deref()),
                ("late_reason", late_reason.as_deref()),
            ],
        )?;
        let due = stored(&b.notify_by)?;
        let late = at > due;
        if late && late_reason.is_none() {
            return Err(Error::invalid(
                "late_reason",
                R::LateReasonNeeded.say(&[&format_local(at), &format_local(due)]),
            ));
        }
        breaches::notify_authority(
            tx,
            id,
            &format_utc(at),
            reference.as_deref(),
            late_reason.as_deref(),
            &who.now,
            &who.operator,
        )?;
        let b = breaches::load(tx, id)?;
        let mut entry = entry_for("breach-notify-authority", &b);
        entry
            .detail
            .push_str(if late { " late" } else { " in-time" });
        if reference.is_some() {
            entry.fields.push("reference".into());
        }
        if late_reason.is_some() {
            entry.fields.push("late_reason".into());
        }
        let hours_late = ((at - due).num_minutes().max(0) + 59) / 60;
        let plain = if late {
            D::AuthorityToldLate.say(&[&id, &format_local(at), &hours_late])
        } else {
            D::AuthorityToldInTime.say(&[&id, &format_local(at)])
        };
        Ok((
            Output::Object {
                value: breach_row(&b, now)?,
                plain: Some(plain),
            },
            entry,
        ))
    })
}

pub(super) fn notify_client(session: &mut Session, args: BreachNotifyArgs) -> Result<Output> {
    let id = args.id;
    session.write("breach-notify-client", |tx, who| {
        let b = breaches::load(tx, id)?;
        refuse_closed(&b)?;
        if b.client.is_none() {
            return Err(Error::invalid("client", R::NoClient.say(&[&id])));
        }
        if let Some(told) = &b.client_at {
            return Err(Error::invalid(
                "client",
                R::ClientToldAlready.say(&[&id, &format_local(stored(told)?)]),
            ));
        }
        breaches::notify_client(tx, id, &who.now, &who.operator)?;
        let b = breaches::load(tx, id)?;
        let now = stored(&who.now)?;
        let lag = now - stored(&b.aware_at)?;
        let entry = entry_for("breach-notify-client", &b);
        Ok((
            Output::Object {
                value: breach_row(&b, now)?,
                plain: Some(D::ClientTold.say(&[&id, &format_local(now), &lag.num_hours()])),
            },
            entry,
        ))
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
fn letter_facts(tx: &Tx<'_>, b: &Breach) -> Result<(String, String, Map<String, Value>)> {
    let assessment = b.assessment().cloned();
    let (Some(consequences), Some(measures)) = (
        assessment.as_ref().and_then(|a| a.consequences.clone()),
        assessment.as_ref().and_then(|a| a.measures.clone()),
    ) else {
        return Err(Error::invalid("breach", R::NoAssessment.say(&[&b.id])));
    };
    let controller = crate::commands::controller::load(tx)?;
    let has_contact = ["contact_person", "contact_phone", "contact_email"]
        .iter()
        .any(|k| controller.get(*k).is_some_and(|v| !v.is_null()));
    if !has_contact {
        return Err(Error::invalid("controller", R::NoContactPoint));
    }
    Ok((consequences, measures, controller))
}

/// The letters as one document, or as json for scripts.
fn letters_output(
    id: crate::domain::breach::BreachId,
    letters: &[Letter],
    skipped: &[String],
    format: Format,
) -> Output {
    if format == Format::Json {
        let mut m = Map::new();
        m.insert("breach".into(), id.to_string().into());
        m.insert(
            "letters".into(),
            letters
                .iter()
                .map(|l| {
                    let mut o = Map::new();
                    o.insert("record".into(), l.record.clone().into());
                    o.insert("language".into(), l.lang.code().into());
                    o.insert("text".into(), l.text.clone().into());
                    Value::Object(o)
                })
                .collect::<Vec<_>>()
                .into(),
        );
        m.insert("skipped_erased".into(), skipped.to_vec().into());
        Output::Object {
            value: m,
            plain: None,
        }
    } else {
        let texts: Vec<&str> = letters.iter().map(|l| l.text.as_str()).collect();
        Output::Document(texts.join("\n---\n\n"))
    }
}
