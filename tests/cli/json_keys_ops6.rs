//! The keys of what the admin verbs print, in their order: `init`,
//! `backup`, `restore`, `audit checkpoint`/`verify`, `operator
//! add/list/disable`, `check`, `fields`, `lock`, `passwd`, `encrypt` and
//! `export subject` (issue #16 made their hand-built maps typed views; a
//! csv row's columns follow the order, and a script may read by position).
//! (Comparing `Value`s does not see order: these tests compare key lists.)

use std::os::unix::fs::PermissionsExt;

use crate::util::*;

#[test]
fn init_backup_restore_and_audit_print_their_keys_in_order() {
    let env = Env::empty();
    let made = env.json(&["init", "--admin", "anne"]);
    assert_eq!(keys(&made), ["register", "created", "admin", "register_id"]);
    assert_eq!(made["created"], true);
    let again = env.json(&["init", "--admin", "anne"]);
    assert_eq!(keys(&again), ["register", "created"]);
    assert_eq!(again["created"], false);

    matti(&env);
    let file = env.path("backup.db");
    let file = file.to_str().unwrap();
    let backed = env.json(&["backup", file]);
    assert_eq!(keys(&backed), ["file", "records", "checkpoint"]);
    assert_eq!(backed["records"], 1);
    let restored = env.json(&["restore", file]);
    assert_eq!(
        keys(&restored),
        [
            "register_id",
            "records",
            "erasures_reapplied",
            "added_since",
            "rights_kept",
            "suppressed"
        ]
    );
    assert_eq!(restored["register_id"], made["register_id"]);

    let cp = env.json(&["audit", "checkpoint"]);
    assert_eq!(keys(&cp), ["checkpoint", "register_id", "seq", "hash"]);
    let verified = env.json(&["audit", "verify"]);
    assert_eq!(
        keys(&verified),
        ["intact", "entries", "checkpoints", "head_seq", "head_hash"]
    );
    assert_eq!(verified["intact"], true);
}

#[test]
fn operators_check_fields_and_the_keys_print_their_keys_in_order() {
    let env = Env::new();
    let added = env.json(&["operator", "add", "bob", "--role", "staff"]);
    assert_eq!(keys(&added), ["name", "role", "enabled"]);
    let listed = env.json(&["operator", "list"]);
    assert_eq!(
        keys(&listed[1]),
        ["name", "role", "enabled", "created_at", "created_by"]
    );
    let disabled = env.json(&["operator", "disable", "bob"]);
    assert_eq!(keys(&disabled), ["name", "enabled"]);
    assert_eq!(disabled["enabled"], false);

    env.add("customer", &["first_name=Liisa", "last_name=Virtanen"]);
    let gaps = env.json(&["check"]);
    assert_eq!(keys(&gaps[0]), ["gap", "id", "missing"]);
    assert_eq!(gaps[0]["gap"], "no-legal-basis");

    let fields = env.json(&["fields", "customer"]);
    assert_eq!(
        keys(&fields[0]),
        ["register", "field", "finnish", "required", "default", "form"]
    );
    assert_eq!(fields[0]["finnish"], "etunimi");

    let locked = env.json(&["lock"]);
    assert_eq!(keys(&locked), ["locked", "was_unlocked"]);
    let new = env.write("new-pass", "a brand new passphrase\n");
    std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = env
        .cmd(&["--format", "json", "passwd"])
        .env("PRIVREG_NEW_PASSPHRASE_FILE", &new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let changed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(keys(&changed), ["operator", "changed"]);

    let plain = Env::new_plain();
    let sealed = plain.json(&["encrypt"]);
    assert_eq!(keys(&sealed), ["register", "encrypted"]);
}

#[test]
fn the_access_report_prints_its_keys_in_order() {
    let env = Env::new();
    let id = matti(&env);
    env.ok(&[
        "basis",
        "add",
        &id,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    let report = env.json(&["export", "subject", &id]);
    assert_eq!(
        keys(&report),
        [
            "generated_on",
            "language",
            "controller",
            "records",
            "requests",
            "rights"
        ]
    );
    let record = &report["records"][0];
    assert_eq!(
        keys(record),
        [
            "id",
            "register",
            "status",
            "first_name",
            "last_name",
            "hetu",
            "birth_date",
            "birth_place",
            "nationality",
            "email",
            "phone",
            "language",
            "street",
            "postal_code",
            "city",
            "country",
            "customer_number",
            "relationship_start",
            "relationship_start_manner",
            "relationship_end",
            "relationship_end_manner",
            "username",
            "bases",
            "preferences",
            "holds",
            "retention_until",
            "corrections",
            "disclosures",
            "notices",
            "register_title",
            "source"
        ]
    );
    assert_eq!(
        keys(&record["bases"][0]),
        [
            "id",
            "record",
            "basis",
            "purpose",
            "law",
            "note",
            "evidence",
            "valid_from",
            "valid_until",
            "logged_at",
            "logged_by",
            "purpose_title",
            "basis_title"
        ]
    );
}
