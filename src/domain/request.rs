//! Data subject requests (GDPR Art. 12(3), DOMAIN.md §6): their ids
//! (`REQ-3`), when an extension may still be given, and how close a due
//! date is. The due date itself is [`super::calendar::request_due`].

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::ValueError;

/// A request's id: `REQ-`, a positive number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub i64);

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "REQ-{}", self.0)
    }
}

impl FromStr for RequestId {
    type Err = ValueError;

    /// `REQ-3`, in any case, surrounding white space ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::prefixed_number(s, "REQ-", "request").map(RequestId)
    }
}

/// What replaces a request's free text when a person it may concern is
/// erased (`[redacted: C-4 was erased]`).
pub fn redaction(erased: super::register::RecordId) -> String {
    format!("[redacted: {erased} was erased]")
}

/// Whether a text is exactly a [`redaction`] (and so holds nothing else).
pub fn is_redaction(text: &str) -> bool {
    text.strip_prefix("[redacted: ")
        .and_then(|t| t.strip_suffix(" was erased]"))
        .is_some_and(|id| id.parse::<super::register::RecordId>().is_ok())
}

/// How many days before its due date an open request counts as due soon.
pub const DUE_SOON_DAYS: i64 = 7;

/// How pressing an open request is on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// The due date has passed.
    Overdue,
    /// Due today or within [`DUE_SOON_DAYS`] days.
    DueSoon,
}

impl Urgency {
    /// How listings mark it (also where colour is off).
    pub fn flag(self) -> &'static str {
        match self {
            Urgency::Overdue => "OVERDUE",
            Urgency::DueSoon => "due soon",
        }
    }
}

/// The urgency of an open request due on `due`, seen on `as_of`; `None`
/// when more than [`DUE_SOON_DAYS`] days remain.
pub fn urgency(due: NaiveDate, as_of: NaiveDate) -> Option<Urgency> {
    let left = (due - as_of).num_days();
    if left < 0 {
        Some(Urgency::Overdue)
    } else if left <= DUE_SOON_DAYS {
        Some(Urgency::DueSoon)
    } else {
        None
    }
}

/// Art. 12(3): the person must be told of an extension within the first
/// month, so an extension recorded after the one-month due date is too late.
pub fn may_extend(first_due: NaiveDate, today: NaiveDate) -> bool {
    today <= first_due
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redaction_is_recognised_exactly() {
        let id: super::super::register::RecordId = "C-4".parse().unwrap();
        assert_eq!(redaction(id), "[redacted: C-4 was erased]");
        assert!(is_redaction(&redaction(id)));
        assert!(!is_redaction("[redacted: Matti was erased]"));
        assert!(!is_redaction("[redacted: C-4 was erased] and Matti"));
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn request_ids() {
        for (text, n) in [("REQ-1", 1), ("req-42", 42), (" Req-7 ", 7), ("REQ-007", 7)] {
            assert_eq!(text.parse::<RequestId>(), Ok(RequestId(n)), "{text}");
        }
        assert_eq!(RequestId(12).to_string(), "REQ-12");
        for bad in [
            "",
            "REQ",
            "REQ-",
            "REQ-0",
            "REQ--1",
            "REQ-+1",
            "REQ-1a",
            "RQ-1",
            "1",
            "REQ 1",
            "REQ-99999999999999999999",
            "ä",
            "REÄ-1",
        ] {
            assert!(bad.parse::<RequestId>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn urgency_by_days_left() {
        let as_of = d("2026-11-24");
        let cases = [
            ("2026-11-23", Some(Urgency::Overdue)),
            ("2025-01-01", Some(Urgency::Overdue)),
            ("2026-11-24", Some(Urgency::DueSoon)),
            ("2026-12-01", Some(Urgency::DueSoon)),
            ("2026-12-02", None),
            ("2027-02-24", None),
        ];
        for (due, want) in cases {
            assert_eq!(urgency(d(due), as_of), want, "{due}");
        }
    }

    #[test]
    fn extension_only_within_the_first_month() {
        assert!(may_extend(d("2026-12-01"), d("2026-11-24")));
        assert!(may_extend(d("2026-11-24"), d("2026-11-24")));
        assert!(!may_extend(d("2026-11-23"), d("2026-11-24")));
    }
}
