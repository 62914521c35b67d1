//! `list`, `show NAME` and `end NAME --date` of the items of SPEC §9 kept
//! by name (activities, processors, clients): the adapters of
//! `ops::processing`'s [`Named`] operations, each kind saying only how it
//! is shown ([`Listed`]).

use serde_json::{Map, Value};

use super::{done, listing, rows, Session};
use crate::error::Result;
use crate::ops::processing::{self as ops, Named};
use crate::output::{to_map, Column, Output};

/// How an item of SPEC §9 kept by name is listed.
pub(super) trait Listed: Named {
    /// The columns of its `list` as a table.
    const COLUMNS: &'static [Column];
    /// The rows of its `list`: by default each item's scalar values.
    fn list_rows(items: &[Self]) -> Vec<Map<String, Value>> {
        rows(items)
    }
}

impl Listed for ops::Activity {
    const COLUMNS: &'static [Column] = &[
        ("name", "name"),
        ("purposes", "purposes"),
        ("basis", "basis"),
        ("retention", "retention"),
        ("ended", "ended_on"),
    ];
}

impl Listed for ops::Processor {
    const COLUMNS: &'static [Column] = &[
        ("name", "name"),
        ("business id", "business_id"),
        ("country", "country"),
        ("service", "service"),
        ("contract", "contract_date"),
        ("ended", "ended_on"),
    ];
}

impl Listed for ops::Client {
    const COLUMNS: &'static [Column] = &[
        ("name", "name"),
        ("business id", "business_id"),
        ("contract", "contract_date"),
        ("processing", "processing"),
        ("ended", "ended_on"),
    ];

    /// A client's row names the categories of its processing.
    fn list_rows(items: &[Self]) -> Vec<Map<String, Value>> {
        items
            .iter()
            .map(|c| to_map(&ops::ClientRow::from(c)))
            .collect()
    }
}

/// `activity list`, `processor list`, `client list`.
pub(super) fn list<T: Listed>(session: &mut Session) -> Result<Output> {
    let items = session.read(|tx, _| ops::list::<T>(tx))?;
    Ok(listing(T::list_rows(&items), T::COLUMNS))
}

/// `show NAME`: the item named `name`.
pub(super) fn show<T: Listed>(session: &mut Session, name: &str) -> Result<Output> {
    let item = session.read(|tx, _| ops::show::<T>(tx, name))?;
    Ok(Output::Object {
        value: to_map(&item),
        plain: None,
    })
}

/// `end NAME --date`: the named item ended on `date`.
pub(super) fn end<T: Listed>(session: &mut Session, name: &str, date: &str) -> Result<Output> {
    let date = ops::end_date(date)?;
    let action = format!("{}-end", T::KIND);
    let ended = session.write(&action, |tx, _| ops::end::<T>(tx, name, &date))?;
    Ok(done(&ended))
}
