//! `restrict` and `restrict lift` (GDPR Art. 18, issue 7): the record is
//! kept and shown, `search` and `show` mark it, and bad use writes nothing.

use crate::util::*;

/// The restriction columns and update time of every record.
fn restriction_state(env: &Env) -> String {
    let rows = env.rows(
        "SELECT number, restricted_at, restriction_reason, restriction_request, updated_at FROM records ORDER BY number",
    );
    format!("{rows:?}")
}

#[test]
fn a_restricted_record_is_kept_shown_and_marked_in_search_and_show() {
    let env = Env::new();
    let id = matti(&env);
    env.add("customer", &["first_name=Liisa", "last_name=Mäkelä"]);
    let out = env.ok(&["restrict", &id, "--reason", "accuracy contested"]);
    assert!(out.contains(&format!("{id}: restricted")), "{out}");

    let found = env.json(&["search", "mak"]);
    let statuses: Vec<(&str, &str)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(statuses, [("C-2", "active"), ("C-1", "restricted")]);
    let table = env.ok(&["search", "matti"]);
    assert!(table.contains("restricted"), "{table}");

    let shown = env.json(&["show", &id]);
    assert_eq!(shown["status"], "restricted");
    assert_eq!(shown["first_name"], "Matti", "the record is kept");
    assert_eq!(shown["restriction_reason"], "accuracy contested");
    assert!(shown["restricted_at"].as_str().unwrap().starts_with("20"));
    assert!(shown["restriction_request"].is_null());
    let table = env.ok(&["show", &id]);
    assert!(table.contains("restricted"), "{table}");

    // still correctable (rectification often ends a restriction)
    env.ok(&["correct", &id, "--set", "city=Oulu", "--reason", "checked"]);
    assert_eq!(env.json(&["show", &id])["status"], "restricted");

    let out = env.ok(&["restrict", "lift", &id]);
    assert!(
        out.contains("lifted") && out.contains("Art. 18(3)"),
        "{out}"
    );
    let shown = env.json(&["show", &id]);
    assert_eq!(shown["status"], "active");
    assert!(shown.get("restricted_at").is_none());
    assert_eq!(env.json(&["search", "matti"])[0]["status"], "active");
}

#[test]
fn an_ended_record_can_be_restricted_and_is_ended_again_when_lifted() {
    let env = Env::new();
    let id = matti(&env);
    env.ok(&["end", &id, "--date", "2026-11-24"]);
    env.ok(&["restrict", &id, "--reason", "legal claim"]);
    let found = env.json(&["search", "matti", "--include-ended"]);
    assert_eq!(found[0]["status"], "restricted");
    let lifted = env.json(&["restrict", "lift", &id]);
    assert_eq!(lifted["status"], "ended");
}

#[test]
fn restriction_records_its_request() {
    let env = Env::new();
    let id = matti(&env);
    env.ok(&[
        "request",
        "open",
        "--type",
        "restriction",
        "--received",
        "2026-11-23",
        "--subject",
        &id,
    ]);
    let r = env.json(&[
        "restrict",
        &id,
        "--reason",
        "unlawful processing",
        "--request",
        "REQ-1",
    ]);
    assert_eq!(r["restriction_request"], "REQ-1");
    assert_eq!(env.json(&["show", &id])["restriction_request"], "REQ-1");
    let request = env.one("SELECT request FROM audit WHERE action = 'restrict'");
    assert_eq!(request, "REQ-1");
}

#[test]
fn restricting_twice_or_lifting_an_unrestricted_record_writes_nothing() {
    let env = Env::new();
    let id = matti(&env);
    let before = restriction_state(&env);
    let err = env.fails(3, &["restrict", "lift", &id]);
    assert!(err.contains(&format!("{id} is not restricted")), "{err}");
    assert_eq!(restriction_state(&env), before);

    env.ok(&["restrict", &id, "--reason", "first reason"]);
    let before = restriction_state(&env);
    let err = env.fails(3, &["restrict", &id, "--reason", "second reason"]);
    assert!(err.contains("already restricted"), "{err}");
    assert!(!err.contains("reason"), "no reason is echoed: {err}");
    assert_eq!(restriction_state(&env), before);

    // bad input: blank reason, unknown record or request, missing flags
    let other = env.add("customer", &["first_name=Liisa", "last_name=Laine"]);
    let before = restriction_state(&env);
    let err = env.fails(3, &["restrict", &other, "--reason", "  "]);
    assert!(err.contains("field reason"), "{err}");
    env.fails(4, &["restrict", "C-99", "--reason", "x"]);
    env.fails(4, &["restrict", "lift", "C-99"]);
    env.fails(
        4,
        &["restrict", &other, "--reason", "x", "--request", "REQ-3"],
    );
    env.fails(3, &["restrict", &other, "--reason", "x", "--request", "R3"]);
    env.fails(2, &["restrict", &other]);
    env.fails(2, &["restrict", "--reason", "x"]);
    env.fails(2, &["restrict", "lift"]);
    env.fails(2, &["restrict", "Z-1", "--reason", "x"]);
    assert_eq!(restriction_state(&env), before);
}

#[test]
fn a_restricted_record_leaves_marketing_lists_and_exports_until_lifted() {
    let env = Env::new();
    let id = env.add(
        "business",
        &[
            "first_name=Rita",
            "last_name=Rajoitettu",
            "email=rita@firm.fi",
            "organisation=R Oy",
            "business_id=2617416-4",
            "role=contact",
        ],
    );
    let listed = |env: &Env| {
        env.json(&["marketing-list", "--channel", "email"])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(listed(&env), 1);
    env.ok(&["restrict", &id, "--reason", "accuracy contested"]);
    assert_eq!(listed(&env), 0);
    assert!(!env.ok(&["export", "register", "business"]).contains("Rita"));
    let all = env.ok(&["export", "register", "business", "--include-restricted"]);
    assert!(all.contains(&format!("{id},restricted,Rita")), "{all}");
    env.ok(&["restrict", "lift", &id]);
    assert_eq!(listed(&env), 1);
}

#[test]
fn a_restricted_record_is_not_disclosed_but_an_earlier_disclosure_may_be_logged() {
    let env = Env::new();
    let id = matti(&env);
    env.ok(&["restrict", &id, "--reason", "accuracy contested"]);
    let disclose = |date: &str| {
        vec![
            "disclose",
            id.as_str(),
            "--recipient",
            "Perintä Oy",
            "--category",
            "debt-collection",
            "--data",
            "unpaid invoices",
            "--basis",
            "legitimate-interest",
            "--date",
        ]
        .into_iter()
        .map(str::to_string)
        .chain([date.to_string()])
        .collect::<Vec<String>>()
    };
    let args = disclose(TODAY);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = env.fails(5, &args);
    assert!(
        err.contains("restricted since 2026-11-24 (GDPR Art. 18)"),
        "{err}"
    );
    let count = |env: &Env| env.number("SELECT count(*) FROM disclosures");
    assert_eq!(count(&env), 0);
    let refused =
        env.number("SELECT count(*) FROM audit WHERE action = 'disclose' AND outcome = 'refused'");
    assert_eq!(refused, 1);
    let (_, outcome, records, ..) = env.last_audit();
    assert_eq!(
        (outcome.as_str(), records.as_str()),
        ("refused", id.as_str())
    );

    let earlier = disclose("2026-11-02");
    let earlier: Vec<&str> = earlier.iter().map(String::as_str).collect();
    env.ok(&earlier);
    assert_eq!(count(&env), 1);
    env.ok(&["restrict", "lift", &id]);
    env.ok(&args);
    assert_eq!(count(&env), 2);
}
