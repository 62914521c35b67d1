//! `optout`, `consent`, `consent withdraw` and `marketing-list`: marketing
//! preferences as history, and lists that honour them (DOMAIN §7).

use super::Session;
use crate::cli::{ConsentArgs, ConsentCommand, MarketingListArgs, OptoutArgs};
use crate::domain::marketing::Purpose;
use crate::error::{Error, Result};
use crate::messages::{lang, Lang, D, R};
use crate::ops::bases::date_flag;
use crate::ops::marketing::{self as ops, Preference, PreferenceOptions};
use crate::ops::marketing::{CONSENT, OPTOUT, WITHDRAWAL};
use crate::output::{to_map, ListWriter, Output};

fn record_event(session: &mut Session, e: PreferenceOptions<'_>) -> Result<Output> {
    ops::check_marketed(e.id)?;
    let date = date_flag("date", e.date)?;
    let options = PreferenceOptions {
        date: date.as_deref(),
        ..e
    };
    let p = session.write(options.action, |tx, who| ops::record(tx, who, &options))?;
    Ok(Output::Object {
        value: to_map(&p),
        plain: Some(preference_line(&p)),
    })
}

/// The success line of a preference: codes in English (what one types),
/// words in Finnish and Swedish.
fn preference_line(e: &Preference) -> String {
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
    D::PreferenceSet.say(&[&e.id, &kind, &purpose, &channel, &e.effective])
}

pub fn optout(session: &mut Session, a: OptoutArgs) -> Result<Output> {
    record_event(session, refusal("optout", OPTOUT, &a))
}

/// An objection or a withdrawn consent as the event it records. It is read
/// broadly: without a purpose it covers all.
fn refusal<'a>(
    action: &'static str,
    kind: &'static str,
    a: &'a OptoutArgs,
) -> PreferenceOptions<'a> {
    PreferenceOptions {
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
                PreferenceOptions {
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
    let options = ops::list_options(a.channel, a.purpose, a.register, a.existing_customers)?;
    let keys = ops::list_keys(options.channel);
    let table = crate::output::columns(&keys);
    let format = session.global.format;
    let entry = ops::list_entry(&options);
    let dest = session.global.output.take();
    session.stream(entry, |tx, who| {
        let mut out = ListWriter::new(dest, format, keys.clone(), table)?;
        ops::each_contact(tx, who, &options, |c| out.row(to_map(&c)))?;
        out.finish()
    })
}
