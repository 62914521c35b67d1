//! `check`: the compliance gaps an auditor asks about first, with the ids
//! concerned and what is missing.

use serde_json::{Map, Value};

use super::Session;
use crate::domain::register::{RecordId, Register};
use crate::error::Result;
use crate::output::Output;
use crate::store::audit::Entry;

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
        let mut stmt = tx.prepare(
            "SELECT register, number FROM records r WHERE NOT EXISTS (
                 SELECT 1 FROM bases b WHERE b.record = r.rowid AND b.valid_from <= ?1
                 AND (b.valid_until IS NULL OR b.valid_until > ?1))
             ORDER BY register, number",
        )?;
        let rows = stmt.query_map([&today], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (register, number) = row?;
            gaps.push(gap("no-legal-basis", id_of(&register, number), "a legal basis in force (privreg basis add)"));
        }

        // Legitimate-interest bases without the interest weighed.
        let mut stmt = tx.prepare(
            "SELECT r.register, r.number, b.id FROM bases b JOIN records r ON r.rowid = b.record
             WHERE b.basis = 'legitimate-interest' AND (b.note IS NULL OR trim(b.note) = '')",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
        for row in rows {
            let (register, number, basis) = row?;
            gaps.push(gap(
                "legitimate-interest-without-note",
                id_of(&register, number),
                format!("basis {basis}: the interest weighed (--note)"),
            ));
        }

        // Open requests past their due date.
        let mut stmt = tx.prepare("SELECT number, due FROM requests WHERE status = 'open' AND due < ?1 ORDER BY due")?;
        let rows = stmt.query_map([&today], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (number, due) = row?;
            gaps.push(gap("overdue-request", format!("REQ-{number}"), format!("an answer: it was due on {due}")));
        }

        // Records past their retention limit that nothing holds.
        for e in super::erase::expired_ids(tx, who.today)? {
            gaps.push(gap("past-retention", e.0, format!("erasure: retention ended on {}", e.1)));
        }

        // Breaches past their 72 hours, neither notified nor assessed unlikely.
        for (id, what) in super::breach::overdue_gaps(tx, &who.now)? {
            gaps.push(gap("breach-not-notified", id, what));
        }

        // Employees with neither a hetu nor full birth data.
        let mut stmt = tx.prepare(
            "SELECT number FROM records WHERE register = 'employee' AND hetu IS NULL
             AND (birth_date IS NULL OR birth_place IS NULL OR nationality IS NULL) ORDER BY number",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        for row in rows {
            gaps.push(gap(
                "employee-identity",
                id_of("employee", row?),
                "a hetu, or birth date, birth place and nationality",
            ));
        }

        // SPEC §9: processors with no Art. 28 contract date, activities with
        // no legal basis, clients with no processing agreement (ended ones
        // are history and not listed).
        for (sql, kind, what) in [
            (
                "SELECT name FROM processors WHERE contract_date IS NULL AND ended_on IS NULL ORDER BY rowid",
                "processor-without-contract",
                "the date of the Art. 28 contract (privreg processor add --contract-date)",
            ),
            (
                "SELECT name FROM activities WHERE basis IS NULL AND ended_on IS NULL ORDER BY rowid",
                "activity-without-basis",
                "a legal basis (GDPR Art. 6(1))",
            ),
            (
                "SELECT name FROM clients WHERE contract_date IS NULL AND ended_on IS NULL ORDER BY rowid",
                "client-without-contract",
                "the Art. 28 data processing agreement (privreg client add --contract-date)",
            ),
        ] {
            let mut stmt = tx.prepare(sql)?;
            let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
            for name in names {
                gaps.push(gap(kind, name?, what));
            }
        }

        let n = gaps.len();
        let kinds: Vec<String> = {
            let mut k: Vec<String> = gaps.iter().filter_map(|g| g["gap"].as_str().map(str::to_string)).collect();
            k.dedup();
            k
        };
        let entry = Entry::new("check").rows(n).detail(format!("gaps={}", kinds.join(",")));
        Ok((
            Output::List {
                rows: gaps,
                table: vec![("gap", "gap"), ("id", "id"), ("missing", "missing")],
            },
            entry,
        ))
    })
}
