//! `search`: word prefixes without regard to case or diacritics, exact
//! identifiers in any spelling, and the output formats.

use crate::util::*;

fn ids(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn people(env: &Env) {
    matti(env);
    env.add(
        "customer",
        &[
            "first_name=Liisa",
            "last_name=Järvinen",
            "email=liisa@posti.fi",
            "city=Jyväskylä",
        ],
    );
    env.add(
        "business",
        &[
            "first_name=Åke",
            "last_name=Öhman",
            "organisation=Öhman & Co Ab",
            "business_id=2617416–4",
            "role=owner",
            "phone=+358 40 765 4321",
        ],
    );
}

#[test]
fn names_match_by_prefix_without_case_or_diacritics() {
    let env = Env::new();
    people(&env);
    assert_eq!(ids(&env.json(&["search", "makinen"])), ["C-1"]);
    assert_eq!(ids(&env.json(&["search", "MÄKI"])), ["C-1"]);
    assert_eq!(ids(&env.json(&["search", "jarv"])), ["C-2"]);
    assert_eq!(ids(&env.json(&["search", "jyvaskyla"])), ["C-2"]);
    assert_eq!(ids(&env.json(&["search", "ohman"])), ["B-1"]);
    assert_eq!(ids(&env.json(&["search", "ake ohm"])), ["B-1"]);
    assert_eq!(ids(&env.json(&["search", "posti"])), ["C-2"]);
    // every word must match
    assert!(ids(&env.json(&["search", "matti jarvinen"])).is_empty());
    // a word inside a name is not a prefix
    assert!(ids(&env.json(&["search", "kinen"])).is_empty());
    assert_eq!(
        ids(&env.json(&["search", "matti", "--register", "business"])).len(),
        0
    );
}

#[test]
fn fts_syntax_in_the_text_is_just_text() {
    let env = Env::new();
    people(&env);
    for text in [
        "matti OR liisa",
        "\"matti",
        "matti*",
        "NEAR(matti liisa)",
        "matti'); DROP TABLE records; --",
    ] {
        env.ok(&["search", text]);
    }
    assert!(ids(&env.json(&["search", "matti OR liisa"])).is_empty());
    assert_eq!(ids(&env.json(&["search", "--", "-matti"])), ["C-1"]);
    env.fails(3, &["search", "@@@"]);
}

#[test]
fn identifiers_match_exactly_in_any_accepted_spelling() {
    let env = Env::new();
    people(&env);
    assert_eq!(
        ids(&env.json(&["search", "--hetu", "131052-308t"])),
        ["C-1"]
    );
    assert_eq!(
        ids(&env.json(&["search", "--email", "Matti.Makinen@EXAMPLE.fi"])),
        ["C-1"]
    );
    assert_eq!(
        ids(&env.json(&["search", "--phone", "00358401234567"])),
        ["C-1"]
    );
    assert_eq!(
        ids(&env.json(&["search", "--phone", "040-765 4321"])),
        ["B-1"]
    );
    assert_eq!(
        ids(&env.json(&["search", "--business-id", "26174164"])),
        ["B-1"]
    );
    assert_eq!(
        ids(&env.json(&["search", "--business-id", "FI26174164"])),
        ["B-1"]
    );
    assert!(ids(&env.json(&["search", "--hetu", &hetu("131052", '-', 310)])).is_empty());
    let err = env.fails(3, &["search", "--hetu", "131052-308X"]);
    assert!(err.contains("hetu"), "{err}");
    assert!(
        !err.contains("131052"),
        "the value must not be echoed: {err}"
    );
}

#[test]
fn limit_and_formats() {
    let env = Env::new();
    for i in 0..5 {
        env.add(
            "customer",
            &[&format!("first_name=Anna{i}"), "last_name=Aalto"],
        );
    }
    assert_eq!(
        ids(&env.json(&["search", "aalto", "--limit", "3"])).len(),
        3
    );
    assert_eq!(ids(&env.json(&["search", "aalto"])).len(), 5);
    let jsonl = env.ok(&["search", "aalto", "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), 5);
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["last_name"], "Aalto");
    }
    let csv = env.ok(&["search", "aalto", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.starts_with("id,register,status,first_name,last_name,hetu"),
        "{header}"
    );
    assert_eq!(csv.lines().count(), 6);
    let table = env.ok(&["search", "aalto"]);
    assert!(table.contains("Anna0") && table.contains("C-5"), "{table}");
    assert!(!table.contains('\u{1b}'), "NO_COLOR: no escape codes");
    env.fails(2, &["search", "aalto", "--limit", "0"]);
    assert_eq!(
        env.ok(&["search", "nobody", "--format", "json"]).trim(),
        "[]"
    );
}

#[test]
fn search_is_audited_without_the_searched_text() {
    let env = Env::new();
    people(&env);
    env.ok(&["search", "makinen"]);
    let (action, _, records, _, detail) = env.last_audit();
    assert_eq!(action, "search");
    assert_eq!(records, "C-1");
    assert_eq!(detail, "criteria=text");
    assert!(!env.audit_text().to_lowercase().contains("makinen"));
}
