//! Erasure without residue on a server (SPEC §7, §8): the tables an
//! erasure changes are rewritten with `VACUUM FULL` after it commits. Why
//! FULL, and where the right to run it comes from: see "Erasure on a
//! server" in the header of `store/mod.rs`.

use std::cell::RefCell;
use std::time::Duration;

use postgres::Client;

use crate::error::{Error, Result};
use crate::messages::S;

/// Every table an erasure deletes from or rewrites a value in: the record,
/// what its deletion cascades to, and the requests whose free text it
/// redacts. A table's TOAST table and its indexes (the search index with
/// them) are rewritten with it. The rest hold no value of the person: the
/// receipt (`erasures`), keyed hashes (`suppression`), record ids
/// (`request_subjects`, `breach_records`) and the audit log (SPEC §7).
pub const ERASED_TABLES: &[&str] = &[
    "records",
    "corrections",
    "bases",
    "preferences",
    "holds",
    "disclosures",
    "requests",
];

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

/// Rewrites [`ERASED_TABLES`] (outside any transaction: VACUUM cannot run
/// in one). An error says that the record was erased but its values may
/// remain in the server's files, so that the erasure does not exit 0.
pub fn vacuum(client: &RefCell<Client>) -> Result<()> {
    let tables: Vec<String> = ERASED_TABLES
        .iter()
        .map(|t| format!("privreg.{t}"))
        .collect();
    let sql = format!("VACUUM (FULL) {}", tables.join(", "));
    let mut client = client.borrow_mut();
    // One statement per message: several in one are one implicit
    // transaction, where VACUUM cannot run.
    let result = client
        .batch_execute(&format!("SET lock_timeout = '{}s'", LOCK_WAIT.as_secs()))
        .and_then(|()| client.batch_execute(&sql));
    let _ = client.batch_execute("RESET lock_timeout");
    result.map_err(|e| {
        let why = super::server_error("VACUUM", &e).to_string();
        Error::Storage(S::VacuumFailed.say(&[&why, &ERASED_TABLES.join(", ")]))
    })
}
