//! Preferences and marketing lists: every rule of DOMAIN §7 through the
//! binary (issue #3).

use crate::util::*;

fn listed(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["marketing-list"];
    all.extend_from_slice(args);
    env.json(&all)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn consumer(env: &Env, name: &str, email: &str) -> String {
    env.add(
        "customer",
        &[
            &format!("first_name={name}"),
            "last_name=Test",
            &format!("email={email}"),
            "phone=040 111 2222",
            "street=Kauppakatu 1",
            "postal_code=33100",
            "city=Tampere",
        ],
    )
}

fn contact(env: &Env, name: &str, email: &str) -> String {
    env.add(
        "business",
        &[
            &format!("first_name={name}"),
            "last_name=Test",
            &format!("email={email}"),
            "organisation=Test Oy",
            "business_id=2617416-4",
            "role=contact",
        ],
    )
}

#[test]
fn consumers_need_consent_for_email_and_sms_but_not_for_phone_and_post() {
    let env = Env::new();
    let plain = consumer(&env, "Plain", "plain@example.fi");
    let keen = consumer(&env, "Keen", "keen@example.fi");
    env.ok(&[
        "consent",
        &keen,
        "--channel",
        "email",
        "--source",
        "web-form",
    ]);
    assert_eq!(listed(&env, &["--channel", "email"]), [keen.as_str()]);
    assert!(listed(&env, &["--channel", "sms"]).is_empty());
    assert_eq!(
        listed(&env, &["--channel", "phone"]),
        [plain.clone(), keen.clone()]
    );
    assert_eq!(
        listed(&env, &["--channel", "post"]),
        [plain.clone(), keen.clone()]
    );
    // a consent for marketing is not one for profiling
    assert!(listed(&env, &["--channel", "email", "--purpose", "profiling"]).is_empty());
}

#[test]
fn the_existing_customer_rule_applies_only_with_the_flag_and_to_active_customers() {
    let env = Env::new();
    let active = consumer(&env, "Active", "active@example.fi");
    let ended = consumer(&env, "Ended", "ended@example.fi");
    let objector = consumer(&env, "Objector", "objector@example.fi");
    env.ok(&["end", &ended, "--date", TODAY]);
    env.ok(&[
        "optout",
        &objector,
        "--channel",
        "email",
        "--source",
        "email-link",
    ]);
    assert!(listed(&env, &["--channel", "email"]).is_empty());
    assert_eq!(
        listed(&env, &["--channel", "email", "--existing-customers"]),
        [active.as_str()]
    );
    assert_eq!(
        listed(&env, &["--channel", "sms", "--existing-customers"]),
        [active.clone(), objector]
    );
    assert!(listed(
        &env,
        &[
            "--channel",
            "email",
            "--existing-customers",
            "--purpose",
            "market-research"
        ]
    )
    .is_empty());
}

#[test]
fn business_contacts_are_listed_unless_they_opted_out() {
    let env = Env::new();
    let a = contact(&env, "Anna", "anna@firm.fi");
    let b = contact(&env, "Bert", "bert@firm.fi");
    env.ok(&["optout", &b, "--channel", "all", "--source", "letter"]);
    assert_eq!(
        listed(&env, &["--channel", "email", "--register", "business"]),
        [a.as_str()]
    );
    assert_eq!(
        listed(
            &env,
            &["--channel", "email", "--purpose", "market-research"]
        ),
        [a]
    );
}

#[test]
fn employees_and_applicants_are_never_listed() {
    let env = Env::new();
    env.add(
        "employee",
        &[
            "first_name=E",
            "last_name=E",
            "hetu=131052-308T",
            "employment_start=2020-01-01",
            "email=e@example.fi",
        ],
    );
    env.add(
        "recruitment",
        &[
            "first_name=R",
            "last_name=R",
            "position=dev",
            "applied_on=2026-10-01",
            "email=r@example.fi",
        ],
    );
    assert!(listed(&env, &["--channel", "email"]).is_empty());
    env.fails(
        3,
        &[
            "marketing-list",
            "--channel",
            "email",
            "--register",
            "employee",
        ],
    );
    env.fails(3, &["consent", "E-1", "--channel", "email"]);
}

#[test]
fn the_latest_covering_event_decides_by_date_then_by_recording_order() {
    let env = Env::new();
    let id = consumer(&env, "Vera", "vera@example.fi");
    env.ok(&["consent", &id, "--channel", "email", "--date", "2026-02-01"]);
    assert_eq!(listed(&env, &["--channel", "email"]), [id.as_str()]);
    // a back-dated opt-out recorded later is older than the consent
    env.ok(&["optout", &id, "--channel", "email", "--date", "2026-01-01"]);
    assert_eq!(listed(&env, &["--channel", "email"]), [id.as_str()]);
    // the same date: the one recorded later wins
    env.ok(&["optout", &id, "--channel", "email", "--date", "2026-02-01"]);
    assert!(listed(&env, &["--channel", "email"]).is_empty());
    env.ok(&["consent", &id, "--channel", "email", "--date", "2026-02-01"]);
    assert_eq!(listed(&env, &["--channel", "email"]), [id.as_str()]);
    // a withdrawal ends the consent
    env.ok(&["consent", "withdraw", &id, "--channel", "email"]);
    assert!(listed(&env, &["--channel", "email"]).is_empty());
    // an opt-out of everything is not undone by a consent for another channel
    let p = consumer(&env, "Pia", "pia@example.fi");
    env.ok(&["optout", &p, "--channel", "all", "--date", "2026-03-01"]);
    env.ok(&["consent", &p, "--channel", "email", "--date", "2026-04-01"]);
    assert_eq!(listed(&env, &["--channel", "email"]), [p.as_str()]);
    assert!(!listed(&env, &["--channel", "post"]).contains(&p));
    // history is kept, in order, with its source
    let prefs = env.json(&["show", &id])["preferences"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(prefs.len(), 5);
    assert_eq!(prefs[0]["kind"], "optout");
    assert_eq!(prefs[4]["kind"], "withdrawal");
}

#[test]
fn an_opt_out_dated_in_the_future_takes_effect_on_its_date() {
    let env = Env::new();
    let id = contact(&env, "Fred", "fred@firm.fi");
    env.ok(&["optout", &id, "--channel", "email", "--date", "2026-12-01"]);
    assert_eq!(listed(&env, &["--channel", "email"]), [id.as_str()]);
    let later = command(
        &env.db,
        "anne",
        &["marketing-list", "--channel", "email", "--format", "json"],
    )
    .env("PRIVREG_TODAY", "2026-12-01")
    .output()
    .unwrap();
    assert_eq!(String::from_utf8_lossy(&later.stdout).trim(), "[]");
}

#[test]
fn lists_give_the_channels_address_in_every_format() {
    let env = Env::new();
    let id = consumer(&env, "Olli", "olli@example.fi");
    env.ok(&["consent", &id, "--channel", "all", "--purpose", "all"]);
    let rows = env.json(&["marketing-list", "--channel", "email"]);
    assert_eq!(rows[0]["email"], "olli@example.fi");
    assert_eq!(rows[0]["language"], "fi");
    assert!(rows[0].get("phone").is_none());
    let csv = env.ok(&["marketing-list", "--channel", "post", "--format", "csv"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "id,register,first_name,last_name,language,street,postal_code,city,country"
    );
    assert!(csv.contains("Kauppakatu 1,33100,Tampere,FI"), "{csv}");
    let sms = env.ok(&["marketing-list", "--channel", "sms", "--format", "jsonl"]);
    assert!(sms.contains("+358401112222"), "{sms}");
    let table = env.ok(&["marketing-list", "--channel", "email"]);
    assert!(table.contains("olli@example.fi"), "{table}");
    let (action, _, _, _, detail) = env.last_audit();
    assert_eq!(action, "marketing-list");
    assert!(detail.contains("channel=email"), "{detail}");
}

#[test]
fn bad_preference_input_is_refused_and_nothing_written() {
    let env = Env::new();
    let id = consumer(&env, "Bad", "bad@example.fi");
    env.fails(2, &["optout", &id, "--channel", "fax"]);
    env.fails(
        2,
        &["optout", &id, "--channel", "email", "--purpose", "spam"],
    );
    env.fails(
        2,
        &["optout", &id, "--channel", "email", "--source", "pigeon"],
    );
    env.fails(
        3,
        &["optout", &id, "--channel", "email", "--date", "2026-02-30"],
    );
    env.fails(4, &["optout", "C-77", "--channel", "email"]);
    env.fails(2, &["consent", &id]);
    env.fails(3, &["marketing-list", "--channel", "all"]);
    env.fails(2, &["marketing-list"]);
    let n = env.number("SELECT count(*) FROM preferences");
    assert_eq!(n, 0);
}
