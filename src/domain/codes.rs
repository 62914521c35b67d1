//! Language and country codes (SPEC.md §3): ISO 639-1 for `language`,
//! ISO 3166-1 alpha-2 for `country` and `nationality`, and the EU/EEA
//! membership used when judging transfers (DOMAIN.md §8).
//!
//! The lists are `const` sorted arrays searched by binary search: no
//! allocation, no start-up cost, and a test keeps them sorted. They were
//! generated from the Debian `iso-codes` package 4.15.0
//! (`/usr/share/iso-codes/json/iso_639-2.json`, `iso_639-3.json`,
//! `iso_3166-1.json`), not typed in by hand.

use super::ValueError;
use crate::messages::M;

/// ISO 639-1 two-letter language codes, sorted. 183 codes: every code that
/// both the ISO 639-2 and the ISO 639-3 tables of `iso-codes` give a
/// two-letter form. This leaves out the two withdrawn codes that only one of
/// them still carries, `bh` (Bihari) and `sh` (Serbo-Croatian);
/// new records use `hr`, `sr` or `bs` instead of `sh`.
pub const LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// ISO 3166-1 alpha-2 codes, sorted: the 249 officially assigned codes
/// (including AX Åland, which Finnish addresses use). User-assigned and
/// exceptionally reserved codes such as `XK`, `EU` or `UK` are not in it.
pub const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// The 27 EU member states and the three other EEA states (IS, LI, NO),
/// sorted. Greece is `GR` (ISO), not the EU's own abbreviation `EL`.
pub const EU_EEA: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS",
    "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Parts of EU member states that have an ISO 3166-1 code of their own but
/// where EU law, and so the GDPR, applies in full: Åland (Finland; EU
/// territory under Protocol 2 of Finland's accession) and the French
/// outermost regions (TFEU Art. 349 and 355(1)). A transfer there is no
/// transfer out of the EU/EEA. Sorted.
pub const EU_TERRITORIES: &[&str] = &["AX", "GF", "GP", "MF", "MQ", "RE", "YT"];

/// The language in normal form (lower case), e.g. `FI` → `fi`.
pub fn language(input: &str) -> Result<String, ValueError> {
    let code = two_letters(input, M::LanguageForm)?.to_ascii_lowercase();
    if LANGUAGES.binary_search(&code.as_str()).is_ok() {
        Ok(code)
    } else {
        Err(ValueError::new(M::NotLanguage))
    }
}

/// The country in normal form (upper case), e.g. `fi` → `FI`.
pub fn country(input: &str) -> Result<String, ValueError> {
    let code = two_letters(input, M::CountryForm)?.to_ascii_uppercase();
    if COUNTRIES.binary_search(&code.as_str()).is_ok() {
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
    EU_EEA.binary_search(&cc.as_str()).is_ok() || EU_TERRITORIES.binary_search(&cc.as_str()).is_ok()
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

    #[test]
    fn lists_are_sorted_and_complete() {
        assert!(strictly_sorted(LANGUAGES));
        assert!(strictly_sorted(COUNTRIES));
        assert!(strictly_sorted(EU_EEA));
        assert!(strictly_sorted(EU_TERRITORIES));
        assert_eq!(LANGUAGES.len(), 183);
        assert_eq!(COUNTRIES.len(), 249);
        assert_eq!(EU_EEA.len(), 30);
        for l in LANGUAGES {
            assert!(
                l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()),
                "{l}"
            );
        }
        for c in COUNTRIES {
            assert!(
                c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()),
                "{c}"
            );
        }
        for c in EU_EEA.iter().chain(EU_TERRITORIES) {
            assert!(COUNTRIES.contains(c), "{c}");
        }
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
