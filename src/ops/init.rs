//! `init`: a new register file with its first admin, or the schema, roles
//! and first admin on a PostgreSQL server (SPEC §8).

use std::path::Path;

use serde::Serialize;

use crate::error::Result;
use crate::store::audit::{self, Entry};
use crate::store::operators::{self, Role};
use crate::store::Store;

/// What `init` prints: the register, whether `init` made it, and if so its
/// first admin and its id.
#[derive(Serialize)]
pub struct Made {
    pub register: String,
    pub created: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub register_id: Option<String>,
}

impl Made {
    /// A register that was there already.
    pub fn existing(register: String) -> Made {
        Made {
            register,
            created: false,
            admin: None,
            register_id: None,
        }
    }
}

/// A new register file at `db` whose first admin is `admin`, sealed from
/// its first byte (SPEC §7) unless `plain`; `None` if a register is there
/// already. The time, from `now`, is read once the file exists, as it
/// always was. Returns the store and the time, for the checkpoint log's
/// first line.
pub fn create(
    db: &Path,
    admin: &str,
    plain: bool,
    now: impl FnOnce() -> Result<String>,
) -> Result<Option<(Store, String)>> {
    let keys = if db.exists() || plain {
        None
    } else {
        Some(super::sealing::seal_new(db, admin)?)
    };
    let created = Store::create(db);
    if created.is_err() {
        if let Some(keys) = &keys {
            let _ = std::fs::remove_file(keys);
        }
    }
    let Some(mut store) = created? else {
        return Ok(None);
    };
    let now = now()?;
    let tx = store.begin(crate::store::Mode::Read)?;
    operators::add(&tx, admin, Role::Admin, &now, None)?;
    crate::store::suppression::create_secret(&tx)?;
    audit::append(
        &tx,
        admin,
        &now,
        &Entry::new("init").detail(format!("admin={admin}")),
    )?;
    tx.commit()?;
    Ok(Some((store, now)))
}
