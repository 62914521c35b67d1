//! `activity`, `processor`, `client` (and `client processing`) and
//! `notice history/category` (SPEC §9): the adapters of `ops::processing`
//! (the firm's processing outside the four registers).

mod named;

use serde_json::{Map, Value};

use super::Session;
use crate::cli::{
    ActivityAddArgs, ActivityCommand, ClientAddArgs, ClientCommand, ClientProcessingAddArgs,
    ClientProcessingCommand, NoticeCategoryCommand, NoticeCommand, ProcessorAddArgs,
    ProcessorCommand,
};
use crate::error::Result;
use crate::ops::processing::{
    self as ops, ActivityInput, CategoryInput, ClientInput, ClientProcessingInput, ProcessorInput,
};
use crate::output::{to_map, Column, Output};

/// A list's rows: the listed items' scalar values, arrays joined.
fn rows<T: serde::Serialize>(items: &[T]) -> Vec<Map<String, Value>> {
    items.iter().map(to_map).collect()
}

/// A list answer in the columns of `table`.
fn listing(rows: Vec<Map<String, Value>>, table: &[Column]) -> Output {
    let table = table.to_vec();
    Output::List { rows, table }
}

/// What a change prints: its view's keys and values.
fn done<T: serde::Serialize>(item: &T) -> Output {
    Output::Done(to_map(item))
}

pub fn activity(session: &mut Session, command: ActivityCommand) -> Result<Output> {
    match command {
        ActivityCommand::Add(args) => activity_add(session, *args),
        ActivityCommand::List => named::list::<ops::Activity>(session),
        ActivityCommand::Show { name } => named::show::<ops::Activity>(session, &name),
        ActivityCommand::End { name, date } => named::end::<ops::Activity>(session, &name, &date),
    }
}

fn activity_add(session: &mut Session, a: ActivityAddArgs) -> Result<Output> {
    let checked = ops::check_activity(&ActivityInput {
        name: &a.name,
        purposes: &a.purpose,
        basis: a.basis,
        law: a.law.as_deref(),
        note: a.note.as_deref(),
        subjects: &a.subjects,
        data: &a.data,
        source: a.source.as_deref(),
        recipients: a.recipients.as_deref(),
        system: a.system.as_deref(),
        transfers: &a.transfer,
        dpf_certified: a.dpf_certified,
        commercial: a.commercial,
        retention: &a.retention,
    })?;
    let added = session.write("activity-add", |tx, who| {
        ops::add_activity(tx, who, &checked)
    })?;
    Ok(done(&added))
}

pub fn processor(session: &mut Session, command: ProcessorCommand) -> Result<Output> {
    match command {
        ProcessorCommand::Add(args) => processor_add(session, args),
        ProcessorCommand::List => named::list::<ops::Processor>(session),
        ProcessorCommand::Show { name } => named::show::<ops::Processor>(session, &name),
        ProcessorCommand::End { name, date } => named::end::<ops::Processor>(session, &name, &date),
    }
}

fn processor_add(session: &mut Session, a: ProcessorAddArgs) -> Result<Output> {
    let checked = ops::check_processor(&ProcessorInput {
        name: &a.name,
        business_id: &a.business_id,
        country: &a.country,
        service: &a.service,
        data: &a.data,
        contract_date: a.contract_date.as_deref(),
        contract_ref: a.contract_ref.as_deref(),
        dpf_certified: a.dpf_certified,
        commercial: a.commercial,
    })?;
    let added = session.write("processor-add", |tx, who| {
        ops::add_processor(tx, who, &checked)
    })?;
    Ok(done(&added))
}

pub fn client(session: &mut Session, command: ClientCommand) -> Result<Output> {
    match command {
        ClientCommand::Processing(ClientProcessingCommand::Add(args)) => {
            client_processing_add(session, args)
        }
        ClientCommand::Add(args) => client_add(session, args),
        ClientCommand::List => named::list::<ops::Client>(session),
        ClientCommand::Show { name } => named::show::<ops::Client>(session, &name),
        ClientCommand::End { name, date } => named::end::<ops::Client>(session, &name, &date),
    }
}

fn client_add(session: &mut Session, a: ClientAddArgs) -> Result<Output> {
    let checked = ops::check_client(&ClientInput {
        name: &a.name,
        business_id: &a.business_id,
        contact: a.contact.as_deref(),
        contract_date: a.contract_date.as_deref(),
        contract_ref: a.contract_ref.as_deref(),
        terms: a.terms.as_deref(),
    })?;
    let added = session.write("client-add", |tx, who| ops::add_client(tx, who, &checked))?;
    Ok(done(&added))
}

fn client_processing_add(session: &mut Session, a: ClientProcessingAddArgs) -> Result<Output> {
    let checked = ops::check_client_processing(&ClientProcessingInput {
        client: &a.client,
        category: &a.category,
        subjects: &a.subjects,
        data: &a.data,
        security: a.security.as_deref(),
        sub_processors: &a.sub_processor,
        transfers: &a.transfer,
        dpf_certified: a.dpf_certified,
        commercial: a.commercial,
    })?;
    let added = session.write("client-processing-add", |tx, who| {
        ops::add_client_processing(tx, who, &checked)
    })?;
    Ok(done(&added))
}

pub fn notice(session: &mut Session, command: NoticeCommand) -> Result<Output> {
    match command {
        NoticeCommand::History => {
            const TABLE: &[Column] = &[
                ("version", "version"),
                ("published", "published_on"),
                ("by", "published_by"),
                ("lang", "lang"),
                ("format", "format"),
                ("sha256", "sha256"),
            ];
            let versions = session.read(|tx, _| ops::versions(tx))?;
            Ok(listing(rows(&versions), TABLE))
        }
        NoticeCommand::Category(NoticeCategoryCommand::List) => {
            const TABLE: &[Column] = &[
                ("kind", "kind"),
                ("name", "name"),
                ("title", "title_en"),
                ("registers", "registers"),
            ];
            let categories = session.read(|tx, _| ops::categories(tx))?;
            Ok(listing(rows(&categories), TABLE))
        }
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
            let checked = ops::check_category(&CategoryInput {
                kind: kind.name(),
                name: &name,
                title: &title,
                title_fi: title_fi.as_deref(),
                registers: register.iter().map(|r| r.name()).collect(),
            })?;
            let added = session.write("notice-category-add", |tx, _| {
                ops::add_category(tx, &checked)
            })?;
            Ok(done(&added))
        }
        NoticeCategoryCommand::Remove { kind, name } => {
            let removed = session.write("notice-category-remove", |tx, _| {
                ops::remove_category(tx, kind.name(), &name)
            })?;
            Ok(done(&removed))
        }
    }
}
