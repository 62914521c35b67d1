//! Who may be contacted for direct marketing (DOMAIN §7; GDPR Art. 21;
//! Act on Electronic Communications Services 917/2014), as one pure
//! function over a person's preference events.

use std::fmt;
use std::str::FromStr;

use super::register::Register;
use super::ValueError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
    Phone,
    Post,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Marketing,
    RemoteSelling,
    MarketResearch,
    Profiling,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Letter,
    Phone,
    EmailLink,
    WebForm,
    InPerson,
}

macro_rules! names {
    ($t:ty, $($v:ident => $s:literal),+ $(,)?) => {
        impl $t {
            pub fn name(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
        impl FromStr for $t {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                match s {
                    $($s => Ok(Self::$v),)+
                    _ => Err(ValueError::new(concat!("expected one of:", $(" ", $s),+))),
                }
            }
        }
    };
}

names!(Channel, Email => "email", Sms => "sms", Phone => "phone", Post => "post", All => "all");
names!(Purpose, Marketing => "marketing", RemoteSelling => "remote-selling", MarketResearch => "market-research", Profiling => "profiling", All => "all");
names!(Source, Letter => "letter", Phone => "phone", EmailLink => "email-link", WebForm => "web-form", InPerson => "in-person");

/// What a preference event says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    /// A consent: contact allowed.
    Allow,
    /// An opt-out, a withdrawn consent or the suppression list: contact refused.
    Deny,
}

/// One recorded preference, as the decision needs it. `date` is ISO text
/// (compares as dates); `seq` is the order in which events were recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub stance: Stance,
    pub channel: Channel,
    pub purpose: Purpose,
    pub date: String,
    pub seq: i64,
}

impl Event {
    fn covers(&self, channel: Channel, purpose: Purpose) -> bool {
        (self.channel == channel || self.channel == Channel::All)
            && (self.purpose == purpose || self.purpose == Purpose::All)
    }
}

/// The facts about a person that the rules look at.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    pub register: Register,
    /// The customer relationship has not ended.
    pub active: bool,
    pub restricted: bool,
}

/// The question asked of a marketing list.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    pub channel: Channel,
    pub purpose: Purpose,
    /// ISO date: events dated later are not in force yet.
    pub today: &'a str,
    /// Apply the existing-customer rule (SPEC `--existing-customers`).
    pub existing_customers: bool,
}

/// May this person be contacted on the channel for the purpose today?
///
/// - Employees and applicants never; restricted records never (Art. 18).
/// - The latest event in force that covers the channel and purpose decides,
///   by date and then by the order it was recorded (an objection is
///   absolute from its date, Art. 21(3)).
/// - Without such an event: consumers need a prior consent for e-mail and
///   SMS, except under the existing-customer rule (an active customer, own
///   similar products: marketing and remote selling); phone and post are
///   allowed unless opted out. Business contacts are allowed (opt-out model).
pub fn may_contact(person: Person, events: &[Event], ask: Ask<'_>) -> bool {
    if person.restricted || matches!(person.register, Register::Employee | Register::Recruitment) {
        return false;
    }
    let decisive = events
        .iter()
        .filter(|e| e.covers(ask.channel, ask.purpose) && e.date.as_str() <= ask.today)
        .max_by(|a, b| (a.date.as_str(), a.seq).cmp(&(b.date.as_str(), b.seq)));
    if let Some(e) = decisive {
        return e.stance == Stance::Allow;
    }
    match (person.register, ask.channel) {
        (Register::Business, _) => true,
        (_, Channel::Phone | Channel::Post) => true,
        (_, Channel::Email | Channel::Sms) => {
            ask.existing_customers
                && person.active
                && matches!(ask.purpose, Purpose::Marketing | Purpose::RemoteSelling)
        }
        // `all` is not a channel a list is made for (the command refuses it).
        (_, Channel::All) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Channel as C;
    use Purpose as P;
    use Stance::{Allow, Deny};

    const TODAY: &str = "2026-11-24";

    fn ev(stance: Stance, channel: Channel, purpose: Purpose, date: &str, seq: i64) -> Event {
        Event {
            stance,
            channel,
            purpose,
            date: date.into(),
            seq,
        }
    }

    fn customer(active: bool) -> Person {
        Person {
            register: Register::Customer,
            active,
            restricted: false,
        }
    }

    fn business() -> Person {
        Person {
            register: Register::Business,
            active: true,
            restricted: false,
        }
    }

    fn ask(channel: Channel, purpose: Purpose) -> Ask<'static> {
        Ask {
            channel,
            purpose,
            today: TODAY,
            existing_customers: false,
        }
    }

    fn existing(channel: Channel) -> Ask<'static> {
        Ask {
            existing_customers: true,
            ..ask(channel, P::Marketing)
        }
    }

    /// Every rule of DOMAIN §7 as (case, person, events, ask, expected).
    #[test]
    fn domain_section_7() {
        let cases: Vec<(&str, Person, Vec<Event>, Ask, bool)> = vec![
            // consumers: e-mail and SMS need a prior consent
            (
                "consumer email without consent",
                customer(true),
                vec![],
                ask(C::Email, P::Marketing),
                false,
            ),
            (
                "consumer sms without consent",
                customer(true),
                vec![],
                ask(C::Sms, P::Marketing),
                false,
            ),
            (
                "consumer email with consent",
                customer(true),
                vec![ev(Allow, C::Email, P::Marketing, "2026-01-01", 1)],
                ask(C::Email, P::Marketing),
                true,
            ),
            (
                "consent for email does not cover sms",
                customer(true),
                vec![ev(Allow, C::Email, P::Marketing, "2026-01-01", 1)],
                ask(C::Sms, P::Marketing),
                false,
            ),
            (
                "consent for marketing does not cover profiling",
                customer(true),
                vec![ev(Allow, C::Email, P::Marketing, "2026-01-01", 1)],
                ask(C::Email, P::Profiling),
                false,
            ),
            (
                "consent all/all covers every channel and purpose",
                customer(true),
                vec![ev(Allow, C::All, P::All, "2026-01-01", 1)],
                ask(C::Sms, P::MarketResearch),
                true,
            ),
            // phone and post: allowed unless opted out
            (
                "consumer phone allowed",
                customer(true),
                vec![],
                ask(C::Phone, P::Marketing),
                true,
            ),
            (
                "consumer post allowed",
                customer(false),
                vec![],
                ask(C::Post, P::RemoteSelling),
                true,
            ),
            (
                "consumer phone opted out",
                customer(true),
                vec![ev(Deny, C::Phone, P::Marketing, "2026-01-01", 1)],
                ask(C::Phone, P::Marketing),
                false,
            ),
            (
                "opt-out of all channels covers post",
                customer(true),
                vec![ev(Deny, C::All, P::Marketing, "2026-01-01", 1)],
                ask(C::Post, P::Marketing),
                false,
            ),
            (
                "opt-out of marketing leaves market research",
                customer(true),
                vec![ev(Deny, C::Phone, P::Marketing, "2026-01-01", 1)],
                ask(C::Phone, P::MarketResearch),
                true,
            ),
            (
                "objection to market research is its own",
                customer(true),
                vec![ev(Deny, C::Phone, P::MarketResearch, "2026-01-01", 1)],
                ask(C::Phone, P::MarketResearch),
                false,
            ),
            (
                "objection to profiling is its own",
                business(),
                vec![ev(Deny, C::All, P::Profiling, "2026-01-01", 1)],
                ask(C::Email, P::Profiling),
                false,
            ),
            // the existing-customer rule
            (
                "existing customer rule: active customer, email",
                customer(true),
                vec![],
                existing(C::Email),
                true,
            ),
            (
                "existing customer rule: sms too",
                customer(true),
                vec![],
                existing(C::Sms),
                true,
            ),
            (
                "existing customer rule: not for an ended customer",
                customer(false),
                vec![],
                existing(C::Email),
                false,
            ),
            (
                "existing customer rule: not after an opt-out",
                customer(true),
                vec![ev(Deny, C::Email, P::All, "2026-01-01", 1)],
                existing(C::Email),
                false,
            ),
            (
                "existing customer rule: not for market research",
                customer(true),
                vec![],
                Ask {
                    existing_customers: true,
                    ..ask(C::Email, P::MarketResearch)
                },
                false,
            ),
            (
                "existing customer rule: only with the flag",
                customer(true),
                vec![],
                ask(C::Email, P::Marketing),
                false,
            ),
            // business contacts: opt-out model
            (
                "business email allowed",
                business(),
                vec![],
                ask(C::Email, P::Marketing),
                true,
            ),
            (
                "business sms allowed",
                business(),
                vec![],
                ask(C::Sms, P::RemoteSelling),
                true,
            ),
            (
                "business opted out",
                business(),
                vec![ev(Deny, C::Email, P::Marketing, "2026-01-01", 1)],
                ask(C::Email, P::Marketing),
                false,
            ),
            // employees and applicants never
            (
                "employee never",
                Person {
                    register: Register::Employee,
                    active: true,
                    restricted: false,
                },
                vec![ev(Allow, C::All, P::All, "2026-01-01", 1)],
                ask(C::Post, P::Marketing),
                false,
            ),
            (
                "applicant never",
                Person {
                    register: Register::Recruitment,
                    active: true,
                    restricted: false,
                },
                vec![],
                ask(C::Phone, P::Marketing),
                false,
            ),
            // restricted never
            (
                "restricted never",
                Person {
                    restricted: true,
                    ..business()
                },
                vec![],
                ask(C::Email, P::Marketing),
                false,
            ),
            // the latest covering event decides: by date, then recording order
            (
                "consent after opt-out",
                customer(true),
                vec![
                    ev(Deny, C::Email, P::Marketing, "2026-01-01", 1),
                    ev(Allow, C::Email, P::Marketing, "2026-02-01", 2),
                ],
                ask(C::Email, P::Marketing),
                true,
            ),
            (
                "opt-out after consent",
                customer(true),
                vec![
                    ev(Allow, C::Email, P::Marketing, "2026-01-01", 1),
                    ev(Deny, C::Email, P::Marketing, "2026-02-01", 2),
                ],
                ask(C::Email, P::Marketing),
                false,
            ),
            (
                "back-dated opt-out recorded later is older",
                customer(true),
                vec![
                    ev(Allow, C::Email, P::Marketing, "2026-02-01", 1),
                    ev(Deny, C::Email, P::Marketing, "2026-01-01", 2),
                ],
                ask(C::Email, P::Marketing),
                true,
            ),
            (
                "same date: the later recorded wins (deny)",
                customer(true),
                vec![
                    ev(Allow, C::Email, P::Marketing, "2026-02-01", 1),
                    ev(Deny, C::Email, P::Marketing, "2026-02-01", 2),
                ],
                ask(C::Email, P::Marketing),
                false,
            ),
            (
                "same date: the later recorded wins (allow)",
                customer(true),
                vec![
                    ev(Deny, C::Email, P::Marketing, "2026-02-01", 1),
                    ev(Allow, C::Email, P::Marketing, "2026-02-01", 2),
                ],
                ask(C::Email, P::Marketing),
                true,
            ),
            (
                "a specific consent after an opt-out of all",
                customer(true),
                vec![
                    ev(Deny, C::All, P::All, "2026-01-01", 1),
                    ev(Allow, C::Email, P::Marketing, "2026-03-01", 2),
                ],
                ask(C::Email, P::Marketing),
                true,
            ),
            (
                "...which does not reopen other channels",
                customer(true),
                vec![
                    ev(Deny, C::All, P::All, "2026-01-01", 1),
                    ev(Allow, C::Email, P::Marketing, "2026-03-01", 2),
                ],
                ask(C::Post, P::Marketing),
                false,
            ),
            (
                "an opt-out dated in the future is not in force yet",
                business(),
                vec![ev(Deny, C::Email, P::Marketing, "2026-12-01", 1)],
                ask(C::Email, P::Marketing),
                true,
            ),
            (
                "an opt-out takes effect on its date",
                business(),
                vec![ev(Deny, C::Email, P::Marketing, TODAY, 1)],
                ask(C::Email, P::Marketing),
                false,
            ),
            (
                "a future consent is not in force yet",
                customer(true),
                vec![ev(Allow, C::Email, P::Marketing, "2026-12-01", 1)],
                ask(C::Email, P::Marketing),
                false,
            ),
            // erased after an opt-out: the suppression entry is an opt-out at the erasure
            (
                "suppressed until a new consent",
                customer(true),
                vec![ev(Deny, C::All, P::All, "2026-05-01", 1)],
                existing(C::Email),
                false,
            ),
            (
                "suppression lifted by a later consent",
                customer(true),
                vec![
                    ev(Deny, C::All, P::All, "2026-05-01", 1),
                    ev(Allow, C::Email, P::Marketing, "2026-06-01", 2),
                ],
                ask(C::Email, P::Marketing),
                true,
            ),
        ];
        for (name, person, events, ask, want) in cases {
            assert_eq!(may_contact(person, &events, ask), want, "{name}");
        }
    }

    #[test]
    fn names_round_trip() {
        for c in [C::Email, C::Sms, C::Phone, C::Post, C::All] {
            assert_eq!(c.name().parse::<Channel>().unwrap(), c);
        }
        for p in [
            P::Marketing,
            P::RemoteSelling,
            P::MarketResearch,
            P::Profiling,
            P::All,
        ] {
            assert_eq!(p.name().parse::<Purpose>().unwrap(), p);
        }
        assert!("fax".parse::<Channel>().is_err());
    }
}
