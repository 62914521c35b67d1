//! Every file privreg creates besides the register itself: an export's
//! `--output`, `import --rejects` and `backup FILE` (SPEC §7, "output never
//! damages anything", issue #13 item 4).
//!
//! - The file is created new and exclusively (`O_CREAT | O_EXCL`): a path
//!   that exists in any form is refused, so nothing is truncated, and
//!   neither a symlink (dangling or not, whose target is never followed)
//!   nor a FIFO (which would block the open) nor a device is written to.
//! - Its mode is 0600 from the first moment: it holds personal data.
//! - It is never the register or one of its companions (`-wal`, `-shm`,
//!   `-journal`), however the path is spelt: the folder is compared after
//!   resolving it (`./`, `..`, symlinked folders), and the file name as is.
//! - A file whose writing fails (disk full, `ulimit -f`) is removed again:
//!   a [`Created`] removes it when dropped unless [`Created::keep`] was
//!   called after the last byte was written.
//!
//! Refusals exit 3 (the path exists) or 5 (the path is the register), name
//! the path, and write nothing.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::messages::S;

/// A file this command created. Dropped without [`Created::keep`], it is
/// removed again (only if the path still names the file that was created).
#[derive(Debug)]
pub struct Created {
    path: PathBuf,
    #[cfg(unix)]
    id: (u64, u64),
    kept: bool,
}

impl Created {
    /// The file is complete: leave it in place.
    pub fn keep(mut self) {
        self.kept = true;
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Created {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Someone may have put another file at the path meanwhile: that
            // one is not ours to remove.
            match std::fs::symlink_metadata(&self.path) {
                Ok(m) if (m.dev(), m.ino()) == self.id => {}
                _ => return,
            }
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Creates `path` new, 0600, for the option `flag` (`output`, `rejects`,
/// `file`), refusing the register at `register` and its companions.
pub fn create(path: &Path, flag: &str, register: &Path) -> Result<(File, Created)> {
    refuse_register(path, flag, register)?;
    let file = open_new(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            Error::invalid(flag, S::FileExists.say(&[&path.display()]))
        }
        _ => Error::NotFound(S::CannotCreate.say(&[&path.display(), &e])),
    })?;
    #[cfg(unix)]
    let id = {
        use std::os::unix::fs::MetadataExt;
        let m = file.metadata()?;
        (m.dev(), m.ino())
    };
    Ok((
        file,
        Created {
            path: path.to_path_buf(),
            #[cfg(unix)]
            id,
            kept: false,
        },
    ))
}

/// A file created for a command's output (`--output FILE`): the open
/// file and the guard that removes it unless the output was complete.
#[derive(Debug)]
pub struct NewFile {
    pub file: File,
    pub created: Created,
}

impl NewFile {
    /// [`create`] for the global `--output`.
    pub fn create(path: &Path, register: &Path) -> Result<NewFile> {
        let (file, created) = create(path, "output", register)?;
        Ok(NewFile { file, created })
    }

    pub fn path(&self) -> &Path {
        self.created.path()
    }
}

/// [`create`], buffered for writing rows.
pub fn create_buffered(
    path: &Path,
    flag: &str,
    register: &Path,
) -> Result<(Box<dyn std::io::Write>, Created)> {
    let (file, created) = create(path, flag, register)?;
    Ok((
        Box::new(std::io::BufWriter::with_capacity(1 << 16, file)),
        created,
    ))
}

#[cfg(unix)]
fn open_new(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_EXCL with O_CREAT fails on any existing path, a symlink included
    // (POSIX: the link is not followed) and on a FIFO, before it could
    // block; O_NOFOLLOW says the same once more.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_new(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// The folder (resolved) and the file name of a path, which need not exist.
fn place(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(name))
}

/// The spellings of the register's file and its companions.
fn register_files(register: &Path) -> Vec<PathBuf> {
    let mut bases: Vec<PathBuf> = Vec::new();
    bases.extend(place(register));
    bases.extend(std::fs::canonicalize(register).ok());
    let mut all = Vec::new();
    for base in bases {
        for suffix in [
            "",
            "-wal",
            "-shm",
            "-journal",
            "-keys",
            "-keys.new",
            "-keys.next",
        ] {
            let mut p = base.clone().into_os_string();
            p.push(suffix);
            all.push(PathBuf::from(p));
        }
    }
    all
}

/// Refuses (exit 5) a path that is the register or one of its companions
/// however spelt; also for files privreg appends to (the checkpoint log).
pub fn refuse_register(path: &Path, flag: &str, register: &Path) -> Result<()> {
    let Some(spot) = place(path) else {
        if path.file_name().is_none() {
            return Err(Error::invalid(
                flag,
                S::NotAFileName.say(&[&path.display()]),
            ));
        }
        return Err(Error::NotFound(S::NoSuchFolder.say(&[&path.display()])));
    };
    let targets = register_files(register);
    // The path as spelt, and (if it exists: a symlink or a hard spelling)
    // what it resolves to.
    let resolved = std::fs::canonicalize(path).ok();
    if targets
        .iter()
        .any(|t| *t == spot || Some(t) == resolved.as_ref())
    {
        return Err(Error::Refused(S::IsTheRegister.say(&[&path.display()])));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_created_once_and_removed_unless_kept() {
        let dir = tempfile::tempdir().unwrap();
        let reg = dir.path().join("reg.db");
        std::fs::write(&reg, b"x").unwrap();
        let out = dir.path().join("out.csv");
        let (_, created) = create(&out, "output", &reg).unwrap();
        assert!(out.exists());
        assert_eq!(create(&out, "output", &reg).unwrap_err().exit_code(), 3);
        drop(created);
        assert!(!out.exists());
        let (_, created) = create(&out, "output", &reg).unwrap();
        created.keep();
        assert!(out.exists());
    }

    #[test]
    fn the_register_and_its_companions_are_refused_however_spelt() {
        let dir = tempfile::tempdir().unwrap();
        let reg = dir.path().join("reg.db");
        std::fs::write(&reg, b"x").unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        for p in [
            reg.clone(),
            dir.path().join("reg.db-wal"),
            dir.path().join("reg.db-shm"),
            dir.path().join("reg.db-journal"),
            sub.join("../reg.db-wal"),
            dir.path().join("./reg.db-shm"),
        ] {
            let e = create(&p, "output", &reg).unwrap_err();
            assert_eq!(e.exit_code(), 5, "{}", p.display());
            assert!(e.to_string().contains(&p.display().to_string()), "{e}");
        }
        assert!(!dir.path().join("reg.db-wal").exists());
    }
}
