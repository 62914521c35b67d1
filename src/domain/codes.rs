//! Language and country codes (SPEC.md §3): ISO 639-1 for `language`,
//! ISO 3166-1 alpha-2 for `country` and `nationality`, and the EU/EEA
//! membership used when judging transfers (DOMAIN.md §8).
//!
//! The lists are sorted data files in `codes/`, searched by binary search
//! ([`CodeList`]): no allocation, no start-up cost, and a test keeps them
//! sorted. They were generated from the Debian `iso-codes` package 4.15.0
//! (`/usr/share/iso-codes/json/iso_639-2.json`, `iso_639-3.json`,
//! `iso_3166-1.json`), not typed in by hand.

use super::ValueError;
use crate::messages::M;

/// ISO 639-1 two-letter language codes. 183 codes: every code that both
/// the ISO 639-2 and the ISO 639-3 tables of `iso-codes` give a
/// two-letter form. This leaves out the two withdrawn codes that only one
/// of them still carries, `bh` (Bihari) and `sh` (Serbo-Croatian); new
/// records use `hr`, `sr` or `bs` instead of `sh`.
pub const LANGUAGES: CodeList = CodeList(include_str!("codes/iso639-1.txt"));

/// ISO 3166-1 alpha-2 codes: the 249 officially assigned codes (including
/// AX Åland, which Finnish addresses use). User-assigned and exceptionally
/// reserved codes such as `XK`, `EU` or `UK` are not in it.
pub const COUNTRIES: CodeList = CodeList(include_str!("codes/iso3166-1.txt"));

/// The 27 EU member states and the three other EEA states (IS, LI, NO).
/// Greece is `GR` (ISO), not the EU's own abbreviation `EL`.
pub const EU_EEA: CodeList = CodeList(include_str!("codes/eu-eea.txt"));

/// A sorted list of two-letter codes kept as a data file (`codes/`), one
/// code per line: the lists are data generated from `iso-codes`, not code
/// to read, and a file is what a regeneration rewrites. Every code sits
/// at byte 3 × its index, so a lookup is a binary search that allocates
/// nothing (an import checks three codes per row). A test checks each
/// file's form and order.
#[derive(Debug, Clone, Copy)]
pub struct CodeList(&'static str);

impl CodeList {
    /// Whether `code` (in the list's case) is in the list.
    pub fn contains(self, code: &str) -> bool {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = (low + high) / 2;
            match self.code(middle).cmp(code) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// How many codes the list has.
    fn len(self) -> usize {
        self.0.len() / 3
    }

    /// The codes in order.
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.lines()
    }

    fn code(self, index: usize) -> &'static str {
        &self.0[3 * index..3 * index + 2]
    }
}

/// Parts of EU member states that have an ISO 3166-1 code of their own but
/// where EU law, and so the GDPR, applies in full: Åland (Finland; EU
/// territory under Protocol 2 of Finland's accession) and the French
/// outermost regions (TFEU Art. 349 and 355(1)). A transfer there is no
/// transfer out of the EU/EEA. Sorted.
pub const EU_TERRITORIES: &[&str] = &["AX", "GF", "GP", "MF", "MQ", "RE", "YT"];

/// The language in normal form (lower case), e.g. `FI` → `fi`.
pub fn language(input: &str) -> Result<String, ValueError> {
    let code = two_letters(input, M::LanguageForm)?.to_ascii_lowercase();
    if LANGUAGES.contains(&code) {
        Ok(code)
    } else {
        Err(ValueError::new(M::NotLanguage))
    }
}

/// The country in normal form (upper case), e.g. `fi` → `FI`.
pub fn country(input: &str) -> Result<String, ValueError> {
    let code = two_letters(input, M::CountryForm)?.to_ascii_uppercase();
    if COUNTRIES.contains(&code) {
        Ok(code)
    } else {
        Err(ValueError::new(M::NotCountry))
    }
}

/// True if data in country `cc` stays inside the EU/EEA: one of the 30
/// states, or an EU territory with a code of its own (`EU_TERRITORIES`).
/// Case and surrounding white space are ignored.
pub fn is_eu_eea(cc: &str) -> bool {
    let cc = cc.trim().to_ascii_uppercase();
    EU_EEA.contains(&cc) || EU_TERRITORIES.binary_search(&cc.as_str()).is_ok()
}

/// The trimmed input if it is exactly two ASCII letters, else `message`.
fn two_letters(input: &str, message: M) -> Result<&str, ValueError> {
    let s = input.trim();
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(s)
    } else {
        Err(ValueError::new(message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strictly_sorted(list: &[&str]) -> bool {
        list.windows(2).all(|w| w[0] < w[1])
    }

    /// Each file holds only its codes, one per line, in `case`, sorted:
    /// what `CodeList::contains` relies on.
    fn well_formed(list: CodeList, case: fn(&u8) -> bool, count: usize) -> Vec<&'static str> {
        assert!(list.0.ends_with('\n') && !list.0.contains('\r'));
        let codes: Vec<&str> = list.iter().collect();
        assert_eq!(codes.len(), count);
        assert_eq!(list.len(), count);
        assert!(strictly_sorted(&codes));
        for c in &codes {
            assert!(c.len() == 2 && c.bytes().all(|b| case(&b)), "{c}");
            assert!(list.contains(c), "{c}");
        }
        codes
    }

    #[test]
    fn lists_are_sorted_and_complete() {
        well_formed(LANGUAGES, u8::is_ascii_lowercase, 183);
        let countries = well_formed(COUNTRIES, u8::is_ascii_uppercase, 249);
        let eu = well_formed(EU_EEA, u8::is_ascii_uppercase, 30);
        assert!(strictly_sorted(EU_TERRITORIES));
        for c in eu.iter().chain(EU_TERRITORIES) {
            assert!(countries.contains(c), "{c}");
        }
        for absent in ["", "a", "AA", "ZZ", "XK", "fi\n", "F"] {
            assert!(!COUNTRIES.contains(absent), "{absent:?}");
        }
        assert!(LANGUAGES.contains("aa") && LANGUAGES.contains("zu"));
        assert!(COUNTRIES.contains("AD") && COUNTRIES.contains("ZW"));
    }

    /// `parse` gives each of `same` back as it is and each of `normal` in
    /// its normal form, and refuses each of `unknown` and of `malformed`
    /// with that one's message.
    fn cases(
        parse: fn(&str) -> Result<String, ValueError>,
        same: &[&str],
        normal: &[(&str, &str)],
        unknown: (&str, &[&str]),
        malformed: (&str, &[&str]),
    ) {
        for input in same {
            assert_eq!(parse(input), Ok(input.to_string()), "{input:?}");
        }
        for (input, out) in normal {
            assert_eq!(parse(input), Ok(out.to_string()), "{input:?}");
        }
        for (why, inputs) in [unknown, malformed] {
            for input in inputs {
                assert_eq!(parse(input), Err(ValueError::new(why)), "{input:?}");
            }
        }
    }

    #[test]
    fn languages() {
        cases(
            language,
            // se: Northern Sami
            &["fi", "sv", "en", "se", "zu", "aa"],
            &[("FI", "fi"), ("Sv", "sv"), (" et ", "et")],
            ("not an ISO 639-1 language code", &["xx", "qq", "sh"]),
            (
                "language must be a two-letter ISO 639-1 code (e.g. fi, sv, en)",
                &["fin", "f", "f1", ""],
            ),
        );
    }

    #[test]
    fn countries() {
        cases(
            country,
            &["FI", "SE", "AX", "GB", "AD", "ZW"],
            &[("fi", "FI"), ("se", "SE"), (" de\t", "DE")],
            (
                "not an ISO 3166-1 alpha-2 country code",
                &["QQ", "xx", "XK", "UK", "EU"],
            ),
            (
                "country must be a two-letter ISO 3166-1 code (e.g. FI, SE, DE)",
                &["FIN", "246", ""],
            ),
        );
    }

    #[test]
    fn eu_eea() {
        for cc in [
            "FI", "SE", "DE", "GR", "IS", "LI", "NO", "fi", " se ", "AX", "RE",
        ] {
            assert!(is_eu_eea(cc), "{cc}");
        }
        for cc in [
            "GB", "CH", "US", "EL", "GL", "FO", "BL", "XX", "", "ä", "FIN",
        ] {
            assert!(!is_eu_eea(cc), "{cc}");
        }
    }

    #[test]
    fn hostile_inputs_are_refused_without_panic() {
        let own = ["äb", "f\u{0}", "\u{0}fi"];
        for input in &crate::domain::hostile("a", &own) {
            assert!(language(input).is_err(), "{input:?}");
            assert!(country(input).is_err(), "{input:?}");
            assert!(!is_eu_eea(input), "{input:?}");
        }
    }
}
