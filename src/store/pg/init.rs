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
use postgres::{Client, GenericClient, Transaction};

use super::{connect, server_error, Target};
use crate::error::{Error, Result};
use crate::messages::S;

const BOOTSTRAP: &str = include_str!("../../../migrations/pg/bootstrap.sql");

/// Entry `n` takes a register to schema version `n + 1`, in the files'
/// numeric order (gaps allowed); never edit or reorder one, add a new file
/// at the end. `schema_migrations` records each that ran, and every command
/// applies those an older register lacks ([`forward`]).
const MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/pg/001_schema.sql"),
    include_str!("../../../migrations/pg/002_seed.sql"),
    include_str!("../../../migrations/pg/003_operator_roles.sql"),
    include_str!("../../../migrations/pg/004_import_numbers.sql"),
    include_str!("../../../migrations/pg/010_documents.sql"),
    include_str!("../../../migrations/pg/030_restore.sql"),
    include_str!("../../../migrations/pg/040_record_words.sql"),
];

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
        forward(&mut client, target.user(), &context)?;
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
    apply(tx, 0, target_for_init(), context)?;
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

// # Schema migrations of a register on a server (issue #17, SPEC §8 as §4
// says for a file): `init` applies every file of `migrations/pg/` to a new
// register, and every command that finds an older one brings it forward
// before it does anything else.
//
// - **Versions.** `schema_migrations` holds one row per migration that ran:
//   its place in `MIGRATIONS` (1, 2, 3 …), as a file's `user_version`
//   counts its migrations. The files' numbers only order them and may have
//   gaps (`004_…`, `010_…`); the list is in the files' numeric order, which
//   a unit test checks against the directory.
// - **One transaction, one migrator.** The missing migrations run in
//   order in one transaction, after an advisory lock of their own: a
//   second process that finds the same old version waits, reads the
//   version again and finds nothing left to do. A migration that fails
//   rolls back the lot; the register stays at its version.
// - **Who may.** Migrations change objects privreg_owner owns, and nobody
//   logs in as the owner: as `init` does (bootstrap.sql), the connecting
//   role is made the owner's member for the transaction only and works as
//   the owner (`SET LOCAL ROLE`). That takes a role that may grant
//   privreg_owner (a superuser, or the role with CREATEROLE that made it
//   by running `init`); an operator who may not is refused (exit 7,
//   naming who can) and the register is left as it was.
// - **Newer.** A register with a version this binary does not know is
//   refused (exit 7) as a newer file is: its tables may hold what this
//   privreg would lose.

/// The schema version this binary writes: one per migration.
const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// The advisory lock a migration holds ("PRVM"): one migrator at a time.
const MIGRATE_LOCK: i64 = 0x5052_564D;

/// `PRIVREG_TEST_PG_SCHEMA_VERSION=N`: `init` stops after migration N, so
/// that a test can make a register as an older privreg made it.
const TEST_STOP_AT: &str = "PRIVREG_TEST_PG_SCHEMA_VERSION";

/// The register's schema version: the last migration that ran.
fn version(client: &mut impl GenericClient, context: &str) -> Result<i32> {
    // typed (no parameters): one round trip, as `store::sql` queries
    Ok(client
        .query_typed_one(
            "SELECT coalesce(max(version), 0) FROM privreg.schema_migrations",
            &[],
        )
        .map_err(|e| server_error(context, &e))?
        .get(0))
}

/// Refuses a register this binary cannot work on: newer than it, or older
/// than any privreg made.
fn check(version: i32, context: &str) -> Result<()> {
    if version > SCHEMA_VERSION {
        return Err(Error::Storage(S::ServerSchemaNewer.say(&[
            &context,
            &version,
            &SCHEMA_VERSION,
        ])));
    }
    if version < 1 {
        return Err(Error::Storage(
            S::ServerSchemaOlder.say(&[&context, &version]),
        ));
    }
    Ok(())
}

/// Brings the register forward to [`SCHEMA_VERSION`] if it is older (see
/// the module's header); a register that is current costs one query.
pub(super) fn forward(client: &mut Client, user: &str, context: &str) -> Result<()> {
    let found = version(client, context)?;
    check(found, context)?;
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let fail = |e: postgres::Error| server_error(context, &e);
    let mut tx = client.transaction().map_err(fail)?;
    tx.execute(
        "SELECT pg_catalog.pg_advisory_xact_lock($1)",
        &[&MIGRATE_LOCK],
    )
    .map_err(fail)?;
    // Again under the lock: another process may have done it meanwhile.
    let found = version(&mut tx, context)?;
    check(found, context)?;
    if found == SCHEMA_VERSION {
        return tx.commit().map_err(fail);
    }
    match tx.batch_execute(BECOME_OWNER) {
        Err(e) if e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) => {
            return Err(Error::Storage(S::ServerSchemaUpgrade.say(&[
                &context,
                &found,
                &SCHEMA_VERSION,
                &user,
            ])));
        }
        other => other.map_err(fail)?,
    }
    tx.batch_execute("SET LOCAL ROLE privreg_owner; SET LOCAL search_path = privreg")
        .map_err(fail)?;
    apply(&mut tx, found, SCHEMA_VERSION, context)?;
    tx.batch_execute(PRIVILEGES).map_err(fail)?;
    tx.batch_execute("RESET ROLE").map_err(fail)?;
    give_back_owner(&mut tx).map_err(fail)?;
    tx.commit().map_err(fail)
}

/// The owner's rights for this transaction, as bootstrap.sql gives them to
/// `init`'s role (and `give_back_owner` takes them back).
const BECOME_OWNER: &str = "DO $$
BEGIN
    IF NOT pg_catalog.pg_has_role(current_user, 'privreg_owner', 'MEMBER') THEN
        EXECUTE format('GRANT privreg_owner TO %I', current_user);
        PERFORM pg_catalog.set_config('privreg.granted_owner', 'yes', true);
    END IF;
END
$$";

/// The version a new register is made at: every migration, unless a test
/// asks for an older one ([`TEST_STOP_AT`]; only in builds with debug
/// assertions, like `PRIVREG_TODAY`: a release makes only current ones).
fn target_for_init() -> i32 {
    if !cfg!(debug_assertions) {
        return SCHEMA_VERSION;
    }
    std::env::var(TEST_STOP_AT)
        .ok()
        .and_then(|v| v.parse::<i32>().ok())
        .filter(|v| (1..=SCHEMA_VERSION).contains(v))
        .unwrap_or(SCHEMA_VERSION)
}

/// Runs migrations `from + 1 ..= to` in the transaction, which works as
/// the owner in the schema, recording each.
fn apply(tx: &mut Transaction<'_>, from: i32, to: i32, context: &str) -> Result<()> {
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(to as usize)
        .skip(from as usize)
    {
        let version = i as i32 + 1;
        tx.batch_execute(sql)
            .map_err(|e| server_error(&S::SchemaNotApply.say(&[&context, &version]), &e))?;
        tx.execute(
            "INSERT INTO schema_migrations (version) VALUES ($1)",
            &[&version],
        )
        .map_err(|e| server_error(context, &e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;

    /// The list is the numbered files of `migrations/pg/` in their numeric
    /// order (gaps allowed), each once: a migration added to the directory
    /// but not to the list, or out of order, fails here.
    #[test]
    fn the_list_is_the_directory_in_numeric_order() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/pg");
        let mut files: Vec<(u32, String)> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().into_string().unwrap();
                let (number, _) = name.split_once('_')?;
                let number = number.parse::<u32>().ok()?;
                name.ends_with(".sql").then_some((number, name))
            })
            .collect();
        files.sort();
        let numbers: Vec<u32> = files.iter().map(|(n, _)| *n).collect();
        let mut unique = numbers.clone();
        unique.dedup();
        assert_eq!(numbers, unique, "two migrations share a number: {files:?}");
        let texts: Vec<String> = files
            .iter()
            .map(|(_, name)| std::fs::read_to_string(format!("{dir}/{name}")).unwrap())
            .collect();
        assert_eq!(texts.len(), MIGRATIONS.len(), "{files:?}");
        for (i, (text, (_, name))) in texts.iter().zip(&files).enumerate() {
            assert!(
                text == MIGRATIONS[i],
                "init::MIGRATIONS[{i}] is not {name}: keep the list in the files' numeric order"
            );
        }
    }
}
