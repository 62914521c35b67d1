//! The sealed register (issue #14, SPEC §7): the file, its WAL and its
//! backups are encrypted, and every operator needs their own passphrase.

use crate::util::{passphrase_file, Env};

const VALUES: [&str; 4] = ["Zyxsealed", "Qwsealedson", "sealed-mail", "Sealedkatu"];

fn add_distinctive(env: &Env) -> String {
    env.add(
        "customer",
        &[
            "first_name=Zyxsealed",
            "last_name=Qwsealedson",
            "email=sealed-mail@example.fi",
            "street=Sealedkatu 5",
        ],
    )
}

fn raw(path: &std::path::Path) -> String {
    let mut bytes = std::fs::read(path).unwrap_or_default();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(std::path::PathBuf::from(wal)).unwrap_or_default());
    String::from_utf8_lossy(&bytes).to_lowercase()
}

#[test]
fn no_value_is_in_the_sealed_file_its_wal_or_a_backup_issue_14() {
    crate::file_only!();
    let env = Env::new();
    let id = add_distinctive(&env);
    env.ok(&["show", &id]);
    let b = env.path("b.db");
    env.ok(&["backup", b.to_str().unwrap()]);
    for path in [&env.db, &b] {
        let hay = raw(path);
        for v in VALUES {
            assert!(
                !hay.contains(&v.to_lowercase()),
                "{v} in {}",
                path.display()
            );
        }
    }
    // the values are there for an operator with a passphrase
    assert_eq!(env.json(&["show", &id])["first_name"], "Zyxsealed");
}

#[test]
fn plain_sqlite_cannot_read_a_sealed_file_issue_14() {
    crate::file_only!();
    let env = Env::new();
    add_distinctive(&env);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let err = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap_err();
    assert!(err.to_string().contains("file is not a database"), "{err}");
}

#[test]
fn another_operators_or_a_wrong_passphrase_is_refused_issue_14() {
    crate::file_only!();
    let env = Env::new();
    env.ok(&["operator", "add", "bob", "--role", "staff"]);
    let bobs = passphrase_file(&env.db, "bob");
    // --as anne with bob's passphrase
    let mut c = env.cmd(&["search", "x"]);
    c.env("PRIVREG_PASSPHRASE_FILE", &bobs);
    let err = crate::util::run_fails(c, 5, &["search", "x"]);
    assert!(
        err.contains("wrong passphrase, or no such operator"),
        "{err}"
    );
    // no passphrase at all (no terminal either)
    let mut c = env.cmd(&["search", "x"]);
    c.env_remove("PRIVREG_PASSPHRASE_FILE");
    crate::util::run_fails(c, 5, &["search", "x"]);
    // a wrong one
    let wrong = env.write("wrong", "not the passphrase\n");
    std::fs::set_permissions(&wrong, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let mut c = env.cmd(&["search", "x"]);
    c.env("PRIVREG_PASSPHRASE_FILE", &wrong);
    crate::util::run_fails(c, 5, &["search", "x"]);
    // an unknown operator: the same words
    let err = env.as_op("mallory").fails(5, &["search", "x"]);
    assert!(
        err.contains("wrong passphrase, or no such operator"),
        "{err}"
    );
    // bob with his own
    env.as_op("bob").ok(&["search", "x"]);
}

#[test]
fn a_passphrase_file_others_can_read_is_refused_issue_14() {
    crate::file_only!();
    let env = Env::new();
    let file = passphrase_file(&env.db, "anne");
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let err = env.fails(5, &["search", "x"]);
    assert!(err.contains("can be read by others"), "{err}");
}

#[test]
fn a_short_passphrase_is_refused_at_init_issue_14() {
    crate::file_only!();
    let env = Env::empty();
    std::fs::write(passphrase_file(&env.db, "anne"), "too short\n").unwrap();
    env.fails(3, &["init", "--admin", "anne"]);
    assert!(!env.db.exists());
    assert!(!privreg::seal::slots_path(&env.db).exists());
}

#[test]
fn a_disabled_operator_opens_only_backups_from_before_issue_14() {
    crate::file_only!();
    let env = Env::new();
    env.ok(&["operator", "add", "bob", "--role", "staff"]);
    let id = add_distinctive(&env);
    let before = env.path("before.db");
    env.ok(&["backup", before.to_str().unwrap()]);
    env.ok(&["operator", "disable", "bob"]);
    let after = env.path("after.db");
    env.ok(&["backup", after.to_str().unwrap()]);
    let bob = env.as_op("bob");
    bob.fails(5, &["show", &id]);
    // each backup opened as a register of its own (`--db`), with bob's passphrase
    let open_as_bob = |file: &std::path::Path| {
        let copy = env.path(&format!(
            "copy-{}",
            file.file_name().unwrap().to_str().unwrap()
        ));
        std::fs::copy(file, &copy).unwrap();
        crate::util::command(&copy, "bob", &["show", &id])
            .env("PRIVREG_PASSPHRASE_FILE", passphrase_file(&env.db, "bob"))
            .output()
            .unwrap()
    };
    let out = open_as_bob(&after);
    assert_eq!(out.status.code(), Some(5), "{out:?}");
    let out = open_as_bob(&before);
    assert!(out.status.success(), "{out:?}");
    // anne's passphrase opens both, and the register after the rotation
    env.ok(&["show", &id]);
    env.ok(&["restore", before.to_str().unwrap()]);
    env.assert_sound();
}

#[test]
fn passwd_changes_the_passphrase_issue_14() {
    crate::file_only!();
    let env = Env::new();
    let new = env.write("new-pass", "a brand new passphrase\n");
    std::fs::set_permissions(&new, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    env.cmd(&["passwd"])
        .env("PRIVREG_NEW_PASSPHRASE_FILE", &new)
        .assert()
        .success();
    env.fails(5, &["search", "x"]);
    env.cmd(&["search", "x"])
        .env("PRIVREG_PASSPHRASE_FILE", &new)
        .assert()
        .success();
}

#[test]
fn encrypt_seals_a_plain_register_issue_14() {
    crate::file_only!();
    let env = Env::new_plain();
    env.ok(&["operator", "add", "bob", "--role", "staff"]);
    let id = add_distinctive(&env);
    let err = String::from_utf8(env.cmd(&["show", &id]).output().unwrap().stderr).unwrap();
    assert!(err.contains("is not encrypted"), "{err}");
    env.ok(&["encrypt"]);
    assert!(privreg::seal::is_sealed(&env.db).unwrap());
    let hay = raw(&env.db);
    for v in VALUES {
        assert!(!hay.contains(&v.to_lowercase()), "{v}");
    }
    let out = env.cmd(&["show", &id]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not encrypted"));
    env.assert_sound();
    // bob had no slot: an admin adds him again, with the same role
    env.as_op("bob").fails(5, &["show", &id]);
    env.fails(6, &["operator", "add", "bob", "--role", "admin"]);
    env.ok(&["operator", "add", "bob", "--role", "staff"]);
    env.as_op("bob").ok(&["show", &id]);
    env.fails(6, &["operator", "add", "bob", "--role", "staff"]);
}

#[test]
fn the_suppression_key_is_inside_the_sealed_file_issue_14() {
    crate::file_only!();
    let env = Env::new();
    // the HMAC key of the suppression list is a row of the (encrypted) file
    let key: String = env
        .sql()
        .query_row(
            "SELECT value FROM meta WHERE key = 'suppression_key'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(key.len(), 64);
    assert!(!raw(&env.db).contains(&key));
}

#[test]
fn a_sealed_register_without_its_slots_is_a_storage_error_issue_14() {
    crate::file_only!();
    let env = Env::new();
    let keys = privreg::seal::slots_path(&env.db);
    let saved = std::fs::read(&keys).unwrap();
    std::fs::remove_file(&keys).unwrap();
    let err = env.fails(7, &["search", "x"]);
    assert!(err.contains("key slots"), "{err}");
    std::fs::write(&keys, b"{damaged").unwrap();
    let err = env.fails(7, &["search", "x"]);
    assert!(err.contains("damaged"), "{err}");
    std::fs::write(&keys, saved).unwrap();
    env.ok(&["search", "x"]);
}

#[test]
fn unlock_keeps_the_key_or_says_the_keyring_is_missing_issue_14() {
    crate::file_only!();
    let env = Env::new();
    let out = env.cmd(&["unlock", "--for", "10m"]).output().unwrap();
    match out.status.code() {
        // a keyring: the next command needs no passphrase file
        Some(0) => {
            let mut c = env.cmd(&["search", "x"]);
            c.env_remove("PRIVREG_PASSPHRASE_FILE");
            crate::util::run_ok(c, &["search", "x"]);
            env.ok(&["lock"]);
            let mut c = env.cmd(&["search", "x"]);
            c.env_remove("PRIVREG_PASSPHRASE_FILE");
            crate::util::run_fails(c, 5, &["search", "x"]);
        }
        // none (a container without keyctl): said, exit 7
        Some(7) => {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("keyring"), "{err}");
        }
        other => panic!("unlock: {other:?} {out:?}"),
    }
    env.fails(2, &["unlock", "--for", "13h"]);
}

/// `operator disable` killed at each point of its key rotation: the
/// register still opens for the others with every record, and the disabled
/// operator's passphrase never opens the register or a backup made after a
/// disable that is listed as done. Repeating the command finishes it.
#[test]
fn a_disable_killed_during_its_key_rotation_never_leaves_the_old_passphrase_working_issue_14() {
    crate::file_only!();
    for point in [
        "rotation-slots-written",
        "rotation-rekeyed",
        "rotation-done",
    ] {
        let env = Env::new();
        env.ok(&["operator", "add", "bob", "--role", "staff"]);
        let id = add_distinctive(&env);
        let out = env
            .cmd(&["operator", "disable", "bob"])
            .env("PRIVREG_TEST_CRASH_AT", point)
            .output()
            .unwrap();
        assert!(out.status.code().is_none(), "{point}: not killed: {out:?}");
        // anne works on, and nothing is lost
        env.ok(&["show", &id]);
        env.assert_sound();
        let bob_enabled = |env: &Env| {
            env.json(&["operator", "list"])
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["name"] == "bob" && o["enabled"] == true)
        };
        // killed before the rekey: nothing happened, bob still works
        if point == "rotation-slots-written" {
            assert!(bob_enabled(&env), "{point}");
            env.as_op("bob").ok(&["show", &id]);
        } else {
            // the rotation went through: bob's passphrase opens nothing,
            // though the register still lists him until the command is repeated
            assert!(bob_enabled(&env), "{point}");
            env.as_op("bob").fails(5, &["show", &id]);
        }
        let after = env.path("after.db");
        env.ok(&["backup", after.to_str().unwrap()]);
        let bob_opens_backup = crate::util::command(&after, "bob", &["show", &id])
            .env("PRIVREG_PASSPHRASE_FILE", passphrase_file(&env.db, "bob"))
            .output()
            .unwrap();
        assert_eq!(
            bob_opens_backup.status.success(),
            point == "rotation-slots-written",
            "{point}: {bob_opens_backup:?}"
        );
        // repeated, the disable finishes: bob listed disabled and locked out
        env.ok(&["operator", "disable", "bob"]);
        assert!(!bob_enabled(&env), "{point}");
        env.as_op("bob").fails(5, &["show", &id]);
        env.ok(&["show", &id]);
        assert!(
            !std::fs::read_dir(env.db.parent().unwrap())
                .unwrap()
                .any(|e| e
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with("-keys.next")),
            "{point}: a pending slot file was left"
        );
    }
}

/// An import writes through other paths than `add`: a bulk load drops the
/// indexes and builds them again from sorted runs, and the search index is
/// built at the end with a widened page cache. None of it may leave a
/// value in the clear in the file or its WAL. 20,000 rows (3 MB) is the
/// smallest file that takes the bulk path.
#[test]
fn no_imported_value_is_in_the_sealed_file_or_its_wal_issue_14() {
    crate::file_only!();
    let env = Env::new();
    let mut csv = String::from("first_name,last_name,email,street,city\n");
    let street =
        "Pitkä Rantakatu 123 B 45 Porraskäytävä Kolmas Kerros Ovikello Vasemmalla Sisäpiha";
    for i in 0..20_000 {
        csv.push_str(&format!(
            "Zyximport,Qwbulkson{i:05},mail{i:05}@bulkmailsealed.fi,{street},Sealedby Bulkcity\n"
        ));
    }
    let file = env.path("many.csv");
    std::fs::write(&file, csv).unwrap();
    assert!(std::fs::metadata(&file).unwrap().len() >= 20_000 * 150);
    env.ok(&["import", "customer", file.to_str().unwrap()]);
    let hay = raw(&env.db);
    for v in ["zyximport", "qwbulkson", "bulkmailsealed", "bulkcity"] {
        assert!(!hay.contains(v), "{v} in the sealed file or its WAL");
    }
    // The rows are there, and found by the search index built at the end.
    let found = env.json(&["search", "Qwbulkson19999"]);
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
}
