//! The command line of setting up and keeping the register file: `init`,
//! `operator`, `controller`, `fields`, `backup`, `restore`, `unlock`, `audit`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{register, role};
use crate::domain::register::Register;
use crate::messages::S;
use crate::store::operators::Role;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new backup file (created readable by you only; never overwritten)
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The new register: a file that does not exist yet, or
    /// postgresql://[USER@]HOST[:PORT]/DBNAME of an empty database
    #[arg(long, value_name = "DB")]
    pub to: PathBuf,
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
    let n: u64 = n.parse().map_err(|_| S::NotDuration.say(&[&s]))?;
    let secs = match unit {
        "s" => n,
        "m" | "min" => n * 60,
        "h" => n * 3600,
        _ => return Err(S::NotDuration.say(&[&s])),
    };
    if secs == 0 || secs > 12 * 3600 {
        return Err(S::UnlockRange.say(&[&s]));
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
