//! `privreg init --db postgresql://…` (SPEC §8): the schema `privreg`
//! owned by a role that cannot log in, the group roles, the privileges,
//! and the first admin, all in one transaction: an init that fails leaves
//! the database as it was (the roles are the cluster's, and a role made
//! by a failed init is rolled back with the rest).
//!
//! The SQL is in `migrations/pg/`: `bootstrap.sql` (roles, schema,
//! extensions) runs as the connecting role, the numbered migrations and
//! `privileges.sql` as the owner (`SET ROLE`), so that the owner owns every
//! object; the connecting role is a member of the owner only until commit.

use postgres::error::SqlState;
use postgres::Transaction;

use super::{connect, server_error, Target};
use crate::error::{Error, Result};
use crate::messages::S;

const BOOTSTRAP: &str = include_str!("../../../migrations/pg/bootstrap.sql");

/// Entry `n` takes a register to schema version `n + 1`. Never edit or
/// reorder one; `schema_migrations` records each that ran.
const MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/pg/001_schema.sql"),
    include_str!("../../../migrations/pg/002_seed.sql"),
    include_str!("../../../migrations/pg/003_operator_roles.sql"),
    include_str!("../../../migrations/pg/010_documents.sql"),
    include_str!("../../../migrations/pg/030_restore.sql"),
];

/// The schema version init writes: see `tx::open`.
pub(super) const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

const PRIVILEGES: &str = include_str!("../../../migrations/pg/privileges.sql");

/// The database owned by privreg_maintainer, so that an admin's erasure
/// may vacuum (see the file); run by every init, also on a register made
/// before it.
const MAINTAINER: &str = include_str!("../../../migrations/pg/maintainer.sql");

/// What `init` made.
#[derive(Debug)]
pub struct Initialised {
    /// The first admin's role.
    pub admin: String,
    /// The register id (32 hex digits), as a file's (SPEC §7).
    pub register_id: String,
    /// Whether the admin's login role was made by init (it has no password).
    pub made_role: bool,
}

/// Makes a register in the database `target` names. `admin`: the first
/// admin's role, by default the connecting one. `Ok(None)`: the database
/// has a register already, and nothing was changed.
pub fn init(target: &Target, admin: Option<&str>, at: &str) -> Result<Option<Initialised>> {
    let mut client = connect(target)?;
    let context = S::CannotMakeRegister.say(&[&target.shown]);
    let fail = |e: postgres::Error| server_error(&context, &e);
    if has_register(&mut client, &context)? {
        client.batch_execute(MAINTAINER).map_err(fail)?;
        return Ok(None);
    }
    let mut tx = client.transaction().map_err(fail)?;
    if !make_schema(&mut tx, &context)? {
        // Another init made it meanwhile: it is a register now.
        return Ok(None);
    }
    let admin = admin.unwrap_or(target.user()).to_string();
    let register_id = random_hex::<16>()?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('register_id', $1)",
        &[&register_id],
    )
    .map_err(fail)?;
    tx.execute(
        "INSERT INTO secrets (name, value) VALUES ('suppression_key', $1)",
        &[&random_hex::<32>()?],
    )
    .map_err(fail)?;
    tx.execute(
        "INSERT INTO operators (name, role, enabled, created_at, created_by) VALUES ($1, 'admin', true, $2, NULL)",
        &[&admin, &at],
    )
    .map_err(fail)?;
    // The entry names the connecting role (session_user), who did it.
    tx.query_one(
        "SELECT entry_seq FROM audit_append($1, 'init', 'ok', '', '', NULL, 0, $2)",
        &[&at, &format!("admin={admin}")],
    )
    .map_err(fail)?;
    tx.batch_execute("RESET ROLE").map_err(fail)?;
    let made_role = make_member(&mut tx, &admin, "privreg_admin").map_err(fail)?;
    give_back_owner(&mut tx).map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(Some(Initialised {
        admin,
        register_id,
        made_role,
    }))
}

/// The roles, the schema, its migrations and privileges (`init` and
/// `copy --to`), leaving the transaction working as the owner in the
/// schema. `false`: another init made the schema meanwhile.
pub(super) fn make_schema(tx: &mut Transaction<'_>, context: &str) -> Result<bool> {
    let fail = |e: postgres::Error| server_error(context, &e);
    match tx.batch_execute(BOOTSTRAP) {
        Err(e) if e.code() == Some(&SqlState::DUPLICATE_SCHEMA) => return Ok(false),
        other => other.map_err(fail)?,
    }
    tx.batch_execute("SET LOCAL ROLE privreg_owner; SET LOCAL search_path = privreg")
        .map_err(fail)?;
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = i as i32 + 1;
        tx.batch_execute(sql)
            .map_err(|e| server_error(&S::SchemaNotApply.say(&[&context, &version]), &e))?;
        tx.execute(
            "INSERT INTO schema_migrations (version) VALUES ($1)",
            &[&version],
        )
        .map_err(fail)?;
    }
    tx.batch_execute(PRIVILEGES).map_err(fail)?;
    Ok(true)
}

/// Takes back the owner's membership bootstrap.sql gave the connecting
/// role for the transaction.
pub(super) fn give_back_owner(
    tx: &mut Transaction<'_>,
) -> std::result::Result<(), postgres::Error> {
    // The database to privreg_maintainer first, while the connecting role
    // still holds the owner's rights (see maintainer.sql): a register made
    // by `copy --to` needs it for erasure as one made by `init` does.
    tx.batch_execute(MAINTAINER)?;
    tx.batch_execute(
        "DO $$ BEGIN
             IF current_setting('privreg.granted_owner', true) = 'yes' THEN
                 REVOKE privreg_owner FROM CURRENT_USER;
             END IF;
         END $$",
    )
}

/// Whether the database has a register; a schema `privreg` that is not
/// one is refused (exit 7) rather than added to.
pub(super) fn has_register(client: &mut postgres::Client, context: &str) -> Result<bool> {
    let row = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'privreg'),
                    EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                             WHERE n.nspname = 'privreg' AND c.relname = 'schema_migrations')",
            &[],
        )
        .map_err(|e| server_error(context, &e))?;
    let (schema, register): (bool, bool) = (row.get(0), row.get(1));
    if schema && !register {
        return Err(Error::Storage(S::ForeignSchema.say(&[&context])));
    }
    Ok(register)
}

/// Makes `admin` a member of `group`, first making it a login role
/// if there is none by that name (without a password: its owner sets one
/// with psql's `\password`). Returns whether it made the role.
pub(super) fn make_member(
    tx: &mut Transaction<'_>,
    admin: &str,
    group: &str,
) -> std::result::Result<bool, postgres::Error> {
    let exists: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1)",
            &[&admin],
        )?
        .get(0);
    if !exists {
        tx.batch_execute(&format!("CREATE ROLE {} LOGIN", quote_ident(admin)))?;
    }
    tx.batch_execute(&format!(
        "GRANT {} TO {}",
        quote_ident(group),
        quote_ident(admin)
    ))?;
    Ok(!exists)
}

/// An identifier as SQL spells it whatever it holds.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `N` random bytes as lower-case hex.
fn random_hex<const N: usize>() -> Result<String> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::Internal(format!("no random numbers from the system: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
