//! The security measures (Art. 32) and what the notice says of automated
//! decisions and profiling (Art. 22).

use std::collections::BTreeMap;

use super::Measure;
use crate::domain::labels::{self, Lang};

pub(super) fn automated_text(registers: &[&str], purpose: Option<&str>, lang: Lang) -> Vec<String> {
    if registers.is_empty() {
        return vec![lang
            .pick(
                "Henkilötietoja ei käytetä automaattiseen päätöksentekoon eikä profilointiin: profilointia ei ole kirjattu minkään rekisterin käsittelyn tarkoitukseksi.",
                "Personal data are not used for automated decision-making or profiling: profiling is not recorded as a purpose of any register.",
            )
            .to_string()];
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
        lang.pick(
            "Profiloinnin perusteella ei tehdä automaattisia päätöksiä, joilla olisi rekisteröityä koskevia oikeusvaikutuksia tai jotka vaikuttaisivat häneen vastaavalla tavalla merkittävästi (tietosuoja-asetuksen 22 artikla).",
            "No automated decisions with legal or similarly significant effects on the data subject are based on the profiling (GDPR Art. 22).",
        )
        .to_string(),
        lang.pick(
            "Rekisteröity voi milloin tahansa vastustaa suoramarkkinointia varten tehtävää profilointia, minkä jälkeen hänen tietojaan ei enää profiloida tähän tarkoitukseen.",
            "The data subject may object at any time to profiling for direct marketing, after which their data are no longer profiled for it.",
        )
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
        title: lang.pick("Käyttöoikeudet", "Access control"),
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
            title: lang.pick("Lokitiedot", "Audit log"),
            text: {
                let base = lang.pick(
                    "Jokaisesta henkilötietojen hausta, katselusta, muutoksesta, luovutuksesta, viennistä ja poistosta sekä jokaisesta evätystä yrityksestä jää lokimerkintä: kuka, milloin ja mitä rekisterimerkintöjä toimenpide koski. Tietojen vientiä koskeva merkintä tallennetaan ennen kuin ensimmäinenkään tieto lähtee. Merkinnät on ketjutettu toisiinsa SHA-256-tiivisteillä, joten muutettu merkintä havaitaan tarkistuksessa. Lokiin ei tallenneta henkilötietojen sisältöä.",
                    "Every search, view, change, disclosure, export and erasure of personal data, and every refused attempt, leaves an audit entry: who, when and which records it concerned. The entry of an export is recorded before the first byte of data leaves. The entries are chained by SHA-256 hashes, so an altered entry is found by verification. The log holds no personal data values.",
                );
                let anchor = if checkpoint_log {
                    lang.pick(
                        " Jokainen toiminto lisää lokin tarkastuspisteen rekisterin ulkopuolella säilytettävään tiedostoon, joten myös jälkikäteen lyhennetty tai kokonaan uudelleen laskettu loki havaitaan.",
                        " Every command appends a checkpoint of the log to a file kept outside the register, so a log cut back or rewritten and re-hashed afterwards is found too.",
                    )
                } else {
                    lang.pick(
                        " Lokista voidaan ottaa tarkastuspisteitä rekisterin ulkopuolelle; vain niitä vasten havaitaan loki, josta on poistettu viimeisiä merkintöjä tai joka on laskettu kokonaan uudelleen.",
                        " Checkpoints of the log can be kept outside the register; only against them is a log found whose last entries were removed or that was rewritten and re-hashed.",
                    )
                };
                format!("{base}{anchor}")
            },
        },
        Measure {
            measure: "hetu",
            title: lang.pick("Henkilötunnus", "Personal identity code"),
            text: lang
                .pick(
                    "Henkilötunnusta käsitellään vain, kun rekisteröidyn yksiselitteinen yksilöinti on tarpeen (tietosuojalaki 1050/2018, 29 §). Henkilötunnus näytetään oletuksena peitettynä, ja jokainen sen näyttäminen kokonaan kirjataan lokiin.",
                    "The personal identity code is processed only where the data subject must be identified unambiguously (Data Protection Act 1050/2018, section 29). It is shown masked by default, and every time it is shown in full is logged.",
                )
                .to_string(),
        },
        Measure {
            measure: "erasure",
            title: lang.pick("Tietojen poistaminen", "Erasure"),
            text: lang
                .pick(
                    "Poistettavat tiedot ylikirjoitetaan rekisteritiedostossa ja sen lokitiedostossa (WAL), myös hakuhakemistossa, muutoshistoriassa ja henkilöä koskevien pyyntöjen vapaassa tekstissä; poisto epäonnistuu mieluummin kuin jättää tiedon tiedostoon. Poistosta jää vain kuitti, jossa ei ole henkilötietoja. Ennen poistoa otetuissa varmuuskopioissa tiedot säilyvät, kunnes kopio hävitetään; palautettaessa poisto tehdään uudelleen.",
                    "Erased data are overwritten in the register file and its write-ahead log, in its search index, correction history and the free text of the person's requests too; an erasure fails rather than leave a value in the file. An erasure leaves only a receipt without personal data. Backups made before the erasure keep the data until they are destroyed; a restore applies the erasure again.",
                )
                .to_string(),
        },
        Measure {
            measure: "file",
            title: lang.pick("Rekisteritiedosto", "Register file"),
            text: if sealed {
                lang.pick(
                    "Rekisteri on yksi tietokantatiedosto, joka luodaan niin, että vain sen omistaja voi lukea ja muuttaa sitä. Tiedosto, sen tapahtumaloki ja varmuuskopiot on salattu (AES-256, satunnainen avain); avaimen saa auki vain käyttäjän salasanalla (Argon2id), ja käytöstä poistetun käyttäjän salasana ei enää avaa rekisteriä eikä sen jälkeen tehtyjä varmuuskopioita. Rekisteristä tehtävät viennit ja varmuuskopiot luodaan aina uusina tiedostoina, joita vain omistaja voi lukea, eikä niillä koskaan korvata olemassa olevaa tiedostoa. Viedyt tiedostot (CSV, JSON) eivät ole salattuja.",
                    "The register is one database file, created readable and writable by its owner only. The file, its write-ahead log and its backups are encrypted (AES-256, a random key), and the key opens only with an operator's passphrase (Argon2id); a disabled operator's passphrase no longer opens the register or any backup made after. Exports and backups are always created as new files readable by their owner only, and never replace an existing file. Exported files (CSV, JSON) are not encrypted.",
                )
            } else {
                lang.pick(
                    "Rekisteri on yksi tietokantatiedosto, joka luodaan niin, että vain sen omistaja voi lukea ja muuttaa sitä. Tiedostoa ei toistaiseksi salata, joten se ja sen varmuuskopiot säilytetään salatulla levyllä. Rekisteristä tehtävät viennit ja varmuuskopiot luodaan aina uusina tiedostoina, joita vain omistaja voi lukea, eikä niillä koskaan korvata olemassa olevaa tiedostoa.",
                    "The register is one database file, created readable and writable by its owner only. The file is not yet encrypted, so it and its backups are kept on an encrypted disk. Exports and backups are always created as new files readable by their owner only, and never replace an existing file.",
                )
            }
            .to_string(),
        },
    ]
}
