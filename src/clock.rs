//! The one clock (SPEC §7 "One clock"): every date and time privreg records
//! or counts from comes from here, read once per command.
//!
//! A command's clock is one instant. Times are stored as RFC 3339 UTC;
//! dates (today, a request's receipt, a retention's end) are the date of
//! that instant in Europe/Helsinki, whatever the machine's time zone, so a
//! request received at 00:30 Finnish time on the 1st is received on the 1st.
//!
//! The test suite moves this clock, and only this clock, with
//! `PRIVREG_TODAY` (a date, taken at noon in Helsinki, or an RFC 3339
//! time). That override exists in builds with debug assertions — the
//! builds `cargo test` runs — and is compiled out of release builds, where
//! the clock is the system clock and nothing else: no environment variable
//! can move the date an AML hold counts from.

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Europe::Helsinki;

use crate::error::{Error, Result};

/// The variable the test suite moves the clock with (debug builds only).
pub const OVERRIDE_VAR: &str = "PRIVREG_TODAY";

/// One instant: when a command runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    now: DateTime<Utc>,
}

impl Clock {
    /// The clock a command runs on: the system clock, or in a debug build
    /// the instant `PRIVREG_TODAY` names.
    pub fn current() -> Result<Clock> {
        match test_override()? {
            Some(clock) => Ok(clock),
            None => Ok(Clock::at(Utc::now())),
        }
    }

    pub fn at(now: DateTime<Utc>) -> Clock {
        Clock { now }
    }

    /// Noon of `date` in Helsinki: a date given without a time of day
    /// falls on that date whatever the offset.
    pub fn on(date: NaiveDate) -> Clock {
        let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists"));
        // Noon is never in a daylight-saving gap or fold in Helsinki.
        let local = Helsinki
            .from_local_datetime(&noon)
            .single()
            .expect("noon is unambiguous in Europe/Helsinki");
        Clock::at(local.with_timezone(&Utc))
    }

    /// The instant, UTC.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The instant as stored: RFC 3339, UTC, milliseconds.
    pub fn now_rfc3339(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// Today's date in Europe/Helsinki.
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&Helsinki).date_naive()
    }
}

/// `PRIVREG_TODAY` as a clock, in builds with debug assertions only.
#[cfg(debug_assertions)]
fn test_override() -> Result<Option<Clock>> {
    match std::env::var(OVERRIDE_VAR) {
        Ok(s) if !s.trim().is_empty() => parse_override(s.trim()).map(Some),
        _ => Ok(None),
    }
}

/// Release builds have no override: the system clock is the only clock.
#[cfg(not(debug_assertions))]
fn test_override() -> Result<Option<Clock>> {
    Ok(None)
}

/// A date (`YYYY-MM-DD` or `D.M.YYYY`) or an RFC 3339 time.
#[cfg_attr(not(debug_assertions), allow(dead_code))]
fn parse_override(s: &str) -> Result<Clock> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Clock::at(t.with_timezone(&Utc)));
    }
    crate::domain::date::parse_date(s)
        .map(Clock::on)
        .map_err(|e| Error::Usage(format!("{OVERRIDE_VAR}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> Clock {
        Clock::at(DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc))
    }

    #[test]
    fn today_is_the_helsinki_date() {
        // 00:30 in Helsinki on 1 March (winter, UTC+2) is 22:30 UTC the day before.
        let c = utc("2027-02-28T22:30:00Z");
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
        // 00:30 on 1 July (summer, UTC+3) is 21:30 UTC on 30 June.
        let c = utc("2027-06-30T21:30:00Z");
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2027, 7, 1).unwrap());
        // 23:59 UTC on 31 December is already New Year in Helsinki.
        let c = utc("2031-12-31T23:59:00Z");
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2032, 1, 1).unwrap());
        let c = utc("2031-12-31T21:59:00Z");
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2031, 12, 31).unwrap());
    }

    #[test]
    fn a_date_is_noon_in_helsinki_and_stays_that_date() {
        for d in ["2026-03-29", "2026-10-25", "2028-02-29", "2031-12-31"] {
            let date: NaiveDate = d.parse().unwrap();
            let c = Clock::on(date);
            assert_eq!(c.today(), date, "{d}");
            assert!(c.now_rfc3339().starts_with(d), "{}", c.now_rfc3339());
        }
        assert_eq!(
            Clock::on("2026-11-24".parse().unwrap()).now_rfc3339(),
            "2026-11-24T10:00:00.000Z"
        );
    }

    #[test]
    fn the_override_takes_a_date_or_a_time_and_refuses_anything_else() {
        assert_eq!(
            parse_override("24.11.2026").unwrap().today(),
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
        );
        let c = parse_override("2026-11-30T22:15:00Z").unwrap();
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert!(parse_override("tomorrow").is_err());
        assert!(parse_override("2026-02-30").is_err());
    }
}
