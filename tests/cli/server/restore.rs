//! `restore FILE` onto a server (SPEC §7 "Restore", §8, issue #17): what
//! was recorded since the backup stays, an erased person does not come
//! back, and no erased value is left in the server's tables.

use super::{text, Pg};

/// privreg on `pg` as `admin`, with the passphrase of a backup at `file`
/// (its new one for `backup`, the same one for `restore`).
fn run(pg: &Pg, admin: &str, file: &std::path::Path, args: &[&str]) -> std::process::Output {
    let pass = crate::util::passphrase_file(file, admin);
    assert_cmd::Command::cargo_bin("privreg")
        .unwrap()
        .args(args)
        .env("PRIVREG_DB", pg.url(admin))
        .env("PRIVREG_TODAY", crate::util::TODAY)
        .env("PRIVREG_TEST_KDF", "fast")
        .env("PRIVREG_NEW_PASSPHRASE_FILE", &pass)
        .env("PRIVREG_PASSPHRASE_FILE", &pass)
        .env_remove("PRIVREG_OPERATOR")
        .env_remove("PGPASSWORD")
        .output()
        .unwrap()
}

fn json(out: std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn an_opt_out_and_an_erasure_made_after_a_backup_survive_a_restore_on_a_server() {
    let Some(mut pg) = Pg::new("restore_keeps") else {
        return;
    };
    let admin = pg.init();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.db");
    let file_arg = file.to_str().unwrap();
    let go = |args: &[&str]| {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        json(run(&pg, &admin, &file, &all))
    };
    for (first, last, email) in [
        ("Kaarina", "Pysyvainen", "kaarina@example.fi"),
        ("Zyxwvuts", "Qwertyplox", "zyxwvuts.qwertyplox@example.fi"),
    ] {
        go(&[
            "add",
            "customer",
            "--set",
            &format!("first_name={first}"),
            "--set",
            &format!("last_name={last}"),
            "--set",
            &format!("email={email}"),
            "--set",
            "relationship_start=2015-01-01",
        ]);
    }
    go(&["end", "C-2", "--date", "2019-01-01"]);
    go(&["consent", "C-1", "--channel", "email"]);
    go(&["consent", "C-2", "--channel", "email"]);
    go(&["backup", file_arg]);

    // since the backup: C-1 opts out of everything, C-2 is erased
    go(&["optout", "C-1", "--channel", "all"]);
    go(&["erase", "C-2", "--reason", "request by e-mail"]);
    let restored = go(&["restore", file_arg]);
    assert_eq!(restored["erasures_reapplied"], 1, "{restored}");
    assert_eq!(restored["records"], 1, "{restored}");

    let c1 = go(&["show", "C-1"]);
    let kinds = preference_kinds(&c1);
    assert_eq!(kinds.last(), Some(&"optout"), "{c1}");
    assert_eq!(go(&["show", "C-2"])["status"], "erased");

    // no erased value in any table of the register, read as superuser
    let tables = pg.superuser_in_db(
        "SELECT string_agg(format('SELECT t::text FROM privreg.%I t', relname), ' UNION ALL ')
           FROM pg_catalog.pg_class
          WHERE relnamespace = 'privreg'::regnamespace AND relkind = 'r'",
    );
    for value in ["Zyxwvuts", "Qwertyplox", "zyxwvuts.qwertyplox"] {
        let hits = pg.superuser_in_db(&format!(
            "SELECT count(*) FROM ({tables}) all_rows (t) WHERE t ILIKE '%{value}%'"
        ));
        assert_eq!(hits, "0", "{value} is back after the restore");
    }
    // the restore is audited and the chain is intact
    let last = pg.superuser_in_db(
        "SELECT action || ' ' || outcome FROM privreg.audit
          WHERE action <> 'show' ORDER BY seq DESC LIMIT 1",
    );
    assert_eq!(last, "restore ok");
    let out = run(&pg, &admin, &file, &["audit", "verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("intact"), "{}", text(&out));
}

/// A file register's backup restores onto the server register copied from
/// that file (same register id): what was done on the server since stays.
#[test]
fn a_file_registers_backup_restores_onto_the_server_it_was_copied_to() {
    let Some(mut pg) = Pg::new("restore_from_file") else {
        return;
    };
    let admin = pg.role("admin");
    pg.roles.push(admin.clone());
    let mut env = crate::util::Env::empty();
    env.server = None;
    env.operator = admin.clone();
    env.cmd(&["init", "--admin", &admin]).assert().success();
    for (first, last) in [("Aino", "Aalto"), ("Eino", "Eskola")] {
        env.add(
            "customer",
            &[&format!("first_name={first}"), &format!("last_name={last}")],
        );
    }
    env.ok(&["consent", "C-1", "--channel", "email"]);
    let file = env.path("file-backup.db");
    env.ok(&["backup", file.to_str().unwrap()]);
    let copied = env.json(&["copy", "--to", &pg.url(&pg.superuser_user())]);
    assert_eq!(copied["records"], 2);

    let go = |args: &[&str]| {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        json(run(&pg, &admin, &file, &all))
    };
    go(&["optout", "C-1", "--channel", "all"]);
    let restored = go(&["restore", file.to_str().unwrap()]);
    assert_eq!(restored["records"], 2, "{restored}");
    assert_eq!(restored["register_id"], copied["register_id"], "{restored}");
    assert_eq!(restored["rights_kept"], 1, "{restored}");
    let c1 = go(&["show", "C-1"]);
    let kinds = preference_kinds(&c1);
    assert_eq!(kinds, ["consent", "optout"], "{c1}");
    assert_eq!(go(&["show", "C-2"])["last_name"], "Eskola");
    // new records after the restore get new numbers
    let added = go(&[
        "add",
        "customer",
        "--set",
        "first_name=Uusi",
        "--set",
        "last_name=Uusinen",
    ]);
    assert_eq!(added["id"], "C-3", "{added}");
    let out = run(&pg, &admin, &file, &["audit", "verify"]);
    assert!(out.status.success(), "{}", text(&out));
}

/// The kinds of a shown record's preferences, in the order `show` gives.
fn preference_kinds(shown: &serde_json::Value) -> Vec<&str> {
    shown["preferences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect()
}
