//! Erasure that leaves no trace (Art. 17), refused while the record is
//! restricted or the law or a manual hold forbids it (DOMAIN §5): the
//! operation of `erase` (and its dry run) and of `retention sweep`, which
//! erases the way `erase` does, in batches.

use chrono::NaiveDate;
use serde::Serialize;

use super::holds::{hold_views, holds_of};
use super::records::{check_request, load};
use super::Who;
use crate::domain::fields::fields;
use crate::domain::holds::Hold;
use crate::domain::leaks;
use crate::domain::register::{RecordId, Register};
use crate::domain::request::{is_redaction, redaction, RequestId};
use crate::error::{Error, Result};
use crate::messages::M;
use crate::store::audit::Entry;
use crate::store::holds as store_holds;
use crate::store::records::{self, Record};
use crate::store::Tx;
use crate::store::{requests, restriction, suppression};

/// How many records a sweep erases per transaction: small enough that no
/// other privreg waits long for the write lock.
pub const SWEEP_BATCH: usize = 500;

/// What `erase` is asked to do.
pub struct EraseOptions<'a> {
    /// The record to erase.
    pub id: RecordId,
    /// Why, kept in the erasure receipt: already trimmed and not empty
    /// (see [`super::records::required`]); refused if it holds any value
    /// the record has had.
    pub reason: &'a str,
    /// The request (`REQ-n`) the erasure answers, as typed; checked
    /// against the register's requests.
    pub request: Option<&'a str>,
    /// Erase despite the holds that allow an override (an admin's call,
    /// DOMAIN §5); a statutory hold that does not is never overridden.
    pub override_hold: bool,
    /// Erase a restricted record (Art. 18), ending its restriction.
    pub include_restricted: bool,
    /// Judge only: change nothing, say whether it would be erased.
    pub dry_run: bool,
}

/// What [`erase`] did: erased the record, or (a dry run) judged it.
pub enum Outcome {
    Erased(Erased),
    Judged(Judgement),
}

/// What an erasure did (the JSON of `erase`).
#[derive(Serialize)]
pub struct Erased {
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    pub erased_at: String,
    /// The holds that applied and were overridden.
    #[serde(serialize_with = "hold_views")]
    pub holds_overridden: Vec<Hold>,
    /// Whether the person had opted out, so suppression hashes were kept.
    pub suppressed: bool,
    /// The recipients the data was disclosed to, to be told (Art. 19).
    pub notify: Vec<String>,
    /// The restriction the erasure ended (`--include-restricted`).
    pub restriction_ended: Option<Restriction>,
    /// Requests whose free text was redacted.
    pub requests_redacted: Vec<String>,
}

/// What a dry run found (the JSON of `erase --dry-run`).
#[derive(Serialize)]
pub struct Judgement {
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    /// Whether `erase` with the same options would erase it.
    pub would_erase: bool,
    /// Every hold that applies today, overridable or not.
    #[serde(serialize_with = "hold_views")]
    pub holds: Vec<Hold>,
    pub restriction: Option<Restriction>,
    pub notify: Vec<String>,
    /// Whether a hold that is not overridden refuses the erasure.
    #[serde(skip)]
    pub held: bool,
}

/// Erases a record (or judges it, `dry_run`) inside the caller's
/// transaction, and returns what it did with its audit entry. The caller
/// of a real erasure has the register to itself (`store::take_alone`).
pub fn erase(tx: &Tx<'_>, who: &Who, o: &EraseOptions<'_>) -> Result<(Outcome, Entry)> {
    let request = check_request(tx, o.request)?;
    let record = load(tx, o.id)?;
    check_reason(&all_values(tx, &record)?, o.reason)?;
    if o.dry_run {
        let judged = judge(tx, who, &record, o)?;
        let entry = Entry {
            request,
            ..Entry::new("erase").record(o.id).detail("dry-run")
        };
        return Ok((Outcome::Judged(judged), entry));
    }
    let erased = erase_one(
        tx,
        who,
        &record,
        &How {
            day: who.today,
            reason: o.reason,
            request: request.as_deref(),
            override_hold: o.override_hold,
            include_restricted: o.include_restricted,
        },
        &mut RequestTexts::load(tx)?,
    )?;
    let entry = erased.entry(request);
    Ok((Outcome::Erased(erased), entry))
}

fn judge(tx: &Tx<'_>, who: &Who, record: &Record, o: &EraseOptions<'_>) -> Result<Judgement> {
    let restriction = Restriction::of(tx, record)?;
    let holds = holds_of(tx, record, who.today)?;
    let held = holds.iter().any(|h| !(o.override_hold && h.overridable));
    let refused_restriction = restriction.is_some() && !o.include_restricted;
    Ok(Judgement {
        id: o.id,
        would_erase: !(held || refused_restriction),
        holds,
        restriction,
        notify: records::recipients(tx, record.key)?,
        held,
    })
}

/// How a hold is named in a refusal: never a manual hold's reason text,
/// which is free text and is audited with the refusal.
pub fn hold_line(h: &Hold, register: Option<Register>) -> String {
    let name = match h.id {
        Some(id) => M::ManualHold.say(&[&id]),
        None => crate::domain::words::hold(h.kind, register, crate::messages::lang())
            .filter(|_| crate::messages::lang() != crate::messages::Lang::En)
            .map_or_else(|| h.reason.clone(), str::to_string),
    };
    let over = if h.overridable {
        M::Overridable
    } else {
        M::NotOverridable
    };
    format!("{name}, {} ({over})", h.until_text())
}

/// Every value the record has had, by field name: its current values and
/// the old and new values in its correction history (an old surname is
/// still the person's).
fn all_values(tx: &Tx<'_>, record: &Record) -> Result<Vec<(String, String)>> {
    let mut values: Vec<(String, String)> = fields(record.register())
        .iter()
        .zip(&record.values)
        .filter_map(|(f, v)| v.clone().map(|v| (f.name.to_string(), v)))
        .collect();
    for c in records::corrections(tx, record.key)? {
        for v in [c.old_value, c.new_value].into_iter().flatten() {
            values.push((c.field.clone(), v));
        }
    }
    Ok(values)
}

fn pairs(values: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    values.iter().map(|(f, v)| (f.as_str(), v.as_str()))
}

/// The reason is kept in the erasure receipt after everything else is
/// gone, so it must not carry the person's own data in any form
/// (`domain::leaks`). The refusal names the field, never the value.
fn check_reason(values: &[(String, String)], reason: &str) -> Result<()> {
    match leaks::leaked_field(reason, pairs(values)) {
        Some(field) => Err(Error::invalid(
            "reason",
            M::ReasonHasData.say(&[&crate::domain::fields::field_name(field)]),
        )),
        None => Ok(()),
    }
}

/// A record's restriction of processing (Art. 18): since when, for which
/// request. Its reason is free text and is never shown in a refusal.
#[derive(Serialize)]
pub struct Restriction {
    /// The day it was restricted.
    #[serde(rename = "restricted_at")]
    pub since: String,
    pub request: Option<String>,
}

impl Restriction {
    fn of(tx: &Tx<'_>, record: &Record) -> Result<Option<Restriction>> {
        let Some(at) = &record.restricted_at else {
            return Ok(None);
        };
        Ok(Some(Restriction {
            since: at.get(..10).unwrap_or(at).to_string(),
            request: restriction::request_of(tx, record.key)?,
        }))
    }

    /// "restricted since …" (for REQ-n): what a refusal and a dry run say.
    pub fn describe(&self) -> String {
        match &self.request {
            Some(r) => M::RestrictedSinceFor.say(&[&self.since, r]),
            None => M::RestrictedSince.say(&[&self.since]),
        }
    }

    /// The refusal without `--include-restricted`.
    fn refusal(&self, id: RecordId) -> Error {
        let why = || M::RestrictedRefusal.say(&[&id, &self.describe()]);
        Error::RefusedFor {
            record: id,
            why: why(),
            logged: Some(crate::messages::in_english(why)),
        }
    }
}

/// The requests' free text (identity method, extension reason, closing
/// note), read once per transaction and probed for each record erased in
/// it (a sweep erases hundreds).
pub struct RequestTexts(Vec<RequestText>);

struct RequestText {
    id: RequestId,
    subjects: Vec<String>,
    texts: [Option<String>; 3],
    /// The texts that are not yet a redaction, prepared for probing.
    personal: Vec<leaks::Text>,
}

impl RequestTexts {
    pub fn load(tx: &Tx<'_>) -> Result<RequestTexts> {
        let rows = requests::list(tx, &requests::Filter::default())?
            .into_iter()
            .map(|r| {
                let texts = [r.identity_verified, r.extension_reason, r.note];
                let personal = texts
                    .iter()
                    .flatten()
                    .filter(|t| !is_redaction(t))
                    .map(|t| leaks::Text::new(t))
                    .collect();
                RequestText {
                    id: r.id,
                    subjects: r.subjects,
                    texts,
                    personal,
                }
            })
            .collect();
        Ok(RequestTexts(rows))
    }

    /// Redacts the free text of every request that names the record as a
    /// subject, or whose text holds one of the record's values (a request
    /// opened without subjects, or for another person, may still quote
    /// them). A request with several subjects loses its free text as a
    /// whole: whose data a sentence holds cannot be told apart. Returns the
    /// requests redacted, in id order.
    fn redact(
        &mut self,
        tx: &Tx<'_>,
        record: &Record,
        values: &[(String, String)],
    ) -> Result<Vec<String>> {
        let id = record.id.to_string();
        let marker = redaction(record.id);
        let mut done = Vec::new();
        for r in &mut self.0 {
            if r.personal.is_empty() {
                continue;
            }
            let concerned = r.subjects.contains(&id)
                || r.personal
                    .iter()
                    .any(|t| t.leaked_field(pairs(values)).is_some());
            if !concerned {
                continue;
            }
            for t in r.texts.iter_mut().flatten() {
                if !is_redaction(t) {
                    *t = marker.clone();
                }
            }
            let [identity, extension, note] = &r.texts;
            requests::set_free_text(
                tx,
                r.id,
                identity.as_deref(),
                extension.as_deref(),
                note.as_deref(),
            )?;
            r.personal.clear();
            done.push(r.id);
        }
        done.sort();
        Ok(done.iter().map(ToString::to_string).collect())
    }
}

/// How to erase one record: the day holds are judged on, what the receipt
/// keeps, and what an admin allowed.
pub struct How<'a> {
    /// The day the holds are judged on.
    pub day: NaiveDate,
    /// Kept in the receipt; checked by the caller.
    pub reason: &'a str,
    /// The request (`REQ-n`) kept in the receipt; checked by the caller.
    pub request: Option<&'a str>,
    pub override_hold: bool,
    pub include_restricted: bool,
}

/// Erases one record inside the caller's transaction: refuses a restricted
/// record (unless `include_restricted`) and while a hold applies (unless
/// overridable and overridden), keeps suppression hashes for a person who
/// had opted out, deletes every personal value, redacts the requests that
/// may hold them, and leaves a receipt. The caller has the register to
/// itself (`store::take_alone`), so nothing of it stays in a WAL.
pub fn erase_one(
    tx: &Tx<'_>,
    who: &Who,
    record: &Record,
    how: &How<'_>,
    texts: &mut RequestTexts,
) -> Result<Erased> {
    let restricted = Restriction::of(tx, record)?;
    if let Some(r) = &restricted {
        if !how.include_restricted {
            return Err(r.refusal(record.id));
        }
    }
    let applying = holds_of(tx, record, how.day)?;
    let blocking: Vec<&Hold> = applying
        .iter()
        .filter(|h| !(how.override_hold && h.overridable))
        .collect();
    if !blocking.is_empty() {
        let why = || {
            let mut why = M::CannotEraseHolds.say(&[&record.id]);
            for h in &blocking {
                why.push_str(&format!("\n  - {}", hold_line(h, Some(record.register()))));
            }
            why
        };
        return Err(Error::RefusedFor {
            record: record.id,
            why: why(),
            logged: Some(crate::messages::in_english(why)),
        });
    }
    let values = all_values(tx, record)?;
    let recipients = records::recipients(tx, record.key)?;
    let suppressed = suppression::ever_opted_out(tx, record.key)?;
    if suppressed {
        suppression::add(tx, record.register(), &record.values, &who.now)?;
    }
    let redacted = texts.redact(tx, record, &values)?;
    records::delete(tx, record.key)?;
    let overridden = applying;
    let kinds: Vec<String> = overridden
        .iter()
        .map(|h| {
            h.id.map(|id| format!("manual:{id}"))
                .unwrap_or_else(|| h.kind.to_string())
        })
        .collect();
    store_holds::add_receipt(
        tx,
        record.id,
        &store_holds::Receipt {
            id: record.id.to_string(),
            register: record.register().name().into(),
            erased_at: who.now.clone(),
            erased_by: who.operator.clone(),
            reason: how.reason.to_string(),
            request: how.request.map(str::to_string),
            holds_overridden: (!kinds.is_empty()).then(|| kinds.join(",")),
        },
    )?;
    Ok(Erased {
        id: record.id,
        erased_at: who.now.clone(),
        holds_overridden: overridden,
        suppressed,
        notify: recipients,
        restriction_ended: restricted,
        requests_redacted: redacted,
    })
}

impl Erased {
    /// The audit entry of the erasure: what was overridden, kept, ended
    /// and redacted, never a value.
    pub fn entry(&self, request: Option<String>) -> Entry {
        let mut detail = Vec::new();
        if !self.holds_overridden.is_empty() {
            let kinds: Vec<&str> = self.holds_overridden.iter().map(|h| h.kind).collect();
            detail.push(format!("overridden={}", kinds.join(",")));
        }
        if self.suppressed {
            detail.push("suppressed".to_string());
        }
        if self.restriction_ended.is_some() {
            detail.push("restriction-ended".to_string());
        }
        if !self.requests_redacted.is_empty() {
            detail.push(format!("redacted={}", self.requests_redacted.join(",")));
        }
        Entry {
            request,
            ..Entry::new("erase").record(self.id).detail(detail.join(" "))
        }
    }
}

/// The audit entry of a vacuum that failed after an erasure of `id`
/// committed on a server (SPEC §8): outcome `failed`, the tables that may
/// still hold the values, no value.
pub fn vacuum_failed(id: RecordId) -> Entry {
    use crate::store::pg::vacuum::{ERASED_TABLES, FAILED_ACTION};
    Entry {
        outcome: "failed".into(),
        ..Entry::new(FAILED_ACTION)
            .record(id)
            .detail(format!("tables={}", ERASED_TABLES.join(",")))
    }
}
