//! `request open/extend/close/list/show` (issue 7): due dates by DOMAIN §6,
//! one extension, closing, overdue listings and a request's history.

use serde_json::Value;

use crate::util::*;

fn count(env: &Env, table: &str) -> i64 {
    // through the helper, so that it counts on a server register too
    env.number(&format!("SELECT count(*) FROM {table}"))
}

/// Every request row and subject as text, and the audit length: equal
/// before and after a refused command means nothing was written.
fn snapshot(env: &Env) -> (String, String, i64) {
    let requests = env.rows(
        "SELECT number, type, received, due, extended, extension_reason, status, outcome, note, closed_at FROM requests ORDER BY number",
    );
    let subjects =
        env.rows("SELECT request, subject FROM request_subjects ORDER BY request, subject");
    (
        format!("{requests:?}"),
        format!("{subjects:?}"),
        count(env, "audit"),
    )
}

fn open(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["request", "open"];
    all.extend_from_slice(args);
    env.ok(&all).trim().to_string()
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn open_prints_the_id_and_due_date_and_json_has_every_key() {
    let env = Env::new();
    let c1 = matti(&env);
    let c2 = env.add("customer", &["first_name=Liisa", "last_name=Laine"]);
    // 2026-12-20 is a Sunday: due the next Monday.
    assert_eq!(
        open(&env, &["--type", "access", "--received", "2026-11-20"]),
        "REQ-1 due 2026-12-21"
    );
    let r = env.json(&[
        "request",
        "open",
        "--type",
        "rectification",
        "--received",
        "31.3.2026",
        "--subject",
        &c2,
        "--subject",
        &c1,
        "--subject",
        &c2,
        "--channel",
        "in-person",
        "--identity-verified",
        "driving licence",
    ]);
    let keys: Vec<&str> = r.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "id",
            "type",
            "received",
            "due",
            "extended",
            "status",
            "subjects",
            "channel",
            "identity_verified",
            "outcome"
        ]
    );
    assert_eq!(r["id"], "REQ-2");
    assert_eq!(r["type"], "rectification");
    assert_eq!(r["received"], "2026-03-31");
    assert_eq!(r["due"], "2026-04-30", "DOMAIN §6 worked example");
    assert_eq!(r["extended"], false);
    assert_eq!(r["status"], "open");
    assert_eq!(r["subjects"], serde_json::json!([c2, c1]));
    assert_eq!(r["channel"], "in-person");
    assert_eq!(r["identity_verified"], "driving licence");
    assert!(r["outcome"].is_null());
    // the audit entry names the request and its subjects
    let (action, outcome, records, _, detail) = env.last_audit();
    assert_eq!((action.as_str(), outcome.as_str()), ("request-open", "ok"));
    assert_eq!(records, "C-2,C-1");
    assert_eq!(detail, "type=rectification channel=in-person");
    // in a csv cell the subjects are ids separated by spaces, not JSON
    let csv = env.ok(&["--format", "csv", "request", "list"]);
    assert!(csv.contains(&format!(",{c2} {c1},")), "{csv}");
}

#[test]
fn due_dates_skip_weekends_and_finnish_holidays() {
    let env = Env::new();
    let cases = [
        ("2026-03-31", "2026-04-30", "month end, a Thursday"),
        ("2026-03-06", "2026-04-07", "Easter Monday 2026-04-06"),
        ("2026-05-20", "2026-06-22", "Midsummer Day, a Saturday"),
        ("2026-10-01", "2026-11-02", "a Sunday after All Saints' Day"),
        ("2025-11-24", "2025-12-29", "Christmas Eve to Sunday"),
        ("2025-11-06", "2025-12-08", "Independence Day, a Saturday"),
        ("2025-12-01", "2026-01-02", "New Year's Day"),
        ("2024-01-29", "2024-02-29", "leap day"),
        ("2025-01-31", "2025-02-28", "no 31 February"),
    ];
    for (received, due, why) in cases {
        let r = env.json(&[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            received,
        ]);
        assert_eq!(r["due"], due, "{received}: {why}");
    }
}

#[test]
fn bad_input_to_open_is_refused_and_nothing_is_written() {
    let env = Env::new();
    matti(&env);
    let before = snapshot(&env);
    let err = env.fails(
        3,
        &[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            "2026-02-30",
        ],
    );
    assert!(
        err.contains("field received") && err.contains("not a real date"),
        "{err}"
    );
    let err = env.fails(
        3,
        &[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            "2026-11-25",
        ],
    );
    assert!(err.contains("in the future"), "{err}");
    let err = env.fails(
        2,
        &[
            "request",
            "open",
            "--type",
            "complaint",
            "--received",
            "2026-11-01",
        ],
    );
    assert!(err.contains("--type"), "{err}");
    env.fails(
        2,
        &[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            "2026-11-01",
            "--channel",
            "fax",
        ],
    );
    env.fails(2, &["request", "open", "--type", "access"]);
    env.fails(
        2,
        &[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            "2026-11-01",
            "--subject",
            "X-1",
        ],
    );
    let err = env.fails(
        4,
        &[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            "2026-11-01",
            "--subject",
            "C-1",
            "--subject",
            "C-9",
        ],
    );
    assert!(err.contains("C-9"), "{err}");
    let err = env.fails(
        3,
        &[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            "2026-11-01",
            "--identity-verified",
            "  ",
        ],
    );
    assert!(err.contains("field identity_verified"), "{err}");
    assert_eq!(snapshot(&env), before);
    assert_eq!(count(&env, "requests"), 0);
}

#[test]
fn extension_is_three_months_after_receipt_once() {
    let env = Env::new();
    open(&env, &["--type", "erasure", "--received", "2026-11-20"]);
    let r = env.json(&["request", "extend", "REQ-1", "--reason", "many records"]);
    // 2027-02-20 is a Saturday.
    assert_eq!(r["due"], "2027-02-22");
    assert_eq!(r["extended"], true);
    assert_eq!(r["status"], "open");
    let before = snapshot(&env);
    let err = env.fails(3, &["request", "extend", "REQ-1", "--reason", "again"]);
    assert!(
        err.contains("REQ-1") && err.contains("already extended") && err.contains("one extension"),
        "{err}"
    );
    assert!(!err.contains("again"), "{err}");
    assert_eq!(snapshot(&env), before);

    // the plain form, lower-case id
    open(&env, &["--type", "access", "--received", "2026-11-10"]);
    let out = env.ok(&["request", "extend", "req-2", "--reason", "complex"]);
    assert!(out.starts_with("REQ-2 extended: due 2027-02-10"), "{out}");
    let shown = env.json(&["request", "show", "REQ-2"]);
    assert_eq!(shown["extension_reason"], "complex");
    assert_eq!(shown["extended_by"], "anne");
}

#[test]
fn an_extension_must_come_in_time_and_with_a_reason() {
    let env = Env::new();
    // due 2026-11-02, today is 2026-11-24: too late to extend
    open(&env, &["--type", "access", "--received", "2026-10-01"]);
    open(&env, &["--type", "access", "--received", "2026-11-20"]);
    let before = snapshot(&env);
    let err = env.fails(3, &["request", "extend", "REQ-1", "--reason", "late"]);
    assert!(
        err.contains("2026-11-02") && err.contains("first month"),
        "{err}"
    );
    let err = env.fails(3, &["request", "extend", "REQ-2", "--reason", " "]);
    assert!(err.contains("field reason"), "{err}");
    env.fails(2, &["request", "extend", "REQ-2"]);
    env.fails(4, &["request", "extend", "REQ-9", "--reason", "x"]);
    env.fails(2, &["request", "extend", "REQ-x", "--reason", "x"]);
    env.ok(&["request", "close", "REQ-2", "--outcome", "refused"]);
    let before_closed = snapshot(&env);
    let err = env.fails(3, &["request", "extend", "REQ-2", "--reason", "x"]);
    assert!(err.contains("closed"), "{err}");
    assert_eq!(snapshot(&env), before_closed);
    assert_ne!(before, before_closed);
}

#[test]
fn closing_records_the_outcome_and_a_closed_request_stays_closed() {
    let env = Env::new();
    open(&env, &["--type", "access", "--received", "2026-11-20"]);
    open(&env, &["--type", "access", "--received", "2026-10-20"]);
    assert_eq!(
        env.ok(&["request", "close", "REQ-1", "--outcome", "fulfilled"])
            .trim(),
        "REQ-1 closed: fulfilled"
    );
    // closed after its due date: the output says how late
    let out = env.ok(&[
        "request",
        "close",
        "REQ-2",
        "--outcome",
        "partial",
        "--note",
        "sent by letter",
    ]);
    assert!(
        out.contains("4 days after its due date 2026-11-20"),
        "{out}"
    );
    let r = env.json(&["request", "show", "REQ-2"]);
    assert_eq!(r["status"], "closed");
    assert_eq!(r["outcome"], "partial");
    assert_eq!(r["note"], "sent by letter");
    assert_eq!(r["closed_by"], "anne");

    let before = snapshot(&env);
    let err = env.fails(
        3,
        &[
            "request",
            "close",
            "REQ-1",
            "--outcome",
            "refused",
            "--note",
            "n",
        ],
    );
    assert!(
        err.contains("REQ-1 is already closed (outcome fulfilled"),
        "{err}"
    );
    env.fails(2, &["request", "close", "REQ-1", "--outcome", "done"]);
    env.fails(2, &["request", "close", "REQ-1"]);
    env.fails(4, &["request", "close", "REQ-3", "--outcome", "fulfilled"]);
    assert_eq!(snapshot(&env), before);
}

#[test]
fn list_marks_overdue_and_soon_due_requests_as_of_a_date() {
    let env = Env::new();
    // due 2026-11-02: overdue on 2026-11-24
    open(&env, &["--type", "access", "--received", "2026-10-01"]);
    // due 2026-11-30 (2026-11-28 is a Saturday): within 7 days
    open(&env, &["--type", "erasure", "--received", "2026-10-28"]);
    // due 2026-12-21
    open(&env, &["--type", "objection", "--received", "2026-11-20"]);
    // due 2026-10-01, closed: never overdue
    open(&env, &["--type", "portability", "--received", "2026-09-01"]);
    env.ok(&["request", "close", "REQ-4", "--outcome", "fulfilled"]);

    let all = env.json(&["request", "list"]);
    assert_eq!(
        ids(&all),
        ["REQ-4", "REQ-1", "REQ-2", "REQ-3"],
        "by due date"
    );
    let flags: Vec<&Value> = all.as_array().unwrap().iter().map(|r| &r["flag"]).collect();
    assert_eq!(
        flags,
        [
            &Value::Null,
            &"OVERDUE".into(),
            &"due soon".into(),
            &Value::Null
        ]
    );
    let overdue: Vec<bool> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["overdue"].as_bool().unwrap())
        .collect();
    assert_eq!(overdue, [false, true, false, false]);
    // the colour hint is for tables only
    assert!(all[1].get("_colour_due").is_none());

    assert_eq!(
        ids(&env.json(&["request", "list", "--open"])),
        ["REQ-1", "REQ-2", "REQ-3"]
    );
    assert_eq!(ids(&env.json(&["request", "list", "--overdue"])), ["REQ-1"]);
    assert_eq!(
        ids(&env.json(&["request", "list", "--overdue", "--as-of", "1.12.2026"])),
        ["REQ-1", "REQ-2"]
    );
    assert_eq!(
        ids(&env.json(&["request", "list", "--overdue", "--as-of", "2027-01-01"])),
        ["REQ-1", "REQ-2", "REQ-3"]
    );
    let none = env.json(&["request", "list", "--overdue", "--as-of", "2026-10-15"]);
    assert_eq!(none, serde_json::json!([]));
    // as of 2026-10-28, REQ-1 (due 2026-11-02) is due soon and nothing is overdue
    let early = env.json(&["request", "list", "--open", "--as-of", "2026-10-28"]);
    assert_eq!(early[0]["flag"], "due soon");
    assert_eq!(early[1]["flag"], Value::Null);

    // a table marks them in text, also without colour (NO_COLOR is set)
    let table = env.ok(&["request", "list"]);
    let line = |id: &str| {
        table
            .lines()
            .find(|l| l.contains(&format!(" {id} ")))
            .unwrap_or_else(|| panic!("{id} missing:\n{table}"))
            .to_string()
    };
    assert!(line("REQ-1").contains("OVERDUE"), "{table}");
    assert!(line("REQ-2").contains("due soon"), "{table}");
    assert!(!line("REQ-3").contains("OVERDUE") && !line("REQ-3").contains("due soon"));
    assert!(!line("REQ-4").contains("OVERDUE"), "{table}");
    assert!(!table.contains('\u{1b}'), "no colour codes with NO_COLOR");
    let csv = env.ok(&["--format", "csv", "request", "list", "--overdue"]);
    assert!(csv.starts_with("id,type,received,due,extended,status,subjects,channel,identity_verified,outcome,overdue,flag\n"), "{csv}");

    let err = env.fails(3, &["request", "list", "--as-of", "2026-02-30"]);
    assert!(err.contains("field as_of"), "{err}");
    let (action, _, _, _, detail) = env.last_audit();
    assert_eq!(action, "request-list");
    assert_eq!(detail, "as-of=2026-11-24 overdue", "the last listing (csv)");
}

#[test]
fn show_has_the_history_of_what_was_done_for_the_request() {
    let env = Env::new();
    let id = matti(&env);
    open(
        &env,
        &[
            "--type",
            "rectification",
            "--received",
            "2026-11-20",
            "--subject",
            &id,
        ],
    );
    open(&env, &["--type", "access", "--received", "2026-11-20"]);
    env.ok(&[
        "correct",
        &id,
        "--set",
        "city=Turku",
        "--reason",
        "moved",
        "--request",
        "req-1",
    ]);
    env.ok(&[
        "restrict",
        &id,
        "--reason",
        "accuracy contested",
        "--request",
        "REQ-1",
    ]);
    env.ok(&["restrict", "lift", &id]);
    env.ok(&[
        "request",
        "extend",
        "REQ-1",
        "--reason",
        "waiting for documents",
    ]);
    env.ok(&["request", "close", "REQ-1", "--outcome", "fulfilled"]);
    // work on another request is not in this one's history
    env.ok(&["request", "close", "REQ-2", "--outcome", "fulfilled"]);
    env.ok(&["request", "show", "REQ-1"]);

    let shown = env.json(&["request", "show", "REQ-1"]);
    assert_eq!(shown["id"], "REQ-1");
    assert_eq!(shown["subjects"], serde_json::json!([id]));
    let history = shown["history"].as_array().unwrap();
    let actions: Vec<&str> = history
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "request-open",
            "correct",
            "restrict",
            "restrict-lift",
            "request-extend",
            "request-close"
        ]
    );
    assert_eq!(history[1]["records"], id.as_str());
    assert_eq!(history[1]["fields"], "city");
    assert!(history.iter().all(|h| h["operator"] == "anne"));
    // the table form prints the history too
    let table = env.ok(&["request", "show", "REQ-1"]);
    assert!(
        table.contains("history:") && table.contains("restrict-lift"),
        "{table}"
    );

    // --request must name a request that exists
    let err = env.fails(
        4,
        &[
            "correct",
            &id,
            "--set",
            "city=Oulu",
            "--reason",
            "r",
            "--request",
            "REQ-7",
        ],
    );
    assert!(err.contains("no request REQ-7"), "{err}");
    env.fails(
        3,
        &[
            "correct",
            &id,
            "--set",
            "city=Oulu",
            "--reason",
            "r",
            "--request",
            "7",
        ],
    );
    env.fails(4, &["request", "show", "REQ-7"]);
    env.fails(2, &["request", "show", "C-1"]);
}

#[test]
fn auditors_may_list_and_show_requests_but_not_change_them() {
    let env = Env::new();
    let id = matti(&env);
    env.ok(&["operator", "add", "aino", "--role", "auditor"]);
    env.ok(&["operator", "add", "sami", "--role", "staff"]);
    let sami = env.as_op("sami");
    sami.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--received",
        "2026-11-20",
        "--subject",
        &id,
    ]);
    let aino = env.as_op("aino");
    aino.ok(&["request", "list"]);
    aino.ok(&["request", "show", "REQ-1"]);
    let before = snapshot(&env);
    for args in [
        &[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            "2026-11-20",
        ][..],
        &["request", "extend", "REQ-1", "--reason", "x"],
        &["request", "close", "REQ-1", "--outcome", "fulfilled"],
        &["restrict", &id, "--reason", "x"],
        &["restrict", "lift", &id],
        &[
            "disclose",
            &id,
            "--recipient",
            "X Oy",
            "--category",
            "other",
            "--data",
            "name",
            "--basis",
            "contract",
        ],
    ] {
        let err = aino.fails(5, args);
        assert!(err.contains("needs the staff role"), "{args:?}: {err}");
    }
    let (requests, subjects, audit) = snapshot(&env);
    assert_eq!((requests, subjects), (before.0, before.1));
    assert_eq!(audit, before.2 + 6, "each refusal is audited");
}

#[test]
fn the_audit_log_holds_no_personal_values_from_these_commands() {
    let env = Env::new();
    let id = matti(&env);
    let secrets = [
        "Passport-QX4711",
        "Reason-Extension-Zebra",
        "Note-Closing-Walrus",
        "Reason-Restrict-Otter",
        "Data-Text-Heron",
        "Recipient-Person-Ilmari",
    ];
    env.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--received",
        "2026-11-20",
        "--subject",
        &id,
        "--identity-verified",
        secrets[0],
    ]);
    env.ok(&["request", "extend", "REQ-1", "--reason", secrets[1]]);
    env.ok(&[
        "disclose",
        &id,
        "--recipient",
        secrets[5],
        "--category",
        "other",
        "--data",
        secrets[4],
        "--basis",
        "consent",
    ]);
    // a refused transfer is audited with its reason, not its values
    env.fails(
        5,
        &[
            "disclose",
            &id,
            "--recipient",
            secrets[5],
            "--category",
            "other",
            "--data",
            secrets[4],
            "--basis",
            "consent",
            "--country",
            "CN",
        ],
    );
    env.ok(&[
        "restrict",
        &id,
        "--reason",
        secrets[3],
        "--request",
        "REQ-1",
    ]);
    env.ok(&["restrict", "lift", &id]);
    env.ok(&[
        "request",
        "close",
        "REQ-1",
        "--outcome",
        "fulfilled",
        "--note",
        secrets[2],
    ]);
    env.ok(&["request", "list"]);
    env.ok(&["request", "show", "REQ-1"]);
    let audit = env.audit_text();
    for s in secrets {
        assert!(!audit.contains(s), "{s} in the audit log:\n{audit}");
    }
    for name in ["Matti", "Mäkinen", "131052"] {
        assert!(!audit.contains(name), "{name} in the audit log:\n{audit}");
    }
    // every command left its entry
    for action in [
        "request-open",
        "request-extend",
        "restrict",
        "disclose",
        "restrict-lift",
        "request-close",
        "request-list",
        "request-show",
    ] {
        assert!(audit.contains(action), "{action}");
    }
    env.ok(&["audit", "verify"]);
}
