//! Server mode (SPEC §8, issue #17): `privreg init --db postgresql://…` on
//! a throwaway cluster, and what the server itself refuses to an operator
//! who connects with a plain client (`psql`) instead of privreg.
//!
//! Each test gets a database of its own in the cluster that
//! `PRIVREG_TEST_PG` names (an admin URL, as `scripts/pg_cluster.sh start`
//! prints it), and login roles of its own, so tests stay independent and
//! run in parallel. Without `PRIVREG_TEST_PG` they say they were skipped
//! and pass, unless `PRIVREG_REQUIRE_PG=1` (CI), where they fail.

use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;
use serde_json::Value;

use crate::kind::url_for;
use crate::util::TODAY;

/// A fresh database in the test cluster, dropped with its roles at the end.
pub(crate) struct Pg {
    admin_url: String,
    pub(crate) db: String,
    roles: Vec<String>,
}

impl Pg {
    /// A new empty database, or `None` (test skipped) without a cluster.
    pub(crate) fn new(test: &str) -> Option<Pg> {
        let admin_url = match std::env::var("PRIVREG_TEST_PG") {
            Ok(url) if !url.is_empty() => url,
            _ => {
                assert!(
                    std::env::var("PRIVREG_REQUIRE_PG").as_deref() != Ok("1"),
                    "PRIVREG_REQUIRE_PG=1 but PRIVREG_TEST_PG is not set: start a cluster with scripts/pg_cluster.sh"
                );
                eprintln!(
                    "skipped {test}: PRIVREG_TEST_PG is not set (scripts/pg_cluster.sh start)"
                );
                return None;
            }
        };
        static N: AtomicUsize = AtomicUsize::new(0);
        let db = format!(
            "t{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst),
            test.chars().take(30).collect::<String>()
        );
        let pg = Pg {
            admin_url,
            db,
            roles: Vec::new(),
        };
        pg.superuser(&format!("CREATE DATABASE \"{}\"", pg.db));
        Some(pg)
    }

    /// The URL of this database for `user` (no password: the cluster
    /// trusts its socket).
    pub(crate) fn url(&self, user: &str) -> String {
        url_for(&self.admin_url, user, &self.db)
    }

    /// A role name of this test's own (roles are the cluster's).
    pub(crate) fn role(&self, name: &str) -> String {
        format!("{}_{name}", self.db)
    }

    /// A login role in `group` (`privreg_staff`, …), as `operator add`
    /// will make it once it works on servers.
    pub(crate) fn login(&mut self, name: &str, group: Option<&str>) -> String {
        let role = self.role(name);
        let member = group.map(|g| format!(" IN ROLE {g}")).unwrap_or_default();
        self.superuser_in_db(&format!("CREATE ROLE \"{role}\" LOGIN{member}"));
        self.roles.push(role.clone());
        role
    }

    /// SQL as the cluster's superuser in its maintenance database.
    pub(crate) fn superuser(&self, sql: &str) -> String {
        ok(psql(&self.admin_url, sql))
    }

    /// SQL as the superuser in this test's database.
    pub(crate) fn superuser_in_db(&self, sql: &str) -> String {
        let user = self
            .admin_url
            .split_once("://")
            .and_then(|(_, rest)| rest.split_once('@'))
            .map(|(user, _)| user.to_string())
            .unwrap_or_else(|| "postgres".into());
        ok(psql(&self.url(&user), sql))
    }

    /// SQL as `role` in this test's database.
    pub(crate) fn as_role(&self, role: &str, sql: &str) -> Output {
        psql(&self.url(role), sql)
    }

    /// SQL as `role` that the server must refuse for want of a privilege
    /// (SQLSTATE 42501); returns the server's message.
    fn refused(&self, role: &str, sql: &str) -> String {
        let out = self.as_role(role, sql);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!out.status.success(), "{role} was allowed: {sql}");
        assert!(
            err.contains("42501"),
            "{role}: {sql}: not a refusal:\n{err}"
        );
        err
    }

    /// `privreg ARGS --db URL` as `user`.
    pub(crate) fn privreg(&self, user: &str, args: &[&str]) -> Output {
        privreg(&self.url(user), args)
    }

    /// privreg as `user`, which must succeed: its stdout.
    pub(crate) fn privreg_ok(&self, user: &str, args: &[&str]) -> String {
        let out = self.privreg(user, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `privreg init` as the superuser with a first admin of this test's
    /// own (the superuser itself would be every parallel test's admin).
    pub(crate) fn init(&mut self) -> String {
        let admin = self.role("admin");
        self.roles.push(admin.clone());
        let user = self.superuser_user();
        let out = self.privreg(&user, &["--format", "json", "init", "--admin", &admin]);
        assert!(out.status.success(), "init failed:\n{}", text(&out));
        admin
    }

    pub(crate) fn superuser_user(&self) -> String {
        self.admin_url
            .split_once("://")
            .and_then(|(_, rest)| rest.split_once('@'))
            .map(|(user, _)| user.to_string())
            .unwrap_or_else(|| "postgres".into())
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let _ = psql(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.db),
        );
        for role in &self.roles {
            let _ = psql(&self.admin_url, &format!("DROP ROLE IF EXISTS \"{role}\""));
        }
    }
}

/// psql, the plain client: no ~/.psqlrc, stop at the first error, errors
/// with their SQLSTATE, rows unaligned without headers.
pub(crate) fn psql(url: &str, sql: &str) -> Output {
    psql_command(url, sql)
        .env_remove("PGPASSWORD")
        .output()
        .expect("psql (PostgreSQL's client) is installed")
}

/// The command [`psql`] runs, for a caller that signs in otherwise.
pub(crate) fn psql_command(url: &str, sql: &str) -> std::process::Command {
    let mut command = std::process::Command::new("psql");
    command
        .args([
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-v",
            "VERBOSITY=verbose",
        ])
        .args(["-d", url, "-c", sql]);
    command
}

pub(crate) fn ok(out: Output) -> String {
    assert!(out.status.success(), "psql failed:\n{}", text(&out));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn privreg(url: &str, args: &[&str]) -> Output {
    Command::cargo_bin("privreg")
        .unwrap()
        .args(args)
        .env("PRIVREG_DB", url)
        .env("PRIVREG_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("PRIVREG_OPERATOR")
        .env_remove("PRIVREG_FORMAT")
        .env_remove("PRIVREG_PASSPHRASE_FILE")
        .env_remove("PGPASSWORD")
        .output()
        .unwrap()
}

pub(crate) fn text(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The audit log as privreg's own type, read with psql as `role`.
fn audit_log(pg: &Pg, role: &str) -> Vec<privreg::store::audit::Stored> {
    let json = ok(pg.as_role(
        role,
        "SELECT coalesce(json_agg(a ORDER BY seq), '[]') FROM privreg.audit a",
    ));
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    rows.iter()
        .map(|r| privreg::store::audit::Stored {
            seq: r["seq"].as_i64().unwrap(),
            at: r["at"].as_str().unwrap().into(),
            operator: r["operator"].as_str().unwrap().into(),
            action: r["action"].as_str().unwrap().into(),
            outcome: r["outcome"].as_str().unwrap().into(),
            records: r["records"].as_str().unwrap().into(),
            fields: r["fields"].as_str().unwrap().into(),
            request: r["request"].as_str().map(str::to_string),
            rows: r["rows"].as_i64().unwrap(),
            detail: r["detail"].as_str().unwrap().into(),
            prev_hash: r["prev_hash"].as_str().unwrap().into(),
            hash: r["hash"].as_str().unwrap().into(),
        })
        .collect()
}

/// Every entry links to the one before and has privreg's own hash of its
/// content: the chain `audit verify` checks on a file.
fn assert_chain(log: &[privreg::store::audit::Stored]) {
    let mut prev = "0".repeat(64);
    for (i, e) in log.iter().enumerate() {
        assert_eq!(e.seq, i as i64 + 1, "entries are numbered without gaps");
        assert_eq!(e.prev_hash, prev, "entry {} links to the one before", e.seq);
        assert_eq!(
            privreg::store::audit::hash_of(e),
            e.hash,
            "entry {} has the file's hash",
            e.seq
        );
        prev = e.hash.clone();
    }
}

/// A staff member's INSERT of a customer through psql.
const ADD_CUSTOMER: &str = "INSERT INTO privreg.records (register, first_name, last_name, city, created_at, created_by, updated_at) \
     VALUES ('customer', 'Åsa', 'Ääkkönen', 'Hämeenlinna', '2026-11-24T10:00:00.000Z', 'staff', '2026-11-24T10:00:00.000Z') RETURNING number";

#[test]
fn init_makes_the_schema_its_roles_and_the_connecting_role_admin() {
    let Some(mut pg) = Pg::new("init_connecting") else {
        return;
    };
    // A role that may create roles and schemas, not a superuser: what
    // SPEC §8 asks of whoever runs init.
    let creator = pg.login("creator", None);
    pg.superuser_in_db(&format!(
        "ALTER ROLE \"{creator}\" CREATEROLE; GRANT CREATE ON DATABASE \"{}\" TO \"{creator}\"",
        pg.db
    ));
    let out = pg.privreg(&creator, &["--format", "json", "init"]);
    assert!(out.status.success(), "{}", text(&out));
    let done: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(done["created"], true);
    assert_eq!(done["admin"], creator.as_str());
    let id = done["register_id"].as_str().unwrap();
    assert!(
        id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );

    // the schema's owner cannot log in, and the creator is no longer its member
    let owner = pg.superuser_in_db(
        "SELECT r.rolname || ' ' || r.rolcanlogin FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'privreg'",
    );
    assert_eq!(owner, "privreg_owner false");
    let member = pg.superuser_in_db(&format!(
        "SELECT pg_has_role('{creator}', 'privreg_owner', 'MEMBER'), pg_has_role('{creator}', 'privreg_admin', 'MEMBER')"
    ));
    assert_eq!(member, "f|t");
    // every table is the owner's
    let foreign = pg.superuser_in_db(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'privreg' AND c.relkind = 'r' AND c.relowner <> 'privreg_owner'::regrole",
    );
    assert_eq!(foreign, "0");
    for group in ["privreg_admin", "privreg_staff", "privreg_auditor"] {
        let login = pg.superuser_in_db(&format!(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = '{group}'"
        ));
        assert_eq!(login, "f", "{group} is a group, not a login");
    }
    // the register as a file starts: its registers, purposes, the admin, the id
    assert_eq!(
        ok(pg.as_role(
            &creator,
            "SELECT string_agg(prefix, '' ORDER BY prefix) FROM privreg.registers"
        )),
        "BCER"
    );
    assert_eq!(
        ok(pg.as_role(&creator, "SELECT role FROM privreg.operators")),
        "admin"
    );
    assert_eq!(
        ok(pg.as_role(
            &creator,
            "SELECT value FROM privreg.meta WHERE key = 'register_id'"
        )),
        id
    );
    // one entry, by the role that ran init
    let log = audit_log(&pg, &creator);
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].action.as_str(), log[0].operator.as_str()),
        ("init", creator.as_str())
    );
    assert_eq!(log[0].at, format!("{TODAY}T10:00:00.000Z"));
    assert_chain(&log);

    // again: nothing changes, and it says so
    let again = pg.privreg(&creator, &["--format", "json", "init"]);
    assert!(again.status.success(), "{}", text(&again));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already a register"));
    let done: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(done["created"], false);
    assert_eq!(audit_log(&pg, &creator).len(), 1);
}

#[test]
fn psql_users_are_refused_what_their_role_may_not_do() {
    let Some(mut pg) = Pg::new("psql_refused") else {
        return;
    };
    let admin = pg.init();
    let staff = pg.login("staff", Some("privreg_staff"));
    let auditor = pg.login("auditor", Some("privreg_auditor"));

    // staff adds a record (its number comes from the register's sequence)…
    assert_eq!(ok(pg.as_role(&staff, ADD_CUSTOMER)), "1");
    ok(pg.as_role(
        &staff,
        "UPDATE privreg.records SET city = 'Turku' WHERE number = 1",
    ));
    // …but cannot delete one, choose its number, or move it to another register
    pg.refused(&staff, "DELETE FROM privreg.records WHERE number = 1");
    pg.refused(&staff, "TRUNCATE privreg.records CASCADE");
    pg.refused(
        &staff,
        "INSERT INTO privreg.records (register, number, first_name, last_name, created_at, created_by, updated_at) \
         VALUES ('customer', 99, 'A', 'B', 'x', 'x', 'x')",
    );
    pg.refused(&staff, "UPDATE privreg.records SET register = 'employee'");
    // nor do an admin's work: operators, holds released, the controller
    pg.refused(&staff, "UPDATE privreg.operators SET role = 'admin'");
    pg.refused(&staff, "INSERT INTO privreg.erasures (register, number, erased_at, erased_by, reason) VALUES ('customer', 1, 'x', 'x', 'x')");
    pg.refused(&staff, "UPDATE privreg.holds SET released_at = 'x'");

    // the auditor reads everything and writes nothing
    assert_eq!(
        ok(pg.as_role(&auditor, "SELECT count(*) FROM privreg.records")),
        "1"
    );
    pg.refused(&auditor, ADD_CUSTOMER);
    pg.refused(&auditor, "UPDATE privreg.records SET city = 'Oulu'");
    pg.refused(&auditor, "DELETE FROM privreg.records");
    pg.refused(&auditor, "INSERT INTO privreg.requests (type, received, due, opened_at, opened_by) VALUES ('access', 'x', 'x', 'x', 'x')");
    pg.refused(
        &auditor,
        "UPDATE privreg.meta SET value = 'x' WHERE key = 'adequacy_list_date'",
    );
    pg.refused(&auditor, "DELETE FROM privreg.bases");
    // nor tests guessed identifiers against the erased people's list: the
    // key is staff's and admins' (they hash on every add and erase)
    pg.refused(&auditor, "SELECT value FROM privreg.secrets");
    assert_eq!(
        ok(pg.as_role(
            &staff,
            "SELECT length(value) FROM privreg.secrets WHERE name = 'suppression_key'"
        )),
        "64"
    );

    // nobody who can log in changes the audit log, the admin included
    for role in [&staff, &auditor, &admin] {
        pg.refused(role, "UPDATE privreg.audit SET operator = 'someone else'");
        pg.refused(role, "DELETE FROM privreg.audit");
        pg.refused(role, "TRUNCATE privreg.audit");
        pg.refused(role, "INSERT INTO privreg.audit (seq, at, operator, action, outcome, prev_hash, hash) VALUES (99, 'x', 'x', 'x', 'x', 'x', 'x')");
        pg.refused(role, "UPDATE privreg.audit_head SET seq = 0");
        pg.refused(role, "SELECT nextval('privreg.number_customer')");
        // and nobody makes themselves an admin or the owner
        pg.refused(role, &format!("GRANT privreg_admin TO \"{role}\""));
        pg.refused(role, &format!("GRANT privreg_owner TO \"{role}\""));
        pg.refused(role, "SET ROLE privreg_owner");
    }
    pg.refused(&staff, "SET ROLE privreg_admin");
    // not even the owner (here the superuser) rewrites the log: triggers refuse
    let out = pg.as_role(
        &pg.superuser_user(),
        "UPDATE privreg.audit SET operator = 'x'",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("append-only"));
    // the admin may erase
    ok(pg.as_role(&admin, "DELETE FROM privreg.records WHERE number = 1"));
    // a number is never given again
    assert_eq!(ok(pg.as_role(&staff, ADD_CUSTOMER)), "2");
}

#[test]
fn audit_entries_name_the_session_user_and_chain_like_the_file() {
    let Some(mut pg) = Pg::new("audit_chain") else {
        return;
    };
    let admin = pg.init();
    let staff = pg.login("staff", Some("privreg_staff"));
    let auditor = pg.login("auditor", Some("privreg_auditor"));
    let stranger = pg.login("stranger", None);

    // there is no operator argument to forge
    let out = pg.as_role(
        &staff,
        &format!("SELECT privreg.audit_append('{TODAY}T10:00:00.000Z', 'add', 'ok', 'C-1', '', NULL, 1, '', '{admin}')"),
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("42883"),
        "{}",
        text(&out)
    );
    // an entry names who logged in, also after SET ROLE to another role
    ok(pg.as_role(
        &staff,
        &format!("SELECT privreg.audit_append('{TODAY}T10:00:00.000Z', 'add', 'ok', 'C-1', 'first_name,last_name', NULL, 1, '')"),
    ));
    ok(pg.as_role(
        &admin,
        &format!("SET ROLE privreg_admin; SELECT privreg.audit_append('{TODAY}T10:00:01.000Z', 'search', 'ok', '', '', 'REQ-1', -3, '')"),
    ));
    // texts JSON escapes differently from plain text hash the same as in a file
    let tricky =
        "quote \" backslash \\ slash / tab \t newline \n ctrl \u{1} del \u{7f} ä 日本 😀 \u{2028}";
    let sql = format!(
        "SELECT privreg.audit_append('{TODAY}T10:00:02.123Z', 'export-register', 'started', '', '', NULL, 0, '{}')",
        tricky.replace('\'', "''")
    );
    ok(pg.as_role(&auditor, &sql));
    // someone in no privreg group cannot append at all
    pg.refused(
        &stranger,
        &format!("SELECT privreg.audit_append('{TODAY}T10:00:00.000Z', 'add', 'ok', '', '', NULL, 0, '')"),
    );
    // a malformed time is refused
    let out = pg.as_role(
        &staff,
        "SELECT privreg.audit_append('yesterday', 'add', 'ok', '', '', NULL, 0, '')",
    );
    assert!(!out.status.success());

    let log = audit_log(&pg, &auditor);
    let who: Vec<&str> = log.iter().map(|e| e.operator.as_str()).collect();
    let init_by = pg.superuser_user();
    assert_eq!(who, [init_by.as_str(), &staff, &admin, &auditor]);
    assert_eq!(log[3].detail, tricky);
    assert_eq!(log[2].request.as_deref(), Some("REQ-1"));
    assert_chain(&log);

    // appends at once from many connections: no number twice, no fork
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let url = pg.url(if i % 2 == 0 { &staff } else { &auditor });
            std::thread::spawn(move || {
                for _ in 0..5 {
                    ok(psql(
                        &url,
                        &format!("SELECT privreg.audit_append('{TODAY}T11:00:00.000Z', 'search', 'ok', '', '', NULL, {i}, '')"),
                    ));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let log = audit_log(&pg, &auditor);
    assert_eq!(log.len(), 4 + 40);
    assert_chain(&log);
    let head = ok(pg.as_role(
        &auditor,
        "SELECT seq || ' ' || hash FROM privreg.audit_head",
    ));
    assert_eq!(head, format!("44 {}", log[43].hash));
}

#[test]
fn search_folds_case_and_diacritics_through_an_index() {
    let Some(mut pg) = Pg::new("search_index") else {
        return;
    };
    pg.init();
    let staff = pg.login("staff", Some("privreg_staff"));
    ok(pg.as_role(&staff, ADD_CUSTOMER));
    // the records whose words in the word index (040_record_words.sql)
    // begin with the folded prefix, and whose kept words confirm it
    let find = |prefix: &str| {
        ok(pg.as_role(
            &staff,
            &format!(
                "SELECT count(*) FROM privreg.records r WHERE r.rowid IN ( \
                   SELECT record FROM privreg.record_words \
                    WHERE word LIKE privreg.fold('{prefix}') || '%') \
                 AND r.search_words LIKE '% ' || privreg.fold('{prefix}') || '%'"
            ),
        ))
    };
    // word prefixes, whatever the case and diacritics, of any word
    for hit in ["aakko", "ÄÄKKÖNEN", "asa", "å", "hameen"] {
        assert_eq!(find(hit), "1", "{hit}");
    }
    // not the middle of a word
    for miss in ["kkonen", "linna", "x"] {
        assert_eq!(find(miss), "0", "{miss}");
    }
}

#[test]
fn init_without_the_right_to_create_is_refused_with_exit_5() {
    let Some(mut pg) = Pg::new("init_no_rights") else {
        return;
    };
    let nobody = pg.login("nobody", None);
    let out = pg.privreg(&nobody, &["init"]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot make a register"),
        "{}",
        text(&out)
    );
    // and it left nothing behind
    assert_eq!(
        pg.superuser_in_db("SELECT count(*) FROM pg_namespace WHERE nspname = 'privreg'"),
        "0"
    );
}

#[test]
fn init_on_a_missing_database_exits_7_with_the_servers_reason() {
    let Some(pg) = Pg::new("init_missing_db") else {
        return;
    };
    let url = url_for(&pg.admin_url, &pg.superuser_user(), "no_such_database");
    let out = privreg(&url, &["init"]);
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no_such_database") && err.contains("does not exist"),
        "{err}"
    );
}

// These need no cluster: they fail before connecting.

#[test]
fn a_password_in_the_url_is_refused_and_never_repeated() {
    let out = privreg("postgresql://anne:S3cret-pw@localhost/privreg", &["init"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pgpass"), "{err}");
    assert!(!err.contains("S3cret-pw"), "{err}");
}

#[test]
fn a_server_that_is_not_there_is_exit_7() {
    let out = privreg(
        "postgresql://anne@%2Fnonexistent%2Fprivreg-socket/privreg",
        &["init"],
    );
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    // the cause, not only the driver's "error connecting to server"
    assert!(
        err.contains("cannot connect") && err.contains("No such file"),
        "{err}"
    );
}

#[test]
fn commands_not_built_for_servers_say_so() {
    for args in [&["unlock", "--for", "5m"][..], &["encrypt"]] {
        let out = privreg("postgresql://anne@localhost/privreg", args);
        assert_eq!(out.status.code(), Some(7), "{args:?}: {}", text(&out));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("server mode is not built yet for this command"),
            "{err}"
        );
    }
    // help in other forms needs no register
    let out = privreg(
        "postgresql://anne@localhost/privreg",
        &["fields", "customer"],
    );
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn the_password_comes_from_pgpass_or_pgpassword_and_is_never_shown() {
    let Some(mut pg) = Pg::new("password") else {
        return;
    };
    // scripts/pg_cluster.sh makes this group's members sign in with SCRAM
    pg.superuser(
        "DO $$ BEGIN CREATE ROLE privreg_test_password NOLOGIN; \
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
    );
    let role = pg.login("pw", Some("privreg_test_password"));
    let secret = "Pw-of-the-creator-42";
    pg.superuser_in_db(&format!(
        "ALTER ROLE \"{role}\" CREATEROLE PASSWORD '{secret}'; GRANT CREATE ON DATABASE \"{}\" TO \"{role}\"",
        pg.db
    ));
    let dir = tempfile::tempdir().unwrap();
    let pgpass = dir.path().join("pgpass");
    let init = |pgpass_file: &std::path::Path, env_password: Option<&str>| {
        let mut c = Command::cargo_bin("privreg").unwrap();
        c.args(["init"])
            .env("PRIVREG_DB", pg.url(&role))
            .env("PRIVREG_TODAY", TODAY)
            .env("PGPASSFILE", pgpass_file)
            .env_remove("PRIVREG_OPERATOR")
            .env_remove("PGPASSWORD");
        if let Some(p) = env_password {
            c.env("PGPASSWORD", p);
        }
        c.output().unwrap()
    };
    let fails = |out: &Output, why: &str| {
        assert_eq!(out.status.code(), Some(7), "{}", text(out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(why), "{err}");
        assert!(!err.contains(secret) && !err.contains("wrong-one"), "{err}");
    };

    // none anywhere, and no terminal to ask on
    fails(&init(&dir.path().join("none"), None), "asks for a password");
    // a password file others can read is not used
    std::fs::write(&pgpass, format!("*:*:*:{role}:{secret}\n")).unwrap();
    set_mode(&pgpass, 0o644);
    fails(&init(&pgpass, None), "chmod 0600");
    // a wrong one: the server's reason, not the password
    std::fs::write(&pgpass, format!("*:*:*:{role}:wrong-one\n")).unwrap();
    set_mode(&pgpass, 0o600);
    fails(&init(&pgpass, None), "password authentication failed");
    fails(
        &init(&dir.path().join("none"), Some("wrong-one")),
        "password authentication failed",
    );
    // the right one from the file, then from PGPASSWORD
    std::fs::write(
        &pgpass,
        format!("# ours\nother:*:*:*:no\n*:*:*:{role}:{secret}\n"),
    )
    .unwrap();
    let out = init(&pgpass, None);
    assert!(out.status.success(), "{}", text(&out));
    let out = init(&dir.path().join("none"), Some(secret));
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already a register"));
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Runs `args` with `--format json` on the file register `env` and on the
/// server register `pg` as `role`: both must end with `code` and print
/// the same stdout. Returns the server's stdout.
pub(crate) fn same_on_both(
    env: &crate::util::Env,
    pg: &Pg,
    role: &str,
    code: i32,
    args: &[&str],
) -> String {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let file = env.cmd(&all).output().unwrap();
    let server = pg.privreg(role, &all);
    assert_eq!(
        file.status.code(),
        Some(code),
        "file {args:?}: {}",
        text(&file)
    );
    assert_eq!(
        server.status.code(),
        Some(code),
        "server {args:?}: {}",
        text(&server)
    );
    let (file_out, server_out) = (
        String::from_utf8_lossy(&file.stdout),
        String::from_utf8_lossy(&server.stdout),
    );
    assert_eq!(
        file_out, server_out,
        "{args:?}: the file and the server differ"
    );
    server_out.into_owned()
}

#[test]
fn add_show_search_list_correct_end_and_verify_answer_the_same_on_a_file_and_a_server() {
    let Some(mut pg) = Pg::new("same_as_file") else {
        return;
    };
    let admin = pg.init();
    // the file's operator has the server role's name, so that the records
    // and corrections name the same operator
    let mut env = crate::util::Env::empty();
    env.operator = admin.clone();
    env.cmd(&["init", "--admin", &admin]).assert().success();

    let both = |code: i32, args: &[&str]| same_on_both(&env, &pg, &admin, code, args);
    let first = both(
        0,
        &[
            "add",
            "customer",
            "--set",
            "first_name=Åsa",
            "--set",
            "last_name=Ääkkönen",
            "--set",
            "city=Hämeenlinna",
            "--set",
            "email=Asa.Aakkonen@Example.fi",
        ],
    );
    assert!(first.contains("\"id\": \"C-1\""), "{first}");
    both(
        0,
        &[
            "add",
            "customer",
            "--set",
            "first_name=Matti",
            "--set",
            "last_name=Mäkinen",
            "--set",
            "city=Tampere",
            "--set",
            "hetu=131052-308T",
            "--basis",
            "contract",
            "--purpose",
            "customer-relationship",
        ],
    );
    both(
        0,
        &[
            "add",
            "business",
            "--set",
            "first_name=Olli",
            "--set",
            "last_name=Virtanen",
            "--set",
            "organisation=Öljy-Åström Oy",
            "--set",
            "email=olli@oljy.fi",
            "--set",
            "business_id=2617416-4",
            "--set",
            "role=contact",
        ],
    );
    // the same person twice is refused the same way
    both(
        6,
        &[
            "add",
            "customer",
            "--set",
            "first_name=M",
            "--set",
            "last_name=M",
            "--set",
            "hetu=131052-308T",
        ],
    );
    both(0, &["show", "C-1"]);
    let shown = both(0, &["show", "C-2", "--reveal-hetu"]);
    assert!(shown.contains("customer-relationship"), "{shown}");
    // a purpose that is not in the register's table is refused alike
    both(
        3,
        &[
            "add",
            "customer",
            "--set",
            "first_name=X",
            "--set",
            "last_name=Y",
            "--basis",
            "contract",
            "--purpose",
            "no-such",
        ],
    );
    both(4, &["show", "C-9"]);
    // search: word prefixes regardless of case and diacritics, every word
    for words in [
        "aakko",
        "ÄÄKKÖ",
        "asa hämeen",
        "MAKI",
        "mäkinen tampere",
        "oljy",
        "astrom",
        "ö",
        "x",
        "kkonen",
    ] {
        let out = both(0, &["search", words]);
        if words == "x" || words == "kkonen" {
            assert!(!out.contains("\"id\""), "{words}: {out}");
        } else {
            assert!(out.contains("\"id\""), "{words}: {out}");
        }
    }
    both(0, &["search", "--hetu", "131052-308T"]);
    // list: a search without words, all or one register
    let all = both(0, &["search"]);
    assert_eq!(all.matches("\"id\"").count(), 3, "{all}");
    both(0, &["search", "--register", "business"]);
    // correct, and what it changed is seen the same way
    both(
        0,
        &["correct", "C-1", "--set", "city=Turku", "--reason", "moved"],
    );
    both(0, &["show", "C-1"]);
    assert!(both(0, &["search", "turku"]).contains("C-1"));
    assert!(!both(0, &["search", "hameen"]).contains("C-1"));
    // end: an ended record leaves the default search, and shows its status
    both(0, &["end", "C-2", "--date", TODAY]);
    assert!(both(0, &["show", "C-2"]).contains("\"status\": \"ended\""));
    assert!(!both(0, &["search", "makinen"]).contains("C-2"));
    assert!(both(0, &["search", "makinen", "--include-ended"]).contains("C-2"));
    // the audit logs: intact, and as many entries (the last ones verify's)
    // the logs hold the same entries; their hashes differ only because the
    // server's init entry names the superuser who ran it
    let verify_file = env.json(&["audit", "verify"]);
    let out = pg.privreg(&admin, &["--format", "json", "audit", "verify"]);
    assert!(out.status.success(), "{}", text(&out));
    let verify: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verify["intact"], true, "{verify}");
    for key in ["entries", "head_seq", "checkpoints"] {
        assert_eq!(verify[key], verify_file[key], "{key}");
    }
    // export audit streams the same log as psql reads, its own entry last
    let out = pg.privreg(&admin, &["--format", "jsonl", "export", "audit"]);
    assert!(out.status.success(), "{}", text(&out));
    let exported: Vec<privreg::store::audit::Stored> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_chain(&exported);
    assert_eq!(exported.last().unwrap().action, "export-audit");
    let log = audit_log(&pg, &admin);
    assert_eq!(
        exported.len() + 1,
        log.len(),
        "the export's closing entry follows it"
    );
    assert_chain(&log);
    assert!(log.iter().skip(1).all(|e| e.operator == admin));
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"correct") && actions.contains(&"search"),
        "{actions:?}"
    );
}

#[test]
fn as_naming_another_role_is_refused_on_a_server_and_audited_under_the_session_user() {
    let Some(mut pg) = Pg::new("as_other") else {
        return;
    };
    let admin = pg.init();
    let staff = pg.login("staff", Some("privreg_staff"));
    pg.superuser_in_db(&format!(
        "INSERT INTO privreg.operators (name, role, enabled, created_at) VALUES ('{staff}', 'staff', true, '{TODAY}T09:00:00.000Z')"
    ));
    let secret_name = "Pekka Salainen 131052-308T";
    for (who, as_name) in [
        (&admin, staff.as_str()),
        (&staff, admin.as_str()),
        (&staff, secret_name),
    ] {
        let out = pg.privreg(
            who,
            &[
                "--as",
                as_name,
                "add",
                "customer",
                "--set",
                "first_name=A",
                "--set",
                "last_name=B",
            ],
        );
        assert_eq!(out.status.code(), Some(5), "{}", text(&out));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("the role the server authenticated"), "{err}");
        assert!(
            !err.contains(as_name),
            "the name given is not repeated: {err}"
        );
    }
    // nothing was added; each refusal is audited under who logged in
    let log = audit_log(&pg, &admin);
    let refused: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e.outcome == "refused")
        .map(|e| (e.operator.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(
        refused,
        [(admin.as_str(), "add"), (&staff, "add"), (&staff, "add")]
    );
    assert!(log
        .iter()
        .all(|e| !e.detail.contains("Salainen") && !e.detail.contains(&staff)));
    assert_eq!(
        ok(pg.as_role(&admin, "SELECT count(*) FROM privreg.records")),
        "0"
    );
    // --as naming oneself is what no --as is
    let out = pg.privreg(
        &staff,
        &[
            "--as",
            &staff,
            "add",
            "customer",
            "--set",
            "first_name=A",
            "--set",
            "last_name=B",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let log = audit_log(&pg, &admin);
    let last = log.last().unwrap();
    assert_eq!(
        (
            last.operator.as_str(),
            last.action.as_str(),
            last.records.as_str()
        ),
        (staff.as_str(), "add", "C-1")
    );
    // an auditor role is refused writing by privreg's own role table
    let auditor = pg.login("auditor", Some("privreg_auditor"));
    pg.superuser_in_db(&format!(
        "INSERT INTO privreg.operators (name, role, enabled, created_at) VALUES ('{auditor}', 'auditor', true, '{TODAY}T09:00:00.000Z')"
    ));
    let out = pg.privreg(
        &auditor,
        &[
            "add",
            "customer",
            "--set",
            "first_name=C",
            "--set",
            "last_name=D",
        ],
    );
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    let out = pg.privreg(&auditor, &["--format", "json", "show", "C-1"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn adds_from_many_connections_at_once_get_distinct_numbers_and_one_chain() {
    let Some(mut pg) = Pg::new("many_adds") else {
        return;
    };
    let admin = pg.init();
    let url = pg.url(&admin);
    let handles: Vec<_> = (0..6)
        .map(|t| {
            let url = url.clone();
            std::thread::spawn(move || {
                for i in 0..4 {
                    let last = format!("last_name=Sukunimi{t}x{i}");
                    let out = privreg(
                        &url,
                        &[
                            "add",
                            "customer",
                            "--set",
                            "first_name=Eino",
                            "--set",
                            &last,
                        ],
                    );
                    assert!(out.status.success(), "{}", text(&out));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let out = pg.privreg(&admin, &["--format", "json", "search", "--limit", "100"]);
    assert!(out.status.success(), "{}", text(&out));
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids: Vec<String> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort_by_key(|id| id[2..].parse::<i64>().unwrap());
    let expected: Vec<String> = (1..=24).map(|n| format!("C-{n}")).collect();
    assert_eq!(ids, expected, "every add got its own number");
    let log = audit_log(&pg, &admin);
    assert_chain(&log);
    assert_eq!(log.iter().filter(|e| e.action == "add").count(), 24);
    let out = pg.privreg(&admin, &["audit", "verify"]);
    assert!(out.status.success(), "{}", text(&out));
}

// Operators as login roles, backup/restore, `copy --to` and import
// through COPY (issue #17).
mod concurrency;
mod copy;
mod documents;
mod exports;
mod import;
mod migrate;
mod operators;
mod restore;
mod search;
mod tls;
