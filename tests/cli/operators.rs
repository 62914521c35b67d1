//! Operators, roles and the controller.

use crate::util::*;

#[test]
fn operators_are_added_listed_and_disabled() {
    let env = Env::new();
    env.ok(&["operator", "add", "sari", "--role", "staff"]);
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    let list = env.json(&["operator", "list"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["aki", "anne", "sari"]);
    env.fails(6, &["operator", "add", "sari", "--role", "admin"]);
    env.ok(&["operator", "disable", "sari"]);
    // a disabled operator's slot is gone: the passphrase opens nothing
    // (SPEC §7); on a server the login role may not log in any more, so it
    // cannot connect: exit 7 with the server's reason (SPEC §8)
    if crate::kind::is_server(&env.db) {
        let err = env.as_op("sari").fails(7, &["search", "x"]);
        assert!(err.contains("not permitted to log in"), "{err}");
    } else {
        let err = env.as_op("sari").fails(5, &["search", "x"]);
        assert!(
            err.contains("wrong passphrase, or no such operator"),
            "{err}"
        );
    }
    env.fails(4, &["operator", "disable", "nobody"]);
    env.fails(3, &["operator", "add", "bad name", "--role", "staff"]);
}

#[test]
fn the_last_admin_cannot_be_disabled() {
    let env = Env::new();
    env.fails(5, &["operator", "disable", "anne"]);
    env.ok(&["operator", "add", "boss", "--role", "admin"]);
    env.ok(&["operator", "disable", "anne"]);
    // disabled by herself, anne can work no more: no key slot on a file
    // (exit 5), no login on a server (exit 7, cannot connect)
    let code = if crate::kind::is_server(&env.db) {
        7
    } else {
        5
    };
    env.fails(code, &["search", "x"]);
    let (_, outcome, _, _, detail) = env.last_audit_of("operator-disable");
    assert_eq!((outcome.as_str(), detail.as_str()), ("ok", "operator=anne"));
}

#[test]
fn roles_limit_what_an_operator_may_do_and_refusals_are_audited() {
    let env = Env::new();
    env.ok(&["operator", "add", "sari", "--role", "staff"]);
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    let id = matti(&env);

    // auditor: reads, never writes
    env.as_op("aki").ok(&["search", "matti"]);
    env.as_op("aki").ok(&["show", &id]);
    env.as_op("aki").ok(&["audit", "verify"]);
    let err = env.as_op("aki").fails(
        5,
        &[
            "add",
            "customer",
            "--set",
            "first_name=A",
            "--set",
            "last_name=B",
        ],
    );
    assert!(err.contains("needs the staff role"), "{err}");
    let (action, outcome, ..) = env.last_audit();
    assert_eq!((action.as_str(), outcome.as_str()), ("add", "refused"));
    env.as_op("aki")
        .fails(5, &["correct", &id, "--set", "city=Turku", "--reason", "x"]);
    env.as_op("aki")
        .fails(5, &["end", &id, "--date", "2026-01-01"]);

    // staff: records, not operators or the controller
    env.as_op("sari")
        .ok(&["correct", &id, "--set", "city=Turku", "--reason", "moved"]);
    env.as_op("sari")
        .fails(5, &["operator", "add", "x", "--role", "admin"]);
    env.as_op("sari")
        .fails(5, &["controller", "set", "--name", "X Oy"]);
    let (action, outcome, ..) = env.last_audit();
    assert_eq!(
        (action.as_str(), outcome.as_str()),
        ("controller-set", "refused")
    );

    // nobody: without a slot the sealed file does not even open (SPEC §7),
    // and a server lets no role it does not know connect (SPEC §8: exit 7,
    // the server's reason), so nothing is logged (a plain register logs
    // `?unknown`: issue #13)
    if env.server.is_some() {
        let err = env.as_op("mallory").fails(7, &["search", "matti"]);
        assert!(err.contains("cannot connect to mallory@"), "{err}");
    } else {
        let err = env.as_op("mallory").fails(5, &["search", "matti"]);
        assert!(
            err.contains("wrong passphrase, or no such operator"),
            "{err}"
        );
    }
    let refused = env
        .number("SELECT count(*) FROM audit WHERE outcome = 'refused' AND operator = '?unknown'");
    assert_eq!(refused, 0);
}

#[test]
fn controller_details_are_set_and_shown() {
    let env = Env::new();
    env.ok(&[
        "controller",
        "set",
        "--name",
        "AmiPro Service Oy",
        "--business-id",
        "2617416–4",
        "--address",
        "Vihtorinkatu 10, 23800 Laitila",
        "--contact-person",
        "Anne Kuusisto",
        "--contact-phone",
        "0440 255 723",
        "--contact-email",
        "Tietosuoja@AmiPro.FI",
    ]);
    let c = env.json(&["controller", "show"]);
    assert_eq!(c["name"], "AmiPro Service Oy");
    assert_eq!(c["business_id"], "2617416-4");
    assert_eq!(c["contact_phone"], "+358440255723");
    assert_eq!(c["contact_email"], "Tietosuoja@amipro.fi");
    // only the given details change
    env.ok(&["controller", "set", "--contact-person", "Sari Salo"]);
    let c = env.json(&["controller", "show"]);
    assert_eq!(c["contact_person"], "Sari Salo");
    assert_eq!(c["name"], "AmiPro Service Oy");
}

#[test]
fn the_seed_notices_business_id_fails_its_check_digit() {
    // The firm's own privacy notice prints 2242792–0; 2242792's check digit
    // is 9 (weights 7,9,10,5,8,4,2: 178 mod 11 = 2, 11 - 2 = 9).
    let env = Env::new();
    let err = env.fails(3, &["controller", "set", "--business-id", "2242792–0"]);
    assert!(err.contains("business_id"), "{err}");
    assert!(err.contains("expected 9"), "{err}");
    env.ok(&["controller", "set", "--business-id", "2242792-9"]);
}

/// SPEC §1: with `--format json` stdout holds exactly one JSON document,
/// also for the commands that only change something.
#[test]
fn commands_that_change_something_answer_json_with_one_object() {
    let env = Env::new();
    let added = env.json(&["operator", "add", "sari", "--role", "staff"]);
    assert_eq!(
        added,
        serde_json::json!({"name": "sari", "role": "staff", "enabled": true})
    );
    let disabled = env.json(&["operator", "disable", "sari"]);
    assert_eq!(
        disabled,
        serde_json::json!({"name": "sari", "enabled": false})
    );
    let set = env.json(&["controller", "set", "--name", "AmiPro Service Oy"]);
    assert_eq!(set, serde_json::json!({"name": "AmiPro Service Oy"}));
    let purpose = env.json(&["purpose", "add", "webinars", "--title", "Webinars"]);
    assert_eq!(purpose["name"], "webinars");
    assert_eq!(purpose["title_en"], "Webinars");
    let again = env.json(&["init", "--admin", "anne"]);
    assert_eq!(again["created"], false);
    // a table says nothing on stdout; what was done goes to stderr
    assert_eq!(
        env.ok(&["operator", "add", "pekka", "--role", "auditor"]),
        ""
    );
}

/// Issue #13 item 8: a name that is no registered operator is refused
/// without keeping it: the append-only log records `?unknown`, never the
/// text typed (here a person's name and hetu), and stderr does not echo it.
#[test]
fn an_unknown_operator_name_is_not_logged_issue_13() {
    let env = Env::new_plain();
    let typed = "Matti Meikäläinen 131052-308T";
    let err = env.as_op(typed).fails(5, &["search", "x"]);
    assert!(err.contains("not registered"), "{err}");
    assert!(
        !err.contains("131052-308T") && !err.contains("Meikäläinen"),
        "{err}"
    );
    let (action, outcome, ..) = env.last_audit();
    assert_eq!((action.as_str(), outcome.as_str()), ("search", "refused"));
    assert_eq!(
        env.number(
            "SELECT count(*) FROM audit WHERE operator = '?unknown' AND outcome = 'refused'"
        ),
        1
    );
    // a registered operator refused is still named
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    env.as_op("aki").fails(
        5,
        &[
            "add",
            "customer",
            "--set",
            "first_name=A",
            "--set",
            "last_name=B",
        ],
    );
    assert_eq!(
        env.number("SELECT count(*) FROM audit WHERE operator = 'aki' AND outcome = 'refused'"),
        1
    );

    let exported = env.ok(&["export", "audit"]);
    assert!(!exported.contains("131052-308T"), "{exported}");
    assert!(!exported.contains("Meikäläinen"), "{exported}");
    // nor anywhere in the file or its WAL
    for suffix in ["", "-wal"] {
        let mut path = env.db.clone().into_os_string();
        path.push(suffix);
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        for needle in ["131052-308T", "Meikäläinen"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} in {path:?}"
            );
        }
    }
    env.assert_sound();
}
