//! `breach open/assess/notify/close/list/show` and `export breach`: the
//! adapters of `ops::breach` (personal data breaches, GDPR Art. 33, 34;
//! SPEC §10). The letters to the people and the Ombudsman's notification
//! are written by [`super::breach_letter`].
//!
//! The letters read the records (audited before any byte is printed:
//! [`Session::write`] commits the entry first).

use chrono::{DateTime, Utc};

use super::breach_letter;
use super::Session;
use crate::cli::{
    BreachAssessArgs, BreachCommand, BreachIdArgs, BreachListArgs, BreachOpenArgs, ExportBreachArgs,
};
use crate::domain::breach::{format_local, parse_datetime, Risk};
use crate::error::{Error, Result};
use crate::messages::{D, M, R};
use crate::ops::breach::{self as ops, risk_word, stored, AssessOptions, OpenOptions};
use crate::ops::requests::{optional_text, required_text};
use crate::output::{to_map, Column, Format, Output};
use crate::store::audit::Entry;
use crate::store::breaches;

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

/// A datetime typed by the user, refused by field name (exit 3).
fn datetime_arg(field: &str, text: &str) -> Result<DateTime<Utc>> {
    parse_datetime(text).map_err(|e| Error::invalid(field, e.0))
}

/// The command's instant (the one clock, as `who.now`).
fn now_of(session: &Session) -> Result<DateTime<Utc>> {
    stored(&session.who.now)
}

fn open(session: &mut Session, args: BreachOpenArgs) -> Result<Output> {
    let aware = datetime_arg("aware_at", &args.aware_at)?;
    if aware > now_of(session)? {
        return Err(Error::invalid("aware_at", M::IsInFuture));
    }
    let description = required_text("description", &args.description)?;
    let data = optional_text("data", args.data)?;
    let client = optional_text("client", args.client)?;
    let options = OpenOptions {
        aware,
        description: &description,
        nature: &args.nature,
        records: &args.records,
        approx_subjects: args.approx_subjects,
        data: data.as_deref(),
        client: client.as_deref(),
    };
    let opened = session.write("breach-open", |tx, who| ops::open(tx, who, &options))?;
    let mut plain = D::BreachOpened.say(&[&opened.row.id, &format_local(opened.due)]);
    if opened.hours_passed {
        plain.push_str(&format!("\n{}", D::HoursPassed));
    }
    if client.is_some() {
        plain.push_str(&format!("\n{}", D::TellClient));
    }
    Ok(Output::Object {
        value: to_map(&opened.row),
        plain: Some(plain),
    })
}

fn assess(session: &mut Session, args: BreachAssessArgs) -> Result<Output> {
    let reason = required_text("reason", &args.reason)?;
    let consequences = optional_text("consequences", args.consequences)?;
    let measures = optional_text("measures", args.measures)?;
    let options = AssessOptions {
        id: args.id,
        risk: args.risk,
        reason: &reason,
        consequences: consequences.as_deref(),
        measures: measures.as_deref(),
    };
    options.check()?;
    let row = session.write("breach-assess", |tx, who| ops::assess(tx, who, &options))?;
    let risk = options.risk;
    let mut plain = D::Assessed.say(&[&row.id, &risk_word(risk)]);
    match risk {
        Risk::Unlikely => plain.push_str(&format!("\n{}", D::NoNotificationNeeded)),
        Risk::Risk | Risk::High => {
            if row.told.authority_notified_at.is_none() {
                let by = format_local(stored(&row.notify_by)?);
                plain.push_str(&format!("\n{}", D::NotifyBy.say(&[&by])));
            }
            if risk == Risk::High {
                plain.push_str(&format!("\n{}", D::TellPeople));
            }
        }
    }
    Ok(Output::Object {
        value: to_map(&row),
        plain: Some(plain),
    })
}

fn close(session: &mut Session, args: BreachIdArgs) -> Result<Output> {
    let id = args.id;
    let row = session.write("breach-close", |tx, who| ops::close(tx, who, id))?;
    Ok(Output::Object {
        value: to_map(&row),
        plain: Some(D::BreachClosed.say(&[&id])),
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
    let rows = session.write("breach-list", |tx, who| {
        ops::list(tx, who, args.open, args.overdue)
    })?;
    Ok(Output::List {
        rows: rows.iter().map(to_map).collect(),
        table: LIST_COLUMNS.to_vec(),
    })
}

fn show(session: &mut Session, args: BreachIdArgs) -> Result<Output> {
    let shown = session.write("breach-show", |tx, who| ops::show(tx, who, args.id))?;
    Ok(Output::Object {
        value: to_map(&shown),
        plain: None,
    })
}

/// `export breach`: Art. 33(3)(a)–(d) in the order of the Ombudsman's form.
pub fn export(session: &mut Session, args: ExportBreachArgs) -> Result<Output> {
    let format = session.global.format;
    let id = args.id;
    let lang = crate::commands::document_lang(session, "`export breach`")?;
    session.write("export-breach", |tx, who| {
        let b = breaches::load(tx, id)?;
        let form = crate::ops::breach_form::authority_form(tx, &b, lang, who.today)?;
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
                value: to_map(&form),
                plain: None,
            }
        } else {
            Output::Document(breach_letter::authority_markdown(&form, lang))
        };
        Ok((out, entry))
    })
}
