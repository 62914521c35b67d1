//! `operator add/list/disable` (the operations are `ops::operators`').

use serde_json::{Map, Value};

use super::Session;
use crate::cli::OperatorCommand;
use crate::error::Result;
use crate::ops::operators::{self as ops, AddOptions};
use crate::ops::server_operators;
use crate::output::{to_map, Output};

pub use crate::ops::operators::check_name;

pub fn run(session: &mut Session, command: OperatorCommand) -> Result<Output> {
    match command {
        OperatorCommand::Add { name, role } => {
            check_name(&name)?;
            let db = session.db.clone();
            let pass = crate::ops::sealing::new_operator_passphrase(&db, &name)?;
            // On a server the operator is a login role (SPEC §8): its
            // password, if one is given, is asked before the transaction.
            let server = session.store.is_server();
            let verifier = match server {
                true => server_operators::initial_password(&name)?,
                false => None,
            };
            let options = AddOptions {
                name: &name,
                role,
                db: &db,
                passphrase: pass.as_ref(),
                server: server.then_some(verifier.as_deref().map(|v| v.as_str())),
            };
            let done = session.write("operator-add", |tx, who| ops::add(tx, who, &options))?;
            Ok(Output::Done(to_map(&done)))
        }
        OperatorCommand::List => {
            let all = session.write("operator-list", |tx, _| ops::list(tx))?;
            let rows: Vec<Map<String, Value>> = all.iter().map(to_map).collect();
            Ok(Output::List {
                rows,
                table: vec![
                    ("name", "name"),
                    ("role", "role"),
                    ("enabled", "enabled"),
                    ("created", "created_at"),
                    ("by", "created_by"),
                ],
            })
        }
        OperatorCommand::Disable { name } => {
            // The key is rotated before the change is written: killed in
            // between, the operator has lost the key slot while still
            // listed enabled (locked out; the command is repeated to
            // finish), never listed disabled while their passphrase still
            // opens the file or a backup made afterwards (issue #14).
            check_disable(session, &name)?;
            crate::ops::sealing::rotate_without(&mut session.store, &session.db, &name)?;
            disable(session, &name)
        }
    }
}

/// [`ops::may_disable`] before the key rotation, in a read of its own
/// (the refusal itself is logged by `disable`'s write).
fn check_disable(session: &mut Session, name: &str) -> Result<()> {
    let allowed = ops::may_disable(&session.store.begin(crate::store::Mode::Read)?, name);
    match allowed {
        Ok(()) => Ok(()),
        // The write refuses it again, and logs the refusal.
        Err(_) => disable(session, name).map(|_| ()),
    }
}

fn disable(session: &mut Session, name: &str) -> Result<Output> {
    let done = session.write("operator-disable", |tx, who| {
        ops::disable(tx, name, &who.operator)
    })?;
    // An admin who disabled themselves on a server: their login goes once
    // the change and its audit entry are in (see `ops::disable`).
    if session.store.is_server() && name == session.who.operator {
        let tx = session.store.begin(crate::store::Mode::Write)?;
        ops::log_out(&tx, name)?;
        tx.commit()?;
    }
    Ok(Output::Done(to_map(&done)))
}
