//! `add`, `show`, `correct` and `end` in every register.

use crate::util::*;

#[test]
fn add_prints_the_id_and_ids_count_per_register() {
    let env = Env::new();
    assert_eq!(matti(&env), "C-1");
    assert_eq!(
        env.add("asiakas", &["first_name=Liisa", "last_name=Laine"]),
        "C-2"
    );
    let b = env.add(
        "yritys",
        &[
            "first_name=Pekka",
            "last_name=Puro",
            "organisation=Puro Oy",
            "business_id=26174164",
            "role=owner",
        ],
    );
    assert_eq!(b, "B-1");
    let e = env.add(
        "työntekijä",
        &[
            "first_name=Eeva",
            "last_name=Ek",
            "hetu=010100A002H",
            "employment_start=1.3.2024",
        ],
    );
    assert_eq!(e, "E-1");
    let r = env.add(
        "hakija",
        &[
            "first_name=Rasmus",
            "last_name=Ruo",
            "position=developer",
            "applied_on=2026-10-01",
        ],
    );
    assert_eq!(r, "R-1");
}

#[test]
fn add_in_json_prints_the_whole_record_as_spec_describes() {
    let env = Env::new();
    let rec = env.json(&[
        "add",
        "business",
        "--set",
        "first_name=Pekka",
        "--set",
        "last_name=Puro",
        "--set",
        "organisation=Puro Oy",
        "--set",
        "business_id=FI26174164",
        "--set",
        "role=Beneficial-Owner",
        "--set",
        "aml_pep=false",
        "--set",
        "aml_risk=high",
        "--set",
        "hetu=131052-308T",
    ]);
    assert_eq!(rec["id"], "B-1");
    assert_eq!(rec["register"], "business");
    assert_eq!(rec["status"], "active");
    assert_eq!(rec["business_id"], "2617416-4");
    assert_eq!(rec["role"], "beneficial-owner");
    assert_eq!(rec["aml_pep"], false);
    assert_eq!(rec["hetu"], "131052-****");
    assert_eq!(rec["relationship_start"], TODAY);
    assert_eq!(rec["language"], "fi");
    assert_eq!(rec["country"], "FI");
    assert!(rec["email"].is_null());
    // every business field is a key
    for key in [
        "aml_identified_on",
        "aml_id_document",
        "relationship_end_manner",
        "birth_place",
    ] {
        assert!(rec.get(key).is_some(), "{key}");
    }
}

#[test]
fn the_same_person_twice_in_a_register_is_a_conflict() {
    let env = Env::new();
    let id = matti(&env);
    let err = env.fails(
        6,
        &[
            "add",
            "customer",
            "--set",
            "first_name=M",
            "--set",
            "last_name=M",
            "--set",
            "hetu=131052-308t",
        ],
    );
    assert!(err.contains(&id) && err.contains("hetu"), "{err}");
    let err = env.fails(
        6,
        &[
            "add",
            "customer",
            "--set",
            "first_name=M",
            "--set",
            "last_name=M",
            "--set",
            "email=MATTI.MAKINEN@example.FI",
        ],
    );
    assert!(err.contains(&id) && err.contains("e-mail"), "{err}");
    // another register is another purpose: the same person may be there
    env.add(
        "employee",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "hetu=131052-308T",
            "employment_start=2020-01-01",
        ],
    );
    let n = env.number("SELECT count(*) FROM records");
    assert_eq!(n, 2);
}

#[test]
fn show_masks_the_hetu_and_audits_a_reveal() {
    let env = Env::new();
    let id = matti(&env);
    let shown = env.ok(&["show", &id]);
    assert!(shown.contains("131052-****"), "{shown}");
    assert!(!shown.contains("308T"), "{shown}");
    let rec = env.json(&["show", &id, "--reveal-hetu"]);
    assert_eq!(rec["hetu"], "131052-308T");
    let (action, _, records, fields, detail) = env.last_audit();
    assert_eq!(action, "show");
    assert_eq!(records, id);
    assert_eq!(fields, "hetu");
    assert!(detail.contains("reveal-hetu"));
    for key in [
        "bases",
        "preferences",
        "holds",
        "corrections",
        "disclosures",
    ] {
        assert!(rec[key].is_array(), "{key}");
    }
    env.fails(4, &["show", "C-99"]);
}

#[test]
fn a_temporary_hetu_is_accepted_and_show_says_so() {
    let env = Env::new();
    let temp = hetu("150385", '-', 901);
    let id = env.add(
        "customer",
        &["first_name=T", "last_name=T", &format!("hetu={temp}")],
    );
    let rec = env.json(&["show", &id]);
    assert!(
        rec["notices"][0].as_str().unwrap().contains("temporary"),
        "{rec}"
    );
}

#[test]
fn correct_keeps_the_old_values_and_needs_a_reason() {
    let env = Env::new();
    let id = matti(&env);
    env.fails(2, &["correct", &id, "--set", "city=Turku"]);
    env.fails(
        3,
        &["correct", &id, "--set", "city=Turku", "--reason", "  "],
    );
    let out = env.json(&[
        "correct",
        &id,
        "--set",
        "city=Turku",
        "--set",
        "phone=+358 50 765 4321",
        "--reason",
        "moved",
    ]);
    assert_eq!(out["changed"], serde_json::json!(["phone", "city"]));
    let rec = env.json(&["show", &id]);
    assert_eq!(rec["city"], "Turku");
    assert_eq!(rec["phone"], "+358507654321");
    let corr = rec["corrections"].as_array().unwrap();
    assert_eq!(corr.len(), 2);
    let city = corr.iter().find(|c| c["field"] == "city").unwrap();
    assert_eq!(city["old_value"], "Tampere");
    assert_eq!(city["new_value"], "Turku");
    assert_eq!(city["reason"], "moved");
    assert_eq!(city["operator"], "anne");
    // a dry run changes nothing
    env.ok(&[
        "correct",
        &id,
        "--set",
        "city=Oulu",
        "--reason",
        "x",
        "--dry-run",
    ]);
    assert_eq!(env.json(&["show", &id])["city"], "Turku");
    // invalid corrections change nothing
    env.fails(
        3,
        &[
            "correct",
            &id,
            "--set",
            "email=not-an-address",
            "--set",
            "city=Oulu",
            "--reason",
            "x",
        ],
    );
    env.fails(
        3,
        &["correct", &id, "--set", "shoe_size=44", "--reason", "x"],
    );
    assert_eq!(env.json(&["show", &id])["city"], "Turku");
    env.fails(
        4,
        &["correct", "C-42", "--set", "city=Oulu", "--reason", "x"],
    );
    env.fails(
        4,
        &[
            "correct",
            &id,
            "--set",
            "city=Oulu",
            "--reason",
            "x",
            "--request",
            "REQ-9",
        ],
    );
}

#[test]
fn correct_refuses_taking_another_records_hetu() {
    let env = Env::new();
    let first = matti(&env);
    let other = env.add("customer", &["first_name=Liisa", "last_name=Laine"]);
    let err = env.fails(
        6,
        &[
            "correct",
            &other,
            "--set",
            "hetu=131052-308T",
            "--reason",
            "typo",
        ],
    );
    assert!(err.contains(&first), "{err}");
}

#[test]
fn correct_masks_old_hetus_in_the_history() {
    let env = Env::new();
    let id = env.add(
        "customer",
        &["first_name=A", "last_name=B", "hetu=131052-308T"],
    );
    let new = hetu("131052", '-', 310);
    env.ok(&[
        "correct",
        &id,
        "--set",
        &format!("hetu={new}"),
        "--reason",
        "typo",
    ]);
    let shown = env.ok(&["show", &id, "--format", "json"]);
    assert!(!shown.contains("308T"), "{shown}");
}

#[test]
fn end_starts_the_clock_and_hides_the_record_from_search() {
    let env = Env::new();
    let id = matti(&env);
    env.fails(3, &["end", &id, "--date", "2020-01-01"]); // before relationship_start (today)
    env.ok(&[
        "end",
        &id,
        "--date",
        "24.11.2026",
        "--manner",
        "customer gave notice",
    ]);
    let rec = env.json(&["show", &id]);
    assert_eq!(rec["status"], "ended");
    assert_eq!(rec["relationship_end"], "2026-11-24");
    assert_eq!(rec["relationship_end_manner"], "customer gave notice");
    assert_eq!(env.json(&["search", "matti"]).as_array().unwrap().len(), 0);
    assert_eq!(
        env.json(&["search", "matti", "--include-ended"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let err = env.fails(3, &["end", &id, "--date", "2026-11-24"]);
    assert!(err.contains("already ended"), "{err}");
}

#[test]
fn a_future_end_date_keeps_the_record_active_until_then() {
    let env = Env::new();
    let id = env.add(
        "employee",
        &[
            "first_name=Eeva",
            "last_name=Ek",
            "hetu=010100A002H",
            "employment_start=2026-01-01",
            "employment_type=fixed-term",
            "employment_end=2026-12-31",
        ],
    );
    assert_eq!(env.json(&["show", &id])["status"], "active");
    assert_eq!(env.json(&["search", "eeva"]).as_array().unwrap().len(), 1);
}

#[test]
fn ending_an_application_needs_a_decision() {
    let env = Env::new();
    let id = env.add(
        "recruitment",
        &[
            "first_name=R",
            "last_name=R",
            "position=dev",
            "applied_on=2026-10-01",
            "status=interview",
        ],
    );
    assert_eq!(env.json(&["show", &id])["application_status"], "interview");
    env.fails(2, &["end", &id, "--date", "2026-11-01"]);
    env.fails(
        2,
        &[
            "end",
            &id,
            "--date",
            "2026-11-01",
            "--status",
            "rejected",
            "--manner",
            "x",
        ],
    );
    env.fails(
        2,
        &["end", "C-1", "--date", "2026-11-01", "--status", "hired"],
    );
    env.ok(&["end", &id, "--date", "2026-11-01", "--status", "rejected"]);
    let rec = env.json(&["show", &id]);
    assert_eq!(rec["application_status"], "rejected");
    assert_eq!(rec["decided_on"], "2026-11-01");
    assert_eq!(rec["status"], "ended");
}
