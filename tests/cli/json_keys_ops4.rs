//! The keys of what `restrict`, `disclose`, the marketing verbs and the
//! processing verbs (`activity`, `processor`, `client`, `notice category`)
//! print, in their order: a csv row's columns follow it, and a script may
//! read by position. (Comparing `Value`s does not see order: these tests
//! compare key lists.)

use crate::util::*;
use serde_json::Value;

#[test]
fn restrict_and_lift_print_their_keys_in_order() {
    let env = Env::new();
    let id = matti(&env);
    let restricted = env.json(&["restrict", &id, "--reason", "disputes accuracy"]);
    assert_eq!(
        keys(&restricted),
        [
            "id",
            "status",
            "restricted_at",
            "restriction_reason",
            "restriction_request"
        ]
    );
    assert_eq!(restricted["status"], "restricted");
    assert_eq!(restricted["restriction_request"], Value::Null);
    let lifted = env.json(&["restrict", "lift", &id]);
    assert_eq!(
        keys(&lifted),
        ["id", "status", "lifted_restriction_request"]
    );
    assert_eq!(lifted["status"], "active");
}

#[test]
fn disclose_prints_its_keys_in_order() {
    let env = Env::new();
    let id = matti(&env);
    let disclosed = env.json(&[
        "disclose",
        &id,
        "--recipient",
        "Cloud Ltd",
        "--category",
        "processor",
        "--data",
        "name and e-mail",
        "--basis",
        "contract",
        "--country",
        "FI",
    ]);
    assert_eq!(
        keys(&disclosed),
        [
            "id",
            "record",
            "recipient",
            "category",
            "data",
            "basis",
            "country",
            "dpf_certified",
            "disclosed_on",
            "transfer"
        ]
    );
    assert_eq!(disclosed["record"], id.as_str());
    assert_eq!(disclosed["disclosed_on"], "2026-11-24");
}

#[test]
fn preferences_and_marketing_lists_print_their_keys_in_order() {
    let env = Env::new();
    let id = matti(&env);
    let preference = ["id", "kind", "channel", "purpose", "source", "effective"];
    let consent = env.json(&["consent", &id, "--channel", "email", "--source", "web-form"]);
    assert_eq!(keys(&consent), preference);
    assert_eq!(consent["source"], "web-form");
    assert_eq!(consent["effective"], "2026-11-24");
    let optout = env.json(&["optout", &id, "--channel", "sms"]);
    assert_eq!(keys(&optout), preference);
    assert_eq!(optout["source"], Value::Null);

    let list = env.json(&["marketing-list", "--channel", "email"]);
    assert_eq!(
        keys(&list[0]),
        [
            "id",
            "register",
            "first_name",
            "last_name",
            "language",
            "email"
        ]
    );
    assert_eq!(list[0]["email"], "matti.makinen@example.fi");
    let csv = env.ok(&["--format", "csv", "marketing-list", "--channel", "email"]);
    assert_eq!(
        csv.lines().next(),
        Some("id,register,first_name,last_name,language,email"),
        "{csv}"
    );
}

#[test]
fn processing_verbs_print_their_keys_in_order() {
    let env = Env::new();
    let processor = env.json(&[
        "processor",
        "add",
        "Postitus Oy",
        "--business-id",
        "1572860-0",
        "--country",
        "FI",
        "--service",
        "sending the newsletter",
        "--data",
        "e-mail addresses",
    ]);
    assert_eq!(
        keys(&processor),
        ["name", "country", "transfer", "contract_date"]
    );
    let activity = env.json(&[
        "activity",
        "add",
        "Uutiskirje",
        "--purpose",
        "newsletter",
        "--basis",
        "consent",
        "--subjects",
        "uutiskirjeen tilaajat",
        "--data",
        "sähköpostiosoite",
        "--retention",
        "kunnes tilaus perutaan",
    ]);
    assert_eq!(keys(&activity), ["name", "purposes", "basis", "transfers"]);
    assert_eq!(activity["basis"], "consent");
    let client = env.json(&[
        "client",
        "add",
        "Kauppa Mäkelä Oy",
        "--business-id",
        "2617416-4",
    ]);
    assert_eq!(keys(&client), ["name", "business_id", "contract_date"]);
    let processing = env.json(&[
        "client",
        "processing",
        "add",
        "Kauppa Mäkelä Oy",
        "--category",
        "payroll",
        "--subjects",
        "the client's staff",
        "--data",
        "names and salaries",
        "--sub-processor",
        "Postitus Oy",
    ]);
    assert_eq!(
        keys(&processing),
        ["id", "client", "category", "sub_processors", "transfers"]
    );
    let clients = env.json(&["client", "list"]);
    assert_eq!(
        keys(&clients[0]),
        [
            "name",
            "business_id",
            "contact",
            "contract_date",
            "contract_ref",
            "terms",
            "created_at",
            "created_by",
            "ended_on",
            "processing"
        ]
    );
    assert_eq!(clients[0]["processing"], serde_json::json!(["payroll"]));
    let ended = env.json(&["activity", "end", "Uutiskirje", "--date", "2026-11-24"]);
    assert_eq!(keys(&ended), ["name", "ended_on"]);

    let added = env.json(&[
        "notice",
        "category",
        "add",
        "--kind",
        "recipient",
        "auditors",
        "--title",
        "auditors",
    ]);
    assert_eq!(keys(&added), ["kind", "name", "registers"]);
    let removed = env.json(&[
        "notice",
        "category",
        "remove",
        "--kind",
        "recipient",
        "auditors",
    ]);
    assert_eq!(keys(&removed), ["kind", "name"]);
}
