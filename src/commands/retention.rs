//! `retention report` and `retention sweep`: the adapters of
//! `ops::retention` (the records past their retention period that
//! nothing holds, listed, or erased in batches the way `erase` erases
//! one, DOMAIN §5).

use chrono::NaiveDate;

use super::Session;
use crate::cli::RetentionCommand;
use crate::domain::date::parse_date;
use crate::error::{Error, Result};
use crate::messages::R;
use crate::ops::bases::date_flag;
use crate::ops::retention::{ExpiredRow, RetentionOptions, SWEEP_BATCH};
use crate::output::{to_map, Output};

const EXPIRED_COLUMNS: &[crate::output::Column] = &[
    ("id", "id"),
    ("register", "register"),
    ("ended", "ended_on"),
    ("kept until", "retention_limit"),
    ("erase from", "erasable_from"),
    ("rule", "rule"),
];

/// The rows as a table: with `--include-restricted`, also when a listed
/// record was restricted, since its person must be told (Art. 18(3)).
fn listed(rows: &[ExpiredRow], include_restricted: bool) -> Output {
    let mut table = EXPIRED_COLUMNS.to_vec();
    if include_restricted {
        table.push(("restricted since", "restricted_since"));
    }
    Output::List {
        rows: rows.iter().map(to_map).collect(),
        table,
    }
}

/// Says on stderr which restricted records were listed or erased, and that
/// their people must have been told (Art. 18(3)).
fn restricted_notice(session: &Session, rows: &[ExpiredRow], done: R) {
    let ids: Vec<String> = rows
        .iter()
        .filter(|r| r.restricted_since.is_some())
        .map(|r| r.id.to_string())
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
            let o = RetentionOptions {
                day: as_of_day(session, as_of.as_deref())?,
                include_restricted,
            };
            let rows = session.write("retention-report", |tx, who| {
                crate::ops::retention::report(tx, who, &o)
            })?;
            restricted_notice(session, &rows, R::RestrictedWouldBeErased);
            Ok(listed(&rows, include_restricted))
        }
        RetentionCommand::Sweep {
            as_of,
            include_restricted,
            dry_run,
        } => {
            let o = RetentionOptions {
                day: as_of_day(session, as_of.as_deref())?,
                include_restricted,
            };
            if o.day > session.who.today {
                return Err(Error::invalid("as-of", R::SweepFuture));
            }
            if dry_run {
                return sweep(session, &o, true, &mut 0);
            }
            session.store.take_alone(&session.db)?;
            let mut erased = 0;
            let out = sweep(session, &o, false, &mut erased);
            session.store.give_back();
            // On a server the values are still in the files until
            // vacuumed: once, after every batch, whatever the sweep ended
            // with, if any batch committed.
            if erased > 0 {
                session.store.scrub()?;
            }
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

/// Plans and (unless `dry_run`) erases, a transaction per batch, counting
/// the records erased in `erased` as each batch commits. Without
/// `dry_run` the caller has the register to itself (`store::take_alone`)
/// for the whole sweep, and scrubs after it.
fn sweep(
    session: &mut Session,
    o: &RetentionOptions,
    dry_run: bool,
    erased: &mut usize,
) -> Result<Output> {
    let plan = session.write("retention-sweep", |tx, who| {
        crate::ops::retention::sweep_plan(tx, who, o, dry_run)
    })?;
    if dry_run {
        restricted_notice(session, &plan, R::RestrictedWouldBeErased);
        return Ok(listed(&plan, o.include_restricted));
    }
    let mut done = Vec::with_capacity(plan.len());
    for batch in plan.chunks(SWEEP_BATCH) {
        let batch_erased = session.write_many("erase", |tx, who| {
            crate::ops::retention::sweep_batch(tx, who, o, batch)
        })?;
        *erased += batch_erased.len();
        done.extend(batch_erased);
    }
    restricted_notice(session, &done, R::RestrictedWereErased);
    Ok(listed(&done, o.include_restricted))
}
