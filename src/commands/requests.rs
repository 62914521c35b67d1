//! `request open/extend/close/list/show`: the adapters of `ops::requests`
//! (data subject requests and their legal deadlines, GDPR Art. 12(3),
//! DOMAIN.md §6).

use super::Session;
use crate::cli::{
    RequestCloseArgs, RequestCommand, RequestExtendArgs, RequestListArgs, RequestOpenArgs,
    RequestShowArgs,
};
use crate::error::{Error, Result};
use crate::messages::{D, M};
use crate::ops::requests::required_text;
use crate::ops::requests::{
    self as ops, date_arg, optional_text, outcome_words, CloseOptions, ListOptions, OpenOptions,
    RequestView,
};
use crate::output::{to_map, Output};

pub fn run(session: &mut Session, command: RequestCommand) -> Result<Output> {
    match command {
        RequestCommand::Open(a) => open(session, a),
        RequestCommand::Extend(a) => extend(session, a),
        RequestCommand::Close(a) => close(session, a),
        RequestCommand::List(a) => list(session, a),
        RequestCommand::Show(a) => show(session, a),
    }
}

fn open(session: &mut Session, args: RequestOpenArgs) -> Result<Output> {
    let received = date_arg("received", &args.received)?;
    if received > session.who.today {
        return Err(Error::invalid("received", M::IsInFuture));
    }
    let identity = optional_text("identity_verified", args.identity_verified)?;
    let options = OpenOptions {
        kind: args.kind.name(),
        received,
        channel: args.channel.map(|c| c.name()),
        identity_verified: identity.as_deref(),
        subjects: &args.subjects,
    };
    let r = session.write("request-open", |tx, who| ops::open(tx, who, &options))?;
    Ok(Output::Object {
        value: to_map(&RequestView::from(&r)),
        plain: Some(D::RequestOpened.say(&[&r.id, &r.due])),
    })
}

fn extend(session: &mut Session, args: RequestExtendArgs) -> Result<Output> {
    let reason = required_text("reason", &args.reason)?;
    let id = args.id;
    let r = session.write("request-extend", |tx, who| {
        ops::extend(tx, who, id, &reason)
    })?;
    Ok(Output::Object {
        value: to_map(&RequestView::from(&r)),
        plain: Some(D::RequestExtended.say(&[&id, &r.due])),
    })
}

fn close(session: &mut Session, args: RequestCloseArgs) -> Result<Output> {
    let note = optional_text("note", args.note)?;
    let options = CloseOptions {
        id: args.id,
        outcome: args.outcome.name(),
        note: note.as_deref(),
    };
    let closed = session.write("request-close", |tx, who| ops::close(tx, who, &options))?;
    let r = &closed.request;
    let mut plain = D::RequestClosed.say(&[&r.id, &outcome_words(options.outcome)]);
    if closed.late_days > 0 {
        plain.push_str(&D::RequestClosedLate.say(&[&closed.late_days, &r.due]));
    }
    Ok(Output::Object {
        value: to_map(&RequestView::from(r)),
        plain: Some(plain),
    })
}

/// The columns of `request list` in a table, each headed by its key.
const LIST_COLUMNS: &[&str] = &[
    "id", "type", "received", "due", "flag", "extended", "status", "subjects", "outcome",
];

fn list(session: &mut Session, args: RequestListArgs) -> Result<Output> {
    let as_of = match &args.as_of {
        Some(text) => date_arg("as_of", text)?,
        None => session.who.today,
    };
    let options = ListOptions {
        as_of,
        open: args.open,
        overdue: args.overdue,
    };
    let rows = session.write("request-list", |tx, _| ops::list(tx, &options))?;
    Ok(Output::List {
        rows: rows.iter().map(to_map).collect(),
        table: crate::output::columns(LIST_COLUMNS),
    })
}

fn show(session: &mut Session, args: RequestShowArgs) -> Result<Output> {
    let shown = session.write("request-show", |tx, _| ops::show(tx, args.id))?;
    Ok(Output::Object {
        value: to_map(&shown),
        plain: None,
    })
}
