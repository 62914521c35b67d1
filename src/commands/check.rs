//! `check`: the compliance gaps an auditor asks about first, with the ids
//! concerned and what is missing.

use serde_json::{Map, Value};

use super::Session;
use crate::domain::register::{RecordId, Register};
use crate::error::Result;
use crate::output::Output;
use crate::store::audit::Entry;
use crate::store::check::{self, Unfinished};

fn gap(kind: &str, id: impl ToString, what: impl Into<String>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("gap".into(), kind.into());
    m.insert("id".into(), id.to_string().into());
    m.insert("missing".into(), what.into().into());
    m
}

fn id_of(register: &str, number: i64) -> String {
    register
        .parse::<Register>()
        .map(|register| RecordId { register, number }.to_string())
        .unwrap_or_else(|_| format!("{register}-{number}"))
}

pub fn run(session: &mut Session) -> Result<Output> {
    session.read(|tx, who| {
        let today = who.today_iso();
        let mut gaps: Vec<Map<String, Value>> = Vec::new();

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

        Ok(listed(gaps))
    })
}

/// The gaps as `check` prints them, with its audit entry (the kinds found).
fn listed(gaps: Vec<Map<String, Value>>) -> (Output, Entry) {
    let mut kinds: Vec<String> = gaps
        .iter()
        .filter_map(|g| g["gap"].as_str().map(str::to_string))
        .collect();
    kinds.dedup();
    let entry = Entry::new("check")
        .rows(gaps.len())
        .detail(format!("gaps={}", kinds.join(",")));
    (
        Output::List {
            rows: gaps,
            table: vec![("gap", "gap"), ("id", "id"), ("missing", "missing")],
        },
        entry,
    )
}
