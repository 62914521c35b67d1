//! `list`, `show NAME` and `end NAME --date` of the items of SPEC §9 kept
//! by name (activities, processors, clients), one implementation for the
//! three ([`Named`]); and the notice's history and categories.

use serde::Serialize;

use super::{kind_word, not_found, Check};
use crate::error::{Error, Problem, Result};
use crate::messages::{D, R};
use crate::store::audit::Entry;
use crate::store::processing as store;
use crate::store::Tx;

/// An item of SPEC §9 kept by name.
pub trait Named: serde::Serialize + Sized {
    /// What the item is called in messages and audit actions (`activity`).
    const KIND: &'static str;
    /// Its table (`activities`).
    const TABLE: &'static str;
    fn load(tx: &Tx<'_>) -> Result<Vec<Self>>;
    fn name(&self) -> &str;
}

macro_rules! named {
    ($ty:ty, $kind:literal, $table:literal, $load:path) => {
        impl Named for $ty {
            const KIND: &'static str = $kind;
            const TABLE: &'static str = $table;
            fn load(tx: &Tx<'_>) -> Result<Vec<Self>> {
                $load(tx)
            }
            fn name(&self) -> &str {
                &self.name
            }
        }
    };
}

named!(store::Activity, "activity", "activities", store::activities);
named!(
    store::Processor,
    "processor",
    "processors",
    store::processors
);
named!(store::Client, "client", "clients", store::clients);

/// `activity list`, `processor list`, `client list`: every item, audited
/// with their number.
pub fn list<T: Named>(tx: &Tx<'_>) -> Result<(Vec<T>, Entry)> {
    let items = T::load(tx)?;
    let entry = Entry::new(&format!("{}-list", T::KIND)).rows(items.len());
    Ok((items, entry))
}

/// A client as its `client list` row: its processing by category.
#[derive(Serialize)]
pub struct ClientRow<'a> {
    pub name: &'a str,
    pub business_id: &'a str,
    pub contact: Option<&'a str>,
    pub contract_date: Option<&'a str>,
    pub contract_ref: Option<&'a str>,
    pub terms: Option<&'a str>,
    pub created_at: &'a str,
    pub created_by: &'a str,
    pub ended_on: Option<&'a str>,
    /// The categories of the processing done for the client.
    pub processing: Vec<&'a str>,
}

impl<'a> From<&'a store::Client> for ClientRow<'a> {
    fn from(c: &'a store::Client) -> ClientRow<'a> {
        ClientRow {
            name: &c.name,
            business_id: &c.business_id,
            contact: c.contact.as_deref(),
            contract_date: c.contract_date.as_deref(),
            contract_ref: c.contract_ref.as_deref(),
            terms: c.terms.as_deref(),
            created_at: &c.created_at,
            created_by: &c.created_by,
            ended_on: c.ended_on.as_deref(),
            processing: c.processing.iter().map(|p| p.category.as_str()).collect(),
        }
    }
}

/// `show NAME`: the item named `name`, audited with its name.
pub fn show<T: Named>(tx: &Tx<'_>, name: &str) -> Result<(T, Entry)> {
    let item = T::load(tx)?
        .into_iter()
        .find(|x| x.name() == name.trim())
        .ok_or_else(|| not_found(T::KIND, name))?;
    let entry = Entry::new(&format!("{}-show", T::KIND)).detail(item.name().to_string());
    Ok((item, entry))
}

/// The day an item ends, checked (`end NAME --date`), `YYYY-MM-DD`.
pub fn end_date(raw: &str) -> Result<String> {
    let mut c = Check::default();
    let d = c.date("date", Some(raw));
    c.done()?;
    Ok(d.unwrap_or_default())
}

/// An item ended (the JSON of `end`).
#[derive(Serialize)]
pub struct Ended {
    pub name: String,
    pub ended_on: String,
}

/// `end NAME --date`: the named item ended on `date`, as checked by
/// [`end_date`] (it stays in the history).
pub fn end<T: Named>(tx: &Tx<'_>, name: &str, date: &str) -> Result<(Ended, Entry)> {
    let name = name.trim().to_string();
    store::end(tx, T::TABLE, T::KIND, &name, date)?;
    let entry = Entry::new(&format!("{}-end", T::KIND)).detail(format!("{name} ended_on={date}"));
    let ended = Ended {
        name,
        ended_on: date.to_string(),
    };
    Ok((ended, entry))
}

/// `notice history`: the published versions, audited with their number.
pub fn versions(tx: &Tx<'_>) -> Result<(Vec<store::Version>, Entry)> {
    let versions = store::versions(tx)?;
    let entry = Entry::new("notice-history").rows(versions.len());
    Ok((versions, entry))
}

/// `notice category list`: the categories, audited with their number.
pub fn categories(tx: &Tx<'_>) -> Result<(Vec<store::NoticeCategory>, Entry)> {
    let categories = store::categories(tx)?;
    let entry = Entry::new("notice-category-list").rows(categories.len());
    Ok((categories, entry))
}

/// A category to add (`notice category add`), as typed.
pub struct CategoryInput<'a> {
    /// `recipient` or `source`.
    pub kind: &'static str,
    /// Lowercase words of letters and digits joined by `-`.
    pub name: &'a str,
    pub title: &'a str,
    /// The Finnish title; the English one when absent.
    pub title_fi: Option<&'a str>,
    /// The registers it applies to; all four when empty.
    pub registers: Vec<&'static str>,
}

/// A category checked by [`check_category`].
pub struct CheckedCategory {
    kind: &'static str,
    name: String,
    title: String,
    title_fi: String,
    registers: String,
}

/// A category added or removed (the JSON of `notice category add/remove`).
#[derive(Serialize)]
pub struct CategoryChanged {
    pub kind: &'static str,
    pub name: String,
    /// The registers of an added category, space-separated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registers: Option<String>,
}

/// Checks a category's values, naming every bad one.
pub fn check_category(i: &CategoryInput<'_>) -> Result<CheckedCategory> {
    let mut ch = Check::default();
    let name = ch.required("name", i.name).to_lowercase();
    if !name.is_empty()
        && !name.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
    {
        ch.problems.push(Problem::new("name", D::CategoryName));
    }
    let title = ch.required("title", i.title);
    let title_fi = ch.optional(i.title_fi).unwrap_or_else(|| title.clone());
    ch.done()?;
    let registers = if i.registers.is_empty() {
        "customer business employee recruitment".to_string()
    } else {
        i.registers.join(" ")
    };
    Ok(CheckedCategory {
        kind: i.kind,
        name,
        title,
        title_fi,
        registers,
    })
}

/// Adds (or retitles) a category of the notice.
pub fn add_category(tx: &Tx<'_>, c: &CheckedCategory) -> Result<(CategoryChanged, Entry)> {
    store::put_category(tx, c.kind, &c.name, (&c.title, &c.title_fi), &c.registers)?;
    let entry = Entry::new("notice-category-add").detail(format!("{} {}", c.kind, c.name));
    let added = CategoryChanged {
        kind: c.kind,
        name: c.name.clone(),
        registers: Some(c.registers.clone()),
    };
    Ok((added, entry))
}

/// Removes a category of the notice; one not there is not found.
pub fn remove_category(
    tx: &Tx<'_>,
    kind: &'static str,
    name: &str,
) -> Result<(CategoryChanged, Entry)> {
    let name = name.trim().to_lowercase();
    if !store::remove_category(tx, kind, &name)? {
        return Err(Error::NotFound(
            R::NoCategory.say(&[&kind_word(kind), &name]),
        ));
    }
    let entry = Entry::new("notice-category-remove").detail(format!("{kind} {name}"));
    Ok((
        CategoryChanged {
            kind,
            name,
            registers: None,
        },
        entry,
    ))
}
