//! Erasure, holds, suppression and retention (issue #4).

use crate::util::*;

fn customer_ended(env: &Env, first: &str, email: &str, start: &str, end: &str) -> String {
    let id = env.add(
        "customer",
        &[
            &format!("first_name={first}"),
            "last_name=Test",
            &format!("email={email}"),
            &format!("relationship_start={start}"),
        ],
    );
    env.ok(&["end", &id, "--date", end]);
    id
}

#[test]
fn an_active_relationship_holds_until_overridden_and_the_receipt_says_so() {
    let env = Env::new();
    let id = matti(&env);
    let err = env.fails(5, &["erase", &id, "--reason", "request by letter"]);
    assert!(
        err.contains("relationship is active") && err.contains("--override-hold"),
        "{err}"
    );
    let (action, outcome, records, ..) = env.last_audit();
    assert_eq!((action.as_str(), outcome.as_str()), ("erase", "refused"));
    assert_eq!(records, id, "the refusal names the record");
    env.ok(&[
        "erase",
        &id,
        "--reason",
        "request by letter",
        "--override-hold",
    ]);
    let receipt = env.json(&["show", &id]);
    assert_eq!(receipt["status"], "erased");
    assert_eq!(receipt["erased_by"], "anne");
    assert_eq!(receipt["reason"], "request by letter");
    assert_eq!(receipt["holds_overridden"], "active");
    assert!(receipt.get("first_name").is_none());
    assert!(env
        .json(&["search", "matti", "--include-ended"])
        .as_array()
        .unwrap()
        .is_empty());
    env.fails(4, &["correct", &id, "--set", "city=X", "--reason", "x"]);
    // ids are never reused, also when the highest was erased
    assert_eq!(
        env.add("customer", &["first_name=New", "last_name=Person"]),
        "C-2"
    );
}

#[test]
fn the_aml_hold_cannot_be_overridden() {
    let env = Env::new();
    let id = env.add(
        "business",
        &[
            "first_name=A",
            "last_name=B",
            "organisation=X Oy",
            "business_id=2617416-4",
            "role=beneficial-owner",
            "relationship_start=2020-01-01",
            "aml_identified_on=2020-01-02",
            "aml_id_document=passport",
        ],
    );
    env.ok(&["end", &id, "--date", "2022-03-15"]);
    let err = env.fails(5, &["erase", &id, "--reason", "request", "--override-hold"]);
    assert!(
        err.contains("until 2027-03-15") && err.contains("cannot be overridden"),
        "{err}"
    );
    // without AML data an ended business contact has no hold
    let plain = env.add(
        "business",
        &[
            "first_name=C",
            "last_name=D",
            "organisation=X Oy",
            "business_id=2617416-4",
            "role=contact",
            "relationship_start=2020-01-01",
        ],
    );
    env.ok(&["end", &plain, "--date", "2022-03-15"]);
    env.ok(&["erase", &plain, "--reason", "request"]);
    // five years to the day after the end, the AML hold is over
    let later = command(
        &env.db,
        "anne",
        &["erase", &id, "--reason", "retention over"],
    )
    .env("PRIVREG_TODAY", "2027-03-15")
    .output()
    .unwrap();
    assert!(
        later.status.success(),
        "{}",
        String::from_utf8_lossy(&later.stderr)
    );
}

#[test]
fn employee_and_recruitment_holds() {
    let env = Env::new();
    let employed = env.add(
        "employee",
        &[
            "first_name=E",
            "last_name=E",
            "hetu=131052-308T",
            "employment_start=2020-01-01",
        ],
    );
    let err = env.fails(5, &["erase", &employed, "--reason", "x", "--override-hold"]);
    assert!(err.contains("employment is active"), "{err}");
    env.ok(&["end", &employed, "--date", "2026-06-30"]);
    let err = env.fails(5, &["erase", &employed, "--reason", "x"]);
    assert!(err.contains("until 2036-06-30"), "{err}");
    env.ok(&["erase", &employed, "--reason", "x", "--override-hold"]);

    let applicant = env.add(
        "recruitment",
        &[
            "first_name=R",
            "last_name=R",
            "position=dev",
            "applied_on=2026-01-01",
        ],
    );
    env.ok(&[
        "end",
        &applicant,
        "--date",
        "2026-05-01",
        "--status",
        "rejected",
    ]);
    let err = env.fails(5, &["erase", &applicant, "--reason", "x"]);
    assert!(err.contains("until 2027-05-01"), "{err}");
    let old = env.add(
        "recruitment",
        &[
            "first_name=S",
            "last_name=S",
            "position=dev",
            "applied_on=2025-01-01",
        ],
    );
    env.ok(&["end", &old, "--date", "2025-11-24", "--status", "withdrawn"]);
    env.ok(&["erase", &old, "--reason", "x"]);
}

#[test]
fn manual_holds_block_until_released_and_roles_apply() {
    let env = Env::new();
    env.ok(&["operator", "add", "sari", "--role", "staff"]);
    let id = customer_ended(
        &env,
        "Hanna",
        "hanna@example.fi",
        "2015-01-01",
        "2019-01-01",
    );
    let hold = env.as_op("sari").ok(&[
        "hold",
        "add",
        &id,
        "--reason",
        "invoice in collection",
        "--until",
        "2027-06-30",
    ]);
    let hold_id = hold.split_whitespace().nth(1).unwrap().to_string();
    env.as_op("sari").fails(5, &["erase", &id, "--reason", "x"]);
    let err = env.fails(5, &["erase", &id, "--reason", "x"]);
    assert!(
        err.contains(&format!("manual hold {hold_id}")) && err.contains("until 2027-06-30"),
        "{err}"
    );
    assert!(
        !err.contains("invoice"),
        "a manual hold's free text is not echoed: {err}"
    );
    let shown = env.json(&["show", &id]);
    assert_eq!(shown["holds"][0]["kind"], "manual");
    env.as_op("sari").fails(5, &["hold", "release", &hold_id]);
    env.ok(&["hold", "release", &hold_id]);
    env.fails(3, &["hold", "release", &hold_id]);
    env.fails(4, &["hold", "release", "999"]);
    env.fails(
        3,
        &["hold", "add", &id, "--reason", "x", "--until", "2020-01-01"],
    );
    env.ok(&["erase", &id, "--reason", "x", "--dry-run"]);
    env.ok(&["show", &id]);
    env.ok(&["erase", &id, "--reason", "x"]);
}

#[test]
fn the_reason_must_not_carry_the_persons_data() {
    let env = Env::new();
    let id = customer_ended(
        &env,
        "Kristiina",
        "kris@example.fi",
        "2015-01-01",
        "2019-01-01",
    );
    let err = env.fails(3, &["erase", &id, "--reason", "Kristiina asked by phone"]);
    assert!(
        err.contains("field reason") && !err.contains("Kristiina asked"),
        "{err}"
    );
    env.ok(&["erase", &id, "--reason", "asked by phone"]);
}

/// Every value given to a person, and the forms the search index folds
/// them to, must be gone from the file and its WAL after the erasure.
#[test]
fn erasure_leaves_no_trace_in_the_file_or_its_wal() {
    let env = Env::new();
    let id = env.add(
        "customer",
        &[
            "first_name=Zyxwvuts",
            "last_name=Qwertyäöå",
            "hetu=131052-308T",
            "email=zyx.unique@qwerty-mail.fi",
            "phone=+358 40 987 6543",
            "street=Harvinaisentie 77",
            "city=Kuvitteellinen",
            "customer_number=CN-77311",
            "relationship_start=2015-01-01",
        ],
    );
    env.ok(&[
        "correct",
        &id,
        "--set",
        "city=Eriskummallinen",
        "--set",
        "street=Poikkeuksellisenkatu 5",
        "--reason",
        "moved",
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
        "Interestnoteuniq",
        "--evidence",
        "Evidencetextuniq",
    ]);
    env.ok(&["optout", &id, "--channel", "sms", "--source", "letter"]);
    env.ok(&[
        "hold",
        "add",
        &id,
        "--reason",
        "Holdreasonuniq",
        "--until",
        "2026-12-01",
    ]);
    env.ok(&["end", &id, "--date", "2019-01-01"]);
    let hold_id = env.number("SELECT id FROM holds");
    env.ok(&["hold", "release", &hold_id.to_string()]);
    env.ok(&["erase", &id, "--reason", "erasure request"]);

    let mut bytes = std::fs::read(&env.db).unwrap();
    let wal = env.db.with_extension("db-wal");
    if wal.exists() {
        bytes.extend(std::fs::read(&wal).unwrap());
    }
    let haystack = String::from_utf8_lossy(&bytes).to_lowercase();
    for value in [
        "zyxwvuts",
        "qwertyäöå",
        "qwertyaoa",
        "131052-308t",
        "zyx.unique",
        "qwerty-mail",
        "358409876543",
        "harvinaisentie",
        "kuvitteellinen",
        "cn-77311",
        "eriskummallinen",
        "poikkeuksellisenkatu",
        "interestnoteuniq",
        "evidencetextuniq",
        "holdreasonuniq",
    ] {
        assert!(
            !haystack.contains(value),
            "{value} is still in the register file"
        );
    }
    env.assert_sound();
}

#[test]
fn a_person_erased_after_an_opt_out_stays_suppressed_until_a_new_consent() {
    let env = Env::new();
    let first = customer_ended(
        &env,
        "Sanna",
        "Sanna.S@example.fi",
        "2015-01-01",
        "2019-01-01",
    );
    env.ok(&["optout", &first, "--channel", "email"]);
    let erased = env.json(&["erase", &first, "--reason", "erasure request"]);
    assert_eq!(erased["suppressed"], true);
    let hashes = env.number("SELECT count(*) FROM suppression");
    assert_eq!(hashes, 1);

    // added again, by the same e-mail in another spelling, with an address for post
    let again = env.add(
        "customer",
        &[
            "first_name=Sanna",
            "last_name=S",
            "email=sanna.s@EXAMPLE.fi",
            "street=Katu 1",
            "postal_code=00100",
            "city=Helsinki",
        ],
    );
    let list = |channel: &str| -> Vec<String> {
        env.json(&[
            "marketing-list",
            "--channel",
            channel,
            "--existing-customers",
        ])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
    };
    assert!(list("post").is_empty(), "suppressed from every channel");
    assert!(list("email").is_empty());
    let shown = env.json(&["show", &again]);
    assert!(
        shown["notices"].to_string().contains("suppression list"),
        "{shown}"
    );
    // a new consent lifts it for what it covers
    env.ok(&["consent", &again, "--channel", "email"]);
    assert_eq!(list("email"), [again.as_str()]);
    assert!(list("post").is_empty());

    // someone who never opted out leaves no hash behind
    let other = customer_ended(&env, "Olli", "olli@example.fi", "2015-01-01", "2019-01-01");
    env.ok(&["erase", &other, "--reason", "erasure request"]);
    let hashes = env.number("SELECT count(*) FROM suppression");
    assert_eq!(hashes, 1);
}

#[test]
fn retention_report_and_sweep() {
    let env = Env::new();
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    // Issue #18: the customer limit counts from the end of the calendar
    // year in which the relationship ended (Accounting Act 2:10).
    let expired = customer_ended(
        &env,
        "Vanha",
        "vanha@example.fi",
        "2010-01-01",
        "2019-11-24",
    );
    let recent = customer_ended(&env, "Uusi", "uusi@example.fi", "2010-01-01", "2020-01-01");
    let held = customer_ended(
        &env,
        "Pidetty",
        "pidetty@example.fi",
        "2010-01-01",
        "2019-01-01",
    );
    env.ok(&[
        "hold",
        "add",
        &held,
        "--reason",
        "dispute",
        "--until",
        "2027-01-01",
    ]);
    let applicant = env.add(
        "recruitment",
        &[
            "first_name=H",
            "last_name=H",
            "position=dev",
            "applied_on=2024-01-01",
        ],
    );
    env.ok(&[
        "end",
        &applicant,
        "--date",
        "2024-02-29",
        "--status",
        "rejected",
    ]);
    matti(&env);

    let report = |as_of: &str| -> Vec<(String, String)> {
        env.json(&["retention", "report", "--as-of", as_of])
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().to_string(),
                    r["retention_limit"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // ended in 2019: kept through 2025-12-31, erasable from 2026-01-01;
    // a 29 February decision counts to 28 February
    assert_eq!(
        report(TODAY),
        [
            (expired.clone(), "2025-12-31".into()),
            (applicant.clone(), "2026-02-28".into())
        ]
    );
    assert_eq!(report("2025-12-31"), []);
    assert_eq!(report("2026-01-01").len(), 1);
    // ended on 2020-01-01: kept through 2026-12-31 (not 2026-01-01)
    assert_eq!(report("2026-12-31").len(), 2);
    assert_eq!(report("2027-01-01").len(), 4, "the manual hold ends too");
    let rows = env.json(&["retention", "report"]);
    assert_eq!(rows[0]["erasable_from"], "2026-01-01");
    assert!(env
        .as_op("aki")
        .ok(&["retention", "report"])
        .contains(&expired));
    env.as_op("aki").fails(5, &["retention", "sweep"]);

    let planned = env.json(&["retention", "sweep", "--dry-run"]);
    assert_eq!(planned.as_array().unwrap().len(), 2);
    assert_eq!(env.json(&["show", &expired])["status"], "ended");
    env.fails(3, &["retention", "sweep", "--as-of", "2027-01-01"]);
    let swept = env.json(&["retention", "sweep"]);
    assert_eq!(swept.as_array().unwrap().len(), 2);
    assert_eq!(env.json(&["show", &expired])["status"], "erased");
    assert_eq!(env.json(&["show", &applicant])["status"], "erased");
    assert_eq!(env.json(&["show", &recent])["status"], "ended");
    assert_eq!(env.json(&["show", &held])["status"], "ended");
    let erasures =
        env.number("SELECT count(*) FROM audit WHERE action = 'erase' AND outcome = 'ok'");
    assert_eq!(erasures, 2);
    env.ok(&["audit", "verify"]);
    assert!(report(TODAY).is_empty());
}

#[test]
fn erase_names_the_recipients_who_must_be_told() {
    let env = Env::new();
    let id = customer_ended(&env, "Dora", "dora@example.fi", "2015-01-01", "2019-01-01");
    env.ok(&[
        "disclose",
        &id,
        "--recipient",
        "Perintä Oy",
        "--category",
        "debt-collection",
        "--data",
        "name, address, invoice",
        "--basis",
        "legitimate-interest",
    ]);
    let out = env.ok(&["erase", &id, "--reason", "erasure request"]);
    assert!(
        out.contains("Art. 19") && out.contains("Perintä Oy"),
        "{out}"
    );
    let bytes = std::fs::read(&env.db).unwrap();
    assert!(
        !String::from_utf8_lossy(&bytes).contains("name, address, invoice"),
        "disclosure text erased too"
    );
}
