//! `erase` and `hold add/release`: the adapters of `ops::erase` and
//! `ops::holds` (erasure that leaves no trace, Art. 17, refused while the
//! law or a manual hold forbids it, DOMAIN §5).

use crate::messages::{D, M};

use super::Session;
use crate::cli::{EraseArgs, HoldCommand};
use crate::domain::date::parse_date;
use crate::domain::register::RecordId;
use crate::error::{Error, Result};
use crate::ops::bases::date_flag;
use crate::ops::erase::{hold_line, EraseOptions, Erased, Judgement, Outcome, Restriction};
use crate::ops::holds::AddHoldOptions;
use crate::ops::records::required;
use crate::output::{to_map, Output};

pub fn erase(session: &mut Session, a: EraseArgs) -> Result<Output> {
    let reason = required("reason", &a.reason)?;
    let options = EraseOptions {
        id: a.id,
        reason: &reason,
        request: a.request.as_deref(),
        override_hold: a.override_hold,
        include_restricted: a.include_restricted,
        dry_run: a.dry_run,
    };
    let outcome = if options.dry_run {
        session.write("erase", |tx, who| {
            crate::ops::erase::erase(tx, who, &options)
        })
    } else {
        session.store.take_alone(&session.db)?;
        let out = session.write("erase", |tx, who| {
            crate::ops::erase::erase(tx, who, &options)
        });
        session.store.give_back();
        let out = out?;
        // On a server the values are still in the files until vacuumed.
        if let Err(e) = session.store.scrub() {
            vacuum_failed(session, options.id);
            return Err(e);
        }
        Ok(out)
    }?;
    Ok(match outcome {
        Outcome::Judged(j) => Output::Object {
            value: to_map(&j),
            plain: Some(judged_plain(&j)),
        },
        Outcome::Erased(e) => Output::Object {
            value: to_map(&e),
            plain: Some(erased_plain(&e)),
        },
    })
}

/// A vacuum that failed after the erasure committed: the log says so
/// after the erasure's own entry (no value, the tables only), and `check`
/// lists the tables until a later erasure's vacuum succeeds. Best effort:
/// the vacuum's error is what the command reports.
fn vacuum_failed(session: &mut Session, id: RecordId) {
    let entry = crate::ops::erase::vacuum_failed(id);
    let _ = session.write(&entry.action.clone(), |_, _| Ok(((), entry)));
}

/// What `--include-restricted` prints for the restriction it ends.
fn notice(r: &Restriction, id: RecordId) -> String {
    M::RestrictionEnds.say(&[&id, &r.describe()])
}

fn judged_plain(j: &Judgement) -> String {
    if j.would_erase {
        let mut plain = M::WouldBeErased.say(&[&j.id]);
        if let Some(r) = &j.restriction {
            plain.push_str(&format!("\n{}", notice(r, j.id)));
        }
        return plain;
    }
    let mut lines: Vec<String> = Vec::new();
    if let Some(r) = &j.restriction {
        lines.push(format!("  - {}", r.describe()));
    }
    if j.held {
        lines.extend(
            j.holds
                .iter()
                .map(|h| format!("  - {}", hold_line(h, Some(j.id.register)))),
        );
    }
    format!("{}\n{}", M::WouldBeRefused.say(&[&j.id]), lines.join("\n"))
}

fn erased_plain(e: &Erased) -> String {
    let mut plain = M::Erased.say(&[&e.id]);
    if !e.holds_overridden.is_empty() {
        let names: Vec<String> = e
            .holds_overridden
            .iter()
            .map(|h| hold_line(h, Some(e.id.register)))
            .collect();
        let names = names.join("; ");
        plain.push_str(&format!("\n{}", M::HoldsOverridden.say(&[&names])));
    }
    if let Some(r) = &e.restriction_ended {
        plain.push_str(&format!("\n{}", notice(r, e.id)));
    }
    if e.suppressed {
        plain.push_str(&format!("\n{}", M::OptedOut));
    }
    if !e.requests_redacted.is_empty() {
        let requests = e.requests_redacted.join(", ");
        plain.push_str(&format!("\n{}", M::RedactedText.say(&[&requests])));
    }
    if !e.notify.is_empty() {
        plain.push_str(&format!(
            "\n{}",
            M::TellRecipients.say(&[&e.notify.join("; ")])
        ));
    }
    plain
}

pub fn hold(session: &mut Session, c: HoldCommand) -> Result<Output> {
    match c {
        HoldCommand::Add { id, reason, until } => {
            let reason = required("reason", &reason)?;
            let until = date_flag("until", Some(&until))?.unwrap_or_default();
            let until = parse_date(&until).map_err(|e| Error::invalid("until", e.0))?;
            let options = AddHoldOptions {
                id,
                reason: &reason,
                until,
            };
            let added = session.write("hold-add", |tx, who| {
                crate::ops::holds::add(tx, who, &options)
            })?;
            let until = added.until.clone().unwrap_or_default();
            Ok(Output::Object {
                value: to_map(&added),
                plain: Some(D::HoldAdded.say(&[&added.hold_id, &id, &until])),
            })
        }
        HoldCommand::Release { hold_id } => {
            let released = session.write("hold-release", |tx, who| {
                crate::ops::holds::release(tx, who, hold_id)
            })?;
            Ok(Output::Object {
                value: to_map(&released),
                plain: Some(D::HoldReleased.say(&[&hold_id, &released.id])),
            })
        }
    }
}
