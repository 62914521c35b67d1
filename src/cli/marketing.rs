//! The command line of direct marketing: `optout` (Art. 21), `consent`
//! and its withdrawal, `marketing-list`.

use clap::{Args, Subcommand};

use super::{parsed, record_id, register};
use crate::domain::marketing::{Channel, Purpose, Source};
use crate::domain::register::{RecordId, Register};

/// A "no" from a date on: an objection (`optout`) or a withdrawn consent
/// (`consent withdraw`), which are recorded alike.
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
    /// The date of the objection or withdrawal (default today)
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
    Withdraw(OptoutArgs),
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
