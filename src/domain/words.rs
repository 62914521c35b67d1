//! Codes in words, for letters: request kinds and states, marketing
//! channels, purposes and preferences, holds, legal bases, the registers,
//! and the Swedish names of fields, bases, laws and recipients (the
//! Finnish and English ones are in `domain::labels`, which the notice
//! shares). A code privreg does not know reads as itself.

use super::basis::Basis;
use super::labels;
use super::register::Register;
use crate::messages::Lang;

type Words = (&'static str, &'static str, &'static str, &'static str);

fn find(table: &[Words], code: &str, lang: Lang) -> Option<&'static str> {
    table
        .iter()
        .find(|(c, ..)| *c == code)
        .map(|&(_, fi, sv, en)| lang.pick(fi, sv, en))
}

/// A table's words for `code`, or the code itself.
fn word(table: &[Words], code: &str, lang: Lang) -> String {
    find(table, code, lang).map_or_else(|| code.to_string(), str::to_string)
}

const REQUEST_KINDS: &[Words] = &[
    ("access", "tarkastuspyyntö", "begäran om tillgång", "access"),
    (
        "rectification",
        "oikaisupyyntö",
        "begäran om rättelse",
        "rectification",
    ),
    ("erasure", "poistopyyntö", "begäran om radering", "erasure"),
    (
        "restriction",
        "käsittelyn rajoittaminen",
        "begränsning av behandling",
        "restriction",
    ),
    (
        "portability",
        "tietojen siirto",
        "dataportabilitet",
        "data portability",
    ),
    ("objection", "vastustaminen", "invändning", "objection"),
];

const REQUEST_STATES: &[Words] = &[
    ("open", "käsittelyssä", "under behandling", "open"),
    ("closed", "käsitelty", "behandlad", "closed"),
    ("fulfilled", "toteutettu", "verkställd", "fulfilled"),
    ("refused", "hylätty", "avslagen", "refused"),
    (
        "partial",
        "osittain toteutettu",
        "delvis verkställd",
        "partly fulfilled",
    ),
];

const CHANNELS: &[Words] = &[
    ("email", "sähköposti", "e-post", "e-mail"),
    ("sms", "tekstiviesti", "sms", "text message"),
    ("phone", "puhelin", "telefon", "phone"),
    ("post", "kirje", "brev", "post"),
    ("all", "kaikki kanavat", "alla kanaler", "all channels"),
];

const MARKETING_PURPOSES: &[Words] = &[
    (
        "marketing",
        "suoramarkkinointi",
        "direktmarknadsföring",
        "direct marketing",
    ),
    (
        "remote-selling",
        "etämyynti",
        "distansförsäljning",
        "remote selling",
    ),
    (
        "market-research",
        "markkina- ja mielipidetutkimus",
        "marknads- och opinionsundersökningar",
        "market and opinion research",
    ),
    ("profiling", "profilointi", "profilering", "profiling"),
    ("all", "kaikki tarkoitukset", "alla ändamål", "all purposes"),
];

const PREFERENCES: &[Words] = &[
    ("consent", "lupa", "samtycke", "consent"),
    (
        "withdrawal",
        "luvan peruutus",
        "återkallat samtycke",
        "consent withdrawn",
    ),
    (
        "suppression",
        "kielto (poiston jälkeen)",
        "förbud (bevarat efter radering)",
        "objection (kept after an erasure)",
    ),
    ("optout", "kielto", "förbud", "objection"),
];

/// A request's kind (`access` …) in words.
pub fn request_kind(code: &str, lang: Lang) -> String {
    word(REQUEST_KINDS, code, lang)
}

/// A request's state or outcome (`open`, `fulfilled` …) in words.
pub fn request_state(code: &str, lang: Lang) -> String {
    word(REQUEST_STATES, code, lang)
}

/// A marketing channel in words.
pub fn channel(code: &str, lang: Lang) -> String {
    word(CHANNELS, code, lang)
}

/// A marketing purpose in words.
pub fn marketing_purpose(code: &str, lang: Lang) -> String {
    word(MARKETING_PURPOSES, code, lang)
}

/// A marketing preference (`consent`, `optout` …) in words.
pub fn preference(code: &str, lang: Lang) -> String {
    find(PREFERENCES, code, lang)
        .unwrap_or(lang.pick("kielto", "förbud", "objection"))
        .to_string()
}

/// Why a hold keeps a record, by its kind and register; `None` for a kind
/// whose reason is its own text (a manual hold's).
pub fn hold(kind: &str, register: Option<Register>, lang: Lang) -> Option<&'static str> {
    Some(match (kind, register) {
        ("active", Some(Register::Employee)) => lang.pick(
            "työsuhde on voimassa",
            "anställningen pågår",
            "the employment is active",
        ),
        ("active", Some(Register::Recruitment)) => lang.pick(
            "hakemusta ei ole vielä ratkaistu",
            "ansökan har ännu inte avgjorts",
            "the application has not been decided",
        ),
        ("active", _) => lang.pick(
            "asiakkuus tai palvelussuhde on voimassa",
            "kundrelationen eller anställningen pågår",
            "the relationship is still active",
        ),
        ("aml", _) => lang.pick(
            "rahanpesulain (444/2017) mukainen velvollisuus säilyttää asiakkaan tuntemistiedot viisi vuotta asiakkuuden päättymisestä",
            "skyldigheten enligt lagen om förhindrande av penningtvätt (444/2017) att bevara uppgifterna om kundkännedom i fem år efter att kundrelationen upphört",
            "the duty under the AML Act 444/2017 to keep due-diligence data five years after the relationship ended",
        ),
        ("employment", _) => lang.pick(
            "työtodistuksen voi pyytää kymmenen vuoden ajan työsuhteen päättymisestä (työsopimuslaki 55/2001)",
            "ett arbetsintyg kan begäras inom tio år efter att anställningen upphört (arbetsavtalslagen 55/2001)",
            "a certificate of employment may be asked for within ten years of the end (Employment Contracts Act 55/2001)",
        ),
        ("recruitment", _) => lang.pick(
            "syrjintää koskevan kanteen määräaika on vuosi päätöksestä",
            "talan om diskriminering ska väckas inom ett år från beslutet",
            "a discrimination claim may be brought within a year of the decision",
        ),
        _ => return None,
    })
}

/// A register's title and where its data comes from, in Swedish (the
/// Finnish and English texts are in the register file, `schema.sql`).
pub fn register_sv(register: Register) -> (&'static str, &'static str) {
    match register {
        Register::Customer => (
            "Kund- och marknadsföringsregister",
            "den registrerade själv: webbformulär, e-post, telefon, avtal och kundmöten",
        ),
        Register::Business => (
            "Register över företagskunder och deras beslutsfattare",
            "den registrerade och hens organisation; handelsregistret och andra offentliga källor för kundkännedom",
        ),
        Register::Employee => (
            "Personalregister",
            "den anställda själv; Skatteförvaltningen för skatteuppgifterna",
        ),
        Register::Recruitment => (
            "Rekryteringsregister",
            "den sökande själv: ansökan, meritförteckning och intervjuer; referenser som den sökande har uppgett",
        ),
    }
}

/// The Swedish titles of the purposes privreg comes with; a purpose the
/// firm added has only its Finnish and English titles.
pub fn purpose_sv(name: &str) -> Option<&'static str> {
    Some(match name {
        "customer-relationship" => "skötsel av kundrelationen",
        "billing" => "fakturering",
        "debt-collection" => "indrivning av fordringar",
        "marketing" => "direktmarknadsföring av egna tjänster och samarbetspartners tjänster",
        "remote-selling" => "distansförsäljning",
        "market-research" => "marknads- och opinionsundersökningar",
        "profiling" => "profilering för relevanta erbjudanden",
        "customer-acquisition" => "anskaffning av nya kunder",
        "aml-due-diligence" => "kundkännedom enligt lagen om förhindrande av penningtvätt 444/2017",
        "employment" => "skötsel av anställningsförhållandet",
        "payroll" => "löneutbetalning och beskattning",
        "recruitment" => "rekrytering och bedömning av sökande",
        "security" => "informationssäkerhet och förebyggande av missbruk",
        "support" => "kundtjänst",
        _ => return None,
    })
}

/// A legal basis (Art. 6(1)) in words.
pub fn basis_title(basis: Basis, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => match basis {
            Basis::Consent => "den registrerades samtycke",
            Basis::Contract => "fullgörande av ett avtal",
            Basis::LegalObligation => {
                "fullgörande av en rättslig förpliktelse som åvilar den personuppgiftsansvarige"
            }
            Basis::VitalInterest => {
                "skydd av den registrerades eller en annan persons grundläggande intressen"
            }
            Basis::PublicTask => "utförande av en uppgift av allmänt intresse",
            Basis::LegitimateInterest => "den personuppgiftsansvariges berättigade intresse",
        },
        _ => labels::basis_title(basis, doc(lang)),
    }
}

const LAWS_SV: &[(&str, &str)] = &[
    (
        super::basis::AML_LAW,
        "lagen om förhindrande av penningtvätt och av finansiering av terrorism 444/2017",
    ),
    ("Accounting Act 1336/1997", "bokföringslagen 1336/1997"),
    (
        "Employment Contracts Act 55/2001",
        "arbetsavtalslagen 55/2001",
    ),
    (
        "Employment Contracts Act 55/2001, chapter 2",
        "arbetsavtalslagen 55/2001, 2 kap.",
    ),
    ("Data Protection Act 1050/2018", "dataskyddslagen 1050/2018"),
];

/// A recorded law in the language, where its translation is known.
pub fn law(recorded: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => LAWS_SV
            .iter()
            .find(|(en, _)| en.eq_ignore_ascii_case(recorded.trim()))
            .map_or(recorded, |&(_, sv)| sv)
            .to_string(),
        _ => labels::law(recorded, doc(lang)).to_string(),
    }
}

/// A category of recipients in words.
pub fn recipient_category(category: &str, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => match category {
            "authority" => "myndigheter",
            "debt-collection" => "inkassobolag",
            "processor" => "personuppgiftsbiträden som behandlar uppgifterna för den personuppgiftsansvariges räkning",
            "business-transfer" => "parter i en företagsöverlåtelse eller omstrukturering",
            _ => "andra mottagare",
        },
        _ => labels::recipient_category(category, doc(lang)),
    }
}

/// Each field's Swedish label, lower case (as `domain::labels` has the
/// Finnish and English ones).
const FIELDS_SV: &[(&str, &str)] = &[
    ("first_name", "förnamn"),
    ("last_name", "efternamn"),
    ("hetu", "personbeteckning"),
    ("birth_date", "födelsedatum"),
    ("birth_place", "födelseort"),
    ("nationality", "medborgarskap"),
    ("email", "e-postadress"),
    ("phone", "telefonnummer"),
    ("language", "kontaktspråk"),
    ("street", "gatuadress"),
    ("postal_code", "postnummer"),
    ("city", "postanstalt"),
    ("country", "land"),
    ("customer_number", "kundnummer"),
    ("relationship_start", "kundrelationens början"),
    ("relationship_start_manner", "hur kundrelationen uppstod"),
    ("relationship_end", "kundrelationens slut"),
    ("relationship_end_manner", "hur kundrelationen upphörde"),
    ("username", "användarnamn"),
    ("organisation", "organisationens namn"),
    ("business_id", "organisationens FO-nummer"),
    ("role", "ställning i organisationen"),
    ("aml_identified_on", "datum för identifieringen"),
    (
        "aml_id_document",
        "identitetshandling som använts vid identifieringen",
    ),
    ("aml_pep", "uppgift om politiskt utsatt ställning"),
    ("aml_risk", "riskklassificering"),
    ("employment_start", "anställningens början"),
    ("employment_end", "anställningens slut"),
    ("employment_end_manner", "hur anställningen upphörde"),
    ("employment_type", "anställningsform"),
    ("job_title", "befattning"),
    ("tax_number", "skattenummer"),
    ("position", "sökt befattning"),
    ("applied_on", "ansökningsdatum"),
    ("application_status", "ansökans behandlingsskede"),
    ("decided_on", "datum för beslutet"),
    ("references", "referenser"),
    ("work_history", "arbetshistorik"),
    (
        "assessment_summary",
        "sammandrag av intervjuer och bedömningar",
    ),
];

/// A field's label in the language.
pub fn field_label(field: &str, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => FIELDS_SV
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("övriga uppgifter", |&(_, sv)| sv),
        _ => labels::label(field, doc(lang)),
    }
}

fn doc(lang: Lang) -> labels::Lang {
    lang.document()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_swedish_label() {
        for r in Register::ALL {
            for f in crate::domain::fields::fields(r) {
                assert!(
                    FIELDS_SV.iter().any(|(n, _)| *n == f.name),
                    "{} has no Swedish label",
                    f.name
                );
            }
        }
    }

    #[test]
    fn codes_read_in_each_language_and_unknown_ones_as_themselves() {
        assert_eq!(request_kind("access", Lang::Fi), "tarkastuspyyntö");
        assert_eq!(request_state("open", Lang::Sv), "under behandling");
        assert_eq!(channel("email", Lang::En), "e-mail");
        assert_eq!(channel("pigeon", Lang::Fi), "pigeon");
        assert_eq!(
            law("Accounting Act 1336/1997", Lang::Sv),
            "bokföringslagen 1336/1997"
        );
        assert_eq!(field_label("hetu", Lang::Fi), "henkilötunnus");
    }
}
