//! The firm's processing outside the four registers (SPEC §9): activities,
//! processors, clients and their processing, and the notice's categories.
//! Every value is checked at once and each bad one named (exit 3,
//! [`Check`]); a transfer out of the EU/EEA without an adequacy decision
//! is refused as `disclose` refuses it (exit 5); a name already in use is
//! a conflict (exit 6). Each change returns its audit entry.
//!
//! Each `add` comes in two steps: `check_*` turns what was typed into a
//! checked value before any transaction begins, and `add_*` writes it.

mod add;
mod named;

/// The items kept by name, as [`Named`] lists and shows them.
pub use crate::store::processing::{Activity, Client, Processor};
pub use add::*;
pub use named::*;

use crate::domain::codes;
use crate::domain::date::{format_date, parse_date};
use crate::domain::transfer::{self, Refusal};
use crate::error::{Error, Problem, Result};
use crate::messages::{D, R};
use crate::store::disclosures;
use crate::store::Tx;

/// Collects the problems of one command's values.
#[derive(Default)]
struct Check {
    problems: Vec<Problem>,
}

impl Check {
    fn required(&mut self, field: &str, raw: &str) -> String {
        let t = raw.trim();
        if t.is_empty() {
            self.problems.push(Problem::new(field, R::RequiredNotBlank));
        }
        t.to_string()
    }

    fn optional(&mut self, raw: Option<&str>) -> Option<String> {
        raw.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    fn date(&mut self, field: &str, raw: Option<&str>) -> Option<String> {
        let raw = raw?.trim();
        match parse_date(raw) {
            Ok(d) => Some(format_date(d)),
            Err(e) => {
                self.problems.push(Problem::new(field, e.0));
                None
            }
        }
    }

    fn countries(&mut self, field: &str, raw: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in raw {
            match codes::country(r) {
                Ok(c) if !out.contains(&c) => out.push(c),
                Ok(_) => {}
                Err(e) => self.problems.push(Problem::new(field, e.0)),
            }
        }
        out
    }

    fn done(self) -> Result<()> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.problems))
        }
    }
}

/// Refuses a transfer to a country that no adequacy decision covers, in
/// the words `disclose` uses (GDPR Art. 45, DOMAIN §8); else the ground in
/// English.
///
/// Canada's decision covers only commercial organisations subject to
/// PIPEDA (DOMAIN §8): a transfer there asks for `--commercial`.
pub fn judge_transfer(
    conn: &Tx<'_>,
    country: &str,
    dpf_certified: bool,
    commercial: bool,
) -> Result<String> {
    let adequacy = disclosures::adequacy(conn, country)?;
    if country == "CA" && !commercial {
        return Err(Error::Refused(
            R::CaNotCommercial.say(&[&adequacy.map(|a| a.decision).unwrap_or_default()]),
        ));
    }
    match transfer::judge(country, adequacy.as_ref(), dpf_certified) {
        Ok(ground) => Ok(ground.describe()),
        Err(refusal) => {
            let list =
                disclosures::adequacy_list_date(conn)?.unwrap_or_else(|| R::UnknownListDate.into());
            Err(Error::Refused(match refusal {
                Refusal::NoAdequacy => R::NoAdequacy.say(&[&country, &list]),
                Refusal::NotDpfCertified { decision } => R::ProcNotDpf.say(&[&country, &decision]),
            }))
        }
    }
}

/// A kind of thing (`activity`, the command's name) as a message says it.
fn kind_word(what: &str) -> String {
    match what {
        "activity" => D::KindActivity.to_string(),
        "processor" => D::KindProcessor.to_string(),
        "client" => D::KindClient.to_string(),
        "recipient" => D::KindRecipient.to_string(),
        "source" => D::KindSource.to_string(),
        other => other.to_string(),
    }
}

fn conflict(what: &str, name: &str) -> Error {
    Error::Conflict(D::NamedExists.say(&[&kind_word(what), &name, &what]))
}

fn not_found(what: &str, name: &str) -> Error {
    Error::NotFound(D::NoNamed.say(&[&kind_word(what), &name, &what]))
}
