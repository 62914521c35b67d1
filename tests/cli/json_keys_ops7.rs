//! The keys of what `retention report/sweep`, `basis add/list` and
//! `purpose list` print, in their order (issue #16 moved them into
//! `ops/`; a csv row's columns follow the order, and a script may read
//! by position). (Comparing `Value`s does not see order: these tests
//! compare key lists.)

use crate::util::*;

const EXPIRED: [&str; 7] = [
    "id",
    "register",
    "ended_on",
    "retention_limit",
    "erasable_from",
    "rule",
    "restricted_since",
];

#[test]
fn retention_report_and_sweep_print_their_keys_in_order() {
    let env = Env::new();
    let id = env.add(
        "customer",
        &[
            "first_name=Vanha",
            "last_name=Test",
            "email=vanha@example.fi",
            "relationship_start=2010-01-01",
        ],
    );
    env.ok(&["end", &id, "--date", "2019-06-30"]);
    for args in [
        &["retention", "report"][..],
        &["retention", "report", "--include-restricted"],
        &["retention", "sweep", "--dry-run"],
    ] {
        let rows = env.json(args);
        assert_eq!(rows.as_array().unwrap().len(), 1, "{args:?}");
        assert_eq!(keys(&rows[0]), EXPIRED, "{args:?}");
        assert_eq!(rows[0]["id"], id.as_str());
    }
    let swept = env.json(&["retention", "sweep"]);
    assert_eq!(swept.as_array().unwrap().len(), 1);
    assert_eq!(keys(&swept[0]), EXPIRED);
    assert_eq!(env.json(&["show", &id])["status"], "erased");
}

#[test]
fn basis_add_list_and_purpose_list_print_their_keys_in_order() {
    let env = Env::new();
    let id = matti(&env);
    let added = env.json(&[
        "basis",
        "add",
        &id,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    let basis_keys = keys(&added[0]).to_vec();
    let listed = env.json(&["basis", "list", &id]);
    assert_eq!(keys(&listed[0]), basis_keys);
    assert_eq!(
        basis_keys,
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
            "logged_by"
        ]
    );
    let purposes = env.json(&["purpose", "list"]);
    assert_eq!(
        keys(&purposes[0]),
        ["name", "title_en", "title_fi", "seeded"]
    );
}
