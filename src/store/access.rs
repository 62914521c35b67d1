//! Whether this login can write the register and the folder it is in,
//! checked before SQLite is asked (issue #20 point 9): every command,
//! a search too, writes its audit entry, and SQLite keeps the register's
//! write-ahead log (`-wal`, `-shm`) beside it, so a folder the login
//! cannot write stops privreg as surely as a read-only file. SQLite says
//! only "attempt to write a readonly database" or "unable to open database
//! file"; this says which of the two is read-only and why it matters.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::messages::S;

/// Refuses (exit 7) a register this command could not write: a file its
/// owner made read-only (also for root, who could write it anyway), a
/// file this login may not write, or a folder where SQLite cannot create
/// the write-ahead log.
#[cfg(unix)]
pub fn refuse_unwritable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode();
    if mode & 0o200 == 0 {
        return Err(Error::Storage(
            S::FileReadOnly.say(&[&path.display(), &format_args!("{:o}", mode & 0o777)]),
        ));
    }
    if read_only_file_system(path) {
        return Err(Error::Storage(
            S::ReadOnlyFileSystem.say(&[&path.display()]),
        ));
    }
    if !may_write(path) {
        return Err(Error::Storage(
            S::NotWritableByYou.say(&[&path.display(), &format_args!("{:o}", mode & 0o777)]),
        ));
    }
    let folder = folder_of(path);
    if !may_write(&folder) && !companions_writable(path) {
        return Err(Error::Storage(
            S::FolderReadOnly.say(&[
                &folder.display(),
                &path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ]),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn refuse_unwritable(_path: &Path) -> Result<()> {
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether the write-ahead log files are there already and writable: then
/// SQLite needs no new file in the folder (another privreg has the
/// register open), and the folder's mode does not matter yet.
#[cfg(unix)]
fn companions_writable(path: &Path) -> bool {
    ["-wal", "-shm"].iter().all(|suffix| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        may_write(Path::new(&p))
    })
}

/// access(2) with W_OK: the kernel's answer for this login (root may
/// write anything on a writable file system).
#[cfg(unix)]
fn may_write(path: &Path) -> bool {
    access_w(path).is_ok()
}

#[cfg(unix)]
fn read_only_file_system(path: &Path) -> bool {
    access_w(path).is_err_and(|e| e.raw_os_error() == Some(libc::EROFS))
}

#[cfg(unix)]
fn access_w(path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    // SAFETY: `c` is a valid NUL-terminated string for the call's duration.
    if unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_writable_register_in_a_writable_folder_passes_and_a_read_only_file_does_not() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        std::fs::write(&path, b"x").unwrap();
        refuse_unwritable(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
        let e = refuse_unwritable(&path).unwrap_err();
        assert_eq!(e.exit_code(), 7);
        assert!(e.to_string().contains("read-only (mode 400)"), "{e}");
    }
}
