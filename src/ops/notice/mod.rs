//! The privacy notice and the record of processing as data (GDPR Art.
//! 13, 14 and 30): gathered once from what the register file holds
//! (DOMAIN §9) into a [`Notice`] (`model.rs`, the json output) by a file
//! per part: `registers.rs`, `retention.rs`, `transfers.rs`,
//! `activities.rs` (SPEC §9) and `security.rs`; `record.rs` the Art. 30(2)
//! record of a processor. Nothing is invented: a register with no bases
//! recorded says so instead of listing default purposes. Rendering (the
//! Markdown documents, the sheets) is `commands/notice/`'s.

mod activities;
mod model;
pub mod record;
mod registers;
mod retention;
mod security;
mod transfers;

pub use model::*;

use activities::{activity_parts, processor_parts, processor_role};
use registers::register_part;
use security::{automated_text, measures};
use transfers::transfer_policy;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::labels::Lang;
use crate::domain::register::Register;
use crate::error::Result;
use crate::messages::N;
// The setting whose presence says audit checkpoints are kept outside the
// register (`controller set --checkpoint-log` writes it).
use crate::ops::audit::CHECKPOINT_LOG_SETTING;
use crate::store::notice as store;
use crate::store::Tx;

#[derive(Debug, Serialize)]
pub struct Right {
    pub right: &'static str,
    /// The GDPR article.
    pub article: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

/// Gathers the notice from the register file as it is on `today`.
pub fn build(conn: &Tx<'_>, today: NaiveDate, lang: Lang) -> Result<Notice> {
    let today_iso = today.format("%Y-%m-%d").to_string();
    let mut registers = Vec::new();
    for register in Register::ALL {
        registers.push(register_part(conn, register, &today_iso, lang)?);
    }
    let profiling: Vec<&'static str> = registers
        .iter()
        .filter(|r| r.purposes.iter().any(|p| p.purpose == "profiling"))
        .map(|r| r.register)
        .collect();
    let profiling_title: Option<String> = registers
        .iter()
        .flat_map(|r| &r.purposes)
        .find(|p| p.purpose == "profiling")
        .map(|p| p.title.clone());
    let profiling_titles: Vec<&str> = registers
        .iter()
        .filter(|r| profiling.contains(&r.register))
        .map(|r| r.title.as_str())
        .collect();
    let operators = store::operators_per_role(conn)?.into_iter().collect();
    let adequacy = store::adequacy_list(conn)?;
    let activities = activity_parts(conn, &adequacy, &today_iso, lang)?;
    let processors = processor_parts(conn, &adequacy, &today_iso, lang)?;
    let processor_role = processor_role(conn, &today_iso, lang)?;
    Ok(Notice {
        activities,
        processors,
        processor_role,
        changes: N::ControllerUpdatesNoticeWhen.text(lang).to_string(),
        lang: lang.code(),
        generated_on: today_iso,
        controller: controller(conn)?,
        transfer_policy: transfer_policy(conn, lang)?,
        automated_decisions: Automated {
            profiling_in_use: !profiling.is_empty(),
            text: automated_text(&profiling_titles, profiling_title.as_deref(), lang),
            registers: profiling,
        },
        security: Security {
            measures: measures(
                &operators,
                crate::store::setting(conn, CHECKPOINT_LOG_SETTING)?.is_some(),
                conn.is_server(),
                lang,
            ),
            operators,
        },
        rights: rights(lang),
        requests: Requests {
            answer_within_months: 1,
            extendable_by_months: 2,
            text: requests_text(lang),
        },
        complaint: Complaint {
            authority: N::OfficeDataProtectionOmbudsman.text(lang),
            address: N::POBox800.text(lang),
            email: "tietosuoja@om.fi",
            web: "tietosuoja.fi",
            text: N::DataSubjectWhoConsiders.text(lang),
        },
        registers,
    })
}

fn controller(conn: &Tx<'_>) -> Result<Controller> {
    let set = crate::ops::controller::load(conn)?;
    let get = |k: &str| {
        set.get(k)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let missing = crate::ops::controller::KEYS
        .iter()
        .filter(|k| get(k).is_none())
        .map(|k| k.to_string())
        .collect();
    Ok(Controller {
        name: get("name"),
        business_id: get("business_id"),
        address: get("address"),
        contact_person: get("contact_person"),
        contact_phone: get("contact_phone"),
        contact_email: get("contact_email"),
        missing,
    })
}

/// The rights of the data subject: one list (`domain::rights`) with its
/// words (`domain::rights`), shared with the access report and letters.
fn rights(lang: Lang) -> Vec<Right> {
    let l = crate::messages::Lang::from(lang);
    crate::domain::rights::Right::ALL
        .iter()
        .map(|r| Right {
            right: r.name(),
            article: r.article(),
            title: crate::domain::rights::title(*r, l),
            text: crate::domain::rights::text(*r, l),
        })
        .collect()
}

fn requests_text(lang: Lang) -> Vec<&'static str> {
    vec![
        N::RequestsMayMadeController.text(lang),
        N::RequestsAnsweredWithoutUndue.text(lang),
        N::RequestsHandledFreeCharge.text(lang),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::labels;

    fn open() -> crate::store::Store {
        crate::store::Store::in_memory()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn every_adequacy_country_has_a_name_in_both_languages() {
        let mut store = open();
        let conn = store.begin(crate::store::Mode::Write).unwrap();
        for a in store::adequacy_list(&conn).unwrap() {
            for lang in [Lang::Fi, Lang::En] {
                assert!(
                    labels::country_name(&a.country, lang).is_some(),
                    "{} {lang}",
                    a.country
                );
            }
        }
    }

    #[test]
    fn an_empty_register_file_gives_every_register_with_its_declared_purposes() {
        let mut store = open();
        let conn = store.begin(crate::store::Mode::Write).unwrap();
        for lang in [Lang::Fi, Lang::En] {
            let n = build(&conn, day(), lang).unwrap();
            assert_eq!(n.registers.len(), 4);
            for r in &n.registers {
                // Nothing in use, but the declared purposes (issue #18).
                assert!(
                    r.purposes.is_empty() && r.bases.is_empty(),
                    "{}",
                    r.register
                );
                assert!(!r.declared.is_empty(), "{}", r.register);
                assert!(!r.recipient_categories.is_empty(), "{}", r.register);
                assert!(r.recipients.is_empty() && r.transfers.is_empty());
                let aml = r.register == "business";
                assert_eq!(
                    r.retention.text.len(),
                    if aml { 5 } else { 4 },
                    "{}",
                    r.register
                );
            }
            assert_eq!(n.controller.missing.len(), 6);
            assert!(!n.automated_decisions.profiling_in_use);
            assert!(n.activities.is_empty() && n.processors.is_empty());
            assert!(n.processor_role.is_none());
            assert_eq!(
                n.transfer_policy.adequacy_list_date.as_deref(),
                Some("2026-01")
            );
        }
    }
}
