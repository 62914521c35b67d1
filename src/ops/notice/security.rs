//! The security measures (Art. 32) and what the notice says of automated
//! decisions and profiling (Art. 22).

use std::collections::BTreeMap;

use super::Measure;
use crate::domain::labels::{self, Lang};
use crate::messages::N;

pub(super) fn automated_text(registers: &[&str], purpose: Option<&str>, lang: Lang) -> Vec<String> {
    if registers.is_empty() {
        return vec![N::PersonalDataNotUsed.text(lang).to_string()];
    }
    let list = registers.join(", ");
    let purpose = purpose.unwrap_or_default();
    vec![
        N::ProfilingIn.say_in(lang, &[&purpose, &list]),
        N::AutomatedDecisionsLegalSimilarly.text(lang).to_string(),
        N::DataSubjectMayObject.text(lang).to_string(),
    ]
}

/// How the register is kept, which decides what is enforced: a file
/// plain or sealed (SPEC §7), or a server (SPEC §8).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kept {
    Plain,
    Sealed,
    Server,
}

/// Access control: roles, how an operator is verified, and how many
/// operators each role has.
fn access_control(operators: &BTreeMap<&'static str, i64>, kept: Kept, lang: Lang) -> Measure {
    let count = |role: &str| operators.get(role).copied().unwrap_or(0);
    let counts = ["admin", "staff", "auditor"]
        .iter()
        .map(|r| format!("{} {}", labels::role_counted(r, lang), count(r)))
        .collect::<Vec<_>>();
    let who = match kept {
        Kept::Sealed => N::OperatorVerifiedByPassphrase,
        Kept::Plain => N::OnlyOwnerReadsFile,
        Kept::Server => N::OperatorIsServerLogin,
    };
    let counts = N::ThreeCounts.say_in(lang, &[&counts[0], &counts[1], &counts[2]]);
    Measure {
        measure: "access-control",
        title: N::AccessControl.text(lang),
        text: N::AccessControlText.say_in(lang, &[&who.text(lang), &counts]),
    }
}

/// The security measures, each claiming only what privreg enforces
/// (issue #13): `checkpoint_log` says whether the register keeps a
/// checkpoint log outside itself, `server` whether it is on a server.
pub(super) fn measures(
    operators: &BTreeMap<&'static str, i64>,
    checkpoint_log: bool,
    server: bool,
    lang: Lang,
) -> Vec<Measure> {
    // What is enforced depends on the kind: a sealed register verifies
    // every operator by passphrase and is encrypted (SPEC §7); a server
    // verifies its login roles and refuses what a role may not do, and
    // erases by rewriting the tables, but encrypts nothing of privreg's.
    let kept = if server {
        Kept::Server
    } else if crate::seal::current_file_key().is_some() {
        Kept::Sealed
    } else {
        Kept::Plain
    };
    vec![
        access_control(operators, kept, lang),
        Measure {
            measure: "audit-log",
            title: N::AuditLog.text(lang),
            text: {
                let base = N::EverySearchViewChange.text(lang);
                let anchor = if checkpoint_log {
                    N::EveryCommandAppendsCheckpoint.text(lang)
                } else {
                    N::CheckpointsLogCanKept.text(lang)
                };
                format!("{base}{anchor}")
            },
        },
        Measure {
            measure: "hetu",
            title: N::PersonalIdentityCode.text(lang),
            text: N::PersonalIdentityCodeProcessed.text(lang).to_string(),
        },
        Measure {
            measure: "erasure",
            title: N::Erasure.text(lang),
            text: match kept {
                Kept::Server => N::ErasedDataDeletedOnServer,
                _ => N::ErasedDataOverwrittenRegister,
            }
            .text(lang)
            .to_string(),
        },
        match kept {
            Kept::Server => Measure {
                measure: "server",
                title: N::RegisterOnServer.text(lang),
                text: N::RegisterOnServerText.text(lang).to_string(),
            },
            _ => Measure {
                measure: "file",
                title: N::RegisterFile.text(lang),
                text: match kept {
                    Kept::Sealed => N::RegisterOneDatabaseFile,
                    _ => N::RegisterOneDatabaseFile2,
                }
                .text(lang)
                .to_string(),
            },
        },
    ]
}
