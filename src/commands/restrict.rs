//! `restrict ID --reason TEXT [--request REQ]` and `restrict lift ID`:
//! restriction of processing (GDPR Art. 18). A restricted record is kept
//! but only stored: `search` and `show` mark it `restricted`, and marketing
//! lists and register exports leave it out (`records.restricted_at`).

use serde_json::{Map, Value};

use super::requests::required_text;
use super::Session;
use crate::cli::{RestrictArgs, RestrictCommand};
use crate::domain::register::RecordId;
use crate::error::{Error, Result};
use crate::messages::{D, R};
use crate::ops::records::{check_request, load};
use crate::output::Output;
use crate::store::audit::Entry;
use crate::store::restriction;
use crate::store::Tx;

pub fn run(session: &mut Session, args: RestrictArgs) -> Result<Output> {
    match (args.command, args.id, args.reason) {
        (Some(RestrictCommand::Lift { id }), _, _) => lift(session, id),
        (None, Some(id), Some(reason)) => restrict(session, id, &reason, args.request.as_deref()),
        // clap requires ID and --reason when there is no subcommand.
        _ => Err(Error::Usage(R::RestrictUsage.into())),
    }
}

fn restrict(
    session: &mut Session,
    id: RecordId,
    reason: &str,
    request: Option<&str>,
) -> Result<Output> {
    let reason = required_text("reason", reason)?;
    session.write("restrict", |tx, who| {
        let request = check_request(tx, request)?;
        let record = load(tx, id)?;
        if let Some(at) = &record.restricted_at {
            return Err(Error::invalid(
                "id",
                R::RestrictedAlready.say(&[&id, &at.get(..10).unwrap_or(at)]),
            ));
        }
        restriction::restrict(tx, record.key, &who.now, &reason, request.as_deref())?;
        let mut value = Map::new();
        value.insert("id".into(), id.to_string().into());
        value.insert("status".into(), "restricted".into());
        value.insert("restricted_at".into(), who.now.clone().into());
        value.insert("restriction_reason".into(), reason.clone().into());
        value.insert(
            "restriction_request".into(),
            request.clone().map(Value::from).unwrap_or(Value::Null),
        );
        let entry = Entry {
            request: request.clone(),
            ..Entry::new("restrict").record(id).rows(1)
        };
        Ok((
            Output::Object {
                value,
                plain: Some(D::Restricted.say(&[&id])),
            },
            entry,
        ))
    })
}

fn lift(session: &mut Session, id: RecordId) -> Result<Output> {
    session.write("restrict-lift", |tx, who| {
        let record = load(tx, id)?;
        if record.restricted_at.is_none() {
            return Err(Error::invalid("id", R::NotRestricted.say(&[&id])));
        }
        let request = restriction::request_of(tx, record.key)?;
        restriction::lift(tx, record.key, &who.now)?;
        let mut value = Map::new();
        value.insert("id".into(), id.to_string().into());
        value.insert("status".into(), record_status(tx, id, who)?.into());
        value.insert(
            "lifted_restriction_request".into(),
            request.clone().map(Value::from).unwrap_or(Value::Null),
        );
        // The lift belongs to the history of the request it was made for.
        let entry = Entry {
            request,
            ..Entry::new("restrict-lift").record(id).rows(1)
        };
        Ok((
            Output::Object {
                value,
                plain: Some(D::RestrictionLifted.say(&[&id])),
            },
            entry,
        ))
    })
}

fn record_status(tx: &Tx<'_>, id: RecordId, who: &super::Who) -> Result<String> {
    Ok(load(tx, id)?.status(&who.today_iso()).name().to_string())
}
