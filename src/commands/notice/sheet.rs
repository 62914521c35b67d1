//! The record of processing as one sheet (`export processing-record
//! --format xlsx`, SPEC §9, §12): a row per register and per activity
//! (Art. 30(1)), or a row per processing done for a client (Art. 30(2)),
//! with the article's items as columns. Each cell is the record's own
//! words, lists joined with "; ".

use serde_json::{Map, Value};

use super::model::{ActivityPart, RegisterPart, Transfer};
use super::record::ProcessorRecord;
use crate::output::{Column, Output};

fn join<T>(items: &[T], each: impl Fn(&T) -> String) -> String {
    items.iter().map(each).collect::<Vec<_>>().join("; ")
}

fn transfers(t: &[Transfer]) -> String {
    join(t, |t| t.name.clone())
}

fn row(cells: &[(&str, String)]) -> Map<String, Value> {
    cells
        .iter()
        .map(|(k, v)| (k.to_string(), Value::from(v.as_str())))
        .collect()
}

const CONTROLLER: [Column; 9] = [
    ("kind", "kind"),
    ("name", "name"),
    ("purposes", "purposes"),
    ("legal bases", "legal_bases"),
    ("data subjects", "data_subjects"),
    ("data", "data"),
    ("recipients", "recipients"),
    ("transfers", "transfers"),
    ("retention", "retention"),
];

fn register_row(r: &RegisterPart) -> Map<String, Value> {
    row(&[
        ("kind", "register".into()),
        ("name", r.title.clone()),
        ("purposes", join(&r.declared, |d| d.title.clone())),
        (
            "legal_bases",
            join(&r.declared, |d| {
                format!("{} ({})", d.basis_title, d.article)
            }),
        ),
        ("data_subjects", r.subjects.clone()),
        ("data", join(&r.data_categories, |c| c.title.to_string())),
        ("recipients", join(&r.recipients, |g| g.title.to_string())),
        ("transfers", transfers(&r.transfers)),
        ("retention", r.retention.text.join(" ")),
    ])
}

fn activity_row(a: &ActivityPart) -> Map<String, Value> {
    let basis = match (&a.basis_title, &a.article) {
        (Some(t), Some(art)) => format!("{t} ({art})"),
        (Some(t), None) => t.clone(),
        _ => String::new(),
    };
    row(&[
        ("kind", "activity".into()),
        ("name", a.name.clone()),
        ("purposes", join(&a.purposes, |p| p.title.clone())),
        ("legal_bases", basis),
        ("data_subjects", a.subjects.clone()),
        ("data", a.data.clone()),
        ("recipients", a.recipients.clone().unwrap_or_default()),
        ("transfers", transfers(&a.transfers)),
        ("retention", a.retention.clone()),
    ])
}

/// Art. 30(1): the registers, then the activities.
pub fn controller(registers: &[RegisterPart], activities: &[ActivityPart]) -> Output {
    let rows = registers
        .iter()
        .map(register_row)
        .chain(activities.iter().map(activity_row))
        .collect();
    Output::List {
        rows,
        table: CONTROLLER.to_vec(),
    }
}

const PROCESSOR: [Column; 9] = [
    ("client", "client"),
    ("business id", "business_id"),
    ("contract date", "contract_date"),
    ("processing", "category"),
    ("data subjects", "data_subjects"),
    ("data", "data"),
    ("sub-processors", "sub_processors"),
    ("transfers", "transfers"),
    ("security", "security"),
];

/// Art. 30(2): a row per category of processing done for each client.
pub fn processor(record: &ProcessorRecord) -> Output {
    let rows = record
        .clients
        .iter()
        .flat_map(|c| {
            c.processing.iter().map(move |p| {
                row(&[
                    ("client", c.name.clone()),
                    ("business_id", c.business_id.clone()),
                    ("contract_date", c.contract_date.clone().unwrap_or_default()),
                    ("category", p.category.clone()),
                    ("data_subjects", p.subjects.clone()),
                    ("data", p.data.clone()),
                    (
                        "sub_processors",
                        join(&p.sub_processors, |s| s.name.clone()),
                    ),
                    ("transfers", transfers(&p.transfers)),
                    ("security", p.security.clone().unwrap_or_default()),
                ])
            })
        })
        .collect();
    Output::List {
        rows,
        table: PROCESSOR.to_vec(),
    }
}
