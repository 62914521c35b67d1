//! The command line of SPEC.md as clap types: global options and one enum
//! variant per command here; one Args struct per verb in the file of its
//! group of verbs (`cli/<group>.rs`, re-exported here). The doc comments
//! are the help text.

mod admin;
mod bases;
mod breaches;
mod erasure;
mod export;
mod marketing;
mod processing;
mod records;
mod requests;
pub mod usage;

pub use admin::*;
pub use bases::*;
pub use breaches::*;
pub use erasure::*;
pub use export::*;
pub use marketing::*;
pub use processing::*;
pub use records::*;
pub use requests::*;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::domain::register::{RecordId, Register};
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
    /// Language of messages, table headers and letters: fi, sv or en
    /// (default: the locale's, LC_ALL/LC_MESSAGES/LANG, when Finnish or
    /// Swedish, else en; letters: the person's own)
    #[arg(
        long,
        value_name = "LANG",
        env = "PRIVREG_LANG",
        value_parser = parsed::<crate::messages::Lang>,
        global = true
    )]
    pub lang: Option<crate::messages::Lang>,
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
    /// Copy the whole register into a new register, a file or a server (admin)
    Copy(CopyArgs),
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

/// `FIELD=VALUE`, split at the first `=`.
fn assignment(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(crate::messages::S::ExpectedFieldValue.into()),
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
    Role::parse(s).ok_or_else(|| crate::messages::S::ExpectedRole.to_string())
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
