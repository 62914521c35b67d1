//! Calendar arithmetic for privreg: month-exact date shifting (retention and
//! holds, DOMAIN.md §5), Finnish public holidays and working days, and the
//! due date of a data subject request (GDPR Art. 12(3) counted with
//! Regulation 1182/71 art. 3, DOMAIN.md §6).
//!
//! Everything here is pure and total: no function panics for any date chrono
//! can represent. Where a result would fall outside chrono's range
//! (`NaiveDate::MIN`..=`NaiveDate::MAX`, roughly ±262 000 years) it is clamped
//! to the nearest representable date instead; privreg only ever deals with
//! dates in the years 1900–2200, so the clamp exists for robustness, not for
//! any real case.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Same day `months` months later; a day that does not exist in the target month becomes that month's last day
/// (2024-02-29 + 12 → 2025-02-28; 2026-01-31 + 1 → 2026-02-28). Used for retention ("5 years after" = 60 months).
///
/// The shift is always taken from the original date, never chained month by
/// month, so 2026-01-31 + 2 is 2026-03-31 (not 2026-03-28). A result past
/// `NaiveDate::MAX` is clamped to `NaiveDate::MAX`.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    // chrono's `checked_add_months` implements exactly the DOMAIN rule (clamp
    // the day to the target month's length) and only fails on overflow,
    // which can only be past the upper end because `months` is unsigned.
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `add_months(date, 12 * years)`: 2024-02-29 + 1 year is 2025-02-28
/// (DOMAIN §5: a 29 February end counts to 28 February in a non-leap year).
/// A month count that would overflow `u32` is saturated, which lands on the
/// `NaiveDate::MAX` clamp of `add_months` anyway.
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    add_months(date, years.saturating_mul(12))
}

/// Easter Sunday (Gregorian, anonymous/Meeus algorithm) for a year.
///
/// Years outside chrono's range are clamped: a year above it gives
/// `NaiveDate::MAX`, a year below it `NaiveDate::MIN`.
pub fn easter_sunday(year: i32) -> NaiveDate {
    if year > NaiveDate::MAX.year() {
        return NaiveDate::MAX;
    }
    if year < NaiveDate::MIN.year() {
        return NaiveDate::MIN;
    }
    // Euclidean division keeps the algorithm correct for the (proleptic)
    // negative years chrono can represent; for positive years it is the same
    // as `/` and `%`. Within chrono's range nothing here can overflow i32.
    let y = year;
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    // month is 3 or 4 and day 1..=31 by construction, so the date exists for
    // every year in range; the fallback only keeps the function panic-free.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or(if year > 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// Finnish public holidays of DOMAIN §6 (including Midsummer Eve as de facto holiday), with a name each.
///
/// Fifteen entries sorted by date. Two holidays can share a date (Ascension
/// Day falls on May Day when Easter is 23 March, e.g. 2008); both are then
/// listed, so every holiday kind appears exactly once per year. Holidays that
/// chrono cannot represent (only possible at the very ends of its range) are
/// left out rather than invented.
pub fn finnish_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let fixed = |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day);
    // Easter-relative holidays are shifted with checked arithmetic; they
    // cannot leave the year, but an out-of-range year clamps Easter itself.
    let in_range = year >= NaiveDate::MIN.year() && year <= NaiveDate::MAX.year();
    let easter = in_range.then(|| easter_sunday(year));
    let from_easter = |days: i64| {
        let e = easter?;
        if days >= 0 {
            e.checked_add_days(Days::new(days.unsigned_abs()))
        } else {
            e.checked_sub_days(Days::new(days.unsigned_abs()))
        }
    };

    let candidates: [(Option<NaiveDate>, &'static str); 15] = [
        (fixed(1, 1), "New Year's Day"),
        (fixed(1, 6), "Epiphany"),
        (from_easter(-2), "Good Friday"),
        (easter, "Easter Sunday"),
        (from_easter(1), "Easter Monday"),
        (fixed(5, 1), "May Day"),
        (from_easter(39), "Ascension Day"),
        (from_easter(49), "Whit Sunday"),
        // The movable midsummer and All Saints' days are "the <weekday> in a
        // seven-day window", so the first such weekday on or after the
        // window's first day is the one.
        (
            first_on_or_after(fixed(6, 19), Weekday::Fri),
            "Midsummer Eve",
        ),
        (
            first_on_or_after(fixed(6, 20), Weekday::Sat),
            "Midsummer Day",
        ),
        (
            first_on_or_after(fixed(10, 31), Weekday::Sat),
            "All Saints' Day",
        ),
        (fixed(12, 6), "Independence Day"),
        (fixed(12, 24), "Christmas Eve"),
        (fixed(12, 25), "Christmas Day"),
        (fixed(12, 26), "Boxing Day"),
    ];

    let mut holidays: Vec<(NaiveDate, &'static str)> = candidates
        .into_iter()
        .filter_map(|(date, name)| date.map(|d| (d, name)))
        .collect();
    // Stable sort: on a shared date the order above is kept.
    holidays.sort_by_key(|&(date, _)| date);
    holidays
}

/// Whether `date` is one of the holidays of [`finnish_holidays`].
pub fn is_finnish_holiday(date: NaiveDate) -> bool {
    finnish_holidays(date.year())
        .iter()
        .any(|&(holiday, _)| holiday == date)
}

/// Not Saturday, not Sunday, not a Finnish holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_finnish_holiday(date)
}

/// `date` itself if it is a working day, otherwise the first working day
/// after it. At `NaiveDate::MAX` there is no later day, so that date is
/// returned as is (clamp, not panic).
pub fn next_working_day_on_or_after(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    // Terminates quickly: the longest run of non-working days in the Finnish
    // calendar is five (Saturday to Wednesday when Christmas Eve is a
    // Monday, e.g. 2029); Good Friday to Easter Monday is four.
    while !is_working_day(day) {
        match day.succ_opt() {
            Some(next) => day = next,
            None => return day,
        }
    }
    day
}

/// GDPR Art. 12(3) with Regulation 1182/71 art. 3: receipt day not counted; ends on the same date `months` months later,
/// or that month's last day if the date does not exist; moved to the next working day if it falls on Sat/Sun/holiday.
/// months = 1 for the normal deadline, 3 for an extended one.
///
/// "Receipt day not counted" needs no separate step: a period of months
/// starting the day after receipt ends on the date matching the receipt day
/// (received 2026-03-15 → due 2026-04-15), which is what `add_months` gives.
pub fn request_due(received: NaiveDate, months: u32) -> NaiveDate {
    next_working_day_on_or_after(add_months(received, months))
}

/// First `weekday` on or after `start` (within the following six days).
fn first_on_or_after(start: Option<NaiveDate>, weekday: Weekday) -> Option<NaiveDate> {
    let start = start?;
    let offset = (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
    start.checked_add_days(Days::new(u64::from(offset)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date literal")
    }

    /// Easter by Gauss's algorithm, written independently of the Meeus
    /// version in the module so that the two check each other.
    fn gauss_easter(year: i32) -> NaiveDate {
        let a = year % 19;
        let b = year % 4;
        let c = year % 7;
        let k = year / 100;
        let p = (13 + 8 * k) / 25;
        let q = k / 4;
        let m = (15 - p + k - q) % 30;
        let n = (4 + k - q) % 7;
        let dd = (19 * a + m) % 30;
        let e = (2 * b + 4 * c + 6 * dd + n) % 7;
        // Gauss's two exceptions.
        if dd == 29 && e == 6 {
            return NaiveDate::from_ymd_opt(year, 4, 19).unwrap();
        }
        if dd == 28 && e == 6 && (11 * m + 11) % 30 < 19 {
            return NaiveDate::from_ymd_opt(year, 4, 18).unwrap();
        }
        let march_day = 22 + dd + e; // may run past 31 into April
        if march_day <= 31 {
            NaiveDate::from_ymd_opt(year, 3, march_day as u32).unwrap()
        } else {
            NaiveDate::from_ymd_opt(year, 4, (march_day - 31) as u32).unwrap()
        }
    }

    fn holiday(year: i32, name: &str) -> NaiveDate {
        let found: Vec<NaiveDate> = finnish_holidays(year)
            .into_iter()
            .filter(|&(_, n)| n == name)
            .map(|(date, _)| date)
            .collect();
        assert_eq!(found.len(), 1, "{name} in {year}: {found:?}");
        found[0]
    }

    #[test]
    fn domain_worked_examples() {
        // DOMAIN §6, verbatim.
        assert_eq!(request_due(d("2026-03-31"), 1), d("2026-04-30"));
        assert_eq!(d("2026-04-30").weekday(), Thu);
        assert_eq!(d("2027-02-28").weekday(), Sun);
        assert_eq!(request_due(d("2027-01-31"), 1), d("2027-03-01"));
        // DOMAIN §5: 2020-03-15 + 5 years is 2025-03-15, date-exact.
        assert_eq!(add_years(d("2020-03-15"), 5), d("2025-03-15"));
        assert_eq!(add_months(d("2020-03-15"), 60), d("2025-03-15"));
    }

    #[test]
    fn easter_matches_gauss_and_known_dates() {
        // Two algorithms agree over the whole range privreg cares about.
        for year in 1900..=2200 {
            let easter = easter_sunday(year);
            assert_eq!(easter, gauss_easter(year), "{year}");
            assert_eq!(easter.weekday(), Sun, "{year}");
            assert!(
                easter >= NaiveDate::from_ymd_opt(year, 3, 22).unwrap()
                    && easter <= NaiveDate::from_ymd_opt(year, 4, 25).unwrap(),
                "{year}: {easter}"
            );
        }
        // Published dates, each also checked to be a Sunday in the window.
        let known = [
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2029, "2029-04-01"),
            (2030, "2030-04-21"),
            // Extremes of the window, to exercise the Gauss exceptions too.
            (1913, "1913-03-23"),
            (2008, "2008-03-23"),
            (1943, "1943-04-25"),
            (2038, "2038-04-25"),
            (1981, "1981-04-19"), // Gauss exception d = 29, e = 6
            (1954, "1954-04-18"), // Gauss exception d = 28, e = 6
        ];
        for (year, date) in known {
            assert_eq!(d(date).weekday(), Sun, "{date}");
            assert_eq!(easter_sunday(year), d(date), "{year}");
            assert_eq!(gauss_easter(year), d(date), "{year}");
        }
    }

    #[test]
    fn holidays_2026_to_2030_each_kind_once_on_the_right_weekday() {
        const KINDS: [&str; 15] = [
            "New Year's Day",
            "Epiphany",
            "Good Friday",
            "Easter Sunday",
            "Easter Monday",
            "May Day",
            "Ascension Day",
            "Whit Sunday",
            "Midsummer Eve",
            "Midsummer Day",
            "All Saints' Day",
            "Independence Day",
            "Christmas Eve",
            "Christmas Day",
            "Boxing Day",
        ];
        for year in 2026..=2030 {
            let list = finnish_holidays(year);
            assert_eq!(list.len(), KINDS.len(), "{year}: {list:?}");
            for kind in KINDS {
                holiday(year, kind); // asserts exactly one
            }
            assert!(list.windows(2).all(|w| w[0].0 <= w[1].0), "sorted");
            assert!(list.iter().all(|&(date, _)| date.year() == year));

            let ymd = |m, dd| NaiveDate::from_ymd_opt(year, m, dd).unwrap();
            let easter = easter_sunday(year);
            assert_eq!(holiday(year, "New Year's Day"), ymd(1, 1));
            assert_eq!(holiday(year, "Epiphany"), ymd(1, 6));
            assert_eq!(holiday(year, "May Day"), ymd(5, 1));
            assert_eq!(holiday(year, "Independence Day"), ymd(12, 6));
            assert_eq!(holiday(year, "Christmas Eve"), ymd(12, 24));
            assert_eq!(holiday(year, "Christmas Day"), ymd(12, 25));
            assert_eq!(holiday(year, "Boxing Day"), ymd(12, 26));
            assert_eq!(holiday(year, "Easter Sunday"), easter);

            let good_friday = holiday(year, "Good Friday");
            assert_eq!(good_friday.weekday(), Fri);
            assert_eq!((easter - good_friday).num_days(), 2);
            let easter_monday = holiday(year, "Easter Monday");
            assert_eq!(easter_monday.weekday(), Mon);
            assert_eq!((easter_monday - easter).num_days(), 1);
            let ascension = holiday(year, "Ascension Day");
            assert_eq!(ascension.weekday(), Thu);
            assert_eq!((ascension - easter).num_days(), 39);
            let whit = holiday(year, "Whit Sunday");
            assert_eq!(whit.weekday(), Sun);
            assert_eq!((whit - easter).num_days(), 49);

            let eve = holiday(year, "Midsummer Eve");
            assert_eq!(eve.weekday(), Fri);
            assert!(eve >= ymd(6, 19) && eve <= ymd(6, 25), "{eve}");
            let midsummer = holiday(year, "Midsummer Day");
            assert_eq!(midsummer.weekday(), Sat);
            assert!(midsummer >= ymd(6, 20) && midsummer <= ymd(6, 26));
            assert_eq!((midsummer - eve).num_days(), 1);
            let all_saints = holiday(year, "All Saints' Day");
            assert_eq!(all_saints.weekday(), Sat);
            assert!(all_saints >= ymd(10, 31) && all_saints <= ymd(11, 6));
        }
    }

    #[test]
    fn movable_holidays_2026_to_2030_hand_checked() {
        // (Easter, Midsummer Eve, All Saints') worked out by hand from a
        // calendar; the weekdays are asserted in the test above.
        let table = [
            (2026, "2026-04-05", "2026-06-19", "2026-10-31"),
            (2027, "2027-03-28", "2027-06-25", "2027-11-06"),
            (2028, "2028-04-16", "2028-06-23", "2028-11-04"),
            (2029, "2029-04-01", "2029-06-22", "2029-11-03"),
            (2030, "2030-04-21", "2030-06-21", "2030-11-02"),
        ];
        for (year, easter, eve, all_saints) in table {
            assert_eq!(holiday(year, "Easter Sunday"), d(easter));
            assert_eq!(holiday(year, "Midsummer Eve"), d(eve));
            assert_eq!(holiday(year, "All Saints' Day"), d(all_saints));
        }
    }

    #[test]
    fn ascension_on_may_day_lists_both() {
        // Easter 2008 was 23 March, so Ascension Day was 1 May.
        assert_eq!(holiday(2008, "Ascension Day"), d("2008-05-01"));
        assert_eq!(holiday(2008, "May Day"), d("2008-05-01"));
        assert_eq!(finnish_holidays(2008).len(), 15);
    }

    #[test]
    fn working_days() {
        let cases = [
            ("2026-04-30", true, "plain Thursday"),
            ("2026-05-02", false, "Saturday"),
            ("2026-05-03", false, "Sunday"),
            ("2026-05-01", false, "May Day (Friday)"),
            ("2026-06-19", false, "Midsummer Eve (Friday)"),
            ("2026-12-24", false, "Christmas Eve (Thursday)"),
            ("2026-12-28", true, "Monday after Christmas"),
            ("2029-12-27", true, "Thursday after Boxing Day"),
        ];
        for (date, working, why) in cases {
            assert_eq!(is_working_day(d(date)), working, "{date}: {why}");
        }
        assert_eq!(
            next_working_day_on_or_after(d("2026-04-30")),
            d("2026-04-30")
        );
        assert_eq!(
            next_working_day_on_or_after(d("2026-04-03")),
            d("2026-04-07")
        );
    }

    #[test]
    fn request_due_table() {
        // (received, months, raw end = same date `months` later or clamped,
        //  due, why). Weekdays of raw end and due are asserted below.
        #[rustfmt::skip]
        let cases: &[(&str, u32, &str, Weekday, &str, Weekday, &str)] = &[
            // --- DOMAIN examples and month-end clamping ---
            ("2026-03-31", 1, "2026-04-30", Thu, "2026-04-30", Thu, "31 Mar -> 30 Apr (no 31 Apr), a working Thursday"),
            ("2027-01-31", 1, "2027-02-28", Sun, "2027-03-01", Mon, "31 Jan -> 28 Feb (non-leap), Sunday -> Monday"),
            ("2026-01-31", 1, "2026-02-28", Sat, "2026-03-02", Mon, "31 Jan -> 28 Feb, Saturday -> over Sunday 1 Mar -> Monday"),
            ("2028-01-30", 1, "2028-02-29", Tue, "2028-02-29", Tue, "30 Jan in leap year -> 29 Feb, a working Tuesday"),
            ("2028-01-31", 1, "2028-02-29", Tue, "2028-02-29", Tue, "31 Jan in leap year -> 29 Feb"),
            ("2029-12-31", 1, "2030-01-31", Thu, "2030-01-31", Thu, "year boundary, 31 Jan exists"),
            // --- leap day receipt ---
            ("2028-02-29", 1, "2028-03-29", Wed, "2028-03-29", Wed, "29 Feb receipt -> 29 Mar, not month end"),
            // --- plain weekend and plain working day ---
            ("2026-01-28", 1, "2026-02-28", Sat, "2026-03-02", Mon, "plain Saturday -> Monday"),
            ("2026-02-01", 1, "2026-03-01", Sun, "2026-03-02", Mon, "plain Sunday -> Monday"),
            ("2026-06-10", 1, "2026-07-10", Fri, "2026-07-10", Fri, "plain working Friday, no shift"),
            ("2028-10-06", 1, "2028-11-06", Mon, "2028-11-06", Mon, "working Monday after All Saints' week"),
            // --- Easter ---
            ("2026-03-03", 1, "2026-04-03", Fri, "2026-04-07", Tue, "Good Friday -> Sat, Easter Sun, Easter Mon -> Tuesday"),
            ("2030-03-19", 1, "2030-04-19", Fri, "2030-04-23", Tue, "Good Friday 2030 -> Tuesday after Easter Monday"),
            ("2027-02-28", 1, "2027-03-28", Sun, "2027-03-30", Tue, "Easter Sunday -> Easter Monday -> Tuesday"),
            ("2029-03-02", 1, "2029-04-02", Mon, "2029-04-03", Tue, "Easter Monday -> Tuesday"),
            ("2028-03-17", 1, "2028-04-17", Mon, "2028-04-18", Tue, "Easter Monday 2028 -> Tuesday"),
            // --- May ---
            ("2029-04-01", 1, "2029-05-01", Tue, "2029-05-02", Wed, "May Day on a Tuesday -> Wednesday"),
            ("2026-04-01", 1, "2026-05-01", Fri, "2026-05-04", Mon, "May Day on a Friday -> over weekend -> Monday"),
            ("2026-04-14", 1, "2026-05-14", Thu, "2026-05-15", Fri, "Ascension Day -> Friday"),
            ("2030-04-30", 1, "2030-05-30", Thu, "2030-05-31", Fri, "Ascension Day 2030 -> Friday"),
            ("2028-05-04", 1, "2028-06-04", Sun, "2028-06-05", Mon, "Whit Sunday -> Monday"),
            // --- Midsummer ---
            ("2026-05-19", 1, "2026-06-19", Fri, "2026-06-22", Mon, "Midsummer Eve -> Midsummer Day, Sunday -> Monday"),
            ("2027-05-25", 1, "2027-06-25", Fri, "2027-06-28", Mon, "Midsummer Eve 2027 -> Monday"),
            ("2029-05-23", 1, "2029-06-23", Sat, "2029-06-25", Mon, "Midsummer Day -> Sunday -> Monday"),
            // --- autumn and December ---
            ("2027-10-06", 1, "2027-11-06", Sat, "2027-11-08", Mon, "All Saints' Day (6 Nov) -> Monday"),
            ("2029-11-06", 1, "2029-12-06", Thu, "2029-12-07", Fri, "Independence Day on a Thursday -> Friday"),
            ("2027-11-06", 1, "2027-12-06", Mon, "2027-12-07", Tue, "Independence Day on a Monday -> Tuesday"),
            ("2029-11-24", 1, "2029-12-24", Mon, "2029-12-27", Thu, "Christmas Eve, Christmas Day, Boxing Day (Mon-Wed) -> Thursday"),
            ("2029-11-22", 1, "2029-12-22", Sat, "2029-12-27", Thu, "Saturday, Sunday, then Christmas Mon-Wed: longest run, 5 days -> Thursday"),
            ("2026-11-24", 1, "2026-12-24", Thu, "2026-12-28", Mon, "Christmas Eve, Day (Fri), Boxing Day (Sat), Sunday -> Monday"),
            ("2030-11-24", 1, "2030-12-24", Tue, "2030-12-27", Fri, "Christmas chain Tue-Thu -> Friday"),
            ("2030-11-25", 1, "2030-12-25", Wed, "2030-12-27", Fri, "Christmas Day, Boxing Day -> Friday"),
            ("2029-11-26", 1, "2029-12-26", Wed, "2029-12-27", Thu, "Boxing Day alone -> Thursday"),
            // --- January ---
            ("2028-12-01", 1, "2029-01-01", Mon, "2029-01-02", Tue, "New Year's Day on a Monday -> Tuesday"),
            ("2026-12-01", 1, "2027-01-01", Fri, "2027-01-04", Mon, "New Year's Day on a Friday -> over weekend -> Monday"),
            ("2026-12-06", 1, "2027-01-06", Wed, "2027-01-07", Thu, "Epiphany on a Wednesday -> Thursday"),
            ("2027-12-06", 1, "2028-01-06", Thu, "2028-01-07", Fri, "Epiphany on a Thursday -> Friday"),
            // --- extended deadline: three months ---
            ("2026-03-31", 3, "2026-06-30", Tue, "2026-06-30", Tue, "extension, 31 Mar -> 30 Jun"),
            ("2026-09-24", 3, "2026-12-24", Thu, "2026-12-28", Mon, "extension onto Christmas Eve -> Monday"),
            ("2026-11-30", 3, "2027-02-28", Sun, "2027-03-01", Mon, "extension, 30 Nov -> 28 Feb (clamped), Sunday -> Monday"),
            ("2027-11-30", 3, "2028-02-29", Tue, "2028-02-29", Tue, "extension, 30 Nov -> 29 Feb (leap, clamped)"),
            ("2029-10-01", 3, "2030-01-01", Tue, "2030-01-02", Wed, "extension onto New Year's Day -> Wednesday"),
            ("2026-07-31", 3, "2026-10-31", Sat, "2026-11-02", Mon, "extension onto All Saints' Day (31 Oct) -> Monday"),
        ];
        for &(received, months, raw, raw_wd, due, due_wd, why) in cases {
            let (received, raw, due) = (d(received), d(raw), d(due));
            assert_eq!(raw.weekday(), raw_wd, "{why}: raw end weekday");
            assert_eq!(due.weekday(), due_wd, "{why}: due weekday");
            assert!(!matches!(due_wd, Sat | Sun), "{why}: due on a weekend");
            assert_eq!(add_months(received, months), raw, "{why}");
            assert_eq!(request_due(received, months), due, "{why}");
            // Every day skipped over really is a non-working day.
            let mut day = raw;
            while day < due {
                assert!(!is_working_day(day), "{why}: {day} skipped");
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        let cases = [
            (
                "2024-02-29",
                12,
                "2025-02-28",
                "leap day, next year has no 29 Feb",
            ),
            ("2026-01-31", 1, "2026-02-28", "31 Jan -> 28 Feb"),
            (
                "2024-01-31",
                1,
                "2024-02-29",
                "31 Jan -> 29 Feb in a leap year",
            ),
            ("2026-05-31", 1, "2026-06-30", "31 May -> 30 Jun"),
            (
                "2026-01-31",
                2,
                "2026-03-31",
                "not chained: Jan 31 + 2 is Mar 31",
            ),
            ("2026-12-31", 2, "2027-02-28", "across a year end"),
            ("2028-02-29", 12, "2029-02-28", "leap day + 12"),
            (
                "2028-02-29",
                48,
                "2032-02-29",
                "leap day + 4 years is a leap day again",
            ),
            ("2026-07-15", 0, "2026-07-15", "zero months is identity"),
        ];
        for (from, months, to, why) in cases {
            assert_eq!(add_months(d(from), months), d(to), "{why}");
        }
    }

    #[test]
    fn add_years_on_29_february() {
        let cases = [
            ("2024-02-29", 1, "2025-02-28", "non-leap target"),
            ("2024-02-29", 4, "2028-02-29", "leap target"),
            ("2000-02-29", 100, "2100-02-28", "2100 is not a leap year"),
            ("2096-02-29", 104, "2200-02-28", "2200 is not a leap year"),
            ("2020-02-29", 10, "2030-02-28", "employee 10-year limit"),
            ("2026-03-15", 6, "2032-03-15", "customer 6-year limit"),
        ];
        for (from, years, to, why) in cases {
            assert_eq!(add_years(d(from), years), d(to), "{why}");
            assert_eq!(add_years(d(from), years), add_months(d(from), 12 * years));
        }
    }

    #[test]
    fn no_panic_1900_to_2200_and_clamps_at_range_ends() {
        let mut day = d("1900-01-01");
        let end = d("2200-12-31");
        while day <= end {
            let due = request_due(day, 1);
            assert!(due > day && is_working_day(due), "{day}");
            // The comment in next_working_day_on_or_after: at most five
            // non-working days in a row, so a deadline moves by at most five.
            assert!((due - add_months(day, 1)).num_days() <= 5, "{day}");
            let extended = request_due(day, 3);
            assert!(extended >= due, "{day}");
            day = day.succ_opt().unwrap();
        }
        // Every holiday list in the range is complete.
        for year in 1900..=2200 {
            assert_eq!(finnish_holidays(year).len(), 15, "{year}");
        }
        // Out-of-range inputs clamp instead of panicking.
        assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(add_months(d("2026-01-01"), u32::MAX), NaiveDate::MAX);
        assert_eq!(add_years(d("2026-01-01"), u32::MAX), NaiveDate::MAX);
        assert_eq!(easter_sunday(i32::MAX), NaiveDate::MAX);
        assert_eq!(easter_sunday(i32::MIN), NaiveDate::MIN);
        assert!(finnish_holidays(i32::MAX).is_empty());
        assert!(finnish_holidays(i32::MIN).is_empty());
        let _ = next_working_day_on_or_after(NaiveDate::MAX);
        let _ = request_due(NaiveDate::MAX, 3);
        let _ = request_due(NaiveDate::MIN, 1);
        let _ = finnish_holidays(NaiveDate::MAX.year());
        let _ = finnish_holidays(NaiveDate::MIN.year());
    }
}
