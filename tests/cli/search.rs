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

/// Issue #13 item 6: search terms are deduplicated and bounded, so one
/// search cannot run for minutes and hold everyone else up.
#[test]
fn search_terms_are_bounded_issue_13() {
    let env = Env::new();
    let file = generate(&env, "people.csv", &["3000", "--seed", "6"]);
    env.ok(&["import", "customer", &file]);

    // 2,000 different words: refused at once, naming the limit, not the words
    let distinct: Vec<String> = (0..2000).map(|i| format!("w{i}")).collect();
    let err = env.fails(3, &["search", &distinct.join(" ")]);
    assert!(err.contains("at most 16"), "{err}");
    assert!(!err.contains("w1999"), "{err}");
    // a word longer than any name
    env.fails(3, &["search", &"x".repeat(10_000)]);

    // 2,000 times the same one-letter prefix is one word: a quick answer,
    // while another command goes on meanwhile.
    let repeated = "a ".repeat(2000);
    let db = env.db.clone();
    let start = std::time::Instant::now();
    let search = std::thread::spawn(move || {
        std_command(&db, "anne", &["--format", "json", "search", &repeated])
            .output()
            .unwrap()
    });
    let added = env.add("customer", &["first_name=Meanwhile", "last_name=Added"]);
    let adding = start.elapsed();
    let out = search.join().unwrap();
    let searching = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 50);
    assert!(added.starts_with("C-"));
    assert!(adding.as_secs() < 8, "add waited {adding:?}");
    assert!(searching.as_secs() < 8, "the search took {searching:?}");
    // the same search, spelt differently, finds the same
    let dup = env.json(&["search", "AALTO aalto Aal a"]);
    assert_eq!(dup, env.json(&["search", "aalto"]));
}

/// More matches than `--limit`: the newest are shown, sorted by name, and
/// stderr says more matched (a count only). With no more than the limit,
/// every match comes sorted by name.
#[test]
fn more_matches_than_the_limit_shows_the_newest_by_name_and_says_so() {
    let env = Env::new();
    for first in ["Ville", "Aino", "Olli", "Bertta"] {
        env.add(
            "customer",
            &[&format!("first_name={first}"), "last_name=Aalto"],
        );
    }
    let names = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["first_name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&env.json(&["search", "aalto"])),
        ["Aino", "Bertta", "Olli", "Ville"]
    );
    let out = env
        .cmd(&["search", "aalto", "--limit", "2", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The two added last (Olli, Bertta), by name.
    assert_eq!(names(&shown), ["Bertta", "Olli"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("more than 2 records match"), "{err}");
    assert!(!err.contains("Aalto") && !err.contains("aalto"), "{err}");
    let out = env
        .cmd(&["search", "aalto", "--limit", "4"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("match"));
    let quiet = env
        .cmd(&["--quiet", "search", "aalto", "--limit", "2"])
        .output()
        .unwrap();
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

/// A server finds a search's records either from its word index (rare
/// words) or by reading the records newest first (common words), choosing
/// by how many pairs each word has in the index (store/search.rs). The
/// answers must not depend on the way: the same searches with every word
/// taken as common (`PRIVREG_TEST_SEARCH_RARE_WORD=0`), with only the
/// rarest rare (`=3`, `=8`), and as chosen by default give the same
/// records, in the same order, with the same "more match" on stderr. On a file the
/// variable changes nothing and the answers are checked all the same.
#[test]
fn a_search_answers_the_same_whichever_way_the_server_finds_it() {
    let env = Env::new();
    people(&env);
    for (first, last, city) in [
        ("Matti", "Virtanen", "Turku"),
        ("Matias", "Virta", "Tampere"),
        ("Maija", "Mäkelä", "Turku"),
        ("Matti", "Korhonen", "Oulu"),
        ("Mikko", "Virtanen", "Oulu"),
    ] {
        env.add(
            "customer",
            &[
                &format!("first_name={first}"),
                &format!("last_name={last}"),
                &format!("city={city}"),
            ],
        );
    }
    let ended = env.add("customer", &["first_name=Matti", "last_name=Vanha"]);
    env.ok(&["end", &ended, "--date", "2026-11-24"]);
    let searches: &[(&[&str], &[&str])] = &[
        (&["matti"], &["C-6", "C-1", "C-3"]),
        (&["mat", "--limit", "2"], &["C-6", "C-4"]),
        (&["virta"], &["C-4", "C-3", "C-7"]),
        (&["virta oulu"], &["C-7"]),
        (&["matti virtanen turku"], &["C-3"]),
        (&["MÄK"], &["C-5", "C-1"]),
        (&["mäkinen matti"], &["C-1"]),
        (&["matti", "--include-ended"], &["C-6", "C-1", "C-8", "C-3"]),
        (&["m", "--register", "business"], &[]),
        (&["tu ma"], &["C-5", "C-3"]),
        (&["m oulu", "--limit", "1"], &["C-7"]),
        (&["zz"], &[]),
    ];
    let run = |args: &[&str], rare: Option<&str>| {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        let mut cmd = env.cmd(&all);
        if let Some(n) = rare {
            cmd.env("PRIVREG_TEST_SEARCH_RARE_WORD", n);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            ids(&found),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let same_every_way = |args: &[&str], want: &[&str]| {
        let (found, said) = run(args, None);
        assert_eq!(found, want, "{args:?}");
        for rare in ["0", "3", "8"] {
            assert_eq!(
                run(args, Some(rare)),
                (found.clone(), said.clone()),
                "{args:?} {rare}"
            );
        }
    };
    for (args, want) in searches {
        same_every_way(args, want);
    }
    // The newest ten Mattis ended: the first batch of candidates a server
    // looks up (four times the limit + 1) holds no match, the next does.
    for i in 0..10 {
        let id = env.add(
            "customer",
            &["first_name=Matti", &format!("last_name=Loppu{i}")],
        );
        env.ok(&["end", &id, "--date", "2026-11-24"]);
    }
    same_every_way(&["matti", "--limit", "1"], &["C-6"]);
}
