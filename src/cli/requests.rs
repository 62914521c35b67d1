//! The command line of data subject requests (`request`, GDPR Art. 12(3)).

use clap::{Args, Subcommand};

use super::{parsed, record_id};
use crate::domain::register::RecordId;
use crate::domain::request::RequestId;

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
