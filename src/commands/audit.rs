//! `audit verify`: the hash chain of the audit log, checked end to end.

use serde_json::Map;

use super::Session;
use crate::cli::AuditCommand;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::audit::{verify, Verdict};

pub fn run(session: &mut Session, command: AuditCommand) -> Result<Output> {
    match command {
        AuditCommand::Verify => match verify(&session.conn)? {
            Verdict::Intact { entries } => {
                let mut value = Map::new();
                value.insert("intact".into(), true.into());
                value.insert("entries".into(), entries.into());
                Ok(Output::Object {
                    value,
                    plain: Some(format!("audit log intact: {entries} entries")),
                })
            }
            Verdict::Broken { seq, why } => Err(Error::AuditAltered(format!(
                "audit log altered: entry {seq} {why}"
            ))),
        },
    }
}
