//! `privreg copy --to DB` and `backup FILE` on a server (SPEC §8, admin):
//! the operations are `ops::copy`'s. Each is audited before the first row
//! leaves: the entry is in the copy's chain too, its last.

use super::Session;
use crate::cli::CopyArgs;
use crate::error::Result;
use crate::ops::copy as ops;
use crate::output::{to_map, Output};
use crate::store::audit::Entry;

pub fn copy(session: &mut Session, a: CopyArgs) -> Result<Output> {
    let kind = ops::kind_of(&a.to);
    session.write("copy", |_, _| {
        Ok(((), Entry::new("copy").detail(format!("to={kind}"))))
    })?;
    let db = session.db.clone();
    let copied = ops::copy(&mut session.store, &db, &a.to)?;
    Ok(Output::Object {
        value: to_map(&copied),
        plain: None,
    })
}

/// `backup FILE` on a server: a sealed register file whose one key slot
/// is the admin's who made it.
pub fn backup_from_server(session: &mut Session, file: &std::path::Path) -> Result<Output> {
    ops::refuse_taken(file)?;
    let who = session.who.operator.clone();
    let pass = ops::backup_passphrase(&who)?;
    session.write("backup", |_, _| {
        Ok(((), Entry::new("backup").detail("sealed=yes")))
    })?;
    let now = session.who.now.clone();
    let done = ops::backup_from_server(&mut session.store, file, &who, &pass, &now)?;
    Ok(Output::Object {
        value: to_map(&done),
        plain: Some(done.plain()),
    })
}
