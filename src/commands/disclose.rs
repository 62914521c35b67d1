//! `disclose ID --recipient --category --data --basis [--country]
//! [--dpf-certified] [--date]`: the adapter of `ops::disclose` (a
//! disclosure logged, Art. 19; a transfer without a ground refused).

use super::Session;
use crate::cli::DiscloseArgs;
use crate::domain::transfer::Ground;
use crate::error::Result;
use crate::messages::D;
use crate::ops::disclose::DiscloseInput;
use crate::output::{to_map, Output};

pub fn run(session: &mut Session, args: DiscloseArgs) -> Result<Output> {
    let input = DiscloseInput {
        id: args.id,
        recipient: &args.recipient,
        category: args.category.name(),
        data: &args.data,
        basis: args.basis.stored(),
        country: &args.country,
        dpf_certified: args.dpf_certified,
        date: args.date.as_deref(),
    };
    let options = crate::ops::disclose::check(&input, session.who.today)?;
    let d = session.write("disclose", |tx, who| {
        crate::ops::disclose::disclose(tx, who, &options)
    })?;
    let plain = D::DisclosureLogged.say(&[&d.record, &d.id, &d.country, &said(&d.ground)]);
    Ok(Output::Object {
        value: to_map(&d),
        plain: Some(plain),
    })
}

/// The ground of a transfer as a message says it (the JSON keeps
/// `Ground::describe`'s English).
fn said(ground: &Ground) -> String {
    match ground {
        Ground::EuEea => D::WithinEuEea.to_string(),
        Ground::Adequacy { decision } => D::AdequacyDecision.say(&[decision]),
        Ground::Dpf { decision } => D::AdequacyDpf.say(&[decision]),
    }
}
