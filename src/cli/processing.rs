//! The command line of the controller's processing outside the registers
//! (SPEC §9): `activity`, `processor` and `client`.

use clap::{Args, Subcommand};

use super::parsed;
use crate::domain::basis::BasisArg;

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
