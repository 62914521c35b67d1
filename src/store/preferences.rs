//! Marketing preference events: consents, opt-outs, withdrawals and
//! suppression entries, kept as history and never overwritten.

use serde::Serialize;

use crate::domain::marketing::{Channel, Event, Purpose, Stance};
use crate::error::Result;

/// The kinds of event, as stored.
pub const CONSENT: &str = "consent";
pub const OPTOUT: &str = "optout";
pub const WITHDRAWAL: &str = "withdrawal";
pub const SUPPRESSION: &str = "suppression";

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Preference {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub purpose: String,
    pub source: Option<String>,
    pub effective: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

pub struct NewPreference<'a> {
    pub kind: &'a str,
    pub channel: Channel,
    pub purpose: Purpose,
    pub source: Option<&'a str>,
    /// ISO date (or RFC 3339 time for a suppression at an erasure).
    pub effective: &'a str,
}

pub fn insert(
    conn: &impl super::On,
    record_rowid: super::RecordKey,
    p: &NewPreference<'_>,
    at: &str,
    by: &str,
) -> Result<i64> {
    super::sql::row(
        conn,
        "INSERT INTO preferences (record, kind, channel, purpose, source, effective, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        &[
            &record_rowid.0,
            &p.kind,
            &p.channel.name(),
            &p.purpose.name(),
            &p.source,
            &p.effective,
            &at,
            &by,
        ],
        |r| r.get(0),
    )?
    .ok_or_else(|| crate::error::Error::Internal("INSERT … RETURNING returned no row".into()))
}

pub fn list(conn: &impl super::On, record_rowid: super::RecordKey) -> Result<Vec<Preference>> {
    super::sql::all(
        conn,
        "SELECT id, kind, channel, purpose, source, effective, recorded_at, recorded_by
         FROM preferences WHERE record = ?1 ORDER BY effective, id",
        &[&record_rowid.0],
    )
}

/// A stored row as the decision's [`Event`]. A suppression's effective
/// time (RFC 3339) keeps only its date: the decision works by day.
pub fn event(kind: &str, channel: &str, purpose: &str, effective: &str, seq: i64) -> Option<Event> {
    Some(Event {
        stance: if kind == CONSENT {
            Stance::Allow
        } else {
            Stance::Deny
        },
        channel: channel.parse().ok()?,
        purpose: purpose.parse().ok()?,
        date: effective.get(..10).unwrap_or(effective).to_string(),
        seq,
    })
}

/// A person a marketing list may include, with what the rules look at.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: crate::domain::register::RecordId,
    pub first_name: String,
    pub last_name: String,
    pub language: Option<String>,
    /// The ways to reach the person, in the order of [`CONTACT_KEYS`]: a
    /// list prints those of its channel ([`Candidate::contact`]).
    contact: [Option<String>; 6],
    pub ended_on: Option<String>,
    pub restricted: bool,
}

/// The fields of [`Candidate::contact`], in order.
pub const CONTACT_KEYS: [&str; 6] = ["email", "phone", "street", "postal_code", "city", "country"];

impl Candidate {
    /// The contact field `key` (one of [`CONTACT_KEYS`]), if recorded.
    pub fn contact(&self, key: &str) -> Option<&str> {
        let i = CONTACT_KEYS.iter().position(|k| *k == key)?;
        self.contact[i].as_deref()
    }
}

/// Calls `f` for every record of the registers that has an address for
/// the channel, with the events that cover the channel and purpose. One
/// query in rowid order, each record's events joined to it (a record
/// without one comes once, with none), read through [`super::sql::each`],
/// so memory stays flat however large the register is.
pub fn each_candidate(
    conn: &impl super::On,
    registers: &[crate::domain::register::Register],
    channel: Channel,
    purpose: Purpose,
    mut f: impl FnMut(&Candidate, &[Event]) -> Result<()>,
) -> Result<()> {
    let address = match channel {
        Channel::Email => "r.email IS NOT NULL",
        Channel::Sms | Channel::Phone => "r.phone IS NOT NULL",
        Channel::Post => {
            "r.street IS NOT NULL AND r.postal_code IS NOT NULL AND r.city IS NOT NULL"
        }
        Channel::All => "1 = 0",
    };
    let names: Vec<String> = registers
        .iter()
        .map(|r| format!("'{}'", r.name()))
        .collect();
    let sql = format!(
        "SELECT r.rowid, r.register, r.number, r.first_name, r.last_name, r.language, r.email, r.phone,
                r.street, r.postal_code, r.city, r.country, r.ended_on, r.restricted_at IS NOT NULL,
                p.kind, p.channel, p.purpose, p.effective, p.id
         FROM records r
         LEFT JOIN preferences p ON p.record = r.rowid
              AND p.channel IN (?1, 'all') AND p.purpose IN (?2, 'all')
         WHERE r.register IN ({}) AND {address}
         ORDER BY r.rowid, p.id",
        names.join(", ")
    );
    // The record being read, with its events so far.
    let mut current: Option<(super::RecordKey, Candidate, Vec<Event>)> = None;
    super::sql::each(conn, &sql, &[&channel.name(), &purpose.name()], |r| {
        let rowid: super::RecordKey = r.get(0)?;
        if current.as_ref().is_none_or(|(key, _, _)| *key != rowid) {
            if let Some((_, candidate, events)) = current.take() {
                f(&candidate, &events)?;
            }
            let register: String = r.get(1)?;
            let Ok(register) = register.parse() else {
                return Ok(());
            };
            current = Some((rowid, candidate(r, register)?, Vec::new()));
        }
        let kind: Option<String> = r.get(14)?;
        if let (Some((_, _, events)), Some(kind)) = (current.as_mut(), kind) {
            let (ch, pu, eff): (String, String, String) = (r.get(15)?, r.get(16)?, r.get(17)?);
            events.extend(event(&kind, &ch, &pu, &eff, r.get(18)?));
        }
        Ok(())
    })?;
    if let Some((_, candidate, events)) = current {
        f(&candidate, &events)?;
    }
    Ok(())
}

/// The person of a row of [`each_candidate`]'s query.
fn candidate(
    r: &super::sql::Row<'_>,
    register: crate::domain::register::Register,
) -> Result<Candidate> {
    Ok(Candidate {
        id: crate::domain::register::RecordId {
            register,
            number: r.get(2)?,
        },
        first_name: r.get(3)?,
        last_name: r.get(4)?,
        language: r.get(5)?,
        contact: [
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
        ],
        ended_on: r.get(12)?,
        restricted: r.get(13)?,
    })
}
