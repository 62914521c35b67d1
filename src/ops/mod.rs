//! Operations: what privreg does, apart from how it is asked (clap, in
//! `cli.rs` and `commands/`) and how the answer is shown (`output/`).
//! An operation takes a [`Tx`](crate::store::Tx) of the store interface,
//! the [`Who`] of the session and an options struct or plain values, and
//! returns domain values or typed views; it never parses arguments,
//! never prints and never speaks SQL (that is `store/`'s).
//!
//! The logic several verbs share lives here rather than in one verb's
//! file, so that `commands/<verb>.rs` depend on `ops` and never on each
//! other (cargo's `src/ops/` under `src/bin/cargo/commands/`).

pub mod audit;
pub mod backup;
pub mod bases;
pub mod basis;
pub mod breach;
pub mod breach_form;
pub mod breach_notify;
pub mod check;
pub mod controller;
pub mod copy;
pub mod disclose;
pub mod erase;
pub mod export;
pub mod holds;
pub mod import;
pub mod init;
pub mod marketing;
pub mod notice;
pub mod operators;
pub mod processing;
pub mod records;
pub mod requests;
pub mod restrict;
pub mod retention;
pub mod sealing;
pub mod search;
pub mod server_operators;
pub mod show;
pub mod view;

use chrono::NaiveDate;

use crate::domain::fields::Ctx;
use crate::store::operators::Role;

/// Who is working, and when.
pub struct Who {
    pub operator: String,
    pub role: Role,
    /// The date rules count from: the clock's date in Europe/Helsinki.
    pub today: NaiveDate,
    /// The time everything this command records is stamped with, RFC 3339
    /// UTC: the same instant as `today` (one clock, see [`crate::clock`]).
    pub now: String,
}

impl Who {
    pub fn new(operator: String, role: Role, clock: crate::clock::Clock) -> Who {
        Who {
            operator,
            role,
            today: clock.today(),
            now: clock.now_rfc3339(),
        }
    }

    pub fn today_iso(&self) -> String {
        self.today.format("%Y-%m-%d").to_string()
    }

    pub fn ctx(&self) -> Ctx {
        Ctx { today: self.today }
    }
}

/// A value as its text in JSON (`#[serde(serialize_with)]`): a record id
/// is `"C-000123"`.
pub(crate) fn as_text<T: std::fmt::Display, S: serde::Serializer>(
    v: &T,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(v)
}
