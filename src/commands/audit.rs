//! `audit verify` and `audit checkpoint` (SPEC §7; the operations and the
//! checkpoint log are `ops::audit`'s).

use super::Session;
use crate::cli::AuditCommand;
use crate::error::Result;
use crate::ops::audit as ops;
use crate::output::{to_map, Output};
use crate::store::audit::Entry;

// Where other verbs and the session have always found them.
pub use crate::ops::audit::append_to_log;

pub fn run(session: &mut Session, command: AuditCommand) -> Result<Output> {
    match command {
        AuditCommand::Verify { checkpoints } => verify_log(session, &checkpoints),
        AuditCommand::Checkpoint => {
            // Recorded first, so the checkpoint commits to the record that
            // it was taken (a command of another terminal in between only
            // makes it cover more).
            session.write("audit-checkpoint", |_, _| {
                Ok(((), Entry::new("audit-checkpoint")))
            })?;
            let cp = ops::checkpoint(&session.store.peek()?, &session.who.now)?;
            Ok(Output::Object {
                value: to_map(&cp),
                plain: Some(cp.checkpoint.to_string()),
            })
        }
    }
}

fn verify_log(session: &mut Session, files: &[String]) -> Result<Output> {
    // Bad checkpoint files are the caller's mistake, found before anything
    // is read or recorded.
    let checkpoints = ops::read_checkpoints(files)?;
    let tx = session.store.begin(crate::store::Mode::Read)?;
    let found = ops::verify(&tx, &checkpoints)?;
    tx.commit()?;
    // Every verify is recorded, whatever it found; the head printed is the
    // one verified, before this entry.
    let entry = found.entry();
    session.write("audit-verify", |_, _| Ok(((), entry)))?;
    let intact = found.outcome()?;
    Ok(Output::Object {
        value: to_map(&intact),
        plain: Some(intact.plain()),
    })
}
