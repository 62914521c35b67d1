//! The keys of what `request` and `breach` print, in their order: a csv
//! row's columns follow it, and a script may read by position. (Comparing
//! `Value`s does not see order: these tests compare key lists.)

use crate::util::*;

const REQUEST_KEYS: [&str; 10] = [
    "id",
    "type",
    "received",
    "due",
    "extended",
    "status",
    "subjects",
    "channel",
    "identity_verified",
    "outcome",
];

#[test]
fn requests_print_their_keys_in_order() {
    let env = Env::new();
    let id = matti(&env);
    let opened = env.json(&[
        "request",
        "open",
        "--type",
        "access",
        "--received",
        "2026-11-20",
        "--subject",
        &id,
        "--channel",
        "email",
    ]);
    assert_eq!(keys(&opened), REQUEST_KEYS);
    let req = opened["id"].as_str().unwrap().to_string();
    // Received long ago: overdue on the suite's day, so it is flagged.
    env.ok(&[
        "request",
        "open",
        "--type",
        "erasure",
        "--received",
        "2026-09-01",
    ]);

    let extended = env.json(&["request", "extend", &req, "--reason", "complex"]);
    assert_eq!(keys(&extended), REQUEST_KEYS);
    assert_eq!(extended["extended"], true);

    let list = env.json(&["request", "list"]);
    let mut row_keys = REQUEST_KEYS.to_vec();
    row_keys.extend(["overdue", "flag"]);
    assert_eq!(keys(&list[0]), row_keys);
    assert_eq!(keys(&list[1]), row_keys);
    let old = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "erasure")
        .unwrap();
    assert_eq!(old["overdue"], true);
    assert_eq!(old["flag"], "OVERDUE");

    let closed = env.json(&[
        "request",
        "close",
        &req,
        "--outcome",
        "fulfilled",
        "--note",
        "sent",
    ]);
    assert_eq!(keys(&closed), REQUEST_KEYS);
    assert_eq!(closed["status"], "closed");

    let shown = env.json(&["request", "show", &req]);
    let mut show_keys = REQUEST_KEYS.to_vec();
    show_keys.extend([
        "extension_reason",
        "extended_at",
        "extended_by",
        "note",
        "opened_at",
        "opened_by",
        "closed_at",
        "closed_by",
        "history",
    ]);
    assert_eq!(keys(&shown), show_keys);
    assert_eq!(
        keys(&shown["history"][0]),
        ["seq", "at", "operator", "action", "outcome", "records", "fields", "detail"]
    );
    assert_eq!(shown["history"].as_array().unwrap().len(), 3);
}

const BREACH_KEYS: [&str; 14] = [
    "id",
    "aware_at",
    "notify_by",
    "status",
    "nature",
    "risk",
    "records",
    "approx_subjects",
    "client",
    "authority_notified_at",
    "subjects_notified_at",
    "client_notified_at",
    "overdue",
    "flag",
];

#[test]
fn breaches_print_their_keys_in_order() {
    let env = Env::new();
    env.ok(&[
        "controller",
        "set",
        "--name",
        "Tilitoimisto Esimerkki Oy",
        "--contact-email",
        "tietosuoja@esimerkki.fi",
    ]);
    let id = env.add(
        "customer",
        &[
            "first_name=Aino",
            "last_name=Aaltonen",
            "street=Kirjekatu 1",
            "postal_code=00100",
            "city=Helsinki",
        ],
    );
    let opened = env.json(&[
        "breach",
        "open",
        "--description",
        "Payroll e-mail sent to the wrong client",
        "--nature",
        "confidentiality",
        "--aware-at",
        "2026-11-24 08:00",
        "--record",
        &id,
        "--client",
        "Asiakas Oy",
    ]);
    assert_eq!(keys(&opened), BREACH_KEYS);
    // Found days ago: overdue on the suite's day, flagged in the list.
    env.ok(&[
        "breach",
        "open",
        "--description",
        "Laptop stolen",
        "--nature",
        "availability",
        "--aware-at",
        "2026-11-20 08:00",
    ]);
    let list = env.json(&["breach", "list"]);
    assert_eq!(keys(&list[0]), BREACH_KEYS);
    assert_eq!(keys(&list[1]), BREACH_KEYS);
    let overdue = env.json(&["breach", "list", "--overdue"]);
    assert_eq!(overdue[0]["flag"], "OVERDUE");
    assert_eq!(keys(&overdue[0]), BREACH_KEYS);

    let assessed = env.json(&[
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "high",
        "--reason",
        "bank account numbers",
        "--consequences",
        "Possible fraud",
        "--measures",
        "E-mail recalled",
    ]);
    assert_eq!(keys(&assessed), BREACH_KEYS);
    let told = env.json(&["breach", "notify", "BR-1", "--authority"]);
    assert_eq!(keys(&told), BREACH_KEYS);
    let told = env.json(&["breach", "notify", "BR-1", "--client"]);
    assert_eq!(keys(&told), BREACH_KEYS);
    let letters = env.json(&["breach", "notify", "BR-1", "--subjects"]);
    assert_eq!(keys(&letters), ["breach", "letters", "skipped_erased"]);
    assert_eq!(keys(&letters["letters"][0]), ["record", "language", "text"]);
    let closed = env.json(&["breach", "close", "BR-1"]);
    assert_eq!(keys(&closed), BREACH_KEYS);
    assert_eq!(closed["status"], "closed");

    let shown = env.json(&["breach", "show", "BR-1"]);
    let mut show_keys = BREACH_KEYS.to_vec();
    show_keys.extend([
        "description",
        "data",
        "authority_reference",
        "late_reason",
        "letters",
        "skipped_erased",
        "opened_at",
        "opened_by",
        "closed_at",
        "closed_by",
        "erased_records",
        "assessments",
    ]);
    assert_eq!(keys(&shown), show_keys);
    assert_eq!(
        keys(&shown["assessments"][0]),
        ["risk", "reason", "consequences", "measures", "at", "by"]
    );
}
