//! `init`: a new register file with its first admin.

use crate::cli::{Global, InitArgs};
use crate::error::{Error, Result};
use crate::messages::A;
use crate::output::Output;
use crate::store::audit::{self, Entry};
use crate::store::operators::{self, Role};
use crate::store::Store;

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
    super::operator::check_name(&admin)?;
    // A new register is sealed from its first byte (SPEC §7).
    let keys = if global.db.exists() || plain_for_tests() {
        None
    } else {
        Some(crate::ops::sealing::seal_new(&global.db, &admin)?)
    };
    let created = Store::create(&global.db);
    if created.is_err() {
        if let Some(keys) = &keys {
            let _ = std::fs::remove_file(keys);
        }
    }
    let Some(mut store) = created? else {
        if !global.quiet {
            eprintln!(
                "privreg: {}",
                A::AlreadyRegister.say(&[&global.db.display()])
            );
        }
        return Ok(done(global, false, None));
    };
    let now = Clock::current()?.now_rfc3339();
    let tx = store.begin(crate::store::Mode::Read)?;
    operators::add(&tx, &admin, Role::Admin, &now, None)?;
    crate::store::suppression::create_secret(&tx)?;
    audit::append(
        &tx,
        &admin,
        &now,
        &Entry::new("init").detail(format!("admin={admin}")),
    )?;
    tx.commit()?;
    let tx = store.peek()?;
    let register_id = crate::store::register_id(&tx)?;
    // The log's first line anchors it from its first entry.
    if let Err(why) = super::audit::append_to_log(&tx, &global.db, &now) {
        eprintln!(
            "privreg: {}: {}",
            crate::messages::M::WarningPrefix,
            A::NoCheckpointLogged.say(&[&why])
        );
    }
    if !global.quiet {
        eprintln!(
            "privreg: {}",
            A::Created.say(&[&global.db.display(), &admin])
        );
    }
    let mut out = done(global, true, Some(&admin));
    if let Output::Done(m) = &mut out {
        m.insert("register_id".into(), register_id.into());
    }
    Ok(out)
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
        super::operator::check_name(admin)?;
    }
    let now = Clock::current()?.now_rfc3339();
    let Some(made) = pg::init(&target, args.admin.as_deref(), &now)? else {
        if !global.quiet {
            eprintln!("privreg: {}", A::AlreadyRegister.say(&[&target.shown]));
        }
        return Ok(done(global, false, None));
    };
    if !global.quiet {
        if made.made_role {
            eprintln!("privreg: {}", A::MadeLoginRole.say(&[&made.admin]));
        }
        eprintln!(
            "privreg: {}",
            A::CreatedOnServer.say(&[&target.shown, &made.admin])
        );
    }
    let mut out = done(global, true, Some(&made.admin));
    if let Output::Done(m) = &mut out {
        m.insert("register_id".into(), made.register_id.into());
    }
    Ok(out)
}

/// The register and whether `init` made it (and its first admin).
fn done(global: &Global, created: bool, admin: Option<&str>) -> Output {
    let mut m = serde_json::Map::new();
    m.insert("register".into(), global.db.display().to_string().into());
    m.insert("created".into(), created.into());
    if let Some(admin) = admin {
        m.insert("admin".into(), admin.into());
    }
    Output::Done(m)
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
