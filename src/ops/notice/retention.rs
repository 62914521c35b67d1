//! How long a register's data are kept, in words (DOMAIN §5): while the
//! relationship lasts, the holds, the limit and its ground, manual holds.

use crate::domain::holds::Policy;
use crate::domain::labels::Lang;
use crate::domain::register::Register;
use crate::messages::N;

/// "5 vuotta" / "5 years", or months where the period is not whole years;
/// `genitive` gives "5 vuoden" for "5 vuoden kuluttua".
fn duration(months: u32, lang: Lang, genitive: bool) -> String {
    let (n, unit) = if months % 12 == 0 && months > 0 {
        (months / 12, "y")
    } else {
        (months, "m")
    };
    let word = match (lang, unit, n == 1, genitive) {
        (Lang::Fi, "y", _, true) => "vuoden",
        (Lang::Fi, "y", true, false) => "vuosi",
        (Lang::Fi, "y", false, false) => "vuotta",
        (Lang::Fi, _, _, true) => "kuukauden",
        (Lang::Fi, _, true, false) => "kuukausi",
        (Lang::Fi, _, false, false) => "kuukautta",
        (Lang::En, "y", true, _) => "year",
        (Lang::En, "y", false, _) => "years",
        (Lang::En, _, true, _) => "month",
        (Lang::En, _, false, _) => "months",
    };
    format!("{n} {word}")
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
    /// A Finnish elative: "asiakkuuden päättymisestä".
    event_fi: String,
    /// A Finnish adverbial: "Asiakkuuden päätyttyä".
    after_fi: &'static str,
    /// An English clause: "the customer relationship ended".
    event_en: String,
    /// An English adverbial: "After the customer relationship ends".
    after_en: &'static str,
}

fn clock(register: Register, from_year_end: bool, lang: Lang) -> Clock {
    let (during, event_fi, after_fi, event_en, after_en) = match register {
        Register::Customer | Register::Business => (
            N::DataKeptLongCustomer.text(lang),
            "asiakkuuden päättymisestä",
            "Asiakkuuden päätyttyä",
            "the customer relationship ended",
            "After the customer relationship ends",
        ),
        Register::Employee => (
            N::DataKeptLongEmployment.text(lang),
            "työsuhteen päättymisestä",
            "Työsuhteen päätyttyä",
            "the employment ended",
            "After the employment ends",
        ),
        Register::Recruitment => (
            N::DataKeptWhileApplication.text(lang),
            "valintapäätöksestä",
            "Valintapäätöksen jälkeen",
            "the application was decided",
            "After the decision on the application",
        ),
    };
    // Accounting Act 2:10 counts from the end of the (financial, here
    // calendar) year in which the relationship ended (DOMAIN §5).
    let (event_fi, event_en) = if from_year_end {
        (
            match register {
                Register::Employee => {
                    "sen kalenterivuoden päättymisestä, jona työsuhde päättyi".to_string()
                }
                Register::Recruitment => {
                    "sen kalenterivuoden päättymisestä, jona hakemus ratkaistiin".to_string()
                }
                _ => "sen kalenterivuoden päättymisestä, jona asiakkuus päättyi".to_string(),
            },
            format!("the end of the calendar year in which {event_en}"),
        )
    } else {
        (event_fi.to_string(), event_en.to_string())
    };
    Clock {
        during,
        event_fi,
        after_fi,
        event_en,
        after_en,
    }
}

/// The AML hold of the business register: it covers only the AML data,
/// the limit the whole record.
fn aml_hold(policy: &Policy, lang: Lang) -> String {
    let hold = policy.hold_months;
    let mut s = N::CustomerDueDiligenceData
        .text(lang)
        .replace("{hold}", &duration(hold, lang, false))
        .replace("{have}", if hold == 12 { "has" } else { "have" });
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
    let Clock {
        event_fi,
        after_fi,
        event_en,
        after_en,
        ..
    } = clock;
    match (lang, hold > 0 && register != Register::Business) {
        (Lang::Fi, false) => format!(
            "Tiedot poistetaan pysyvästi viimeistään {} kuluttua {event_fi}.",
            duration(keep, lang, true)
        ),
        (Lang::En, false) => format!(
            "The data are erased for good at the latest {} after {event_en}.",
            nom(keep)
        ),
        (Lang::Fi, true) if hold >= keep => format!(
            "{after_fi} tietoja säilytetään {}, minkä jälkeen ne poistetaan pysyvästi.",
            nom(keep)
        ),
        (Lang::En, true) if hold >= keep => format!(
            "{after_en}, the data are kept for {} and then erased for good.",
            nom(keep)
        ),
        (Lang::Fi, true) => format!(
            "{after_fi} tietoja säilytetään vähintään {} ja enintään {}, minkä jälkeen ne poistetaan pysyvästi.",
            nom(hold),
            nom(keep)
        ),
        (Lang::En, true) => format!(
            "{after_en}, the data are kept for at least {} and at most {}, and then erased for good.",
            nom(hold),
            nom(keep)
        ),
    }
}

/// Manual holds: that one person's erasure may be postponed, and how many
/// such holds are in force.
fn manual(manual_holds: i64, lang: Lang) -> String {
    let mut manual = N::ErasureOnePersonS.text(lang).to_string();
    if manual_holds > 0 {
        manual.push_str(&match lang {
            Lang::Fi => format!(" Tällaisia säilytysmerkintöjä on nyt voimassa {manual_holds}."),
            Lang::En => format!(
                " {manual_holds} such {} in force now.",
                if manual_holds == 1 {
                    "hold is"
                } else {
                    "holds are"
                }
            ),
        });
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
