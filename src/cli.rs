//! The command line of SPEC.md as clap types: global options, one enum
//! variant per command and one Args struct per verb. The doc comments are
//! the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
        #[arg(long, value_enum)]
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

fn register(s: &str) -> Result<Register, String> {
    s.parse().map_err(|e: crate::domain::ValueError| e.0)
}

fn record_id(s: &str) -> Result<RecordId, String> {
    s.parse().map_err(|e: crate::domain::ValueError| e.0)
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// customer, business, employee or recruitment (or a Finnish alias)
    #[arg(value_parser = register)]
    pub register: Register,
    /// A field and its value; repeat for each field
    #[arg(long = "set", value_name = "FIELD=VALUE", value_parser = assignment, required = true)]
    pub set: Vec<(String, String)>,
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
