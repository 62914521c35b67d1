//! The firm's processing outside the registers (SPEC §9): activities,
//! processors, clients and the processing done for them, what each
//! register declares in advance, the categories of recipients and sources
//! the notice names, and the published notice versions. Descriptions of
//! processing only: no data subject's personal data is kept here.

use serde::{Deserialize, Serialize};

use super::sql;
use crate::error::{Error, Result};
use crate::messages::R;

/// A country the data of an activity or a client's processing go to.
#[derive(Debug, Clone, Serialize)]
pub struct Country {
    pub country: String,
    pub dpf_certified: bool,
}

/// What an activity processes and how, in the controller's words: whose
/// data, which data, from where, to whom, in which system. Kept as it is
/// recorded and shown as it is in the notice (`notice::model::ActivityPart`
/// flattens it too), so both print the same keys.
#[derive(Debug, Clone, Serialize)]
pub struct Description {
    pub subjects: String,
    pub data: String,
    pub source: Option<String>,
    pub recipients: Option<String>,
    pub system: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub name: String,
    pub purposes: Vec<String>,
    pub basis: Option<String>,
    pub law: Option<String>,
    pub note: Option<String>,
    #[serde(flatten)]
    pub description: Description,
    pub transfers: Vec<Country>,
    pub retention: String,
    pub created_at: String,
    pub created_by: String,
    pub ended_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Processor {
    pub name: String,
    pub business_id: String,
    pub country: String,
    pub service: String,
    pub data: String,
    pub contract_date: Option<String>,
    pub contract_ref: Option<String>,
    pub dpf_certified: bool,
    pub created_at: String,
    pub created_by: String,
    pub ended_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Client {
    pub name: String,
    pub business_id: String,
    pub contact: Option<String>,
    pub contract_date: Option<String>,
    pub contract_ref: Option<String>,
    pub terms: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub ended_on: Option<String>,
    pub processing: Vec<ClientProcessing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClientProcessing {
    pub id: i64,
    pub category: String,
    pub subjects: String,
    pub data: String,
    pub sub_processors: Vec<String>,
    pub transfers: Vec<Country>,
    pub security: Option<String>,
}

/// Is there a row with this name in `table`?
pub fn exists(conn: &impl super::On, table: &str, name: &str) -> Result<bool> {
    let found = sql::row(
        conn,
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE name = ?1)"),
        &[&name],
        |r| r.get(0),
    )?;
    Ok(found.unwrap_or(false))
}

fn countries(conn: &impl super::On, query: &str, key: &dyn sql::Param) -> Result<Vec<Country>> {
    sql::rows(conn, query, &[key], |r| {
        Ok(Country {
            country: r.get(0)?,
            dpf_certified: r.get(1)?,
        })
    })
}

fn strings(conn: &impl super::On, query: &str, key: &dyn sql::Param) -> Result<Vec<String>> {
    sql::rows(conn, query, &[key], |r| r.get(0))
}

/// Every activity, in the order they were declared; ended ones too.
pub fn activities(conn: &impl super::On) -> Result<Vec<Activity>> {
    let mut out = sql::rows(
        conn,
        "SELECT name, basis, law, note, subjects, data, source, recipients, system, retention,
                created_at, created_by, ended_on
         FROM activities ORDER BY rowid",
        &[],
        |r| {
            Ok(Activity {
                name: r.get(0)?,
                purposes: Vec::new(),
                basis: r.get(1)?,
                law: r.get(2)?,
                note: r.get(3)?,
                description: Description {
                    subjects: r.get(4)?,
                    data: r.get(5)?,
                    source: r.get(6)?,
                    recipients: r.get(7)?,
                    system: r.get(8)?,
                },
                transfers: Vec::new(),
                retention: r.get(9)?,
                created_at: r.get(10)?,
                created_by: r.get(11)?,
                ended_on: r.get(12)?,
            })
        },
    )?;
    for a in &mut out {
        a.purposes = strings(
            conn,
            "SELECT ap.purpose FROM activity_purposes ap JOIN purposes p ON p.name = ap.purpose
             WHERE ap.activity = ?1 ORDER BY p.rowid",
            &a.name,
        )?;
        a.transfers = countries(
            conn,
            "SELECT country, dpf_certified FROM activity_transfers WHERE activity = ?1 ORDER BY country",
            &a.name,
        )?;
    }
    Ok(out)
}

pub fn processors(conn: &impl super::On) -> Result<Vec<Processor>> {
    sql::all(
        conn,
        "SELECT name, business_id, country, service, data, contract_date, contract_ref,
                dpf_certified, created_at, created_by, ended_on
         FROM processors ORDER BY rowid",
        &[],
    )
}

pub fn clients(conn: &impl super::On) -> Result<Vec<Client>> {
    let mut out = sql::rows(
        conn,
        "SELECT name, business_id, contact, contract_date, contract_ref, terms,
                created_at, created_by, ended_on
         FROM clients ORDER BY rowid",
        &[],
        |r| {
            Ok(Client {
                name: r.get(0)?,
                business_id: r.get(1)?,
                contact: r.get(2)?,
                contract_date: r.get(3)?,
                contract_ref: r.get(4)?,
                terms: r.get(5)?,
                created_at: r.get(6)?,
                created_by: r.get(7)?,
                ended_on: r.get(8)?,
                processing: Vec::new(),
            })
        },
    )?;
    for c in &mut out {
        let mut list = sql::rows(
            conn,
            "SELECT id, category, subjects, data, security FROM client_processing
             WHERE client = ?1 ORDER BY id",
            &[&c.name],
            |r| {
                Ok(ClientProcessing {
                    id: r.get(0)?,
                    category: r.get(1)?,
                    subjects: r.get(2)?,
                    data: r.get(3)?,
                    sub_processors: Vec::new(),
                    transfers: Vec::new(),
                    security: r.get(4)?,
                })
            },
        )?;
        for p in &mut list {
            p.sub_processors = strings(
                conn,
                "SELECT processor FROM client_sub_processors WHERE processing = ?1 ORDER BY processor",
                &p.id,
            )?;
            p.transfers = countries(
                conn,
                "SELECT country, dpf_certified FROM client_transfers WHERE processing = ?1 ORDER BY country",
                &p.id,
            )?;
        }
        c.processing = list;
    }
    Ok(out)
}

/// Sets `ended_on` of the named row; not found is exit 4.
pub fn end(conn: &impl super::On, table: &str, what: &str, name: &str, date: &str) -> Result<()> {
    let n = sql::execute(
        conn,
        &format!("UPDATE {table} SET ended_on = ?2 WHERE name = ?1"),
        &[&name, &date],
    )?;
    if n == 0 {
        return Err(Error::NotFound(R::NoNamed.say(&[&what, &name])));
    }
    Ok(())
}

/// A purpose a register declares in advance, with its basis.
#[derive(Debug, Clone)]
pub struct Declared {
    pub purpose: String,
    pub title: String,
    pub basis: String,
    pub law: Option<String>,
    pub interest: Option<String>,
}

pub fn declared_purposes(conn: &impl super::On, register: &str, fi: bool) -> Result<Vec<Declared>> {
    let (title, interest) = if fi {
        ("p.title_fi", "d.interest_fi")
    } else {
        ("p.title_en", "d.interest_en")
    };
    sql::rows(
        conn,
        &format!(
            "SELECT d.purpose, {title}, d.basis, d.law, {interest}
             FROM register_purposes d JOIN purposes p ON p.name = d.purpose
             WHERE d.register = ?1 ORDER BY p.rowid, d.rowid"
        ),
        &[&register],
        |r| {
            Ok(Declared {
                purpose: r.get(0)?,
                title: r.get(1)?,
                basis: r.get(2)?,
                law: r.get(3)?,
                interest: r.get(4)?,
            })
        },
    )
}

/// The Art. 13(2)(e) text of a register.
pub fn requirement(conn: &impl super::On, register: &str, fi: bool) -> Result<Option<String>> {
    let col = if fi {
        "requirement_fi"
    } else {
        "requirement_en"
    };
    let text: Option<Option<String>> = sql::row(
        conn,
        &format!("SELECT {col} FROM registers WHERE name = ?1"),
        &[&register],
        |r| r.get(0),
    )?;
    Ok(text.flatten())
}

/// A category of recipients or sources the notice names.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeCategory {
    pub kind: String,
    pub name: String,
    pub title_en: String,
    pub title_fi: String,
    pub registers: Vec<String>,
    pub seeded: bool,
}

pub fn categories(conn: &impl super::On) -> Result<Vec<NoticeCategory>> {
    sql::rows(
        conn,
        "SELECT kind, name, title_en, title_fi, registers, seeded FROM notice_categories
         ORDER BY kind, rowid",
        &[],
        |r| {
            Ok(NoticeCategory {
                kind: r.get(0)?,
                name: r.get(1)?,
                title_en: r.get(2)?,
                title_fi: r.get(3)?,
                registers: r
                    .get::<String>(4)?
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
                seeded: r.get(5)?,
            })
        },
    )
}

/// A published version of the notice (without its text).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Version {
    pub version: i64,
    pub published_on: String,
    pub published_at: String,
    pub published_by: String,
    pub lang: String,
    pub format: String,
    pub sha256: String,
}

pub fn versions(conn: &impl super::On) -> Result<Vec<Version>> {
    sql::all(
        conn,
        "SELECT version, published_on, published_at, published_by, lang, format, sha256
         FROM notice_versions ORDER BY version",
        &[],
    )
}

/// The adequacy note of a country in the language (scope, renewal).
pub fn adequacy_note(conn: &impl super::On, country: &str, fi: bool) -> Result<Option<String>> {
    let col = if fi { "note_fi" } else { "note_en" };
    let note: Option<Option<String>> = sql::row(
        conn,
        &format!("SELECT {col} FROM adequacy WHERE country = ?1"),
        &[&country],
        |r| r.get(0),
    )?;
    Ok(note.flatten())
}

/// A processing activity to record (`activity add`), values checked.
pub struct NewActivity<'a> {
    pub name: &'a str,
    /// The legal basis's name, its law and its note, if a basis is given.
    pub basis: Option<(&'a str, Option<&'a str>, Option<&'a str>)>,
    pub subjects: &'a str,
    pub data: &'a str,
    pub source: Option<&'a str>,
    pub recipients: Option<&'a str>,
    pub system: Option<&'a str>,
    pub retention: &'a str,
    pub purposes: &'a [String],
    /// Countries outside the EU/EEA the data goes to.
    pub transfers: &'a [String],
    /// Whether a US recipient is certified under the Data Privacy Framework.
    pub dpf_certified: bool,
}

/// Records an activity with its purposes and transfers.
pub fn insert_activity(
    conn: &impl super::On,
    a: &NewActivity<'_>,
    at: &str,
    by: &str,
) -> Result<()> {
    let (basis, law, note) = match a.basis {
        Some((b, l, n)) => (Some(b), l, n),
        None => (None, None, None),
    };
    sql::execute(
        conn,
        "INSERT INTO activities (name, basis, law, note, subjects, data, source, recipients, system, retention, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        &[&a.name, &basis, &law, &note, &a.subjects, &a.data, &a.source, &a.recipients, &a.system, &a.retention, &at, &by],
    )?;
    for p in a.purposes {
        sql::execute(
            conn,
            "INSERT INTO activity_purposes (activity, purpose) VALUES (?1, ?2)",
            &[&a.name, p],
        )?;
    }
    for cc in a.transfers {
        sql::execute(
            conn,
            "INSERT INTO activity_transfers (activity, country, dpf_certified) VALUES (?1, ?2, ?3)",
            &[&a.name, cc, &(a.dpf_certified && cc == "US")],
        )?;
    }
    Ok(())
}

/// A processor to record (`processor add`), values checked.
pub struct NewProcessor<'a> {
    pub name: &'a str,
    pub business_id: &'a str,
    pub country: &'a str,
    pub service: &'a str,
    pub data: &'a str,
    pub contract_date: Option<&'a str>,
    pub contract_ref: Option<&'a str>,
    pub dpf_certified: bool,
}

pub fn insert_processor(
    conn: &impl super::On,
    p: &NewProcessor<'_>,
    at: &str,
    by: &str,
) -> Result<()> {
    sql::execute(
        conn,
        "INSERT INTO processors (name, business_id, country, service, data, contract_date, contract_ref, dpf_certified, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        &[&p.name, &p.business_id, &p.country, &p.service, &p.data, &p.contract_date, &p.contract_ref, &p.dpf_certified, &at, &by],
    )?;
    Ok(())
}

/// A client to record (`client add`), values checked.
pub struct NewClient<'a> {
    pub name: &'a str,
    pub business_id: &'a str,
    pub contact: Option<&'a str>,
    pub contract_date: Option<&'a str>,
    pub contract_ref: Option<&'a str>,
    pub terms: Option<&'a str>,
}

pub fn insert_client(conn: &impl super::On, c: &NewClient<'_>, at: &str, by: &str) -> Result<()> {
    sql::execute(
        conn,
        "INSERT INTO clients (name, business_id, contact, contract_date, contract_ref, terms, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &[&c.name, &c.business_id, &c.contact, &c.contract_date, &c.contract_ref, &c.terms, &at, &by],
    )?;
    Ok(())
}

/// Processing done for a client (`client processing add`), values checked.
pub struct NewClientProcessing<'a> {
    pub client: &'a str,
    pub category: &'a str,
    pub subjects: &'a str,
    pub data: &'a str,
    pub security: Option<&'a str>,
    pub sub_processors: &'a [String],
    pub transfers: &'a [String],
    pub dpf_certified: bool,
}

/// Records a client's processing; returns its id.
pub fn insert_client_processing(
    conn: &impl super::On,
    p: &NewClientProcessing<'_>,
    at: &str,
    by: &str,
) -> Result<i64> {
    let id: i64 = sql::row(
        conn,
        "INSERT INTO client_processing (client, category, subjects, data, security, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        &[&p.client, &p.category, &p.subjects, &p.data, &p.security, &at, &by],
        |r| r.get(0),
    )?
    .ok_or_else(|| Error::Internal("INSERT … RETURNING returned no row".into()))?;
    for s in p.sub_processors {
        sql::execute(
            conn,
            "INSERT INTO client_sub_processors (processing, processor) VALUES (?1, ?2)",
            &[&id, s],
        )?;
    }
    for cc in p.transfers {
        sql::execute(
            conn,
            "INSERT INTO client_transfers (processing, country, dpf_certified) VALUES (?1, ?2, ?3)",
            &[&id, cc, &(p.dpf_certified && cc == "US")],
        )?;
    }
    Ok(id)
}

/// Adds a notice category, or retitles one of that kind and name.
pub fn put_category(
    conn: &impl super::On,
    kind: &str,
    name: &str,
    titles: (&str, &str),
    registers: &str,
) -> Result<()> {
    sql::execute(
        conn,
        "INSERT INTO notice_categories (kind, name, title_en, title_fi, registers, seeded)
         VALUES (?1, ?2, ?3, ?4, ?5, FALSE)
         ON CONFLICT (kind, name) DO UPDATE SET title_en = excluded.title_en,
            title_fi = excluded.title_fi, registers = excluded.registers",
        &[&kind, &name, &titles.0, &titles.1, &registers],
    )?;
    Ok(())
}

/// Removes a notice category; `false` when there was none.
pub fn remove_category(conn: &impl super::On, kind: &str, name: &str) -> Result<bool> {
    let n = sql::execute(
        conn,
        "DELETE FROM notice_categories WHERE kind = ?1 AND name = ?2",
        &[&kind, &name],
    )?;
    Ok(n > 0)
}
