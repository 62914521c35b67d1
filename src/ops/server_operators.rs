//! Operators on a server (SPEC §8): an operator is a PostgreSQL login role
//! in the group of its privreg role. What `operator add/disable` and
//! `passwd` do on a server besides what they do on a file: the role and its
//! password. On a file every function here does nothing.
//!
//! A password is read as privreg reads a new passphrase (the prompt, twice,
//! or `PRIVREG_NEW_PASSPHRASE_FILE`) and turned into a SCRAM-SHA-256
//! verifier before it leaves the process: the server, its log and
//! `pg_stat_activity` see the verifier, never the password.

use std::io::IsTerminal;

use zeroize::Zeroizing;

use crate::error::Result;
use crate::messages::S;
use crate::seal::passphrase;
use crate::store::operators::Role;
use crate::store::pg::roles;
use crate::store::Tx;

/// The initial password of an operator being added on a server, as a
/// verifier: asked when there is a terminal or a file to read it from;
/// otherwise none (the role keeps whatever password it has, or signs in
/// some other way the cluster allows: certificates, Kerberos).
pub fn initial_password(name: &str) -> Result<Option<Zeroizing<String>>> {
    let from_file = std::env::var_os(passphrase::NEW_FILE_VAR).is_some_and(|v| !v.is_empty());
    if !from_file && !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let pass = passphrase::new(
        passphrase::NEW_FILE_VAR,
        &S::InitialPassphraseFor.say(&[&name]),
    )?;
    Ok(Some(roles::verifier(&pass)))
}

/// The session's new password, as a verifier (`passwd` on a server).
pub fn new_password() -> Result<Zeroizing<String>> {
    let pass = passphrase::new(passphrase::NEW_FILE_VAR, &S::NewPassphrase.to_string())?;
    Ok(roles::verifier(&pass))
}

/// `operator add` on a server: the login role in its group, in the same
/// transaction as the operator's row. Whether the role was made.
pub fn add(tx: &Tx<'_>, name: &str, role: Role, verifier: Option<&str>) -> Result<bool> {
    roles::login(tx, name, role, verifier)
}

/// `operator disable` on a server: no login, no group.
pub fn disable(tx: &Tx<'_>, name: &str) -> Result<()> {
    roles::logout(tx, name)
}

/// `passwd` on a server.
pub fn set_password(tx: &Tx<'_>, verifier: &str) -> Result<()> {
    roles::set_own_password(tx, verifier)
}
