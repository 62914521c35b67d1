//! The merge behind `restore` (SPEC §7 "Restore"): a backup, attached as
//! schema `backup` to the register's connection, is brought up to the
//! newer state of everything that records a right exercised or a duty
//! done, and then replaces the register's tables, all in the caller's one
//! write transaction. The audit log, erasure receipts, suppression list and
//! meta (with the register id and the suppression key) are never touched:
//! they only grow.
//!
//! What "newer" means, table by table. Records are matched by register and
//! number (ids are never reused; rowids may be), the rows that hang on a
//! record by their record and content: their own ids may be reused after
//! an erasure deleted the highest one, so they say nothing.
//!
//! | table | rule |
//! |---|---|
//! | records | the backup's values, except: a record added since stays (it is not in the backup); the restriction (`restricted_at`, reason, request) is the register's, since only `restrict` and `restrict lift` change it; a field corrected since the backup (a correction in the register that the backup does not have) keeps the register's value, with `email_key` or `ended_on` when the field is the e-mail or the end date |
//! | preferences, corrections, disclosures | events that are never changed: the union of both, so an opt-out, a withdrawal, a consent, a correction or a disclosure made since stays in the history, in its order |
//! | holds | union; a hold released in either is released (a release is never undone) |
//! | bases | union; a basis ended in the register keeps its end date (`basis end`) |
//! | requests, request_subjects | a request in the register is taken as the register has it (requests only move forward: open, extended, closed), with its subjects; a request only in the backup comes back |
//! | operators | union; for an operator in both, the register's role, and disabled if disabled in either (there is no `enable`) |
//! | purposes | union (bases added since may name a purpose added since) |
//! | registers | the higher `last_number` of the two: ids are never reused |
//! | controller, retention_policy, adequacy | the backup's: they record no one's right |
//! | every other table: breaches and their assessments, activities, processors, clients and their processing, declared purposes and notice categories, published notice versions | the register's: they document duties done (Art. 30, 28, 33) and only move forward |
//!
//! Every erasure recorded in the register is applied to the backup first,
//! and records the backup brings back (not in the register, or with other
//! identifiers) pass the suppression list ([`apply_suppression`]).
//!
//! On a server (SPEC §8) the merge is the same SQL ([`merge_and_replace`]):
//! the server's rows, read in the caller's write transaction, fill a SQLite
//! register in memory as `main` (`copy`'s streaming, in the file's model),
//! the backup's scratch copy is attached to it as `backup`, and the merged
//! tables of [`REPLACED`] go back to the server as one JSON argument of
//! `restore_replace()` (`migrations/pg/030_restore.sql`, SECURITY DEFINER,
//! an admin's only), which writes them with their own ids and moves the
//! sequences past them, in the same transaction. Nothing of the merge
//! touches a disk but the scratch copy, which the caller made private.

use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection};

use crate::domain::register::Register;
use crate::error::{Error, Result};
use crate::messages::S;

/// Tables the register takes from the merged backup, parents before
/// children. Tables not named here keep the register's rows.
const REPLACED: &[&str] = &[
    "registers",
    "purposes",
    "operators",
    "controller",
    "retention_policy",
    "adequacy",
    "records",
    "corrections",
    "bases",
    "preferences",
    "holds",
    "disclosures",
    "requests",
    "request_subjects",
];

/// The columns of a record that only the register's own code sets; a
/// correction names a field, never one of these.
const NOT_FIELDS: &[&str] = &[
    "rowid",
    "register",
    "number",
    "ended_on",
    "email_key",
    "restricted_at",
    "restriction_reason",
    "restriction_request",
    "created_at",
    "created_by",
    "updated_at",
    "source",
];

/// What the merge did, for the command's answer and audit entry.
#[derive(Debug, Default)]
pub struct Merged {
    /// Records of the backup erased since: deleted from it first.
    pub erasures_reapplied: usize,
    /// Records in the register that the backup did not have: kept.
    pub added_since: usize,
    /// Rows of rights tables (preferences, corrections, disclosures, holds,
    /// bases, requests, operators) the register had and the backup did not.
    pub rights_kept: usize,
    /// Rowids of records whose identifiers come from the backup (records
    /// the register lost, or whose hetu, e-mail or phone changed since):
    /// they must pass the suppression list once they are in the register.
    pub brought_back: Vec<i64>,
}

fn quoted(names: &[String], prefix: &str) -> String {
    names
        .iter()
        .map(|n| format!("{prefix}\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn columns(conn: &Connection, schema: &str, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid")?;
    let names = stmt
        .query_map(params![table, schema], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    if names.is_empty() {
        return Err(Error::Internal(format!("no table {schema}.{table}")));
    }
    Ok(names)
}

/// `b.x IS c.x AND …` over `names`: equal, NULL equal to NULL.
fn same(names: &[String]) -> String {
    if names.is_empty() {
        return "1".into();
    }
    names
        .iter()
        .map(|n| format!("b.\"{n}\" IS c.\"{n}\""))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The merge and the replacement, in the caller's write transaction: on a
/// file, of the scratch copy attached as `backup`; on a server, of the
/// scratch copy at `scratch` (see the module header).
pub fn merge_and_replace(tx: &super::Tx<'_>, scratch: &Path) -> Result<Merged> {
    if !tx.is_server() {
        let merged = merge(tx)?;
        replace(tx)?;
        return Ok(merged);
    }
    let mut memory = Connection::open_in_memory()?;
    {
        let schema = memory.transaction()?;
        schema.execute_batch(super::SCHEMA)?;
        for sql in super::MIGRATIONS {
            schema.execute_batch(sql)?;
        }
        schema.commit()?;
    }
    // SQLCipher: the scratch copy is keyed as the command keyed it.
    let key = crate::seal::attach_key();
    memory.execute(
        "ATTACH DATABASE ?1 AS backup KEY ?2",
        params![scratch.display().to_string(), key.as_str()],
    )?;
    let here = memory.transaction()?;
    super::copy::into_conn(super::tx::db(tx), &here)?;
    let merged = merge(&*here)?;
    let rows = merged_rows(&here)?;
    super::sql::execute(
        tx,
        "SELECT privreg.restore_replace(?1::text::jsonb)",
        &[&rows],
    )?;
    // The in-memory register is dropped unchanged, the scratch copy too.
    drop(here);
    Ok(merged)
}

/// The merged tables of [`REPLACED`] as one JSON object: per table, an
/// array of its rows as objects (column to value).
fn merged_rows(conn: &Connection) -> Result<String> {
    use serde_json::Value as J;
    let mut all = serde_json::Map::new();
    for table in REPLACED {
        let mut stmt = conn.prepare(&format!("SELECT * FROM backup.\"{table}\""))?;
        let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
        let mut rows = stmt.query([])?;
        let mut list = Vec::new();
        while let Some(row) = rows.next()? {
            let mut object = serde_json::Map::new();
            for (i, name) in names.iter().enumerate() {
                let value = match row.get_ref(i)? {
                    ValueRef::Null => J::Null,
                    ValueRef::Integer(v) => J::from(v),
                    ValueRef::Real(v) => J::from(v),
                    ValueRef::Text(t) => J::from(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => J::from(format!("\\x{}", hex(b))),
                };
                object.insert(name.clone(), value);
            }
            list.push(J::Object(object));
        }
        all.insert((*table).to_string(), J::Array(list));
    }
    Ok(J::Object(all).to_string())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Brings the attached `backup` up to the newer state of the register
/// (`main`); see the module's table. Runs inside the caller's transaction.
pub fn merge(tx: &impl super::On) -> Result<Merged> {
    let tx = super::tx::conn(tx)?;
    let erasures_reapplied = prepare(tx)?;
    let from_backup: i64 = tx.query_row(
        "SELECT coalesce(max(rowid), 0) FROM backup.records",
        [],
        |r| r.get(0),
    )?;
    let record_cols = columns(tx, "main", "records")?;
    keep_corrected_fields(tx, &record_cols)?;
    keep_restrictions(tx)?;
    let added_since = keep_added_records(tx, &record_cols)?;
    let rights_kept = keep_operators_and_purposes(tx)? + keep_record_rows(tx)? + keep_requests(tx)?;
    refuse_same_person_twice(tx)?;
    let brought_back = brought_back(tx, from_backup)?;
    tx.execute_batch("DROP TABLE temp.restore_map; DROP TABLE temp.restore_fixes;")?;
    Ok(Merged {
        erasures_reapplied,
        added_since,
        rights_kept,
        brought_back,
    })
}

/// Applies the register's erasures to the backup and readies the scratch
/// copy (its indexes and triggers off, the temporary tables of the merge).
/// Returns the records erased.
fn prepare(tx: &Connection) -> Result<usize> {
    // Tables kept from the register (activities, breaches …) name rows of
    // replaced ones (purposes, registers), in both files: the references
    // are checked once, at the commit, when everything is back in place.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    // Every erasure recorded in the register, read in this transaction (so
    // none committed meanwhile is missed), goes first: an erased person
    // never enters the register again, and what hangs on them goes with
    // them by cascade, as in `erase`.
    let erased = tx.execute(
        "DELETE FROM backup.records WHERE EXISTS (
             SELECT 1 FROM main.erasures e
             WHERE e.register = backup.records.register AND e.number = backup.records.number)",
        [],
    )?;
    // The scratch copy is ours: its unique indexes would make the order of
    // the updates below matter (two records swapping an e-mail), and its
    // search index is never read. Uniqueness is checked once at the end.
    tx.execute_batch(
        "DROP INDEX IF EXISTS backup.records_hetu;
         DROP INDEX IF EXISTS backup.records_email;
         DROP TRIGGER IF EXISTS backup.records_search_insert;
         DROP TRIGGER IF EXISTS backup.records_search_update;
         DROP TRIGGER IF EXISTS backup.records_search_delete;
         CREATE TEMP TABLE restore_map (cur INTEGER PRIMARY KEY, bak INTEGER NOT NULL);
         CREATE TEMP TABLE restore_fixes (cur INTEGER NOT NULL, field TEXT NOT NULL);",
    )?;
    Ok(erased)
}

/// A field corrected since the backup keeps the register's value.
fn keep_corrected_fields(tx: &Connection, record_cols: &[String]) -> Result<()> {
    // The fields corrected since the backup: corrections the backup does
    // not have, by record (register and number) and content.
    let correction_cols: Vec<String> = columns(tx, "main", "corrections")?
        .into_iter()
        .filter(|c| c != "id" && c != "record")
        .collect();
    tx.execute(
        &format!(
            "INSERT INTO temp.restore_fixes (cur, field)
             SELECT DISTINCT c.record, c.field FROM main.corrections c
             JOIN main.records m ON m.rowid = c.record
             WHERE NOT EXISTS (
                 SELECT 1 FROM backup.records r JOIN backup.corrections b ON b.record = r.rowid
                 WHERE r.register = m.register AND r.number = m.number AND {})",
            same(&correction_cols)
        ),
        [],
    )?;
    let fields: Vec<String> = {
        let mut stmt = tx.prepare("SELECT DISTINCT field FROM temp.restore_fixes")?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        rows
    };
    for field in &fields {
        // A field name comes from the file: only a real field column is
        // ever put into SQL.
        if !record_cols.contains(field) || NOT_FIELDS.contains(&field.as_str()) {
            return Err(Error::Storage(
                S::UnknownHistoryField.say(&[&format_args!("{field:?}")]),
            ));
        }
        let mut sets = format!("\"{field}\" = m.\"{field}\"");
        if field == "email" {
            sets.push_str(", email_key = m.email_key");
        }
        if Register::ALL.iter().any(|r| r.end_field() == field) {
            sets.push_str(", ended_on = m.ended_on");
        }
        tx.execute(
            &format!(
                "UPDATE backup.records AS b SET {sets}, updated_at = max(b.updated_at, m.updated_at)
                 FROM main.records AS m
                 WHERE m.register = b.register AND m.number = b.number
                   AND m.rowid IN (SELECT cur FROM temp.restore_fixes WHERE field = ?1)"
            ),
            [field],
        )?;
    }
    Ok(())
}

/// Restrictions and their lifts: the register's state is the newer one.
fn keep_restrictions(tx: &Connection) -> Result<()> {
    tx.execute(
        "UPDATE backup.records AS b
         SET restricted_at = m.restricted_at, restriction_reason = m.restriction_reason,
             restriction_request = m.restriction_request, updated_at = max(b.updated_at, m.updated_at)
         FROM main.records AS m
         WHERE m.register = b.register AND m.number = b.number
           AND (b.restricted_at IS NOT m.restricted_at OR b.restriction_reason IS NOT m.restriction_reason
                OR b.restriction_request IS NOT m.restriction_request)",
        [],
    )?;
    Ok(())
}

/// Records added since the backup stay; maps the register's records to the
/// backup's. Returns the records added.
fn keep_added_records(tx: &Connection, record_cols: &[String]) -> Result<usize> {
    // Records added since the backup stay, in the order they were added.
    let without_rowid: Vec<String> = record_cols
        .iter()
        .filter(|c| *c != "rowid")
        .cloned()
        .collect();
    let added = tx.execute(
        &format!(
            "INSERT INTO backup.records ({cols}) SELECT {mcols} FROM main.records m
             WHERE NOT EXISTS (SELECT 1 FROM backup.records b WHERE b.register = m.register AND b.number = m.number)
             ORDER BY m.rowid",
            cols = quoted(&without_rowid, ""),
            mcols = quoted(&without_rowid, "m."),
        ),
        [],
    )?;
    tx.execute(
        "INSERT INTO temp.restore_map (cur, bak)
         SELECT m.rowid, b.rowid FROM main.records m
         JOIN backup.records b ON b.register = m.register AND b.number = m.number",
        [],
    )?;
    Ok(added)
}

/// Operators and purposes of both; the register's `last_number` where
/// higher. Returns the operators added.
fn keep_operators_and_purposes(tx: &Connection) -> Result<usize> {
    // Operators: a disabled operator stays disabled, one added since stays.
    // Purposes first of all: a basis added since may name a purpose added
    // since, and the backup's foreign keys hold at every step.
    tx.execute(
        "UPDATE backup.operators AS b
         SET role = m.role, enabled = min(b.enabled, m.enabled), created_at = m.created_at, created_by = m.created_by
         FROM main.operators AS m WHERE m.name = b.name",
        [],
    )?;
    let added = tx.execute(
        "INSERT INTO backup.operators SELECT * FROM main.operators
         WHERE name NOT IN (SELECT name FROM backup.operators)",
        [],
    )?;
    tx.execute_batch(
        "INSERT INTO backup.purposes SELECT * FROM main.purposes
             WHERE name NOT IN (SELECT name FROM backup.purposes);
         UPDATE backup.registers AS b SET last_number = max(b.last_number, m.last_number)
             FROM main.registers AS m WHERE m.name = b.name;",
    )?;
    Ok(added)
}

/// The rows that hang on records (preferences, corrections, disclosures,
/// holds, bases) of both. Returns the rows added.
fn keep_record_rows(tx: &Connection) -> Result<usize> {
    let mut added = 0;
    for table in ["preferences", "corrections", "disclosures"] {
        added += union_rows(tx, table, &[], "0")?;
    }
    added += union_rows(
        tx,
        "holds",
        &["released_at", "released_by"],
        "b.released_at IS NULL AND c.released_at IS NOT NULL",
    )?;
    added += union_rows(
        tx,
        "bases",
        &["valid_until"],
        "c.valid_until IS NOT NULL AND b.valid_until IS NOT c.valid_until",
    )?;
    Ok(added)
}

/// Requests: the register's version of each of its requests. Returns the
/// requests only the register had.
fn keep_requests(tx: &Connection) -> Result<usize> {
    // Requests: the register's version of each of its requests.
    let only_here = tx.query_row(
        "SELECT count(*) FROM main.requests WHERE number NOT IN (SELECT number FROM backup.requests)",
        [],
        |r| r.get::<_, i64>(0),
    )? as usize;
    tx.execute_batch(
        "DELETE FROM backup.request_subjects WHERE request IN (SELECT number FROM main.requests);
         DELETE FROM backup.requests WHERE number IN (SELECT number FROM main.requests);",
    )?;
    tx.execute(
        "INSERT INTO backup.requests SELECT * FROM main.requests ORDER BY number",
        [],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO backup.request_subjects SELECT * FROM main.request_subjects",
        [],
    )?;
    Ok(only_here)
}

/// The records whose identifiers come from the backup (see
/// [`Merged::brought_back`]).
fn brought_back(tx: &Connection, from_backup: i64) -> Result<Vec<i64>> {
    // Identifiers the register does not have for that record: they come
    // from the backup and must pass the suppression list.
    let mut stmt = tx.prepare(
        "SELECT b.rowid FROM backup.records b WHERE b.rowid <= ?1 AND NOT EXISTS (
             SELECT 1 FROM main.records m WHERE m.register = b.register AND m.number = b.number
               AND m.hetu IS b.hetu AND m.email_key IS b.email_key AND m.phone IS b.phone)
         ORDER BY b.rowid",
    )?;
    let rows = stmt
        .query_map([from_backup], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(rows)
}

/// Adds to `backup.table` the rows of the register's `table` it does not
/// have (same record, same content apart from `mutable`), and for the rows
/// both have takes the register's `mutable` columns where `newer` holds
/// (`b` is the backup's row, `c` the register's). Returns the rows added.
fn union_rows(tx: &Connection, table: &str, mutable: &[&str], newer: &str) -> Result<usize> {
    let all = columns(tx, "main", table)?;
    let identity: Vec<String> = all
        .iter()
        .filter(|c| *c != "id" && *c != "record" && !mutable.contains(&c.as_str()))
        .cloned()
        .collect();
    let content: Vec<String> = all
        .iter()
        .filter(|c| *c != "id" && *c != "record")
        .cloned()
        .collect();
    let matched = format!("b.record = x.bak AND {}", same(&identity));
    if !mutable.is_empty() {
        let sets = mutable
            .iter()
            .map(|m| format!("\"{m}\" = c.\"{m}\""))
            .collect::<Vec<_>>()
            .join(", ");
        tx.execute(
            &format!(
                "UPDATE backup.{table} AS b SET {sets}
                 FROM main.{table} AS c JOIN temp.restore_map AS x ON x.cur = c.record
                 WHERE {matched} AND ({newer})"
            ),
            [],
        )?;
    }
    Ok(tx.execute(
        &format!(
            "INSERT INTO backup.{table} (record, {cols})
             SELECT x.bak, {ccols} FROM main.{table} AS c JOIN temp.restore_map AS x ON x.cur = c.record
             WHERE NOT EXISTS (SELECT 1 FROM backup.{table} AS b WHERE {matched})
             ORDER BY c.id",
            cols = quoted(&content, ""),
            ccols = quoted(&content, "c."),
        ),
        [],
    )?)
}

/// Two records of one register with one hetu or e-mail after the merge
/// (a record the backup brings back, and the same person added again
/// since): refused, naming both, before anything changes.
fn refuse_same_person_twice(tx: &Connection) -> Result<()> {
    for (column, what) in [("hetu", "hetu"), ("email_key", "e-mail")] {
        let twice: Option<(String, String)> = {
            use rusqlite::OptionalExtension;
            tx.query_row(
                &format!(
                    "SELECT register, group_concat(number, ' ') FROM (
                         SELECT register, number, {column} FROM backup.records
                         WHERE {column} IS NOT NULL ORDER BY number)
                     GROUP BY register, {column} HAVING count(*) > 1 LIMIT 1"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
        };
        if let Some((register, numbers)) = twice {
            let prefix = register
                .parse::<Register>()
                .map(|r| r.prefix().to_string())
                .unwrap_or(register);
            let ids: Vec<String> = numbers
                .split(' ')
                .map(|n| format!("{prefix}-{n}"))
                .collect();
            return Err(Error::Conflict(
                S::SamePerson.say(&[&ids.join(&S::And.to_string()), &what]),
            ));
        }
    }
    Ok(())
}

/// Parents that tables kept from the register (declared purposes,
/// activities) refer to, with their key: updated in place rather than
/// deleted and inserted again, because SQLite counts a deleted parent of a
/// kept child as a violation even once an equal row is back.
const PARENTS: &[(&str, &str)] = &[("registers", "name"), ("purposes", "name")];

/// Replaces the register's tables of [`REPLACED`] with the merged backup's.
pub fn replace(tx: &impl super::On) -> Result<()> {
    let tx = super::tx::conn(tx)?;
    let is_parent = |t: &&str| PARENTS.iter().any(|(p, _)| p == t);
    for table in REPLACED.iter().rev().filter(|t| !is_parent(t)) {
        tx.execute(&format!("DELETE FROM main.{table}"), [])?;
    }
    for (table, key) in PARENTS {
        upsert(tx, table, key)?;
    }
    for table in REPLACED.iter().filter(|t| !is_parent(t)) {
        tx.execute(
            &format!("INSERT INTO main.{table} SELECT * FROM backup.{table}"),
            [],
        )?;
    }
    Ok(())
}

/// Makes `main.table` hold the backup's rows, matched by `key`: changed
/// rows updated, new ones inserted, rows only in the register removed.
fn upsert(tx: &Connection, table: &str, key: &str) -> Result<()> {
    let columns: Vec<String> = tx
        .prepare(&format!(
            "SELECT name FROM pragma_table_info('{table}', 'main')"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let list = columns.join(", ");
    let set = columns
        .iter()
        .filter(|c| *c != key)
        .map(|c| format!("{c} = excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    tx.execute(
        &format!("DELETE FROM main.{table} WHERE {key} NOT IN (SELECT {key} FROM backup.{table})"),
        [],
    )?;
    tx.execute(
        &format!(
            "INSERT INTO main.{table} ({list}) SELECT {list} FROM backup.{table} WHERE true
             ON CONFLICT ({key}) DO UPDATE SET {set}"
        ),
        [],
    )?;
    Ok(())
}

/// Puts the records the backup brought back through the suppression list,
/// as `add` does: a suppressed person stays out of marketing.
pub fn apply_suppression(tx: &impl super::On, rowids: &[i64], at: &str) -> Result<usize> {
    if rowids.is_empty() || !super::suppression::any(tx)? {
        return Ok(0);
    }
    let mut suppressed = 0;
    for &rowid in rowids {
        let rowid = super::RecordKey(rowid);
        let Some(record) = super::records::get_by_key(tx, rowid)? else {
            continue;
        };
        if super::suppression::apply(tx, rowid, record.register(), &record.values, at, "privreg")?
            .is_some()
        {
            suppressed += 1;
        }
    }
    Ok(suppressed)
}
