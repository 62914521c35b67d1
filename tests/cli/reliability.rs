//! Backup and restore, several writers at once, damaged and read-only
//! files, and error messages without personal values (issue #8).

use crate::util::*;

fn bytes_of(db: &std::path::Path) -> String {
    let mut bytes = std::fs::read(db).unwrap();
    let wal = db.with_extension("db-wal");
    if wal.exists() {
        bytes.extend(std::fs::read(wal).unwrap());
    }
    String::from_utf8_lossy(&bytes).to_lowercase()
}

#[test]
fn a_restored_backup_never_brings_an_erased_person_back() {
    let env = Env::new_plain();
    let keep = matti(&env);
    let gone = env.add(
        "customer",
        &[
            "first_name=Vilhelmiina",
            "last_name=Poistettava",
            "email=vilhelmiina@poisto.fi",
            "relationship_start=2015-01-01",
        ],
    );
    env.ok(&["optout", &gone, "--channel", "all"]);
    env.ok(&["end", &gone, "--date", "2019-01-01"]);
    let backup = env.db.with_file_name("backup.db");
    let b = backup.to_str().unwrap();
    env.ok(&["backup", b]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    env.fails(3, &["backup", b]);
    assert!(
        bytes_of(&backup).contains("vilhelmiina"),
        "the backup holds the person"
    );

    env.ok(&["erase", &gone, "--reason", "erasure request"]);
    let later = env.add("customer", &["first_name=Myohempi", "last_name=Lisatty"]);
    let audit_before = env.number("SELECT count(*) FROM audit");

    let out = env.json(&["restore", b]);
    assert_eq!(out["erasures_reapplied"], 1);
    assert!(
        !bytes_of(&env.db).contains("vilhelmiina"),
        "no trace of the erased person"
    );
    assert!(!bytes_of(&env.db).contains("poisto.fi"));
    assert_eq!(env.json(&["show", &gone])["status"], "erased");
    assert_eq!(env.json(&["show", &keep])["first_name"], "Matti");
    // a record added after the backup stays (SPEC §7 "Restore", issue #13),
    // and no id is reused
    assert_eq!(env.json(&["show", &later])["first_name"], "Myohempi");
    assert_eq!(out["added_since"], 1);
    assert_eq!(
        env.add("customer", &["first_name=Uusi", "last_name=Asiakas"]),
        "C-4"
    );
    // the log kept growing across the restore, and its chain holds
    let audit_after = env.number("SELECT count(*) FROM audit");
    // restore, three shows and one add since: nothing of the log was lost
    assert_eq!(audit_after, audit_before + 5);
    let restores = env.number("SELECT count(*) FROM audit WHERE action = 'restore'");
    assert_eq!(restores, 1);
    env.ok(&["audit", "verify"]);
    // the suppression list survived: the erased person, added again, stays out
    let back = env.add(
        "customer",
        &[
            "first_name=V",
            "last_name=P",
            "email=vilhelmiina@poisto.fi",
            "street=K 1",
            "postal_code=00100",
            "city=H",
        ],
    );
    let listed = env.json(&["marketing-list", "--channel", "post"]);
    assert!(!listed.to_string().contains(&back), "{listed}");
    env.fails(4, &["restore", "/nonexistent/backup.db"]);
    let left: Vec<_> = std::fs::read_dir(env.db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("privreg-restore"))
        .collect();
    assert!(left.is_empty(), "the scratch copy is removed: {left:?}");
}

#[test]
fn only_an_admin_backs_up_and_restores_and_a_foreign_file_is_refused() {
    let env = Env::new();
    env.ok(&["operator", "add", "sari", "--role", "staff"]);
    let b = env.db.with_file_name("b.db");
    env.as_op("sari").fails(5, &["backup", b.to_str().unwrap()]);
    let foreign = env.db.with_file_name("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE x (y)")
        .unwrap();
    env.fails(7, &["restore", foreign.to_str().unwrap()]);
}

#[test]
fn four_writers_at_once_lose_nothing() {
    let env = Env::new();
    let children: Vec<_> = (0..4)
        .map(|w| {
            let db = env.db.clone();
            std::thread::spawn(move || {
                for i in 0..15 {
                    let out = command(
                        &db,
                        "anne",
                        &[
                            "add",
                            "customer",
                            "--set",
                            &format!("first_name=W{w}N{i}"),
                            "--set",
                            "last_name=Concurrent",
                        ],
                    )
                    .output()
                    .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for c in children {
        c.join().unwrap();
    }
    assert_eq!(env.number("SELECT count(*) FROM records"), 60);
    assert_eq!(env.number("SELECT count(DISTINCT number) FROM records"), 60);
    assert_eq!(
        env.number("SELECT count(*) FROM audit WHERE action = 'add'"),
        60
    );
    env.ok(&["audit", "verify"]);
}

#[test]
fn damaged_files_exit_7_without_a_panic() {
    crate::file_only!();
    let env = Env::new();
    for i in 0..30 {
        env.add(
            "customer",
            &[&format!("first_name=P{i}"), "last_name=Damaged"],
        );
    }
    env.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let good = std::fs::read(&env.db).unwrap();

    // the schema page overwritten (the header and its application id intact)
    let mut bad = good.clone();
    for b in &mut bad[100..4096] {
        *b = 0xA5;
    }
    std::fs::write(&env.db, &bad).unwrap();
    let err = env.fails(7, &["search", "p1"]);
    assert!(err.contains("damaged"), "{err}");

    // cut short
    std::fs::write(&env.db, &good[..good.len() / 3]).unwrap();
    let out = env
        .cmd(&["search", "damaged", "--limit", "100"])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(7)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // empty file
    std::fs::write(&env.db, b"").unwrap();
    env.fails(7, &["search", "x"]);
}

#[cfg(unix)]
#[test]
fn read_only_and_exposed_registers() {
    crate::file_only!();
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let id = matti(&env);
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let err = env.fails(7, &["show", &id]);
    assert!(err.contains("read-only"), "{err}");
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = env.cmd(&["show", &id]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("chmod o="));
    // a file shared by an office group is not a warning (issue #20 point 9)
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o660)).unwrap();
    let out = env.cmd(&["show", &id]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{out:?}");
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let quiet = env.cmd(&["--quiet", "show", &id]).output().unwrap();
    assert!(quiet.stderr.is_empty());
}

#[test]
fn no_personal_value_reaches_an_error_message() {
    let env = Env::new();
    let id = matti(&env);
    let secret_hetu = "131052-308T";
    let cases: Vec<Vec<&str>> = vec![
        vec![
            "add",
            "customer",
            "--set",
            "first_name=Matti",
            "--set",
            "last_name=Mäkinen",
            "--set",
            "hetu=131052-308T",
        ],
        vec![
            "add",
            "customer",
            "--set",
            "first_name=X",
            "--set",
            "last_name=Y",
            "--set",
            "email=matti.makinen@example.fi",
        ],
        vec![
            "add",
            "customer",
            "--set",
            "first_name=X",
            "--set",
            "last_name=Y",
            "--set",
            "hetu=131052-308X",
        ],
        vec![
            "add",
            "customer",
            "--set",
            "first_name=X",
            "--set",
            "last_name=Y",
            "--set",
            "email=matti.makinen@@example.fi",
        ],
        vec![
            "add",
            "customer",
            "--set",
            "first_name=X",
            "--set",
            "last_name=Y",
            "--set",
            "phone=040 12E 4567",
        ],
        vec!["search", "--hetu", "131052-308X"],
        vec!["search", "--email", "matti makinen@example.fi"],
        vec!["erase", &id, "--reason", "Matti Mäkinen asked"],
        vec![
            "correct",
            &id,
            "--set",
            "email=matti.makinen(at)example.fi",
            "--reason",
            "typo",
        ],
    ];
    for args in cases {
        let out = env.cmd(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr).to_lowercase();
        for value in [
            secret_hetu.to_lowercase().as_str(),
            "308x",
            "matti.makinen",
            "makinen@",
            "12e 4567",
            "mäkinen asked",
        ] {
            assert!(!err.contains(value), "{args:?} leaked {value}: {err}");
        }
    }
    let audit = env.audit_text().to_lowercase();
    assert!(
        !audit.contains("matti") && !audit.contains("308t"),
        "{audit}"
    );
}

/// A register of an older version that someone changed by hand so that
/// its migration no longer fits: exit 7, and the file is left as it was.
#[test]
fn a_migration_that_does_not_fit_is_a_storage_error() {
    crate::file_only!();
    let env = Env::new();
    {
        let conn = env.sql();
        conn.execute_batch("DROP TABLE records_search; PRAGMA user_version = 1;")
            .unwrap();
    }
    let err = env.fails(7, &["search", "anyone"]);
    assert!(
        err.contains("cannot be brought from schema version 1 to 2"),
        "{err}"
    );
    assert_eq!(env.number("PRAGMA user_version"), 1);
}
