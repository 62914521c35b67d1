//! The one error type of privreg and its exit codes (SPEC §6). Messages
//! name fields, lines and ids, never a personal value; their words are in
//! the catalogue (`crate::messages`), in the language of the run.

use crate::domain::fields::FieldError;
use crate::messages::M;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Exit 2: a flag or argument the command cannot take.
    #[error("{0}")]
    Usage(String),
    /// Exit 3: values refused; each names its field (and line, for files).
    #[error("{}", format_invalid(.0))]
    Invalid(Vec<Problem>),
    /// Exit 3: rows of an imported file refused; the message lists them and
    /// says whether the valid rows were written (`import --skip-invalid`).
    #[error("{0}")]
    InvalidRows(String),
    /// Exit 4: no such record, request, operator or file.
    #[error("{0}")]
    NotFound(String),
    /// Exit 5: role, hold, suppression or transfer rules say no.
    #[error("{0}")]
    Refused(String),
    /// Exit 5, about one record: its id goes to the refusal's audit entry.
    #[error("{why}")]
    RefusedFor {
        record: crate::domain::register::RecordId,
        why: String,
        /// What the audit log keeps when it is not `why`: the refusal in
        /// English, when `why` was said in another language.
        logged: Option<String>,
    },
    /// Exit 6: the person is already in the register.
    #[error("{0}")]
    Conflict(String),
    /// Exit 7: the file is missing, locked, read-only, corrupt or too new.
    #[error("{0}")]
    Storage(String),
    /// Exit 8: the audit log's hash chain is broken.
    #[error("{0}")]
    AuditAltered(String),
    /// Exit 0, quietly: the reader of stdout went away (`privreg … | head`).
    #[error("output closed")]
    OutputClosed,
    /// Exit 1: a bug.
    #[error("{}", internal(.0))]
    Internal(String),
}

/// One invalid value: where it was (a line of a file, or `--set`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<u64>,
    pub field: String,
    pub reason: String,
}

impl Problem {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Problem {
            line: None,
            field: field.into(),
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // In Finnish a field is named by its Finnish header (`import`
        // reads it too); a column that is no field is named as it was given.
        let field = crate::domain::fields::field_name(&self.field);
        f.write_str(&match self.line {
            Some(line) => M::LineField.say(&[&line, &field, &self.reason]),
            None => M::Field.say(&[&field, &self.reason]),
        })
    }
}

/// "internal error (a bug in privreg): …" in the language of the run.
fn internal(what: &str) -> String {
    M::Internal.say(&[&what])
}

fn format_invalid(problems: &[Problem]) -> String {
    let mut out = M::InvalidNothingWritten.to_string();
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    out
}

impl From<Vec<FieldError>> for Error {
    fn from(errors: Vec<FieldError>) -> Self {
        Error::Invalid(
            errors
                .into_iter()
                .map(|e| Problem::new(e.field, e.reason))
                .collect(),
        )
    }
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid(vec![Problem::new(field, reason)])
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::OutputClosed => 0,
            Error::Internal(_) => 1,
            Error::Usage(_) => 2,
            Error::Invalid(_) | Error::InvalidRows(_) => 3,
            Error::NotFound(_) => 4,
            Error::Refused(_) | Error::RefusedFor { .. } => 5,
            Error::Conflict(_) => 6,
            Error::Storage(_) => 7,
            Error::AuditAltered(_) => 8,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Error::OutputClosed;
        }
        Error::Storage(M::FileError.say(&[&e]))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
