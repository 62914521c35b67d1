//! `backup` and `restore`: an online copy of the register, and putting one
//! back without undoing what happened since — the audit log, erasure
//! receipts and suppression list only grow, and no erased person returns.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior, MAIN_DB};
use serde_json::Map;

use super::Session;
use crate::cli::{BackupArgs, RestoreArgs};
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::audit::Entry;
use crate::store::{create_private_file, Store};

/// Tables a restore takes from the backup, parents before children. The
/// audit log, erasure receipts, suppression list, meta and the published
/// notice versions (a history that only grows) stay as they are.
const FROM_BACKUP: &[&str] = &[
    "registers",
    "purposes",
    "operators",
    "controller",
    "retention_policy",
    "adequacy",
    "register_purposes",
    "notice_categories",
    "activities",
    "activity_purposes",
    "activity_transfers",
    "processors",
    "clients",
    "client_processing",
    "client_sub_processors",
    "client_transfers",
    "records",
    "corrections",
    "bases",
    "preferences",
    "holds",
    "disclosures",
    "requests",
    "request_subjects",
];

pub fn backup(session: &mut Session, a: BackupArgs) -> Result<Output> {
    if a.file.exists() {
        return Err(Error::invalid(
            "file",
            format!(
                "{} exists already: choose a new name (a backup never overwrites a file)",
                a.file.display()
            ),
        ));
    }
    // Created 0600 before SQLite writes a byte into it.
    create_private_file(&a.file)?;
    let copied = session
        .conn
        .backup(MAIN_DB, &a.file, None)
        .map_err(Error::from);
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&a.file);
        return Err(e);
    }
    let records: i64 = session
        .conn
        .query_row("SELECT count(*) FROM records", [], |r| r.get(0))?;
    session.write("backup", |_, _| {
        let mut value = Map::new();
        value.insert("file".into(), a.file.display().to_string().into());
        value.insert("records".into(), records.into());
        Ok((
            Output::Object {
                value,
                plain: Some(format!(
                    "backed up {records} records to {}",
                    a.file.display()
                )),
            },
            Entry::new("backup").rows(records as usize),
        ))
    })
}

/// A private scratch copy of the backup beside the register, removed when
/// dropped (it holds personal data).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

fn scratch_copy(backup: &Path, register: &Path) -> Result<Scratch> {
    if !backup.exists() {
        return Err(Error::NotFound(format!(
            "no backup file {}",
            backup.display()
        )));
    }
    let scratch = Scratch(register.with_extension("restoring"));
    drop(Scratch(scratch.0.clone())); // a leftover of an interrupted restore
    create_private_file(&scratch.0)?;
    let src = Connection::open_with_flags(backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let app_id: i32 = src.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != crate::store::APPLICATION_ID {
        return Err(Error::Storage(format!(
            "{} is not a privreg register",
            backup.display()
        )));
    }
    src.backup(MAIN_DB, &scratch.0, None)?;
    Ok(scratch)
}

pub fn restore(session: &mut Session, a: RestoreArgs, register: &Path) -> Result<Output> {
    let scratch = scratch_copy(&a.file, register)?;
    // Opening migrates an older backup forward, and refuses a newer one.
    let mut copy = Store::open(&scratch.0)?;
    // Erasures recorded in the register are applied to the copy first, so
    // an erased person never enters the register again, not even for the
    // length of a transaction.
    let receipts: Vec<(String, i64)> = {
        let mut stmt = session
            .conn
            .prepare("SELECT register, number FROM erasures")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let mut reapplied = 0;
    {
        let tx = copy
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (reg, number) in &receipts {
            reapplied += tx.execute(
                "DELETE FROM records WHERE register = ?1 AND number = ?2",
                rusqlite::params![reg, number],
            )?;
        }
        tx.commit()?;
    }
    copy.conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    drop(copy);

    session.conn.execute(
        "ATTACH DATABASE ?1 AS backup",
        [scratch.0.display().to_string()],
    )?;
    let result = session.write("restore", |tx, _| {
        // Ids are never reused: keep the higher counter of the two.
        let counters: Vec<(String, i64)> = {
            let mut stmt = tx.prepare("SELECT name, last_number FROM main.registers")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            rows
        };
        for table in FROM_BACKUP.iter().rev() {
            tx.execute(&format!("DELETE FROM main.{table}"), [])?;
        }
        for table in FROM_BACKUP {
            tx.execute(&format!("INSERT INTO main.{table} SELECT * FROM backup.{table}"), [])?;
        }
        for (name, last) in counters {
            tx.execute(
                "UPDATE main.registers SET last_number = max(last_number, ?2) WHERE name = ?1",
                rusqlite::params![name, last],
            )?;
        }
        let records: i64 = tx.query_row("SELECT count(*) FROM main.records", [], |r| r.get(0))?;
        let mut value = Map::new();
        value.insert("records".into(), records.into());
        value.insert("erasures_reapplied".into(), (reapplied as i64).into());
        let plain = format!(
            "restored {records} records from {}; {reapplied} erasures recorded since were applied again",
            a.file.display()
        );
        Ok((
            Output::Object { value, plain: Some(plain) },
            Entry::new("restore")
                .rows(records as usize)
                .detail(format!("erasures_reapplied={reapplied}")),
        ))
    });
    session.conn.execute("DETACH DATABASE backup", [])?;
    let out = result?;
    session
        .conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(out)
}
