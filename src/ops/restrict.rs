//! Restriction of processing (GDPR Art. 18): the operations of `restrict`
//! and `restrict lift`. A restricted record is kept but only stored:
//! `search` and `show` mark it `restricted`, and marketing lists and
//! register exports leave it out (`records.restricted_at`).

use serde::Serialize;

use super::records::{check_request, load};
use super::Who;
use crate::domain::register::RecordId;
use crate::error::{Error, Result};
use crate::messages::R;
use crate::store::audit::Entry;
use crate::store::restriction;
use crate::store::Tx;

/// What `restrict` is asked to do.
pub struct RestrictOptions<'a> {
    /// The record to restrict.
    pub id: RecordId,
    /// Why: already trimmed and not empty.
    pub reason: &'a str,
    /// The request (`REQ-n`) the restriction answers, as typed; checked
    /// against the register's requests.
    pub request: Option<&'a str>,
}

/// A record restricted (the JSON of `restrict`).
#[derive(Serialize)]
pub struct Restricted {
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    /// Always `restricted`.
    pub status: &'static str,
    pub restricted_at: String,
    pub restriction_reason: String,
    pub restriction_request: Option<String>,
}

/// A restriction lifted (the JSON of `restrict lift`).
#[derive(Serialize)]
pub struct Lifted {
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    /// The record's status once the restriction is gone.
    pub status: String,
    /// The request the lifted restriction answered.
    pub lifted_restriction_request: Option<String>,
}

/// Restricts a record, with its audit entry; a record already restricted
/// is refused.
pub fn restrict(tx: &Tx<'_>, who: &Who, o: &RestrictOptions<'_>) -> Result<(Restricted, Entry)> {
    let request = check_request(tx, o.request)?;
    let id = o.id;
    let record = load(tx, id)?;
    if let Some(at) = &record.restricted_at {
        return Err(Error::invalid(
            "id",
            R::RestrictedAlready.say(&[&id, &at.get(..10).unwrap_or(at)]),
        ));
    }
    restriction::restrict(tx, record.key, &who.now, o.reason, request.as_deref())?;
    let entry = Entry {
        request: request.clone(),
        ..Entry::new("restrict").record(id).rows(1)
    };
    let restricted = Restricted {
        id,
        status: "restricted",
        restricted_at: who.now.clone(),
        restriction_reason: o.reason.to_string(),
        restriction_request: request,
    };
    Ok((restricted, entry))
}

/// Lifts a record's restriction, with its audit entry; a record not
/// restricted is refused.
pub fn lift(tx: &Tx<'_>, who: &Who, id: RecordId) -> Result<(Lifted, Entry)> {
    let record = load(tx, id)?;
    if record.restricted_at.is_none() {
        return Err(Error::invalid("id", R::NotRestricted.say(&[&id])));
    }
    let request = restriction::request_of(tx, record.key)?;
    restriction::lift(tx, record.key, &who.now)?;
    let status = load(tx, id)?.status(&who.today_iso()).name().to_string();
    // The lift belongs to the history of the request it was made for.
    let entry = Entry {
        request: request.clone(),
        ..Entry::new("restrict-lift").record(id).rows(1)
    };
    let lifted = Lifted {
        id,
        status,
        lifted_restriction_request: request,
    };
    Ok((lifted, entry))
}
