//! `operator add/list/disable`: the people who may use the register.

use serde_json::{Map, Value};

use super::Session;
use crate::cli::OperatorCommand;
use crate::error::{Error, Result};
use crate::messages::A;
use crate::ops::server_operators;
use crate::output::{to_map, Output};
use crate::store::audit::Entry;
use crate::store::operators::{self, Role};

/// Operator names are login names: short, printable, no spaces.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "._@-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid("name", A::OperatorName))
    }
}

pub fn run(session: &mut Session, command: OperatorCommand) -> Result<Output> {
    match command {
        OperatorCommand::Add { name, role } => {
            check_name(&name)?;
            let db = session.db.clone();
            let pass = super::sealing::new_operator_passphrase(&db, &name)?;
            let server = server_operators::on_server(&session.store)?;
            let verifier = match server {
                true => server_operators::initial_password(&name)?,
                false => None,
            };
            session.write("operator-add", |tx, who| {
                if let Some(op) = operators::get(tx, &name)? {
                    // After `privreg encrypt` only its admin has a slot: the
                    // others get theirs by being added again (same role).
                    let slotless = pass.is_some()
                        && op.enabled
                        && op.role == role
                        && !super::sealing::has_slot(&db, &name)?;
                    if !slotless {
                        return Err(Error::Conflict(A::OperatorExists.say(&[&name])));
                    }
                    if let Some(pass) = &pass {
                        super::sealing::add_slot(&db, &name, pass)?;
                    }
                    return Ok((
                        operator_done(&name, Some(role), true),
                        Entry::new("operator-add").detail(format!(
                            "operator={name} role={} passphrase=set",
                            role.name()
                        )),
                    ));
                }
                operators::add(tx, &name, role, &who.now, Some(&who.operator))?;
                if server {
                    server_operators::add(
                        tx,
                        &name,
                        role,
                        verifier.as_deref().map(|v| v.as_str()),
                    )?;
                }
                // In the transaction: no slot, no operator.
                if let Some(pass) = &pass {
                    super::sealing::add_slot(&db, &name, pass)?;
                }
                Ok((
                    operator_done(&name, Some(role), true),
                    Entry::new("operator-add")
                        .detail(format!("operator={name} role={}", role.name())),
                ))
            })
        }
        OperatorCommand::List => session.write("operator-list", |tx, _| {
            let rows: Vec<Map<String, Value>> = operators::list(tx)?
                .into_iter()
                .map(|o| to_map(&o))
                .collect();
            let n = rows.len();
            Ok((
                Output::List {
                    rows,
                    table: vec![
                        ("name", "name"),
                        ("role", "role"),
                        ("enabled", "enabled"),
                        ("created", "created_at"),
                        ("by", "created_by"),
                    ],
                },
                Entry::new("operator-list").rows(n),
            ))
        }),
        OperatorCommand::Disable { name } => {
            // The key is rotated before the change is written: killed in
            // between, the operator has lost the key slot while still
            // listed enabled (locked out; the command is repeated to
            // finish), never listed disabled while their passphrase still
            // opens the file or a backup made afterwards (issue #14).
            check_disable(session, &name)?;
            super::sealing::rotate_without(session, &name)?;
            disable(session, &name)
        }
    }
}

/// Whether `name` may be disabled: a registered operator, and not the
/// last enabled admin.
fn may_disable(tx: &crate::store::Tx<'_>, name: &str) -> Result<()> {
    let Some(op) = operators::get(tx, name)? else {
        return Err(Error::NotFound(A::NoOperator.say(&[&name])));
    };
    if op.role == Role::Admin && op.enabled {
        let admins = operators::list(tx)?
            .iter()
            .filter(|o| o.role == Role::Admin && o.enabled)
            .count();
        if admins == 1 {
            return Err(Error::Refused(A::LastAdmin.say(&[&name])));
        }
    }
    Ok(())
}

/// [`may_disable`] before the key rotation, in a read of its own (the
/// refusal itself is logged by `disable`'s write).
fn check_disable(session: &mut Session, name: &str) -> Result<()> {
    let allowed = may_disable(&session.store.begin(crate::store::Mode::Read)?, name);
    match allowed {
        Ok(()) => Ok(()),
        // The write refuses it again, and logs the refusal.
        Err(_) => disable(session, name).map(|_| ()),
    }
}

fn disable(session: &mut Session, name: &str) -> Result<Output> {
    {
        let name = name.to_string();
        let server = server_operators::on_server(&session.store)?;
        session.write("operator-disable", |tx, _| {
            may_disable(tx, &name)?;
            operators::disable(tx, &name)?;
            if server {
                server_operators::disable(tx, &name)?;
            }
            Ok((
                operator_done(&name, None, false),
                Entry::new("operator-disable").detail(format!("operator={name}")),
            ))
        })
    }
}

/// An operator after `operator add` or `operator disable`.
fn operator_done(name: &str, role: Option<Role>, enabled: bool) -> Output {
    let mut m = Map::new();
    m.insert("name".into(), name.into());
    if let Some(role) = role {
        m.insert("role".into(), role.name().into());
    }
    m.insert("enabled".into(), enabled.into());
    Output::Done(m)
}
