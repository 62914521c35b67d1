//! `list`, `show NAME` and `end NAME --date` of the items of SPEC §9 kept
//! by name (activities, processors, clients): one implementation, each
//! kind saying only what differs ([`Named`]).

use serde_json::{Map, Value};

use super::{done, end_date, listing, not_found, rows, Session};
use crate::error::Result;
use crate::output::{to_map, Column, Output};
use crate::store::audit::Entry;
use crate::store::processing as store;
use crate::store::Tx;

/// An item of SPEC §9 kept by name.
pub(super) trait Named: serde::Serialize + Sized {
    /// What the item is called in messages and audit actions (`activity`).
    const KIND: &'static str;
    /// Its table (`activities`).
    const TABLE: &'static str;
    /// The columns of its `list` as a table.
    const COLUMNS: &'static [Column];
    fn load(tx: &Tx<'_>) -> Result<Vec<Self>>;
    fn name(&self) -> &str;
    /// The rows of its `list`: by default each item's scalar values.
    fn list_rows(items: &[Self]) -> Vec<Map<String, Value>> {
        rows(items)
    }
}

/// A kind's `Named`: its name in messages, its table, its list's columns
/// and its loader; the name is each item's `name`. Anything after the
/// columns, in braces, is added to the impl (a kind's own `list_rows`).
macro_rules! named {
    ($ty:ty, $kind:literal, $table:literal, $load:path, [$($col:expr),* $(,)?] $(, { $($more:tt)* })?) => {
        impl Named for $ty {
            const KIND: &'static str = $kind;
            const TABLE: &'static str = $table;
            const COLUMNS: &'static [Column] = &[$($col),*];
            fn load(tx: &Tx<'_>) -> Result<Vec<Self>> {
                $load(tx)
            }
            fn name(&self) -> &str {
                &self.name
            }
            $($($more)*)?
        }
    };
}

named!(
    store::Activity,
    "activity",
    "activities",
    store::activities,
    [
        ("name", "name"),
        ("purposes", "purposes"),
        ("basis", "basis"),
        ("retention", "retention"),
        ("ended", "ended_on"),
    ]
);

named!(
    store::Processor,
    "processor",
    "processors",
    store::processors,
    [
        ("name", "name"),
        ("business id", "business_id"),
        ("country", "country"),
        ("service", "service"),
        ("contract", "contract_date"),
        ("ended", "ended_on"),
    ]
);

named!(
    store::Client,
    "client",
    "clients",
    store::clients,
    [
        ("name", "name"),
        ("business id", "business_id"),
        ("contract", "contract_date"),
        ("processing", "processing"),
        ("ended", "ended_on"),
    ],
    {
        /// A client's row names the categories of its processing.
        fn list_rows(items: &[Self]) -> Vec<Map<String, Value>> {
            items
                .iter()
                .map(|c| {
                    let mut m = to_map(c);
                    let categories: Vec<Value> = c
                        .processing
                        .iter()
                        .map(|p| Value::from(p.category.clone()))
                        .collect();
                    m.insert("processing".into(), categories.into());
                    m
                })
                .collect()
        }
    }
);

/// `activity list`, `processor list`, `client list`.
pub(super) fn list<T: Named>(session: &mut Session) -> Result<Output> {
    session.read(|tx, _| {
        let rows = T::list_rows(&T::load(tx)?);
        Ok(listing(&format!("{}-list", T::KIND), rows, T::COLUMNS))
    })
}

/// `show NAME`: the item named `name`, audited with its name.
pub(super) fn show<T: Named>(session: &mut Session, name: &str) -> Result<Output> {
    session.read(|tx, _| {
        let item = T::load(tx)?
            .into_iter()
            .find(|x| x.name() == name.trim())
            .ok_or_else(|| not_found(T::KIND, name))?;
        let entry = Entry::new(&format!("{}-show", T::KIND)).detail(item.name().to_string());
        Ok((super::show(&item), entry))
    })
}

/// `end NAME --date`: the named item ended on `date` (it stays in the
/// history).
pub(super) fn end<T: Named>(session: &mut Session, name: &str, date: &str) -> Result<Output> {
    let date = end_date(date)?;
    let name = name.trim().to_string();
    let action = format!("{}-end", T::KIND);
    session.write(&action, |tx, _| {
        store::end(tx, T::TABLE, T::KIND, &name, &date)?;
        Ok((
            done(&[
                ("name", name.clone().into()),
                ("ended_on", date.clone().into()),
            ]),
            Entry::new(&action).detail(format!("{name} ended_on={date}")),
        ))
    })
}
