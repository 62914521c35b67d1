//! The command line of personal data breaches (`breach`, GDPR Art. 33, 34).

use clap::{Args, Subcommand};

use super::{parsed, record_id};
use crate::domain::breach::{BreachId, Nature, Risk};
use crate::domain::register::RecordId;

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
