//! `export register`, `export subject`, `export audit` and `check` (issue #6).

use crate::util::*;

#[test]
fn register_export_in_every_format_with_masking_and_filters() {
    let env = Env::new();
    let id = matti(&env);
    let ended = env.add(
        "customer",
        &[
            "first_name=Eila",
            "last_name=Ended",
            "relationship_start=2020-01-01",
        ],
    );
    env.ok(&["end", &ended, "--date", "2021-01-01"]);
    env.add(
        "customer",
        &[
            "first_name==HYPERLINK(\"http://x\")",
            "last_name=+cmd|' /C calc'!A0",
            "phone=+358 40 555 0000",
        ],
    );

    let csv = env.ok(&["export", "register", "customer"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,status,first_name,last_name,hetu,birth_date,birth_place,nationality,email,phone,language,street,postal_code,city,country,customer_number,relationship_start,relationship_start_manner,relationship_end,relationship_end_manner,username"
    );
    assert!(
        csv.contains("C-1,active,Matti,Mäkinen,131052-****,"),
        "{csv}"
    );
    assert!(!csv.contains("308T"));
    assert!(!csv.contains("Eila"), "ended records only on request");
    // formula-like text is defused, validated values are not
    assert!(
        csv.contains("C-3,active,\"'=HYPERLINK(\"\"http://x\"\")\",'+cmd|' /C calc'!A0,"),
        "{csv}"
    );
    assert!(csv.contains(",+358405550000,"), "{csv}");

    let all = env.ok(&[
        "export",
        "register",
        "customer",
        "--include-ended",
        "--reveal-hetu",
    ]);
    assert!(all.contains("Eila") && all.contains("131052-308T"));
    let (action, _, _, fields, detail) = env.last_audit();
    assert_eq!(action, "export-register");
    assert_eq!(fields, "hetu");
    assert!(
        detail.contains("reveal-hetu") && detail.contains("include-ended"),
        "{detail}"
    );

    let json = env.json(&["export", "register", "customer"]);
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["id"], id);
    assert_eq!(json[0]["hetu"], "131052-****");
    let jsonl = env.ok(&["export", "register", "customer", "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), 2);
    env.fails(2, &["export", "register", "customer", "--format", "table"]);
    assert_eq!(
        env.json(&["export", "register", "employee"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn export_to_a_file_is_private() {
    let env = Env::new();
    matti(&env);
    let path = env.db.with_file_name("customers.csv");
    std::fs::write(
        &path,
        "old content that is longer than the new one will be, surely, yes",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let out = env.ok(&[
        "export",
        "register",
        "customer",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert!(out.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("id,status,") && text.contains("Matti") && !text.contains("old content")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn the_access_report_covers_every_register_of_the_person() {
    let env = Env::new();
    let c = env.add(
        "customer",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "hetu=131052-308T",
            "email=matti@example.fi",
            "language=en",
            "city=Tampere",
        ],
    );
    let b = env.add(
        "business",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "hetu=131052-308T",
            "organisation=M Oy",
            "business_id=2617416-4",
            "role=owner",
        ],
    );
    // no hetu, but the same e-mail: the same person
    let r = env.add(
        "recruitment",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "email=MATTI@example.fi",
            "position=dev",
            "applied_on=2026-10-01",
        ],
    );
    // someone else
    env.add(
        "customer",
        &[
            "first_name=Other",
            "last_name=Person",
            "email=other@example.fi",
        ],
    );
    env.ok(&[
        "basis",
        "add",
        &c,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    env.ok(&["correct", &c, "--set", "city=Turku", "--reason", "moved"]);
    env.ok(&["optout", &c, "--channel", "sms"]);

    let report = env.json(&["export", "subject", &b]);
    let ids: Vec<&str> = report["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [c.as_str(), b.as_str(), r.as_str()]);
    let first = &report["records"][0];
    assert_eq!(first["hetu"], "131052-****");
    assert_eq!(first["bases"][0]["purpose"], "customer-relationship");
    assert_eq!(first["corrections"][0]["old_value"], "Tampere");
    assert_eq!(first["preferences"][0]["kind"], "optout");
    assert!(
        first["register_title"]
            .as_str()
            .unwrap()
            .contains("marketing"),
        "english for language=en"
    );
    assert!(first["source"].is_string());
    assert!(first["holds"].is_array());
    assert!(report["rights"].as_array().unwrap().len() >= 7);
    assert!(report["rights"]
        .to_string()
        .contains("Data Protection Ombudsman"));
    let (action, _, records, _, _) = env.last_audit();
    assert_eq!(action, "export-subject");
    assert_eq!(records, format!("{c},{b},{r}"));

    let by_hetu = env.json(&["export", "subject", "--hetu", "131052-308t"]);
    assert_eq!(by_hetu["records"].as_array().unwrap().len(), 3);
    env.fails(
        4,
        &["export", "subject", "--hetu", &hetu("010101", '-', 123)],
    );
    env.fails(4, &["export", "subject", "C-99"]);
    env.fails(2, &["export", "subject"]);
    env.fails(2, &["export", "subject", &c, "--format", "csv"]);
}

#[test]
fn the_audit_log_exports_with_hashes_and_date_filters() {
    let env = Env::new();
    matti(&env);
    env.ok(&["search", "matti"]);
    let csv = env.ok(&["export", "audit"]);
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "seq,at,operator,action,outcome,records,fields,request,rows,detail,prev_hash,hash"
    );
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let rows = env.json(&["export", "audit"]);
    let rows = rows.as_array().unwrap();
    // the export itself was audited before this one
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1]["prev_hash"], rows[0]["hash"]);
    assert_eq!(rows[0]["hash"].as_str().unwrap().len(), 64);
    // the day the suite's clock says (PRIVREG_TODAY), not the machine's
    let today = TODAY.to_string();
    assert!(!env
        .json(&["export", "audit", "--since", &today, "--until", &today])
        .as_array()
        .unwrap()
        .is_empty());
    assert!(env
        .json(&["export", "audit", "--until", "2000-01-01"])
        .as_array()
        .unwrap()
        .is_empty());
    env.fails(3, &["export", "audit", "--since", "2026-02-31"]);
}

#[test]
fn check_lists_the_gaps_with_ids() {
    let env = Env::new();
    let without = matti(&env);
    let with = env.add(
        "customer",
        &[
            "first_name=Liisa",
            "last_name=Laine",
            "relationship_start=2010-01-01",
        ],
    );
    env.ok(&[
        "basis",
        "add",
        &with,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    env.ok(&["end", &with, "--date", "2019-01-01"]);
    env.add(
        "employee",
        &[
            "first_name=E",
            "last_name=E",
            "hetu=010100A002H",
            "employment_start=2020-01-01",
        ],
    );
    let gaps = env.json(&["check"]);
    let found: Vec<(String, String)> = gaps
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["gap"].as_str().unwrap().to_string(),
                g["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        found.contains(&("no-legal-basis".into(), without.clone())),
        "{found:?}"
    );
    assert!(
        found.contains(&("no-legal-basis".into(), "E-1".into())),
        "{found:?}"
    );
    assert!(
        !found.contains(&("no-legal-basis".into(), with.clone())),
        "{found:?}"
    );
    assert!(
        found.contains(&("past-retention".into(), with.clone())),
        "{found:?}"
    );
    // a legitimate-interest basis stored without its note (by an older tool)
    env.sql()
        .execute(
            "INSERT INTO bases (record, basis, purpose, valid_from, logged_at, logged_by) SELECT rowid, 'legitimate-interest', 'marketing', '2026-01-01', 'x', 'x' FROM records WHERE number = 1 AND register = 'customer'",
            [],
        )
        .unwrap();
    let gaps = env.ok(&["check", "--format", "csv"]);
    assert!(
        gaps.contains(&format!("legitimate-interest-without-note,{without}")),
        "{gaps}"
    );
    assert!(
        !gaps.contains(&format!("no-legal-basis,{without}")),
        "{gaps}"
    );
}

#[test]
fn the_access_letter_is_in_the_persons_language() {
    let env = Env::new();
    let fi = env.add(
        "customer",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "hetu=131052-308T",
            "city=Tampere",
        ],
    );
    env.ok(&[
        "basis",
        "add",
        &fi,
        "--basis",
        "aml",
        "--purpose",
        "aml-due-diligence",
    ]);
    env.ok(&["correct", &fi, "--set", "city=Turku", "--reason", "muutti"]);
    let letter = env.ok(&["export", "subject", &fi, "--format", "markdown"]);
    for want in [
        "# Selvitys sinua koskevista henkilötiedoista",
        "| sukunimi | Mäkinen |",
        "| henkilötunnus | 131052-**** |",
        "laki rahanpesun ja terrorismin rahoittamisen estämisestä 444/2017",
        "«Tampere» → «Turku»",
        "Tietosuojavaltuutetun toimisto",
        "asiakkuus tai palvelussuhde on voimassa",
    ] {
        assert!(letter.contains(want), "missing {want:?} in:\n{letter}");
    }
    assert!(!letter.contains("308T"));
    let en = env.add(
        "customer",
        &[
            "first_name=John",
            "last_name=Smith",
            "language=en",
            "email=john@example.com",
        ],
    );
    let letter = env.ok(&["export", "subject", &en, "--format", "markdown"]);
    assert!(
        letter.starts_with("# Report on the personal data we hold about you"),
        "{letter}"
    );
    assert!(letter.contains("| Smith |"), "{letter}");
    assert!(letter.contains("Data Protection Ombudsman"));
}

#[test]
fn an_empty_list_in_csv_still_has_its_header() {
    let env = Env::new();
    assert_eq!(env.ok(&["--format", "csv", "check"]), "gap,id,missing\n");
    assert_eq!(env.ok(&["check"]).trim(), "(none)");
}
