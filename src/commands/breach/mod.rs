//! `breach open/assess/notify/close/list/show` and `export breach`:
//! personal data breaches (GDPR Art. 33, 34; SPEC §10). The 72-hour
//! deadline is [`crate::domain::breach::notify_by`]; the letters to the
//! people and the Ombudsman's notification are written by
//! [`super::breach_letter`].
//!
//! A breach names records by id only and holds no personal value, so an
//! erasure leaves it whole; the letters read the records (audited before
//! any byte is printed: [`Session::write`] commits the entry first).

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::breach_letter::{self, Letter};
use super::requests::required_text;
use super::Session;
use crate::cli::{
    BreachAssessArgs, BreachCommand, BreachIdArgs, BreachListArgs, BreachNotifyArgs,
    BreachOpenArgs, ExportBreachArgs,
};
use crate::domain::breach::{
    format_local, format_utc, notify_by, parse_datetime, parse_stored, urgency, Nature, Risk,
};
use crate::domain::register::RecordId;
use crate::domain::request::Urgency;
use crate::error::{Error, Problem, Result};
use crate::messages::{D, M, R};
use crate::ops::records::load as load_record;
use crate::output::{Column, Format, Output};
use crate::store::audit::Entry;
use crate::store::breaches::{self, Assessment, Breach, NewBreach};
use crate::store::records;
use crate::store::Tx;

mod notify;
use notify::{notify_authority, notify_client, notify_subjects};

pub fn run(session: &mut Session, command: BreachCommand) -> Result<Output> {
    if let BreachCommand::Notify(a) = &command {
        // clap counts a flag's default as present, so `requires` cannot say this.
        if !a.authority && (a.at.is_some() || a.reference.is_some() || a.late_reason.is_some()) {
            return Err(Error::Usage(R::BreachAuthorityOnly.into()));
        }
    }
    match command {
        BreachCommand::Open(a) => open(session, a),
        BreachCommand::Assess(a) => assess(session, a),
        BreachCommand::Notify(a) if a.authority => notify_authority(session, a),
        BreachCommand::Notify(a) if a.subjects => notify_subjects(session, a),
        BreachCommand::Notify(a) => notify_client(session, a),
        BreachCommand::Close(a) => close(session, a),
        BreachCommand::List(a) => list(session, a),
        BreachCommand::Show(a) => show(session, a),
    }
}

/// Optional free text, trimmed; given but blank is refused.
fn optional_text(field: &str, text: Option<String>) -> Result<Option<String>> {
    text.map(|t| required_text(field, &t)).transpose()
}

/// A datetime typed by the user, refused by field name (exit 3).
fn datetime_arg(field: &str, text: &str) -> Result<DateTime<Utc>> {
    parse_datetime(text).map_err(|e| Error::invalid(field, e.0))
}

/// A time privreg stored itself; one that does not parse is a bug.
fn stored(text: &str) -> Result<DateTime<Utc>> {
    parse_stored(text).ok_or_else(|| Error::Internal("a stored breach time does not parse".into()))
}

/// The command's instant (the one clock, as `who.now`).
fn now_of(session: &Session) -> Result<DateTime<Utc>> {
    stored(&session.who.now)
}

fn text_or_null(v: &Option<String>) -> Value {
    v.clone().map(Value::from).unwrap_or(Value::Null)
}

/// A stored time as a table shows it (Helsinki), or empty.
fn local_or_empty(v: &Option<String>) -> Value {
    v.as_deref()
        .and_then(parse_stored)
        .map(|t| Value::from(format_local(t)))
        .unwrap_or(Value::Null)
}

/// How pressing a breach is at `now`: only an open one still awaiting the
/// Ombudsman's notification has a deadline to miss.
fn urgency_of(b: &Breach, now: DateTime<Utc>) -> Result<Option<Urgency>> {
    if b.is_open() && b.awaits_authority() {
        Ok(urgency(stored(&b.notify_by)?, now))
    } else {
        Ok(None)
    }
}

/// A breach as a row: the short form of `list`, and the start of `show`.
/// Times stay UTC (SPEC §12); `_…_local` keys give tables Helsinki time.
fn breach_row(b: &Breach, now: DateTime<Utc>) -> Result<Map<String, Value>> {
    let u = urgency_of(b, now)?;
    let mut m = Map::new();
    m.insert("id".into(), b.id.to_string().into());
    m.insert("aware_at".into(), b.aware_at.clone().into());
    m.insert("notify_by".into(), b.notify_by.clone().into());
    m.insert("status".into(), b.status.clone().into());
    m.insert("nature".into(), b.nature.clone().into());
    m.insert(
        "risk".into(),
        b.risk().map(Value::from).unwrap_or(Value::Null),
    );
    m.insert("records".into(), b.records.clone().into());
    m.insert("approx_subjects".into(), b.approx_subjects.into());
    m.insert("client".into(), text_or_null(&b.client));
    m.insert(
        "authority_notified_at".into(),
        text_or_null(&b.authority_at),
    );
    m.insert("subjects_notified_at".into(), text_or_null(&b.subjects_at));
    m.insert("client_notified_at".into(), text_or_null(&b.client_at));
    m.insert("overdue".into(), (u == Some(Urgency::Overdue)).into());
    m.insert(
        "flag".into(),
        u.map(|u| Value::from(u.flag())).unwrap_or(Value::Null),
    );
    m.insert(
        "_aware_local".into(),
        local_or_empty(&Some(b.aware_at.clone())),
    );
    m.insert(
        "_notify_by_local".into(),
        local_or_empty(&Some(b.notify_by.clone())),
    );
    m.insert("_authority_local".into(), local_or_empty(&b.authority_at));
    if let Some(u) = u {
        let colour = match u {
            Urgency::Overdue => "red",
            Urgency::DueSoon => "yellow",
        };
        m.insert("_colour__notify_by_local".into(), colour.into());
    }
    Ok(m)
}

/// The audit entry of a command on a breach: its records (ids only) and
/// the breach's id. No text of the breach goes here.
fn entry_for(action: &str, b: &Breach) -> Entry {
    Entry {
        records: b.records.clone(),
        ..Entry::new(action).detail(format!("breach={}", b.id))
    }
}

fn refuse_closed(b: &Breach) -> Result<()> {
    if b.is_open() {
        Ok(())
    } else {
        Err(Error::invalid(
            "breach",
            R::BreachClosed.say(&[
                &b.id,
                &b.closed_at
                    .as_deref()
                    .and_then(|t| t.get(..10))
                    .unwrap_or(""),
            ]),
        ))
    }
}

/// A breach outlives the erasure of the records it names, so its texts
/// (the firm's account) must not carry a named person's own data: a text
/// that contains a name, hetu, e-mail or phone of one of them is refused,
/// naming the record and the field, never the value.
fn refuse_personal_values(
    tx: &Tx<'_>,
    record_ids: &[String],
    texts: &[(&str, Option<&str>)],
) -> Result<()> {
    let texts: Vec<(&str, String)> = texts
        .iter()
        .filter_map(|(field, t)| t.map(|t| (*field, t.to_lowercase())))
        .collect();
    for text in record_ids {
        let Ok(rid) = text.parse::<RecordId>() else {
            continue;
        };
        let Some(r) = records::get(tx, rid)? else {
            continue;
        };
        for name in ["first_name", "last_name", "hetu", "email", "phone"] {
            let Some(value) = r.get(name).map(str::to_lowercase) else {
                continue;
            };
            if value.chars().count() < 3 {
                continue;
            }
            if let Some((field, _)) = texts.iter().find(|(_, t)| t.contains(&value)) {
                return Err(Error::invalid(
                    *field,
                    R::BreachPersonalValue.say(&[&name, &rid]),
                ));
            }
        }
    }
    Ok(())
}

fn open(session: &mut Session, args: BreachOpenArgs) -> Result<Output> {
    let aware = datetime_arg("aware_at", &args.aware_at)?;
    if aware > now_of(session)? {
        return Err(Error::invalid("aware_at", M::IsInFuture));
    }
    let description = required_text("description", &args.description)?;
    let data = optional_text("data", args.data)?;
    let client = optional_text("client", args.client)?;
    let mut nature: Vec<Nature> = args.nature.clone();
    nature.sort();
    nature.dedup();
    let nature: Vec<&str> = nature.iter().map(|n| n.name()).collect();
    let due = notify_by(aware);
    session.write("breach-open", |tx, who| {
        let mut ids: Vec<String> = Vec::new();
        for id in &args.records {
            // exit 4 for a record that does not exist (or was erased)
            load_record(tx, *id)?;
            let id = id.to_string();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        refuse_personal_values(
            tx,
            &ids,
            &[
                ("description", Some(&description)),
                ("data", data.as_deref()),
            ],
        )?;
        let id = breaches::insert(
            tx,
            &NewBreach {
                aware_at: &format_utc(aware),
                notify_by: &format_utc(due),
                description: &description,
                nature: &nature,
                approx_subjects: args.approx_subjects.map(i64::from),
                data: data.as_deref(),
                client: client.as_deref(),
                records: &ids,
                at: &who.now,
                by: &who.operator,
            },
        )?;
        let b = breaches::load(tx, id)?;
        let mut detail = format!("breach={id} nature={}", nature.join(","));
        if client.is_some() {
            detail.push_str(" client");
        }
        let mut plain = D::BreachOpened.say(&[&id, &format_local(due)]);
        let now = stored(&who.now)?;
        if now > due {
            plain.push_str(&format!("\n{}", D::HoursPassed));
        }
        if client.is_some() {
            plain.push_str(&format!("\n{}", D::TellClient));
        }
        let entry = Entry {
            records: b.records.clone(),
            ..Entry::new("breach-open").detail(detail)
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

/// A risk as a message says it.
fn risk_word(risk: Risk) -> D {
    match risk {
        Risk::Unlikely => D::RiskUnlikely,
        Risk::Risk => D::RiskRisk,
        Risk::High => D::RiskHigh,
    }
}

fn assess(session: &mut Session, args: BreachAssessArgs) -> Result<Output> {
    let reason = required_text("reason", &args.reason)?;
    let consequences = optional_text("consequences", args.consequences)?;
    let measures = optional_text("measures", args.measures)?;
    let risk = args.risk;
    if risk.needs_authority() {
        let mut problems = Vec::new();
        for (field, v) in [("consequences", &consequences), ("measures", &measures)] {
            if v.is_none() {
                problems.push(Problem::new(
                    field,
                    D::RequiredForRisk.say(&[&risk_word(risk)]),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
    }
    let id = args.id;
    session.write("breach-assess", |tx, who| {
        let b = breaches::load(tx, id)?;
        refuse_closed(&b)?;
        refuse_personal_values(
            tx,
            &b.records,
            &[
                ("reason", Some(&reason)),
                ("consequences", consequences.as_deref()),
                ("measures", measures.as_deref()),
            ],
        )?;
        breaches::assess(
            tx,
            id,
            &Assessment {
                risk: risk.name().into(),
                reason: reason.clone(),
                consequences: consequences.clone(),
                measures: measures.clone(),
                at: who.now.clone(),
                by: who.operator.clone(),
            },
        )?;
        let b = breaches::load(tx, id)?;
        let mut plain = D::Assessed.say(&[&id, &risk_word(risk)]);
        match risk {
            Risk::Unlikely => plain.push_str(&format!("\n{}", D::NoNotificationNeeded)),
            Risk::Risk | Risk::High => {
                if b.authority_at.is_none() {
                    let by = format_local(stored(&b.notify_by)?);
                    plain.push_str(&format!("\n{}", D::NotifyBy.say(&[&by])));
                }
                if risk == Risk::High {
                    plain.push_str(&format!("\n{}", D::TellPeople));
                }
            }
        }
        let mut fields = vec!["risk".to_string(), "reason".into()];
        if consequences.is_some() {
            fields.push("consequences".into());
        }
        if measures.is_some() {
            fields.push("measures".into());
        }
        let mut entry = entry_for("breach-assess", &b);
        entry.fields = fields;
        entry.detail.push_str(&format!(" risk={}", risk.name()));
        Ok((
            Output::Object {
                value: breach_row(&b, stored(&who.now)?)?,
                plain: Some(plain),
            },
            entry,
        ))
    })
}

fn close(session: &mut Session, args: BreachIdArgs) -> Result<Output> {
    let id = args.id;
    session.write("breach-close", |tx, who| {
        let b = breaches::load(tx, id)?;
        refuse_closed(&b)?;
        let mut missing: Vec<String> = Vec::new();
        if b.assessment().is_none() {
            missing.push(D::MissingAssessment.into());
        }
        if b.awaits_authority() {
            missing.push(D::MissingAuthority.into());
        }
        if b.risk() == Some("high") && b.subjects_at.is_none() {
            missing.push(D::MissingLetters.into());
        }
        if b.client.is_some() && b.client_at.is_none() {
            missing.push(D::MissingClient.into());
        }
        if !missing.is_empty() {
            return Err(Error::invalid(
                "breach",
                R::BreachCannotClose.say(&[&id, &missing.join("; ")]),
            ));
        }
        breaches::close(tx, id, &who.now, &who.operator)?;
        let b = breaches::load(tx, id)?;
        let entry = entry_for("breach-close", &b);
        Ok((
            Output::Object {
                value: breach_row(&b, stored(&who.now)?)?,
                plain: Some(D::BreachClosed.say(&[&id])),
            },
            entry,
        ))
    })
}

/// The columns of `breach list` in a table (times in Helsinki).
const LIST_COLUMNS: &[Column] = &[
    ("id", "id"),
    ("aware", "_aware_local"),
    ("notify by", "_notify_by_local"),
    ("flag", "flag"),
    ("risk", "risk"),
    ("nature", "nature"),
    ("authority told", "_authority_local"),
    ("status", "status"),
    ("records", "records"),
];

fn list(session: &mut Session, args: BreachListArgs) -> Result<Output> {
    let now = now_of(session)?;
    session.write("breach-list", |tx, who| {
        let found = if args.overdue {
            breaches::overdue(tx, &who.now)?
        } else {
            breaches::list(tx, args.open)?
        };
        let mut rows = Vec::with_capacity(found.len());
        for b in &found {
            rows.push(breach_row(b, now)?);
        }
        let mut detail = String::new();
        for (flag, on) in [("open", args.open), ("overdue", args.overdue)] {
            if on {
                detail.push_str(flag);
                detail.push(' ');
            }
        }
        let entry = Entry::new("breach-list")
            .rows(rows.len())
            .detail(detail.trim_end().to_string());
        Ok((
            Output::List {
                rows,
                table: LIST_COLUMNS.to_vec(),
            },
            entry,
        ))
    })
}

fn show(session: &mut Session, args: BreachIdArgs) -> Result<Output> {
    let id = args.id;
    let now = now_of(session)?;
    session.write("breach-show", |tx, _| {
        let b = breaches::load(tx, id)?;
        let mut m = breach_row(&b, now)?;
        m.insert("description".into(), b.description.clone().into());
        m.insert("data".into(), text_or_null(&b.data));
        m.insert(
            "authority_reference".into(),
            text_or_null(&b.authority_reference),
        );
        m.insert("late_reason".into(), text_or_null(&b.late_reason));
        m.insert("letters".into(), b.letters.into());
        m.insert("skipped_erased".into(), b.skipped_erased.into());
        m.insert("opened_at".into(), b.opened_at.clone().into());
        m.insert("opened_by".into(), b.opened_by.clone().into());
        m.insert("closed_at".into(), text_or_null(&b.closed_at));
        m.insert("closed_by".into(), text_or_null(&b.closed_by));
        // Which named records are gone: the breach keeps their ids.
        let mut erased: Vec<Value> = Vec::new();
        for r in &b.records {
            if let Ok(rid) = r.parse::<RecordId>() {
                if records::get(tx, rid)?.is_none() {
                    erased.push(r.clone().into());
                }
            }
        }
        m.insert("erased_records".into(), erased.into());
        let assessments: Vec<Value> = b
            .assessments
            .iter()
            .map(|a| {
                let mut o = Map::new();
                o.insert("risk".into(), a.risk.clone().into());
                o.insert("reason".into(), a.reason.clone().into());
                o.insert("consequences".into(), text_or_null(&a.consequences));
                o.insert("measures".into(), text_or_null(&a.measures));
                o.insert("at".into(), a.at.clone().into());
                o.insert("by".into(), a.by.clone().into());
                Value::Object(o)
            })
            .collect();
        m.insert("assessments".into(), assessments.into());
        let entry = entry_for("breach-show", &b);
        Ok((
            Output::Object {
                value: m,
                plain: None,
            },
            entry,
        ))
    })
}

/// `export breach`: Art. 33(3)(a)–(d) in the order of the Ombudsman's form.
pub fn export(session: &mut Session, args: ExportBreachArgs) -> Result<Output> {
    let format = session.global.format;
    let id = args.id;
    let lang = crate::commands::document_lang(session, "`export breach`")?;
    session.write("export-breach", |tx, who| {
        let b = breaches::load(tx, id)?;
        let form = breach_letter::authority_form(tx, &b, lang, who.today)?;
        let entry = Entry {
            records: b.records.clone(),
            ..Entry::new("export-breach").detail(format!(
                "breach={id} lang={} format={}",
                lang.code(),
                format.name()
            ))
        };
        let out = if format == Format::Json {
            Output::Object {
                value: form,
                plain: None,
            }
        } else {
            Output::Document(breach_letter::authority_markdown(&form, lang))
        };
        Ok((out, entry))
    })
}
