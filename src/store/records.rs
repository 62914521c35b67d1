//! The `records` table: one row per person per register, with the search
//! index kept in step by triggers (schema.sql; `store::search` reads it).
//! Values arrive here already validated and in normal form
//! (`domain::fields`).

use std::sync::OnceLock;

use rusqlite::{params, Connection};

use super::sql::Row;

use crate::domain::fields::{all_field_names, fields, index_of, Values};
use crate::domain::register::{RecordId, Register};
use crate::error::{Error, Result};
use crate::messages::{M, R};

/// A record as stored.
#[derive(Debug, Clone)]
pub struct Record {
    pub key: super::RecordKey,
    pub id: RecordId,
    pub ended_on: Option<String>,
    pub restricted_at: Option<String>,
    pub restriction_reason: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    /// In the order of `fields(id.register)`.
    pub values: Values,
}

/// The lifecycle status of SPEC §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    Ended,
    Restricted,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Ended => "ended",
            Status::Restricted => "restricted",
        }
    }
}

impl Record {
    pub fn register(&self) -> Register {
        self.id.register
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        index_of(self.id.register, name).and_then(|i| self.values[i].as_deref())
    }

    /// Ended once its end date has come (`today` is ISO, so text compares).
    pub fn status(&self, today: &str) -> Status {
        if self.restricted_at.is_some() {
            Status::Restricted
        } else if self.ended_on.as_deref().is_some_and(|d| d <= today) {
            Status::Ended
        } else {
            Status::Active
        }
    }
}

fn quote(name: &str) -> String {
    format!("\"{name}\"")
}

/// Every field column, for queries that may return any register.
fn all_columns() -> &'static [&'static str] {
    static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
    ALL.get_or_init(all_field_names)
}

pub(super) fn select_list() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let cols: Vec<String> = all_columns().iter().map(|c| format!("r.{}", quote(c))).collect();
        format!(
            "r.rowid, r.register, r.number, r.ended_on, r.restricted_at, r.restriction_reason, r.created_at, r.created_by, r.updated_at, {}",
            cols.join(", ")
        )
    })
}

const FIXED_COLUMNS: usize = 9;

/// Where each field of a register stands among `all_columns()`.
fn positions(register: Register) -> &'static [usize] {
    static POS: OnceLock<Vec<Vec<usize>>> = OnceLock::new();
    let all = POS.get_or_init(|| {
        Register::ALL
            .iter()
            .map(|r| {
                fields(*r)
                    .iter()
                    .map(|f| all_columns().iter().position(|c| *c == f.name).unwrap_or(0))
                    .collect()
            })
            .collect()
    });
    &all[register.index()]
}

/// A row of `select_list()` (every field column).
pub(super) fn read(row: &Row<'_>) -> Result<Record> {
    let register_name: String = row.get(1)?;
    let register: Register = register_name
        .parse()
        .map_err(|_| Error::Internal("a stored record names no register".into()))?;
    read_values(row, register, positions(register).iter().copied())
}

/// A row of `register_select_list(register)` (that register's fields only).
fn read_register(row: &Row<'_>, register: Register) -> Result<Record> {
    read_values(row, register, 0..fields(register).len())
}

fn read_values(
    row: &Row<'_>,
    register: Register,
    positions: impl Iterator<Item = usize>,
) -> Result<Record> {
    let mut values = Vec::with_capacity(fields(register).len());
    for pos in positions {
        values.push(row.get::<Option<String>>(FIXED_COLUMNS + pos)?);
    }
    Ok(Record {
        key: row.get(0)?,
        id: RecordId {
            register,
            number: row.get(2)?,
        },
        ended_on: row.get(3)?,
        restricted_at: row.get(4)?,
        restriction_reason: row.get(5)?,
        created_at: row.get(6)?,
        created_by: row.get(7)?,
        updated_at: row.get(8)?,
        values,
    })
}

fn register_select_list(register: Register) -> String {
    let cols: Vec<String> = fields(register)
        .iter()
        .map(|f| format!("r.{}", quote(f.name)))
        .collect();
    format!(
        "r.rowid, r.register, r.number, r.ended_on, r.restricted_at, r.restriction_reason, r.created_at, r.created_by, r.updated_at, {}",
        cols.join(", ")
    )
}

/// Every record of a register in id order, one at a time (exports).
/// Ended records only with `include_ended`, restricted ones only with
/// `include_restricted`; `today` (ISO) tells which have ended.
pub fn each_in_register(
    conn: &impl super::On,
    register: Register,
    include_ended: bool,
    include_restricted: bool,
    today: &str,
    mut f: impl FnMut(&Record) -> Result<()>,
) -> Result<()> {
    let mut sql = format!(
        "SELECT {} FROM records r WHERE r.register = ?1",
        register_select_list(register)
    );
    if !include_ended {
        sql.push_str(" AND (r.ended_on IS NULL OR r.ended_on > ?2)");
    } else {
        sql.push_str(" AND CAST(?2 AS TEXT) IS NOT NULL");
    }
    if !include_restricted {
        sql.push_str(" AND r.restricted_at IS NULL");
    }
    sql.push_str(" ORDER BY r.number");
    super::sql::each(conn, &sql, &[&register.name(), &today], |row| {
        f(&read_register(row, register)?)
    })
}

/// The records of one person (SPEC §2): those that share the hetu, and,
/// for records without a hetu, those that share an e-mail address with
/// any of them (or with `email_key` when there is no hetu at all).
pub fn same_person(
    conn: &impl super::On,
    hetu: Option<&str>,
    email: Option<&str>,
) -> Result<Vec<Record>> {
    let mut found: Vec<Record> = Vec::new();
    let mut emails: Vec<String> = email.map(|e| vec![e.to_string()]).unwrap_or_default();
    if let Some(h) = hetu {
        let sql = format!(
            "SELECT {} FROM records r WHERE r.hetu = ?1 ORDER BY r.rowid",
            select_list()
        );
        let rows = super::sql::rows(conn, &sql, &[&h], read)?;
        for r in rows {
            if let Some(e) = email_key(r.get("email")) {
                if !emails.contains(&e) {
                    emails.push(e);
                }
            }
            found.push(r);
        }
    }
    let sql = format!(
        "SELECT {} FROM records r WHERE r.email_key = ?1 AND (r.hetu IS NULL OR CAST(?2 AS TEXT) IS NULL) ORDER BY r.rowid",
        select_list()
    );
    for e in emails {
        let rows = super::sql::rows(conn, &sql, &[&e, &hetu], read)?;
        for r in rows {
            if !found.iter().any(|f| f.key == r.key) {
                found.push(r);
            }
        }
    }
    found.sort_by_key(|r| (r.id.register, r.id.number));
    Ok(found)
}

pub fn get(conn: &impl super::On, id: RecordId) -> Result<Option<Record>> {
    let sql = format!(
        "SELECT {} FROM records r WHERE r.register = ?1 AND r.number = ?2",
        select_list()
    );
    super::sql::row(conn, &sql, &[&id.register.name(), &id.number], read)
}

/// The records of `register` whose end date has come by `day` (ISO), in
/// the order they were created.
pub fn ended_by(
    conn: &impl super::On,
    register: Register,
    day: &str,
) -> Result<Vec<super::RecordKey>> {
    super::sql::rows(
        conn,
        "SELECT rowid FROM records WHERE register = ?1 AND ended_on IS NOT NULL AND ended_on <= ?2 ORDER BY rowid",
        &[&register.name(), &day],
        |r| r.get(0),
    )
}

pub fn get_by_key(conn: &impl super::On, rowid: super::RecordKey) -> Result<Option<Record>> {
    let sql = format!("SELECT {} FROM records r WHERE r.rowid = ?1", select_list());
    super::sql::row(conn, &sql, &[&rowid.0], read)
}

/// The lower-cased e-mail that identifies a person (SPEC §2).
pub fn email_key(email: Option<&str>) -> Option<String> {
    email.map(str::to_lowercase)
}

/// Which record of the register already has this hetu or e-mail, and by
/// which of the two, ignoring `except` (the record being corrected).
pub fn find_same_person(
    conn: &impl super::On,
    register: Register,
    values: &Values,
    except: Option<super::RecordKey>,
) -> Result<Option<(RecordId, &'static str)>> {
    let get = |name: &str| index_of(register, name).and_then(|i| values[i].as_deref());
    let except = except.map(|k| k.0);
    let by = [
        ("hetu", "hetu", get("hetu").map(str::to_string)),
        ("email_key", "e-mail", email_key(get("email"))),
    ];
    for (column, name, value) in by {
        let Some(value) = value else { continue };
        let sql = format!(
            "SELECT number FROM records WHERE register = ?1 AND {column} = ?2 AND rowid IS DISTINCT FROM ?3"
        );
        let found = super::sql::row(conn, &sql, &[&register.name(), &value, &except], |r| {
            r.get::<i64>(0)
        })?;
        if let Some(number) = found {
            return Ok(Some((RecordId { register, number }, name)));
        }
    }
    Ok(None)
}

/// The next id of a register; ids are never reused (`registers.last_number`
/// only grows, also when the row holding the highest number is erased).
fn next_number(conn: &Connection, register: Register) -> Result<i64> {
    Ok(conn
        .prepare_cached("UPDATE registers SET last_number = last_number + 1 WHERE name = ?1 RETURNING last_number")?
        .query_row([register.name()], |r| r.get(0))?)
}

/// The highest number a register has given (ids are never reused).
pub fn last_number(conn: &impl super::On, register: Register) -> Result<i64> {
    let conn = super::tx::conn(conn)?;
    Ok(conn
        .prepare_cached("SELECT last_number FROM registers WHERE name = ?1")?
        .query_row([register.name()], |r| r.get(0))?)
}

/// Records that numbers up to `number` are given: an import reserves its
/// block of numbers once instead of one UPDATE per record.
pub fn set_last_number(conn: &impl super::On, register: Register, number: i64) -> Result<()> {
    let conn = super::tx::conn(conn)?;
    conn.prepare_cached("UPDATE registers SET last_number = max(last_number, ?2) WHERE name = ?1")?
        .execute(params![register.name(), number])?;
    Ok(())
}

/// The INSERT of a register's records, built once per register.
fn insert_sql(register: Register) -> &'static str {
    static SQL: OnceLock<Vec<String>> = OnceLock::new();
    let all = SQL.get_or_init(|| {
        Register::ALL
            .iter()
            .map(|&r| {
                let cols: Vec<String> = fields(r).iter().map(|f| quote(f.name)).collect();
                let marks: Vec<String> = (0..cols.len()).map(|i| format!("?{}", i + 8)).collect();
                format!(
                    "INSERT INTO records (register, number, ended_on, email_key, created_at, created_by, updated_at, source, {})
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?7, {})",
                    cols.join(", "),
                    marks.join(", ")
                )
            })
            .collect()
    });
    &all[register.index()]
}

/// What [`Inserter::insert`] did with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// Written, with this rowid.
    Row(super::RecordKey),
    /// Not written: a record of the register has the same hetu or e-mail
    /// (the unique indexes said so; nothing of the row remains).
    SamePerson,
}

/// Writes validated records of one register with one prepared statement:
/// `add` writes one through [`insert`], `import` many. Every way in passes
/// here, so each record gets the same columns, search index entry (by
/// trigger) and suppression check.
pub struct Inserter<'c> {
    conn: &'c Connection,
    stmt: rusqlite::CachedStatement<'c>,
    register: Register,
    end_at: Option<usize>,
    email_at: Option<usize>,
    /// Whether the suppression list has any entry. It can only grow by an
    /// erasure, which cannot run inside this write transaction, so it is
    /// read once rather than once per record.
    suppression: bool,
}

impl<'c> Inserter<'c> {
    pub fn new(conn: &'c impl super::On, register: Register) -> Result<Inserter<'c>> {
        let conn = super::tx::conn(conn)?;
        Ok(Inserter {
            conn,
            stmt: conn.prepare_cached(insert_sql(register))?,
            register,
            end_at: index_of(register, register.end_field()),
            email_at: index_of(register, "email"),
            suppression: super::suppression::any(conn)?,
        })
    }

    /// Writes a record with the given number (the caller reserved it).
    pub fn insert(
        &mut self,
        number: i64,
        values: &Values,
        at: &str,
        by: &str,
        source: &str,
    ) -> Result<Inserted> {
        let get = |i: Option<usize>| i.and_then(|i| values[i].as_deref());
        let key = email_key(get(self.email_at));
        let s = &mut self.stmt;
        s.raw_bind_parameter(1, self.register.name())?;
        s.raw_bind_parameter(2, number)?;
        s.raw_bind_parameter(3, get(self.end_at))?;
        s.raw_bind_parameter(4, key.as_deref())?;
        s.raw_bind_parameter(5, at)?;
        s.raw_bind_parameter(6, by)?;
        s.raw_bind_parameter(7, source)?;
        for (i, v) in values.iter().enumerate() {
            s.raw_bind_parameter(8 + i, v.as_deref())?;
        }
        match s.raw_execute() {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                return Ok(Inserted::SamePerson)
            }
            Err(e) => return Err(e.into()),
        }
        let rowid = super::RecordKey(self.conn.last_insert_rowid());
        // A suppressed person stays suppressed however they come back.
        if self.suppression {
            super::suppression::apply(self.conn, rowid, self.register, values, at, by)?;
        }
        Ok(Inserted::Row(rowid))
    }
}

/// Inserts a validated record and returns its id.
pub fn insert(
    conn: &impl super::On,
    register: Register,
    values: &Values,
    at: &str,
    by: &str,
    source: &str,
) -> Result<(RecordId, super::RecordKey)> {
    if let super::tx::Db::Server(_) = super::tx::db(conn) {
        let (id, rowid) = insert_on_server(conn, register, values, at, by, source)?;
        if super::suppression::any(conn)? {
            super::suppression::apply(conn, rowid, register, values, at, by)?;
        }
        return Ok((id, rowid));
    }
    let conn = super::tx::conn(conn)?;
    let number = next_number(conn, register)?;
    match Inserter::new(conn, register)?.insert(number, values, at, by, source)? {
        Inserted::Row(rowid) => Ok((RecordId { register, number }, rowid)),
        Inserted::SamePerson => Err(Error::Conflict(R::SamePersonIn.say(&[&register]))),
    }
}

/// [`insert`] on a server: the number comes from the register's sequence
/// (a trigger, migrations/pg/001_schema.sql) and is returned with the key.
fn insert_on_server(
    conn: &impl super::On,
    register: Register,
    values: &Values,
    at: &str,
    by: &str,
    source: &str,
) -> Result<(RecordId, super::RecordKey)> {
    let cols: Vec<String> = fields(register).iter().map(|f| quote(f.name)).collect();
    let marks: Vec<String> = (0..cols.len()).map(|i| format!("?{}", i + 7)).collect();
    let sql = format!(
        "INSERT INTO records (register, ended_on, email_key, created_at, created_by, updated_at, source, {})
         VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?6, {}) RETURNING number, rowid",
        cols.join(", "),
        marks.join(", ")
    );
    let get = |name: &str| index_of(register, name).and_then(|i| values[i].as_deref());
    let (name, end, key) = (
        register.name(),
        get(register.end_field()),
        email_key(get("email")),
    );
    let mut params: Vec<&dyn super::sql::Param> = vec![&name, &end, &key, &at, &by, &source];
    params.extend(values.iter().map(|v| v as &dyn super::sql::Param));
    let (number, rowid) = super::sql::row(conn, &sql, &params, |r| Ok((r.get(0)?, r.get(1)?)))?
        .ok_or_else(|| Error::Internal("an INSERT returned no row".into()))?;
    Ok((RecordId { register, number }, rowid))
}

/// Writes a record's (already validated) values back.
pub fn update(conn: &impl super::On, record: &Record, at: &str) -> Result<()> {
    let register = record.register();
    let sets: Vec<String> = fields(register)
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{} = ?{}", quote(f.name), i + 5))
        .collect();
    let sql = format!(
        "UPDATE records SET ended_on = ?2, email_key = ?3, updated_at = ?4, {} WHERE rowid = ?1",
        sets.join(", ")
    );
    let ended_on = record.get(register.end_field());
    let key = email_key(record.get("email"));
    let mut params: Vec<&dyn super::sql::Param> = vec![&record.key.0, &ended_on, &key, &at];
    params.extend(record.values.iter().map(|v| v as &dyn super::sql::Param));
    if super::sql::execute(conn, &sql, &params)? != 1 {
        return Err(Error::NotFound(M::NoRecord.say(&[&record.id])));
    }
    // A correction may give the record a suppressed identifier.
    if super::suppression::any(conn)? {
        super::suppression::apply(conn, record.key, register, &record.values, at, "privreg")?;
    }
    Ok(())
}

/// Deletes a record and, by cascade and trigger, everything that hangs on
/// it: corrections, bases, preferences, holds, disclosures and its search
/// index entries. On a file `secure_delete` overwrites the freed bytes; on
/// a server the erasure vacuums the tables afterwards (`store/mod.rs`).
pub fn delete(conn: &impl super::On, rowid: super::RecordKey) -> Result<()> {
    super::sql::execute(conn, "DELETE FROM records WHERE rowid = ?1", &[&rowid.0])?;
    Ok(())
}

/// The recipients a record was disclosed to, who must be told of a
/// rectification or erasure (Art. 19).
pub fn recipients(conn: &impl super::On, rowid: super::RecordKey) -> Result<Vec<String>> {
    super::sql::rows(
        conn,
        "SELECT DISTINCT recipient FROM disclosures WHERE record = ?1 ORDER BY recipient",
        &[&rowid.0],
        |r| r.get(0),
    )
}

/// One old value of a rectified field.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    pub at: String,
    pub operator: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: String,
    pub request: Option<String>,
}

pub fn add_correction(
    conn: &impl super::On,
    rowid: super::RecordKey,
    c: &Correction,
) -> Result<()> {
    super::sql::execute(
        conn,
        "INSERT INTO corrections (record, at, operator, field, old_value, new_value, reason, request)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &[&rowid.0, &c.at, &c.operator, &c.field, &c.old_value, &c.new_value, &c.reason, &c.request],
    )?;
    Ok(())
}

pub fn corrections(conn: &impl super::On, rowid: super::RecordKey) -> Result<Vec<Correction>> {
    super::sql::all(
        conn,
        "SELECT at, operator, field, old_value, new_value, reason, request FROM corrections WHERE record = ?1 ORDER BY id",
        &[&rowid.0],
    )
}
