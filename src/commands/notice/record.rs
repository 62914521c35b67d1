//! `export processing-record --role controller|processor`: the record of
//! processing activities. As controller (GDPR Art. 30(1)): the controller,
//! each register and each activity with its purposes, categories of data
//! subjects, data and recipients, transfers, retention, and the security
//! measures. As processor (Art. 30(2)): the firm, each client it processes
//! for, the categories of processing, sub-processors, transfers and the
//! security measures. Gathered from the same sources as the notice.

use std::fmt::Write;

use super::text::{cap, date, item, md, measure_list, processor_line, transfer_ground};
use super::{ActivityPart, Controller, Measure, Notice, RegisterPart, Transfer};
use crate::cli::{ProcessingRecordArgs, RecordRole};
use crate::commands::Session;
use crate::domain::labels::Lang;
use crate::error::Result;
use crate::messages::{L, N};
use crate::ops::notice::record::{
    processor_record, ClientPart, ClientProcessingPart, ControllerRecord, ProcessorRecord,
};
use crate::output::{to_map, Column, Format, Output};
use crate::store::audit::Entry;
use serde::Serialize;
use serde_json::{Map, Value};

pub fn run(session: &mut Session, args: ProcessingRecordArgs) -> Result<Output> {
    let lang = crate::commands::document_lang(session, "`export processing-record`")?;
    let format = session.global.format;
    let role = match args.role {
        RecordRole::Controller => "controller",
        RecordRole::Processor => "processor",
    };
    session.read(|tx, who| {
        let notice = super::build(tx, who.today, lang)?;
        let xlsx = format == Format::Xlsx;
        let (value, text, rows, sheet) = match args.role {
            RecordRole::Controller => {
                let r = ControllerRecord {
                    role,
                    article: "30(1)",
                    lang: lang.code(),
                    generated_on: &notice.generated_on,
                    controller: &notice.controller,
                    registers: &notice.registers,
                    activities: &notice.activities,
                    processors: &notice.processors,
                    security: &notice.security.measures,
                };
                let rows = r.registers.len() + r.activities.len();
                let sheet = xlsx.then(|| sheet_controller(r.registers, r.activities));
                (to_map(&r), controller_markdown(&notice, lang), rows, sheet)
            }
            RecordRole::Processor => {
                let r = processor_record(tx, notice, &who.today_iso(), lang)?;
                let rows = r.clients.len();
                let sheet = xlsx.then(|| sheet_processor(&r));
                (to_map(&r), processor_markdown(&r, lang), rows, sheet)
            }
        };
        let entry = Entry::new("export-processing-record")
            .rows(rows)
            .detail(format!("role={role} lang={lang} format={}", format.name()));
        let out = match (format, sheet) {
            (_, Some(sheet)) => sheet,
            (Format::Json, None) => Output::Object { value, plain: None },
            _ => Output::Document(text),
        };
        Ok((out, entry))
    })
}

fn firm(d: &mut String, c: &Controller, heading: &str, lang: Lang) {
    let _ = writeln!(d, "## {heading}\n");
    let unset = N::NotSet.text(lang);
    let v = |x: &Option<String>| x.as_deref().map(md).unwrap_or_else(|| format!("*{unset}*"));
    let _ = writeln!(d, "{}: {}  ", L::Name.text(lang), v(&c.name));
    let _ = writeln!(d, "{}: {}  ", L::BusinessId.text(lang), v(&c.business_id));
    let _ = writeln!(d, "{}: {}  ", L::Address.text(lang), v(&c.address));
    let _ = writeln!(
        d,
        "{}: {}, {}, {}\n",
        L::ContactPerson.text(lang),
        v(&c.contact_person),
        v(&c.contact_phone),
        v(&c.contact_email)
    );
}

/// A record's beginning: its title, the day it was made and chapter 1,
/// the firm as controller or as processor.
fn begin(role: RecordRole, generated_on: &str, firm_details: &Controller, lang: Lang) -> String {
    let (title, heading) = match role {
        RecordRole::Controller => (
            N::RecordProcessingActivitiesGDPR.text(lang),
            N::N1Controller.text(lang),
        ),
        RecordRole::Processor => (
            N::RecordProcessingActivitiesProcessor.text(lang),
            N::N1Processor.text(lang),
        ),
    };
    let mut d = String::new();
    let _ = writeln!(d, "# {title}\n");
    let _ = writeln!(
        d,
        "{} {}.\n",
        N::Generated.text(lang),
        date(generated_on, lang)
    );
    firm(&mut d, firm_details, heading, lang);
    d
}

/// The item of the transfers outside the EU/EEA, each with its ground.
fn transfers_item(d: &mut String, transfers: &[Transfer], lang: Lang) {
    let grounds: Vec<String> = transfers.iter().map(|x| transfer_ground(x, lang)).collect();
    item(
        d,
        N::TransfersOutsideEUEEA2.text(lang),
        &if grounds.is_empty() {
            N::None.text(lang).to_string()
        } else {
            grounds.join("; ")
        },
    );
}

/// The items of who and what: categories of data subjects and of data.
fn subjects_and_data(d: &mut String, subjects: &str, data: &str, lang: Lang) {
    item(d, N::CategoriesDataSubjects.text(lang), subjects);
    item(d, N::CategoriesPersonalData2.text(lang), data);
}

fn controller_markdown(n: &Notice, lang: Lang) -> String {
    let mut d = begin(RecordRole::Controller, &n.generated_on, &n.controller, lang);
    let mut no = 2;
    for r in &n.registers {
        register_section(&mut d, no, r, lang);
        no += 1;
    }
    for a in &n.activities {
        activity_section(&mut d, no, a, lang);
        no += 1;
    }
    if !n.processors.is_empty() {
        let _ = writeln!(d, "## {no}. {}\n", N::Processors.text(lang));
        for p in &n.processors {
            let _ = writeln!(d, "- {}", processor_line(p, lang));
        }
        d.push('\n');
        no += 1;
    }
    security(&mut d, no, &n.security.measures, lang);
    d
}

/// A register in the Art. 30(1) record.
fn register_section(d: &mut String, no: usize, r: &RegisterPart, lang: Lang) {
    let _ = writeln!(d, "## {no}. {}\n", md(&r.title));
    let mut purposes: Vec<String> = Vec::new();
    for p in r
        .declared
        .iter()
        .map(|p| &p.title)
        .chain(r.purposes.iter().map(|p| &p.title))
    {
        if !purposes.contains(p) {
            purposes.push(p.clone());
        }
    }
    item(d, N::Purposes.text(lang), &purposes.join(", "));
    let data: Vec<&str> = r.data_categories.iter().map(|c| c.title).collect();
    subjects_and_data(d, &r.subjects, &data.join(", "), lang);
    let recipients: Vec<&str> = r
        .recipient_categories
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    item(
        d,
        N::CategoriesRecipients.text(lang),
        &if recipients.is_empty() {
            N::None2.text(lang).to_string()
        } else {
            recipients.join("; ")
        },
    );
    transfers_item(d, &r.transfers, lang);
    item(d, N::Retention.text(lang), &r.retention.text.join(" "));
    d.push('\n');
}

/// An activity outside the registers in the Art. 30(1) record.
fn activity_section(d: &mut String, no: usize, a: &ActivityPart, lang: Lang) {
    let _ = writeln!(d, "## {no}. {}\n", md(&a.name));
    let purposes: Vec<&str> = a.purposes.iter().map(|p| p.title.as_str()).collect();
    item(d, N::Purposes.text(lang), &purposes.join(", "));
    let basis = match (&a.basis_title, &a.law) {
        (Some(b), Some(l)) => format!("{b} ({l})"),
        (Some(b), None) => b.clone(),
        _ => N::NotRecorded.text(lang).to_string(),
    };
    item(d, N::LegalBasis.text(lang), &basis);
    if let Some(i) = &a.interest {
        item(d, N::LegitimateInterest.text(lang), i);
    }
    subjects_and_data(d, &a.description.subjects, &a.description.data, lang);
    if let Some(r) = &a.description.recipients {
        item(d, N::CategoriesRecipients.text(lang), r);
    }
    if let Some(s) = &a.description.system {
        item(d, N::System.text(lang), s);
    }
    transfers_item(d, &a.transfers, lang);
    item(d, N::Retention.text(lang), &a.retention);
    d.push('\n');
}

fn security(d: &mut String, no: usize, measures: &[Measure], lang: Lang) {
    let _ = writeln!(
        d,
        "## {no}. {}\n",
        N::TechnicalOrganisationalSecurityMeasures.text(lang)
    );
    measure_list(d, measures);
}

fn processor_markdown(r: &ProcessorRecord, lang: Lang) -> String {
    let mut d = begin(RecordRole::Processor, &r.generated_on, &r.processor, lang);
    let mut no = 2;
    if r.clients.is_empty() {
        let _ = writeln!(d, "{}\n", N::ProcessorProcessesPersonalData.text(lang));
    }
    for c in &r.clients {
        client_section(&mut d, no, c, lang);
        for (i, p) in c.processing.iter().enumerate() {
            let _ = writeln!(d, "### {no}.{} {}\n", i + 1, md(&cap(&p.category)));
            client_processing_items(&mut d, p, lang);
        }
        no += 1;
    }
    security(&mut d, no, &r.security, lang);
    d
}

/// A client in the Art. 30(2) record: who it is and the contract.
fn client_section(d: &mut String, no: usize, c: &ClientPart, lang: Lang) {
    let _ = writeln!(
        d,
        "## {no}. {}: {}\n",
        L::Controller.text(lang),
        md(&c.name)
    );
    let _ = writeln!(d, "{}: {}  ", L::BusinessId.text(lang), md(&c.business_id));
    if let Some(x) = &c.contact {
        let _ = writeln!(d, "{}: {}  ", N::Contact.text(lang), md(x));
    }
    let contract = match &c.contract_date {
        Some(x) => format!(
            "{}{}",
            date(x, lang),
            c.contract_ref
                .as_deref()
                .map(|r| format!(" ({})", md(r)))
                .unwrap_or_default()
        ),
        None => format!("**{}**", N::NotRecorded.text(lang)),
    };
    let _ = writeln!(d, "{}: {contract}", N::ProcessingAgreementArt28.text(lang));
    if let Some(x) = &c.terms {
        let _ = writeln!(d, "\n{}: {}", N::InstructionsTerms.text(lang), md(x));
    }
    d.push('\n');
}

/// The items of one category of processing for a client.
fn client_processing_items(d: &mut String, p: &ClientProcessingPart, lang: Lang) {
    subjects_and_data(d, &p.subjects, &p.data, lang);
    let subs: Vec<String> = p
        .sub_processors
        .iter()
        .map(|s| processor_line(s, lang))
        .collect();
    let _ = writeln!(
        d,
        "- **{}:** {}",
        N::SubProcessors.text(lang),
        if subs.is_empty() {
            N::None3.text(lang).to_string()
        } else {
            subs.join("; ")
        }
    );
    transfers_item(d, &p.transfers, lang);
    item(
        d,
        N::SecurityMeasures2.text(lang),
        p.security
            .as_deref()
            .unwrap_or(N::GeneralMeasuresSeeLast.text(lang)),
    );
    d.push('\n');
}

// The record of processing as one sheet (`--format xlsx`, SPEC §9, §12):
// a row per register and per activity (Art. 30(1)), or a row per
// processing done for a client (Art. 30(2)), the article's items as
// columns; lists joined with "; ".

fn join<T>(items: &[T], each: impl Fn(&T) -> String) -> String {
    items.iter().map(each).collect::<Vec<_>>().join("; ")
}

fn transfers(t: &[Transfer]) -> String {
    join(t, |t| t.name.clone())
}

/// A row of the Art. 30(1) sheet: a register or an activity.
#[derive(Serialize)]
struct ControllerRow {
    kind: &'static str,
    name: String,
    purposes: String,
    legal_bases: String,
    data_subjects: String,
    data: String,
    recipients: String,
    transfers: String,
    retention: String,
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
    to_map(&ControllerRow {
        kind: "register",
        name: r.title.clone(),
        purposes: join(&r.declared, |d| d.title.clone()),
        legal_bases: join(&r.declared, |d| {
            format!("{} ({})", d.basis_title, d.article)
        }),
        data_subjects: r.subjects.clone(),
        data: join(&r.data_categories, |c| c.title.to_string()),
        recipients: join(&r.recipients, |g| g.title.to_string()),
        transfers: transfers(&r.transfers),
        retention: r.retention.text.join(" "),
    })
}

fn activity_row(a: &ActivityPart) -> Map<String, Value> {
    let basis = match (&a.basis_title, &a.article) {
        (Some(t), Some(art)) => format!("{t} ({art})"),
        (Some(t), None) => t.clone(),
        _ => String::new(),
    };
    to_map(&ControllerRow {
        kind: "activity",
        name: a.name.clone(),
        purposes: join(&a.purposes, |p| p.title.clone()),
        legal_bases: basis,
        data_subjects: a.description.subjects.clone(),
        data: a.description.data.clone(),
        recipients: a.description.recipients.clone().unwrap_or_default(),
        transfers: transfers(&a.transfers),
        retention: a.retention.clone(),
    })
}

/// Art. 30(1): the registers, then the activities.
fn sheet_controller(registers: &[RegisterPart], activities: &[ActivityPart]) -> Output {
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

/// A row of the Art. 30(2) sheet: a category of processing done for a
/// client.
#[derive(Serialize)]
struct ProcessorRow {
    client: String,
    business_id: String,
    contract_date: String,
    category: String,
    data_subjects: String,
    data: String,
    sub_processors: String,
    transfers: String,
    security: String,
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
fn sheet_processor(record: &ProcessorRecord) -> Output {
    let rows = record
        .clients
        .iter()
        .flat_map(|c| {
            c.processing.iter().map(move |p| {
                to_map(&ProcessorRow {
                    client: c.name.clone(),
                    business_id: c.business_id.clone(),
                    contract_date: c.contract_date.clone().unwrap_or_default(),
                    category: p.category.clone(),
                    data_subjects: p.subjects.clone(),
                    data: p.data.clone(),
                    sub_processors: join(&p.sub_processors, |s| s.name.clone()),
                    transfers: transfers(&p.transfers),
                    security: p.security.clone().unwrap_or_default(),
                })
            })
        })
        .collect();
    Output::List {
        rows,
        table: PROCESSOR.to_vec(),
    }
}
