//! The command line of the record verbs: `add`, `import`, `show`, `search`,
//! `correct`, `end` and `disclose`.

use std::path::PathBuf;

use clap::Args;

use super::{assignment, parsed, record_id, register};
use crate::domain::basis::BasisArg;
use crate::domain::register::{RecordId, Register};

#[derive(Debug, Args)]
pub struct AddArgs {
    /// customer, business, employee or recruitment (or a Finnish alias)
    #[arg(value_parser = register)]
    pub register: Register,
    /// A field and its value; repeat for each field
    #[arg(long = "set", value_name = "FIELD=VALUE", value_parser = assignment, required = true)]
    pub set: Vec<(String, String)>,
    #[command(flatten)]
    pub bases: NewBases,
}

/// The legal bases a record is born with (`add`, `import`).
#[derive(Debug, Args)]
pub struct NewBases {
    /// A legal basis to log for each new record; repeat with --purpose for each
    #[arg(long, value_parser = parsed::<BasisArg>, requires = "purpose")]
    pub basis: Vec<BasisArg>,
    /// The purpose of each --basis, in the same order
    #[arg(long, requires = "basis")]
    pub purpose: Vec<String>,
    /// The law of a legal-obligation basis
    #[arg(long)]
    pub law: Option<String>,
    /// The interest weighed for a legitimate-interest basis
    #[arg(long)]
    pub note: Option<String>,
}

/// What `import` does with a row whose person is already in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnConflict {
    /// The row is invalid (all or nothing: nothing is written)
    Fail,
    /// The row is left out and counted as skipped
    Skip,
    /// The row's non-empty values are written over the existing record
    Update,
}

/// The input formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Csv,
    Jsonl,
}

/// The character encoding of a file to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputEncoding {
    /// UTF-8, or Windows-1252 when the file is not valid UTF-8
    Auto,
    /// UTF-8 only: text that is not valid UTF-8 is refused, by line
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// Windows-1252, as Excel saves "CSV (semicolon delimited)" in Finland
    #[value(name = "cp1252", alias = "windows-1252")]
    Cp1252,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// customer, business, employee or recruitment (or a Finnish alias)
    #[arg(value_parser = register)]
    pub register: Register,
    /// The file to read, or - for standard input
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// csv or jsonl (default: by the file's ending, else csv)
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// The file's characters: auto (UTF-8, else Windows-1252), utf-8 or cp1252
    #[arg(long, value_enum, default_value = "auto")]
    pub encoding: InputEncoding,
    #[command(flatten)]
    pub bases: NewBases,
    /// A row whose hetu (or e-mail in the register) is already there
    #[arg(long, value_enum, default_value = "fail")]
    pub on_conflict: OnConflict,
    /// Write the valid rows and put the invalid ones in --rejects
    #[arg(long, requires = "rejects")]
    pub skip_invalid: bool,
    /// Write every invalid row to this new file, with its reason (created readable by you only)
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Check every row and report what would happen, writing nothing
    #[arg(short = 'n', long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[arg(value_parser = record_id)]
    pub id: RecordId,
    /// Show the personal identity code in full (audited)
    #[arg(long)]
    pub reveal_hetu: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words matched by prefix in names, e-mail, city and organisation (at most 16 different words)
    pub text: Option<String>,
    #[arg(long, value_parser = register)]
    pub register: Option<Register>,
    /// Exact personal identity code
    #[arg(long)]
    pub hetu: Option<String>,
    /// Exact e-mail address (case does not matter)
    #[arg(long)]
    pub email: Option<String>,
    /// Exact phone number in any spelling
    #[arg(long)]
    pub phone: Option<String>,
    /// Exact business ID in any accepted spelling
    #[arg(long)]
    pub business_id: Option<String>,
    /// Also find records whose relationship has ended
    #[arg(long)]
    pub include_ended: bool,
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub limit: u32,
    /// Show personal identity codes in full (audited)
    #[arg(long)]
    pub reveal_hetu: bool,
}

#[derive(Debug, Args)]
pub struct CorrectArgs {
    #[arg(value_parser = record_id)]
    pub id: RecordId,
    #[arg(long = "set", value_name = "FIELD=VALUE", value_parser = assignment, required = true)]
    pub set: Vec<(String, String)>,
    /// Why the record is rectified (kept in its history)
    #[arg(long)]
    pub reason: String,
    /// The data subject request this fulfils (REQ-n)
    #[arg(long, value_name = "REQ")]
    pub request: Option<String>,
    /// Show what would change, write nothing
    #[arg(short = 'n', long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Decision {
    Hired,
    Rejected,
    Withdrawn,
}

#[derive(Debug, Args)]
pub struct EndArgs {
    #[arg(value_parser = record_id)]
    pub id: RecordId,
    /// The end date (YYYY-MM-DD or D.M.YYYY)
    #[arg(long)]
    pub date: String,
    /// How it ended (e.g. notice by the customer)
    #[arg(long)]
    pub manner: Option<String>,
    /// The decision on an application (recruitment records only)
    #[arg(long, value_enum)]
    pub status: Option<Decision>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DisclosureCategory {
    Authority,
    DebtCollection,
    Processor,
    BusinessTransfer,
    Other,
}

impl DisclosureCategory {
    pub fn name(self) -> &'static str {
        match self {
            DisclosureCategory::Authority => "authority",
            DisclosureCategory::DebtCollection => "debt-collection",
            DisclosureCategory::Processor => "processor",
            DisclosureCategory::BusinessTransfer => "business-transfer",
            DisclosureCategory::Other => "other",
        }
    }
}

/// The legal basis of a disclosure (GDPR Art. 6(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DisclosureBasis {
    Consent,
    Contract,
    LegalObligation,
    VitalInterest,
    PublicTask,
    LegitimateInterest,
    /// legal-obligation under the AML Act 444/2017
    Aml,
}

impl DisclosureBasis {
    /// The stored name: `aml` is a legal obligation.
    pub fn stored(self) -> &'static str {
        match self {
            DisclosureBasis::Consent => "consent",
            DisclosureBasis::Contract => "contract",
            DisclosureBasis::LegalObligation | DisclosureBasis::Aml => "legal-obligation",
            DisclosureBasis::VitalInterest => "vital-interest",
            DisclosureBasis::PublicTask => "public-task",
            DisclosureBasis::LegitimateInterest => "legitimate-interest",
        }
    }
}

#[derive(Debug, Args)]
pub struct DiscloseArgs {
    /// The record whose data was disclosed
    #[arg(value_parser = record_id)]
    pub id: RecordId,
    /// Who received the data
    #[arg(long, value_name = "NAME")]
    pub recipient: String,
    /// What kind of recipient it is
    #[arg(long, value_enum)]
    pub category: DisclosureCategory,
    /// What was disclosed (e.g. "name, address, unpaid invoices")
    #[arg(long, value_name = "TEXT")]
    pub data: String,
    /// The legal basis of the disclosure (GDPR Art. 6(1))
    #[arg(long, value_enum)]
    pub basis: DisclosureBasis,
    /// Where the recipient is (ISO 3166-1 alpha-2)
    #[arg(long, value_name = "CC", default_value = "FI")]
    pub country: String,
    /// The recipient is certified under the EU-US Data Privacy Framework
    #[arg(long)]
    pub dpf_certified: bool,
    /// When it was disclosed (default today)
    #[arg(long)]
    pub date: Option<String>,
}

impl NewBases {
    /// The bases as the operations take them.
    pub fn options(&self) -> crate::ops::bases::NewBasesOptions<'_> {
        crate::ops::bases::NewBasesOptions {
            bases: &self.basis,
            purposes: &self.purpose,
            law: self.law.as_deref(),
            note: self.note.as_deref(),
        }
    }
}
