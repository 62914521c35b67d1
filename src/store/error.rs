//! The SQLite backend's errors as privreg's [`Error`]: the one place the
//! driver's error codes are read (a PostgreSQL backend maps its SQLSTATEs
//! to the same variants, so exit codes stay the same).

use crate::error::Error;

/// SQLite's answers mapped to what the user can do about them. Constraint
/// and other unexpected failures are bugs: the code checks before it writes.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                C::DatabaseBusy | C::DatabaseLocked => {
                    return Error::Storage(format!(
                        "the register stayed locked by another privreg (an import, a backup) \
                         for longer than PRIVREG_BUSY_TIMEOUT ({} s): nothing was done; try \
                         again when it has finished, or set PRIVREG_BUSY_TIMEOUT to wait longer",
                        super::busy::busy_timeout().as_secs_f64()
                    ))
                }
                C::ReadOnly => {
                    return Error::Storage(
                        "the register or the directory it is in cannot be written: privreg \
                         needs to write the file and to create its journal files (-wal, -shm) \
                         beside it; nothing was written"
                            .into(),
                    )
                }
                C::DatabaseCorrupt | C::NotADatabase => {
                    return Error::Storage(
                        "the register file is damaged or not a SQLite file".into(),
                    )
                }
                C::CannotOpen => {
                    return Error::Storage("the register file cannot be opened".into())
                }
                C::DiskFull => {
                    return Error::Storage("the disk is full: nothing was written".into())
                }
                C::SystemIoFailure => {
                    return Error::Storage(format!("input/output error on the register file: {e}"))
                }
                _ => {}
            }
        }
        Error::Internal(format!("database: {e}"))
    }
}
