//! The data subject's rights (GDPR Art. 7(3), 15–22, 77): which there are
//! and the article of each. Their words, in Finnish, Swedish and English,
//! are below; the notice, the access report and the
//! letters all list them from here, so they cannot drift apart.

use crate::messages::Lang;

/// A right of the data subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    Access,
    Rectification,
    Erasure,
    Restriction,
    Portability,
    Objection,
    Automated,
    WithdrawConsent,
    Complaint,
}

impl Right {
    /// Every right, in the order the notice and the letters list them.
    pub const ALL: [Right; 9] = [
        Right::Access,
        Right::Rectification,
        Right::Erasure,
        Right::Restriction,
        Right::Portability,
        Right::Objection,
        Right::Automated,
        Right::WithdrawConsent,
        Right::Complaint,
    ];

    /// Its name in JSON (`right`).
    pub fn name(self) -> &'static str {
        match self {
            Right::Access => "access",
            Right::Rectification => "rectification",
            Right::Erasure => "erasure",
            Right::Restriction => "restriction",
            Right::Portability => "portability",
            Right::Objection => "objection",
            Right::Automated => "automated-decisions",
            Right::WithdrawConsent => "withdraw-consent",
            Right::Complaint => "complaint",
        }
    }

    /// The article of the GDPR that gives it.
    pub fn article(self) -> &'static str {
        match self {
            Right::Access => "15",
            Right::Rectification => "16",
            Right::Erasure => "17",
            Right::Restriction => "18",
            Right::Portability => "20",
            Right::Objection => "21",
            Right::Automated => "22",
            Right::WithdrawConsent => "7(3)",
            Right::Complaint => "77",
        }
    }
}

/// Each right's title and what it means for the person, each in Finnish,
/// Swedish and English; in the order of [`Right::ALL`] (a test checks it).
#[rustfmt::skip]
const WORDS: [(Right, [&str; 3], [&str; 3]); 9] = [
    (Right::Access, ["Oikeus saada pääsy tietoihin (tarkastusoikeus)", "Rätt till tillgång (rätt till insyn)", "Right of access"], ["Rekisteröidyllä on oikeus saada tietää, käsitelläänkö hänen henkilötietojaan, ja saada jäljennös tiedoistaan sekä tiedot käsittelyn tarkoituksista, vastaanottajista ja säilytysajasta.", "Den registrerade har rätt att få veta om hens personuppgifter behandlas och att få en kopia av uppgifterna samt information om ändamålen med behandlingen, mottagarna och lagringstiden.", "The data subject has the right to know whether their personal data are processed, and to get a copy of them together with the purposes, recipients and retention period of the processing."]),
    (Right::Rectification, ["Oikeus tietojen oikaisemiseen", "Rätt till rättelse", "Right to rectification"], ["Rekisteröidyllä on oikeus vaatia virheellisten tietojensa oikaisemista ja puutteellisten tietojensa täydentämistä. Oikaisusta ilmoitetaan niille vastaanottajille, joille tietoja on luovutettu (19 artikla).", "Den registrerade har rätt att kräva att felaktiga uppgifter rättas och att ofullständiga uppgifter kompletteras. De mottagare som uppgifterna har lämnats ut till underrättas om rättelsen (artikel 19).", "The data subject has the right to have inaccurate data rectified and incomplete data completed. Recipients to whom the data were disclosed are told of the rectification (Art. 19)."]),
    (Right::Erasure, ["Oikeus tietojen poistamiseen", "Rätt till radering", "Right to erasure"], ["Rekisteröidyllä on oikeus vaatia tietojensa poistamista esimerkiksi silloin, kun niitä ei enää tarvita käsittelyn tarkoituksiin tai hän peruuttaa suostumuksensa. Tietoja ei voida poistaa, jos laki velvoittaa säilyttämään ne (ks. säilytysajat).", "Den registrerade har rätt att kräva att hens uppgifter raderas, till exempel när de inte längre behövs för ändamålen med behandlingen eller när hen återkallar sitt samtycke. Uppgifter som lagen kräver att bevaras kan inte raderas förrän den tiden har gått ut (se lagringstider).", "The data subject has the right to have their data erased, for example when they are no longer needed for their purposes or consent is withdrawn. Data that the law requires to be kept cannot be erased before that time (see retention)."]),
    (Right::Restriction, ["Oikeus käsittelyn rajoittamiseen", "Rätt till begränsning av behandling", "Right to restriction of processing"], ["Rekisteröidyllä on oikeus vaatia, että hänen tietojensa käsittelyä rajoitetaan esimerkiksi siksi aikaa, kun tietojen paikkansapitävyyttä selvitetään. Rajoitettuja tietoja vain säilytetään.", "Den registrerade har rätt att kräva att behandlingen av hens uppgifter begränsas, till exempel medan det utreds om uppgifterna är korrekta. Uppgifter vars behandling har begränsats får endast lagras.", "The data subject has the right to have processing restricted, for example while the accuracy of the data is checked. Restricted data are only stored."]),
    (Right::Portability, ["Oikeus siirtää tiedot järjestelmästä toiseen", "Rätt till dataportabilitet", "Right to data portability"], ["Kun käsittely perustuu suostumukseen tai sopimukseen, rekisteröidyllä on oikeus saada itse toimittamansa tiedot jäsennellyssä, yleisesti käytetyssä ja koneellisesti luettavassa muodossa ja siirtää ne toiselle rekisterinpitäjälle.", "När behandlingen grundar sig på samtycke eller avtal har den registrerade rätt att få de uppgifter hen själv har lämnat i ett strukturerat, allmänt använt och maskinläsbart format och att överföra dem till en annan personuppgiftsansvarig.", "Where processing is based on consent or a contract, the data subject has the right to receive the data they provided in a structured, commonly used and machine-readable format and to give them to another controller."]),
    (Right::Objection, ["Vastustamisoikeus", "Rätt att göra invändningar", "Right to object"], ["Rekisteröidyllä on oikeus henkilökohtaiseen erityiseen tilanteeseensa liittyvällä perusteella vastustaa käsittelyä, joka perustuu rekisterinpitäjän oikeutettuun etuun. Suoramarkkinointia, etämyyntiä, markkina- ja mielipidetutkimusta sekä suoramarkkinointiin liittyvää profilointia rekisteröity voi kieltää milloin tahansa ja syytä ilmoittamatta; kiellon jälkeen hänen tietojaan ei enää käytetä näihin tarkoituksiin. Jokaisessa markkinointiviestissä on helppo ja maksuton tapa kieltää viestit.", "Den registrerade har rätt att av skäl som hänför sig till hens speciella situation invända mot behandling som grundar sig på den personuppgiftsansvariges berättigade intresse. Direktmarknadsföring, distansförsäljning, marknads- och opinionsundersökningar samt profilering för direktmarknadsföring kan den registrerade när som helst förbjuda utan att ange skäl; därefter används uppgifterna inte längre för dessa ändamål. Varje marknadsföringsmeddelande erbjuder ett enkelt och avgiftsfritt sätt att avböja meddelanden.", "The data subject has the right to object, on grounds relating to their particular situation, to processing based on the controller's legitimate interests. Direct marketing, remote selling, market and opinion research and profiling for direct marketing can be refused at any time without giving a reason; after that the data are no longer used for them. Every marketing message offers an easy, free way to opt out."]),
    (Right::Automated, ["Oikeus olla joutumatta automaattisen päätöksenteon kohteeksi", "Rätt att inte bli föremål för automatiserat beslutsfattande", "Right not to be subject to automated decisions"], ["Rekisteröidyllä on oikeus olla joutumatta sellaisen päätöksen kohteeksi, joka perustuu pelkästään automaattiseen käsittelyyn, kuten profilointiin, ja jolla on häntä koskevia oikeusvaikutuksia tai joka vaikuttaa häneen vastaavalla tavalla merkittävästi.", "Den registrerade har rätt att inte bli föremål för ett beslut som enbart grundar sig på automatiserad behandling, inbegripet profilering, och som har rättsliga följder för hen eller på liknande sätt i betydande grad påverkar hen.", "The data subject has the right not to be subject to a decision based solely on automated processing, including profiling, which produces legal effects concerning them or similarly significantly affects them."]),
    (Right::WithdrawConsent, ["Oikeus peruuttaa suostumus", "Rätt att återkalla samtycke", "Right to withdraw consent"], ["Kun käsittely perustuu suostumukseen, rekisteröity voi peruuttaa suostumuksensa milloin tahansa. Peruuttaminen ei vaikuta ennen peruuttamista tapahtuneen käsittelyn lainmukaisuuteen.", "När behandlingen grundar sig på samtycke kan den registrerade när som helst återkalla sitt samtycke. Återkallelsen påverkar inte lagligheten av behandlingen före återkallelsen.", "Where processing is based on consent, the data subject may withdraw it at any time. Withdrawal does not affect the lawfulness of the processing before it."]),
    (Right::Complaint, ["Oikeus tehdä valitus valvontaviranomaiselle", "Rätt att lämna in klagomål till en tillsynsmyndighet", "Right to lodge a complaint with a supervisory authority"], ["Rekisteröidyllä on oikeus tehdä valitus tietosuojavaltuutetulle, jos hän katsoo, että hänen henkilötietojensa käsittelyssä rikotaan tietosuojasääntelyä (Tietosuojavaltuutetun toimisto, PL 800, 00531 Helsinki, tietosuoja.fi).", "Den registrerade har rätt att lämna in ett klagomål till dataombudsmannen om hen anser att behandlingen av hens personuppgifter strider mot dataskyddsbestämmelserna (Dataombudsmannens byrå, PB 800, 00531 Helsingfors, tietosuoja.fi).", "The data subject has the right to lodge a complaint with the Data Protection Ombudsman if they consider that the processing of their personal data infringes data protection law (Office of the Data Protection Ombudsman, PO Box 800, 00531 Helsinki, Finland, tietosuoja.fi)."]),
];

/// A right's title, e.g. "Right of access".
pub fn title(right: Right, lang: Lang) -> &'static str {
    let [fi, sv, en] = WORDS[right as usize].1;
    lang.pick(fi, sv, en)
}

/// What a right means for the person.
pub fn text(right: Right, lang: Lang) -> &'static str {
    let [fi, sv, en] = WORDS[right as usize].2;
    lang.pick(fi, sv, en)
}

/// The rights as JSON rows (`right`, `article`, `title`, `text`), for the
/// access report.
pub fn json(lang: Lang) -> Vec<serde_json::Value> {
    Right::ALL
        .iter()
        .map(|r| {
            serde_json::json!({
                "right": r.name(),
                "article": r.article(),
                "title": title(*r, lang),
                "text": text(*r, lang),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_stand_in_the_order_of_the_rights() {
        for (i, r) in Right::ALL.iter().enumerate() {
            assert_eq!(WORDS[i].0, *r);
        }
    }

    #[test]
    fn each_right_has_words_in_each_language() {
        for r in Right::ALL {
            let titles = [Lang::Fi, Lang::Sv, Lang::En].map(|l| title(r, l));
            assert!(titles[0] != titles[1] && titles[1] != titles[2], "{r:?}");
            for l in [Lang::Fi, Lang::Sv, Lang::En] {
                assert!(text(r, l).len() > 40, "{r:?} {l}");
            }
        }
    }
}
