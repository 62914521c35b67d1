//! The SQLite backend's errors as privreg's [`Error`]: the one place the
//! driver's error codes are read (a PostgreSQL backend maps its SQLSTATEs
//! to the same variants, so exit codes stay the same).

use crate::error::Error;
use crate::messages::A;

/// SQLite's answers mapped to what the user can do about them. Constraint
/// and other unexpected failures are bugs: the code checks before it writes.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                C::DatabaseBusy | C::DatabaseLocked => return super::busy::timed_out(),
                C::ReadOnly => return Error::Storage(A::ReadOnly.into()),
                C::DatabaseCorrupt | C::NotADatabase => return Error::Storage(A::Damaged.into()),
                C::CannotOpen => return Error::Storage(A::CannotOpen.into()),
                C::DiskFull => return Error::Storage(A::DiskFull.into()),
                C::SystemIoFailure => return Error::Storage(A::IoError.say(&[&e])),
                _ => {}
            }
        }
        Error::Internal(format!("database: {e}"))
    }
}
