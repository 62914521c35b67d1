//! How a record looks on output (SPEC §2): `id`, `register`, `status` and
//! every field of its register by name, hetu masked unless revealed; and
//! with its details, as `show` and the access report print it.

use serde::Serialize;
use serde_json::{Map, Value};

use super::show::Details;
use super::Who;
use crate::domain::fields::{fields, Kind};
use crate::domain::register::RecordId;
use crate::error::Result;
use crate::output::to_map;
use crate::store::records::Record;
use crate::store::Tx;

/// The keys every record begins with.
#[derive(Serialize)]
struct RecordHead {
    #[serde(serialize_with = "super::as_text")]
    id: RecordId,
    register: &'static str,
    status: &'static str,
}

/// A record as a map: its [`RecordHead`], then every field of its
/// register by name. The fields are the register's (`domain/fields.rs`),
/// so this part of the map is built from that list rather than typed.
pub fn record_json(record: &Record, today: &str, reveal_hetu: bool) -> Map<String, Value> {
    let mut m = to_map(&RecordHead {
        id: record.id,
        register: record.register().name(),
        status: record.status(today).name(),
    });
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
    let details = super::show::details(conn, record, who, reveal)?;
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
