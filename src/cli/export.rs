//! The command line of `export` (registers, a subject's data, the audit
//! log, the notice, the record of processing, a breach's notification) and
//! of the notice's own verbs (`notice history`, `notice category`).

use clap::{Args, Subcommand};

use super::{parsed, record_id, register};
use crate::domain::breach::BreachId;
use crate::domain::register::{RecordId, Register};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The record of processing activities (GDPR Art. 30) and privacy notice (Finnish; --lang en)
    Notice(NoticeArgs),
    /// The record of processing: Art. 30(1) as controller, 30(2) as processor (Finnish; --lang en)
    ProcessingRecord(ProcessingRecordArgs),
    /// A whole register (csv by default; import reads it back)
    Register(ExportRegisterArgs),
    /// One person's data across registers: the access report (Art. 15, 20), in the person's language
    Subject(ExportSubjectArgs),
    /// The audit log with each entry's hash
    Audit(ExportAuditArgs),
    /// A breach's notification to the Ombudsman (Art. 33(3)), in the order of its form (Finnish; --lang en)
    Breach(ExportBreachArgs),
}

#[derive(Debug, Args)]
pub struct ExportBreachArgs {
    #[arg(value_name = "BR", value_parser = parsed::<BreachId>)]
    pub id: BreachId,
}

#[derive(Debug, Args)]
pub struct NoticeArgs {
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
