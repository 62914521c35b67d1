//! The keys of what `request` and `breach` print, in their order: a csv
//! row's columns follow it, and a script may read by position. (Comparing
//! `Value`s does not see order: these tests compare key lists.)

use crate::util::*;
use serde_json::Value;

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

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
