//! The sealed register's commands (SPEC §7): unlocking the file before a
//! session opens, `passwd`, `unlock`, `lock` and `encrypt` (the operations
//! are `ops::sealing`'s).

use super::Session;
use crate::cli::{Global, UnlockArgs};
use crate::error::{Error, Result};
use crate::messages::M;
use crate::messages::{A, S};
use crate::ops::sealing as ops;
use crate::output::{to_map, Output};
use crate::seal::{self, keyring, passphrase};
use crate::store::audit::Entry;

/// Before a session: a sealed register is unlocked for `name` (keyring,
/// else passphrase) and every connection of this process is keyed; a plain
/// one is warned about.
pub fn open(global: &Global, name: Option<&str>) -> Result<()> {
    let db = &global.db;
    if !seal::is_sealed(db)? {
        if db.exists() && !global.quiet {
            eprintln!(
                "privreg: {}: {}",
                crate::messages::M::WarningPrefix,
                A::NotEncrypted.say(&[&db.display()])
            );
        }
        return Ok(());
    }
    let name = name.ok_or_else(|| Error::Usage(M::WhoAreYou.say(&[])))?;
    let slots = seal::read_slots(db)?;
    let from_ring = keyring::fetch(db, name).and_then(|kek| slots.unlock_with(name, kek).ok()?);
    let unlocked = match from_ring {
        Some(u) => u,
        None => {
            let pass = passphrase::current(&S::PassphraseOf.say(&[&name]))?;
            slots.unlock(name, &pass).map_err(|e| match e {
                // Taken for the login name, the user may never have meant
                // to be it (issue #20 item 1): say who, and how to be another.
                Error::Refused(w) if w == seal::wrong() && global.operator.is_none() => {
                    Error::Refused(M::LoginWrongPassphrase.say(&[&name]))
                }
                Error::Refused(w) if w == seal::wrong() => {
                    Error::Refused(M::WrongPassphrase.say(&[]))
                }
                e => e,
            })?
        }
    };
    ops::finish_rotation(db, &slots, unlocked)
}

/// `privreg passwd`: the operator's own passphrase changes.
pub fn passwd(session: &mut Session) -> Result<Output> {
    if session.store.is_server() {
        return passwd_on_server(session);
    }
    let db = session.db.clone();
    let who = session.who.operator.clone();
    let Some(kek) = ops::unlocked_kek() else {
        return Err(Error::Refused(A::NoPassphraseToChange.into()));
    };
    let new = passphrase::new(passphrase::NEW_FILE_VAR, &S::NewPassphrase.to_string())?;
    let done = session.write("passwd", |_, _| {
        Ok((ops::passwd(&db, &who, &kek, &new)?, Entry::new("passwd")))
    })?;
    let _ = keyring::forget(&db, &who);
    Ok(Output::Done(to_map(&done)))
}

/// `passwd` on a server (SPEC §8): the role's own password, sent as a
/// SCRAM verifier.
fn passwd_on_server(session: &mut Session) -> Result<Output> {
    let verifier = crate::ops::server_operators::new_password()?;
    let who = session.who.operator.clone();
    session.write("passwd", |tx, _| {
        crate::ops::server_operators::set_password(tx, &verifier)?;
        let done = ops::Passwd {
            operator: who,
            changed: true,
        };
        Ok((Output::Done(to_map(&done)), Entry::new("passwd")))
    })
}

/// `privreg unlock`: the passphrase key into the session keyring.
pub fn unlock(session: &mut Session, a: UnlockArgs) -> Result<Output> {
    let Some(kek) = ops::unlocked_kek() else {
        return Err(Error::Refused(A::NothingToUnlock.into()));
    };
    keyring::store(&session.db, &session.who.operator, &kek, a.duration)?;
    session.write("unlock", |_, _| {
        let done = ops::Unlocked {
            unlocked_for_seconds: a.duration,
        };
        Ok((
            Output::Done(to_map(&done)),
            Entry::new("unlock").detail(format!("seconds={}", a.duration)),
        ))
    })
}

/// `privreg lock`: forgets the key `unlock` kept; needs no passphrase.
pub fn lock(global: &Global) -> Result<Output> {
    let name = global
        .operator
        .clone()
        .or_else(super::login_name)
        .ok_or_else(|| Error::Usage(M::WhoAreYou.into()))?;
    Ok(Output::Done(to_map(&ops::lock(&global.db, &name)?)))
}

/// `privreg encrypt`: a plain register becomes a sealed one.
pub fn encrypt(session: &mut Session) -> Result<Output> {
    let db = session.db.clone();
    if seal::is_sealed(&db)? {
        return Err(Error::Conflict(A::AlreadyEncrypted.say(&[&db.display()])));
    }
    // Logged before the copy, so the sealed file has the entry.
    session.write("encrypt", |_, _| Ok(((), Entry::new("encrypt"))))?;
    let done = ops::encrypt(&mut session.store, &db, &session.who.operator)?;
    Ok(Output::Done(to_map(&done)))
}
