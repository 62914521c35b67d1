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
    crate::file_only!();
    let env = Env::new_plain();
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
    let env = Env::new_plain();
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

/// The raw bytes of the register file and its WAL, lower-cased.
fn raw_register(env: &Env) -> String {
    let mut bytes = std::fs::read(&env.db).unwrap();
    let wal = env.db.with_extension("db-wal");
    if wal.exists() {
        bytes.extend(std::fs::read(&wal).unwrap());
    }
    String::from_utf8_lossy(&bytes).to_lowercase()
}

/// Issue #13 (2): the free text of the person's requests (identity
/// method, extension reason, closing note) goes with the erasure, also in
/// a request that quotes them without naming them as a subject.
#[test]
fn erasure_redacts_the_free_text_of_the_persons_requests() {
    let env = Env::new_plain();
    let id = customer_ended(
        &env,
        "Ylvaqrst",
        "ylva@example.fi",
        "2015-01-01",
        "2019-01-01",
    );
    let open = |args: &[&str]| -> String {
        let mut all = vec!["request", "open", "--received", TODAY];
        all.extend_from_slice(args);
        env.ok(&all).split_whitespace().next().unwrap().to_string()
    };
    let req = open(&[
        "--type",
        "erasure",
        "--subject",
        &id,
        "--identity-verified",
        "passport PZ9988776 of Ylvaqrst Test",
    ]);
    env.ok(&[
        "request",
        "extend",
        &req,
        "--reason",
        "Ylvaqrst asked for a copy of her data first",
    ]);
    // no subject, but it quotes her; closed with a note naming her
    let quoting = open(&["--type", "access", "--identity-verified", "phone call"]);
    env.ok(&[
        "request",
        "close",
        &quoting,
        "--outcome",
        "refused",
        "--note",
        "the caller was not Ylvaqrst",
    ]);
    // someone else's request is left alone
    let other = open(&["--type", "access", "--identity-verified", "in person"]);

    let erased = env.json(&[
        "erase",
        &id,
        "--reason",
        "erasure request",
        "--request",
        &req,
    ]);
    let haystack = raw_register(&env);
    for value in ["pz9988776", "ylvaqrst", "copy of her data", "was not"] {
        assert!(
            !haystack.contains(value),
            "{value} is still in the register file or its WAL"
        );
    }
    assert_eq!(
        erased["requests_redacted"],
        serde_json::json!([req.clone(), quoting.clone()])
    );
    let shown = env.json(&["request", "show", &req]);
    let marker = format!("[redacted: {id} was erased]");
    assert_eq!(shown["identity_verified"], marker.as_str());
    assert_eq!(shown["extension_reason"], marker.as_str());
    assert_eq!(shown["subjects"], serde_json::json!([id.clone()]));
    let quoted = env.json(&["request", "show", &quoting]);
    assert_eq!(quoted["identity_verified"], marker.as_str());
    assert_eq!(quoted["note"], marker.as_str());
    assert_eq!(
        env.json(&["request", "show", &other])["identity_verified"],
        "in person"
    );
    assert!(!env.audit_text().to_lowercase().contains("ylvaqrst"));
    env.assert_sound();
}

/// Issue #13 (2): a reason holding any value the person has had, in the
/// forms people write it, is refused; the receipt would keep it forever.
#[test]
fn erase_refuses_a_reason_with_an_old_surname_a_street_a_local_phone_or_an_undashed_hetu() {
    let env = Env::new();
    let id = env.add(
        "customer",
        &[
            "first_name=Kaarlo",
            "last_name=Vanhanimi",
            "hetu=131052-308T",
            "phone=+358 40 987 6543",
            "street=Harvinaisentie 77",
            "relationship_start=2015-01-01",
        ],
    );
    env.ok(&[
        "correct",
        &id,
        "--set",
        "last_name=Uusinimi",
        "--reason",
        "married",
    ]);
    env.ok(&["end", &id, "--date", "2019-01-01"]);
    for (reason, field) in [
        ("asked by letter signed VANHANIMI", "last_name"),
        ("moved from harvinaisentie 77", "street"),
        ("called from 040 987 6543", "phone"),
        ("identified by 131052308T", "hetu"),
        ("Vanhanimen kirje", "last_name"),
    ] {
        let err = env.fails(3, &["erase", &id, "--reason", reason]);
        assert!(
            err.contains("field reason") && err.contains(field),
            "{reason}: {err}"
        );
        let lower = err.to_lowercase();
        for value in ["vanhanimi", "harvinaisentie", "987", "131052", "308t"] {
            assert!(!lower.contains(value), "the value reached stderr: {err}");
        }
    }
    assert_eq!(env.json(&["show", &id])["status"], "ended");
    assert_eq!(env.number("SELECT count(*) FROM erasures"), 0);
    env.ok(&["erase", &id, "--reason", "erasure request by letter"]);
    assert_eq!(env.json(&["show", &id])["status"], "erased");
}

/// Issue #13 (2): while another process holds a read snapshot, an erasure
/// cannot clean the WAL, so it fails at once with exit 7 (also with
/// `--quiet`), erasing nothing; once the reader is gone it succeeds and
/// leaves no trace.
#[test]
fn erase_fails_with_nothing_erased_while_another_process_reads_the_register() {
    let env = Env::new_plain();
    let id = env.add(
        "customer",
        &[
            "first_name=Readerheld",
            "last_name=Snapshotter",
            "hetu=010100A002H",
            "email=held.snapshot@example.fi",
            "phone=040 765 4321",
            "street=Lukijankuja 3",
            "city=Snapshotby",
            "customer_number=RS-99173",
            "username=readerheld77",
            "relationship_start=2015-01-01",
        ],
    );
    env.ok(&["end", &id, "--date", "2019-01-01"]);
    let reader = env.sql();
    reader.execute_batch("BEGIN").unwrap();
    let n: i64 = reader
        .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    let started = std::time::Instant::now();
    let err = env.fails(7, &["--quiet", "erase", &id, "--reason", "erasure request"]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(8),
        "it did not wait for the whole busy timeout"
    );
    assert!(
        err.contains("another process") && err.contains("Nothing was erased"),
        "{err}"
    );
    // nothing erased, and the register still works beside the reader
    assert_eq!(env.json(&["show", &id])["status"], "ended");
    let also = env.fails(7, &["retention", "sweep"]);
    assert!(also.contains("another process"), "{also}");
    assert_eq!(env.json(&["show", &id])["status"], "ended");
    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    assert_eq!(env.number("SELECT count(*) FROM erasures"), 0);

    env.ok(&["--quiet", "erase", &id, "--reason", "erasure request"]);
    let haystack = raw_register(&env);
    for value in [
        "readerheld",
        "snapshotter",
        "010100a002h",
        "held.snapshot",
        "358407654321",
        "lukijankuja",
        "snapshotby",
        "rs-99173",
    ] {
        assert!(!haystack.contains(value), "{value} is still in the file");
    }
    assert_eq!(env.json(&["show", &id])["status"], "erased");
    env.assert_sound();
}

/// Issue #13 (5): a restricted record (Art. 18) is neither erased nor
/// swept nor reported as sweepable, unless an admin gives
/// `--include-restricted`; the refusal names the restriction, not its
/// reason, and the admin is told the person must have been informed.
#[test]
fn a_restricted_record_is_not_erased_or_swept_without_include_restricted() {
    let env = Env::new();
    env.ok(&["operator", "add", "sari", "--role", "staff"]);
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    // all three past retention (a customer ended in 2019: limit 2025-12-31)
    let kept = customer_ended(
        &env,
        "Rajoitettu",
        "r@example.fi",
        "2010-01-01",
        "2019-06-30",
    );
    let swept_later = customer_ended(
        &env,
        "Toinenkin",
        "t@example.fi",
        "2010-01-01",
        "2019-06-30",
    );
    let free = customer_ended(&env, "Vapaa", "v@example.fi", "2010-01-01", "2019-06-30");
    let req = env
        .ok(&[
            "request",
            "open",
            "--type",
            "restriction",
            "--received",
            TODAY,
            "--subject",
            &kept,
        ])
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    env.ok(&[
        "restrict",
        &kept,
        "--reason",
        "disputes accuracy",
        "--request",
        &req,
    ]);
    env.ok(&["restrict", &swept_later, "--reason", "legal claim pending"]);

    let err = env.fails(5, &["erase", &kept, "--reason", "erasure request"]);
    assert!(
        err.contains("restricted")
            && err.contains(&req)
            && err.contains("Art. 18")
            && err.contains("--include-restricted"),
        "{err}"
    );
    assert!(!err.contains("disputes"), "the reason is free text: {err}");
    let (action, outcome, records, ..) = env.last_audit();
    assert_eq!(
        (action.as_str(), outcome.as_str(), records.as_str()),
        ("erase", "refused", kept.as_str())
    );
    assert!(!env.audit_text().contains("disputes"));

    let ids = |v: serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(env.json(&["retention", "report"])), [free.as_str()]);
    assert_eq!(
        ids(env.json(&["retention", "report", "--include-restricted"])),
        [kept.clone(), swept_later.clone(), free.clone()]
    );
    env.as_op("aki")
        .fails(5, &["retention", "report", "--include-restricted"]);
    env.as_op("sari")
        .fails(5, &["retention", "report", "--include-restricted"]);
    // the sweep redacts requests too
    let free_req = env
        .ok(&[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            TODAY,
            "--identity-verified",
            "passport of Vapaa",
        ])
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(ids(env.json(&["retention", "sweep"])), [free.as_str()]);
    assert_eq!(
        env.json(&["request", "show", &free_req])["identity_verified"],
        format!("[redacted: {free} was erased]")
    );
    assert_eq!(env.json(&["show", &kept])["status"], "restricted");
    assert_eq!(env.json(&["show", &swept_later])["status"], "restricted");

    // staff may not erase at all, with the flag or without
    env.as_op("sari").fails(
        5,
        &[
            "erase",
            &kept,
            "--reason",
            "erasure request",
            "--include-restricted",
        ],
    );
    assert_eq!(env.json(&["show", &kept])["status"], "restricted");

    let out = env.ok(&[
        "erase",
        &kept,
        "--reason",
        "erasure request",
        "--include-restricted",
    ]);
    assert!(
        out.contains("Art. 18(3)") && out.contains(&req),
        "the admin is told: {out}"
    );
    assert_eq!(env.json(&["show", &kept])["status"], "erased");
    let (_, _, _, _, detail) = env.last_audit_of("erase");
    assert!(detail.contains("restriction-ended"), "{detail}");

    let swept = env
        .cmd(&[
            "--format",
            "json",
            "retention",
            "sweep",
            "--include-restricted",
        ])
        .output()
        .unwrap();
    assert!(swept.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&swept.stdout).unwrap();
    assert_eq!(ids(rows.clone()), [swept_later.as_str()]);
    assert!(!rows[0]["restricted_since"].is_null(), "{rows}");
    let notice = String::from_utf8_lossy(&swept.stderr);
    assert!(
        notice.contains(&swept_later) && notice.contains("Art. 18(3)"),
        "{notice}"
    );
    assert_eq!(env.json(&["show", &swept_later])["status"], "erased");
}

/// Erasures started together each need the register to themselves: they
/// take turns rather than block each other until both give up.
#[test]
fn erasures_started_together_take_turns() {
    let env = Env::new_plain();
    let ids: Vec<String> = (0..3)
        .map(|i| {
            customer_ended(
                &env,
                &format!("Yhtaaikaa{}", ["a", "b", "c"][i]),
                &format!("yhta{i}@example.fi"),
                "2015-01-01",
                "2019-01-01",
            )
        })
        .collect();
    let children: Vec<std::process::Child> = ids
        .iter()
        .map(|id| {
            std_command(
                &env.db,
                "anne",
                &["erase", id, "--reason", "erasure request"],
            )
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for id in &ids {
        assert_eq!(env.json(&["show", id])["status"], "erased");
    }
    assert!(!raw_register(&env).contains("yhtaaikaa"));
    env.assert_sound();
}
