//! How a record looks on output (SPEC §2): `id`, `register`, `status` and
//! every field of its register by name, hetu masked unless revealed; and
//! with its details, as `show` and the access report print it.

use serde_json::{Map, Value};

use crate::domain::fields::{fields, Kind};
use crate::error::Result;
use crate::ops::show::Details;
use crate::ops::Who;
use crate::output::to_map;
use crate::output::Column;
use crate::store::records::Record;
use crate::store::Tx;

pub fn record_json(record: &Record, today: &str, reveal_hetu: bool) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), record.id.to_string().into());
    m.insert("register".into(), record.register().name().into());
    m.insert("status".into(), record.status(today).name().into());
    for (f, v) in fields(record.register()).iter().zip(&record.values) {
        let value = match (v, f.kind) {
            (None, _) => Value::Null,
            (Some(s), Kind::Hetu) if !reveal_hetu => crate::domain::hetu::mask(s).into(),
            (Some(s), Kind::Bool) => Value::Bool(s == "true"),
            (Some(s), _) => s.clone().into(),
        };
        m.insert(f.name.into(), value);
    }
    m
}

/// A record with its legal bases, preferences, holds, corrections and
/// disclosures: what `show` prints and the access report of `export`
/// repeats for each record.
pub fn full_json(
    conn: &Tx<'_>,
    record: &Record,
    who: &Who,
    reveal: bool,
) -> Result<Map<String, Value>> {
    let details = crate::ops::show::details(conn, record, who, reveal)?;
    Ok(with_details(record, &details, who, reveal))
}

/// A record's fields followed by its [`Details`].
pub fn with_details(
    record: &Record,
    details: &Details,
    who: &Who,
    reveal: bool,
) -> Map<String, Value> {
    let mut m = record_json(record, &who.today_iso(), reveal);
    m.extend(to_map(details));
    m
}

/// The columns of a listing of people in a table.
pub const RECORD_COLUMNS: &[Column] = &[
    ("id", "id"),
    ("status", "status"),
    ("last name", "last_name"),
    ("first name", "first_name"),
    ("hetu", "hetu"),
    ("e-mail", "email"),
    ("phone", "phone"),
    ("city", "city"),
    ("organisation", "organisation"),
];
