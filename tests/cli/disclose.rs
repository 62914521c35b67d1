//! `disclose` (issue 7): each transfer rule of DOMAIN §8 through the binary,
//! the adequacy list as data, `show` listing disclosures and `correct`
//! naming the recipients to tell (Art. 19).

use crate::util::*;

fn disclosures(env: &Env) -> i64 {
    // through the helper, so that it counts on a server register too
    env.number("SELECT count(*) FROM disclosures")
}

/// `disclose ID` to a processor in `country` with extra flags.
fn args<'a>(id: &'a str, country: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec![
        "disclose",
        id,
        "--recipient",
        "Cloud Ltd",
        "--category",
        "processor",
        "--data",
        "name and e-mail",
        "--basis",
        "contract",
        "--country",
        country,
    ];
    a.extend_from_slice(extra);
    a
}

#[test]
fn eu_and_eea_recipients_are_allowed() {
    let env = Env::new();
    let id = matti(&env);
    // the default country is FI
    let out = env.ok(&[
        "disclose",
        &id,
        "--recipient",
        "Perintä Oy",
        "--category",
        "debt-collection",
        "--data",
        "name, address, unpaid invoices",
        "--basis",
        "legitimate-interest",
    ]);
    assert_eq!(
        out.trim(),
        format!("{id}: disclosure 1 logged (FI: within the EU/EEA)")
    );
    for cc in ["DE", "se", "NO", "IS", "LI", "AX"] {
        let d = env.json(&args(&id, cc, &[]));
        assert_eq!(d["country"], cc.to_uppercase());
        assert_eq!(d["transfer"], "within the EU/EEA");
    }
    assert_eq!(disclosures(&env), 7);
}

#[test]
fn adequacy_countries_are_allowed() {
    let env = Env::new();
    let id = matti(&env);
    for (cc, decision) in [
        ("GB", "2021/1772"),
        ("CH", "2000/518/EC"),
        ("JP", "2019/419"),
        ("BR", "2026/179"),
        ("KR", "2022/254"),
    ] {
        let d = env.json(&args(&id, cc, &[]));
        assert_eq!(
            d["transfer"],
            format!("adequacy decision {decision}"),
            "{cc}"
        );
        assert_eq!(d["dpf_certified"], false);
    }
    assert_eq!(disclosures(&env), 5);
}

#[test]
fn the_united_states_only_with_dpf_certification() {
    let env = Env::new();
    let id = matti(&env);
    let audit_before = env.number("SELECT count(*) FROM audit");
    let err = env.fails(5, &args(&id, "US", &[]));
    for part in [
        "transfer to US refused",
        "Data Privacy Framework",
        "GDPR Art. 45",
        "adequacy list of 2026-01",
        "--dpf-certified",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
    assert!(
        !err.contains("Cloud Ltd") && !err.contains("e-mail"),
        "{err}"
    );
    assert_eq!(disclosures(&env), 0, "nothing written");
    // the refusal is audited
    let (action, outcome, _, _, _) = env.last_audit();
    assert_eq!((action.as_str(), outcome.as_str()), ("disclose", "refused"));
    let audit_after = env.number("SELECT count(*) FROM audit");
    assert_eq!(audit_after, audit_before + 1);

    let d = env.json(&args(&id, "us", &["--dpf-certified"]));
    assert_eq!(d["country"], "US");
    assert_eq!(d["dpf_certified"], true);
    assert_eq!(
        d["transfer"],
        "adequacy decision 2023/1795 (Data Privacy Framework certified)"
    );
    assert_eq!(disclosures(&env), 1);
}

#[test]
fn other_third_countries_are_refused_with_the_reason() {
    let env = Env::new();
    let id = matti(&env);
    for cc in ["CN", "IN", "RU", "AU", "GL"] {
        for extra in [&[][..], &["--dpf-certified"]] {
            let err = env.fails(5, &args(&id, cc, extra));
            assert!(
                err.contains(&format!(
                    "transfer to {cc} refused: {cc} is outside the EU/EEA and has no adequacy decision (GDPR Art. 45; adequacy list of 2026-01)"
                )),
                "{err}"
            );
        }
    }
    assert_eq!(disclosures(&env), 0);
    let refused =
        env.number("SELECT count(*) FROM audit WHERE action = 'disclose' AND outcome = 'refused'");
    assert_eq!(refused, 10);
}

#[test]
fn the_adequacy_list_is_data_with_its_date() {
    let env = Env::new();
    let id = matti(&env);
    env.exec(
        "DELETE FROM adequacy WHERE country = 'GB';
         INSERT INTO adequacy (country, name, decision, needs_dpf) VALUES ('IN', 'India', '2027/1', false);
         UPDATE meta SET value = '2027-03' WHERE key = 'adequacy_list_date'",
    );
    let err = env.fails(5, &args(&id, "GB", &[]));
    assert!(err.contains("adequacy list of 2027-03"), "{err}");
    let d = env.json(&args(&id, "IN", &[]));
    assert_eq!(d["transfer"], "adequacy decision 2027/1");
}

#[test]
fn bad_disclosure_input_is_refused_and_nothing_is_written() {
    let env = Env::new();
    let id = matti(&env);
    let base = |flag: &'static str, value: &'static str| -> Vec<String> {
        let mut a: Vec<String> = args(&id, "FI", &[]).iter().map(|s| s.to_string()).collect();
        match a.iter().position(|s| s == flag) {
            Some(i) => a[i + 1] = value.to_string(),
            None => {
                a.push(flag.to_string());
                a.push(value.to_string());
            }
        }
        a
    };
    let run = |code: i32, a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(|s| s.as_str()).collect();
        env.fails(code, &a)
    };
    run(2, base("--category", "friend"));
    run(2, base("--basis", "because"));
    let err = run(3, base("--country", "XX"));
    assert!(err.contains("field country"), "{err}");
    run(3, base("--country", "FIN"));
    let err = run(3, base("--date", "2026-02-30"));
    assert!(
        err.contains("field date") && err.contains("not a real date"),
        "{err}"
    );
    let err = run(3, base("--date", "2026-11-25"));
    assert!(err.contains("in the future"), "{err}");
    let err = run(3, base("--recipient", " "));
    assert!(err.contains("field recipient"), "{err}");
    let err = run(3, base("--data", ""));
    assert!(err.contains("field data"), "{err}");
    let mut unknown = base("--date", "2026-11-01");
    unknown[1] = "C-42".into();
    let err = run(4, unknown);
    assert!(err.contains("no record C-42"), "{err}");
    // several problems at once are each named
    let mut many = base("--date", "31.2.2026");
    let i = many.iter().position(|s| s == "--country").unwrap();
    many[i + 1] = "QQ".into();
    let err = run(3, many);
    assert!(
        err.contains("field date") && err.contains("field country"),
        "{err}"
    );
    env.fails(
        2,
        &["disclose", &id, "--recipient", "X", "--category", "other"],
    );
    assert_eq!(disclosures(&env), 0);
}

#[test]
fn aml_basis_and_finnish_dates_are_stored_in_normal_form() {
    let env = Env::new();
    let id = matti(&env);
    let d = env.json(&[
        "disclose",
        &id,
        "--recipient",
        "Keskusrikospoliisi",
        "--category",
        "authority",
        "--data",
        "customer due-diligence data",
        "--basis",
        "aml",
        "--date",
        "1.11.2026",
    ]);
    assert_eq!(d["basis"], "legal-obligation");
    assert_eq!(d["disclosed_on"], "2026-11-01");
    assert_eq!(d["category"], "authority");
    assert_eq!(d["record"], id.as_str());
}

#[test]
fn show_lists_disclosures_and_correct_names_the_recipients_to_tell() {
    let env = Env::new();
    let id = matti(&env);
    let other = env.add("customer", &["first_name=Liisa", "last_name=Laine"]);
    // nothing disclosed yet: nobody to tell
    let out = env.ok(&["correct", &id, "--set", "city=Oulu", "--reason", "moved"]);
    assert!(!out.contains("Art. 19"), "{out}");

    for (recipient, category, cc) in [
        ("Perintä Oy", "debt-collection", "FI"),
        ("Cloud Ltd", "processor", "GB"),
        ("Perintä Oy", "debt-collection", "FI"),
    ] {
        env.ok(&[
            "disclose",
            &id,
            "--recipient",
            recipient,
            "--category",
            category,
            "--data",
            "name and address",
            "--basis",
            "contract",
            "--country",
            cc,
        ]);
    }
    env.ok(&args(&other, "DE", &[]));

    let shown = env.json(&["show", &id]);
    let list = shown["disclosures"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[1]["recipient"], "Cloud Ltd");
    assert_eq!(list[1]["country"], "GB");
    assert_eq!(list[1]["category"], "processor");
    assert_eq!(list[1]["data"], "name and address");
    assert_eq!(list[1]["dpf_certified"], false);
    let table = env.ok(&["show", &id]);
    assert!(
        table.contains("disclosures:") && table.contains("Perintä Oy"),
        "{table}"
    );

    let out = env.ok(&["correct", &id, "--set", "city=Turku", "--reason", "moved"]);
    assert!(
        out.contains(
            "tell the recipients it was disclosed to (GDPR Art. 19): Cloud Ltd; Perintä Oy"
        ),
        "{out}"
    );
    let json = env.json(&["correct", &id, "--set", "city=Espoo", "--reason", "moved"]);
    assert_eq!(
        json["notify"],
        serde_json::json!(["Cloud Ltd", "Perintä Oy"])
    );
    // another person's recipients are not listed
    let out = env.ok(&[
        "correct",
        &other,
        "--set",
        "city=Turku",
        "--reason",
        "moved",
    ]);
    assert!(
        out.contains("Cloud Ltd") && !out.contains("Perintä"),
        "{out}"
    );
}
