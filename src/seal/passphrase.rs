//! Where a passphrase comes from: a file named by an environment variable
//! (`PRIVREG_PASSPHRASE_FILE`, `PRIVREG_NEW_PASSPHRASE_FILE`), refused when
//! group or others can read it, or the terminal without echo.

use std::io::IsTerminal;
use std::path::Path;

use zeroize::Zeroizing;

use super::MIN_PASSPHRASE;
use crate::error::{Error, Result};

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
            format!("a passphrase has at least {MIN_PASSPHRASE} characters"),
        ));
    }
    Ok(p)
}

fn from_file_or_prompt(var: &str, prompt: &str, twice: bool) -> Result<Zeroizing<String>> {
    if let Some(path) = std::env::var_os(var).filter(|v| !v.is_empty()) {
        return read_file(var, Path::new(&path));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Refused(format!(
            "a passphrase is needed and there is no terminal to ask it on: set {var} to a file (mode 0600) holding it, or run `privreg unlock` first"
        )));
    }
    let first = Zeroizing::new(
        rpassword::prompt_password(prompt)
            .map_err(|e| Error::Usage(format!("cannot read the passphrase: {e}")))?,
    );
    if twice {
        let again = Zeroizing::new(
            rpassword::prompt_password("the same again: ")
                .map_err(|e| Error::Usage(format!("cannot read the passphrase: {e}")))?,
        );
        if *first != *again {
            return Err(Error::invalid("passphrase", "the two passphrases differ"));
        }
    }
    Ok(first)
}

/// The first line of a passphrase file that only its owner can read.
fn read_file(var: &str, path: &Path) -> Result<Zeroizing<String>> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::NotFound(format!("{var}: cannot read {}: {e}", path.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::Refused(format!(
                "{var}: {} can be read by others (mode {mode:o}): run `chmod 600 {}`",
                path.display(),
                path.display()
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let text = Zeroizing::new(
        std::fs::read_to_string(path)
            .map_err(|e| Error::NotFound(format!("{var}: cannot read {}: {e}", path.display())))?,
    );
    let line = text.lines().next().unwrap_or("");
    Ok(Zeroizing::new(line.to_string()))
}
