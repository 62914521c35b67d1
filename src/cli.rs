//! The command line of SPEC.md as clap types: global options, one enum
//! variant per command and one Args struct per verb. The doc comments are
//! the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::domain::basis::BasisArg;
use crate::domain::breach::{BreachId, Nature, Risk};
use crate::domain::labels::Lang;
use crate::domain::marketing::{Channel, Purpose, Source};
use crate::domain::register::{RecordId, Register};
use crate::domain::request::RequestId;
use crate::output::{CsvDialect, Format};
use crate::store::operators::Role;

const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  unexpected internal error (a bug)
  2  usage: unknown command or flag
  3  invalid input: nothing was written
  4  not found: no such record, request, operator or file
  5  refused: role, hold, suppression, third-country transfer
  6  conflict: the person is already in the register
  7  storage: file missing, locked, read-only, corrupt or from a newer version
  8  audit log altered";

/// Keeps a company's GDPR registers (customers, business contacts,
/// employees, job applicants) in one local SQLite file.
#[derive(Debug, Parser)]
#[command(name = "privreg", version, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The register file
    #[arg(long, env = "PRIVREG_DB", default_value = "privreg.db", global = true)]
    pub db: PathBuf,
    /// The operator doing the work (default: the login name)
    #[arg(
        long = "as",
        value_name = "NAME",
        env = "PRIVREG_OPERATOR",
        global = true
    )]
    pub operator: Option<String>,
    /// What goes to stdout (default depends on the command)
    #[arg(long, value_enum, env = "PRIVREG_FORMAT", global = true)]
    pub format: Option<Format>,
    /// No progress bars or notices on stderr
    #[arg(long, global = true)]
    pub quiet: bool,
    /// CSV written: `standard` (`,`, LF) or `excel-fi` (`;`, UTF-8 BOM, CRLF)
    #[arg(
        long,
        value_enum,
        env = "PRIVREG_CSV_DIALECT",
        default_value = "standard",
        global = true
    )]
    pub csv_dialect: CsvDialect,
    /// Write the output to this new file (readable by you only; never over
    /// an existing file) instead of stdout; --format xlsx needs one
    #[arg(long, value_name = "FILE", global = true)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new register file with its first admin
    Init(InitArgs),
    /// Add, list or disable operators (admin)
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// Set or show who keeps the registers
    #[command(subcommand)]
    Controller(ControllerCommand),
    /// Add a person to a register
    Add(AddArgs),
    /// Add many people to a register from a CSV or JSON-lines file
    Import(ImportArgs),
    /// Show a record with its history
    Show(ShowArgs),
    /// Find people by name, e-mail, city or organisation, or by identifier
    Search(SearchArgs),
    /// Rectify a record (GDPR Art. 16), keeping the old values
    Correct(CorrectArgs),
    /// End a relationship or employment, or decide an application
    End(EndArgs),
    /// Open, extend, close and list data subject requests (GDPR Art. 12(3))
    #[command(subcommand)]
    Request(RequestCommand),
    /// Record, assess and notify personal data breaches (GDPR Art. 33, 34)
    #[command(subcommand)]
    Breach(BreachCommand),
    /// Restrict processing of a record (GDPR Art. 18), or lift a restriction
    Restrict(RestrictArgs),
    /// Log a disclosure of a record to a recipient (transfers out of the EU/EEA need an adequacy decision)
    Disclose(DiscloseArgs),
    /// Check the audit log
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Log, list or end the legal basis of a processing (GDPR Art. 6)
    #[command(subcommand)]
    Basis(BasisCommand),
    /// List the purposes of processing, or add one (admin)
    #[command(subcommand)]
    Purpose(PurposeCommand),
    /// Record an objection to direct marketing (GDPR Art. 21)
    Optout(OptoutArgs),
    /// Record a marketing consent, or withdraw one
    Consent(ConsentArgs),
    /// List the people who may be contacted on a channel today
    MarketingList(MarketingListArgs),
    /// Erase a record's personal data for good (GDPR Art. 17; admin)
    Erase(EraseArgs),
    /// Place or release a manual hold that forbids erasure
    #[command(subcommand)]
    Hold(HoldCommand),
    /// Records past their retention period: report, or erase them (admin)
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// Export a register, a person's data, the audit log or the privacy notice
    #[command(subcommand)]
    Export(ExportCommand),
    /// Processing activities of the controller outside the registers (SPEC §9)
    #[command(subcommand)]
    Activity(ActivityCommand),
    /// The firm's own processors and their Art. 28 contracts
    #[command(subcommand)]
    Processor(ProcessorCommand),
    /// Clients for whom the firm is a processor (Art. 28, 30(2))
    #[command(subcommand)]
    Client(ClientCommand),
    /// Published notice versions, and the categories the notice names
    #[command(subcommand)]
    Notice(NoticeCommand),
    /// List compliance gaps: missing bases, overdue requests, expired records
    Check,
    /// List the fields of a register: names, Finnish names, required, form
    Fields(FieldsArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout: `privreg man | man -l -`
    Man,
    /// Copy the register to a new file while it is in use (admin)
    Backup(BackupArgs),
    /// Put a backup back, keeping the audit log and every erasure since (admin)
    Restore(RestoreArgs),
    /// Change your own passphrase
    Passwd,
    /// Keep your unlocked key in the kernel keyring for a while
    Unlock(UnlockArgs),
    /// Forget the unlocked key kept by `privreg unlock`
    Lock,
    /// Encrypt a register made before sealing, in place (admin)
    Encrypt,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new backup file (created readable by you only; never overwritten)
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup made with `privreg backup`
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The first operator, an admin (default: the login name)
    #[arg(long, value_name = "NAME")]
    pub admin: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Add an operator with a role
    Add {
        name: String,
        /// admin, staff or auditor
        #[arg(long, value_parser = role)]
        role: Role,
    },
    /// List the operators
    List,
    /// Disable an operator (kept in the audit log's history)
    Disable { name: String },
}

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// How long the key is kept: `30m`, `1h`, `12h` (at most 12 hours)
    #[arg(long = "for", value_name = "DURATION", default_value = "1h", value_parser = unlock_duration)]
    pub duration: u64,
}

/// A duration of `privreg unlock` in seconds: `N`s, `N`m or `N`h, 1 s to 12 h.
fn unlock_duration(s: &str) -> std::result::Result<u64, String> {
    let s = s.trim();
    let (n, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&s[..i], &s[i..]),
        None => (s, "s"),
    };
    let n: u64 = n
        .parse()
        .map_err(|_| format!("not a duration: {s} (try 30m or 1h)"))?;
    let secs = match unit {
        "s" => n,
        "m" | "min" => n * 60,
        "h" => n * 3600,
        _ => return Err(format!("not a duration: {s} (try 30m or 1h)")),
    };
    if secs == 0 || secs > 12 * 3600 {
        return Err(format!("{s}: an unlock lasts from 1 s to 12h"));
    }
    Ok(secs)
}

#[derive(Debug, Subcommand)]
pub enum ControllerCommand {
    /// Set the controller's details (only the given ones change)
    Set(ControllerSetArgs),
    /// Show the controller's details
    Show,
}

#[derive(Debug, Args)]
pub struct FieldsArgs {
    /// Only this register's fields (default: every register)
    #[arg(value_parser = register)]
    pub register: Option<Register>,
}

#[derive(Debug, Args)]
pub struct ControllerSetArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// Business ID (Y-tunnus), checked for its check digit
    #[arg(long)]
    pub business_id: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub contact_person: Option<String>,
    #[arg(long)]
    pub contact_phone: Option<String>,
    #[arg(long)]
    pub contact_email: Option<String>,
    /// A file every writing command appends a checkpoint line to (keep it
    /// on another disk, share or machine). PRIVREG_CHECKPOINT_LOG overrides it
    #[arg(long, value_name = "PATH")]
    pub checkpoint_log: Option<PathBuf>,
    /// Stop appending checkpoints to the file --checkpoint-log named
    #[arg(long, conflicts_with = "checkpoint_log")]
    pub no_checkpoint_log: bool,
}

/// `FIELD=VALUE`, split at the first `=`.
fn assignment(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err("expected FIELD=VALUE".into()),
    }
}

/// A domain type's own parser as clap's value parser, so domain/ needs no clap.
fn parsed<T: std::str::FromStr<Err = crate::domain::ValueError>>(s: &str) -> Result<T, String> {
    s.parse().map_err(|e: crate::domain::ValueError| e.0)
}

fn register(s: &str) -> Result<Register, String> {
    parsed(s)
}

fn record_id(s: &str) -> Result<RecordId, String> {
    parsed(s)
}

fn role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| "expected admin, staff or auditor".to_string())
}

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

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Open a data subject request; prints its id and due date
    Open(RequestOpenArgs),
    /// Extend a request's deadline, once, to three months after receipt
    Extend(RequestExtendArgs),
    /// Close a request with its outcome
    Close(RequestCloseArgs),
    /// List requests; overdue ones and those due within 7 days are marked
    List(RequestListArgs),
    /// Show a request and its history (what was done for it)
    Show(RequestShowArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RequestType {
    /// Right of access (Art. 15)
    Access,
    /// Rectification (Art. 16)
    Rectification,
    /// Erasure (Art. 17)
    Erasure,
    /// Restriction of processing (Art. 18)
    Restriction,
    /// Data portability (Art. 20)
    Portability,
    /// Objection (Art. 21)
    Objection,
}

impl RequestType {
    pub fn name(self) -> &'static str {
        match self {
            RequestType::Access => "access",
            RequestType::Rectification => "rectification",
            RequestType::Erasure => "erasure",
            RequestType::Restriction => "restriction",
            RequestType::Portability => "portability",
            RequestType::Objection => "objection",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RequestChannel {
    Letter,
    Email,
    Phone,
    InPerson,
}

impl RequestChannel {
    pub fn name(self) -> &'static str {
        match self {
            RequestChannel::Letter => "letter",
            RequestChannel::Email => "email",
            RequestChannel::Phone => "phone",
            RequestChannel::InPerson => "in-person",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RequestOutcome {
    Fulfilled,
    Refused,
    Partial,
}

impl RequestOutcome {
    pub fn name(self) -> &'static str {
        match self {
            RequestOutcome::Fulfilled => "fulfilled",
            RequestOutcome::Refused => "refused",
            RequestOutcome::Partial => "partial",
        }
    }
}

#[derive(Debug, Args)]
pub struct RequestOpenArgs {
    /// What the person asks for
    #[arg(long = "type", value_name = "TYPE", value_enum)]
    pub kind: RequestType,
    /// When the request was received (YYYY-MM-DD or D.M.YYYY)
    #[arg(long)]
    pub received: String,
    /// A record the request is about; repeat for each
    #[arg(long = "subject", value_name = "ID", value_parser = record_id)]
    pub subjects: Vec<RecordId>,
    /// How the request arrived
    #[arg(long, value_enum)]
    pub channel: Option<RequestChannel>,
    /// How the person's identity was verified
    #[arg(long, value_name = "METHOD")]
    pub identity_verified: Option<String>,
}

#[derive(Debug, Args)]
pub struct RequestExtendArgs {
    #[arg(value_name = "REQ", value_parser = parsed::<RequestId>)]
    pub id: RequestId,
    /// Why more time is needed (the person must be told within the first month)
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct RequestCloseArgs {
    #[arg(value_name = "REQ", value_parser = parsed::<RequestId>)]
    pub id: RequestId,
    /// How the request was answered
    #[arg(long, value_enum)]
    pub outcome: RequestOutcome,
    /// A note on how it was answered
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct RequestListArgs {
    /// Only open requests
    #[arg(long)]
    pub open: bool,
    /// Only open requests whose due date has passed
    #[arg(long)]
    pub overdue: bool,
    /// The day to judge due dates on (default today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct RequestShowArgs {
    #[arg(value_name = "REQ", value_parser = parsed::<RequestId>)]
    pub id: RequestId,
}

#[derive(Debug, Subcommand)]
pub enum BreachCommand {
    /// Record a breach; prints its id and when the Ombudsman must be told (72 hours)
    Open(BreachOpenArgs),
    /// Assess a breach's risk to people (the latest assessment is in force)
    Assess(BreachAssessArgs),
    /// Record the notification to the Ombudsman or the client, or write the letters to the people
    Notify(BreachNotifyArgs),
    /// Close a breach once what it required is done
    Close(BreachIdArgs),
    /// List breaches; overdue ones and those due within 24 hours are marked
    List(BreachListArgs),
    /// Show a breach with its assessments and notifications
    Show(BreachIdArgs),
}

#[derive(Debug, Args)]
pub struct BreachOpenArgs {
    /// When the firm became aware of it: YYYY-MM-DD HH:MM (Helsinki time) or RFC 3339
    #[arg(long, value_name = "DATETIME")]
    pub aware_at: String,
    /// What happened, in the firm's words (no names of people here)
    #[arg(long, value_name = "TEXT")]
    pub description: String,
    /// confidentiality, integrity and/or availability
    #[arg(long, value_name = "NATURE", value_parser = parsed::<Nature>, num_args = 1.., value_delimiter = ',', required = true)]
    pub nature: Vec<Nature>,
    /// A record the breach concerns; repeat or list for each
    #[arg(long = "record", value_name = "ID", value_parser = record_id, num_args = 1.., value_delimiter = ',')]
    pub records: Vec<RecordId>,
    /// Approximately how many people it concerns
    #[arg(long, value_name = "N")]
    pub approx_subjects: Option<u32>,
    /// The categories of data concerned (e.g. "salary, bank account")
    #[arg(long, value_name = "TEXT")]
    pub data: Option<String>,
    /// A client for whom the firm processes the data (it must be told, Art. 33(2))
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,
}

#[derive(Debug, Args)]
pub struct BreachAssessArgs {
    #[arg(value_name = "BR", value_parser = parsed::<BreachId>)]
    pub id: BreachId,
    /// unlikely (documented only), risk (tell the Ombudsman) or high (also the people)
    #[arg(long, value_parser = parsed::<Risk>)]
    pub risk: Risk,
    /// Why this level (the documentation Art. 33(5) asks for)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// The likely consequences for the people (required for risk and high)
    #[arg(long, value_name = "TEXT")]
    pub consequences: Option<String>,
    /// The measures taken or proposed (required for risk and high)
    #[arg(long, value_name = "TEXT")]
    pub measures: Option<String>,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("whom").required(true).multiple(false).args(["authority", "subjects", "client"]))]
pub struct BreachNotifyArgs {
    #[arg(value_name = "BR", value_parser = parsed::<BreachId>)]
    pub id: BreachId,
    /// Record the notification to the Data Protection Ombudsman
    #[arg(long)]
    pub authority: bool,
    /// Write a letter to each person concerned, in their language (Art. 34)
    #[arg(long)]
    pub subjects: bool,
    /// Record that the client was told (a processor's breach, Art. 33(2))
    #[arg(long)]
    pub client: bool,
    /// When the Ombudsman was told (default now; with --authority only)
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
    /// The Ombudsman's reference or the form's id (with --authority only)
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,
    /// Why the notification came after the 72 hours (required then; with --authority only)
    #[arg(long, value_name = "TEXT")]
    pub late_reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct BreachIdArgs {
    #[arg(value_name = "BR", value_parser = parsed::<BreachId>)]
    pub id: BreachId,
}

#[derive(Debug, Args)]
pub struct BreachListArgs {
    /// Only open breaches
    #[arg(long)]
    pub open: bool,
    /// Only open breaches past their 72 hours that still await the Ombudsman's notification
    #[arg(long)]
    pub overdue: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct RestrictArgs {
    #[command(subcommand)]
    pub command: Option<RestrictCommand>,
    /// The record to restrict
    #[arg(value_parser = record_id, required = true)]
    pub id: Option<RecordId>,
    /// Why processing is restricted (Art. 18(1) a-d)
    #[arg(long, required = true)]
    pub reason: Option<String>,
    /// The data subject request this fulfils (REQ-n)
    #[arg(long, value_name = "REQ")]
    pub request: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RestrictCommand {
    /// Lift a record's restriction (tell the person first, Art. 18(3))
    Lift {
        #[arg(value_parser = record_id)]
        id: RecordId,
    },
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

#[derive(Debug, Subcommand)]
pub enum BasisCommand {
    /// Log a legal basis for a record and purpose
    Add(BasisAddArgs),
    /// List a record's legal bases
    List {
        #[arg(value_parser = record_id)]
        id: RecordId,
    },
    /// End a legal basis on a date (it stays in the history)
    End {
        /// The basis id from `basis list`
        basis_id: i64,
        #[arg(long)]
        date: String,
    },
}

#[derive(Debug, Args)]
pub struct BasisAddArgs {
    /// The records (all or none get the basis)
    #[arg(value_parser = record_id, required = true, num_args = 1..)]
    pub ids: Vec<RecordId>,
    /// consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest, or aml
    #[arg(long, value_parser = parsed::<BasisArg>)]
    pub basis: BasisArg,
    /// A purpose from `privreg purpose list`
    #[arg(long)]
    pub purpose: String,
    /// The law a legal obligation rests on (required for legal-obligation)
    #[arg(long)]
    pub law: Option<String>,
    /// The interest weighed (required for legitimate-interest)
    #[arg(long)]
    pub note: Option<String>,
    /// Where the basis is documented (a contract number, a consent form)
    #[arg(long)]
    pub evidence: Option<String>,
    /// Valid from (default today)
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub until: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PurposeCommand {
    /// Add a purpose of processing (admin)
    Add(PurposeAddArgs),
    /// List the purposes of processing
    List,
}

#[derive(Debug, Args)]
pub struct PurposeAddArgs {
    /// Lower-case words joined by dashes, e.g. newsletter
    pub name: String,
    /// The purpose in English, as the privacy notice prints it
    #[arg(long)]
    pub title: String,
    /// The purpose in Finnish (default: the English title)
    #[arg(long)]
    pub title_fi: Option<String>,
}

#[derive(Debug, Args)]
pub struct OptoutArgs {
    #[arg(value_parser = record_id)]
    pub id: RecordId,
    /// email, sms, phone, post or all
    #[arg(long, value_parser = parsed::<Channel>)]
    pub channel: Channel,
    /// marketing, remote-selling, market-research, profiling or all (default all)
    #[arg(long, value_parser = parsed::<Purpose>)]
    pub purpose: Option<Purpose>,
    /// letter, phone, email-link, web-form or in-person
    #[arg(long, value_parser = parsed::<Source>)]
    pub source: Option<Source>,
    /// The date the objection was made (default today)
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ConsentArgs {
    #[command(subcommand)]
    pub withdraw: Option<ConsentCommand>,
    #[arg(value_parser = record_id, required = true)]
    pub id: Option<RecordId>,
    /// email, sms, phone, post or all
    #[arg(long, value_parser = parsed::<Channel>, required = true)]
    pub channel: Option<Channel>,
    /// marketing, remote-selling, market-research, profiling or all (default marketing)
    #[arg(long, value_parser = parsed::<Purpose>)]
    pub purpose: Option<Purpose>,
    /// letter, phone, email-link, web-form or in-person
    #[arg(long, value_parser = parsed::<Source>)]
    pub source: Option<Source>,
    /// The date the consent was given (default today)
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ConsentCommand {
    /// Withdraw a consent (from its date on, as an opt-out)
    Withdraw(WithdrawArgs),
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    #[arg(value_parser = record_id)]
    pub id: RecordId,
    #[arg(long, value_parser = parsed::<Channel>)]
    pub channel: Channel,
    /// Default: every purpose
    #[arg(long, value_parser = parsed::<Purpose>)]
    pub purpose: Option<Purpose>,
    #[arg(long, value_parser = parsed::<Source>)]
    pub source: Option<Source>,
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct MarketingListArgs {
    /// email, sms, phone or post
    #[arg(long, value_parser = parsed::<Channel>)]
    pub channel: Channel,
    /// marketing, remote-selling, market-research or profiling (default marketing)
    #[arg(long, value_parser = parsed::<Purpose>)]
    pub purpose: Option<Purpose>,
    /// customer or business (default both)
    #[arg(long, value_parser = register)]
    pub register: Option<Register>,
    /// Apply the existing-customer rule: active customers' own e-mail and
    /// SMS for the company's own similar products, unless they opted out
    #[arg(long)]
    pub existing_customers: bool,
}

#[derive(Debug, Args)]
pub struct EraseArgs {
    #[arg(value_parser = record_id)]
    pub id: RecordId,
    /// Why (kept in the erasure receipt: no personal data here)
    #[arg(long)]
    pub reason: String,
    /// The data subject request this fulfils (REQ-n)
    #[arg(long, value_name = "REQ")]
    pub request: Option<String>,
    /// Erase despite holds an admin may override (never the AML hold)
    #[arg(long)]
    pub override_hold: bool,
    /// Erase also a record whose processing is restricted (Art. 18): the
    /// erasure ends the restriction, so the person must have been told
    /// (Art. 18(3))
    #[arg(long)]
    pub include_restricted: bool,
    /// Show what would happen, write nothing
    #[arg(short = 'n', long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum HoldCommand {
    /// Forbid erasing a record until a date (e.g. an invoice in collection)
    Add {
        #[arg(value_parser = record_id)]
        id: RecordId,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        until: String,
    },
    /// Release a manual hold (admin)
    Release {
        /// The hold id `hold add` printed
        hold_id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Records whose retention has ended and that nothing holds
    Report {
        /// Judge as on this date (default today)
        #[arg(long)]
        as_of: Option<String>,
        /// List also records whose processing is restricted (Art. 18) as
        /// sweepable (admin)
        #[arg(long)]
        include_restricted: bool,
    },
    /// Erase the records the report lists (admin)
    Sweep {
        /// Judge as on this date (default today; not in the future)
        #[arg(long)]
        as_of: Option<String>,
        /// Erase also records whose processing is restricted (Art. 18);
        /// each person must have been told that the restriction ends
        /// (Art. 18(3))
        #[arg(long)]
        include_restricted: bool,
        /// List what would be erased, write nothing
        #[arg(short = 'n', long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The record of processing activities (GDPR Art. 30) and privacy notice
    Notice(NoticeArgs),
    /// The record of processing: Art. 30(1) as controller, 30(2) as processor
    ProcessingRecord(ProcessingRecordArgs),
    /// A whole register (csv by default; import reads it back)
    Register(ExportRegisterArgs),
    /// One person's data across registers: the access report (Art. 15, 20)
    Subject(ExportSubjectArgs),
    /// The audit log with each entry's hash
    Audit(ExportAuditArgs),
    /// A breach's notification to the Ombudsman (Art. 33(3)), in the order of its form
    Breach(ExportBreachArgs),
}

#[derive(Debug, Args)]
pub struct ExportBreachArgs {
    #[arg(value_name = "BR", value_parser = parsed::<BreachId>)]
    pub id: BreachId,
    /// The language of the notification: fi or en
    #[arg(long, default_value = "fi", value_parser = parsed::<Lang>)]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// The language of the notice: fi or en
    #[arg(long, default_value = "fi", value_parser = parsed::<Lang>)]
    pub lang: Lang,
    /// Keep the text as a dated, numbered version with its SHA-256 (admin)
    #[arg(long)]
    pub publish: bool,
}

/// Whose record of processing: the firm's as controller or as processor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordRole {
    /// Art. 30(1): the firm's own processing
    Controller,
    /// Art. 30(2): processing for the firm's clients
    Processor,
}

#[derive(Debug, Args)]
pub struct ProcessingRecordArgs {
    /// controller (Art. 30(1)) or processor (Art. 30(2))
    #[arg(long, value_enum, default_value = "controller")]
    pub role: RecordRole,
    /// The language of the record: fi or en
    #[arg(long, default_value = "fi", value_parser = parsed::<Lang>)]
    pub lang: Lang,
}

#[derive(Debug, Subcommand)]
pub enum ActivityCommand {
    /// Declare a processing activity (admin)
    Add(Box<ActivityAddArgs>),
    /// List the activities
    List,
    /// Show one activity
    Show { name: String },
    /// End an activity on a date (it stays in the history; admin)
    End {
        name: String,
        #[arg(long)]
        date: String,
    },
}

#[derive(Debug, Args)]
pub struct ActivityAddArgs {
    /// The activity's name, e.g. "Web analytics and cookies"
    pub name: String,
    /// Its purposes, from `privreg purpose list` (one or more)
    #[arg(long, num_args = 1.., required = true)]
    pub purpose: Vec<String>,
    /// The legal basis (GDPR Art. 6(1)); `check` lists an activity without one
    #[arg(long, value_parser = parsed::<BasisArg>)]
    pub basis: Option<BasisArg>,
    /// The law a legal obligation rests on (required for legal-obligation)
    #[arg(long)]
    pub law: Option<String>,
    /// The legitimate interest in words (required for legitimate-interest)
    #[arg(long)]
    pub note: Option<String>,
    /// Categories of data subjects
    #[arg(long, value_name = "TEXT")]
    pub subjects: String,
    /// Categories of personal data
    #[arg(long, value_name = "TEXT")]
    pub data: String,
    /// Where the data come from
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Categories of recipients
    #[arg(long, value_name = "TEXT")]
    pub recipients: Option<String>,
    /// The system the data are kept in
    #[arg(long, value_name = "TEXT")]
    pub system: Option<String>,
    /// Countries outside the EU/EEA the data go to (ISO 3166-1 alpha-2)
    #[arg(long, value_name = "CC", num_args = 1..)]
    pub transfer: Vec<String>,
    /// The recipients in the United States are certified under the Data Privacy Framework
    #[arg(long)]
    pub dpf_certified: bool,
    /// The recipient in Canada is a commercial organisation subject to PIPEDA
    #[arg(long)]
    pub commercial: bool,
    /// How long the data are kept, in words
    #[arg(long, value_name = "TEXT")]
    pub retention: String,
}

#[derive(Debug, Subcommand)]
pub enum ProcessorCommand {
    /// Record a processor and its Art. 28 contract (admin)
    Add(ProcessorAddArgs),
    /// List the processors
    List,
    /// Show one processor
    Show { name: String },
    /// End the use of a processor on a date (admin)
    End {
        name: String,
        #[arg(long)]
        date: String,
    },
}

#[derive(Debug, Args)]
pub struct ProcessorAddArgs {
    pub name: String,
    /// Its business id (a Finnish Y-tunnus when the country is FI)
    #[arg(long)]
    pub business_id: String,
    /// Where it processes the data (ISO 3166-1 alpha-2)
    #[arg(long, value_name = "CC")]
    pub country: String,
    /// What it does for the firm
    #[arg(long, value_name = "TEXT")]
    pub service: String,
    /// The personal data it handles
    #[arg(long, value_name = "TEXT")]
    pub data: String,
    /// When the Art. 28 contract was signed; `check` lists a processor without one
    #[arg(long, value_name = "DATE")]
    pub contract_date: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub contract_ref: Option<String>,
    /// Certified under the EU-US Data Privacy Framework
    #[arg(long)]
    pub dpf_certified: bool,
    /// The recipient in Canada is a commercial organisation subject to PIPEDA
    #[arg(long)]
    pub commercial: bool,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Record a client for whom the firm processes data (admin)
    Add(ClientAddArgs),
    /// List the clients
    List,
    /// Show one client with its processing
    Show { name: String },
    /// End the work for a client on a date (admin)
    End {
        name: String,
        #[arg(long)]
        date: String,
    },
    /// The processing done for a client
    #[command(subcommand)]
    Processing(ClientProcessingCommand),
}

#[derive(Debug, Args)]
pub struct ClientAddArgs {
    pub name: String,
    #[arg(long)]
    pub business_id: String,
    /// Who to contact at the client (its controller's representative)
    #[arg(long, value_name = "TEXT")]
    pub contact: Option<String>,
    /// When the Art. 28 data processing agreement was signed; `check` lists a client without one
    #[arg(long, value_name = "DATE")]
    pub contract_date: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub contract_ref: Option<String>,
    /// The client's instructions and terms, in words
    #[arg(long, value_name = "TEXT")]
    pub terms: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ClientProcessingCommand {
    /// Record a category of processing done for a client (admin)
    Add(ClientProcessingAddArgs),
}

#[derive(Debug, Args)]
pub struct ClientProcessingAddArgs {
    pub client: String,
    /// The category of processing, e.g. payroll, bookkeeping, ERP hosting
    #[arg(long, value_name = "TEXT")]
    pub category: String,
    #[arg(long, value_name = "TEXT")]
    pub subjects: String,
    #[arg(long, value_name = "TEXT")]
    pub data: String,
    /// Processors of the firm engaged for it (`privreg processor list`)
    #[arg(long = "sub-processor", value_name = "NAME", num_args = 1..)]
    pub sub_processor: Vec<String>,
    /// Countries outside the EU/EEA the data go to
    #[arg(long, value_name = "CC", num_args = 1..)]
    pub transfer: Vec<String>,
    /// The recipients in the United States are certified under the Data Privacy Framework
    #[arg(long)]
    pub dpf_certified: bool,
    /// The recipient in Canada is a commercial organisation subject to PIPEDA
    #[arg(long)]
    pub commercial: bool,
    /// Security measures (Art. 32), in words
    #[arg(long, value_name = "TEXT")]
    pub security: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NoticeCommand {
    /// List the published versions of the notice
    History,
    /// The categories of recipients and sources the notice names
    #[command(subcommand)]
    Category(NoticeCategoryCommand),
}

/// Recipients or sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CategoryKind {
    Recipient,
    Source,
}

impl CategoryKind {
    pub fn name(self) -> &'static str {
        match self {
            CategoryKind::Recipient => "recipient",
            CategoryKind::Source => "source",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum NoticeCategoryCommand {
    /// List the categories
    List,
    /// Add or replace a category (admin)
    Add {
        #[arg(long, value_enum)]
        kind: CategoryKind,
        /// Lower-case words joined by dashes
        name: String,
        /// In English, as the notice prints it
        #[arg(long)]
        title: String,
        /// In Finnish (default: the English title)
        #[arg(long)]
        title_fi: Option<String>,
        /// The registers it applies to (default: all)
        #[arg(long, num_args = 1.., value_parser = register)]
        register: Vec<Register>,
    },
    /// Remove a category (admin)
    Remove {
        #[arg(long, value_enum)]
        kind: CategoryKind,
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct ExportRegisterArgs {
    #[arg(value_parser = register)]
    pub register: Register,
    /// Also records whose relationship has ended
    #[arg(long)]
    pub include_ended: bool,
    /// Also records whose processing is restricted (Art. 18)
    #[arg(long)]
    pub include_restricted: bool,
    /// Personal identity codes in full (audited)
    #[arg(long)]
    pub reveal_hetu: bool,
}

#[derive(Debug, Args)]
pub struct ExportSubjectArgs {
    /// Any record of the person
    #[arg(value_parser = record_id, required_unless_present = "hetu", conflicts_with = "hetu")]
    pub id: Option<RecordId>,
    /// The person's personal identity code
    #[arg(long)]
    pub hetu: Option<String>,
    /// Personal identity codes in full (audited)
    #[arg(long)]
    pub reveal_hetu: bool,
    /// The data subject request this answers (REQ-n)
    #[arg(long, value_name = "REQ")]
    pub request: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportAuditArgs {
    /// From this day on
    #[arg(long)]
    pub since: Option<String>,
    /// Up to and including this day
    #[arg(long)]
    pub until: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the audit log's hash chain, and against checkpoints kept
    /// elsewhere (exit 8 if it was altered, cut back or swapped)
    Verify {
        /// A file of checkpoint lines (`-` for stdin); may be repeated
        #[arg(long = "checkpoint", value_name = "FILE")]
        checkpoints: Vec<String>,
    },
    /// Print a checkpoint: one line that commits to the whole log so far,
    /// to keep somewhere the register's users cannot write
    Checkpoint,
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn value_names_are_the_ones_clap_parses() {
        use clap::ValueEnum;
        fn check<T: ValueEnum>(name: impl Fn(&T) -> &'static str) {
            for v in T::value_variants() {
                let p = v.to_possible_value().unwrap();
                assert_eq!(name(v), p.get_name());
            }
        }
        check::<RequestType>(|v| v.name());
        check::<RequestChannel>(|v| v.name());
        check::<RequestOutcome>(|v| v.name());
        check::<DisclosureCategory>(|v| v.name());
        check::<DisclosureBasis>(|v| match v {
            DisclosureBasis::Aml => "aml",
            other => other.stored(),
        });
    }

    #[test]
    fn every_command_has_help() {
        for sub in Cli::command().get_subcommands() {
            assert!(sub.get_about().is_some(), "{} has no help", sub.get_name());
        }
    }
}
