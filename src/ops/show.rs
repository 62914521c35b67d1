//! What `show` reads of a record beyond its fields (its restriction,
//! legal bases, preferences, holds, retention, history, disclosures and
//! notices), or the receipt of an erased one. The access report of
//! `export --subject` reads the same.

use serde::Serialize;

use super::holds::{hold_views, holds_of, retention_of};
use super::Who;
use crate::domain::date::format_date;
use crate::domain::hetu::{self, Hetu};
use crate::domain::holds::Hold;
use crate::domain::register::RecordId;
use crate::error::{Error, Result};
use crate::messages::M;
use crate::store::audit::Entry;
use crate::store::bases::StoredBasis;
use crate::store::disclosures::Disclosure;
use crate::store::preferences::{self, Preference};
use crate::store::records::{self, Correction, Record};
use crate::store::Tx;

/// What `show` found: a record, or the receipt an erasure left.
pub enum Shown {
    Record(Box<(Record, Details)>),
    Erased(ErasedView),
}

/// What is shown of a record after its fields, in this order.
#[derive(Serialize)]
pub struct Details {
    /// Present only while processing is restricted (Art. 18).
    #[serde(flatten)]
    pub restriction: Option<RestrictionDetail>,
    pub bases: Vec<StoredBasis>,
    pub preferences: Vec<Preference>,
    /// The holds that apply today.
    #[serde(serialize_with = "hold_views")]
    pub holds: Vec<Hold>,
    pub retention_until: Option<String>,
    /// The correction history, hetu values masked unless revealed.
    pub corrections: Vec<Correction>,
    pub disclosures: Vec<Disclosure>,
    pub notices: Vec<String>,
}

/// A restricted record's restriction, as `show` prints it.
#[derive(Serialize)]
pub struct RestrictionDetail {
    pub restricted_at: String,
    pub restriction_reason: Option<String>,
    pub restriction_request: Option<String>,
}

/// An erased record's receipt, as `show` prints it (exit 0).
#[derive(Serialize)]
pub struct ErasedView {
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    pub register: &'static str,
    /// Always `erased`.
    pub status: &'static str,
    pub erased_at: String,
    pub erased_by: String,
    pub reason: String,
    pub request: Option<String>,
    pub holds_overridden: Option<String>,
}

/// A record with its details, or an erased record's receipt; exit 4 if
/// there never was one. `reveal` shows the hetu unmasked (audited).
pub fn show(tx: &Tx<'_>, who: &Who, id: RecordId, reveal: bool) -> Result<(Shown, Entry)> {
    let Some(record) = records::get(tx, id)? else {
        return erasure_receipt(tx, id);
    };
    let details = details(tx, &record, who, reveal)?;
    let mut entry = Entry::new("show").record(id);
    if reveal {
        entry.fields = vec!["hetu".into()];
        entry.detail = "reveal-hetu".into();
    }
    Ok((Shown::Record(Box::new((record, details))), entry))
}

fn erasure_receipt(tx: &Tx<'_>, id: RecordId) -> Result<(Shown, Entry)> {
    let Some(r) = crate::store::erasures::erasure_receipt(tx, id)? else {
        return Err(Error::NotFound(M::NoRecord.say(&[&id])));
    };
    let view = ErasedView {
        id,
        register: id.register.name(),
        status: "erased",
        erased_at: r.erased_at,
        erased_by: r.erased_by,
        reason: r.reason,
        request: r.request,
        holds_overridden: r.holds_overridden,
    };
    let entry = Entry::new("show").record(id).detail("erasure-receipt");
    Ok((Shown::Erased(view), entry))
}

/// A record's details on the day of `who`.
pub fn details(tx: &Tx<'_>, record: &Record, who: &Who, reveal: bool) -> Result<Details> {
    let key = record.key;
    let restriction = match &record.restricted_at {
        Some(at) => Some(RestrictionDetail {
            restricted_at: at.clone(),
            restriction_reason: record.restriction_reason.clone(),
            restriction_request: crate::store::restriction::request_of(tx, key)?,
        }),
        None => None,
    };
    let bases = crate::store::bases::list(tx, key)?;
    let preferences = preferences::list(tx, key)?;
    let holds = holds_of(tx, record, who.today)?;
    let (limit, _) = retention_of(tx, record)?;
    let corrections = records::corrections(tx, key)?
        .into_iter()
        .map(|mut c| {
            // Old hetu values are masked like the current one.
            if c.field == "hetu" && !reveal {
                c.old_value = c.old_value.as_deref().map(hetu::mask);
                c.new_value = c.new_value.as_deref().map(hetu::mask);
            }
            c
        })
        .collect();
    let disclosures = crate::store::disclosures::of_record(tx, key)?;
    let notices = notices(record, &preferences, who);
    Ok(Details {
        restriction,
        bases,
        preferences,
        holds,
        retention_until: limit.map(format_date),
        corrections,
        disclosures,
        notices,
    })
}

fn notices(record: &Record, preferences: &[Preference], who: &Who) -> Vec<String> {
    let mut notices = Vec::new();
    if let Some(p) = preferences
        .iter()
        .find(|p| p.kind == preferences::SUPPRESSION)
    {
        notices.push(format!(
            "kept out of marketing lists: this person was erased on {} after opting out (suppression list), until a new consent is recorded",
            p.effective.get(..10).unwrap_or(&p.effective)
        ));
    }
    if let Some(h) = record.get("hetu") {
        if Hetu::parse(h, who.today).is_ok_and(|h| h.is_temporary()) {
            notices.push(
                "the personal identity code is a temporary one (individual number 900-999)".into(),
            );
        }
    }
    notices
}
