//! The records of processing activities as data: the controller's (GDPR
//! Art. 30(1), the notice's parts) and the processor's (Art. 30(2)): the
//! firm, each client it processes for, the categories of processing,
//! sub-processors, transfers and the security measures.

use serde::Serialize;

use super::activities::processor_part;
use super::transfers::declared_transfers;
use super::{ActivityPart, Controller, Measure, Notice, ProcessorPart, RegisterPart, Transfer};
use crate::domain::labels::Lang;
use crate::error::Result;
use crate::store::notice as notice_store;
use crate::store::processing;
use crate::store::Tx;

/// The Art. 30(2) record.
#[derive(Debug, Serialize)]
pub struct ProcessorRecord {
    pub role: &'static str,
    pub article: &'static str,
    pub lang: &'static str,
    pub generated_on: String,
    /// The firm, as processor.
    pub processor: Controller,
    pub clients: Vec<ClientPart>,
    /// General technical and organisational measures (Art. 32).
    pub security: Vec<Measure>,
}

#[derive(Debug, Serialize)]
pub struct ClientPart {
    pub name: String,
    pub business_id: String,
    pub contact: Option<String>,
    pub contract_date: Option<String>,
    pub contract_ref: Option<String>,
    pub terms: Option<String>,
    pub processing: Vec<ClientProcessingPart>,
}

#[derive(Debug, Serialize)]
pub struct ClientProcessingPart {
    pub category: String,
    pub subjects: String,
    pub data: String,
    pub sub_processors: Vec<ProcessorPart>,
    /// Transfers outside the EU/EEA: those declared, and those a
    /// sub-processor abroad makes.
    pub transfers: Vec<Transfer>,
    pub security: Option<String>,
}

/// The Art. 30(1) record.
#[derive(Debug, Serialize)]
pub struct ControllerRecord<'a> {
    pub role: &'static str,
    pub article: &'static str,
    pub lang: &'static str,
    pub generated_on: &'a str,
    pub controller: &'a Controller,
    pub registers: &'a [RegisterPart],
    pub activities: &'a [ActivityPart],
    pub processors: &'a [ProcessorPart],
    pub security: &'a [Measure],
}

/// The Art. 30(2) record: the notice's firm and measures, and the
/// clients the firm processes for on `today`.
pub fn processor_record(
    conn: &Tx<'_>,
    notice: Notice,
    today: &str,
    lang: Lang,
) -> Result<ProcessorRecord> {
    let adequacy = notice_store::adequacy_list(conn)?;
    let processors = processing::processors(conn)?;
    let mut clients = Vec::new();
    for c in processing::clients(conn)?
        .into_iter()
        .filter(|c| c.ended_on.as_deref().is_none_or(|d| d > today))
    {
        let mut parts = Vec::new();
        for p in c.processing {
            parts.push(client_processing(conn, &adequacy, &processors, p, lang)?);
        }
        clients.push(ClientPart {
            name: c.name,
            business_id: c.business_id,
            contact: c.contact,
            contract_date: c.contract_date,
            contract_ref: c.contract_ref,
            terms: c.terms,
            processing: parts,
        });
    }
    Ok(ProcessorRecord {
        role: "processor",
        article: "30(2)",
        lang: lang.code(),
        generated_on: notice.generated_on,
        processor: notice.controller,
        clients,
        security: notice.security.measures,
    })
}

/// One category of processing for a client, with its sub-processors and
/// its transfers: those declared, and those a sub-processor abroad makes.
fn client_processing(
    conn: &Tx<'_>,
    adequacy: &[notice_store::Adequacy],
    processors: &[processing::Processor],
    p: processing::ClientProcessing,
    lang: Lang,
) -> Result<ClientProcessingPart> {
    let mut transfers = declared_transfers(conn, adequacy, &p.transfers, lang)?;
    let mut subs = Vec::new();
    for sp in p
        .sub_processors
        .iter()
        .filter_map(|name| processors.iter().find(|x| &x.name == name))
    {
        let sub = processor_part(conn, adequacy, sp, lang)?;
        if let Some(t) = &sub.transfer {
            if !transfers.iter().any(|x| x.country == t.country) {
                transfers.push(t.clone());
            }
        }
        subs.push(sub);
    }
    Ok(ClientProcessingPart {
        category: p.category,
        subjects: p.subjects,
        data: p.data,
        sub_processors: subs,
        transfers,
        security: p.security,
    })
}
