//! `operator add/list/disable`: the people who may use the register, and
//! their key slots when it is sealed (`ops::sealing`).

use std::path::Path;

use serde::Serialize;
use zeroize::Zeroizing;

use super::sealing::{add_slot, has_slot};
use super::Who;
use crate::error::{Error, Result};
use crate::messages::A;
use crate::store::audit::Entry;
use crate::store::operators::{self, Operator, Role};
use crate::store::Tx;

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

/// An operator after `operator add` (with the role) or `operator disable`.
#[derive(Serialize)]
pub struct OperatorDone {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    pub enabled: bool,
}

/// What `operator add` needs: the name, its role, and on a sealed
/// register the register's path and the new operator's passphrase (asked
/// before the write transaction begins).
pub struct AddOptions<'a> {
    pub name: &'a str,
    pub role: Role,
    pub db: &'a Path,
    pub passphrase: Option<&'a Zeroizing<String>>,
    /// On a server: the login role is made or adopted too, with this
    /// password verifier if one was given (`ops::server_operators`).
    pub server: Option<Option<&'a str>>,
}

/// `operator add`: a new operator, with a key slot on a sealed register
/// (in the transaction: no slot, no operator). After `privreg encrypt`
/// only its admin has a slot: the others get theirs by being added again
/// with the same role.
pub fn add(tx: &Tx<'_>, who: &Who, o: &AddOptions<'_>) -> Result<(OperatorDone, Entry)> {
    let (name, role) = (o.name, o.role);
    let done = OperatorDone {
        name: name.to_string(),
        role: Some(role.name()),
        enabled: true,
    };
    let mut detail = format!("operator={name} role={}", role.name());
    if let Some(op) = operators::get(tx, name)? {
        let slotless =
            o.passphrase.is_some() && op.enabled && op.role == role && !has_slot(o.db, name)?;
        if !slotless {
            return Err(Error::Conflict(A::OperatorExists.say(&[&name])));
        }
        detail.push_str(" passphrase=set");
    } else {
        operators::add(tx, name, role, &who.now, Some(&who.operator))?;
        if let Some(verifier) = o.server {
            super::server_operators::add(tx, name, role, verifier)?;
        }
    }
    if let Some(pass) = o.passphrase {
        add_slot(o.db, name, pass)?;
    }
    Ok((done, Entry::new("operator-add").detail(detail)))
}

/// `operator list`: every operator, with its audit entry.
pub fn list(tx: &Tx<'_>) -> Result<(Vec<Operator>, Entry)> {
    let all = operators::list(tx)?;
    let entry = Entry::new("operator-list").rows(all.len());
    Ok((all, entry))
}

/// Whether `name` may be disabled: a registered operator, and not the
/// last enabled admin.
pub fn may_disable(tx: &Tx<'_>, name: &str) -> Result<()> {
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

/// A disabled operator's login role on a server: no login, no group.
pub fn log_out(tx: &Tx<'_>, name: &str) -> Result<()> {
    super::server_operators::disable(tx, name)
}

/// `operator disable`, after the key rotation (`ops::sealing`). On a
/// server the login role goes in the same transaction, except the
/// session's own (`me`): taken out of its groups it could no longer
/// append the audit entry, so the command takes its login away just
/// after the commit ([`log_out`]).
pub fn disable(tx: &Tx<'_>, name: &str, me: &str) -> Result<(OperatorDone, Entry)> {
    may_disable(tx, name)?;
    operators::disable(tx, name)?;
    if tx.is_server() && name != me {
        super::server_operators::disable(tx, name)?;
    }
    Ok((
        OperatorDone {
            name: name.to_string(),
            role: None,
            enabled: false,
        },
        Entry::new("operator-disable").detail(format!("operator={name}")),
    ))
}
