//! `init`, opening, and refusing files that are not (current) registers.

use crate::util::*;

#[test]
fn init_creates_a_private_register_with_ids_and_version() {
    crate::file_only!();
    let env = Env::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env.db).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let conn = env.sql();
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, 0x5052_5652);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    // version 1 (schema.sql) and one more for each file in migrations/
    // (002_identifier_indexes.sql, 004_breaches.sql, …), every one applied
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
        })
        .count() as i64;
    assert!(migrations >= 2);
    assert_eq!(version, 1 + migrations);
    let role: String = conn
        .query_row("SELECT role FROM operators WHERE name = 'anne'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(role, "admin");
}

#[test]
fn second_init_changes_nothing() {
    let env = Env::new();
    let id = matti(&env);
    let out = env.cmd(&["init", "--admin", "bob"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already a register"));
    env.ok(&["show", &id]);
    // through privreg, so that it looks on a server register too
    let operators = env.json(&["operator", "list"]);
    assert!(!operators.to_string().contains("\"bob\""), "{operators}");
}

#[test]
fn commands_on_a_missing_file_exit_7_and_create_nothing() {
    crate::file_only!();
    let env = Env::empty();
    let err = env.fails(7, &["search", "x"]);
    assert!(err.contains("privreg init"), "{err}");
    assert!(!env.db.exists());
}

#[test]
fn a_foreign_sqlite_file_is_refused() {
    crate::file_only!();
    let env = Env::empty();
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let err = env.fails(7, &["search", "x"]);
    assert!(err.contains("not a privreg register"), "{err}");
    // init on it must not take it over either
    env.fails(7, &["init"]);
}

#[test]
fn a_register_from_a_newer_privreg_is_refused() {
    crate::file_only!();
    let env = Env::new();
    env.sql().execute_batch("PRAGMA user_version = 99").unwrap();
    let err = env.fails(7, &["search", "x"]);
    assert!(err.contains("newer"), "{err}");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    crate::file_only!();
    let env = Env::empty();
    std::fs::write(&env.db, b"name,email\nthis is a csv file, not a database\n").unwrap();
    env.fails(7, &["search", "x"]);
}

#[test]
fn unknown_commands_and_flags_are_usage_errors() {
    let env = Env::new();
    env.fails(2, &["frobnicate"]);
    env.fails(2, &["search", "--no-such-flag"]);
    env.fails(2, &["search", "x", "--format", "markdown"]);
    env.fails(2, &["show", "not-an-id"]);
}
