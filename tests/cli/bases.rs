//! Legal bases and purposes (issue #3).

use crate::util::*;

#[test]
fn bases_are_logged_listed_and_ended() {
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
        "--evidence",
        "contract 2026/17",
    ]);
    env.ok(&[
        "basis",
        "add",
        &id,
        "--basis",
        "aml",
        "--purpose",
        "aml-due-diligence",
    ]);
    env.ok(&[
        "basis",
        "add",
        &id,
        "--basis",
        "legitimate-interest",
        "--purpose",
        "marketing",
        "--note",
        "existing customer relationship",
        "--from",
        "1.1.2026",
    ]);
    let list = env.json(&["basis", "list", &id]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["basis"], "contract");
    assert_eq!(list[0]["evidence"], "contract 2026/17");
    assert_eq!(list[0]["valid_from"], TODAY);
    assert_eq!(list[0]["logged_by"], "anne");
    assert_eq!(list[1]["basis"], "legal-obligation");
    assert_eq!(
        list[1]["law"],
        "Act on Preventing Money Laundering and Terrorist Financing 444/2017"
    );
    assert_eq!(list[2]["valid_from"], "2026-01-01");
    let basis_id = list[0]["id"].as_i64().unwrap().to_string();
    env.ok(&["basis", "end", &basis_id, "--date", "2026-12-31"]);
    assert_eq!(
        env.json(&["show", &id])["bases"][0]["valid_until"],
        "2026-12-31"
    );
    env.fails(4, &["basis", "end", "999", "--date", "2026-12-31"]);
    env.fails(3, &["basis", "end", &basis_id, "--date", "2025-01-01"]);
}

#[test]
fn what_each_basis_needs_is_required_and_nothing_is_written_without_it() {
    let env = Env::new();
    let id = matti(&env);
    let err = env.fails(
        3,
        &[
            "basis",
            "add",
            &id,
            "--basis",
            "legal-obligation",
            "--purpose",
            "billing",
        ],
    );
    assert!(err.contains("field law"), "{err}");
    let err = env.fails(
        3,
        &[
            "basis",
            "add",
            &id,
            "--basis",
            "legitimate-interest",
            "--purpose",
            "marketing",
        ],
    );
    assert!(err.contains("field note"), "{err}");
    let err = env.fails(
        3,
        &[
            "basis",
            "add",
            &id,
            "--basis",
            "contract",
            "--purpose",
            "world-domination",
        ],
    );
    assert!(err.contains("field purpose"), "{err}");
    env.fails(
        2,
        &[
            "basis",
            "add",
            &id,
            "--basis",
            "gut-feeling",
            "--purpose",
            "billing",
        ],
    );
    env.fails(
        3,
        &[
            "basis",
            "add",
            &id,
            "--basis",
            "contract",
            "--purpose",
            "billing",
            "--from",
            "2026-13-01",
        ],
    );
    env.fails(
        4,
        &[
            "basis",
            "add",
            "C-99",
            "--basis",
            "contract",
            "--purpose",
            "billing",
        ],
    );
    env.ok(&[
        "basis",
        "add",
        &id,
        "--basis",
        "legal-obligation",
        "--purpose",
        "billing",
        "--law",
        "Accounting Act 1336/1997",
    ]);
    assert_eq!(
        env.json(&["basis", "list", &id]).as_array().unwrap().len(),
        1
    );
}

#[test]
fn a_record_is_born_with_its_basis() {
    let env = Env::new();
    let rec = env.json(&[
        "add",
        "business",
        "--set",
        "first_name=P",
        "--set",
        "last_name=P",
        "--set",
        "organisation=P Oy",
        "--set",
        "business_id=2617416-4",
        "--set",
        "role=owner",
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
        "--basis",
        "aml",
        "--purpose",
        "aml-due-diligence",
    ]);
    let id = rec["id"].as_str().unwrap();
    let bases = env.json(&["show", id])["bases"].as_array().unwrap().clone();
    let got: Vec<(&str, &str)> = bases
        .iter()
        .map(|b| (b["basis"].as_str().unwrap(), b["purpose"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("contract", "customer-relationship"),
            ("legal-obligation", "aml-due-diligence")
        ]
    );
    // a bad basis refuses the whole add
    env.fails(
        3,
        &[
            "add",
            "customer",
            "--set",
            "first_name=A",
            "--set",
            "last_name=B",
            "--basis",
            "contract",
            "--purpose",
            "nope",
        ],
    );
    env.fails(
        2,
        &[
            "add",
            "customer",
            "--set",
            "first_name=A",
            "--set",
            "last_name=B",
            "--basis",
            "contract",
        ],
    );
    let n = env.number("SELECT count(*) FROM records");
    assert_eq!(n, 1);
}

#[test]
fn purposes_are_seeded_and_an_admin_adds_more() {
    let env = Env::new();
    env.ok(&["operator", "add", "sari", "--role", "staff"]);
    let list = env.json(&["purpose", "list"]);
    // 14 of schema.sql and 5 of the firm's notice (issue #18)
    assert_eq!(list.as_array().unwrap().len(), 19);
    env.as_op("sari")
        .fails(5, &["purpose", "add", "webinars", "--title", "webinars"]);
    env.ok(&[
        "purpose",
        "add",
        "webinars",
        "--title",
        "webinars for customers",
        "--title-fi",
        "asiakkaiden verkkoseminaarit",
    ]);
    env.fails(6, &["purpose", "add", "webinars", "--title", "again"]);
    env.fails(3, &["purpose", "add", "Bad Name", "--title", "x"]);
    let id = matti(&env);
    env.as_op("sari").ok(&[
        "basis",
        "add",
        &id,
        "--basis",
        "consent",
        "--purpose",
        "webinars",
    ]);
}

#[test]
fn auditors_cannot_record_bases_or_preferences() {
    let env = Env::new();
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    let id = matti(&env);
    env.as_op("aki").fails(
        5,
        &[
            "basis",
            "add",
            &id,
            "--basis",
            "contract",
            "--purpose",
            "billing",
        ],
    );
    env.as_op("aki")
        .fails(5, &["optout", &id, "--channel", "email"]);
    env.as_op("aki")
        .fails(5, &["consent", &id, "--channel", "email"]);
    env.as_op("aki").ok(&["basis", "list", &id]);
    env.as_op("aki")
        .ok(&["marketing-list", "--channel", "post"]);
}
