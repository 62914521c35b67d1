//! Where a passphrase comes from: a file named by an environment variable
//! (`PRIVREG_PASSPHRASE_FILE`, `PRIVREG_NEW_PASSPHRASE_FILE`), refused when
//! group or others can read it, or the terminal without echo.

use std::io::IsTerminal;
use std::path::Path;

use zeroize::Zeroizing;

use super::MIN_PASSPHRASE;
use crate::error::{Error, Result};
use crate::messages::{A, S};

/// The variable naming the operator's passphrase file.
pub const FILE_VAR: &str = "PRIVREG_PASSPHRASE_FILE";
/// The variable naming a new passphrase's file (`operator add`, `passwd`).
pub const NEW_FILE_VAR: &str = "PRIVREG_NEW_PASSPHRASE_FILE";

/// The operator's passphrase: from `PRIVREG_PASSPHRASE_FILE`, else asked
/// once on the terminal.
pub fn current(prompt: &str) -> Result<Zeroizing<String>> {
    from_file_or_prompt(FILE_VAR, prompt, false)
}

/// A new passphrase: from `var`'s file, else asked twice on the terminal;
/// at least [`MIN_PASSPHRASE`] characters.
pub fn new(var: &str, prompt: &str) -> Result<Zeroizing<String>> {
    let p = from_file_or_prompt(var, prompt, true)?;
    if p.chars().count() < MIN_PASSPHRASE {
        return Err(Error::invalid(
            "passphrase",
            A::PassphraseTooShort.say(&[&MIN_PASSPHRASE]),
        ));
    }
    Ok(p)
}

fn from_file_or_prompt(var: &str, prompt: &str, twice: bool) -> Result<Zeroizing<String>> {
    if let Some(path) = std::env::var_os(var).filter(|v| !v.is_empty()) {
        return read_file(var, Path::new(&path));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Refused(A::NoTerminal.say(&[&var])));
    }
    let first = Zeroizing::new(
        rpassword::prompt_password(prompt)
            .map_err(|e| Error::Usage(A::CannotReadPassphrase.say(&[&e])))?,
    );
    if twice {
        let again = Zeroizing::new(
            rpassword::prompt_password(S::SameAgain.to_string())
                .map_err(|e| Error::Usage(A::CannotReadPassphrase.say(&[&e])))?,
        );
        if *first != *again {
            return Err(Error::invalid("passphrase", A::PassphrasesDiffer));
        }
    }
    Ok(first)
}

/// The first line of a passphrase file that only its owner can read.
fn read_file(var: &str, path: &Path) -> Result<Zeroizing<String>> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::NotFound(A::CannotReadFile.say(&[&var, &path.display(), &e])))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::Refused(A::FileReadableByOthers.say(&[
                &var,
                &path.display(),
                &format_args!("{mode:o}"),
            ])));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let text = Zeroizing::new(
        std::fs::read_to_string(path)
            .map_err(|e| Error::NotFound(A::CannotReadFile.say(&[&var, &path.display(), &e])))?,
    );
    let line = text.lines().next().unwrap_or("");
    Ok(Zeroizing::new(line.to_string()))
}
