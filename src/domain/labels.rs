//! Human-readable names, in Finnish and English, for what the privacy
//! notice prints: each field of each register, the groups the fields fall
//! into, the legal bases, the categories of recipients and the countries of
//! the adequacy list. Pure text: no SQL, no printing.

use std::fmt;
use std::str::FromStr;

use super::basis::{Basis, AML_LAW};
use super::ValueError;

/// The language a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::En => "en",
        }
    }

    /// The Finnish or the English text, by the language.
    pub fn pick<'a>(self, fi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fi => fi,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "fi" | "suomi" | "finnish" => Ok(Lang::Fi),
            "en" | "english" => Ok(Lang::En),
            _ => Err(ValueError::new("expected fi or en")),
        }
    }
}

/// The messages' language and the documents': the notice, the record of
/// processing and the Ombudsman's form are written only in Finnish and
/// English (kept here so that `messages` need not know `domain`).
impl crate::messages::Lang {
    /// The language of a document written only in Finnish and English.
    /// Swedish gets the Finnish original.
    pub fn document(self) -> Lang {
        match self {
            crate::messages::Lang::En => Lang::En,
            crate::messages::Lang::Fi | crate::messages::Lang::Sv => Lang::Fi,
        }
    }
}

impl From<Lang> for crate::messages::Lang {
    fn from(l: Lang) -> crate::messages::Lang {
        match l {
            Lang::Fi => crate::messages::Lang::Fi,
            Lang::En => crate::messages::Lang::En,
        }
    }
}

impl FromStr for crate::messages::Lang {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        use crate::messages::Lang as L;
        match s.trim().to_lowercase().as_str() {
            "fi" | "suomi" | "finnish" => Ok(L::Fi),
            "sv" | "svenska" | "swedish" | "ruotsi" => Ok(L::Sv),
            "en" | "english" => Ok(L::En),
            _ => Err(ValueError::new(crate::messages::M::ExpectedLang)),
        }
    }
}

/// Each field's label as `field<TAB>Finnish<TAB>English`. Lower case:
/// the notice lists them inside a sentence.
const LABELS: Table = Table(include_str!("labels/fields.tsv"));

/// A translation table kept as a data file (`labels/`): one row per line,
/// a key and its Finnish and English words separated by tabs. Words for a
/// document are data a translator edits, not code to read; the tests
/// check every file's form.
#[derive(Debug, Clone, Copy)]
struct Table(&'static str);

impl Table {
    /// The rows as (key, Finnish, English).
    fn rows(self) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
        crate::messages::table_rows(self.0).map(|[key, fi, en]| (key, fi, en))
    }

    /// The words of the row whose key `matches`, in the language.
    fn find(self, matches: impl Fn(&str) -> bool, lang: Lang) -> Option<&'static str> {
        self.rows()
            .find(|(key, _, _)| matches(key))
            .map(|(_, fi, en)| lang.pick(fi, en))
    }
}

/// The field's label, or `None` for a name that is no field.
pub fn try_label(field: &str, lang: Lang) -> Option<&'static str> {
    LABELS.find(|name| name == field, lang)
}

/// The field's label in the language. A name that is no field of any
/// register (a test makes sure every field has one) reads as "other data".
pub fn label(field: &str, lang: Lang) -> &'static str {
    try_label(field, lang).unwrap_or(lang.pick("muut tiedot", "other data"))
}

/// The groups a register's data falls into, in the order the notice lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Identity,
    Contact,
    Customer,
    Organisation,
    DueDiligence,
    Employment,
    Tax,
    Application,
    Assessment,
}

impl Group {
    pub const ALL: [Group; 9] = [
        Group::Identity,
        Group::Contact,
        Group::Customer,
        Group::Organisation,
        Group::DueDiligence,
        Group::Employment,
        Group::Tax,
        Group::Application,
        Group::Assessment,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Group::Identity => "identity",
            Group::Contact => "contact",
            Group::Customer => "customer-relationship",
            Group::Organisation => "organisation",
            Group::DueDiligence => "due-diligence",
            Group::Employment => "employment",
            Group::Tax => "tax",
            Group::Application => "application",
            Group::Assessment => "assessment",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Group::Identity => lang.pick("henkilön perustiedot", "identification details"),
            Group::Contact => lang.pick("yhteystiedot", "contact details"),
            Group::Customer => lang.pick("asiakkuutta koskevat tiedot", "customer relationship"),
            Group::Organisation => lang.pick(
                "organisaatio ja asema siinä",
                "organisation and the person's role in it",
            ),
            Group::DueDiligence => lang.pick(
                "asiakkaan tuntemistiedot (rahanpesulaki 444/2017)",
                "customer due diligence (AML Act 444/2017)",
            ),
            Group::Employment => lang.pick("työsuhdetta koskevat tiedot", "employment details"),
            Group::Tax => lang.pick("verotustiedot", "tax details"),
            Group::Application => lang.pick("hakemusta koskevat tiedot", "application details"),
            Group::Assessment => lang.pick(
                "hakijan ilmoittamat ja arvioinnissa syntyvät tiedot",
                "what the applicant told and what the assessment produced",
            ),
        }
    }
}

/// The group a field belongs to, or `None` for a name that is no field.
pub fn group(field: &str) -> Option<Group> {
    Some(match field {
        "first_name" | "last_name" | "hetu" | "birth_date" | "birth_place" | "nationality" => {
            Group::Identity
        }
        "email" | "phone" | "language" | "street" | "postal_code" | "city" | "country" => {
            Group::Contact
        }
        "customer_number"
        | "relationship_start"
        | "relationship_start_manner"
        | "relationship_end"
        | "relationship_end_manner"
        | "username" => Group::Customer,
        "organisation" | "business_id" | "role" => Group::Organisation,
        "aml_identified_on" | "aml_id_document" | "aml_pep" | "aml_risk" => Group::DueDiligence,
        "employment_start"
        | "employment_end"
        | "employment_end_manner"
        | "employment_type"
        | "job_title" => Group::Employment,
        "tax_number" => Group::Tax,
        "position" | "applied_on" | "application_status" | "decided_on" => Group::Application,
        "references" | "work_history" | "assessment_summary" => Group::Assessment,
        _ => return None,
    })
}

/// A legal basis as the notice names it.
pub fn basis_title(basis: Basis, lang: Lang) -> &'static str {
    match basis {
        Basis::Consent => lang.pick("rekisteröidyn suostumus", "consent of the data subject"),
        Basis::Contract => lang.pick("sopimuksen täytäntöönpano", "performance of a contract"),
        Basis::LegalObligation => lang.pick(
            "rekisterinpitäjän lakisääteisen velvoitteen noudattaminen",
            "compliance with a legal obligation of the controller",
        ),
        Basis::VitalInterest => lang.pick(
            "rekisteröidyn tai toisen henkilön elintärkeän edun suojaaminen",
            "protection of the vital interests of the data subject or another person",
        ),
        Basis::PublicTask => lang.pick(
            "yleistä etua koskevan tehtävän suorittaminen",
            "performance of a task carried out in the public interest",
        ),
        Basis::LegitimateInterest => lang.pick(
            "rekisterinpitäjän oikeutettu etu",
            "legitimate interests of the controller",
        ),
    }
}

/// The point of the GDPR a basis rests on, as a citation in the language:
/// "6 artiklan 1 kohdan b alakohta" or "Art. 6(1)(b)".
pub fn basis_article(basis: Basis, lang: Lang) -> String {
    let letter = basis
        .article()
        .trim_end_matches(')')
        .rsplit('(')
        .next()
        .unwrap_or_default();
    match lang {
        Lang::Fi => format!("tietosuoja-asetuksen 6 artiklan 1 kohdan {letter} alakohta"),
        Lang::En => format!("GDPR Art. {}", basis.article()),
    }
}

/// Laws recorded in English (the `aml` shorthand, DOMAIN §4) by their
/// Finnish names; any other text is printed as it was recorded.
const LAWS: &[(&str, &str)] = &[
    (
        AML_LAW,
        "laki rahanpesun ja terrorismin rahoittamisen estämisestä 444/2017",
    ),
    ("Accounting Act 1336/1997", "kirjanpitolaki 1336/1997"),
    ("Employment Contracts Act 55/2001", "työsopimuslaki 55/2001"),
    (
        "Employment Contracts Act 55/2001, chapter 2",
        "työsopimuslaki 55/2001, 2 luku",
    ),
    ("Data Protection Act 1050/2018", "tietosuojalaki 1050/2018"),
];

/// A recorded law in the language, where its translation is known.
pub fn law(recorded: &str, lang: Lang) -> &str {
    match lang {
        Lang::En => recorded,
        Lang::Fi => LAWS
            .iter()
            .find(|(en, _)| en.eq_ignore_ascii_case(recorded.trim()))
            .map_or(recorded, |(_, fi)| fi),
    }
}

/// A category of recipients of the disclosure log (SPEC `disclose`).
pub fn recipient_category(category: &str, lang: Lang) -> &'static str {
    match category {
        "authority" => lang.pick("viranomaiset", "public authorities"),
        "debt-collection" => lang.pick("perintäyhtiöt", "debt collection agencies"),
        "processor" => lang.pick(
            "henkilötietojen käsittelijät, jotka käsittelevät tietoja rekisterinpitäjän lukuun",
            "processors acting on the controller's behalf",
        ),
        "business-transfer" => lang.pick(
            "yritysjärjestelyn osapuolet",
            "parties to a sale or reorganisation of the business",
        ),
        _ => lang.pick("muut vastaanottajat", "other recipients"),
    }
}

/// The role of an operator as the notice counts them: "pääkäyttäjiä 2"
/// (Finnish partitive plural), "admin 2".
pub fn role_counted(role: &str, lang: Lang) -> &'static str {
    match role {
        "admin" => lang.pick("pääkäyttäjiä", "admin"),
        "staff" => lang.pick("peruskäyttäjiä", "staff"),
        _ => lang.pick("tarkastajia", "auditor"),
    }
}

/// Countries outside the EU/EEA that the notice may name (the adequacy
/// list of DOMAIN §8), and Finland, where most processors are, as
/// `code<TAB>Finnish<TAB>English`.
const COUNTRIES: Table = Table(include_str!("labels/countries.tsv"));

/// A country's name in the language, where the notice knows it.
pub fn country_name(code: &str, lang: Lang) -> Option<&'static str> {
    COUNTRIES.find(|c| c.eq_ignore_ascii_case(code), lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::fields;
    use crate::domain::register::Register;

    #[test]
    fn every_field_of_every_register_has_a_label_in_both_languages() {
        for register in Register::ALL {
            for f in fields(register) {
                for lang in [Lang::Fi, Lang::En] {
                    let l = try_label(f.name, lang)
                        .unwrap_or_else(|| panic!("{register}.{} has no {lang} label", f.name));
                    assert!(!l.trim().is_empty(), "{register}.{} {lang}", f.name);
                    assert!(!l.contains('_'), "{register}.{} {lang}: {l}", f.name);
                }
                assert!(
                    group(f.name).is_some(),
                    "{register}.{} has no group",
                    f.name
                );
            }
        }
    }

    #[test]
    fn finnish_labels_are_finnish() {
        // Words that are the same in both languages are few; most differ.
        let same: Vec<&str> = LABELS
            .rows()
            .filter(|(_, fi, en)| fi == en)
            .map(|(n, _, _)| n)
            .collect();
        assert!(same.is_empty(), "untranslated: {same:?}");
        assert_eq!(label("hetu", Lang::Fi), "henkilötunnus");
        assert_eq!(label("hetu", Lang::En), "personal identity code");
        assert_eq!(label("no_such_field", Lang::Fi), "muut tiedot");
        assert_eq!(try_label("no_such_field", Lang::En), None);
        assert_eq!(group("no_such_field"), None);
    }

    #[test]
    fn no_label_is_listed_twice_and_each_labels_a_field() {
        let all = crate::domain::fields::all_field_names();
        let names: Vec<&str> = LABELS.rows().map(|(name, _, _)| name).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(all.contains(name), "{name} is no field");
            assert!(!names[..i].contains(name), "{name} twice");
        }
    }

    /// Every row of every table has exactly a key and two non-empty
    /// words: a stray tab or a missing word would drop or shift a row.
    #[test]
    fn tables_are_well_formed() {
        for table in [LABELS, COUNTRIES] {
            crate::messages::assert_table_well_formed(table.0);
        }
        assert_eq!(COUNTRIES.rows().count(), 17);
        assert_eq!(LABELS.rows().count(), 39);
    }

    #[test]
    fn bases_articles_and_laws() {
        assert_eq!(
            basis_article(Basis::Contract, Lang::Fi),
            "tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta"
        );
        assert_eq!(
            basis_article(Basis::LegitimateInterest, Lang::En),
            "GDPR Art. 6(1)(f)"
        );
        for b in Basis::ALL {
            assert_ne!(basis_title(b, Lang::Fi), basis_title(b, Lang::En));
        }
        assert_eq!(
            law(AML_LAW, Lang::Fi),
            "laki rahanpesun ja terrorismin rahoittamisen estämisestä 444/2017"
        );
        assert_eq!(law(AML_LAW, Lang::En), AML_LAW);
        assert_eq!(law("Some Act 1/2000", Lang::Fi), "Some Act 1/2000");
    }

    #[test]
    fn languages_and_countries() {
        assert_eq!("FI".parse::<Lang>().unwrap(), Lang::Fi);
        assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
        assert!("sv".parse::<Lang>().is_err());
        assert_eq!(
            country_name("gb", Lang::Fi),
            Some("Yhdistynyt kuningaskunta")
        );
        assert_eq!(country_name("XX", Lang::En), None);
        assert_eq!(
            recipient_category("processor", Lang::En),
            "processors acting on the controller's behalf"
        );
        assert_eq!(recipient_category("authority", Lang::Fi), "viranomaiset");
    }
}
