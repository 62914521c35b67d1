//! The command line of what limits or ends the keeping of a record:
//! `restrict` (Art. 18), `erase` (Art. 17), `hold` and `retention`.

use clap::{Args, Subcommand};

use super::record_id;
use crate::domain::register::RecordId;

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
