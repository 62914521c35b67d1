//! `controller set/show`: who keeps the registers (the privacy notice's
//! first section).

use super::Session;
use crate::cli::{ControllerCommand, ControllerSetArgs};
use crate::domain::business_id::BusinessId;
use crate::domain::email::Email;
use crate::domain::phone::Phone;
use crate::error::{Error, Problem, Result};
use crate::messages::A;
use crate::ops::audit::CHECKPOINT_LOG_SETTING;
use crate::ops::controller::{self as ops, Changed, Shown};
use crate::output::{to_map, Output};
use crate::store::audit::Entry;

/// The given values in normal form, each refused value named.
fn validated(args: ControllerSetArgs) -> Result<Vec<(&'static str, String)>> {
    let given = [
        ("name", args.name),
        ("business_id", args.business_id),
        ("address", args.address),
        ("contact_person", args.contact_person),
        ("contact_phone", args.contact_phone),
        ("contact_email", args.contact_email),
    ];
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (key, value) in given {
        let Some(raw) = value else { continue };
        let raw = raw.trim().to_string();
        let normal = match key {
            "business_id" => BusinessId::parse(&raw).map(|b| b.as_str().to_string()),
            "contact_phone" => Phone::parse(&raw, "FI").map(|p| p.as_str().to_string()),
            "contact_email" => raw.parse::<Email>().map(|e| e.as_str().to_string()),
            _ => Ok(raw),
        };
        match normal {
            Ok(v) => out.push((key, v)),
            Err(e) => problems.push(Problem::new(key, e.0)),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(problems))
    }
}

pub fn run(session: &mut Session, command: ControllerCommand) -> Result<Output> {
    match command {
        ControllerCommand::Set(mut args) => {
            let checkpoint_log = if args.no_checkpoint_log {
                Some(String::new())
            } else {
                args.checkpoint_log
                    .take()
                    .map(checkpoint_log_setting)
                    .transpose()?
            };
            let values = validated(args)?;
            if values.is_empty() && checkpoint_log.is_none() {
                return Err(Error::Usage(A::ControllerNothingGiven.into()));
            }
            session.write("controller-set", |tx, _| {
                if let Some(path) = &checkpoint_log {
                    let path = (!path.is_empty()).then_some(path.as_str());
                    crate::store::set_setting(tx, CHECKPOINT_LOG_SETTING, path)?;
                }
                crate::store::controller::set(tx, &values)?;
                let mut fields: Vec<String> = values.iter().map(|(k, _)| k.to_string()).collect();
                if checkpoint_log.is_some() {
                    fields.push("checkpoint_log".into());
                }
                let changed = Changed::of(&values, checkpoint_log.as_deref());
                let entry = Entry {
                    fields,
                    ..Entry::new("controller-set")
                };
                Ok((Output::Done(to_map(&changed)), entry))
            })
        }
        ControllerCommand::Show => session.write("controller-show", |tx, _| {
            let shown = Shown {
                controller: ops::load(tx)?,
                register_id: crate::store::register_id(tx)?,
            };
            Ok((
                Output::Object {
                    value: to_map(&shown),
                    plain: None,
                },
                Entry::new("controller-show"),
            ))
        }),
    }
}

/// The checkpoint log's path as kept: absolute, so that every command finds
/// the same file whatever its working directory.
fn checkpoint_log_setting(path: std::path::PathBuf) -> Result<String> {
    let absolute =
        std::path::absolute(&path).map_err(|e| Error::invalid("checkpoint_log", e.to_string()))?;
    absolute
        .to_str()
        .map(str::to_string)
        .ok_or_else(|| Error::invalid("checkpoint_log", A::PathNotUtf8))
}
