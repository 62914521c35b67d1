//! The Finnish personal identity code (henkilötunnus, "hetu"): parsing,
//! validation and the masked form used everywhere it is shown.
//!
//! Rules: DOMAIN.md §1, SPEC.md §3. A `Hetu` can only be built by `parse`, so
//! holding one means the code is well-formed, has a real birth date that is not
//! in the future, a permitted individual number and the right check character.
//!
//! The code is personal data. `Display` and `Debug` both print the masked form
//! (`131052-****`) so that a stray `{}`/`{:?}` in a log line, an error or a
//! panic message cannot leak it; the full code is only reachable through
//! `as_str`, which callers use deliberately (storage, `--reveal-hetu`).

use crate::messages::M;
use std::fmt;

use chrono::NaiveDate;

use super::ValueError;

/// The check character alphabet: index = `DDMMYYZZZ` mod 31. The letters
/// G, I, O, Q and Z are left out because they are easily misread.
const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// A validated personal identity code in upper-case normal form, `DDMMYYCZZZQ`.
///
/// The century sign is kept as given: since the 2023 reform two people may
/// have codes that differ only in the sign (e.g. `-` and `Y`), so all eleven
/// characters are the identity and `-` is not "normalised" to anything else.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Hetu(String);

/// `131052-308T` → `131052-****`: the birth date and century stay
/// readable, the individual number and check character do not. Takes the
/// text as stored, parsed or not.
pub fn mask(hetu: &str) -> String {
    format!("{}****", hetu.get(..7).unwrap_or(""))
}

impl Hetu {
    /// Parses and validates a code. `today` is a parameter rather than read
    /// from the clock so that the "not in the future" rule is testable.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Hetu, ValueError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ValueError::new(M::HetuEmpty));
        }
        // Count chars, not bytes, so that "ä" counts as one character in the
        // message; the length itself is not personal data.
        let len = s.chars().count();
        if len != 11 {
            return Err(ValueError::new(M::HetuLength.say(&[&len])));
        }
        // Everything below indexes bytes; that is only sound on ASCII.
        if !s.is_ascii() {
            return Err(ValueError::new(M::HetuChars));
        }
        let upper = s.to_ascii_uppercase();
        let b = upper.as_bytes();

        if !b[0..6].iter().all(u8::is_ascii_digit) {
            return Err(ValueError::new(M::HetuBirthDigits));
        }
        let base_year = century_base(b[6]).ok_or_else(|| ValueError::new(M::HetuCentury))?;
        if !b[7..10].iter().all(u8::is_ascii_digit) {
            return Err(ValueError::new(M::HetuIndividualDigits));
        }

        let birth = birth_date_of(b, base_year).ok_or_else(|| ValueError::new(M::NotRealDate))?;
        if birth > today {
            return Err(ValueError::new(M::BirthInFuture));
        }

        // 000 and 001 have never been issued; 900-999 are temporary codes,
        // which are valid (and reported by `is_temporary`).
        let individual = digits_value(&b[7..10]);
        if individual < 2 {
            return Err(ValueError::new(M::HetuIndividual));
        }

        if b[10] != expected_check(b) {
            return Err(ValueError::new(M::HetuCheck));
        }

        Ok(Hetu(upper))
    }

    /// The full code, e.g. for storage. Printing it is an audited act.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Birth date and century sign with the rest hidden: `131052-****`.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }

    /// The birth date encoded in the code.
    pub fn birth_date(&self) -> NaiveDate {
        let b = self.0.as_bytes();
        // `parse` checked both the sign and the date, so neither can fail
        // here: a `Hetu` is never built any other way.
        century_base(b[6])
            .and_then(|base| birth_date_of(b, base))
            .expect("a Hetu always holds a validated code")
    }

    /// True for temporary codes (individual number 900-999), which are
    /// issued e.g. by employers or hospitals before a permanent code exists.
    pub fn is_temporary(&self) -> bool {
        digits_value(&self.0.as_bytes()[7..10]) >= 900
    }
}

/// First year of the century a sign stands for (Government Decree 690/2022).
fn century_base(sign: u8) -> Option<i32> {
    match sign {
        b'+' => Some(1800),
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => Some(1900),
        b'A' | b'B' | b'C' | b'D' | b'E' | b'F' => Some(2000),
        _ => None,
    }
}

/// Decimal value of a run of ASCII digits (callers have checked them).
fn digits_value(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |acc, d| acc * 10 + u32::from(d.wrapping_sub(b'0')))
}

/// The date in `DDMMYY`, or `None` if it does not exist (e.g. 29.2.1900).
fn birth_date_of(b: &[u8], base_year: i32) -> Option<NaiveDate> {
    let day = digits_value(&b[0..2]);
    let month = digits_value(&b[2..4]);
    // Two digits: at most 99, so the cast cannot truncate.
    let yy = digits_value(&b[4..6]) as i32;
    NaiveDate::from_ymd_opt(base_year + yy, month, day)
}

/// The check character for `DDMMYY?ZZZ…`: the nine digits as one number mod 31.
/// The century sign is not part of the number.
fn expected_check(b: &[u8]) -> u8 {
    let n = digits_value(&b[0..6]) * 1000 + digits_value(&b[7..10]);
    // n < 10^9 fits in u32; n % 31 < 31 indexes the 31-entry table.
    CHECK_CHARS[(n % 31) as usize]
}

impl fmt::Display for Hetu {
    /// Masked on purpose: see the module header.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for Hetu {
    /// Masked on purpose: `{:?}` ends up in panics and test failures.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hetu({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_the_birth_date_and_century() {
        assert_eq!(mask("131052-308T"), "131052-****");
        assert_eq!(mask("010100A002H"), "010100A****");
        assert_eq!(mask("x"), "****");
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    // Check characters below were computed with the algorithm
    // (DDMMYYZZZ mod 31 into the table), not copied from elsewhere.
    #[test]
    fn valid_codes() {
        // (input, normal form, birth date, temporary)
        let cases = [
            ("131052-308T", "131052-308T", ymd(1952, 10, 13), false), // DOMAIN worked example
            ("010100A002H", "010100A002H", ymd(2000, 1, 1), false),   // DOMAIN worked example
            // every century sign; the sign is not in the sum, so the check
            // character stays the same within a century
            ("131052+308T", "131052+308T", ymd(1852, 10, 13), false),
            ("131052Y308T", "131052Y308T", ymd(1952, 10, 13), false),
            ("131052X308T", "131052X308T", ymd(1952, 10, 13), false),
            ("131052W308T", "131052W308T", ymd(1952, 10, 13), false),
            ("131052V308T", "131052V308T", ymd(1952, 10, 13), false),
            ("131052U308T", "131052U308T", ymd(1952, 10, 13), false),
            ("010100B002H", "010100B002H", ymd(2000, 1, 1), false),
            ("010100C002H", "010100C002H", ymd(2000, 1, 1), false),
            ("010100D002H", "010100D002H", ymd(2000, 1, 1), false),
            ("010100E002H", "010100E002H", ymd(2000, 1, 1), false),
            ("010100F002H", "010100F002H", ymd(2000, 1, 1), false),
            // lower case and surrounding white space
            ("131052-308t", "131052-308T", ymd(1952, 10, 13), false),
            ("010100a002h", "010100A002H", ymd(2000, 1, 1), false),
            ("  131052y308t\t", "131052Y308T", ymd(1952, 10, 13), false),
            // leap days: 290200123 mod 31 = 9, 290204123 mod 31 = 10
            ("290200A1239", "290200A1239", ymd(2000, 2, 29), false),
            ("290204A123A", "290204A123A", ymd(2004, 2, 29), false),
            // 311299899 mod 31 = 7: last normal individual number
            ("311299-8997", "311299-8997", ymd(1999, 12, 31), false),
            // temporary codes: 131052900 mod 31 = 28 (W), 131052999 mod 31 = 3
            ("131052-900W", "131052-900W", ymd(1952, 10, 13), true),
            ("131052-9993", "131052-9993", ymd(1952, 10, 13), true),
            // born today (15.1.2026): 150126002 mod 31 = 8
            ("150126A0028", "150126A0028", ymd(2026, 1, 15), false),
        ];
        for (input, normal, birth, temporary) in cases {
            let h = Hetu::parse(input, today()).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(h.as_str(), normal, "{input}");
            assert_eq!(h.birth_date(), birth, "{input}");
            assert_eq!(h.is_temporary(), temporary, "{input}");
        }
    }

    #[test]
    fn invalid_codes() {
        let cases = [
            // 29.2.1900 does not exist (1900 is not a leap year); same digits,
            // same check character as the valid 29.2.2000 above
            ("290200-1239", "not a real date"),
            ("300200A1239", "not a real date"),
            ("320100A002H", "not a real date"),
            ("011300A002H", "not a real date"),
            ("000100A002H", "not a real date"),
            // 160126002 mod 31 = 28 (W): correct check, but tomorrow
            ("160126A002W", "birth date is in the future"),
            // 010130A...: 2030 is in the future whatever the check character
            ("010130A0020", "birth date is in the future"),
            // 000 (check V) and 001 (check W) with correct check characters
            (
                "131052-000V",
                "individual number must be 002 to 899 (or 900 to 999 for a temporary code)",
            ),
            (
                "131052-001W",
                "individual number must be 002 to 899 (or 900 to 999 for a temporary code)",
            ),
            // bad checksum
            ("131052-308U", "check character does not match"),
            ("131052-309T", "check character does not match"),
            ("010100A002G", "check character does not match"),
            // century signs that do not exist
            (
                "131052*308T",
                "century sign must be one of + - A B C D E F Y X W V U",
            ),
            (
                "131052G308T",
                "century sign must be one of + - A B C D E F Y X W V U",
            ),
            (
                "131052 308T",
                "century sign must be one of + - A B C D E F Y X W V U",
            ),
            // non-digits
            (
                "13105X-308T",
                "the first six characters must be the birth date as digits (DDMMYY)",
            ),
            (
                "131052-3O8T",
                "characters 8 to 10 must be the individual number as digits",
            ),
            // lengths
            (
                "131052-308",
                "personal identity code must be 11 characters (DDMMYYCZZZQ), got 10",
            ),
            (
                "131052-308TT",
                "personal identity code must be 11 characters (DDMMYYCZZZQ), got 12",
            ),
            (
                "13105-308T",
                "personal identity code must be 11 characters (DDMMYYCZZZQ), got 10",
            ),
            ("", "personal identity code is empty"),
        ];
        for (input, reason) in cases {
            let err = Hetu::parse(input, today()).expect_err(input);
            assert_eq!(err.0, reason, "{input}");
        }
    }

    #[test]
    fn messages_never_contain_the_code() {
        for input in [
            "131052-308U",
            "290200-1239",
            "131052-000V",
            "131052*308T",
            "160126A002W",
        ] {
            let err = Hetu::parse(input, today()).unwrap_err();
            assert!(!err.0.contains(input), "{input}: {err}");
            assert!(!err.0.contains(&input[..6]), "{input}: {err}");
        }
    }

    #[test]
    fn display_and_debug_are_masked() {
        let h = Hetu::parse("131052-308T", today()).unwrap();
        assert_eq!(h.masked(), "131052-****");
        assert_eq!(h.to_string(), "131052-****");
        assert_eq!(format!("{h:?}"), "Hetu(131052-****)");
        assert!(!format!("{h:?}").contains("308T"));
        assert!(!format!("{:?}", Some(h.clone())).contains("308T"));
    }

    #[test]
    fn a_birth_date_after_today_is_refused() {
        let h = Hetu::parse("131052-308T", today()).unwrap();
        assert_eq!(h.as_str(), "131052-308T");
        // born 31.12.2099 (311299 with base 2000 -> 311299899 mod 31 = 7)
        assert!(Hetu::parse("311299A8997", today()).is_err());
    }

    #[test]
    fn codes_differing_only_in_sign_are_different() {
        let a = Hetu::parse("131052-308T", today()).unwrap();
        let b = Hetu::parse("131052Y308T", today()).unwrap();
        assert_ne!(a, b);
        assert_eq!(a, Hetu::parse("131052-308t", today()).unwrap());
    }

    #[test]
    fn hostile_inputs_are_refused_without_panic() {
        let own = [
            "\t\n",
            "131052-308\u{0}",
            "1310ä2-308T",
            "١٣١٠٥٢-٣٠٨T",
            "ääääääääääää",
            "😀😀😀😀😀😀😀😀😀😀😀",
        ];
        for input in &crate::domain::hostile("1", &own) {
            assert!(Hetu::parse(input, today()).is_err(), "{input:?}");
        }
    }
}
