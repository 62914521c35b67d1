//! Holds and retention (DOMAIN §5): what forbids erasing a record, until
//! when, whether an admin may override it, and when the record must be
//! erased at the latest. Pure: the policy comes from the database.

use crate::messages::M;
use chrono::{Datelike, NaiveDate};

use super::calendar::add_months;
use super::register::Register;

/// A register's retention rule, as `retention_policy` stores it.
#[derive(Debug, Clone)]
pub struct Policy {
    pub register: Register,
    /// Retention limit: months after the end date.
    pub retention_months: u32,
    /// Hold after the end date, in months (0: none after the end).
    pub hold_months: u32,
    /// May an admin override the hold after the end?
    pub hold_overridable: bool,
    /// The legal ground, for messages and the privacy notice.
    pub ground: String,
    /// The limit counts from the end of the calendar year in which the
    /// record ended (Accounting Act 1336/1997 2:10), not from the end date.
    pub from_year_end: bool,
}

/// Facts about a record that the rules look at.
#[derive(Debug, Clone)]
pub struct Facts {
    pub register: Register,
    /// The end date (relationship end, employment end, decision).
    pub ended_on: Option<NaiveDate>,
    /// Any `aml_*` field is filled in (business register).
    pub has_aml_data: bool,
}

/// A manual hold (`hold add`), still in the table and not released.
#[derive(Debug, Clone)]
pub struct ManualHold {
    pub id: i64,
    pub reason: String,
    pub until: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// `active`, `aml`, `employment`, `recruitment` or `manual`.
    pub kind: &'static str,
    /// The manual hold's id.
    pub id: Option<i64>,
    pub reason: String,
    /// The day the hold ends (erasure allowed from this day); `None` while
    /// the relationship lasts (it ends some time after the relationship).
    pub until: Option<NaiveDate>,
    pub overridable: bool,
}

impl Hold {
    /// "until 2031-03-15" or "while the relationship lasts".
    pub fn until_text(&self) -> String {
        match self.until {
            Some(d) => M::HoldUntil.say(&[&d.format("%Y-%m-%d")]),
            None => M::HoldWhile.to_string(),
        }
    }
}

/// The holds on a record on a day. A hold whose end date has come no
/// longer applies.
pub fn holds(facts: &Facts, policy: &Policy, manual: &[ManualHold], today: NaiveDate) -> Vec<Hold> {
    let mut out = Vec::new();
    let active = facts.ended_on.is_none_or(|end| end > today);
    let after_end = |months: u32| facts.ended_on.map(|end| add_months(end, months));
    match facts.register {
        Register::Customer | Register::Business if active => out.push(Hold {
            kind: "active",
            id: None,
            reason: "the customer relationship is active".into(),
            until: None,
            overridable: true,
        }),
        Register::Employee if active => out.push(Hold {
            kind: "active",
            id: None,
            reason: "the employment is active".into(),
            until: None,
            overridable: false,
        }),
        Register::Recruitment if active => out.push(Hold {
            kind: "active",
            id: None,
            reason: "the application has not been decided".into(),
            until: None,
            overridable: true,
        }),
        _ => {}
    }
    // The post-end hold of the register: AML data for business contacts
    // (only where there is AML data), every record for the others.
    let post_end = match facts.register {
        Register::Business if facts.has_aml_data => Some("aml"),
        Register::Employee => Some("employment"),
        Register::Recruitment => Some("recruitment"),
        _ => None,
    };
    if let Some(kind) = post_end.filter(|_| policy.hold_months > 0) {
        let until = after_end(policy.hold_months);
        if until.is_none_or(|u| u > today) {
            out.push(Hold {
                kind,
                id: None,
                reason: policy.ground.clone(),
                until,
                overridable: policy.hold_overridable,
            });
        }
    }
    for m in manual.iter().filter(|m| m.until > today) {
        out.push(Hold {
            kind: "manual",
            id: Some(m.id),
            reason: m.reason.clone(),
            until: Some(m.until),
            overridable: true,
        });
    }
    out
}

/// The retention limit of a record that has ended. Date-exact rules reach
/// it on the end date's anniversary, and the record may be erased from that
/// day. A rule counted from the end of the calendar year (DOMAIN §5) keeps
/// the record through the limit's 31 December: see [`erasable_from`].
pub fn retention_limit(facts: &Facts, policy: &Policy) -> Option<NaiveDate> {
    facts.ended_on.map(|end| {
        if policy.from_year_end {
            let year_end = NaiveDate::from_ymd_opt(end.year(), 12, 31).unwrap_or(end);
            add_months(year_end, policy.retention_months)
        } else {
            add_months(end, policy.retention_months)
        }
    })
}

/// The first day on which the record must be erased: the limit itself for
/// a date-exact rule, the next day (1 January) for a year-end rule.
pub fn erasable_from(facts: &Facts, policy: &Policy) -> Option<NaiveDate> {
    retention_limit(facts, policy).map(|limit| {
        if policy.from_year_end {
            limit.succ_opt().unwrap_or(limit)
        } else {
            limit
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn policy(register: Register) -> Policy {
        // The seeded defaults of schema.sql (DOMAIN §5).
        let (retention_months, hold_months, hold_overridable) = match register {
            Register::Customer => (72, 0, true),
            Register::Business => (60, 60, false),
            Register::Employee => (120, 120, true),
            Register::Recruitment => (24, 12, true),
        };
        Policy {
            register,
            retention_months,
            hold_months,
            hold_overridable,
            ground: "ground".into(),
            from_year_end: register == Register::Customer,
        }
    }

    fn facts(register: Register, ended: Option<&str>, aml: bool) -> Facts {
        Facts {
            register,
            ended_on: ended.map(d),
            has_aml_data: aml,
        }
    }

    /// A hold as (kind, until, overridable).
    type Brief = (&'static str, Option<String>, bool);

    fn kinds(h: &[Hold]) -> Vec<Brief> {
        h.iter()
            .map(|h| (h.kind, h.until.map(|u| u.to_string()), h.overridable))
            .collect()
    }

    #[test]
    fn holds_by_register() {
        let today = d("2026-11-24");
        let cases: Vec<(&str, Facts, Vec<Brief>)> = vec![
            (
                "active customer",
                facts(Register::Customer, None, false),
                vec![("active", None, true)],
            ),
            (
                "customer ending later",
                facts(Register::Customer, Some("2026-12-31"), false),
                vec![("active", None, true)],
            ),
            (
                "ended customer",
                facts(Register::Customer, Some("2026-01-01"), false),
                vec![],
            ),
            (
                "active business without AML data",
                facts(Register::Business, None, false),
                vec![("active", None, true)],
            ),
            (
                "active business with AML data",
                facts(Register::Business, None, true),
                vec![("active", None, true), ("aml", None, false)],
            ),
            (
                "ended business with AML data: 5 years",
                facts(Register::Business, Some("2022-03-15"), true),
                vec![("aml", Some("2027-03-15".into()), false)],
            ),
            (
                "AML hold over",
                facts(Register::Business, Some("2021-11-24"), true),
                vec![],
            ),
            (
                "ended business without AML data",
                facts(Register::Business, Some("2026-01-01"), false),
                vec![],
            ),
            (
                "employed",
                facts(Register::Employee, None, false),
                vec![("active", None, false), ("employment", None, true)],
            ),
            (
                "employment ended: 10 years",
                facts(Register::Employee, Some("2020-06-30"), false),
                vec![("employment", Some("2030-06-30".into()), true)],
            ),
            (
                "undecided application",
                facts(Register::Recruitment, None, false),
                vec![("active", None, true), ("recruitment", None, true)],
            ),
            (
                "decided: 1 year",
                facts(Register::Recruitment, Some("2026-05-01"), false),
                vec![("recruitment", Some("2027-05-01".into()), true)],
            ),
            (
                "decided over a year ago",
                facts(Register::Recruitment, Some("2025-11-24"), false),
                vec![],
            ),
        ];
        for (name, f, want) in cases {
            assert_eq!(
                kinds(&holds(&f, &policy(f.register), &[], today)),
                want,
                "{name}"
            );
        }
    }

    #[test]
    fn manual_holds_apply_until_their_date() {
        let today = d("2026-11-24");
        let f = facts(Register::Customer, Some("2020-01-01"), false);
        let manual = vec![
            ManualHold {
                id: 1,
                reason: "invoice in collection".into(),
                until: d("2027-01-31"),
            },
            ManualHold {
                id: 2,
                reason: "old dispute".into(),
                until: today,
            },
        ];
        let h = holds(&f, &policy(Register::Customer), &manual, today);
        assert_eq!(kinds(&h), vec![("manual", Some("2027-01-31".into()), true)]);
        assert_eq!(h[0].id, Some(1));
    }

    #[test]
    fn retention_is_date_exact_and_29_february_counts_to_28() {
        let f = facts(Register::Business, Some("2020-03-15"), true);
        assert_eq!(
            retention_limit(&f, &policy(Register::Business)),
            Some(d("2025-03-15"))
        );
        let leap = facts(Register::Recruitment, Some("2024-02-29"), false);
        assert_eq!(
            retention_limit(&leap, &policy(Register::Recruitment)),
            Some(d("2026-02-28"))
        );
        let hold = holds(&leap, &policy(Register::Recruitment), &[], d("2025-02-27"));
        assert_eq!(hold[0].until, Some(d("2025-02-28")));
        assert!(holds(&leap, &policy(Register::Recruitment), &[], d("2025-02-28")).is_empty());
        // The customer limit counts from the end of the year (DOMAIN §5).
        let customer = facts(Register::Customer, Some("2020-03-15"), false);
        let p = policy(Register::Customer);
        assert_eq!(retention_limit(&customer, &p), Some(d("2026-12-31")));
        assert_eq!(erasable_from(&customer, &p), Some(d("2027-01-01")));
        let december = facts(Register::Customer, Some("2020-12-31"), false);
        assert_eq!(erasable_from(&december, &p), Some(d("2027-01-01")));
        assert_eq!(
            erasable_from(&f, &policy(Register::Business)),
            Some(d("2025-03-15"))
        );
        assert_eq!(
            retention_limit(
                &facts(Register::Customer, None, false),
                &policy(Register::Customer)
            ),
            None
        );
    }
}
