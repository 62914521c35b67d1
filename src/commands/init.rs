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
    let admin = args
        .admin
        .or_else(|| global.operator.clone())
        .or_else(login_name)
        .ok_or_else(|| {
            Error::Usage("cannot tell who the first admin is: give --admin NAME".into())
        })?;
    super::operator::check_name(&admin)?;
    let Some(mut store) = Store::create(&global.db)? else {
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
