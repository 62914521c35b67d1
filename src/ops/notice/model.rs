//! The notice as data: what `export notice --format json` prints and what
//! the Markdown documents (`markdown/`, `record.rs`) arrange.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Right;

/// The whole notice, as `--format json` prints it.
#[derive(Debug, Serialize)]
pub struct Notice {
    pub lang: &'static str,
    /// The day the notice was generated (the day privreg counts as today).
    pub generated_on: String,
    pub controller: Controller,
    pub registers: Vec<RegisterPart>,
    /// The controller's processing outside the registers (SPEC §9).
    pub activities: Vec<ActivityPart>,
    /// The firm's own processors in use, with their Art. 28 contracts.
    pub processors: Vec<ProcessorPart>,
    /// The firm as a processor for its clients, where it has clients.
    pub processor_role: Option<ProcessorRole>,
    pub transfer_policy: TransferPolicy,
    pub automated_decisions: Automated,
    pub security: Security,
    pub rights: Vec<Right>,
    pub requests: Requests,
    pub complaint: Complaint,
    /// How changes to the notice are made known.
    pub changes: String,
}

/// Who keeps the registers; `missing` names what is not set yet.
#[derive(Debug, Serialize)]
pub struct Controller {
    pub name: Option<String>,
    pub business_id: Option<String>,
    pub address: Option<String>,
    pub contact_person: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub missing: Vec<String>,
}

/// One register's part of the notice.
#[derive(Debug, Serialize)]
pub struct RegisterPart {
    pub register: &'static str,
    pub title: String,
    /// People in the register now.
    pub records: i64,
    /// Purposes with a legal basis in use, with how many records have one.
    pub purposes: Vec<PurposeUse>,
    pub bases: Vec<BasisUse>,
    /// The purposes and bases the register declares in advance, also
    /// before any record exists.
    pub declared: Vec<DeclaredPurpose>,
    /// The legitimate interests the processing rests on, in words
    /// (Art. 13(1)(d)): the declared ones and those recorded with bases.
    pub interests: Vec<Interest>,
    /// Whether giving the data is a statutory or contractual requirement
    /// and what follows from not giving them (Art. 13(2)(e)).
    pub requirement: Option<String>,
    /// Categories of recipients declared for the register.
    pub recipient_categories: Vec<Named>,
    /// Categories of sources declared for the register.
    pub source_categories: Vec<Named>,
    /// The Act on the Protection of Privacy in Working Life 759/2004, for
    /// employees and applicants.
    pub working_life: Option<String>,
    /// Categories of data subjects.
    pub subjects: String,
    pub data_categories: Vec<Category>,
    /// A rule about which data are kept (the employee identity rule).
    pub data_note: Option<String>,
    pub sources: String,
    pub recipients: Vec<RecipientGroup>,
    pub transfers: Vec<Transfer>,
    pub retention: Retention,
}

#[derive(Debug, Serialize)]
pub struct DeclaredPurpose {
    pub purpose: String,
    pub title: String,
    pub basis: String,
    pub basis_title: String,
    pub article: String,
    pub law: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Interest {
    pub purpose: String,
    pub title: String,
    pub interest: String,
}

/// A category of recipients or sources by name and title.
#[derive(Debug, Serialize)]
pub struct Named {
    pub name: String,
    pub title: String,
}

/// An activity of the controller outside the registers.
#[derive(Debug, Serialize)]
pub struct ActivityPart {
    pub name: String,
    pub purposes: Vec<Named>,
    pub basis: Option<String>,
    pub basis_title: Option<String>,
    pub article: Option<String>,
    pub law: Option<String>,
    /// The legitimate interest in words.
    pub interest: Option<String>,
    #[serde(flatten)]
    pub description: crate::store::processing::Description,
    pub transfers: Vec<Transfer>,
    pub retention: String,
    /// Art. 13(2)(e), from the basis.
    pub requirement: String,
    /// What the notice says of cookies, where the activity uses them.
    pub cookies: Option<String>,
}

/// A processor of the firm, in use.
#[derive(Debug, Serialize)]
pub struct ProcessorPart {
    pub name: String,
    pub country: String,
    pub country_name: String,
    pub service: String,
    pub contract_date: Option<String>,
    /// The adequacy decision its country needs, outside the EU/EEA.
    pub transfer: Option<Transfer>,
}

/// The firm as a processor (Art. 28) for its clients.
#[derive(Debug, Serialize)]
pub struct ProcessorRole {
    pub clients: usize,
    /// The categories of processing done for clients.
    pub categories: Vec<String>,
    pub text: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PurposeUse {
    pub purpose: String,
    pub title: String,
    pub records: i64,
}

/// A legal basis in use for a purpose; `count` is how many records of the
/// register have it (each person once).
#[derive(Debug, Serialize)]
pub struct BasisUse {
    pub basis: String,
    pub title: String,
    /// GDPR Art. 6(1) point, e.g. `6(1)(b)`.
    pub article: String,
    pub law: Option<String>,
    pub purpose: String,
    pub count: i64,
}

/// A group of data: the register's fields with their labels, or, for
/// `processing-records`, the records kept about the processing itself.
#[derive(Debug, Serialize)]
pub struct Category {
    pub category: &'static str,
    pub title: &'static str,
    pub fields: Vec<FieldLabel>,
}

#[derive(Debug, Serialize)]
pub struct FieldLabel {
    pub field: &'static str,
    pub label: &'static str,
}

/// Recipients of one category in the disclosure log.
#[derive(Debug, Serialize)]
pub struct RecipientGroup {
    pub category: String,
    pub title: &'static str,
    /// Disclosures logged to recipients of this category.
    pub count: i64,
    pub recipients: Vec<Recipient>,
}

#[derive(Debug, Serialize)]
pub struct Recipient {
    pub recipient: String,
    pub country: String,
    pub count: i64,
}

/// Disclosures to one country outside the EU/EEA.
#[derive(Debug, Clone, Serialize)]
pub struct Transfer {
    pub country: String,
    pub name: String,
    pub count: i64,
    /// The Commission's adequacy decision, if the country has one.
    pub adequacy_decision: Option<String>,
    /// The decision covers only organisations certified under the EU–US
    /// Data Privacy Framework.
    pub dpf_required: bool,
    pub dpf_certified: bool,
    /// Made under an adequacy decision, as the notice allows.
    pub lawful: bool,
    /// The decision's scope or renewal (Canada, the UK, the United States).
    pub note: Option<String>,
}

/// Retention and holds of a register (DOMAIN §5), from `retention_policy`.
#[derive(Debug, Serialize)]
pub struct Retention {
    pub retention_months: u32,
    pub hold_months: u32,
    pub hold_overridable: bool,
    pub ground: String,
    /// The limit counts from the end of the calendar year of the end.
    pub from_year_end: bool,
    /// Manual holds in force now.
    pub manual_holds: i64,
    pub text: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TransferPolicy {
    pub adequacy_list_date: Option<String>,
    pub countries: Vec<AdequateCountry>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct AdequateCountry {
    pub country: String,
    pub name: String,
    pub decision: String,
    pub dpf_required: bool,
    /// The decision's scope or renewal.
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Automated {
    pub profiling_in_use: bool,
    /// Registers with a profiling basis in use.
    pub registers: Vec<&'static str>,
    pub text: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Security {
    /// Enabled operators per role.
    pub operators: BTreeMap<&'static str, i64>,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Serialize)]
pub struct Measure {
    pub measure: &'static str,
    pub title: &'static str,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Requests {
    pub answer_within_months: u32,
    pub extendable_by_months: u32,
    pub text: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Complaint {
    pub authority: &'static str,
    pub address: &'static str,
    pub email: &'static str,
    pub web: &'static str,
    pub text: &'static str,
}
