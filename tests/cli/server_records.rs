//! The record verbs on a server (SPEC §8, issue #17): requests, holds,
//! restriction, bases, marketing preferences and disclosures answer as on
//! a file, refusals included.

use crate::server::{same_on_both, Pg};

#[test]
fn requests_holds_restriction_bases_preferences_and_disclosures_answer_the_same() {
    let Some(mut pg) = Pg::new("record_verbs_same") else {
        return;
    };
    let admin = pg.init();
    let mut env = crate::util::Env::empty();
    env.operator = admin.clone();
    env.cmd(&["init", "--admin", &admin]).assert().success();
    let both = |code: i32, args: &[&str]| same_on_both(&env, &pg, &admin, code, args);

    both(
        0,
        &[
            "add",
            "customer",
            "--set",
            "first_name=Matti",
            "--set",
            "last_name=Meikäläinen",
            "--set",
            "email=matti@example.fi",
            "--set",
            "phone=040 123 4567",
            "--set",
            "relationship_start=2020-01-01",
        ],
    );
    // requests: open (subjects in the order given, once), extend, list, close
    let today = crate::util::TODAY;
    let open = ["request", "open", "--type", "access", "--received"];
    let mut args = open.to_vec();
    args.extend([
        today,
        "--subject",
        "C-1",
        "--subject",
        "C-1",
        "--identity-verified",
        "passport",
    ]);
    both(0, &args);
    let mut args = open.to_vec();
    args.push("2026-10-01");
    both(0, &args);
    both(
        0,
        &["request", "extend", "REQ-1", "--reason", "many requests"],
    );
    both(3, &["request", "extend", "REQ-1", "--reason", "again"]);
    both(0, &["request", "list"]);
    both(0, &["request", "list", "--overdue"]);
    both(0, &["request", "close", "REQ-2", "--outcome", "fulfilled"]);
    both(0, &["request", "list", "--open"]);
    both(0, &["request", "show", "REQ-1"]);
    both(4, &["request", "show", "REQ-9"]);

    // holds
    both(
        0,
        &[
            "hold",
            "add",
            "C-1",
            "--reason",
            "invoice in collection",
            "--until",
            "2027-06-30",
        ],
    );
    both(5, &["erase", "C-1", "--reason", "asked"]);
    both(0, &["erase", "C-1", "--reason", "asked", "--dry-run"]);
    both(0, &["hold", "release", "1"]);
    both(3, &["hold", "release", "1"]);
    both(4, &["hold", "release", "9"]);

    // restriction
    both(
        0,
        &[
            "restrict",
            "C-1",
            "--reason",
            "accuracy contested",
            "--request",
            "REQ-1",
        ],
    );
    both(3, &["restrict", "C-1", "--reason", "again"]);
    both(0, &["show", "C-1"]);
    both(0, &["restrict", "lift", "C-1"]);
    both(3, &["restrict", "lift", "C-1"]);

    // bases
    both(
        0,
        &[
            "basis",
            "add",
            "C-1",
            "--basis",
            "contract",
            "--purpose",
            "customer-relationship",
            "--evidence",
            "contract 2026/17",
        ],
    );
    both(
        3,
        &[
            "basis",
            "add",
            "C-1",
            "--basis",
            "legitimate-interest",
            "--purpose",
            "marketing",
        ],
    );
    both(0, &["basis", "list", "C-1"]);
    both(0, &["basis", "end", "1", "--date", "2026-11-30"]);
    both(0, &["basis", "list", "C-1"]);

    // marketing preferences
    both(
        0,
        &[
            "consent",
            "C-1",
            "--channel",
            "email",
            "--source",
            "web-form",
        ],
    );
    both(
        0,
        &["optout", "C-1", "--channel", "sms", "--source", "letter"],
    );
    both(
        0,
        &[
            "consent",
            "withdraw",
            "C-1",
            "--channel",
            "email",
            "--source",
            "letter",
        ],
    );

    // disclosures
    let disclose = [
        "disclose",
        "C-1",
        "--recipient",
        "Perintä Oy",
        "--category",
        "debt-collection",
        "--data",
        "name and address",
        "--basis",
        "legitimate-interest",
    ];
    both(0, &disclose);
    let mut abroad = disclose.to_vec();
    abroad.extend(["--country", "US"]);
    both(5, &abroad);
    abroad.push("--dpf-certified");
    both(0, &abroad);
    both(0, &["show", "C-1"]);
    // the same entries in the same order (the hashes differ: each
    // register's chain starts from its own init, by another operator)
    let entries = |out: &[u8]| -> Vec<(String, String, String, String)> {
        let log: serde_json::Value = serde_json::from_slice(out).unwrap();
        log.as_array()
            .unwrap()
            .iter()
            .skip(1)
            .map(|e| {
                let f = |k: &str| e[k].to_string();
                (f("action"), f("outcome"), f("records"), f("detail"))
            })
            .collect()
    };
    let file = env
        .cmd(&["--format", "json", "export", "audit"])
        .output()
        .unwrap();
    let server = pg.privreg(&admin, &["--format", "json", "export", "audit"]);
    assert_eq!(entries(&file.stdout), entries(&server.stdout));
    assert_eq!(entries(&server.stdout).len(), 28);
}

#[test]
fn breaches_check_and_the_retention_report_answer_the_same() {
    let Some(mut pg) = Pg::new("breach_check_same") else {
        return;
    };
    let admin = pg.init();
    let mut env = crate::util::Env::empty();
    env.operator = admin.clone();
    env.cmd(&["init", "--admin", &admin]).assert().success();
    let both = |code: i32, args: &[&str]| same_on_both(&env, &pg, &admin, code, args);

    for (first, start, end) in [
        ("Aino", "2010-01-01", Some("2015-06-30")),
        ("Eino", "2020-01-01", None),
    ] {
        let mut args = vec!["add", "customer", "--set", "last_name=Lahtinen"];
        let first = format!("first_name={first}");
        let start = format!("relationship_start={start}");
        args.extend(["--set", &first, "--set", &start]);
        both(0, &args);
        if let Some(end) = end {
            both(0, &["end", "C-1", "--date", end]);
        }
    }
    both(
        0,
        &[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            "2026-10-01",
        ],
    );
    let open = [
        "breach",
        "open",
        "--aware-at",
        "2026-11-20 10:00",
        "--description",
        "Payroll e-mail sent to the wrong client",
        "--nature",
        "confidentiality,integrity",
        "--record",
        "C-2,C-1,C-2",
    ];
    both(0, &open);
    both(
        0,
        &[
            "breach",
            "open",
            "--aware-at",
            "2026-11-23 10:00",
            "--description",
            "x",
            "--nature",
            "availability",
        ],
    );
    both(0, &["breach", "list"]);
    both(0, &["breach", "list", "--overdue"]);
    both(0, &["check"]);
    both(
        3,
        &[
            "breach", "assess", "BR-1", "--risk", "risk", "--reason", "salaries",
        ],
    );
    both(
        0,
        &[
            "breach",
            "assess",
            "BR-1",
            "--risk",
            "risk",
            "--reason",
            "salaries seen by one outside firm",
            "--consequences",
            "Embarrassment",
            "--measures",
            "Asked the recipient to delete it",
        ],
    );
    both(3, &["breach", "close", "BR-1"]);
    both(
        3,
        &[
            "breach",
            "notify",
            "BR-1",
            "--authority",
            "--at",
            "2026-11-24 09:30",
            "--reference",
            "TSV-1/2026",
        ],
    );
    both(
        0,
        &[
            "breach",
            "notify",
            "BR-1",
            "--authority",
            "--at",
            "2026-11-24 09:30",
            "--reference",
            "TSV-1/2026",
            "--late-reason",
            "found late",
        ],
    );
    both(0, &["breach", "close", "BR-1"]);
    both(
        0,
        &[
            "breach",
            "assess",
            "BR-2",
            "--risk",
            "unlikely",
            "--reason",
            "backups restored",
        ],
    );
    both(0, &["breach", "show", "BR-1"]);
    both(0, &["breach", "show", "BR-2"]);
    both(4, &["breach", "show", "BR-9"]);
    both(0, &["breach", "list"]);
    both(0, &["check"]);
    both(0, &["retention", "report"]);
    both(0, &["retention", "report", "--as-of", "2027-06-30"]);
}
