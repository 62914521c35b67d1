//! The audit log: one entry per command, no personal values, a hash chain
//! that `audit verify` checks.

use crate::util::*;

#[test]
fn every_command_that_touches_personal_data_is_audited_without_values() {
    let env = Env::new();
    let id = matti(&env);
    env.ok(&["show", &id, "--reveal-hetu"]);
    env.ok(&["search", "matti"]);
    env.ok(&["search", "--hetu", "131052-308T", "--reveal-hetu"]);
    env.ok(&[
        "correct",
        &id,
        "--set",
        "email=m.makinen@example.fi",
        "--set",
        "city=Oulu",
        "--reason",
        "new address",
    ]);
    env.ok(&["end", &id, "--date", "2026-11-24"]);
    let actions = env.column("SELECT action FROM audit ORDER BY seq");
    assert_eq!(
        actions,
        ["init", "add", "show", "search", "search", "correct", "end"]
    );
    let text = env.audit_text().to_lowercase();
    for value in [
        "matti",
        "mäkinen",
        "makinen",
        "131052",
        "308t",
        "example.fi",
        "401234567",
        "tampere",
        "oulu",
        "new address",
    ] {
        assert!(
            !text.contains(value),
            "audit holds a personal value {value}:\n{text}"
        );
    }
    assert!(
        text.contains("email,city"),
        "changed field names are recorded: {text}"
    );
}

#[test]
fn verify_passes_on_an_intact_log_and_names_the_first_altered_entry() {
    crate::file_only!();
    let env = Env::new();
    let id = matti(&env);
    env.ok(&["show", &id]);
    env.ok(&["search", "matti"]);
    let out = env.ok(&["audit", "verify"]);
    assert!(out.contains("intact: 4 entries"), "{out}");
    let v = env.json(&["audit", "verify"]);
    assert_eq!(v["intact"], true);

    let conn = env.sql();
    // the database itself refuses changes to the log
    assert!(conn
        .execute("UPDATE audit SET operator = 'x' WHERE seq = 2", [])
        .is_err());
    assert!(conn.execute("DELETE FROM audit WHERE seq = 2", []).is_err());
    // someone with the file and a SQLite shell goes further
    conn.execute_batch(
        "DROP TRIGGER audit_no_update; UPDATE audit SET operator = 'mallory' WHERE seq = 3;",
    )
    .unwrap();
    drop(conn);
    let err = env.fails(8, &["audit", "verify"]);
    assert!(err.contains("entry 3"), "{err}");
}

#[test]
fn a_deleted_entry_breaks_the_chain() {
    crate::file_only!();
    let env = Env::new();
    matti(&env);
    env.ok(&["search", "x"]);
    env.sql()
        .execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2;")
        .unwrap();
    let err = env.fails(8, &["audit", "verify"]);
    assert!(err.contains("entry 2"), "{err}");
}
