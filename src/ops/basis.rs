//! `basis add/list/end` and `purpose add/list`: the legal basis of each
//! processing (GDPR Art. 6(1)) and the purposes it serves. (Apart from
//! `ops/bases.rs`, which `ops/records.rs` uses for the bases given with a
//! new record: these verbs use `records::load`, and one file would make a
//! cycle.)

use crate::domain::basis::CheckedBasis;
use crate::domain::register::RecordId;
use crate::error::{Error, Result};
use crate::messages::{M, R};
use crate::store::audit::Entry;
use crate::store::bases::{self as store, NewBasis, Purpose, StoredBasis};
use crate::store::Tx;

use super::records::load;
use super::Who;

/// What `basis add` is asked: one basis for every record named.
pub struct AddBasisOptions<'a> {
    /// The records, in the order given; the same id twice is one record.
    pub ids: &'a [RecordId],
    /// The basis, checked with what it needs (see [`super::bases::checked`]).
    pub checked: &'a CheckedBasis,
    /// The purpose, trimmed and lower-cased; checked against the known ones.
    pub purpose: &'a str,
    /// Where the basis is documented, if anywhere.
    pub evidence: Option<&'a str>,
    /// Valid from, in normal form (default today).
    pub from: Option<&'a str>,
    /// Valid until, in normal form, not before `from`.
    pub until: Option<&'a str>,
}

/// `basis add ID…`: the same basis for every record named, all or none
/// (issue #20 point 7): an id that names no record is refused, with
/// every such id named, before anything is written. Returns what was
/// added, one basis per record.
pub fn add(tx: &Tx<'_>, who: &Who, o: &AddBasisOptions<'_>) -> Result<(Vec<StoredBasis>, Entry)> {
    let mut ids = Vec::new();
    for id in o.ids {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    store::check_purpose(tx, o.purpose)?;
    let mut records = Vec::new();
    let mut missing = Vec::new();
    for id in &ids {
        match load(tx, *id) {
            Ok(r) => records.push(r),
            Err(Error::NotFound(why)) => missing.push(why),
            Err(e) => return Err(e),
        }
    }
    if !missing.is_empty() {
        return Err(Error::NotFound(R::NoBasisAdded.say(&[&missing.join("; ")])));
    }
    let from = o.from.map_or_else(|| who.today_iso(), str::to_string);
    let evidence = o.evidence.map(str::trim).filter(|s| !s.is_empty());
    let mut added = Vec::new();
    for record in &records {
        let new = NewBasis {
            checked: o.checked,
            purpose: o.purpose,
            evidence,
            valid_from: &from,
            valid_until: o.until,
        };
        let id = store::insert(tx, record.key, &new, &who.now, &who.operator)?;
        let stored =
            store::get(tx, id)?.ok_or_else(|| Error::Internal("the new basis vanished".into()))?;
        added.push(stored);
    }
    let entry = Entry {
        records: ids.iter().map(|id| id.to_string()).collect(),
        ..Entry::new("basis-add")
            .rows(added.len())
            .detail(format!("basis={} purpose={}", o.checked.basis, o.purpose))
    };
    Ok((added, entry))
}

/// `basis list ID`: the record's bases, in the order logged.
pub fn list(tx: &Tx<'_>, id: RecordId) -> Result<(Vec<StoredBasis>, Entry)> {
    let record = load(tx, id)?;
    let rows = store::list(tx, record.key)?;
    let entry = Entry::new("basis-list").record(id).rows(rows.len());
    Ok((rows, entry))
}

/// `basis end BASIS-ID --date D` (`date` in normal form): the basis as it
/// is now, valid until `date`. Refused if it ended on or before `date`
/// already, or if `date` is before it began.
pub fn end(tx: &Tx<'_>, basis_id: i64, date: &str) -> Result<(StoredBasis, Entry)> {
    let Some(b) = store::get(tx, basis_id)? else {
        return Err(Error::NotFound(R::NoBasis.say(&[&basis_id])));
    };
    if let Some(until) = &b.valid_until {
        if until.as_str() <= date {
            return Err(Error::invalid(
                "date",
                R::BasisEndedAlready.say(&[&basis_id, &until]),
            ));
        }
    }
    if date < b.valid_from.as_str() {
        return Err(Error::invalid(
            "date",
            R::BeforeBasisBegan.say(&[&b.valid_from]),
        ));
    }
    store::end(tx, basis_id, date)?;
    let entry = Entry::new("basis-end")
        .record(&b.record)
        .detail(format!("basis_id={basis_id}"));
    let ended = store::get(tx, basis_id)?
        .ok_or_else(|| Error::Internal("the ended basis vanished".into()))?;
    Ok((ended, entry))
}

/// `purpose list`: every purpose, the seeded ones and those added.
pub fn purposes(tx: &Tx<'_>) -> Result<(Vec<Purpose>, Entry)> {
    let rows = store::purposes(tx)?;
    let entry = Entry::new("purpose-list").rows(rows.len());
    Ok((rows, entry))
}

/// The purpose `purpose add` is asked to add, checked: a name of
/// lower-case words joined by dashes (at most 40 characters), trimmed and
/// lower-cased; an English title; the Finnish one defaults to it.
pub fn new_purpose(name: &str, title: &str, title_fi: Option<&str>) -> Result<Purpose> {
    let name = name.trim().to_lowercase();
    let ok = !name.is_empty()
        && name.len() <= 40
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if !ok {
        return Err(Error::invalid("name", R::PurposeName));
    }
    let title = title.trim().to_string();
    if title.is_empty() {
        return Err(Error::invalid("title", M::IsRequired));
    }
    Ok(Purpose {
        title_fi: title_fi
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map_or_else(|| title.clone(), str::to_string),
        title_en: title,
        name,
        seeded: false,
    })
}

/// `purpose add`: adds the purpose checked by [`new_purpose`], refused if
/// one of that name exists.
pub fn add_purpose(tx: &Tx<'_>, p: &Purpose) -> Result<Entry> {
    if store::purposes(tx)?.iter().any(|q| q.name == p.name) {
        return Err(Error::Conflict(R::PurposeExists.say(&[&p.name])));
    }
    store::add_purpose(tx, p)?;
    Ok(Entry::new("purpose-add").detail(format!("purpose={}", p.name)))
}
