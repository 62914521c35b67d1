//! `init`: a new register file with its first admin.

use crate::cli::{Global, InitArgs};
use crate::error::{Error, Result};
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
        .ok_or_else(|| {
            Error::Usage("cannot tell who the first admin is: give --admin NAME".into())
        })?;
    super::operator::check_name(&admin)?;
    // A new register is sealed from its first byte (SPEC §7).
    let keys = if global.db.exists() || plain_for_tests() {
        None
    } else {
        Some(super::sealing::seal_new(&global.db, &admin)?)
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
                "privreg: {} is already a register; nothing was changed",
                global.db.display()
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
        eprintln!("privreg: warning: no checkpoint was logged: {why}");
    }
    if !global.quiet {
        eprintln!(
            "privreg: created {} with admin {admin}",
            global.db.display()
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
        return Err(Error::Refused(format!(
            "--as (or PRIVREG_OPERATOR) names another role than the one that logs in ({}): on a server the operator is the role the server authenticates",
            target.user()
        )));
    }
    if let Some(admin) = &args.admin {
        super::operator::check_name(admin)?;
    }
    let now = Clock::current()?.now_rfc3339();
    let Some(made) = pg::init(&target, args.admin.as_deref(), &now)? else {
        if !global.quiet {
            eprintln!(
                "privreg: {} is already a register; nothing was changed",
                target.shown
            );
        }
        return Ok(done(global, false, None));
    };
    if !global.quiet {
        if made.made_role {
            eprintln!(
                "privreg: made the login role {} for the first admin, without a password: set one with psql's \\password",
                made.admin
            );
        }
        eprintln!(
            "privreg: created the register on {} with admin {}",
            target.shown, made.admin
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
