//! `retention report` and `retention sweep`: the records past their
//! retention period that nothing holds, listed, or erased in batches the
//! way `erase` erases one (DOMAIN §5).

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Session, Who};
use crate::cli::RetentionCommand;
use crate::domain::date::{format_date, parse_date};
use crate::domain::register::RecordId;
use crate::error::{Error, Result};
use crate::messages::{M, R};
use crate::ops::bases::date_flag;
use crate::ops::erase::{erase_one, How, RequestTexts, SWEEP_BATCH};
use crate::ops::holds::holds_of;
use crate::ops::retention::{expired, Expired};
use crate::output::{to_map, Output};
use crate::store::audit::Entry;
use crate::store::operators::Role;
use crate::store::records;

/// A row of `retention report` and `retention sweep`.
#[derive(Serialize)]
struct ExpiredRow<'a> {
    #[serde(serialize_with = "crate::ops::as_text")]
    id: RecordId,
    register: &'static str,
    ended_on: &'a Option<String>,
    retention_limit: String,
    erasable_from: String,
    rule: &'a str,
    restricted_since: &'a Option<String>,
}

fn expired_row(e: &Expired) -> Map<String, Value> {
    to_map(&ExpiredRow {
        id: e.record.id,
        register: e.record.register().name(),
        ended_on: &e.record.ended_on,
        retention_limit: format_date(e.limit),
        erasable_from: format_date(e.from),
        rule: &e.rule,
        restricted_since: &e.restricted_since,
    })
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
        return Err(Error::Refused(M::NeedsRole.say(&[
            &format!("{action} --include-restricted"),
            &"admin",
            &who.operator,
            &who.role.name(),
        ])));
    }
    Ok(())
}

/// Says on stderr which restricted records were listed or erased, and that
/// their people must have been told (Art. 18(3)).
fn restricted_notice(session: &Session, rows: &[Map<String, Value>], done: R) {
    let ids: Vec<&str> = rows
        .iter()
        .filter(|r| !r["restricted_since"].is_null())
        .filter_map(|r| r["id"].as_str())
        .collect();
    if !ids.is_empty() && !session.global.quiet {
        eprintln!("privreg: {}", done.say(&[&ids.join(", ")]));
    }
}

pub fn run(session: &mut Session, c: RetentionCommand) -> Result<Output> {
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
            restricted_notice(session, &rows, R::RestrictedWouldBeErased);
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
                return Err(Error::invalid("as-of", R::SweepFuture));
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
        restricted_notice(session, &rows, R::RestrictedWouldBeErased);
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
                let mut entry = erased.entry(None);
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
    restricted_notice(session, &done, R::RestrictedWereErased);
    Ok(Output::List {
        rows: done,
        table: expired_columns(include_restricted),
    })
}
