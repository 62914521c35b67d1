//! `activity add`, `processor add`, `client add` and `client processing
//! add`: what is typed ([`ActivityInput`], …), checked before any
//! transaction ([`check_activity`], …), then written with its audit entry
//! ([`add_activity`], …).

use serde::Serialize;

use super::{conflict, judge_transfer, not_found, Check};
use crate::domain::basis::{self, BasisArg, CheckedBasis};
use crate::domain::business_id::BusinessId;
use crate::domain::codes;
use crate::error::{Error, Problem, Result};
use crate::messages::{D, R};
use crate::ops::Who;
use crate::store::audit::Entry;
use crate::store::processing as store;
use crate::store::Tx;

/// An activity of processing as typed (`activity add`).
pub struct ActivityInput<'a> {
    pub name: &'a str,
    /// Its purposes' names; repeats are dropped.
    pub purposes: &'a [String],
    /// Its legal basis; `law` and `note` only with one.
    pub basis: Option<BasisArg>,
    pub law: Option<&'a str>,
    pub note: Option<&'a str>,
    pub subjects: &'a str,
    pub data: &'a str,
    pub source: Option<&'a str>,
    pub recipients: Option<&'a str>,
    pub system: Option<&'a str>,
    /// Countries data goes to outside the EU/EEA (codes or names).
    pub transfers: &'a [String],
    pub dpf_certified: bool,
    /// The recipient is a commercial organisation (Canada, DOMAIN §8).
    pub commercial: bool,
    pub retention: &'a str,
}

/// An activity checked by [`check_activity`].
pub struct CheckedActivity {
    name: String,
    subjects: String,
    data: String,
    retention: String,
    source: Option<String>,
    recipients: Option<String>,
    system: Option<String>,
    transfers: Vec<String>,
    purposes: Vec<String>,
    basis: Option<CheckedBasis>,
    dpf_certified: bool,
    commercial: bool,
}

/// An activity added (the JSON of `activity add`).
#[derive(Serialize)]
pub struct ActivityAdded {
    pub name: String,
    pub purposes: Vec<String>,
    pub basis: Option<&'static str>,
    pub transfers: Vec<String>,
}

/// Checks an activity's values, naming every bad one.
pub fn check_activity(i: &ActivityInput<'_>) -> Result<CheckedActivity> {
    let mut c = Check::default();
    let name = c.required("name", i.name);
    let subjects = c.required("subjects", i.subjects);
    let data = c.required("data", i.data);
    let retention = c.required("retention", i.retention);
    let source = c.optional(i.source);
    let recipients = c.optional(i.recipients);
    let system = c.optional(i.system);
    let transfers = c.countries("transfer", i.transfers);
    let mut purposes: Vec<String> = Vec::new();
    for p in i.purposes {
        let p = p.trim().to_string();
        if !purposes.contains(&p) {
            purposes.push(p);
        }
    }
    let basis = match i.basis {
        None => {
            if i.law.is_some() || i.note.is_some() {
                c.problems.push(Problem::new("basis", D::LawNoteNeedBasis));
            }
            None
        }
        Some(arg) => match basis::check(arg, i.law, i.note) {
            Ok(b) => Some(b),
            Err((field, e)) => {
                c.problems.push(Problem::new(field, e.0));
                None
            }
        },
    };
    c.done()?;
    Ok(CheckedActivity {
        name,
        subjects,
        data,
        retention,
        source,
        recipients,
        system,
        transfers,
        purposes,
        basis,
        dpf_certified: i.dpf_certified,
        commercial: i.commercial,
    })
}

/// Adds an activity: its purposes must exist, its name be free and its
/// transfers have a ground.
pub fn add_activity(tx: &Tx<'_>, who: &Who, a: &CheckedActivity) -> Result<(ActivityAdded, Entry)> {
    for p in &a.purposes {
        crate::store::bases::check_purpose(tx, p)?;
    }
    if store::exists(tx, "activities", &a.name)? {
        return Err(conflict("activity", &a.name));
    }
    let mut grounds = Vec::new();
    for cc in &a.transfers {
        grounds.push(format!(
            "{cc}: {}",
            judge_transfer(tx, cc, a.dpf_certified, a.commercial)?
        ));
    }
    store::insert_activity(
        tx,
        &store::NewActivity {
            name: &a.name,
            basis: a
                .basis
                .as_ref()
                .map(|b| (b.basis.name(), b.law.as_deref(), b.note.as_deref())),
            subjects: &a.subjects,
            data: &a.data,
            source: a.source.as_deref(),
            recipients: a.recipients.as_deref(),
            system: a.system.as_deref(),
            retention: &a.retention,
            purposes: &a.purposes,
            transfers: &a.transfers,
            dpf_certified: a.dpf_certified,
        },
        &who.now,
        &who.operator,
    )?;
    let mut detail = format!("{} purposes={}", a.name, a.purposes.join(","));
    if !grounds.is_empty() {
        detail.push_str(&format!(" transfers={}", grounds.join("; ")));
    }
    let added = ActivityAdded {
        name: a.name.clone(),
        purposes: a.purposes.clone(),
        basis: a.basis.as_ref().map(|b| b.basis.name()),
        transfers: a.transfers.clone(),
    };
    Ok((added, Entry::new("activity-add").detail(detail)))
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

/// A processor as typed (`processor add`).
pub struct ProcessorInput<'a> {
    pub name: &'a str,
    /// A Finnish business id when the country is Finland.
    pub business_id: &'a str,
    /// The country (a code or a name).
    pub country: &'a str,
    pub service: &'a str,
    pub data: &'a str,
    pub contract_date: Option<&'a str>,
    pub contract_ref: Option<&'a str>,
    pub dpf_certified: bool,
    pub commercial: bool,
}

/// A processor checked by [`check_processor`].
pub struct CheckedProcessor {
    name: String,
    service: String,
    data: String,
    country: String,
    business_id: String,
    contract_date: Option<String>,
    contract_ref: Option<String>,
    dpf_certified: bool,
    commercial: bool,
}

/// A processor added (the JSON of `processor add`).
#[derive(Serialize)]
pub struct ProcessorAdded {
    pub name: String,
    pub country: String,
    /// The ground of the transfer, in English.
    pub transfer: String,
    pub contract_date: Option<String>,
}

/// Checks a processor's values, naming every bad one.
pub fn check_processor(i: &ProcessorInput<'_>) -> Result<CheckedProcessor> {
    let mut c = Check::default();
    let name = c.required("name", i.name);
    let service = c.required("service", i.service);
    let data = c.required("data", i.data);
    let country = codes::country(i.country).unwrap_or_else(|e| {
        c.problems.push(Problem::new("country", e.0));
        String::new()
    });
    let business_id = business_id(&mut c, i.business_id, country == "FI");
    let contract_date = c.date("contract_date", i.contract_date);
    let contract_ref = c.optional(i.contract_ref);
    c.done()?;
    Ok(CheckedProcessor {
        name,
        service,
        data,
        country,
        business_id,
        contract_date,
        contract_ref,
        dpf_certified: i.dpf_certified,
        commercial: i.commercial,
    })
}

/// Adds a processor: its name must be free and its country have a ground.
pub fn add_processor(
    tx: &Tx<'_>,
    who: &Who,
    p: &CheckedProcessor,
) -> Result<(ProcessorAdded, Entry)> {
    if store::exists(tx, "processors", &p.name)? {
        return Err(conflict("processor", &p.name));
    }
    let ground = judge_transfer(tx, &p.country, p.dpf_certified, p.commercial)?;
    store::insert_processor(
        tx,
        &store::NewProcessor {
            name: &p.name,
            business_id: &p.business_id,
            country: &p.country,
            service: &p.service,
            data: &p.data,
            contract_date: p.contract_date.as_deref(),
            contract_ref: p.contract_ref.as_deref(),
            dpf_certified: p.dpf_certified,
        },
        &who.now,
        &who.operator,
    )?;
    let entry =
        Entry::new("processor-add").detail(format!("{} country={} ({ground})", p.name, p.country));
    let added = ProcessorAdded {
        name: p.name.clone(),
        country: p.country.clone(),
        transfer: ground,
        contract_date: p.contract_date.clone(),
    };
    Ok((added, entry))
}

/// A client (for whom the firm processes) as typed (`client add`).
pub struct ClientInput<'a> {
    pub name: &'a str,
    /// A Finnish business id.
    pub business_id: &'a str,
    pub contact: Option<&'a str>,
    pub contract_date: Option<&'a str>,
    pub contract_ref: Option<&'a str>,
    pub terms: Option<&'a str>,
}

/// A client checked by [`check_client`].
pub struct CheckedClient {
    name: String,
    business_id: String,
    contact: Option<String>,
    contract_date: Option<String>,
    contract_ref: Option<String>,
    terms: Option<String>,
}

/// A client added (the JSON of `client add`).
#[derive(Serialize)]
pub struct ClientAdded {
    pub name: String,
    pub business_id: String,
    pub contract_date: Option<String>,
}

/// Checks a client's values, naming every bad one.
pub fn check_client(i: &ClientInput<'_>) -> Result<CheckedClient> {
    let mut c = Check::default();
    let name = c.required("name", i.name);
    let business_id = business_id(&mut c, i.business_id, true);
    let contact = c.optional(i.contact);
    let contract_date = c.date("contract_date", i.contract_date);
    let contract_ref = c.optional(i.contract_ref);
    let terms = c.optional(i.terms);
    c.done()?;
    Ok(CheckedClient {
        name,
        business_id,
        contact,
        contract_date,
        contract_ref,
        terms,
    })
}

/// Adds a client: its name must be free.
pub fn add_client(tx: &Tx<'_>, who: &Who, c: &CheckedClient) -> Result<(ClientAdded, Entry)> {
    if store::exists(tx, "clients", &c.name)? {
        return Err(conflict("client", &c.name));
    }
    store::insert_client(
        tx,
        &store::NewClient {
            name: &c.name,
            business_id: &c.business_id,
            contact: c.contact.as_deref(),
            contract_date: c.contract_date.as_deref(),
            contract_ref: c.contract_ref.as_deref(),
            terms: c.terms.as_deref(),
        },
        &who.now,
        &who.operator,
    )?;
    let added = ClientAdded {
        name: c.name.clone(),
        business_id: c.business_id.clone(),
        contract_date: c.contract_date.clone(),
    };
    Ok((added, Entry::new("client-add").detail(c.name.clone())))
}

/// Processing done for a client as typed (`client processing add`).
pub struct ClientProcessingInput<'a> {
    /// The client's name.
    pub client: &'a str,
    pub category: &'a str,
    pub subjects: &'a str,
    pub data: &'a str,
    pub security: Option<&'a str>,
    /// Processors' names; each must exist, repeats are dropped.
    pub sub_processors: &'a [String],
    pub transfers: &'a [String],
    pub dpf_certified: bool,
    pub commercial: bool,
}

/// A client's processing checked by [`check_client_processing`].
pub struct CheckedClientProcessing {
    client: String,
    category: String,
    subjects: String,
    data: String,
    security: Option<String>,
    transfers: Vec<String>,
    subs: Vec<String>,
    dpf_certified: bool,
    commercial: bool,
}

/// A client's processing added (the JSON of `client processing add`).
#[derive(Serialize)]
pub struct ClientProcessingAdded {
    pub id: i64,
    pub client: String,
    pub category: String,
    pub sub_processors: Vec<String>,
    pub transfers: Vec<String>,
}

/// Checks a client's processing, naming every bad value.
pub fn check_client_processing(i: &ClientProcessingInput<'_>) -> Result<CheckedClientProcessing> {
    let mut c = Check::default();
    let client = c.required("client", i.client);
    let category = c.required("category", i.category);
    let subjects = c.required("subjects", i.subjects);
    let data = c.required("data", i.data);
    let security = c.optional(i.security);
    let transfers = c.countries("transfer", i.transfers);
    let mut subs: Vec<String> = Vec::new();
    for s in i.sub_processors {
        let s = c.required("sub_processor", s);
        if !s.is_empty() && !subs.contains(&s) {
            subs.push(s);
        }
    }
    c.done()?;
    Ok(CheckedClientProcessing {
        dpf_certified: i.dpf_certified,
        commercial: i.commercial,
        client,
        category,
        subjects,
        data,
        security,
        transfers,
        subs,
    })
}

/// Adds a client's processing: the client and its sub-processors must
/// exist, its transfers have a ground.
pub fn add_client_processing(
    tx: &Tx<'_>,
    who: &Who,
    p: &CheckedClientProcessing,
) -> Result<(ClientProcessingAdded, Entry)> {
    if !store::exists(tx, "clients", &p.client)? {
        return Err(not_found("client", &p.client));
    }
    for s in &p.subs {
        if !store::exists(tx, "processors", s)? {
            return Err(Error::NotFound(R::NoSubProcessor.say(&[&s])));
        }
    }
    for cc in &p.transfers {
        judge_transfer(tx, cc, p.dpf_certified, p.commercial)?;
    }
    let id = store::insert_client_processing(
        tx,
        &store::NewClientProcessing {
            client: &p.client,
            category: &p.category,
            subjects: &p.subjects,
            data: &p.data,
            security: p.security.as_deref(),
            sub_processors: &p.subs,
            transfers: &p.transfers,
            dpf_certified: p.dpf_certified,
        },
        &who.now,
        &who.operator,
    )?;
    let entry = Entry::new("client-processing-add").detail(format!("{}: {}", p.client, p.category));
    let added = ClientProcessingAdded {
        id,
        client: p.client.clone(),
        category: p.category.clone(),
        sub_processors: p.subs.clone(),
        transfers: p.transfers.clone(),
    };
    Ok((added, entry))
}
