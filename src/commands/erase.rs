//! `erase`, `hold add/release` and `retention report/sweep`: erasure that
//! leaves no trace (Art. 17), refused while the law or a manual hold
//! forbids it (DOMAIN §5).

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::bases::date_flag;
use super::records::{check_request, load};
use super::{Session, Who};
use crate::cli::{EraseArgs, HoldCommand, RetentionCommand};
use crate::domain::date::{format_date, parse_date};
use crate::domain::fields::fields;
use crate::domain::holds::{self, Hold};
use crate::domain::register::{RecordId, Register};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::audit::Entry;
use crate::store::holds as store_holds;
use crate::store::records::{self, Record};
use crate::store::suppression;

/// How many records a sweep erases per transaction: small enough that no
/// other privreg waits long for the write lock.
const SWEEP_BATCH: usize = 500;

/// The holds on a record on a day, from the policy table.
pub fn holds_of(conn: &rusqlite::Connection, record: &Record, day: NaiveDate) -> Result<Vec<Hold>> {
    let policy = store_holds::policy(conn, record.register(), false)?;
    let manual = store_holds::manual(conn, record.rowid)?;
    Ok(holds::holds(
        &store_holds::facts(record),
        &policy,
        &manual,
        day,
    ))
}

/// The retention limit of a record and the rule behind it.
pub fn retention_of(
    conn: &rusqlite::Connection,
    record: &Record,
) -> Result<(Option<NaiveDate>, String)> {
    let policy = store_holds::policy(conn, record.register(), false)?;
    Ok((
        holds::retention_limit(&store_holds::facts(record), &policy),
        policy.ground,
    ))
}

pub fn hold_json(h: &Hold) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), h.kind.into());
    m.insert(
        "hold_id".into(),
        h.id.map(Value::from).unwrap_or(Value::Null),
    );
    m.insert("reason".into(), h.reason.clone().into());
    m.insert(
        "until".into(),
        h.until
            .map(|d| Value::from(format_date(d)))
            .unwrap_or(Value::Null),
    );
    m.insert("overridable".into(), h.overridable.into());
    Value::Object(m)
}

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

/// The reason is kept in the erasure receipt after everything else is
/// gone, so it must not carry the person's own data.
fn check_reason(record: &Record, reason: &str) -> Result<()> {
    let lower = reason.to_lowercase();
    let leaks = fields(record.register())
        .iter()
        .zip(&record.values)
        .filter(|(f, _)| {
            matches!(
                f.name,
                "first_name" | "last_name" | "hetu" | "email" | "phone"
            )
        })
        .filter_map(|(f, v)| v.as_deref().map(|v| (f.name, v.to_lowercase())))
        .find(|(_, v)| v.chars().count() >= 3 && lower.contains(v.as_str()));
    match leaks {
        Some((field, _)) => Err(Error::invalid(
            "reason",
            format!("contains the person's {field}; the reason is kept after the erasure, so describe it without personal data"),
        )),
        None => Ok(()),
    }
}

/// What an erasure did.
struct Erased {
    recipients: Vec<String>,
    overridden: Vec<Hold>,
    suppressed: bool,
}

/// Erases one record inside the caller's transaction: refuses while a hold
/// applies (unless overridable and overridden), keeps suppression hashes
/// for a person who had opted out, deletes every personal value, and
/// leaves a receipt.
fn erase_one(
    tx: &rusqlite::Connection,
    who: &Who,
    record: &Record,
    day: NaiveDate,
    reason: &str,
    request: Option<&str>,
    override_hold: bool,
) -> Result<Erased> {
    let applying = holds_of(tx, record, day)?;
    let blocking: Vec<&Hold> = applying
        .iter()
        .filter(|h| !(override_hold && h.overridable))
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
    let recipients = records::recipients(tx, record.rowid)?;
    let suppressed = suppression::ever_opted_out(tx, record.rowid)?;
    if suppressed {
        suppression::add(tx, record.register(), &record.values, &who.now)?;
    }
    records::delete(tx, record.rowid)?;
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
            reason: reason.to_string(),
            request: request.map(str::to_string),
            holds_overridden: (!kinds.is_empty()).then(|| kinds.join(",")),
        },
    )?;
    Ok(Erased {
        recipients,
        overridden,
        suppressed,
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
    Entry {
        request,
        ..Entry::new("erase").record(id).detail(detail.join(" "))
    }
}

/// Moves what the WAL holds into the main file and truncates the WAL, so
/// that no copy of an erased page stays in it.
fn checkpoint(session: &Session) -> Result<()> {
    let busy: i64 = session
        .conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 && !session.global.quiet {
        eprintln!("privreg: warning: another privreg is reading the register; its write-ahead log is cleaned at the next erasure or when the last reader closes");
    }
    Ok(())
}

pub fn erase(session: &mut Session, a: EraseArgs) -> Result<Output> {
    let reason = a.reason.trim().to_string();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "is required"));
    }
    let out = session.write("erase", |tx, who| {
        let request = check_request(tx, a.request.as_deref())?;
        let record = load(tx, a.id)?;
        check_reason(&record, &reason)?;
        if a.dry_run {
            let applying = holds_of(tx, &record, who.today)?;
            let blocking = applying.iter().any(|h| !(a.override_hold && h.overridable));
            let mut value = Map::new();
            value.insert("id".into(), a.id.to_string().into());
            value.insert("would_erase".into(), (!blocking).into());
            value.insert(
                "holds".into(),
                applying.iter().map(hold_json).collect::<Vec<_>>().into(),
            );
            value.insert(
                "notify".into(),
                records::recipients(tx, record.rowid)?.into(),
            );
            let plain = if blocking {
                let lines: Vec<String> = applying
                    .iter()
                    .map(|h| format!("  - {}", hold_line(h)))
                    .collect();
                format!(
                    "{}: would be refused (dry run):\n{}",
                    a.id,
                    lines.join("\n")
                )
            } else {
                format!("{}: would be erased (dry run, nothing written)", a.id)
            };
            let entry = Entry {
                request: request.clone(),
                ..Entry::new("erase").record(a.id).detail("dry-run")
            };
            return Ok((
                Output::Object {
                    value,
                    plain: Some(plain),
                },
                entry,
            ));
        }
        let erased = erase_one(
            tx,
            who,
            &record,
            who.today,
            &reason,
            request.as_deref(),
            a.override_hold,
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
        let mut plain = format!("{}: erased", a.id);
        if !erased.overridden.is_empty() {
            let names: Vec<String> = erased.overridden.iter().map(hold_line).collect();
            plain.push_str(&format!("\nholds overridden: {}", names.join("; ")));
        }
        if erased.suppressed {
            plain.push_str(
                "\nthe person had opted out: they stay out of marketing lists if added again",
            );
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
    })?;
    if !a.dry_run {
        checkpoint(session)?;
    }
    Ok(out)
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
                    record.rowid,
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

/// A record past its retention limit that nothing holds on `day`.
struct Expired {
    record: Record,
    limit: NaiveDate,
    /// The first day it must be erased (the day after a year-end limit).
    from: NaiveDate,
    rule: String,
}

/// Every record whose retention has ended by `day` and that no hold keeps.
fn expired(conn: &rusqlite::Connection, day: NaiveDate) -> Result<Vec<Expired>> {
    let mut out = Vec::new();
    for register in Register::ALL {
        let policy = store_holds::policy(conn, register, false)?;
        // Every end date on or before this bound may have passed its limit;
        // the exact, date-precise test follows per record.
        let bound = day
            .checked_sub_months(chrono::Months::new(policy.retention_months))
            .unwrap_or(NaiveDate::MIN)
            + chrono::Days::new(3);
        let rowids: Vec<i64> = conn
            .prepare_cached("SELECT rowid FROM records WHERE register = ?1 AND ended_on IS NOT NULL AND ended_on <= ?2 ORDER BY rowid")?
            .query_map(rusqlite::params![register.name(), format_date(bound)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for rowid in rowids {
            let Some(record) = records::get_by_rowid(conn, rowid)? else {
                continue;
            };
            let facts = store_holds::facts(&record);
            let (Some(limit), Some(from)) = (
                holds::retention_limit(&facts, &policy),
                holds::erasable_from(&facts, &policy),
            ) else {
                continue;
            };
            if from > day {
                continue;
            }
            let manual = store_holds::manual(conn, rowid)?;
            if holds::holds(&facts, &policy, &manual, day).is_empty() {
                out.push(Expired {
                    record,
                    limit,
                    from,
                    rule: policy.ground.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// The ids and retention limits of the records past retention (`check`).
pub fn expired_ids(conn: &rusqlite::Connection, day: NaiveDate) -> Result<Vec<(String, String)>> {
    Ok(expired(conn, day)?
        .iter()
        .map(|e| (e.record.id.to_string(), format_date(e.limit)))
        .collect())
}

fn expired_row(e: &Expired) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), e.record.id.to_string().into());
    m.insert("register".into(), e.record.register().name().into());
    m.insert("ended_on".into(), e.record.ended_on.clone().into());
    m.insert("retention_limit".into(), format_date(e.limit).into());
    m.insert("erasable_from".into(), format_date(e.from).into());
    m.insert("rule".into(), e.rule.clone().into());
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

pub fn retention(session: &mut Session, c: RetentionCommand) -> Result<Output> {
    match c {
        RetentionCommand::Report { as_of } => {
            let day = as_of_day(session, as_of.as_deref())?;
            session.write("retention-report", |tx, _| {
                let found = expired(tx, day)?;
                let rows: Vec<Map<String, Value>> = found.iter().map(expired_row).collect();
                let entry = Entry::new("retention-report")
                    .rows(rows.len())
                    .detail(format!("as_of={}", format_date(day)));
                Ok((
                    Output::List {
                        rows,
                        table: EXPIRED_COLUMNS.to_vec(),
                    },
                    entry,
                ))
            })
        }
        RetentionCommand::Sweep { as_of, dry_run } => {
            let day = as_of_day(session, as_of.as_deref())?;
            if day > session.who.today {
                return Err(Error::invalid(
                    "as-of",
                    "a sweep cannot look into the future: it would erase records before their time (use `retention report --as-of` to plan)",
                ));
            }
            sweep(session, day, dry_run)
        }
    }
}

fn as_of_day(session: &Session, as_of: Option<&str>) -> Result<NaiveDate> {
    Ok(match date_flag("as-of", as_of)? {
        Some(d) => parse_date(&d).map_err(|e| Error::invalid("as-of", e.0))?,
        None => session.who.today,
    })
}

fn sweep(session: &mut Session, day: NaiveDate, dry_run: bool) -> Result<Output> {
    let found: Vec<(RecordId, Map<String, Value>)> =
        session.write("retention-sweep", |tx, _| {
            let found = expired(tx, day)?;
            let rows: Vec<(RecordId, Map<String, Value>)> = found
                .iter()
                .map(|e| (e.record.id, expired_row(e)))
                .collect();
            let entry = Entry::new("retention-sweep")
                .rows(rows.len())
                .detail(format!(
                    "as_of={} {}",
                    format_date(day),
                    if dry_run { "dry-run" } else { "plan" }
                ));
            Ok((rows, entry))
        })?;
    if dry_run {
        return Ok(Output::List {
            rows: found.into_iter().map(|(_, r)| r).collect(),
            table: EXPIRED_COLUMNS.to_vec(),
        });
    }
    let mut done = Vec::with_capacity(found.len());
    for batch in found.chunks(SWEEP_BATCH) {
        let erased: Vec<Map<String, Value>> = session.write_many("erase", |tx, who| {
            let mut rows = Vec::new();
            let mut entries = Vec::new();
            for (id, row) in batch {
                // Checked again in this transaction: something may have
                // changed since the plan was made.
                let Some(record) = records::get(tx, *id)? else {
                    continue;
                };
                if !holds_of(tx, &record, day)?.is_empty() {
                    continue;
                }
                let erased = erase_one(
                    tx,
                    who,
                    &record,
                    day,
                    "retention period ended (retention sweep)",
                    None,
                    false,
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
    checkpoint(session)?;
    Ok(Output::List {
        rows: done,
        table: EXPIRED_COLUMNS.to_vec(),
    })
}
