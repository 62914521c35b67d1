//! Schema migrations on a server (issue #17): a register an older privreg
//! made is brought forward by the first ordinary command of a role that
//! may (the one that ran `init`), once, also when two commands start at
//! once; an operator who may not is refused (exit 7, naming who can) and
//! the register stays as it was; a register newer than the binary is
//! refused (exit 7).

use std::process::Output;

use std::process::Command;

use super::{text, Pg};
use crate::util::TODAY;

/// The number of migrations this binary has: the numbered files of
/// `migrations/pg/`.
fn latest() -> i64 {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/pg");
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name().into_string().unwrap();
            name.ends_with(".sql")
                && name
                    .split_once('_')
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .count() as i64
}

/// `privreg ARGS` as `user` with `extra` environment.
fn privreg(pg: &Pg, user: &str, extra: &[(&str, &str)], args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("privreg"));
    cmd.args(args)
        .env("PRIVREG_DB", pg.url(user))
        .env("PRIVREG_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("PRIVREG_OPERATOR")
        .env_remove("PRIVREG_FORMAT")
        .env_remove("PGPASSWORD");
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd
}

fn versions(pg: &Pg) -> String {
    pg.superuser_in_db(
        "SELECT string_agg(version::text, ',' ORDER BY version) FROM privreg.schema_migrations",
    )
}

fn expect(out: &Output, code: i32) -> String {
    assert_eq!(out.status.code(), Some(code), "{}", text(out));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_older_server_schema_is_brought_forward_and_a_newer_one_refused() {
    let Some(mut pg) = Pg::new("migrate_forward") else {
        return;
    };
    let n = latest();
    assert!(n >= 2, "there is a migration to leave out");
    // The role that makes the register: not a superuser, but one that may
    // create roles, as a firm's DBA would be; it is the first admin.
    let dba = pg.login("dba", None);
    pg.superuser_in_db(&format!(
        "ALTER ROLE \"{dba}\" CREATEROLE; GRANT CREATE ON DATABASE \"{}\" TO \"{dba}\"",
        pg.db
    ));
    let older = (n - 1).to_string();
    let out = privreg(
        &pg,
        &dba,
        &[("PRIVREG_TEST_PG_SCHEMA_VERSION", &older)],
        &["init"],
    )
    .output()
    .unwrap();
    expect(&out, 0);
    let before: Vec<String> = (1..n).map(|v| v.to_string()).collect();
    assert_eq!(versions(&pg), before.join(","));

    // An operator who cannot grant the owner's role: refused, named who
    // can, nothing changed.
    let clerk = pg.login("clerk", Some("privreg_staff"));
    let out = privreg(&pg, &clerk, &[], &["search", "virtanen"])
        .output()
        .unwrap();
    let err = expect(&out, 7);
    assert!(
        err.contains(&format!(
            "schema version {older} is older than this privreg's {n}"
        )) && err.contains(&clerk)
            && err.contains("may create roles"),
        "{err}"
    );
    assert_eq!(
        versions(&pg),
        before.join(","),
        "the refusal changed nothing"
    );

    // Two ordinary commands of the DBA at once: both work, the migrations
    // ran once each.
    let children: Vec<std::process::Child> = (0..2)
        .map(|_| {
            privreg(&pg, &dba, &[], &["search", "virtanen"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        expect(&child.wait_with_output().unwrap(), 0);
    }
    let all: Vec<String> = (1..=n).map(|v| v.to_string()).collect();
    assert_eq!(versions(&pg), all.join(","), "each migration ran once");

    // The register works as a new one.
    let out = privreg(
        &pg,
        &dba,
        &[],
        &[
            "add",
            "customer",
            "--set",
            "first_name=Matti",
            "--set",
            "last_name=Virtanen",
        ],
    )
    .output()
    .unwrap();
    expect(&out, 0);
    let out = privreg(&pg, &dba, &[], &["search", "virtanen"])
        .output()
        .unwrap();
    expect(&out, 0);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Matti"),
        "{}",
        text(&out)
    );
    let out = privreg(&pg, &dba, &[], &["audit", "verify"])
        .output()
        .unwrap();
    expect(&out, 0);

    // A register from a newer privreg: refused, whoever asks.
    pg.superuser_in_db(&format!(
        "INSERT INTO privreg.schema_migrations (version) VALUES ({})",
        n + 1
    ));
    for role in [&dba, &clerk] {
        let out = privreg(&pg, role, &[], &["search", "virtanen"])
            .output()
            .unwrap();
        let err = expect(&out, 7);
        assert!(
            err.contains(&format!(
                "newer privreg (schema version {}, this one knows {n})",
                n + 1
            )),
            "{err}"
        );
    }
}
