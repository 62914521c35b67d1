//! `privreg copy --to DB` (SPEC §8): a whole register, its audit chain and
//! register id, into a new register of either kind, which then answers as
//! the source does.

use super::{same_on_both, text, Pg};
use crate::util::Env;

/// A file register whose admin has this test's server role name, with
/// records of each kind of value, a correction and a consent.
fn file_register(pg: &mut Pg) -> (Env, String) {
    let admin = pg.role("admin");
    pg.roles.push(admin.clone());
    let mut env = Env::empty();
    env.operator = admin.clone();
    env.cmd(&["init", "--admin", &admin]).assert().success();
    env.add(
        "customer",
        &[
            "first_name=Åsa",
            "last_name=Ääkkönen",
            "city=Hämeenlinna",
            "email=Asa.Aakkonen@Example.fi",
        ],
    );
    env.add(
        "customer",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "hetu=131052-308T",
            "phone=040 123 4567",
        ],
    );
    env.add(
        "business",
        &[
            "first_name=Olli",
            "last_name=Virtanen",
            "organisation=Öljy-Åström Oy",
            "business_id=2617416-4",
            "role=contact",
        ],
    );
    env.ok(&[
        "correct",
        "C-2",
        "--set",
        "city=Tampere \\N \\\\ \"x\"",
        "--reason",
        "moved",
    ]);
    env.ok(&["end", "B-1", "--date", "2026-11-24"]);
    (env, admin)
}

/// A second file register's environment in a directory of its own.
fn other_file(operator: &str) -> Env {
    let mut env = Env::empty();
    env.db = env.db.with_file_name("copy.db");
    env.operator = operator.to_string();
    env
}

#[test]
fn copy_takes_a_file_to_a_server_and_back_with_its_chain_its_id_and_its_answers() {
    let Some(mut pg) = Pg::new("copy_both_ways") else {
        return;
    };
    let (env, admin) = file_register(&mut pg);
    let checkpoint = env.write("checkpoint", env.ok(&["audit", "checkpoint"]));

    // file → server: the database is empty, the connecting role may make
    // roles (the superuser here); the file's operators become login roles
    let url = pg.url(&pg.superuser_user());
    let out = env.json(&["copy", "--to", &url]);
    assert_eq!(out["to"], "server");
    assert_eq!(out["records"], 3);
    let register_id = out["register_id"].as_str().unwrap().to_string();
    assert_eq!(register_id.len(), 32);

    // the chain is whole on the server, with the file's checkpoint in it
    super::assert_chain(&super::audit_log(&pg, &admin));
    // the server answers as the file does: the same log (the copy's own
    // entry included), records, search, and the next numbers
    let both = |code: i32, args: &[&str]| same_on_both(&env, &pg, &admin, code, args);
    both(0, &["audit", "verify", "--checkpoint", &checkpoint]);
    both(0, &["export", "audit"]);
    both(0, &["show", "C-2", "--reveal-hetu"]);
    let found = both(0, &["search", "aakko"]);
    assert!(found.contains("C-1"), "{found}");
    both(0, &["search", "tampere"]);
    both(0, &["search", "öljy"]);
    let added = both(
        0,
        &[
            "add",
            "customer",
            "--set",
            "first_name=Uusi",
            "--set",
            "last_name=Asiakas",
        ],
    );
    assert!(added.contains("\"C-3\""), "{added}");
    both(
        0,
        &[
            "add",
            "business",
            "--set",
            "first_name=Bea",
            "--set",
            "last_name=Berg",
            "--set",
            "organisation=Berg Ab",
            "--set",
            "business_id=2617416-4",
            "--set",
            "role=contact",
        ],
    );
    both(0, &["export", "audit"]);

    // a register is never copied into: the server's, or an existing file
    let out = env.cmd(&["copy", "--to", &url]).output().unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a register already"));
    let out = pg.privreg(&admin, &["copy", "--to", env.db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));

    // server → file: the same register again, which answers the same
    let back = other_file(&admin);
    let out = pg.privreg(
        &admin,
        &[
            "--format",
            "json",
            "copy",
            "--to",
            back.db.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out["register_id"], register_id.as_str());
    assert_eq!(out["records"], 5);
    // the file's log begins with the server's whole log, hash for hash
    let server_log = super::audit_log(&pg, &admin);
    let file_log = back.json(&["export", "audit"]);
    let file_log = file_log.as_array().unwrap();
    assert!(file_log.len() > server_log.len());
    for (s, f) in server_log.iter().zip(file_log) {
        assert_eq!(
            (s.seq, s.hash.as_str()),
            (f["seq"].as_i64().unwrap(), f["hash"].as_str().unwrap())
        );
    }
    back.ok(&["audit", "verify", "--checkpoint", &checkpoint]);
    // a value with COPY's escapes (\N, \\) came through as it was
    let show = back.ok(&["--format", "json", "show", "C-2", "--reveal-hetu"]);
    assert!(show.contains(r#"Tampere \\N \\\\ \"x\""#), "{show}");
    // numbers go on after the server's, never reusing one
    assert!(back
        .add("customer", &["first_name=Kolmas", "last_name=Uusi"])
        .contains("C-4"));
}

#[test]
fn copy_from_file_to_file_keeps_the_seal_and_refuses_what_exists() {
    let Some(mut pg) = Pg::new("copy_file_file") else {
        return;
    };
    let (env, admin) = file_register(&mut pg);
    let other = other_file(&admin);
    let out = env.json(&["copy", "--to", other.db.to_str().unwrap()]);
    assert_eq!(out["to"], "file");
    assert_eq!(out["records"], 3);
    // sealed as its source: the same passphrase opens it, the raw file is
    // not a plain SQLite database
    let raw = std::fs::read(&other.db).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3"));
    other.ok(&["audit", "verify"]);
    assert_eq!(
        env.ok(&["--format", "json", "show", "C-2", "--reveal-hetu"])
            .replace(&*env.db.to_string_lossy(), ""),
        other
            .ok(&["--format", "json", "show", "C-2", "--reveal-hetu"])
            .replace(&*other.db.to_string_lossy(), "")
    );
    // never over a file
    let out = env
        .cmd(&["copy", "--to", other.db.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    // a staff member may not copy the register
    env.ok(&["operator", "add", "sami", "--role", "staff"]);
    let third = other_file(&admin);
    let out = env
        .as_op("sami")
        .cmd(&["copy", "--to", third.db.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(!third.db.exists());
}

#[test]
fn backup_on_a_server_writes_a_sealed_register_file_that_opens_with_the_admins_passphrase() {
    let Some(mut pg) = Pg::new("backup_sealed") else {
        return;
    };
    let admin = pg.init();
    let out = pg.privreg(
        &admin,
        &[
            "add",
            "customer",
            "--set",
            "first_name=Åsa",
            "--set",
            "last_name=Ääkkönen",
            "--set",
            "hetu=131052-308T",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let back = other_file(&admin);
    let pass = crate::util::passphrase_file(&back.db, &admin);
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("privreg")
            .unwrap()
            .args(args)
            .env("PRIVREG_DB", pg.url(&admin))
            .env("PRIVREG_TODAY", crate::util::TODAY)
            .env("PRIVREG_TEST_KDF", "fast")
            .env("PRIVREG_NEW_PASSPHRASE_FILE", &pass)
            .env_remove("PRIVREG_OPERATOR")
            .env("PRIVREG_PASSPHRASE_FILE", &pass)
            .output()
            .unwrap()
    };
    let out = run(&["--format", "json", "backup", back.db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let made: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(made["records"], 1);

    // sealed: no SQLite header, no value in the clear, mode 0600
    let raw = std::fs::read(&back.db).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3"));
    assert!(!raw
        .windows("Ääkkönen".len())
        .any(|w| w == "Ääkkönen".as_bytes()));
    assert!(!raw.windows(11).any(|w| w == b"131052-308T"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&back.db).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // it is the server's register: its id, its chain (the backup's entry
    // last), its record, opened with the admin's passphrase
    let verified = back.ok(&["audit", "verify"]);
    assert!(verified.contains("intact"), "{verified}");
    assert_eq!(back.json(&["show", "C-1"])["last_name"], "Ääkkönen");
    let log = back.json(&["export", "audit"]);
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(&actions[..3], ["init", "add", "backup"]);
    // a wrong passphrase opens nothing
    let wrong = back
        .as_op("someone")
        .cmd(&["show", "C-1"])
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(5), "{}", text(&wrong));

    // never over a file: refused as a file's backup refuses it (exit 3,
    // the same words), before a passphrase is asked
    let out = run(&["backup", back.db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(text(&out).contains("exists already"), "{}", text(&out));
    // and it restores onto the server it came from, which then answers
    // as before (server/restore.rs has the merge's guarantees)
    let out = run(&["--format", "json", "restore", back.db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let restored: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(restored["records"], 1, "{restored}");
    let id = pg.superuser_in_db("SELECT value FROM privreg.meta WHERE key = 'register_id'");
    assert_eq!(restored["register_id"], id.as_str(), "{restored}");
    let out = run(&["--format", "json", "show", "C-1"]);
    assert!(text(&out).contains("Ääkkönen"), "{}", text(&out));
}
