//! Dates and yes/no values as typed on the command line and found in import
//! files (SPEC.md §3): dates in ISO form `YYYY-MM-DD` or the Finnish
//! `D.M.YYYY`, always written back as `YYYY-MM-DD`; booleans in English,
//! Finnish or as 1/0.
//!
//! Deliberately strict: `2026-2-3`, `2026/02/03`, `3.2.26` and `03-02-2026`
//! are refused, because a two-digit year or a swapped day and month would be
//! silently wrong, which is worse than being refused.

use crate::messages::M;
use chrono::{Datelike, NaiveDate};

use super::ValueError;

#[cfg(test)]
const FORM_MESSAGE: &str = "expected YYYY-MM-DD or D.M.YYYY";

/// Parses `YYYY-MM-DD` (exactly 4-2-2 digits) or `D.M.YYYY` (day and month
/// of one or two digits, a four-digit year), after trimming.
pub fn parse_date(input: &str) -> Result<NaiveDate, ValueError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ValueError::new(M::DateEmpty));
    }
    let (year, month, day) = iso_parts(s)
        .or_else(|| finnish_parts(s))
        .ok_or_else(|| ValueError::new(M::DateForm))?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| ValueError::new(M::NotRealDate))
}

/// `YYYY-MM-DD` as (year, month, day), or `None` if the shape is different.
fn iso_parts(s: &str) -> Option<(i32, u32, u32)> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Some((digits(y)? as i32, digits(m)?, digits(d)?))
}

/// `D.M.YYYY` as (year, month, day), or `None` if the shape is different.
fn finnish_parts(s: &str) -> Option<(i32, u32, u32)> {
    let mut parts = s.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |p: &str| (1..=2).contains(&p.len());
    if parts.next().is_some() || !short(d) || !short(m) || y.len() != 4 {
        return None;
    }
    Some((digits(y)? as i32, digits(m)?, digits(d)?))
}

/// The value of a non-empty run of at most four ASCII digits. `str::parse`
/// is not used because it accepts a leading `+`.
fn digits(p: &str) -> Option<u32> {
    if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(p.bytes().fold(0, |acc, b| acc * 10 + u32::from(b - b'0')))
}

/// The output form `YYYY-MM-DD`. Written by hand rather than with a chrono
/// format string so that it cannot fail at run time.
pub fn format_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Parses a yes/no value: `true`/`false`, `yes`/`no`, `1`/`0` and the Finnish
/// `kyllä`/`ei`, in any case and with surrounding white space.
pub fn parse_bool(input: &str) -> Result<bool, ValueError> {
    match input.trim().to_lowercase().as_str() {
        "true" | "yes" | "1" | "kyllä" => Ok(true),
        "false" | "no" | "0" | "ei" => Ok(false),
        _ => Err(ValueError::new(M::ExpectedBool)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn valid_dates() {
        let cases = [
            ("2026-03-31", ymd(2026, 3, 31)),
            ("  2026-03-31\t", ymd(2026, 3, 31)),
            ("31.3.2026", ymd(2026, 3, 31)),
            ("31.03.2026", ymd(2026, 3, 31)),
            ("1.1.2000", ymd(2000, 1, 1)),
            ("01.01.2000", ymd(2000, 1, 1)),
            ("2024-02-29", ymd(2024, 2, 29)),
            ("29.2.2000", ymd(2000, 2, 29)),
            ("1900-01-01", ymd(1900, 1, 1)),
            ("9999-12-31", ymd(9999, 12, 31)),
        ];
        for (input, date) in cases {
            assert_eq!(parse_date(input), Ok(date), "{input:?}");
        }
    }

    #[test]
    fn invalid_dates() {
        let cases = [
            ("2026-02-30", "not a real date"),
            ("31.4.2026", "not a real date"),
            ("1.13.2026", "not a real date"),
            ("2026-13-01", "not a real date"),
            ("2026-00-10", "not a real date"),
            ("0.1.2026", "not a real date"),
            ("29.2.1900", "not a real date"),
            ("2025-02-29", "not a real date"),
            ("2026-2-3", FORM_MESSAGE),
            ("26-02-03", FORM_MESSAGE),
            ("2026/02/03", FORM_MESSAGE),
            ("03-02-2026", FORM_MESSAGE),
            ("3.2.26", FORM_MESSAGE),
            ("3.2.02026", FORM_MESSAGE),
            ("003.2.2026", FORM_MESSAGE),
            ("3..2026", FORM_MESSAGE),
            ("3.2.2026.", FORM_MESSAGE),
            ("2026-02-03-", FORM_MESSAGE),
            ("2026-02-03T00:00", FORM_MESSAGE),
            ("+026-02-03", FORM_MESSAGE),
            ("2026-+2-03", FORM_MESSAGE),
            ("2026 02 03", FORM_MESSAGE),
            ("tomorrow", FORM_MESSAGE),
            ("", "date is empty"),
        ];
        for (input, reason) in cases {
            assert_eq!(parse_date(input), Err(ValueError::new(reason)), "{input:?}");
        }
    }

    #[test]
    fn format_is_iso() {
        let cases = [
            (ymd(2026, 3, 1), "2026-03-01"),
            (ymd(999, 12, 31), "0999-12-31"),
            (ymd(2000, 2, 29), "2000-02-29"),
        ];
        for (date, text) in cases {
            assert_eq!(format_date(date), text);
        }
        // round trip through both input forms
        assert_eq!(format_date(parse_date("5.6.2026").unwrap()), "2026-06-05");
        assert_eq!(format_date(parse_date("2026-06-05").unwrap()), "2026-06-05");
    }

    #[test]
    fn booleans() {
        let cases = [
            ("true", Ok(true)),
            ("TRUE", Ok(true)),
            (" yes ", Ok(true)),
            ("Yes", Ok(true)),
            ("1", Ok(true)),
            ("kyllä", Ok(true)),
            ("KYLLÄ", Ok(true)),
            ("Kyllä", Ok(true)),
            ("false", Ok(false)),
            ("False", Ok(false)),
            ("no", Ok(false)),
            ("NO", Ok(false)),
            ("0", Ok(false)),
            ("ei", Ok(false)),
            ("EI", Ok(false)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_bool(input), expected, "{input:?}");
        }
        for input in [
            "", "y", "n", "kylla", "2", "-1", "truee", "on", "off", "yes no",
        ] {
            assert_eq!(
                parse_bool(input),
                Err(ValueError::new(
                    "expected true, false, yes, no, 1, 0, kyllä or ei"
                )),
                "{input:?}"
            );
        }
    }

    #[test]
    fn hostile_inputs_are_refused_without_panic() {
        let long_dots = format!("1.1.{}", "2".repeat(10_000));
        let own = [
            "٢٠٢٦-٠٢-٠٣",
            "ää.ä.ääää",
            "2026-ää-01",
            "2026-02-03\u{0}",
            "--",
            "..",
            long_dots.as_str(),
        ];
        for input in &crate::domain::hostile("1", &own) {
            assert!(parse_date(input).is_err(), "{input:?}");
            assert!(parse_bool(input).is_err(), "{input:?}");
        }
    }
}
