//! `restrict ID --reason TEXT [--request REQ]` and `restrict lift ID`: the
//! adapters of `ops::restrict` (restriction of processing, Art. 18).

use super::Session;
use crate::cli::{RestrictArgs, RestrictCommand};
use crate::error::{Error, Result};
use crate::messages::{D, R};
use crate::ops::requests::required_text;
use crate::ops::restrict::RestrictOptions;
use crate::output::{to_map, Output};

pub fn run(session: &mut Session, args: RestrictArgs) -> Result<Output> {
    match (args.command, args.id, args.reason) {
        (Some(RestrictCommand::Lift { id }), _, _) => {
            let lifted = session.write("restrict-lift", |tx, who| {
                crate::ops::restrict::lift(tx, who, id)
            })?;
            Ok(Output::Object {
                value: to_map(&lifted),
                plain: Some(D::RestrictionLifted.say(&[&id])),
            })
        }
        (None, Some(id), Some(reason)) => {
            let reason = required_text("reason", &reason)?;
            let options = RestrictOptions {
                id,
                reason: &reason,
                request: args.request.as_deref(),
            };
            let restricted = session.write("restrict", |tx, who| {
                crate::ops::restrict::restrict(tx, who, &options)
            })?;
            Ok(Output::Object {
                value: to_map(&restricted),
                plain: Some(D::Restricted.say(&[&id])),
            })
        }
        // clap requires ID and --reason when there is no subcommand.
        _ => Err(Error::Usage(R::RestrictUsage.into())),
    }
}
