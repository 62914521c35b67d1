//! `activity`, `processor`, `client` (and `client processing`) and
//! `notice history/category` (SPEC §9): the firm's processing outside the
//! four registers. Every value is checked at once and each bad one named
//! (exit 3); a transfer out of the EU/EEA without an adequacy decision is
//! refused as `disclose` refuses it (exit 5); a name already in use is a
//! conflict (exit 6). Each change writes its audit entry in its transaction.

mod named;

use serde_json::{Map, Value};

use super::Session;
use crate::cli::{
    ActivityAddArgs, ActivityCommand, ClientAddArgs, ClientCommand, ClientProcessingAddArgs,
    ClientProcessingCommand, NoticeCategoryCommand, NoticeCommand, ProcessorAddArgs,
    ProcessorCommand,
};
use crate::domain::basis;
use crate::domain::business_id::BusinessId;
use crate::domain::codes;
use crate::domain::date::{format_date, parse_date};
use crate::domain::transfer::{self, Refusal};
use crate::error::{Error, Problem, Result};
use crate::messages::{D, R};
use crate::output::{to_map, Column, Output};
use crate::store::audit::Entry;
use crate::store::disclosures;
use crate::store::processing as store;
use crate::store::Tx;

/// Collects the problems of one command's values.
#[derive(Default)]
struct Check {
    problems: Vec<Problem>,
}

impl Check {
    fn required(&mut self, field: &str, raw: &str) -> String {
        let t = raw.trim();
        if t.is_empty() {
            self.problems.push(Problem::new(field, R::RequiredNotBlank));
        }
        t.to_string()
    }

    fn optional(&mut self, raw: Option<&str>) -> Option<String> {
        raw.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    fn date(&mut self, field: &str, raw: Option<&str>) -> Option<String> {
        let raw = raw?.trim();
        match parse_date(raw) {
            Ok(d) => Some(format_date(d)),
            Err(e) => {
                self.problems.push(Problem::new(field, e.0));
                None
            }
        }
    }

    fn countries(&mut self, field: &str, raw: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in raw {
            match codes::country(r) {
                Ok(c) if !out.contains(&c) => out.push(c),
                Ok(_) => {}
                Err(e) => self.problems.push(Problem::new(field, e.0)),
            }
        }
        out
    }

    fn done(self) -> Result<()> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.problems))
        }
    }
}

/// Refuses a transfer to a country that no adequacy decision covers, in
/// the words `disclose` uses (GDPR Art. 45, DOMAIN §8).
///
/// Canada's decision covers only commercial organisations subject to
/// PIPEDA (DOMAIN §8): a transfer there asks for `--commercial`.
pub fn judge_transfer(
    conn: &Tx<'_>,
    country: &str,
    dpf_certified: bool,
    commercial: bool,
) -> Result<String> {
    let adequacy = disclosures::adequacy(conn, country)?;
    if country == "CA" && !commercial {
        return Err(Error::Refused(
            R::CaNotCommercial.say(&[&adequacy.map(|a| a.decision).unwrap_or_default()]),
        ));
    }
    match transfer::judge(country, adequacy.as_ref(), dpf_certified) {
        Ok(ground) => Ok(ground.describe()),
        Err(refusal) => {
            let list =
                disclosures::adequacy_list_date(conn)?.unwrap_or_else(|| R::UnknownListDate.into());
            Err(Error::Refused(match refusal {
                Refusal::NoAdequacy => R::NoAdequacy.say(&[&country, &list]),
                Refusal::NotDpfCertified { decision } => R::ProcNotDpf.say(&[&country, &decision]),
            }))
        }
    }
}

/// A kind of thing (`activity`, the command's name) as a message says it.
fn kind_word(what: &str) -> String {
    match what {
        "activity" => D::KindActivity.to_string(),
        "processor" => D::KindProcessor.to_string(),
        "client" => D::KindClient.to_string(),
        "recipient" => D::KindRecipient.to_string(),
        "source" => D::KindSource.to_string(),
        other => other.to_string(),
    }
}

fn conflict(what: &str, name: &str) -> Error {
    Error::Conflict(D::NamedExists.say(&[&kind_word(what), &name, &what]))
}

fn not_found(what: &str, name: &str) -> Error {
    Error::NotFound(D::NoNamed.say(&[&kind_word(what), &name, &what]))
}

fn end_date(raw: &str) -> Result<String> {
    let mut c = Check::default();
    let d = c.date("date", Some(raw));
    c.done()?;
    Ok(d.unwrap_or_default())
}

fn done(pairs: &[(&str, Value)]) -> Output {
    Output::Done(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

/// A list's rows: the listed items' scalar values, arrays joined.
fn rows<T: serde::Serialize>(items: &[T]) -> Vec<Map<String, Value>> {
    items.iter().map(to_map).collect()
}

/// A list answer in the columns of `table`, audited as `action` with the
/// number of rows.
fn listing(action: &str, rows: Vec<Map<String, Value>>, table: &[Column]) -> (Output, Entry) {
    let entry = Entry::new(action).rows(rows.len());
    let table = table.to_vec();
    (Output::List { rows, table }, entry)
}

fn show<T: serde::Serialize>(item: &T) -> Output {
    Output::Object {
        value: to_map(item),
        plain: None,
    }
}

pub fn activity(session: &mut Session, command: ActivityCommand) -> Result<Output> {
    match command {
        ActivityCommand::Add(args) => activity_add(session, *args),
        ActivityCommand::List => named::list::<store::Activity>(session),
        ActivityCommand::Show { name } => named::show::<store::Activity>(session, &name),
        ActivityCommand::End { name, date } => named::end::<store::Activity>(session, &name, &date),
    }
}

fn activity_add(session: &mut Session, args: ActivityAddArgs) -> Result<Output> {
    let mut c = Check::default();
    let name = c.required("name", &args.name);
    let subjects = c.required("subjects", &args.subjects);
    let data = c.required("data", &args.data);
    let retention = c.required("retention", &args.retention);
    let source = c.optional(args.source.as_deref());
    let recipients = c.optional(args.recipients.as_deref());
    let system = c.optional(args.system.as_deref());
    let transfers = c.countries("transfer", &args.transfer);
    let mut purposes: Vec<String> = Vec::new();
    for p in &args.purpose {
        let p = p.trim().to_string();
        if !purposes.contains(&p) {
            purposes.push(p);
        }
    }
    let checked = match args.basis {
        None => {
            if args.law.is_some() || args.note.is_some() {
                c.problems.push(Problem::new("basis", D::LawNoteNeedBasis));
            }
            None
        }
        Some(arg) => match basis::check(arg, args.law.as_deref(), args.note.as_deref()) {
            Ok(b) => Some(b),
            Err((field, e)) => {
                c.problems.push(Problem::new(field, e.0));
                None
            }
        },
    };
    c.done()?;
    session.write("activity-add", |tx, who| {
        for p in &purposes {
            crate::store::bases::check_purpose(tx, p)?;
        }
        if store::exists(tx, "activities", &name)? {
            return Err(conflict("activity", &name));
        }
        let mut grounds = Vec::new();
        for cc in &transfers {
            grounds.push(format!(
                "{cc}: {}",
                judge_transfer(tx, cc, args.dpf_certified, args.commercial)?
            ));
        }
        store::insert_activity(
            tx,
            &store::NewActivity {
                name: &name,
                basis: checked
                    .as_ref()
                    .map(|b| (b.basis.name(), b.law.as_deref(), b.note.as_deref())),
                subjects: &subjects,
                data: &data,
                source: source.as_deref(),
                recipients: recipients.as_deref(),
                system: system.as_deref(),
                retention: &retention,
                purposes: &purposes,
                transfers: &transfers,
                dpf_certified: args.dpf_certified,
            },
            &who.now,
            &who.operator,
        )?;
        let mut detail = format!("{name} purposes={}", purposes.join(","));
        if !grounds.is_empty() {
            detail.push_str(&format!(" transfers={}", grounds.join("; ")));
        }
        Ok((
            done(&[
                ("name", name.clone().into()),
                ("purposes", purposes.clone().into()),
                (
                    "basis",
                    checked
                        .as_ref()
                        .map(|b| Value::from(b.basis.name()))
                        .unwrap_or(Value::Null),
                ),
                ("transfers", transfers.clone().into()),
            ]),
            Entry::new("activity-add").detail(detail),
        ))
    })
}

pub fn processor(session: &mut Session, command: ProcessorCommand) -> Result<Output> {
    match command {
        ProcessorCommand::Add(args) => processor_add(session, args),
        ProcessorCommand::List => named::list::<store::Processor>(session),
        ProcessorCommand::Show { name } => named::show::<store::Processor>(session, &name),
        ProcessorCommand::End { name, date } => {
            named::end::<store::Processor>(session, &name, &date)
        }
    }
}

/// A Finnish business id in normal form; abroad, the company's own
/// registration number as given.
fn business_id(c: &mut Check, raw: &str, finnish: bool) -> String {
    let t = c.required("business_id", raw);
    if !finnish || t.is_empty() {
        return t;
    }
    match BusinessId::parse(&t) {
        Ok(b) => b.as_str().to_string(),
        Err(e) => {
            c.problems.push(Problem::new("business_id", e.0));
            t
        }
    }
}

fn processor_add(session: &mut Session, args: ProcessorAddArgs) -> Result<Output> {
    let mut c = Check::default();
    let name = c.required("name", &args.name);
    let service = c.required("service", &args.service);
    let data = c.required("data", &args.data);
    let country = codes::country(&args.country).unwrap_or_else(|e| {
        c.problems.push(Problem::new("country", e.0));
        String::new()
    });
    let business_id = business_id(&mut c, &args.business_id, country == "FI");
    let contract_date = c.date("contract_date", args.contract_date.as_deref());
    let contract_ref = c.optional(args.contract_ref.as_deref());
    c.done()?;
    session.write("processor-add", |tx, who| {
        if store::exists(tx, "processors", &name)? {
            return Err(conflict("processor", &name));
        }
        let ground = judge_transfer(tx, &country, args.dpf_certified, args.commercial)?;
        store::insert_processor(
            tx,
            &store::NewProcessor {
                name: &name,
                business_id: &business_id,
                country: &country,
                service: &service,
                data: &data,
                contract_date: contract_date.as_deref(),
                contract_ref: contract_ref.as_deref(),
                dpf_certified: args.dpf_certified,
            },
            &who.now,
            &who.operator,
        )?;
        Ok((
            done(&[
                ("name", name.clone().into()),
                ("country", country.clone().into()),
                ("transfer", ground.clone().into()),
                (
                    "contract_date",
                    contract_date
                        .clone()
                        .map(Value::from)
                        .unwrap_or(Value::Null),
                ),
            ]),
            Entry::new("processor-add").detail(format!("{name} country={country} ({ground})")),
        ))
    })
}

pub fn client(session: &mut Session, command: ClientCommand) -> Result<Output> {
    match command {
        ClientCommand::Add(args) => client_add(session, args),
        ClientCommand::List => named::list::<store::Client>(session),
        ClientCommand::Show { name } => named::show::<store::Client>(session, &name),
        ClientCommand::End { name, date } => named::end::<store::Client>(session, &name, &date),
        ClientCommand::Processing(ClientProcessingCommand::Add(args)) => {
            client_processing_add(session, args)
        }
    }
}

fn client_add(session: &mut Session, args: ClientAddArgs) -> Result<Output> {
    let mut c = Check::default();
    let name = c.required("name", &args.name);
    let business_id = business_id(&mut c, &args.business_id, true);
    let contact = c.optional(args.contact.as_deref());
    let contract_date = c.date("contract_date", args.contract_date.as_deref());
    let contract_ref = c.optional(args.contract_ref.as_deref());
    let terms = c.optional(args.terms.as_deref());
    c.done()?;
    session.write("client-add", |tx, who| {
        if store::exists(tx, "clients", &name)? {
            return Err(conflict("client", &name));
        }
        store::insert_client(
            tx,
            &store::NewClient {
                name: &name,
                business_id: &business_id,
                contact: contact.as_deref(),
                contract_date: contract_date.as_deref(),
                contract_ref: contract_ref.as_deref(),
                terms: terms.as_deref(),
            },
            &who.now,
            &who.operator,
        )?;
        Ok((
            done(&[
                ("name", name.clone().into()),
                ("business_id", business_id.clone().into()),
                (
                    "contract_date",
                    contract_date
                        .clone()
                        .map(Value::from)
                        .unwrap_or(Value::Null),
                ),
            ]),
            Entry::new("client-add").detail(name.clone()),
        ))
    })
}

fn client_processing_add(session: &mut Session, args: ClientProcessingAddArgs) -> Result<Output> {
    let mut c = Check::default();
    let client = c.required("client", &args.client);
    let category = c.required("category", &args.category);
    let subjects = c.required("subjects", &args.subjects);
    let data = c.required("data", &args.data);
    let security = c.optional(args.security.as_deref());
    let transfers = c.countries("transfer", &args.transfer);
    let mut subs: Vec<String> = Vec::new();
    for s in &args.sub_processor {
        let s = c.required("sub_processor", s);
        if !s.is_empty() && !subs.contains(&s) {
            subs.push(s);
        }
    }
    c.done()?;
    session.write("client-processing-add", |tx, who| {
        if !store::exists(tx, "clients", &client)? {
            return Err(not_found("client", &client));
        }
        for s in &subs {
            if !store::exists(tx, "processors", s)? {
                return Err(Error::NotFound(R::NoSubProcessor.say(&[&s])));
            }
        }
        for cc in &transfers {
            judge_transfer(tx, cc, args.dpf_certified, args.commercial)?;
        }
        let id = store::insert_client_processing(
            tx,
            &store::NewClientProcessing {
                client: &client,
                category: &category,
                subjects: &subjects,
                data: &data,
                security: security.as_deref(),
                sub_processors: &subs,
                transfers: &transfers,
                dpf_certified: args.dpf_certified,
            },
            &who.now,
            &who.operator,
        )?;
        Ok((
            done(&[
                ("id", id.into()),
                ("client", client.clone().into()),
                ("category", category.clone().into()),
                ("sub_processors", subs.clone().into()),
                ("transfers", transfers.clone().into()),
            ]),
            Entry::new("client-processing-add").detail(format!("{client}: {category}")),
        ))
    })
}

pub fn notice(session: &mut Session, command: NoticeCommand) -> Result<Output> {
    match command {
        NoticeCommand::History => session.read(|tx, _| {
            const TABLE: &[Column] = &[
                ("version", "version"),
                ("published", "published_on"),
                ("by", "published_by"),
                ("lang", "lang"),
                ("format", "format"),
                ("sha256", "sha256"),
            ];
            Ok(listing(
                "notice-history",
                rows(&store::versions(tx)?),
                TABLE,
            ))
        }),
        NoticeCommand::Category(NoticeCategoryCommand::List) => session.read(|tx, _| {
            const TABLE: &[Column] = &[
                ("kind", "kind"),
                ("name", "name"),
                ("title", "title_en"),
                ("registers", "registers"),
            ];
            Ok(listing(
                "notice-category-list",
                rows(&store::categories(tx)?),
                TABLE,
            ))
        }),
        NoticeCommand::Category(c) => category_change(session, c),
    }
}

fn category_change(session: &mut Session, c: NoticeCategoryCommand) -> Result<Output> {
    match c {
        NoticeCategoryCommand::List => unreachable!("listed above"),
        NoticeCategoryCommand::Add {
            kind,
            name,
            title,
            title_fi,
            register,
        } => {
            let mut ch = Check::default();
            let name = ch.required("name", &name).to_lowercase();
            if !name.is_empty()
                && !name.split('-').all(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
            {
                ch.problems.push(Problem::new("name", D::CategoryName));
            }
            let title = ch.required("title", &title);
            let title_fi = ch
                .optional(title_fi.as_deref())
                .unwrap_or_else(|| title.clone());
            ch.done()?;
            let registers = if register.is_empty() {
                "customer business employee recruitment".to_string()
            } else {
                register
                    .iter()
                    .map(|r| r.name())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let kind = kind.name();
            session.write("notice-category-add", |tx, _| {
                store::put_category(tx, kind, &name, (&title, &title_fi), &registers)?;
                Ok((
                    done(&[
                        ("kind", kind.into()),
                        ("name", name.clone().into()),
                        ("registers", registers.clone().into()),
                    ]),
                    Entry::new("notice-category-add").detail(format!("{kind} {name}")),
                ))
            })
        }
        NoticeCategoryCommand::Remove { kind, name } => {
            let kind = kind.name();
            let name = name.trim().to_lowercase();
            session.write("notice-category-remove", |tx, _| {
                if !store::remove_category(tx, kind, &name)? {
                    return Err(Error::NotFound(
                        R::NoCategory.say(&[&kind_word(kind), &name]),
                    ));
                }
                Ok((
                    done(&[("kind", kind.into()), ("name", name.clone().into())]),
                    Entry::new("notice-category-remove").detail(format!("{kind} {name}")),
                ))
            })
        }
    }
}
