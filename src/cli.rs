//! The command line of SPEC.md as clap types: global options, one enum
//! variant per command and one Args struct per verb. The doc comments are
//! the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::domain::basis::BasisArg;
use crate::domain::labels::Lang;
use crate::domain::marketing::{Channel, Purpose, Source};
use crate::domain::register::{RecordId, Register};
use crate::output::Format;
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
    /// Show a record with its history
    Show(ShowArgs),
    /// Find people by name, e-mail, city or organisation, or by identifier
    Search(SearchArgs),
    /// Rectify a record (GDPR Art. 16), keeping the old values
    Correct(CorrectArgs),
    /// End a relationship or employment, or decide an application
    End(EndArgs),
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
    /// Export for auditors and data subjects
    #[command(subcommand)]
    Export(ExportCommand),
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

#[derive(Debug, Subcommand)]
pub enum ControllerCommand {
    /// Set the controller's details (only the given ones change)
    Set(ControllerSetArgs),
    /// Show the controller's details
    Show,
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
    /// A legal basis to log for the new record; repeat with --purpose for each
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
    /// Words matched by prefix in names, e-mail, city and organisation
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
    #[arg(value_parser = record_id)]
    pub id: RecordId,
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
    },
    /// Erase the records the report lists (admin)
    Sweep {
        /// Judge as on this date (default today; not in the future)
        #[arg(long)]
        as_of: Option<String>,
        /// List what would be erased, write nothing
        #[arg(short = 'n', long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The record of processing activities (GDPR Art. 30) and privacy notice
    Notice(NoticeArgs),
}

#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// The language of the notice: fi or en
    #[arg(long, default_value = "fi", value_parser = parsed::<Lang>)]
    pub lang: Lang,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the audit log's hash chain (exit 8 if it was altered)
    Verify,
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
    fn every_command_has_help() {
        for sub in Cli::command().get_subcommands() {
            assert!(sub.get_about().is_some(), "{} has no help", sub.get_name());
        }
    }
}
