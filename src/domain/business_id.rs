//! The Finnish business ID (Y-tunnus): parsing the spellings people use and
//! checking the check digit (DOMAIN.md §2, SPEC.md §3).
//!
//! The normal form is `NNNNNNN-C`. Accepted spellings: a hyphen, an en dash
//! (what word processors turn a typed hyphen into), no dash at all, and the
//! VAT form `FI` + eight digits. A business ID identifies a company, not a
//! person, so unlike the personal identity code it may appear in messages and
//! in `Debug` output.

use crate::messages::M;
use std::fmt;
use std::str::FromStr;

use super::ValueError;

/// Weights of the seven digits, from the left.
const WEIGHTS: [u32; 7] = [7, 9, 10, 5, 8, 4, 2];

/// Characters accepted between the seven digits and the check digit.
/// Besides the ASCII hyphen and the en dash (SPEC.md §3), the other dash-like
/// characters that autocorrect and spreadsheets produce are accepted too:
/// U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash, U+2014 em
/// dash and U+2212 minus sign. They are all normalised to `-`.
const DASHES: [char; 7] = [
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}',
];

/// A validated business ID in normal form `NNNNNNN-C`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BusinessId(String);

impl BusinessId {
    pub fn parse(input: &str) -> Result<BusinessId, ValueError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ValueError::new(M::BusinessIdEmpty));
        }

        // The VAT number form: `FI` (any case) and the eight digits without
        // a dash. `get` rather than slicing: the input may start with a
        // multi-byte character.
        let body = match s.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("FI") => {
                let rest = &s[2..];
                if rest.len() != 8 || !rest.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ValueError::new(M::VatForm));
                }
                rest
            }
            _ => s,
        };

        // Seven digits, an optional dash, the check digit. Taking at most ten
        // characters bounds the work on a huge input; anything longer than
        // nine characters fails the patterns below anyway.
        let chars: Vec<char> = body.chars().take(10).collect();
        let (seven, check) = match chars.as_slice() {
            [seven @ .., dash, check] if seven.len() == 7 && DASHES.contains(dash) => {
                (seven, *check)
            }
            [seven @ .., check] if seven.len() == 7 => (seven, *check),
            _ => return Err(ValueError::new(M::BusinessIdForm)),
        };
        // `to_digit(10)` accepts only the ASCII digits 0-9.
        let digits: Vec<u32> = seven
            .iter()
            .chain(std::iter::once(&check))
            .map(|c| c.to_digit(10))
            .collect::<Option<_>>()
            .ok_or_else(|| ValueError::new(M::BusinessIdForm))?;

        let (body_digits, given) = (&digits[..7], digits[7]);
        match check_digit(body_digits) {
            None => Err(ValueError::new(M::BusinessIdNoSuch)),
            Some(expected) if expected != given => {
                Err(ValueError::new(M::CheckDigit.say(&[&given, &expected])))
            }
            Some(_) => {
                let mut normal: String = body_digits
                    .iter()
                    .filter_map(|d| char::from_digit(*d, 10))
                    .collect();
                normal.push('-');
                normal.extend(char::from_digit(given, 10));
                Ok(BusinessId(normal))
            }
        }
    }

    /// The normal form `NNNNNNN-C`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The check digit for seven digits, or `None` when the weighted sum leaves
/// remainder 1 (11 − 1 = 10 is not a digit, so such numbers are never issued).
fn check_digit(seven: &[u32]) -> Option<u32> {
    let sum: u32 = seven.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    match sum % 11 {
        0 => Some(0),
        1 => None,
        r => Some(11 - r),
    }
}

impl FromStr for BusinessId {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BusinessId::parse(s)
    }
}

impl fmt::Display for BusinessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BusinessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BusinessId({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Check digits computed with the algorithm:
    //   2617416: 14+54+10+35+32+4+12 = 161, 161 mod 11 = 7 -> 4 (DOMAIN)
    //   2242792: 14+18+40+10+56+36+4 = 178, 178 mod 11 = 2 -> 9
    //   1000002: 7+4 = 11, mod 11 = 0 -> 0
    //   1000008: 7+16 = 23, mod 11 = 1 -> no valid id
    //   0000000: 0 -> 0
    #[test]
    fn valid_spellings() {
        let cases = [
            ("2617416-4", "2617416-4"),
            ("2617416\u{2013}4", "2617416-4"), // en dash
            ("2617416\u{2212}4", "2617416-4"), // minus sign
            ("26174164", "2617416-4"),
            ("FI26174164", "2617416-4"),
            ("fi26174164", "2617416-4"),
            ("Fi26174164", "2617416-4"),
            ("  2617416-4 ", "2617416-4"),
            ("\t26174164\n", "2617416-4"),
            ("2242792-9", "2242792-9"),
            ("1000002-0", "1000002-0"),
            ("0000000-0", "0000000-0"),
        ];
        for (input, normal) in cases {
            let id = BusinessId::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(id.as_str(), normal, "{input:?}");
            assert_eq!(id.to_string(), normal);
            assert_eq!(input.parse::<BusinessId>().unwrap(), id);
        }
    }

    #[test]
    fn invalid_ids() {
        let form = "expected NNNNNNN-C (seven digits, a dash and a check digit), NNNNNNNC or FI followed by eight digits";
        let cases = [
            ("2242792\u{2013}0", "check digit is 0, expected 9"),
            ("2242792-0", "check digit is 0, expected 9"),
            ("2617416-5", "check digit is 5, expected 4"),
            ("FI26174165", "check digit is 5, expected 4"),
            ("1000008-0", "no valid business id has these digits"),
            ("1000008-1", "no valid business id has these digits"),
            ("10000080", "no valid business id has these digits"),
            // wrong lengths
            ("261741-4", form),
            ("26174160-4", form),
            ("2617416", form),
            ("261741644", form),
            ("2617416-", form),
            ("-26174164", form),
            ("2617416--4", form),
            (
                "FI2617416",
                "a VAT number must be FI followed by eight digits",
            ),
            (
                "FI261741644",
                "a VAT number must be FI followed by eight digits",
            ),
            (
                "FI2617416-4",
                "a VAT number must be FI followed by eight digits",
            ),
            ("FI", "a VAT number must be FI followed by eight digits"),
            // letters and other separators
            ("26174A6-4", form),
            ("2617416-A", form),
            ("SE26174164", form),
            ("2617416 4", form),
            ("2617416_4", form),
            ("2617416/4", form),
            ("", "business id is empty"),
        ];
        for (input, reason) in cases {
            let err = BusinessId::parse(input).expect_err(input);
            assert_eq!(err.0, reason, "{input:?}");
        }
    }

    #[test]
    fn debug_shows_the_value() {
        let id = BusinessId::parse("26174164").unwrap();
        assert_eq!(format!("{id:?}"), "BusinessId(2617416-4)");
    }

    #[test]
    fn hostile_inputs_are_refused_without_panic() {
        let long_dash = format!("{}-4", "2".repeat(10_000));
        let own = [
            "١٢٣٤٥٦٧-٨",
            "٢٦١٧٤١٦٤",
            "äi26174164",
            "Fä26174164",
            "2617416-4\u{0}",
            long_dash.as_str(),
            "😀😀😀😀😀😀😀-😀",
        ];
        for input in &crate::domain::hostile("2", &own) {
            assert!(BusinessId::parse(input).is_err(), "{input:?}");
        }
    }
}
