//! Operators as login roles (SPEC §8): `operator add` makes or adopts a
//! login role in its group, `passwd` sets its password as a SCRAM
//! verifier, `operator disable` takes its login and group away.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

use super::{ok, set_mode, text, Pg};
use crate::util::TODAY;

/// `privreg ARGS` as `user` with the password `password` (PGPASSWORD)
/// and a new password read from `new_pass` (PRIVREG_NEW_PASSPHRASE_FILE).
fn privreg_pw(
    pg: &Pg,
    user: &str,
    password: Option<&str>,
    new_pass: Option<&Path>,
    args: &[&str],
) -> Output {
    let mut c = Command::cargo_bin("privreg").unwrap();
    c.args(args)
        .env("PRIVREG_DB", pg.url(user))
        .env("PRIVREG_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("PGPASSFILE", "/nonexistent")
        .env_remove("PRIVREG_OPERATOR")
        .env_remove("PRIVREG_FORMAT")
        .env_remove("PRIVREG_PASSPHRASE_FILE")
        .env_remove("PRIVREG_NEW_PASSPHRASE_FILE")
        .env_remove("PGPASSWORD");
    if let Some(p) = password {
        c.env("PGPASSWORD", p);
    }
    if let Some(f) = new_pass {
        c.env("PRIVREG_NEW_PASSPHRASE_FILE", f);
    }
    c.output().unwrap()
}

/// psql as `user` signing in with `password`.
fn psql_pw(pg: &Pg, user: &str, password: &str, sql: &str) -> Output {
    super::psql_command(&pg.url(user), sql)
        .env("PGPASSWORD", password)
        .env("PGPASSFILE", "/nonexistent")
        .output()
        .unwrap()
}

fn secret_file(dir: &Path, name: &str, secret: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("{secret}\n")).unwrap();
    set_mode(&path, 0o600);
    path
}

#[test]
fn operators_are_login_roles_with_scram_passwords_their_group_and_no_more() {
    let Some(mut pg) = Pg::new("operator_roles") else {
        return;
    };
    let admin = pg.init();
    let staff = pg.role("anna");
    pg.roles.push(staff.clone());
    let dir = tempfile::tempdir().unwrap();
    let first = "Anna-first-secret-1";
    let second = "Anna-second-secret-2";
    let first_file = secret_file(dir.path(), "first", first);
    let second_file = secret_file(dir.path(), "second", second);

    // the admin adds her as staff with an initial password
    let out = privreg_pw(
        &pg,
        &admin,
        None,
        Some(&first_file),
        &[
            "--format", "json", "operator", "add", &staff, "--role", "staff",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    // scripts/pg_cluster.sh makes this group's members sign in with SCRAM
    // (everyone else is trusted on the socket)
    pg.superuser(
        "DO $$ BEGIN CREATE ROLE privreg_test_password NOLOGIN; \
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
    );
    pg.superuser_in_db(&format!("GRANT privreg_test_password TO \"{staff}\""));
    let groups = ok(pg.as_role(
        &pg.superuser_user(),
        &format!(
            "SELECT r.rolcanlogin, string_agg(g.rolname, ',' ORDER BY g.rolname) \
             FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid \
             WHERE r.rolname = '{staff}' GROUP BY r.rolcanlogin"
        ),
    ));
    assert_eq!(groups, "t|privreg_staff,privreg_test_password");
    // stored as a SCRAM verifier, never the password
    let stored = ok(pg.as_role(
        &pg.superuser_user(),
        &format!("SELECT rolpassword FROM pg_authid WHERE rolname = '{staff}'"),
    ));
    assert!(stored.starts_with("SCRAM-SHA-256$"), "{stored}");
    assert!(!stored.contains(first));

    // she signs in with it and adds a customer…
    let add = [
        "--format",
        "json",
        "add",
        "customer",
        "--set",
        "first_name=Aino",
        "--set",
        "last_name=Laine",
    ];
    let out = privreg_pw(&pg, &staff, Some(first), None, &add);
    assert!(out.status.success(), "{}", text(&out));
    // …without it she is not let in: the server's reason, exit 7
    let out = privreg_pw(&pg, &staff, Some("not-her-password"), None, &add);
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("password authentication failed"));
    // staff may not manage operators (privreg's role table, exit 5)…
    let out = privreg_pw(
        &pg,
        &staff,
        Some(first),
        Some(&second_file),
        &["operator", "add", "someone", "--role", "admin"],
    );
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    // …nor, with psql, delete a record, make herself admin or call the
    // role functions
    for sql in [
        "DELETE FROM privreg.records".to_string(),
        format!("GRANT privreg_admin TO \"{staff}\""),
        format!("SELECT privreg.operator_login('{staff}', 'admin', NULL)"),
        format!("ALTER ROLE \"{staff}\" CREATEROLE"),
    ] {
        let out = psql_pw(&pg, &staff, first, &sql);
        assert!(!out.status.success(), "staff was allowed: {sql}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("42501"), "{sql}: {err}");
    }

    // she changes her own password: the old one stops working
    let out = privreg_pw(
        &pg,
        &staff,
        Some(first),
        Some(&second_file),
        &["--format", "json", "passwd"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = privreg_pw(&pg, &staff, Some(first), None, &["search", "Aino"]);
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    let out = privreg_pw(
        &pg,
        &staff,
        Some(second),
        None,
        &["--format", "json", "search", "Aino"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("C-1"));

    // the list names both with their roles
    let out = privreg_pw(
        &pg,
        &admin,
        None,
        None,
        &["--format", "json", "operator", "list"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let roles: Vec<(String, String, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap().to_string(),
                o["role"].as_str().unwrap().to_string(),
                o["enabled"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(
        roles.contains(&(admin.clone(), "admin".into(), true)),
        "{roles:?}"
    );
    assert!(
        roles.contains(&(staff.clone(), "staff".into(), true)),
        "{roles:?}"
    );

    // disabled, she cannot sign in any more: the server's reason, never
    // the password
    let out = privreg_pw(&pg, &admin, None, None, &["operator", "disable", &staff]);
    assert!(out.status.success(), "{}", text(&out));
    let out = privreg_pw(&pg, &staff, Some(second), None, &["search", "Aino"]);
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not permitted to log in"), "{err}");
    assert!(!err.contains(second) && !err.contains(first), "{err}");
    let groups = ok(pg.as_role(
        &pg.superuser_user(),
        &format!(
            "SELECT r.rolcanlogin, pg_has_role(r.oid, 'privreg_staff', 'MEMBER') FROM pg_roles r WHERE r.rolname = '{staff}'"
        ),
    ));
    assert_eq!(groups, "f|f");

    // each step is in the chain, which verifies
    let log = super::audit_log(&pg, &admin);
    super::assert_chain(&log);
    let steps: Vec<(&str, &str, &str)> = log
        .iter()
        .filter(|e| {
            [
                "operator-add",
                "passwd",
                "operator-disable",
                "operator-list",
            ]
            .contains(&e.action.as_str())
        })
        .map(|e| (e.operator.as_str(), e.action.as_str(), e.outcome.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (admin.as_str(), "operator-add", "ok"),
            (staff.as_str(), "operator-add", "refused"),
            (staff.as_str(), "passwd", "ok"),
            (admin.as_str(), "operator-list", "ok"),
            (admin.as_str(), "operator-disable", "ok"),
        ]
    );
    assert!(log
        .iter()
        .all(|e| !e.detail.contains(first) && !e.detail.contains(second)));
    let out = privreg_pw(&pg, &admin, None, None, &["audit", "verify"]);
    assert!(out.status.success(), "{}", text(&out));
    // the server's own log never saw a password in the clear
    if let Ok(dir) = std::env::var("PRIVREG_TEST_PG_DIR") {
        if let Ok(log) = std::fs::read(Path::new(&dir).join("server.log")) {
            let log = String::from_utf8_lossy(&log);
            assert!(!log.contains(first) && !log.contains(second));
        }
    }
}

#[test]
fn operator_add_adopts_a_plain_role_as_it_is_and_refuses_one_with_power_over_the_cluster() {
    let Some(mut pg) = Pg::new("operator_adopt") else {
        return;
    };
    let admin = pg.init();
    let plain = pg.role("plain");
    let mighty = pg.role("mighty");
    pg.roles.push(plain.clone());
    pg.roles.push(mighty.clone());
    pg.superuser_in_db(&format!(
        "CREATE ROLE \"{plain}\" NOLOGIN PASSWORD 'Made-by-IT-12345'; CREATE ROLE \"{mighty}\" LOGIN CREATEDB"
    ));
    let before = ok(pg.as_role(
        &pg.superuser_user(),
        &format!("SELECT rolpassword FROM pg_authid WHERE rolname = '{plain}'"),
    ));
    let dir = tempfile::tempdir().unwrap();
    let new_pass = secret_file(dir.path(), "new", "Chosen-by-admin-99");

    // adopted: it can log in, in its group, with the password it had
    let out = privreg_pw(
        &pg,
        &admin,
        None,
        Some(&new_pass),
        &["operator", "add", &plain, "--role", "auditor"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let after = ok(pg.as_role(
        &pg.superuser_user(),
        &format!(
            "SELECT rolcanlogin, pg_has_role(oid, 'privreg_auditor', 'MEMBER'), rolpassword FROM pg_authid WHERE rolname = '{plain}'"
        ),
    ));
    assert_eq!(after, format!("t|t|{before}"));

    // a role that may create databases is not the admin's to take over
    let out = privreg_pw(
        &pg,
        &admin,
        None,
        Some(&new_pass),
        &["operator", "add", &mighty, "--role", "staff"],
    );
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be an operator"));
    let out = privreg_pw(
        &pg,
        &admin,
        None,
        None,
        &["--format", "json", "operator", "list"],
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains(&mighty),
        "nothing was written"
    );
    // nor privreg's own roles
    let out = privreg_pw(
        &pg,
        &admin,
        None,
        Some(&new_pass),
        &["operator", "add", "privreg_owner", "--role", "admin"],
    );
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
}
