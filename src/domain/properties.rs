//! Property tests of every parser (the project's fuzzing, issue #8): no
//! input makes one panic, valid values generated from the rules are
//! accepted and keep their normal form, and a single wrong check character
//! is always caught (the import's CSV row path: `ops::import::properties`). `cargo
//! test` runs a few hundred cases each;
//! `PROPTEST_CASES=1000000 cargo test --release --lib properties` runs a
//! long campaign.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::business_id::BusinessId;
use super::date::{format_date, parse_date};
use super::email::Email;
use super::fields::{fields, new_values, Ctx};
use super::hetu::Hetu;
use super::phone::Phone;
use super::register::Register;

const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// Any text, weighted towards what breaks parsers: digits, separators,
/// signs, non-ASCII digits and letters, control characters.
pub(crate) fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9A-Za-z+\\-–. @()/:]{0,16}",
        "[0-9]{6}[-+A-FYXWVU*/][0-9]{3}[0-9A-Z]",
        "[\\u{0}-\\u{1f}\\u{202a}-\\u{202e}\\u{660}-\\u{669}äöåÄÖ ]{0,12}",
    ]
}

/// A valid hetu built by the rules of DOMAIN §1. The birth date is a day
/// counted from 1 January 1850, so every case is a real date up to today
/// and nothing is filtered out: a filter's rejects would stop a campaign
/// of millions of cases at proptest's reject limit.
fn valid_hetu() -> impl Strategy<Value = (String, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(1850, 1, 1).unwrap();
    let days = (today() - first).num_days() as u64;
    (0..=days, 2u32..=999, 0usize..6).prop_map(move |(day, n, pick)| {
        let date = first + chrono::Days::new(day);
        let y = date.year();
        let signs: &[char] = match y {
            1800..=1899 => &['+'],
            1900..=1999 => &['-', 'Y', 'X', 'W', 'V', 'U'],
            _ => &['A', 'B', 'C', 'D', 'E', 'F'],
        };
        let sign = signs[pick % signs.len()];
        let digits = format!("{:02}{:02}{:02}{:03}", date.day(), date.month(), y % 100, n);
        let number: u64 = digits.parse().expect("nine digits");
        let check = CHECK[(number % 31) as usize] as char;
        (
            format!("{}{}{}{}", &digits[..6], sign, &digits[6..], check),
            date,
        )
    })
}

fn valid_business_id() -> impl Strategy<Value = String> {
    // Step to the next number that has a check digit (about one in eleven
    // has none) rather than reject, so long campaigns never run dry.
    (0u32..9_999_990).prop_map(|mut n| loop {
        let digits = format!("{n:07}");
        let weights = [7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = digits
            .bytes()
            .zip(weights)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        match sum % 11 {
            0 => return format!("{digits}-0"),
            1 => n += 1,
            r => return format!("{digits}-{}", 11 - r),
        }
    })
}

proptest! {
    #[test]
    fn no_parser_panics(s in hostile()) {
        let _ = Hetu::parse(&s, today());
        let _ = BusinessId::parse(&s);
        let _ = s.parse::<Email>();
        let _ = Phone::parse(&s, "FI");
        let _ = Phone::parse(&s, "SE");
        let _ = parse_date(&s);
        let _ = super::codes::language(&s);
        let _ = super::codes::country(&s);
        let _ = s.parse::<super::register::RecordId>();
    }

    #[test]
    fn every_field_of_every_register_takes_any_text_without_panic(s in hostile(), which in 0usize..23, reg in 0usize..4) {
        let register = Register::ALL[reg];
        let i = which % fields(register).len();
        let _ = new_values(register, &[(i, s)], Ctx { today: today() });
    }

    #[test]
    fn valid_hetus_are_accepted_in_either_case((hetu, born) in valid_hetu()) {
        let parsed = Hetu::parse(&hetu.to_lowercase(), today()).unwrap();
        prop_assert_eq!(parsed.as_str(), hetu.as_str());
        prop_assert_eq!(parsed.birth_date(), born);
        let debug = format!("{:?}", parsed);
        prop_assert_eq!(debug, format!("Hetu({}****)", &hetu[..7]));
    }

    #[test]
    fn a_wrong_check_character_is_always_caught((hetu, _) in valid_hetu(), k in 1usize..31) {
        let good = hetu.as_bytes()[10];
        let pos = CHECK.iter().position(|c| *c == good).unwrap();
        let bad = format!("{}{}", &hetu[..10], CHECK[(pos + k) % 31] as char);
        prop_assert!(Hetu::parse(&bad, today()).is_err());
    }

    #[test]
    fn business_ids_in_every_spelling_normalise_alike(id in valid_business_id()) {
        let plain = id.replace('-', "");
        for spelling in [id.clone(), id.replace('-', "–"), plain.clone(), format!("FI{plain}"), format!(" fi{plain} ")] {
            let parsed = BusinessId::parse(&spelling).unwrap();
            prop_assert_eq!(parsed.as_str(), id.as_str());
        }
        let wrong = format!("{}-{}", &id[..7], (id.as_bytes()[8] - b'0' + 1) % 10);
        prop_assert!(BusinessId::parse(&wrong).is_err());
    }

    #[test]
    fn dates_round_trip_in_both_spellings(days in 0i64..200_000) {
        let d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
        prop_assert_eq!(parse_date(&format_date(d)).unwrap(), d);
        let finnish = format!("{}.{}.{}", d.day(), d.month(), d.year());
        prop_assert_eq!(parse_date(&finnish).unwrap(), d);
    }

    #[test]
    fn finnish_mobile_numbers_normalise_to_e164(prefix in prop::sample::select(vec!["40", "41", "44", "45", "46", "50"]), rest in "[0-9]{7}") {
        let e164 = format!("+358{prefix}{rest}");
        for spelling in [format!("0{prefix} {rest}"), format!("00358{prefix}{rest}"), format!("+358 {prefix} {}-{}", &rest[..3], &rest[3..])] {
            let parsed = Phone::parse(&spelling, "FI").unwrap();
            prop_assert_eq!(parsed.as_str(), e164.as_str());
        }
    }
}
