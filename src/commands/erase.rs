//! `erase`, `hold add/release` and `retention report/sweep`: erasure that
//! leaves no trace (Art. 17), refused while the law or a manual hold
//! forbids it (DOMAIN §5).

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::{Session, Who};
use crate::cli::{EraseArgs, HoldCommand, RetentionCommand};
use crate::domain::date::{format_date, parse_date};
use crate::domain::fields::fields;
use crate::domain::holds::Hold;
use crate::domain::leaks;
use crate::domain::register::RecordId;
use crate::domain::request::{is_redaction, redaction, RequestId};
use crate::error::{Error, Result};
use crate::ops::bases::date_flag;
use crate::ops::holds::{hold_json, holds_of};
use crate::ops::records::{check_request, load};
use crate::ops::retention::{expired, Expired};
use crate::output::Output;
use crate::store::audit::Entry;
use crate::store::holds as store_holds;
use crate::store::operators::Role;
use crate::store::records::{self, Record};
use crate::store::Tx;
use crate::store::{requests, restriction, suppression};

/// How many records a sweep erases per transaction: small enough that no
/// other privreg waits long for the write lock.
const SWEEP_BATCH: usize = 500;

/// How a hold is named in a refusal: never a manual hold's reason text,
/// which is free text and is audited with the refusal.
fn hold_line(h: &Hold) -> String {
    let name = match h.id {
        Some(id) => format!("manual hold {id}"),
        None => h.reason.clone(),
    };
    let over = if h.overridable {
        "an admin may override it with --override-hold"
    } else {
        "cannot be overridden"
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
            format!("holds the person's {field} (a current value or one in the correction history); the reason is kept after the erasure, so describe it without personal data"),
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
            Some(r) => format!("restricted (GDPR Art. 18) since {} for {r}", self.since),
            None => format!("restricted (GDPR Art. 18) since {}", self.since),
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
        Error::RefusedFor {
            record: id,
            why: format!(
                "{id} is {}: it is kept but only stored, and an erasure would end the restriction\n\
                 help: once the person has been told that the restriction ends (GDPR Art. 18(3)), \
                 an admin may erase it with --include-restricted",
                self.describe()
            ),
        }
    }

    /// What `--include-restricted` prints for it.
    fn notice(&self, id: RecordId) -> String {
        format!(
            "{id} was {}: the erasure ends the restriction, and the person must have been told before (GDPR Art. 18(3))",
            self.describe()
        )
    }
}

/// The requests' free text (identity method, extension reason, closing
/// note), read once per transaction and probed for each record erased in
/// it (a sweep erases hundreds).
struct RequestTexts(Vec<RequestText>);

struct RequestText {
    id: RequestId,
    subjects: Vec<String>,
    texts: [Option<String>; 3],
    /// The texts that are not yet a redaction, prepared for probing.
    personal: Vec<leaks::Text>,
}

impl RequestTexts {
    fn load(tx: &Tx<'_>) -> Result<RequestTexts> {
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
struct Erased {
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
struct How<'a> {
    day: NaiveDate,
    reason: &'a str,
    request: Option<&'a str>,
    override_hold: bool,
    include_restricted: bool,
}

/// Erases one record inside the caller's transaction: refuses a restricted
/// record (unless `include_restricted`) and while a hold applies (unless
/// overridable and overridden), keeps suppression hashes for a person who
/// had opted out, deletes every personal value, redacts the requests that
/// may hold them, and leaves a receipt. The caller has the register to
/// itself (`store::take_alone`), so nothing of it stays in a WAL.
fn erase_one(
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
        let lines: Vec<String> = blocking
            .iter()
            .map(|h| format!("  - {}", hold_line(h)))
            .collect();
        return Err(Error::RefusedFor {
            record: record.id,
            why: format!(
                "{} cannot be erased while these holds apply:\n{}",
                record.id,
                lines.join("\n")
            ),
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

fn erase_entry(id: RecordId, erased: &Erased, request: Option<String>) -> Entry {
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
        return Err(Error::invalid("reason", "is required"));
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
            lines.extend(applying.iter().map(|h| format!("  - {}", hold_line(h))));
        }
        let plain = if blocking {
            format!(
                "{}: would be refused (dry run):\n{}",
                a.id,
                lines.join("\n")
            )
        } else {
            let mut plain = format!("{}: would be erased (dry run, nothing written)", a.id);
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
        let mut plain = format!("{}: erased", a.id);
        if !erased.overridden.is_empty() {
            let names: Vec<String> = erased.overridden.iter().map(hold_line).collect();
            plain.push_str(&format!("\nholds overridden: {}", names.join("; ")));
        }
        if let Some(r) = &erased.restriction {
            plain.push_str(&format!("\n{}", r.notice(a.id)));
        }
        if erased.suppressed {
            plain.push_str(
                "\nthe person had opted out: they stay out of marketing lists if added again",
            );
        }
        if !erased.redacted.is_empty() {
            plain.push_str(&format!(
                "\nfree text of {} redacted (it concerned the person)",
                erased.redacted.join(", ")
            ));
        }
        if !erased.recipients.is_empty() {
            plain.push_str(&format!(
                "\ntell the recipients it was disclosed to (GDPR Art. 19): {}",
                erased.recipients.join("; ")
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
                return Err(Error::invalid("reason", "is required"));
            }
            let until = date_flag("until", Some(&until))?.unwrap_or_default();
            let until_date = parse_date(&until).map_err(|e| Error::invalid("until", e.0))?;
            session.write("hold-add", |tx, who| {
                if until_date <= who.today {
                    return Err(Error::invalid("until", "must be after today"));
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
                        plain: Some(format!("hold {hold_id} on {id} until {until}")),
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
                    plain: Some(format!("hold {hold_id} on {id} released")),
                },
                Entry::new("hold-release")
                    .record(id)
                    .detail(format!("hold_id={hold_id}")),
            ))
        }),
    }
}

fn expired_row(e: &Expired) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), e.record.id.to_string().into());
    m.insert("register".into(), e.record.register().name().into());
    m.insert("ended_on".into(), e.record.ended_on.clone().into());
    m.insert("retention_limit".into(), format_date(e.limit).into());
    m.insert("erasable_from".into(), format_date(e.from).into());
    m.insert("rule".into(), e.rule.clone().into());
    m.insert(
        "restricted_since".into(),
        e.restricted_since
            .clone()
            .map(Value::from)
            .unwrap_or(Value::Null),
    );
    m
}

const EXPIRED_COLUMNS: &[crate::output::Column] = &[
    ("id", "id"),
    ("register", "register"),
    ("ended", "ended_on"),
    ("kept until", "retention_limit"),
    ("erase from", "erasable_from"),
    ("rule", "rule"),
];

/// The table columns: with `--include-restricted`, also when a listed
/// record was restricted, since its person must be told (Art. 18(3)).
fn expired_columns(include_restricted: bool) -> Vec<crate::output::Column> {
    let mut columns = EXPIRED_COLUMNS.to_vec();
    if include_restricted {
        columns.push(("restricted since", "restricted_since"));
    }
    columns
}

/// `--include-restricted` lets restricted records be erased: an admin's
/// decision, also when only listing them as sweepable.
fn restricted_allowed(who: &Who, include_restricted: bool, action: &str) -> Result<()> {
    if include_restricted && who.role < Role::Admin {
        return Err(Error::Refused(format!(
            "{action} --include-restricted needs the admin role; operator {} is {}",
            who.operator,
            who.role.name()
        )));
    }
    Ok(())
}

/// Says on stderr which restricted records were listed or erased, and that
/// their people must have been told (Art. 18(3)).
fn restricted_notice(session: &Session, rows: &[Map<String, Value>], done: &str) {
    let ids: Vec<&str> = rows
        .iter()
        .filter(|r| !r["restricted_since"].is_null())
        .filter_map(|r| r["id"].as_str())
        .collect();
    if !ids.is_empty() && !session.global.quiet {
        eprintln!(
            "privreg: notice: {} {done} although restricted (GDPR Art. 18): the erasure ends each restriction, and each person must have been told before (Art. 18(3))",
            ids.join(", ")
        );
    }
}

pub fn retention(session: &mut Session, c: RetentionCommand) -> Result<Output> {
    match c {
        RetentionCommand::Report {
            as_of,
            include_restricted,
        } => {
            let day = as_of_day(session, as_of.as_deref())?;
            let rows = session.write("retention-report", |tx, who| {
                restricted_allowed(who, include_restricted, "retention report")?;
                let found = expired(tx, day, include_restricted)?;
                let rows: Vec<Map<String, Value>> = found.iter().map(expired_row).collect();
                let mut detail = format!("as_of={}", format_date(day));
                if include_restricted {
                    detail.push_str(" include-restricted");
                }
                let entry = Entry::new("retention-report")
                    .rows(rows.len())
                    .detail(detail);
                Ok((rows, entry))
            })?;
            restricted_notice(session, &rows, "would be erased");
            Ok(Output::List {
                rows,
                table: expired_columns(include_restricted),
            })
        }
        RetentionCommand::Sweep {
            as_of,
            include_restricted,
            dry_run,
        } => {
            let day = as_of_day(session, as_of.as_deref())?;
            if day > session.who.today {
                return Err(Error::invalid(
                    "as-of",
                    "a sweep cannot look into the future: it would erase records before their time (use `retention report --as-of` to plan)",
                ));
            }
            if dry_run {
                return sweep(session, day, include_restricted, true);
            }
            session.store.take_alone(&session.db)?;
            let out = sweep(session, day, include_restricted, false);
            session.store.give_back();
            out
        }
    }
}

fn as_of_day(session: &Session, as_of: Option<&str>) -> Result<NaiveDate> {
    Ok(match date_flag("as-of", as_of)? {
        Some(d) => parse_date(&d).map_err(|e| Error::invalid("as-of", e.0))?,
        None => session.who.today,
    })
}

/// The reason every receipt of a sweep keeps. It is fixed text, not
/// typed by anyone, so it is not checked against the person's values.
const SWEEP_REASON: &str = "retention period ended (retention sweep)";

/// Plans and (unless `dry_run`) erases. Without `dry_run` the caller has
/// the register to itself (`store::take_alone`) for the whole sweep.
fn sweep(
    session: &mut Session,
    day: NaiveDate,
    include_restricted: bool,
    dry_run: bool,
) -> Result<Output> {
    let found: Vec<(RecordId, Map<String, Value>)> =
        session.write("retention-sweep", |tx, who| {
            restricted_allowed(who, include_restricted, "retention sweep")?;
            let found = expired(tx, day, include_restricted)?;
            let rows: Vec<(RecordId, Map<String, Value>)> = found
                .iter()
                .map(|e| (e.record.id, expired_row(e)))
                .collect();
            let entry = Entry::new("retention-sweep")
                .rows(rows.len())
                .detail(format!(
                    "as_of={} {}{}",
                    format_date(day),
                    if dry_run { "dry-run" } else { "plan" },
                    if include_restricted {
                        " include-restricted"
                    } else {
                        ""
                    }
                ));
            Ok((rows, entry))
        })?;
    if dry_run {
        let rows: Vec<Map<String, Value>> = found.into_iter().map(|(_, r)| r).collect();
        restricted_notice(session, &rows, "would be erased");
        return Ok(Output::List {
            rows,
            table: expired_columns(include_restricted),
        });
    }
    let mut done = Vec::with_capacity(found.len());
    for batch in found.chunks(SWEEP_BATCH) {
        let erased: Vec<Map<String, Value>> = session.write_many("erase", |tx, who| {
            let mut rows = Vec::new();
            let mut entries = Vec::new();
            let mut texts = RequestTexts::load(tx)?;
            for (id, row) in batch {
                // Checked again in this transaction: something may have
                // changed since the plan was made.
                let Some(record) = records::get(tx, *id)? else {
                    continue;
                };
                if !holds_of(tx, &record, day)?.is_empty()
                    || (record.restricted_at.is_some() && !include_restricted)
                {
                    continue;
                }
                let erased = erase_one(
                    tx,
                    who,
                    &record,
                    &How {
                        day,
                        reason: SWEEP_REASON,
                        request: None,
                        override_hold: false,
                        include_restricted,
                    },
                    &mut texts,
                )?;
                let mut entry = erase_entry(*id, &erased, None);
                entry.detail = format!("{} retention-sweep", entry.detail)
                    .trim()
                    .to_string();
                entries.push(entry);
                rows.push(row.clone());
            }
            Ok((rows, entries))
        })?;
        done.extend(erased);
    }
    restricted_notice(session, &done, "were erased");
    Ok(Output::List {
        rows: done,
        table: expired_columns(include_restricted),
    })
}
