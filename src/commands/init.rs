//! `init`: a new register file with its first admin (the operation is
//! `ops::init`'s), or a register on a PostgreSQL server.

use crate::cli::{Global, InitArgs};
use crate::error::{Error, Result};
use crate::messages::A;
use crate::ops::init::{self, Made};
use crate::output::{to_map, Output};

use super::login_name;
use crate::clock::Clock;

pub fn run(global: &Global, args: InitArgs) -> Result<Output> {
    if crate::store::pg::is_url(&global.db) {
        return run_server(global, args);
    }
    let admin = args
        .admin
        .or_else(|| global.operator.clone())
        .or_else(login_name)
        .ok_or_else(|| Error::Usage(A::WhoIsFirstAdmin.into()))?;
    crate::ops::operators::check_name(&admin)?;
    let register = global.db.display().to_string();
    let now = || Ok(Clock::current()?.now_rfc3339());
    let Some((store, now)) = init::create(&global.db, &admin, plain_for_tests(), now)? else {
        if !global.quiet {
            eprintln!(
                "privreg: {}",
                A::AlreadyRegister.say(&[&global.db.display()])
            );
        }
        return Ok(Output::Done(to_map(&Made::existing(register))));
    };
    let tx = store.peek()?;
    let register_id = crate::store::register_id(&tx)?;
    first_checkpoint(&tx, global, &now);
    if !global.quiet {
        eprintln!(
            "privreg: {}",
            A::Created.say(&[&global.db.display(), &admin])
        );
    }
    Ok(Output::Done(to_map(&Made {
        register,
        created: true,
        admin: Some(admin),
        register_id: Some(register_id),
    })))
}

/// `init --db postgresql://…` (SPEC §8): the schema, roles and first
/// admin on a server. The operator is the role the server authenticates,
/// so `--as` may only name that role; no passphrase is asked (the server
/// authenticates), and the first admin is `--admin` or the connecting role.
fn run_server(global: &Global, args: InitArgs) -> Result<Output> {
    use crate::store::pg;
    let url = global.db.to_str().unwrap_or_default();
    let target = pg::Target::parse(url)?;
    // The name typed is not repeated: it may be anything (issue #13 item 8).
    if global
        .operator
        .as_deref()
        .is_some_and(|n| n != target.user())
    {
        return Err(Error::Refused(A::AsOtherRole.say(&[&target.user()])));
    }
    if let Some(admin) = &args.admin {
        crate::ops::operators::check_name(admin)?;
    }
    let now = Clock::current()?.now_rfc3339();
    let Some(made) = pg::init(&target, args.admin.as_deref(), &now)? else {
        if !global.quiet {
            eprintln!("privreg: {}", A::AlreadyRegister.say(&[&target.shown]));
        }
        return Ok(Output::Done(to_map(&Made::existing(
            global.db.display().to_string(),
        ))));
    };
    // as on a file, the log's first line; on the register just made, read
    // as the role that made it (a warning if that role may not read it).
    // A new register's log can only be the variable's (no setting yet).
    if std::env::var_os(crate::ops::audit::CHECKPOINT_LOG_VAR).is_some() {
        match crate::store::Store::open_db(&global.db) {
            Ok(store) => match store.peek() {
                Ok(tx) => first_checkpoint(&tx, global, &now),
                Err(e) => warn_no_checkpoint(&e.to_string()),
            },
            Err(e) => warn_no_checkpoint(&e.to_string()),
        }
    }
    if !global.quiet {
        if made.made_role {
            eprintln!("privreg: {}", A::MadeLoginRole.say(&[&made.admin]));
        }
        eprintln!(
            "privreg: {}",
            A::CreatedOnServer.say(&[&target.shown, &made.admin])
        );
    }
    Ok(Output::Done(to_map(&Made {
        register: global.db.display().to_string(),
        created: true,
        admin: Some(made.admin),
        register_id: Some(made.register_id),
    })))
}

/// The checkpoint log's first line (PRIVREG_CHECKPOINT_LOG), anchoring
/// it from the register's first entry; a log that cannot be written is a
/// warning, as for every command: the register is made.
fn first_checkpoint(tx: &crate::store::Tx<'_>, global: &Global, now: &str) {
    if let Err(why) = crate::ops::audit::append_to_log(tx, &global.db, now) {
        warn_no_checkpoint(&why);
    }
}

fn warn_no_checkpoint(why: &str) {
    eprintln!(
        "privreg: {}: {}",
        crate::messages::M::WarningPrefix,
        A::NoCheckpointLogged.say(&[&why])
    );
}

/// The test suite's registers "made before sealing" (plain SQLite), for
/// the tests that read raw bytes and of `privreg encrypt`: only in builds
/// with debug assertions, like `PRIVREG_TODAY`.
#[cfg(debug_assertions)]
fn plain_for_tests() -> bool {
    std::env::var_os("PRIVREG_TEST_PLAIN").is_some_and(|v| v == "1")
}

#[cfg(not(debug_assertions))]
fn plain_for_tests() -> bool {
    false
}
