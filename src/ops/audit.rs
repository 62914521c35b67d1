//! `audit verify` and `audit checkpoint` (SPEC §7): the hash chain checked
//! end to end and against checkpoints kept outside the register, and the
//! checkpoint log that every writing command appends to.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::domain::checkpoint::{self, AtEntry, Checkpoint};
use crate::error::{Error, Result};
use crate::messages::{A, D};
use crate::store::audit::{self, Entry, Verdict};
use crate::store::Tx;

/// The environment variable naming the checkpoint log; it overrides
/// `controller set --checkpoint-log`.
pub const CHECKPOINT_LOG_VAR: &str = "PRIVREG_CHECKPOINT_LOG";

/// The `meta` key `controller set --checkpoint-log` keeps the path under.
pub const CHECKPOINT_LOG_SETTING: &str = "checkpoint_log";

/// What `audit checkpoint` prints: the line, and its parts.
#[derive(Serialize)]
pub struct CheckpointView {
    #[serde(serialize_with = "super::as_text")]
    pub checkpoint: Checkpoint,
    pub register_id: String,
    pub seq: i64,
    pub hash: String,
}

impl CheckpointView {
    pub fn new(cp: Checkpoint) -> CheckpointView {
        CheckpointView {
            register_id: cp.register_id.clone(),
            seq: cp.seq,
            hash: cp.hash.clone(),
            checkpoint: cp,
        }
    }
}

/// The log's checkpoint now (after the entry recording that it was taken).
pub fn checkpoint(tx: &Tx<'_>, now: &str) -> Result<CheckpointView> {
    let cp = audit::checkpoint(tx, now)?
        .ok_or_else(|| Error::Internal("no audit entry after an append".into()))?;
    Ok(CheckpointView::new(cp))
}

/// Every checkpoint line of the given files (`-`: standard input), with
/// where it came from (`file:line`).
pub fn read_checkpoints(files: &[String]) -> Result<Vec<(String, Checkpoint)>> {
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

/// What `audit verify` found, before it is recorded.
pub struct Verification {
    verdict: Verdict,
    /// Why a checkpoint contradicts an intact chain, if one does.
    contradicted: Option<String>,
    checkpoints: usize,
    /// The head verified: sequence number and hash.
    head: Option<(i64, String)>,
}

/// What `audit verify` prints when all is well.
#[derive(Serialize)]
pub struct Intact {
    pub intact: bool,
    pub entries: i64,
    pub checkpoints: usize,
    pub head_seq: i64,
    pub head_hash: String,
}

impl Intact {
    pub fn plain(&self) -> String {
        let against = match self.checkpoints {
            0 => String::new(),
            1 => A::AgreesOne.into(),
            n => A::AgreesMany.say(&[&n]),
        };
        A::Intact.say(&[&self.entries, &against, &self.head_seq, &self.head_hash])
    }
}

/// Checks the chain, and an intact one against `checkpoints`.
pub fn verify(tx: &Tx<'_>, checkpoints: &[(String, Checkpoint)]) -> Result<Verification> {
    let verdict = audit::verify(tx)?;
    let mut contradicted = None;
    if let Verdict::Intact { .. } = verdict {
        let register_id = crate::store::register_id(tx)?;
        for (place, cp) in checkpoints {
            let at = match audit::hash_at(tx, cp.seq)? {
                Some(h) => AtEntry::Hash(h),
                None => AtEntry::Missing,
            };
            if let Some(why) = checkpoint::contradiction(&register_id, cp, &at) {
                contradicted = Some(A::ContradictsCheckpoint.say(&[&place, &cp.seq, &cp.at, &why]));
                break;
            }
        }
    }
    Ok(Verification {
        verdict,
        contradicted,
        checkpoints: checkpoints.len(),
        head: audit::head(tx)?,
    })
}

impl Verification {
    /// The entry every verify is recorded with, whatever it found.
    pub fn entry(&self) -> Entry {
        let (outcome, detail) = match (&self.verdict, &self.contradicted) {
            (Verdict::Broken { seq, .. }, _) => ("altered", format!("chain broken at entry {seq}")),
            (_, Some(_)) => ("altered", "contradicts a checkpoint".to_string()),
            _ => ("ok", String::new()),
        };
        Entry {
            outcome: outcome.into(),
            detail: format!(
                "{detail}{}checkpoints={}",
                if detail.is_empty() { "" } else { "; " },
                self.checkpoints
            ),
            rows: self.head.as_ref().map_or(0, |(seq, _)| *seq),
            ..Entry::new("audit-verify")
        }
    }

    /// The verdict: intact, or exit 8 saying where it was altered.
    pub fn outcome(self) -> Result<Intact> {
        match (self.verdict, self.contradicted) {
            (Verdict::Broken { seq, why }, _) => {
                Err(Error::AuditAltered(A::EntryAltered.say(&[&seq, &why])))
            }
            (_, Some(why)) => Err(Error::AuditAltered(why)),
            (Verdict::Intact { entries }, None) => {
                let (head_seq, head_hash) = self.head.unwrap_or((0, String::new()));
                Ok(Intact {
                    intact: true,
                    entries,
                    checkpoints: self.checkpoints,
                    head_seq,
                    head_hash,
                })
            }
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
