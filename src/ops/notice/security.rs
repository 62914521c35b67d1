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
        match lang {
            Lang::Fi => format!(
                "Henkilötietoja käytetään profilointiin ({purpose}) seuraavissa rekistereissä: {list}."
            ),
            Lang::En => format!("Personal data are used for profiling ({purpose}) in: {list}."),
        },
        N::AutomatedDecisionsLegalSimilarly.text(lang)
        .to_string(),
        N::DataSubjectMayObject.text(lang)
        .to_string(),
    ]
}

/// Access control: roles, how an operator is verified, and how many
/// operators each role has.
fn access_control(operators: &BTreeMap<&'static str, i64>, sealed: bool, lang: Lang) -> Measure {
    let count = |role: &str| operators.get(role).copied().unwrap_or(0);
    let counts = ["admin", "staff", "auditor"]
        .iter()
        .map(|r| format!("{} {}", labels::role_counted(r, lang), count(r)))
        .collect::<Vec<_>>();
    let (who_fi, who_en) = if sealed {
        (
            "Jokainen käyttäjä tunnistetaan omalla salasanallaan: ilman sitä rekisteriä ei voi avata.",
            "Every operator is verified by their own passphrase: without it the register does not open.",
        )
    } else {
        (
            "Rekisteritiedoston voi lukea vain sen omistaja käyttöjärjestelmän oikeuksin; käyttäjän nimeä ei toistaiseksi varmenneta salasanalla, joten tiedoston omistajan tunnuksia ei jaeta.",
            "Only the file's owner may read the register file under the operating system's permissions; the operator's name is not yet verified by a passphrase, so the owner's login is not shared.",
        )
    };
    let counts = match lang {
        Lang::Fi => format!("{}, {} ja {}", counts[0], counts[1], counts[2]),
        Lang::En => format!("{}, {} and {}", counts[0], counts[1], counts[2]),
    };
    Measure {
        measure: "access-control",
        title: N::AccessControl.text(lang),
        text: match lang {
            Lang::Fi => format!(
                "Rekisteriä käytetään henkilökohtaisilla käyttäjätunnuksilla, ja käyttäjän rooli rajaa, mitä hän voi tehdä: pääkäyttäjä (kaikki toiminnot, myös tietojen pysyvä poistaminen ja käyttäjien hallinta), peruskäyttäjä (tietojen tallentaminen ja ylläpito) tai tarkastaja (vain lukuoikeus). Rooleja valvotaan jokaisessa toiminnossa, ja evätyt yritykset kirjataan lokiin. {who_fi} Käyttäjiä on nyt: {counts}."
            ),
            Lang::En => format!(
                "The register is used with personal operator accounts, and the operator's role limits what they may do: admin (everything, including permanent erasure and managing operators), staff (recording and maintaining data) or auditor (read only). Roles are enforced on every command, and refused attempts are logged. {who_en} Operators by role now: {counts}."
            ),
        },
    }
}

/// The security measures, each claiming only what privreg enforces
/// (issue #13): `checkpoint_log` says whether the register keeps a
/// checkpoint log outside itself.
pub(super) fn measures(
    operators: &BTreeMap<&'static str, i64>,
    checkpoint_log: bool,
    lang: Lang,
) -> Vec<Measure> {
    // What is enforced depends on the file: a sealed register verifies
    // every operator by passphrase and is encrypted (SPEC §7).
    let sealed = crate::seal::current_file_key().is_some();
    vec![
        access_control(operators, sealed, lang),
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
            text: N::ErasedDataOverwrittenRegister.text(lang).to_string(),
        },
        Measure {
            measure: "file",
            title: N::RegisterFile.text(lang),
            text: if sealed {
                N::RegisterOneDatabaseFile.text(lang)
            } else {
                N::RegisterOneDatabaseFile2.text(lang)
            }
            .to_string(),
        },
    ]
}
