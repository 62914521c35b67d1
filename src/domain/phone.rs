//! Phone numbers in E.164 (DOMAIN.md §3, SPEC.md §3): `040 123 4567` with
//! region FI becomes `+358401234567`, `00` becomes `+`, and a number that the
//! numbering plans of the `phonenumber` crate (a port of libphonenumber) call
//! invalid is refused rather than judged by a home-made pattern.
//!
//! A phone number is personal data: no message repeats it and `Debug` masks it.
//!
//! Cost: the crate builds its whole numbering-plan database (about 250
//! regions) on first use, 53 ms per process (release build), which would be
//! most of a single `privreg add`. Numbers with the country code +358 —
//! Finland and Åland, nearly all of ours — are therefore checked against a
//! database of just those two regions, built from the crate's own metadata
//! (assets/phone-metadata-fi-ax.xml, scripts/extract_phone_metadata.py) in
//! about 4 ms; every other number uses the full database. A test checks that
//! both answer alike. Later calls cost a few µs (DOMAIN.md §3), so a batch
//! import still validates phones off the writer thread.

use crate::messages::M;
use std::fmt::{self, Write as _};

use phonenumber::country::Id;
use phonenumber::metadata::{Database, DATABASE};
use phonenumber::ParseError;

use super::ValueError;

/// Longer input is refused before it reaches the parser. The longest E.164
/// number has 15 digits; 40 characters leaves room for any human spacing
/// and punctuation of one number (`+358 (0)40 123 45 67` is 20).
const MAX_LEN: usize = 40;

/// The region used when the caller's region is not one the crate knows.
const FALLBACK_REGION: Id = Id::FI;

/// A validated phone number in E.164 form (`+` and up to 15 digits).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Parses `input`. `default_region` (ISO 3166-1 alpha-2, e.g. the
    /// record's `country`) says which country a number without `+` or `00`
    /// belongs to; an unknown region falls back to FI, the tool's default.
    pub fn parse(input: &str, default_region: &str) -> Result<Phone, ValueError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ValueError::new(M::PhoneEmpty));
        }
        // Letters first: SPEC.md §3 names this case, and it is what the crate
        // would otherwise accept silently (it maps vanity letters such as
        // 1-800-FLOWERS to digits, and reads `ext.` as an extension).
        if s.chars().any(char::is_alphabetic) {
            return Err(ValueError::new(M::PhoneLetters));
        }
        if s.chars().count() > MAX_LEN {
            return Err(ValueError::new(M::PhoneTooLongChars.say(&[&MAX_LEN])));
        }
        // Only ASCII digits and the usual separators reach the parser: this
        // keeps other scripts' digits, `#`, `*`, `;` (RFC 3966 parameters) and
        // control characters out of a parser that has panicked on odd input
        // in the past (rust-phonenumber issues #32 and #43).
        let mut cleaned = String::with_capacity(s.len());
        for (i, c) in s.chars().enumerate() {
            match c {
                '0'..='9' => cleaned.push(c),
                '+' if i == 0 => cleaned.push(c),
                '+' => return Err(ValueError::new(M::PhonePlus)),
                '-' | '(' | ')' | '.' | '/' => cleaned.push(c),
                // Any white space, including the no-break space that
                // spreadsheets put between digit groups, separates digits.
                c if c.is_whitespace() && !c.is_control() => cleaned.push(' '),
                _ => return Err(ValueError::new(M::PhoneChars)),
            }
        }
        // `00` is the international call prefix in Finland and most of
        // Europe; DOMAIN.md §3 reads it as `+` whatever the region.
        if let Some(rest) = cleaned.strip_prefix("00") {
            cleaned = format!("+{rest}");
        }
        let digit_count = cleaned.chars().filter(char::is_ascii_digit).count();
        if digit_count == 0 {
            return Err(ValueError::new(M::PhoneNoDigits));
        }
        if digit_count > 17 {
            // 15 digits of E.164 plus a national trunk prefix of up to two.
            return Err(ValueError::new(M::PhoneManyDigits));
        }

        let (database, region) = database_for(&cleaned, default_region);
        normalise(database, region, &cleaned).map(Phone)
    }

    /// The E.164 form, e.g. `+358401234567`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The +358 database (Finland and Åland), built once per thread: the
/// crate keeps a regex cache behind a mutex in each database, which the
/// import's validating threads would otherwise wait for in turn. Each copy
/// lives as long as the process.
fn finnish() -> Option<&'static Database> {
    thread_local! {
        static FI_AX: Option<&'static Database> =
            Database::parse(include_str!("../../assets/phone-metadata-fi-ax.xml"))
                .ok()
                .map(|db| &*Box::leak(Box::new(db)));
    }
    FI_AX.with(|db| *db)
}

/// Which database to ask: the small one for +358 numbers and for numbers
/// without a country code dialled in Finland or Åland, else the full one.
fn database_for(cleaned: &str, default_region: &str) -> (&'static Database, Id) {
    let code = default_region.trim().to_ascii_uppercase();
    let local = !cleaned.starts_with('+') && matches!(code.as_str(), "FI" | "AX");
    if cleaned.starts_with("+358") || local {
        if let Some(db) = finnish() {
            let id = if code == "AX" { Id::AX } else { Id::FI };
            return (db, id);
        }
    }
    (&DATABASE, region(&code))
}

/// Parses, validates and formats one number against one database.
fn normalise(database: &Database, region: Id, cleaned: &str) -> Result<String, ValueError> {
    let number = phonenumber::parse_with(database, Some(region), cleaned)
        .map_err(|e| ValueError::new(parse_error_message(&e)))?;
    if !phonenumber::is_valid_with(database, &number) {
        return Err(ValueError::new(M::PhoneInvalid));
    }
    // E.164 is `+`, the country code and the national number, which is
    // what the crate's formatter writes in that mode. It is written here
    // because the formatter evaluates `database.unwrap_or(&DATABASE)`
    // eagerly and so builds the full database even when given another.
    let mut e164 = String::with_capacity(16);
    write!(e164, "+{}{}", number.country().code(), number.national())
        .map_err(|_| ValueError::new("phone number cannot be written in E.164 form"))?;
    Ok(e164)
}

/// The crate's region for an ISO alpha-2 code, or FI when the crate has no
/// numbering plan for it (or the code is not one at all). Checking the
/// database, not just the `Id` enum, matters: the crate's parser unwraps the
/// metadata lookup for the default region.
fn region(code: &str) -> Id {
    let code = code.trim().to_ascii_uppercase();
    match code.parse::<Id>() {
        Ok(id) if DATABASE.by_id(id.as_ref()).is_some() => id,
        _ => FALLBACK_REGION,
    }
}

fn parse_error_message(e: &ParseError) -> M {
    match e {
        ParseError::NoNumber => M::NotPhone,
        ParseError::InvalidCountryCode => M::PhoneCountryCode,
        ParseError::TooShortAfterIdd | ParseError::TooShortNsn => M::PhoneTooShort,
        ParseError::TooLong => M::PhoneTooLong,
        _ => M::NotPhone,
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Phone {
    /// Masked: `{:?}` ends up in panics, logs and test failures.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Phone(***)")
    }
}

#[cfg(test)]
mod tests {
    /// The +358 database must answer as the crate's full one does, for
    /// valid and invalid numbers of every kind Finland and Åland have.
    #[test]
    fn the_finnish_database_agrees_with_the_full_one() {
        use super::*;
        let small = finnish().expect("the embedded FI/AX metadata parses");
        let mut inputs: Vec<String> = [
            "040 123 4567",
            "050 765 4321",
            "0457 123 4567",
            "09 1234 567",
            "09 123 45678",
            "02 123 4567",
            "014 123 456",
            "018 12345",
            "0800 12345",
            "0600 123 456",
            "020 123 4567",
            "0100 100",
            "112",
            "040",
            "04012345678901",
            "+358 40 123 4567",
            "+358 18 12345",
            "+358 9 1234567",
            "+35840123",
            "0 40 123 4567",
            "358401234567",
            "0201234",
            "075 123 4567",
            "0294 123 456",
            "+358 457 1234567",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // and a sweep of prefixes and lengths
        for prefix in [
            "04", "05", "02", "03", "09", "01", "06", "07", "08", "+3584", "+35818", "+3582",
        ] {
            for len in 5..=11 {
                inputs.push(format!(
                    "{prefix}{}",
                    "1234567890123".get(..len).unwrap_or("1")
                ));
            }
        }
        for input in inputs {
            for region in [Id::FI, Id::AX] {
                let full = normalise(&DATABASE, region, &input).ok();
                let fast = normalise(small, region, &input).ok();
                assert_eq!(fast, full, "{input} in {region:?}");
                // and the E.164 text is what the crate's own formatter writes
                let crate_e164 = phonenumber::parse(Some(region), &input)
                    .ok()
                    .filter(phonenumber::is_valid)
                    .map(|n| n.format().mode(phonenumber::Mode::E164).to_string());
                assert_eq!(full, crate_e164, "{input} in {region:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn valid_numbers() {
        // (input, region, E.164)
        let cases = [
            ("040 123 4567", "FI", "+358401234567"),
            ("0401234567", "FI", "+358401234567"),
            ("040-123 4567", "FI", "+358401234567"),
            ("  040 123 4567 ", "FI", "+358401234567"),
            ("040\u{a0}123\u{a0}4567", "FI", "+358401234567"),
            ("00358401234567", "FI", "+358401234567"),
            ("00358 40 123 4567", "SE", "+358401234567"),
            ("+358 40 1234567", "FI", "+358401234567"),
            ("+358401234567", "SE", "+358401234567"),
            ("+358 (0)40 123 4567", "FI", "+358401234567"),
            ("09 1234 567", "FI", "+35891234567"),
            // region in lower case and with spaces
            ("040 123 4567", " fi ", "+358401234567"),
            // unknown or empty regions fall back to FI
            ("040 123 4567", "", "+358401234567"),
            ("040 123 4567", "QQ", "+358401234567"),
            ("040 123 4567", "ä", "+358401234567"),
            // Swedish mobile with region SE, and the same in international form
            ("070-123 45 67", "SE", "+46701234567"),
            ("+46 70 123 45 67", "FI", "+46701234567"),
            ("08-123 456 78", "SE", "+46812345678"),
        ];
        for (input, region, e164) in cases {
            let p =
                Phone::parse(input, region).unwrap_or_else(|e| panic!("{input:?} ({region}): {e}"));
            assert_eq!(p.as_str(), e164, "{input:?} ({region})");
            assert_eq!(p.to_string(), e164);
        }
    }

    /// Each of `inputs`, read in region `region`, is refused with `reason`.
    fn refused(region: &str, reason: &str, inputs: &[&str]) {
        for input in inputs {
            let err = Phone::parse(input, region).expect_err(input);
            assert_eq!(err.0, reason, "{input:?}");
        }
    }

    #[test]
    fn invalid_numbers() {
        let letters = "letters are not allowed in a phone number";
        refused(
            "FI",
            letters,
            &[
                "040 123 456A",
                "040 123 4567 ext. 12",
                "tel:+358401234567",
                "puh. 040 123 4567",
                "040 123 4567 ä",
            ],
        );
        refused("US", letters, &["1-800-FLOWERS"]);
        refused(
            "FI",
            "a phone number may contain only digits, spaces, a leading + and - ( ) . /",
            &[
                "040#1234567",
                "040*1234567",
                "040,1234567",
                "٠٤٠١٢٣٤٥٦٧",
                "040 123 4567\u{0}",
            ],
        );
        refused(
            "FI",
            "a + may only stand at the start of a phone number",
            &["358+401234567", "++358401234567"],
        );
        refused("FI", "phone number has no digits", &["+", "- ( ) . /"]);
        refused("FI", "phone number is empty", &["", "   "]);
        refused(
            "FI",
            "phone number has too many digits",
            &["123456789012345678"],
        );
    }

    #[test]
    fn refused_by_the_numbering_plan() {
        // Only that they are refused: which of the crate's reasons applies
        // may change with its metadata.
        let cases = [
            ("040 123", "FI"),           // too short for a mobile number
            ("040 123 4567 8901", "FI"), // too long
            ("+999 123 456 789", "FI"),  // no such country calling code
            ("+358 1", "FI"),
            ("12", "FI"),
            ("0000000000", "FI"),
            ("+46 70 123", "SE"),
        ];
        for (input, region) in cases {
            let err = Phone::parse(input, region).expect_err(input);
            assert!(!err.0.is_empty());
            assert!(!err.0.contains("123"), "message leaks the value: {err}");
        }
    }

    #[test]
    fn debug_is_masked() {
        let p = Phone::parse("040 123 4567", "FI").unwrap();
        assert_eq!(format!("{p:?}"), "Phone(***)");
        assert!(!format!("{:?}", Some(p)).contains("4567"));
    }

    #[test]
    fn hostile_inputs_are_refused_without_panic() {
        let long_spaces = format!("+{}1", " ".repeat(10_000));
        let own = [
            "  2 22#:",          // rust-phonenumber issue #43
            "003-836-4618x3001", // rust-phonenumber issue #32 (with region CH below)
            "+0",
            "+00000000000",
            "000000000000",
            "(((((((((((((((",
            "+1 (",
            long_spaces.as_str(),
        ];
        for input in &crate::domain::hostile("1", &own) {
            for region in ["FI", "CH", "US", "", "ZZ", "\u{0}"] {
                assert!(Phone::parse(input, region).is_err(), "{input:?} ({region})");
            }
        }
    }
}
