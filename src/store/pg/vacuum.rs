//! Erasure without residue on a server (SPEC §7, §8): the tables an
//! erasure changes are rewritten with `VACUUM FULL` after it commits. Why
//! FULL, and where the right to run it comes from: see "Erasure on a
//! server" in the header of `store/mod.rs`.

use std::cell::RefCell;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use postgres::Client;

use crate::error::{Error, Result};
use crate::messages::S;

/// Every table an erasure deletes from or rewrites a value in: the record,
/// its search words (deleted by the records' trigger, 040_record_words.sql),
/// what its deletion cascades to, and the requests whose free text it
/// redacts. A table's TOAST table and its indexes (the search index with
/// them) are rewritten with it. The rest hold no value of the person: the
/// receipt (`erasures`), keyed hashes (`suppression`), record ids
/// (`request_subjects`, `breach_records`) and the audit log (SPEC §7).
pub const ERASED_TABLES: &[&str] = &[
    "records",
    "record_words",
    "corrections",
    "bases",
    "preferences",
    "holds",
    "disclosures",
    "requests",
];

/// The audit entry of a vacuum that failed after an erasure committed
/// (outcome `failed`): the erasure's own entry was written before the
/// vacuum, and must not be left as the last word on it.
pub const FAILED_ACTION: &str = "erase-vacuum";

/// How long the vacuum waits for a table's lock (held by readers in the
/// middle of a transaction, a `psql` session left open) before it gives
/// up: an erasure never hangs, as on a file (`store::ALONE_WAIT`).
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Whether the connected role may vacuum the register's tables: the
/// database's owner's privileges, which a member of privreg_admin holds
/// through privreg_maintainer once `init` made that role the owner.
/// Checked before an erasure changes anything, so that one that could not
/// vacuum is refused (exit 7) rather than left with values in the files.
pub fn check(client: &RefCell<Client>) -> Result<()> {
    let row = client.borrow_mut().query_one(
        "SELECT pg_catalog.pg_has_role(d.datdba, 'USAGE'), pg_catalog.current_database()::text
           FROM pg_catalog.pg_database d
          WHERE d.datname = pg_catalog.current_database()",
        &[],
    )?;
    let (may, db): (bool, String) = (row.get(0), row.get(1));
    if may {
        Ok(())
    } else {
        Err(Error::Storage(S::CannotVacuum.say(&[&db])))
    }
}

/// What the server said in notices on this process's connection, DETAIL
/// lines only (`VACUUM VERBOSE` counts the row versions it had to keep
/// there). Never shown: read for the counts.
static NOTICES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The connection's notice callback (`connect.rs`).
pub(super) fn notice(e: postgres::error::DbError) {
    if let (Some(detail), Ok(mut notices)) = (e.detail(), NOTICES.lock()) {
        notices.push(detail.to_string());
    }
}

/// Rewrites [`ERASED_TABLES`] (outside any transaction: VACUUM cannot run
/// in one), again while a session's snapshot from before the erasure made
/// it keep dead row versions (it copies those into the new files: an
/// autovacuum worker's ANALYZE, a `psql` transaction left open), until
/// [`LOCK_WAIT`] is over. An error says that the record was erased but its
/// values may remain in the server's files, so that the erasure does not
/// exit 0.
pub fn vacuum(client: &RefCell<Client>) -> Result<()> {
    let tables: Vec<String> = ERASED_TABLES
        .iter()
        .map(|t| format!("privreg.{t}"))
        .collect();
    let sql = format!("VACUUM (FULL, VERBOSE) {}", tables.join(", "));
    let deadline = Instant::now() + LOCK_WAIT;
    let mut client = client.borrow_mut();
    loop {
        if let Ok(mut notices) = NOTICES.lock() {
            notices.clear();
        }
        // One statement per message: several in one are one implicit
        // transaction, where VACUUM cannot run.
        let result = client
            .batch_execute(&format!("SET lock_timeout = '{}s'", LOCK_WAIT.as_secs()))
            .and_then(|()| client.batch_execute(&sql));
        let _ = client.batch_execute("RESET lock_timeout");
        result.map_err(|e| {
            let why = super::server_error("VACUUM", &e).to_string();
            Error::Storage(S::VacuumFailed.say(&[&why, &ERASED_TABLES.join(", ")]))
        })?;
        let kept = NOTICES.lock().ok().and_then(|n| kept(&n));
        match kept {
            Some(0) => {
                mark_visible(&mut client);
                return Ok(());
            }
            _ if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(200)),
            _ => {
                return Err(Error::Storage(
                    S::VacuumKept.say(&[&ERASED_TABLES.join(", ")]),
                ))
            }
        }
    }
}

/// The tables a search reads from their index alone (`record_words`,
/// 040_record_words.sql): an index-only scan skips a table page only when
/// the visibility map says every row on it is visible to all, and the
/// rewrite of `VACUUM FULL` leaves that map empty. Nothing would fill it
/// again soon (autovacuum waits for new or dead rows, and the rewrite left
/// none), so every search would read the table's pages too: after one
/// erasure a million-record register's searches took 100 to 370 ms instead
/// of 35 to 45. A plain VACUUM of the fresh table only sets the map (about
/// 2 s for a million records' words); it cannot bring back what the rewrite
/// removed. Should it fail (it waits for no reader, only for another
/// VACUUM), the erasure has still done all it promises: searches are only
/// slower until autovacuum comes, so the failure is not the command's.
const SCANNED_FROM_INDEX: &[&str] = &["record_words"];

fn mark_visible(client: &mut Client) {
    for t in SCANNED_FROM_INDEX {
        let _ = client.batch_execute(&format!("VACUUM privreg.{t}"));
    }
}

/// The dead row versions VACUUM VERBOSE says it could not remove yet, over
/// every table: the first number of each of its DETAIL lines ("0 dead row
/// versions cannot be removed yet", in the server's language). `None`
/// when fewer tables than vacuumed were counted: not known to be none.
fn kept(details: &[String]) -> Option<u64> {
    let counts: Vec<u64> = details
        .iter()
        .filter_map(|d| {
            let digits: String = d
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect();
    (counts.len() >= ERASED_TABLES.len()).then(|| counts.iter().sum())
}

#[cfg(test)]
mod tests {
    use super::kept;

    #[test]
    fn kept_row_versions_are_counted_from_every_tables_detail() {
        let detail =
            |n: u32| format!("{n} dead row versions cannot be removed yet.\nCPU: user: 0.00 s");
        let all_zero: Vec<String> = super::ERASED_TABLES.iter().map(|_| detail(0)).collect();
        assert_eq!(kept(&all_zero), Some(0));
        let mut one = all_zero.clone();
        one[3] = detail(2);
        assert_eq!(kept(&one), Some(2));
        // a table not reported is not known to be clean
        assert_eq!(kept(&all_zero[1..]), None);
    }
}
