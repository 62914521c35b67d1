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

    /// Every rule of DOMAIN §7, one case a line: `case | person | events |
    /// ask | may contact`. Events are `stance channel purpose date`, in the
    /// order recorded, separated by `;`; an ask is `channel purpose`, with
    /// `existing` when the list uses the existing-customer rule. A table
    /// rather than Rust literals, so that each rule reads as one line and
    /// can be checked against DOMAIN §7 at a glance.
    const DOMAIN_SECTION_7: &str = "\
# consumers: e-mail and SMS need a prior consent
consumer email without consent                     | customer            |                                                                   | email marketing                | no
consumer sms without consent                       | customer            |                                                                   | sms marketing                  | no
consumer email with consent                        | customer            | allow email marketing 2026-01-01                                  | email marketing                | yes
consent for email does not cover sms               | customer            | allow email marketing 2026-01-01                                  | sms marketing                  | no
consent for marketing does not cover profiling     | customer            | allow email marketing 2026-01-01                                  | email profiling                | no
consent all/all covers every channel and purpose   | customer            | allow all all 2026-01-01                                          | sms market-research            | yes
# phone and post: allowed unless opted out
consumer phone allowed                             | customer            |                                                                   | phone marketing                | yes
consumer post allowed                              | former customer     |                                                                   | post remote-selling            | yes
consumer phone opted out                           | customer            | deny phone marketing 2026-01-01                                   | phone marketing                | no
opt-out of all channels covers post                | customer            | deny all marketing 2026-01-01                                     | post marketing                 | no
opt-out of marketing leaves market research        | customer            | deny phone marketing 2026-01-01                                   | phone market-research          | yes
objection to market research is its own            | customer            | deny phone market-research 2026-01-01                             | phone market-research          | no
objection to profiling is its own                  | business            | deny all profiling 2026-01-01                                     | email profiling                | no
# the existing-customer rule
existing customer rule: active customer, email     | customer            |                                                                   | email marketing existing       | yes
existing customer rule: sms too                    | customer            |                                                                   | sms marketing existing         | yes
existing customer rule: not for an ended customer  | former customer     |                                                                   | email marketing existing       | no
existing customer rule: not after an opt-out       | customer            | deny email all 2026-01-01                                         | email marketing existing       | no
existing customer rule: not for market research    | customer            |                                                                   | email market-research existing | no
existing customer rule: only with the flag         | customer            |                                                                   | email marketing                | no
# business contacts: opt-out model
business email allowed                             | business            |                                                                   | email marketing                | yes
business sms allowed                               | business            |                                                                   | sms remote-selling             | yes
business opted out                                 | business            | deny email marketing 2026-01-01                                   | email marketing                | no
# employees and applicants never
employee never                                     | employee            | allow all all 2026-01-01                                          | post marketing                 | no
applicant never                                    | applicant           |                                                                   | phone marketing                | no
# restricted never
restricted never                                   | restricted business |                                                                   | email marketing                | no
# the latest covering event decides: by date, then recording order
consent after opt-out                              | customer            | deny email marketing 2026-01-01; allow email marketing 2026-02-01 | email marketing                | yes
opt-out after consent                              | customer            | allow email marketing 2026-01-01; deny email marketing 2026-02-01 | email marketing                | no
back-dated opt-out recorded later is older         | customer            | allow email marketing 2026-02-01; deny email marketing 2026-01-01 | email marketing                | yes
same date: the later recorded wins (deny)          | customer            | allow email marketing 2026-02-01; deny email marketing 2026-02-01 | email marketing                | no
same date: the later recorded wins (allow)         | customer            | deny email marketing 2026-02-01; allow email marketing 2026-02-01 | email marketing                | yes
a specific consent after an opt-out of all         | customer            | deny all all 2026-01-01; allow email marketing 2026-03-01         | email marketing                | yes
...which does not reopen other channels            | customer            | deny all all 2026-01-01; allow email marketing 2026-03-01         | post marketing                 | no
an opt-out dated in the future is not in force yet | business            | deny email marketing 2026-12-01                                   | email marketing                | yes
an opt-out takes effect on its date                | business            | deny email marketing 2026-11-24                                   | email marketing                | no
a future consent is not in force yet               | customer            | allow email marketing 2026-12-01                                  | email marketing                | no
# erased after an opt-out: the suppression entry is an opt-out at the erasure
suppressed until a new consent                     | customer            | deny all all 2026-05-01                                           | email marketing existing       | no
suppression lifted by a later consent              | customer            | deny all all 2026-05-01; allow email marketing 2026-06-01         | email marketing                | yes
";

    fn person(words: &str) -> Person {
        match words {
            "customer" => customer(true),
            "former customer" => customer(false),
            "business" => business(),
            "restricted business" => Person {
                restricted: true,
                ..business()
            },
            "employee" => Person {
                register: Register::Employee,
                ..business()
            },
            "applicant" => Person {
                register: Register::Recruitment,
                ..business()
            },
            other => panic!("no person {other:?}"),
        }
    }

    fn events(words: &str) -> Vec<Event> {
        let events = words.split(';').map(str::trim).filter(|e| !e.is_empty());
        let event = |(seq, e): (usize, &str)| {
            let w: Vec<&str> = e.split_whitespace().collect();
            let stance = match w[0] {
                "allow" => Allow,
                "deny" => Deny,
                other => panic!("no stance {other:?}"),
            };
            let seq = i64::try_from(seq).unwrap() + 1;
            ev(
                stance,
                w[1].parse().unwrap(),
                w[2].parse().unwrap(),
                w[3],
                seq,
            )
        };
        events.enumerate().map(event).collect()
    }

    fn asked(words: &str) -> Ask<'static> {
        let w: Vec<&str> = words.split_whitespace().collect();
        Ask {
            existing_customers: w.get(2) == Some(&"existing"),
            ..ask(w[0].parse().unwrap(), w[1].parse().unwrap())
        }
    }

    #[test]
    fn domain_section_7() {
        let rows = DOMAIN_SECTION_7.lines().filter(|l| !l.starts_with('#'));
        let mut count = 0;
        for row in rows {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let [name, who, recorded, ask, want] = cells[..] else {
                panic!("not five cells: {row:?}");
            };
            let want = match want {
                "yes" => true,
                "no" => false,
                other => panic!("{name}: not yes or no: {other:?}"),
            };
            let got = may_contact(person(who), &events(recorded), asked(ask));
            assert_eq!(got, want, "{name}");
            count += 1;
        }
        assert_eq!(count, 37, "every case ran");
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
