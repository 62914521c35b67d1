//! The command line of legal bases (`basis`, GDPR Art. 6) and the
//! purposes of processing (`purpose`).

use clap::{Args, Subcommand};

use super::{parsed, record_id};
use crate::domain::basis::BasisArg;
use crate::domain::register::RecordId;

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
