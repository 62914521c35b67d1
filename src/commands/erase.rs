//! `erase` and `hold add/release`: erasure that
//! leaves no trace (Art. 17), refused while the law or a manual hold
//! forbids it (DOMAIN §5).

use crate::messages::{D, M};
use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::{Session, Who};
use crate::cli::{EraseArgs, HoldCommand};
use crate::domain::date::parse_date;
use crate::domain::fields::fields;
use crate::domain::holds::Hold;
use crate::domain::leaks;
use crate::domain::register::{RecordId, Register};
use crate::domain::request::{is_redaction, redaction, RequestId};
use crate::error::{Error, Result};
use crate::ops::bases::date_flag;
use crate::ops::holds::{hold_json, holds_of};
use crate::ops::records::{check_request, load};
use crate::output::Output;
use crate::store::audit::Entry;
use crate::store::holds as store_holds;
use crate::store::records::{self, Record};
use crate::store::Tx;
use crate::store::{requests, restriction, suppression};

/// How many records a sweep erases per transaction: small enough that no
/// other privreg waits long for the write lock.
pub(super) const SWEEP_BATCH: usize = 500;

/// How a hold is named in a refusal: never a manual hold's reason text,
/// which is free text and is audited with the refusal.
fn hold_line(h: &Hold, register: Option<Register>) -> String {
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
struct Restriction {
    since: String,
    request: Option<String>,
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

    fn describe(&self) -> String {
        match &self.request {
            Some(r) => M::RestrictedSinceFor.say(&[&self.since, r]),
            None => M::RestrictedSince.say(&[&self.since]),
        }
    }

    fn json(&self) -> Value {
        let mut m = Map::new();
        m.insert("restricted_at".into(), self.since.clone().into());
        m.insert(
            "request".into(),
            self.request.clone().map(Value::from).unwrap_or(Value::Null),
        );
        Value::Object(m)
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

    /// What `--include-restricted` prints for it.
    fn notice(&self, id: RecordId) -> String {
        M::RestrictionEnds.say(&[&id, &self.describe()])
    }
}

/// The requests' free text (identity method, extension reason, closing
/// note), read once per transaction and probed for each record erased in
/// it (a sweep erases hundreds).
pub(super) struct RequestTexts(Vec<RequestText>);

struct RequestText {
    id: RequestId,
    subjects: Vec<String>,
    texts: [Option<String>; 3],
    /// The texts that are not yet a redaction, prepared for probing.
    personal: Vec<leaks::Text>,
}

impl RequestTexts {
    pub(super) fn load(tx: &Tx<'_>) -> Result<RequestTexts> {
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

/// What an erasure did.
pub(super) struct Erased {
    recipients: Vec<String>,
    overridden: Vec<Hold>,
    suppressed: bool,
    /// The restriction the erasure ended (`--include-restricted`).
    restriction: Option<Restriction>,
    /// Requests whose free text was redacted.
    redacted: Vec<String>,
}

/// How to erase: the day holds are judged on, what the receipt keeps, and
/// what an admin allowed.
pub(super) struct How<'a> {
    pub(super) day: NaiveDate,
    pub(super) reason: &'a str,
    pub(super) request: Option<&'a str>,
    pub(super) override_hold: bool,
    pub(super) include_restricted: bool,
}

/// Erases one record inside the caller's transaction: refuses a restricted
/// record (unless `include_restricted`) and while a hold applies (unless
/// overridable and overridden), keeps suppression hashes for a person who
/// had opted out, deletes every personal value, redacts the requests that
/// may hold them, and leaves a receipt. The caller has the register to
/// itself (`store::take_alone`), so nothing of it stays in a WAL.
pub(super) fn erase_one(
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
        recipients,
        overridden,
        suppressed,
        restriction: restricted,
        redacted,
    })
}

pub(super) fn erase_entry(id: RecordId, erased: &Erased, request: Option<String>) -> Entry {
    let mut detail = Vec::new();
    if !erased.overridden.is_empty() {
        let kinds: Vec<&str> = erased.overridden.iter().map(|h| h.kind).collect();
        detail.push(format!("overridden={}", kinds.join(",")));
    }
    if erased.suppressed {
        detail.push("suppressed".to_string());
    }
    if erased.restriction.is_some() {
        detail.push("restriction-ended".to_string());
    }
    if !erased.redacted.is_empty() {
        detail.push(format!("redacted={}", erased.redacted.join(",")));
    }
    Entry {
        request,
        ..Entry::new("erase").record(id).detail(detail.join(" "))
    }
}

pub fn erase(session: &mut Session, a: EraseArgs) -> Result<Output> {
    let reason = a.reason.trim().to_string();
    if reason.is_empty() {
        return Err(Error::invalid("reason", M::IsRequired));
    }
    if a.dry_run {
        return erase_dry_run(session, &a, &reason);
    }
    session.store.take_alone(&session.db)?;
    let out = erase_alone(session, &a, &reason);
    session.store.give_back();
    out
}

fn erase_dry_run(session: &mut Session, a: &EraseArgs, reason: &str) -> Result<Output> {
    session.write("erase", |tx, who| {
        let request = check_request(tx, a.request.as_deref())?;
        let record = load(tx, a.id)?;
        check_reason(&all_values(tx, &record)?, reason)?;
        let restricted = Restriction::of(tx, &record)?;
        let applying = holds_of(tx, &record, who.today)?;
        let held = applying.iter().any(|h| !(a.override_hold && h.overridable));
        let refused_restriction = restricted.as_ref().filter(|_| !a.include_restricted);
        let blocking = held || refused_restriction.is_some();
        let mut value = Map::new();
        value.insert("id".into(), a.id.to_string().into());
        value.insert("would_erase".into(), (!blocking).into());
        value.insert(
            "holds".into(),
            applying.iter().map(hold_json).collect::<Vec<_>>().into(),
        );
        value.insert(
            "restriction".into(),
            restricted
                .as_ref()
                .map(Restriction::json)
                .unwrap_or(Value::Null),
        );
        value.insert("notify".into(), records::recipients(tx, record.key)?.into());
        let mut lines: Vec<String> = Vec::new();
        if let Some(r) = &restricted {
            lines.push(format!("  - {}", r.describe()));
        }
        if held {
            lines.extend(
                applying
                    .iter()
                    .map(|h| format!("  - {}", hold_line(h, Some(a.id.register)))),
            );
        }
        let plain = if blocking {
            format!("{}\n{}", M::WouldBeRefused.say(&[&a.id]), lines.join("\n"))
        } else {
            let mut plain = M::WouldBeErased.say(&[&a.id]);
            if let Some(r) = &restricted {
                plain.push_str(&format!("\n{}", r.notice(a.id)));
            }
            plain
        };
        let entry = Entry {
            request: request.clone(),
            ..Entry::new("erase").record(a.id).detail("dry-run")
        };
        Ok((
            Output::Object {
                value,
                plain: Some(plain),
            },
            entry,
        ))
    })
}

fn erase_alone(session: &mut Session, a: &EraseArgs, reason: &str) -> Result<Output> {
    session.write("erase", |tx, who| {
        let request = check_request(tx, a.request.as_deref())?;
        let record = load(tx, a.id)?;
        check_reason(&all_values(tx, &record)?, reason)?;
        let erased = erase_one(
            tx,
            who,
            &record,
            &How {
                day: who.today,
                reason,
                request: request.as_deref(),
                override_hold: a.override_hold,
                include_restricted: a.include_restricted,
            },
            &mut RequestTexts::load(tx)?,
        )?;
        let mut value = Map::new();
        value.insert("id".into(), a.id.to_string().into());
        value.insert("erased_at".into(), who.now.clone().into());
        value.insert(
            "holds_overridden".into(),
            erased
                .overridden
                .iter()
                .map(hold_json)
                .collect::<Vec<_>>()
                .into(),
        );
        value.insert("suppressed".into(), erased.suppressed.into());
        value.insert("notify".into(), erased.recipients.clone().into());
        value.insert(
            "restriction_ended".into(),
            erased
                .restriction
                .as_ref()
                .map(Restriction::json)
                .unwrap_or(Value::Null),
        );
        value.insert("requests_redacted".into(), erased.redacted.clone().into());
        let mut plain = M::Erased.say(&[&a.id]);
        if !erased.overridden.is_empty() {
            let names: Vec<String> = erased
                .overridden
                .iter()
                .map(|h| hold_line(h, Some(a.id.register)))
                .collect();
            let names = names.join("; ");
            plain.push_str(&format!("\n{}", M::HoldsOverridden.say(&[&names])));
        }
        if let Some(r) = &erased.restriction {
            plain.push_str(&format!("\n{}", r.notice(a.id)));
        }
        if erased.suppressed {
            plain.push_str(&format!("\n{}", M::OptedOut));
        }
        if !erased.redacted.is_empty() {
            let requests = erased.redacted.join(", ");
            plain.push_str(&format!("\n{}", M::RedactedText.say(&[&requests])));
        }
        if !erased.recipients.is_empty() {
            plain.push_str(&format!(
                "\n{}",
                M::TellRecipients.say(&[&erased.recipients.join("; ")])
            ));
        }
        let entry = erase_entry(a.id, &erased, request);
        Ok((
            Output::Object {
                value,
                plain: Some(plain),
            },
            entry,
        ))
    })
}

pub fn hold(session: &mut Session, c: HoldCommand) -> Result<Output> {
    match c {
        HoldCommand::Add { id, reason, until } => {
            let reason = reason.trim().to_string();
            if reason.is_empty() {
                return Err(Error::invalid("reason", M::IsRequired));
            }
            let until = date_flag("until", Some(&until))?.unwrap_or_default();
            let until_date = parse_date(&until).map_err(|e| Error::invalid("until", e.0))?;
            session.write("hold-add", |tx, who| {
                if until_date <= who.today {
                    return Err(Error::invalid("until", M::MustBeAfterToday));
                }
                let record = load(tx, id)?;
                let hold_id = store_holds::add_manual(
                    tx,
                    record.key,
                    &reason,
                    until_date,
                    &who.now,
                    &who.operator,
                )?;
                let mut value = Map::new();
                value.insert("hold_id".into(), hold_id.into());
                value.insert("id".into(), id.to_string().into());
                value.insert("until".into(), until.clone().into());
                Ok((
                    Output::Object {
                        value,
                        plain: Some(D::HoldAdded.say(&[&hold_id, &id, &until])),
                    },
                    Entry::new("hold-add")
                        .record(id)
                        .detail(format!("hold_id={hold_id} until={until}")),
                ))
            })
        }
        HoldCommand::Release { hold_id } => session.write("hold-release", |tx, who| {
            let id = store_holds::release(tx, hold_id, &who.now, &who.operator)?;
            Ok((
                Output::Object {
                    value: Map::from_iter([
                        ("hold_id".to_string(), Value::from(hold_id)),
                        ("id".to_string(), Value::from(id.to_string())),
                    ]),
                    plain: Some(D::HoldReleased.say(&[&hold_id, &id])),
                },
                Entry::new("hold-release")
                    .record(id)
                    .detail(format!("hold_id={hold_id}")),
            ))
        }),
    }
}
