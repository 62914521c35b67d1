//! Personal data breaches (GDPR Art. 33, 34; SPEC §10): their ids
//! (`BR-3`), the nature and risk words, the datetimes staff type, and the
//! 72-hour deadline for telling the Data Protection Ombudsman.
//!
//! ## How the 72 hours are counted
//!
//! Art. 33(1) gives "72 hours after having become aware". Regulation (EEC,
//! Euratom) No 1182/71 counts periods of EU law:
//! - art. 3(1): where a period in hours runs from the moment an event
//!   occurs, the hour during which it occurs is not counted. Aware at 10:17
//!   (or at 10:00 sharp: that moment is in the hour 10:00–11:00), the period
//!   starts at 11:00;
//! - art. 3(2)(a): a period in hours starts at the beginning of its first
//!   hour and ends with the expiry of its last: 72 hours from 11:00 end at
//!   11:00 three days later;
//! - art. 3(4), which moves a period's end off a Saturday, Sunday or holiday,
//!   applies only to periods of days, weeks, months or years, so a breach
//!   found on a Friday evening or on Christmas Eve is due 72 hours later all
//!   the same.
//!
//! Daylight saving (Europe/Helsinki moves at 03:00 on the last Sunday of
//! March and 04:00 on the last Sunday of October): the reading taken here
//! is **72 hours of elapsed time**, counted on the UTC time line, not 72
//! hours of the wall clock. Reasons: the Regulation counts hours, and an
//! hour is a length of time, not a reading of the clock; the purpose of
//! Art. 33(1) is to bound how long the Ombudsman may be kept uninformed,
//! which is elapsed time; and it is the one reading that gives every
//! breach exactly 72 hours, where the wall-clock reading gives 71 across
//! the spring change (then the deadline shown in Helsinki time is one hour
//! later on the clock, e.g. 00:00 instead of 23:00) and 73 across the
//! autumn change (one hour earlier on the clock). The hour not counted under
//! art. 3(1) is the clock hour in Helsinki: offsets there are whole hours,
//! so that hour begins at a whole hour of UTC too, also in the repeated
//! hour of an October night.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, LocalResult, NaiveTime, SecondsFormat, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Helsinki;

use super::date::parse_date;
use super::request::Urgency;
use super::ValueError;

/// The period of Art. 33(1), in hours.
pub const NOTIFY_HOURS: i64 = 72;

/// How many hours before `notify_by` an unnotified breach counts as due soon.
pub const DUE_SOON_HOURS: i64 = 24;

/// A breach's id: `BR-`, a positive number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BreachId(pub i64);

impl fmt::Display for BreachId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BR-{}", self.0)
    }
}

impl FromStr for BreachId {
    type Err = ValueError;

    /// `BR-3`, in any case, surrounding white space ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::prefixed_number(s, "BR-", "breach").map(BreachId)
    }
}

/// The nature of a breach (WP250: the three security properties).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Nature {
    /// Disclosure of, or access to, data by someone not entitled to it.
    Confidentiality,
    /// Unauthorised or accidental alteration of data.
    Integrity,
    /// Loss of access to, or destruction of, data.
    Availability,
}

impl Nature {
    pub const ALL: [Nature; 3] = [
        Nature::Confidentiality,
        Nature::Integrity,
        Nature::Availability,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Nature::Confidentiality => "confidentiality",
            Nature::Integrity => "integrity",
            Nature::Availability => "availability",
        }
    }
}

impl FromStr for Nature {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_lowercase();
        Nature::ALL
            .into_iter()
            .find(|n| n.name() == s)
            .ok_or_else(|| ValueError::new("expected confidentiality, integrity or availability"))
    }
}

/// The risk to people's rights and freedoms, as assessed (Art. 33(1), 34(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Risk {
    /// Unlikely to result in a risk: documented only (Art. 33(5)).
    Unlikely,
    /// A risk: the Ombudsman is told (Art. 33(1)).
    Risk,
    /// A high risk: the Ombudsman and the people are told (Art. 34(1)).
    High,
}

impl Risk {
    pub const ALL: [Risk; 3] = [Risk::Unlikely, Risk::Risk, Risk::High];

    pub fn name(self) -> &'static str {
        match self {
            Risk::Unlikely => "unlikely",
            Risk::Risk => "risk",
            Risk::High => "high",
        }
    }

    /// Must the Ombudsman be told?
    pub fn needs_authority(self) -> bool {
        self != Risk::Unlikely
    }

    /// Must the people be told (Art. 34(1))?
    pub fn needs_subjects(self) -> bool {
        self == Risk::High
    }
}

impl FromStr for Risk {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_lowercase();
        Risk::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| ValueError::new("expected unlikely, risk or high"))
    }
}

/// A time as stored: RFC 3339, UTC, milliseconds (the form of the clock's
/// `now`, so that stored times compare as text).
pub fn format_utc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A time as a table shows it: `YYYY-MM-DD HH:MM` in Helsinki.
pub fn format_local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Helsinki)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A stored time back (RFC 3339).
pub fn parse_stored(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A datetime typed by staff: `YYYY-MM-DD HH:MM` (or `D.M.YYYY HH:MM`) on
/// the clock in Helsinki, or RFC 3339 with its own offset.
///
/// A Helsinki time that the spring change skips (03:00–03:59 on the last
/// Sunday of March) is refused. One that the autumn change repeats
/// (03:00–03:59 on the last Sunday of October) is taken as the earlier of
/// the two, which gives the earlier deadline: a user who meant the later
/// one can give RFC 3339 with `+02:00`.
pub fn parse_datetime(input: &str) -> Result<DateTime<Utc>, ValueError> {
    let s = input.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let form = || ValueError::new(crate::messages::M::DateTimeForm);
    let (date, time) = s.rsplit_once(' ').ok_or_else(form)?;
    let date = parse_date(date.trim_end()).map_err(|_| form())?;
    let (h, m) = time.split_once(':').ok_or_else(form)?;
    let two = |p: &str| (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit())).then_some(());
    two(h).and(two(m)).ok_or_else(form)?;
    let time = NaiveTime::from_hms_opt(
        h.parse().map_err(|_| form())?,
        m.parse().map_err(|_| form())?,
        0,
    )
    .ok_or_else(|| ValueError::new("not a real time of day"))?;
    match Helsinki.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(earlier, _) => Ok(earlier.with_timezone(&Utc)),
        LocalResult::None => Err(ValueError::new(
            "that time does not exist in Helsinki (the clocks skip it for daylight saving)",
        )),
    }
}

/// The end of the 72 hours of Art. 33(1) for a breach the firm became aware
/// of at `aware` (see the module's comment for the counting): the start of
/// the next Helsinki clock hour, plus 72 hours of elapsed time.
pub fn notify_by(aware: DateTime<Utc>) -> DateTime<Utc> {
    let local = aware.with_timezone(&Helsinki);
    // The start of the hour in which awareness falls: whole-hour offsets
    // make this the same instant on the local and the UTC clock.
    let hour_start = aware
        - Duration::minutes(i64::from(local.minute()))
        - Duration::seconds(i64::from(local.second()))
        - Duration::nanoseconds(i64::from(local.nanosecond()));
    hour_start + Duration::hours(1) + Duration::hours(NOTIFY_HOURS)
}

/// How pressing a breach that still needs its notification is at `now`:
/// `None` while more than [`DUE_SOON_HOURS`] remain. A notification at
/// `notify_by` itself is in time.
pub fn urgency(notify_by: DateTime<Utc>, now: DateTime<Utc>) -> Option<Urgency> {
    if now > notify_by {
        Some(Urgency::Overdue)
    } else if notify_by - now <= Duration::hours(DUE_SOON_HOURS) {
        Some(Urgency::DueSoon)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// Helsinki wall-clock text → deadline in Helsinki wall-clock text.
    fn local_deadline(aware: &str) -> String {
        format_local(notify_by(parse_datetime(aware).unwrap()))
    }

    #[test]
    fn notify_by_table() {
        let cases = [
            // (aware, Helsinki; deadline, Helsinki; why)
            (
                "2026-11-23 10:17",
                "2026-11-26 11:00",
                "10:17: the hour 10-11 is not counted",
            ),
            (
                "2026-11-23 10:00",
                "2026-11-26 11:00",
                "10:00 sharp falls in the hour 10-11",
            ),
            (
                "2026-11-23 10:59",
                "2026-11-26 11:00",
                "the last minute of the same hour",
            ),
            (
                "2026-11-23 09:59",
                "2026-11-26 10:00",
                "the minute before the boundary",
            ),
            ("2026-11-23 23:30", "2026-11-27 00:00", "across midnight"),
            (
                "2026-11-27 18:45",
                "2026-11-30 19:00",
                "Friday evening: the weekend counts",
            ),
            (
                "2026-11-25 16:20",
                "2026-11-28 17:00",
                "ends on a Saturday: art. 3(4) does not move it",
            ),
            (
                "2026-12-24 14:05",
                "2026-12-27 15:00",
                "Christmas Eve: holidays count, ends on a Sunday",
            ),
            (
                "2026-12-31 23:59",
                "2027-01-04 00:00",
                "New Year's Eve into the new year",
            ),
            // Spring: 2026-03-29 03:00 EET → 04:00 EEST. 72 real hours read one
            // hour later on the clock than the same clock time.
            (
                "2026-03-28 22:30",
                "2026-04-01 00:00",
                "the night of the spring change",
            ),
            (
                "2026-03-29 02:59",
                "2026-04-01 04:00",
                "just before the change: the next hour is 04:00",
            ),
            (
                "2026-03-29 04:10",
                "2026-04-01 05:00",
                "after the change, summer time throughout",
            ),
            (
                "2026-03-26 12:00",
                "2026-03-29 14:00",
                "ends just after the change",
            ),
            // Autumn: 2026-10-25 04:00 EEST → 03:00 EET. One hour earlier on the clock.
            (
                "2026-10-24 10:17",
                "2026-10-27 10:00",
                "the night of the autumn change",
            ),
            (
                "2026-10-25 02:30",
                "2026-10-28 02:00",
                "before the repeated hour",
            ),
            (
                "2026-10-22 05:30",
                "2026-10-25 05:00",
                "ends just after the change",
            ),
        ];
        for (aware, want, why) in cases {
            assert_eq!(local_deadline(aware), want, "{aware}: {why}");
        }
    }

    #[test]
    fn notify_by_is_always_72_real_hours_after_the_next_whole_hour() {
        let cases = [
            // spring change 2026-03-29 01:00Z
            ("2026-03-28T20:30:00Z", "2026-03-31T21:00:00Z"),
            // the repeated autumn hour, first (summer) and second (winter) time
            ("2026-10-25T00:30:00Z", "2026-10-28T01:00:00Z"),
            ("2026-10-25T01:30:00Z", "2026-10-28T02:00:00Z"),
            ("2026-11-23T08:00:00Z", "2026-11-26T09:00:00Z"),
            ("2026-11-23T08:00:00.001Z", "2026-11-26T09:00:00Z"),
        ];
        for (aware, want) in cases {
            let by = notify_by(utc(aware));
            assert_eq!(by, utc(want), "{aware}");
            let elapsed = by - utc(aware);
            assert!(
                elapsed > Duration::hours(72) && elapsed <= Duration::hours(73),
                "{aware}"
            );
        }
        // The repeated hour: 03:30 EEST and 03:30 EET, one hour apart, keep
        // their hour apart; on the clock both read 03:00 / 04:00 EET.
        assert_eq!(
            format_local(utc("2026-10-28T01:00:00Z")),
            "2026-10-28 03:00"
        );
        assert_eq!(
            format_local(utc("2026-10-28T02:00:00Z")),
            "2026-10-28 04:00"
        );
    }

    #[test]
    fn datetimes_in_helsinki_or_rfc3339() {
        let ok = [
            ("2026-11-23 10:17", "2026-11-23T08:17:00.000Z"),
            ("23.11.2026 10:17", "2026-11-23T08:17:00.000Z"),
            ("2026-07-01 00:30", "2026-06-30T21:30:00.000Z"),
            ("2026-11-23T10:17:00+02:00", "2026-11-23T08:17:00.000Z"),
            ("2026-11-23T08:17:00Z", "2026-11-23T08:17:00.000Z"),
            // the repeated autumn hour: the earlier (summer-time) one
            ("2026-10-25 03:30", "2026-10-25T00:30:00.000Z"),
            ("2026-10-25T03:30:00+02:00", "2026-10-25T01:30:00.000Z"),
        ];
        for (text, want) in ok {
            assert_eq!(format_utc(parse_datetime(text).unwrap()), want, "{text}");
        }
        for bad in [
            "",
            "2026-11-23",
            "2026-11-23 10",
            "2026-11-23 10:7",
            "2026-11-23 24:00",
            "2026-11-23 10:60",
            "2026-02-30 10:00",
            "2026-03-29 03:30",
            "tomorrow 10:00",
            "2026-11-23 +1:00",
        ] {
            assert!(parse_datetime(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn urgency_by_hours_left() {
        let by = utc("2026-11-26T09:00:00Z");
        let cases = [
            ("2026-11-26T09:00:00.001Z", Some(Urgency::Overdue)),
            ("2026-11-30T09:00:00Z", Some(Urgency::Overdue)),
            ("2026-11-26T09:00:00Z", Some(Urgency::DueSoon)),
            ("2026-11-25T09:00:00Z", Some(Urgency::DueSoon)),
            ("2026-11-25T08:59:59Z", None),
        ];
        for (now, want) in cases {
            assert_eq!(urgency(by, utc(now)), want, "{now}");
        }
    }

    #[test]
    fn ids_and_words() {
        assert_eq!("br-12".parse::<BreachId>(), Ok(BreachId(12)));
        assert_eq!(BreachId(3).to_string(), "BR-3");
        for bad in ["", "BR-", "BR-0", "BR-1a", "REQ-1", "B-1", "BR 1", "BR-+1"] {
            assert!(bad.parse::<BreachId>().is_err(), "{bad:?}");
        }
        for n in Nature::ALL {
            assert_eq!(n.name().parse::<Nature>(), Ok(n));
        }
        for r in Risk::ALL {
            assert_eq!(r.name().parse::<Risk>(), Ok(r));
        }
        assert!("secrecy".parse::<Nature>().is_err());
        assert!(Risk::Risk.needs_authority() && !Risk::Unlikely.needs_authority());
        assert!(Risk::High.needs_subjects() && !Risk::Risk.needs_subjects());
    }
}
