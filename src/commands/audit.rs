//! `audit verify` and `audit checkpoint` (SPEC §7): the hash chain checked
//! end to end and against checkpoints kept outside the register, and the
//! checkpoint log that every writing command appends to.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde_json::Map;

use super::Session;
use crate::cli::AuditCommand;
use crate::domain::checkpoint::{self, AtEntry, Checkpoint};
use crate::error::{Error, Result};
use crate::messages::{A, D};
use crate::output::Output;
use crate::store::audit::{self, verify, Entry, Verdict};
use crate::store::Tx;

/// The environment variable naming the checkpoint log; it overrides
/// `controller set --checkpoint-log`.
pub const CHECKPOINT_LOG_VAR: &str = "PRIVREG_CHECKPOINT_LOG";

/// The `meta` key `controller set --checkpoint-log` keeps the path under.
pub const CHECKPOINT_LOG_SETTING: &str = "checkpoint_log";

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
            let cp = audit::checkpoint(&session.store.peek()?, &session.who.now)?
                .ok_or_else(|| Error::Internal("no audit entry after an append".into()))?;
            let mut value = Map::new();
            value.insert("checkpoint".into(), cp.to_string().into());
            value.insert("register_id".into(), cp.register_id.clone().into());
            value.insert("seq".into(), cp.seq.into());
            value.insert("hash".into(), cp.hash.clone().into());
            Ok(Output::Object {
                value,
                plain: Some(cp.to_string()),
            })
        }
    }
}

/// Every checkpoint line of the given files, with where it came from.
fn read_checkpoints(files: &[String]) -> Result<Vec<(String, Checkpoint)>> {
    let mut all = Vec::new();
    for name in files {
        let text = if name == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| Error::invalid("checkpoint", format!("{}: {e}", D::StandardInput)))?;
            s
        } else {
            std::fs::read_to_string(name).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Error::NotFound(A::NoCheckpointFile.say(&[&name])),
                _ => Error::invalid("checkpoint", format!("{name}: {e}")),
            })?
        };
        let found = checkpoint::parse_all(&text)
            .map_err(|why| Error::invalid("checkpoint", format!("{name}: {why}")))?;
        all.extend(
            found
                .into_iter()
                .map(|(line, cp)| (format!("{name}:{line}"), cp)),
        );
    }
    Ok(all)
}

fn verify_log(session: &mut Session, files: &[String]) -> Result<Output> {
    // Bad checkpoint files are the caller's mistake, found before anything
    // is read or recorded.
    let checkpoints = read_checkpoints(files)?;
    let tx = session.store.begin(crate::store::Mode::Read)?;
    let verdict = verify(&tx)?;
    let mut contradicted = None;
    if let Verdict::Intact { .. } = verdict {
        let register_id = crate::store::register_id(&tx)?;
        for (place, cp) in &checkpoints {
            let at = match audit::hash_at(&tx, cp.seq)? {
                Some(h) => AtEntry::Hash(h),
                None => AtEntry::Missing,
            };
            if let Some(why) = checkpoint::contradiction(&register_id, cp, &at) {
                contradicted = Some(A::ContradictsCheckpoint.say(&[&place, &cp.seq, &cp.at, &why]));
                break;
            }
        }
    }
    let head = audit::head(&tx)?;
    tx.commit()?;

    // Every verify is recorded, whatever it found; the head printed is the
    // one verified, before this entry.
    let (outcome, detail) = match (&verdict, &contradicted) {
        (Verdict::Broken { seq, .. }, _) => ("altered", format!("chain broken at entry {seq}")),
        (_, Some(_)) => ("altered", "contradicts a checkpoint".to_string()),
        _ => ("ok", String::new()),
    };
    let entry = Entry {
        outcome: outcome.into(),
        detail: format!(
            "{detail}{}checkpoints={}",
            if detail.is_empty() { "" } else { "; " },
            checkpoints.len()
        ),
        rows: head.as_ref().map_or(0, |(seq, _)| *seq),
        ..Entry::new("audit-verify")
    };
    session.write("audit-verify", |_, _| Ok(((), entry)))?;

    match (verdict, contradicted) {
        (Verdict::Broken { seq, why }, _) => {
            Err(Error::AuditAltered(A::EntryAltered.say(&[&seq, &why])))
        }
        (_, Some(why)) => Err(Error::AuditAltered(why)),
        (Verdict::Intact { entries }, None) => {
            let (seq, hash) = head.unwrap_or((0, String::new()));
            let mut value = Map::new();
            value.insert("intact".into(), true.into());
            value.insert("entries".into(), entries.into());
            value.insert("checkpoints".into(), checkpoints.len().into());
            value.insert("head_seq".into(), seq.into());
            value.insert("head_hash".into(), hash.clone().into());
            let against = match checkpoints.len() {
                0 => String::new(),
                1 => A::AgreesOne.into(),
                n => A::AgreesMany.say(&[&n]),
            };
            Ok(Output::Object {
                value,
                plain: Some(A::Intact.say(&[&entries, &against, &seq, &hash])),
            })
        }
    }
}

/// Where the checkpoint log is: `PRIVREG_CHECKPOINT_LOG`, else the path
/// `controller set --checkpoint-log` kept, else none.
pub fn checkpoint_log_path(conn: &Tx<'_>) -> Result<Option<PathBuf>> {
    if let Some(p) = std::env::var_os(CHECKPOINT_LOG_VAR).filter(|p| !p.is_empty()) {
        return Ok(Some(PathBuf::from(p)));
    }
    Ok(crate::store::setting(conn, CHECKPOINT_LOG_SETTING)?.map(PathBuf::from))
}

/// Appends the log's current checkpoint to the checkpoint log, if one is
/// set. Called after a command's change has committed, so a log that
/// cannot be written is a warning, never a failed command.
pub fn append_to_log(conn: &Tx<'_>, register: &Path, now: &str) -> std::result::Result<(), String> {
    let Some(path) = checkpoint_log_path(conn).map_err(|e| e.to_string())? else {
        return Ok(());
    };
    let cp = audit::checkpoint(conn, now)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| D::AuditLogEmpty.to_string())?;
    let failed = |e: &dyn std::fmt::Display| D::CheckpointLogFailed.say(&[&path.display(), e]);
    crate::files::refuse_register(&path, "checkpoint_log", register).map_err(|e| failed(&e))?;
    append_line(&path, &cp.to_string()).map_err(|e| failed(&e))
}

/// Appends one line, created 0600 if new, synced to disk before privreg
/// exits. The log is the one file privreg appends to rather than creates
/// new: it is meant to grow, and lives where the register's users cannot
/// rewrite it.
fn append_line(path: &Path, line: &str) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(format!("{line}\n").as_bytes())?;
    f.sync_all()
}
