//! How long a register's data are kept, in words (DOMAIN §5): while the
//! relationship lasts, the holds, the limit and its ground, manual holds.

use crate::domain::holds::Policy;
use crate::domain::labels::Lang;
use crate::domain::register::Register;
use crate::messages::N;

/// "5 vuotta" / "5 years", or months where the period is not whole years;
/// `genitive` gives "5 vuoden" for "5 vuoden kuluttua".
fn duration(months: u32, lang: Lang, genitive: bool) -> String {
    let (n, years) = if months % 12 == 0 && months > 0 {
        (months / 12, true)
    } else {
        (months, false)
    };
    let words = match (years, n == 1, genitive) {
        (true, true, false) => N::YearOne,
        (true, false, false) => N::YearMany,
        (true, true, true) => N::YearOneOf,
        (true, false, true) => N::YearManyOf,
        (false, true, false) => N::MonthOne,
        (false, false, false) => N::MonthMany,
        (false, true, true) => N::MonthOneOf,
        (false, false, true) => N::MonthManyOf,
    };
    words.say_in(lang, &[&n])
}

pub(super) fn retention_text(
    register: Register,
    policy: &Policy,
    manual_holds: i64,
    lang: Lang,
) -> Vec<String> {
    let clock = clock(register, policy.from_year_end, lang);
    let mut out = vec![clock.during.to_string()];
    if register == Register::Business && policy.hold_months > 0 {
        out.push(aml_hold(policy, lang));
    }
    out.push(erasure(register, policy, &clock, lang));
    out.push(format!(
        "{} {}.",
        N::LegalGround.text(lang),
        policy.ground.trim_end_matches('.')
    ));
    out.push(manual(manual_holds, lang));
    out
}

/// What starts a register's clock, in the forms its sentences need.
struct Clock {
    /// The first sentence: the data are kept while the relationship lasts.
    during: &'static str,
    /// What starts the clock: "the customer relationship ended"
    /// (Finnish, an elative: "asiakkuuden päättymisestä").
    event: &'static str,
    /// After it: "After the customer relationship ends" (Finnish, an
    /// adverbial: "Asiakkuuden päätyttyä").
    after: &'static str,
}

fn clock(register: Register, from_year_end: bool, lang: Lang) -> Clock {
    // Accounting Act 2:10 counts from the end of the (financial, here
    // calendar) year in which the relationship ended (DOMAIN §5).
    let (during, event, year_end, after) = match register {
        Register::Customer | Register::Business => (
            N::DataKeptLongCustomer,
            N::EventCustomer,
            N::YearEndCustomer,
            N::AfterCustomer,
        ),
        Register::Employee => (
            N::DataKeptLongEmployment,
            N::EventEmployment,
            N::YearEndEmployment,
            N::AfterEmployment,
        ),
        Register::Recruitment => (
            N::DataKeptWhileApplication,
            N::EventApplication,
            N::YearEndApplication,
            N::AfterApplication,
        ),
    };
    Clock {
        during: during.text(lang),
        event: if from_year_end { year_end } else { event }.text(lang),
        after: after.text(lang),
    }
}

/// The AML hold of the business register: it covers only the AML data,
/// the limit the whole record.
fn aml_hold(policy: &Policy, lang: Lang) -> String {
    let hold = policy.hold_months;
    let words = if hold == 12 {
        N::AmlHoldOne
    } else {
        N::AmlHold
    };
    let mut s = words.say_in(lang, &[&duration(hold, lang, false)]);
    if !policy.hold_overridable {
        s.push_str(N::DutyKeepThemCannot.text(lang));
    }
    s.push('.');
    s
}

/// When the data are erased for good: the limit, and the hold where the
/// whole record is held.
fn erasure(register: Register, policy: &Policy, clock: &Clock, lang: Lang) -> String {
    let (hold, keep) = (policy.hold_months, policy.retention_months);
    let nom = |months| duration(months, lang, false);
    let Clock { event, after, .. } = clock;
    if hold == 0 || register == Register::Business {
        N::ErasedAtLatest.say_in(lang, &[&duration(keep, lang, true), event])
    } else if hold >= keep {
        N::KeptFor.say_in(lang, &[after, &nom(keep)])
    } else {
        N::KeptBetween.say_in(lang, &[after, &nom(hold), &nom(keep)])
    }
}

/// Manual holds: that one person's erasure may be postponed, and how many
/// such holds are in force.
fn manual(manual_holds: i64, lang: Lang) -> String {
    let mut manual = N::ErasureOnePersonS.text(lang).to_string();
    if manual_holds > 0 {
        let words = if manual_holds == 1 {
            N::ManualHoldOne
        } else {
            N::ManualHolds
        };
        manual.push(' ');
        manual.push_str(&words.say_in(lang, &[&manual_holds]));
    }
    manual
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_years_or_months() {
        assert_eq!(duration(72, Lang::Fi, false), "6 vuotta");
        assert_eq!(duration(72, Lang::Fi, true), "6 vuoden");
        assert_eq!(duration(12, Lang::Fi, false), "1 vuosi");
        assert_eq!(duration(12, Lang::Fi, true), "1 vuoden");
        assert_eq!(duration(18, Lang::Fi, false), "18 kuukautta");
        assert_eq!(duration(1, Lang::Fi, true), "1 kuukauden");
        assert_eq!(duration(120, Lang::En, false), "10 years");
        assert_eq!(duration(12, Lang::En, false), "1 year");
        assert_eq!(duration(30, Lang::En, false), "30 months");
    }
}
