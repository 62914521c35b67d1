//! `optout`, `consent`, `consent withdraw` and `marketing-list`: marketing
//! preferences as history, and lists that honour them (DOMAIN §7).

use serde_json::{Map, Value};

use super::Session;
use crate::cli::{ConsentArgs, ConsentCommand, MarketingListArgs, OptoutArgs};
use crate::domain::marketing::{may_contact, Ask, Channel, Person, Purpose, Source};
use crate::domain::register::{RecordId, Register};
use crate::error::{Error, Result};
use crate::messages::{lang, Lang, D, R};
use crate::ops::bases::date_flag;
use crate::ops::records::load;
use crate::output::{ListWriter, Output};
use crate::store::audit::Entry;
use crate::store::preferences::{self, NewPreference, CONSENT, OPTOUT, WITHDRAWAL};

/// What one preference command records.
struct Record<'a> {
    action: &'static str,
    kind: &'static str,
    id: RecordId,
    channel: Channel,
    purpose: Purpose,
    source: Option<Source>,
    date: Option<&'a str>,
}

fn record_event(session: &mut Session, e: Record<'_>) -> Result<Output> {
    if matches!(e.id.register, Register::Employee | Register::Recruitment) {
        return Err(Error::invalid(
            "id",
            R::NeverMarketing.say(&[&D::register(e.id.register.name())]),
        ));
    }
    let date = date_flag("date", e.date)?;
    session.write(e.action, |tx, who| {
        let record = load(tx, e.id)?;
        let effective = date.unwrap_or_else(|| who.today_iso());
        preferences::insert(
            tx,
            record.key,
            &NewPreference {
                kind: e.kind,
                channel: e.channel,
                purpose: e.purpose,
                source: e.source.map(Source::name),
                effective: &effective,
            },
            &who.now,
            &who.operator,
        )?;
        let mut value = Map::new();
        value.insert("id".into(), e.id.to_string().into());
        value.insert("kind".into(), e.kind.into());
        value.insert("channel".into(), e.channel.name().into());
        value.insert("purpose".into(), e.purpose.name().into());
        value.insert(
            "source".into(),
            e.source
                .map(|s| Value::from(s.name()))
                .unwrap_or(Value::Null),
        );
        value.insert("effective".into(), effective.clone().into());
        let plain = preference_line(&e, &effective);
        let entry = Entry::new(e.action).record(e.id).detail(format!(
            "channel={} purpose={}",
            e.channel.name(),
            e.purpose.name()
        ));
        Ok((
            Output::Object {
                value,
                plain: Some(plain),
            },
            entry,
        ))
    })
}

/// The success line of a preference: codes in English (what one types),
/// words in Finnish and Swedish.
fn preference_line(e: &Record<'_>, effective: &str) -> String {
    use crate::domain::words;
    let (kind, purpose, channel) = match lang() {
        Lang::En => (
            e.kind.to_string(),
            e.purpose.name().to_string(),
            e.channel.name().to_string(),
        ),
        l => (
            words::preference(e.kind, l),
            words::marketing_purpose(e.purpose.name(), l),
            words::channel(e.channel.name(), l),
        ),
    };
    D::PreferenceSet.say(&[&e.id, &kind, &purpose, &channel, &effective])
}

pub fn optout(session: &mut Session, a: OptoutArgs) -> Result<Output> {
    record_event(session, refusal("optout", OPTOUT, &a))
}

/// An objection or a withdrawn consent as the event it records. It is read
/// broadly: without a purpose it covers all.
fn refusal<'a>(action: &'static str, kind: &'static str, a: &'a OptoutArgs) -> Record<'a> {
    Record {
        action,
        kind,
        id: a.id,
        channel: a.channel,
        purpose: a.purpose.unwrap_or(Purpose::All),
        source: a.source,
        date: a.date.as_deref(),
    }
}

pub fn consent(session: &mut Session, a: ConsentArgs) -> Result<Output> {
    match a.withdraw {
        Some(ConsentCommand::Withdraw(w)) => {
            record_event(session, refusal("consent-withdraw", WITHDRAWAL, &w))
        }
        None => {
            let (Some(id), Some(channel)) = (a.id, a.channel) else {
                return Err(Error::Usage(R::ConsentUsage.into()));
            };
            record_event(
                session,
                Record {
                    action: "consent",
                    kind: CONSENT,
                    id,
                    channel,
                    // A consent is read narrowly: without a purpose, marketing only.
                    purpose: a.purpose.unwrap_or(Purpose::Marketing),
                    source: a.source,
                    date: a.date.as_deref(),
                },
            )
        }
    }
}

pub fn list(session: &mut Session, a: MarketingListArgs) -> Result<Output> {
    let purpose = a.purpose.unwrap_or(Purpose::Marketing);
    if a.channel == Channel::All {
        return Err(Error::invalid("channel", R::OneChannel));
    }
    if purpose == Purpose::All {
        return Err(Error::invalid("purpose", R::OnePurpose));
    }
    let registers: Vec<Register> = match a.register {
        None => vec![Register::Customer, Register::Business],
        Some(r @ (Register::Customer | Register::Business)) => vec![r],
        Some(r) => {
            return Err(Error::invalid(
                "register",
                R::NeverInList.say(&[&D::register(r.name())]),
            ))
        }
    };
    let address: &[&'static str] = match a.channel {
        Channel::Email => &["email"],
        Channel::Sms | Channel::Phone => &["phone"],
        _ => &["street", "postal_code", "city", "country"],
    };
    let mut keys = vec!["id", "register", "first_name", "last_name", "language"];
    keys.extend_from_slice(address);
    let table = crate::output::columns(&keys);
    let format = session.global.format;
    let entry = Entry::new("marketing-list").detail(format!(
        "channel={} purpose={} registers={}{}",
        a.channel.name(),
        purpose.name(),
        registers
            .iter()
            .map(|r| r.name())
            .collect::<Vec<_>>()
            .join("+"),
        if a.existing_customers {
            " existing-customers"
        } else {
            ""
        }
    ));
    let dest = session.global.output.take();
    session.stream(entry, |tx, who| {
        let today = who.today_iso();
        let ask = Ask {
            channel: a.channel,
            purpose,
            today: &today,
            existing_customers: a.existing_customers,
        };
        let mut out = ListWriter::new(dest, format, keys.clone(), table)?;
        preferences::each_candidate(tx, &registers, a.channel, purpose, |c, events| {
            let person = Person {
                register: c.id.register,
                active: c.ended_on.as_deref().is_none_or(|d| d > today.as_str()),
                restricted: c.restricted,
            };
            if !may_contact(person, events, ask) {
                return Ok(());
            }
            let mut row = Map::new();
            row.insert("id".into(), c.id.to_string().into());
            row.insert("register".into(), c.id.register.name().into());
            row.insert("first_name".into(), c.first_name.clone().into());
            row.insert("last_name".into(), c.last_name.clone().into());
            row.insert("language".into(), c.language.clone().into());
            for key in address {
                row.insert(key.to_string(), c.contact(key).into());
            }
            out.row(row)
        })?;
        out.finish()
    })
}
