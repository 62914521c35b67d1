//! `check`: the compliance gaps an auditor asks about first, with the ids
//! concerned and what is missing.

use serde::Serialize;

use super::Who;
use crate::domain::register::{RecordId, Register};
use crate::error::Result;
use crate::store::audit::Entry;
use crate::store::check::{self, Unfinished};
use crate::store::Tx;

/// One gap: its kind, the id concerned and what is missing.
#[derive(Serialize)]
pub struct Gap {
    pub gap: &'static str,
    pub id: String,
    pub missing: String,
}

fn gap(kind: &'static str, id: impl ToString, what: impl Into<String>) -> Gap {
    Gap {
        gap: kind,
        id: id.to_string(),
        missing: what.into(),
    }
}

fn id_of(register: &str, number: i64) -> String {
    register
        .parse::<Register>()
        .map(|register| RecordId { register, number }.to_string())
        .unwrap_or_else(|_| format!("{register}-{number}"))
}

/// Every gap, in the order of the kinds below, with `check`'s audit entry
/// (the kinds found).
pub fn gaps(tx: &Tx<'_>, who: &Who) -> Result<(Vec<Gap>, Entry)> {
    let today = who.today_iso();
    let mut gaps: Vec<Gap> = Vec::new();

    // Records with no legal basis in force today.
    for (register, number) in check::records_without_basis(tx, &today)? {
        gaps.push(gap(
            "no-legal-basis",
            id_of(&register, number),
            "a legal basis in force (privreg basis add)",
        ));
    }

    // Legitimate-interest bases without the interest weighed.
    for (register, number, basis) in check::unweighed_interests(tx)? {
        gaps.push(gap(
            "legitimate-interest-without-note",
            id_of(&register, number),
            format!("basis {basis}: the interest weighed (--note)"),
        ));
    }

    // Open requests past their due date.
    for (number, due) in check::overdue_requests(tx, &today)? {
        gaps.push(gap(
            "overdue-request",
            format!("REQ-{number}"),
            format!("an answer: it was due on {due}"),
        ));
    }

    // Records past their retention limit that nothing holds.
    for e in crate::ops::retention::expired_ids(tx, who.today)? {
        gaps.push(gap(
            "past-retention",
            e.0,
            format!("erasure: retention ended on {}", e.1),
        ));
    }

    // Breaches past their 72 hours, neither notified nor assessed unlikely.
    for (id, what) in crate::ops::retention::overdue_gaps(tx, &who.now)? {
        gaps.push(gap("breach-not-notified", id, what));
    }

    // Employees with neither a hetu nor full birth data.
    for number in check::employees_without_identity(tx)? {
        gaps.push(gap(
            "employee-identity",
            id_of("employee", number),
            "a hetu, or birth date, birth place and nationality",
        ));
    }

    // SPEC §9: processors with no Art. 28 contract date, activities with
    // no legal basis, clients with no processing agreement (ended ones
    // are history and not listed).
    for (unfinished, kind, what) in [
        (
            Unfinished::ProcessorContracts,
            "processor-without-contract",
            "the date of the Art. 28 contract (privreg processor add --contract-date)",
        ),
        (
            Unfinished::ActivityBases,
            "activity-without-basis",
            "a legal basis (GDPR Art. 6(1))",
        ),
        (
            Unfinished::ClientContracts,
            "client-without-contract",
            "the Art. 28 data processing agreement (privreg client add --contract-date)",
        ),
    ] {
        for name in check::unfinished(tx, unfinished)? {
            gaps.push(gap(kind, name, what));
        }
    }

    // A server's erasure whose VACUUM FULL failed: erased values may
    // remain in those tables' files until one succeeds.
    if tx.is_server() && check::vacuum_still_needed(tx)? {
        gaps.push(gap(
            "vacuum-needed",
            crate::store::pg::vacuum::ERASED_TABLES.join(","),
            "VACUUM FULL after an erasure whose vacuum failed (the next erase runs it)",
        ));
    }

    let mut kinds: Vec<&str> = gaps.iter().map(|g| g.gap).collect();
    kinds.dedup();
    let entry = Entry::new("check")
        .rows(gaps.len())
        .detail(format!("gaps={}", kinds.join(",")));
    Ok((gaps, entry))
}
