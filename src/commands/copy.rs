//! `privreg copy --to DB` (SPEC §8, admin): the whole register into a new
//! register of either kind (store/copy.rs). The copy is a read of every
//! record, audited before the first row leaves: the entry is in the copy's
//! chain too, its last.

use serde_json::Map;

use super::Session;
use crate::cli::CopyArgs;
use crate::error::Result;
use crate::output::Output;
use crate::store::audit::Entry;

pub fn copy(session: &mut Session, a: CopyArgs) -> Result<Output> {
    let to_server = crate::store::pg::is_url(&a.to);
    let kind = if to_server { "server" } else { "file" };
    session.write("copy", |_, _| {
        Ok(((), Entry::new("copy").detail(format!("to={kind}"))))
    })?;
    let copied = crate::store::copy::copy_to(&mut session.store, &a.to)?;
    // A sealed register's copy is keyed with its file key: the key slots
    // follow it, so that it opens with the same passphrases (as a backup).
    if !to_server && crate::seal::current_file_key().is_some() {
        crate::seal::append_trailer(&a.to, &crate::seal::read_slots(&session.db)?)?;
    }
    let mut value = Map::new();
    value.insert("to".into(), kind.into());
    value.insert("register_id".into(), copied.register_id.into());
    value.insert("tables".into(), copied.tables.into());
    value.insert("rows".into(), copied.rows.into());
    value.insert("records".into(), copied.records.into());
    value.insert("audit_entries".into(), copied.audit_entries.into());
    Ok(Output::Object { value, plain: None })
}
