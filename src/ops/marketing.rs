//! Marketing preferences as history (`optout`, `consent`, `consent
//! withdraw`) and the lists that honour them (`marketing-list`), DOMAIN §7.

use serde::Serialize;
use serde_json::{Map, Value};

use super::records::load;
use super::Who;
use crate::domain::marketing::{may_contact, Ask, Channel, Person, Purpose, Source};
use crate::domain::register::{RecordId, Register};
use crate::error::{Error, Result};
use crate::messages::{D, R};
use crate::store::audit::Entry;
use crate::store::preferences::{self, NewPreference};
/// The kinds of preference event a command records.
pub use crate::store::preferences::{CONSENT, OPTOUT, WITHDRAWAL};
use crate::store::Tx;

/// One preference event to record.
pub struct PreferenceOptions<'a> {
    /// The audit action: `optout`, `consent` or `consent-withdraw`.
    pub action: &'static str,
    /// The event's kind ([`preferences::OPTOUT`], `CONSENT`, `WITHDRAWAL`).
    pub kind: &'static str,
    /// The record; never one of a register that is not marketed to
    /// ([`check_marketed`]).
    pub id: RecordId,
    pub channel: Channel,
    pub purpose: Purpose,
    pub source: Option<Source>,
    /// The day it takes effect, `YYYY-MM-DD` as checked by
    /// [`super::bases::date_flag`]; today when absent.
    pub date: Option<&'a str>,
}

/// A preference recorded (the JSON of `optout` and `consent`).
#[derive(Serialize)]
pub struct Preference {
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    pub kind: &'static str,
    #[serde(serialize_with = "channel_name")]
    pub channel: Channel,
    #[serde(serialize_with = "purpose_name")]
    pub purpose: Purpose,
    #[serde(serialize_with = "source_name")]
    pub source: Option<Source>,
    pub effective: String,
}

fn channel_name<S: serde::Serializer>(c: &Channel, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(c.name())
}

fn purpose_name<S: serde::Serializer>(p: &Purpose, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(p.name())
}

fn source_name<S: serde::Serializer>(
    v: &Option<Source>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_str(v.name()),
        None => s.serialize_none(),
    }
}

/// Refuses a record of a register that is never marketed to (employees,
/// applicants).
pub fn check_marketed(id: RecordId) -> Result<()> {
    if matches!(id.register, Register::Employee | Register::Recruitment) {
        return Err(Error::invalid(
            "id",
            R::NeverMarketing.say(&[&D::register(id.register.name())]),
        ));
    }
    Ok(())
}

/// Records a preference event, with its audit entry.
pub fn record(tx: &Tx<'_>, who: &Who, o: &PreferenceOptions<'_>) -> Result<(Preference, Entry)> {
    let record = load(tx, o.id)?;
    let effective = o.date.map_or_else(|| who.today_iso(), str::to_string);
    preferences::insert(
        tx,
        record.key,
        &NewPreference {
            kind: o.kind,
            channel: o.channel,
            purpose: o.purpose,
            source: o.source.map(Source::name),
            effective: &effective,
        },
        &who.now,
        &who.operator,
    )?;
    let entry = Entry::new(o.action).record(o.id).detail(format!(
        "channel={} purpose={}",
        o.channel.name(),
        o.purpose.name()
    ));
    let preference = Preference {
        id: o.id,
        kind: o.kind,
        channel: o.channel,
        purpose: o.purpose,
        source: o.source,
        effective,
    };
    Ok((preference, entry))
}

/// What `marketing-list` is asked for, checked by [`list_options`].
pub struct ListOptions {
    /// One channel, never `all`.
    pub channel: Channel,
    /// One purpose, never `all`.
    pub purpose: Purpose,
    /// The registers listed: customers, businesses or both.
    pub registers: Vec<Register>,
    /// Also those the existing-customer exception allows.
    pub existing_customers: bool,
}

/// Checks what a list is asked for: one channel, one purpose (marketing
/// when absent), registers that are marketed to (customers and businesses
/// when absent).
pub fn list_options(
    channel: Channel,
    purpose: Option<Purpose>,
    register: Option<Register>,
    existing_customers: bool,
) -> Result<ListOptions> {
    let purpose = purpose.unwrap_or(Purpose::Marketing);
    if channel == Channel::All {
        return Err(Error::invalid("channel", R::OneChannel));
    }
    if purpose == Purpose::All {
        return Err(Error::invalid("purpose", R::OnePurpose));
    }
    let registers: Vec<Register> = match register {
        None => vec![Register::Customer, Register::Business],
        Some(r @ (Register::Customer | Register::Business)) => vec![r],
        Some(r) => {
            return Err(Error::invalid(
                "register",
                R::NeverInList.say(&[&D::register(r.name())]),
            ))
        }
    };
    Ok(ListOptions {
        channel,
        purpose,
        registers,
        existing_customers,
    })
}

/// The address keys a list prints for its channel.
pub fn address_keys(channel: Channel) -> &'static [&'static str] {
    match channel {
        Channel::Email => &["email"],
        Channel::Sms | Channel::Phone => &["phone"],
        _ => &["street", "postal_code", "city", "country"],
    }
}

/// The keys of a list's rows, in order.
pub fn list_keys(channel: Channel) -> Vec<&'static str> {
    let mut keys = vec!["id", "register", "first_name", "last_name", "language"];
    keys.extend_from_slice(address_keys(channel));
    keys
}

/// The audit entry of a list: what was asked, no names.
pub fn list_entry(o: &ListOptions) -> Entry {
    Entry::new("marketing-list").detail(format!(
        "channel={} purpose={} registers={}{}",
        o.channel.name(),
        o.purpose.name(),
        o.registers
            .iter()
            .map(|r| r.name())
            .collect::<Vec<_>>()
            .join("+"),
        if o.existing_customers {
            " existing-customers"
        } else {
            ""
        }
    ))
}

/// A person a list may contact (a row of `marketing-list`).
#[derive(Serialize)]
pub struct Contact {
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    pub register: &'static str,
    pub first_name: String,
    pub last_name: String,
    pub language: Option<String>,
    /// The channel's address keys ([`address_keys`]) and their values.
    #[serde(flatten)]
    pub address: Map<String, Value>,
}

/// Calls `f` with every person the list may contact, in record order.
pub fn each_contact(
    tx: &Tx<'_>,
    who: &Who,
    o: &ListOptions,
    mut f: impl FnMut(Contact) -> Result<()>,
) -> Result<()> {
    let today = who.today_iso();
    let ask = Ask {
        channel: o.channel,
        purpose: o.purpose,
        today: &today,
        existing_customers: o.existing_customers,
    };
    let address = address_keys(o.channel);
    preferences::each_candidate(tx, &o.registers, o.channel, o.purpose, |c, events| {
        let person = Person {
            register: c.id.register,
            active: c.ended_on.as_deref().is_none_or(|d| d > today.as_str()),
            restricted: c.restricted,
        };
        if !may_contact(person, events, ask) {
            return Ok(());
        }
        let address = address
            .iter()
            .map(|key| (key.to_string(), c.contact(key).into()))
            .collect();
        f(Contact {
            id: c.id,
            register: c.id.register.name(),
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            language: c.language.clone(),
            address,
        })
    })
}
