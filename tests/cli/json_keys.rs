//! The keys of what `erase`, `hold`, `correct` and `show` print, in their
//! order: a csv row's columns follow it, and a script may read by position.
//! (Comparing `Value`s does not see order: these tests compare key lists.)

use crate::util::*;

#[test]
fn erase_and_hold_print_their_keys_in_order() {
    let env = Env::new();
    let id = matti(&env);
    let added = env.json(&[
        "hold",
        "add",
        &id,
        "--reason",
        "invoice",
        "--until",
        "2027-06-30",
    ]);
    assert_eq!(keys(&added), ["hold_id", "id", "until"]);
    let hold_id = added["hold_id"].to_string();
    env.ok(&["restrict", &id, "--reason", "disputes accuracy"]);

    let judged = env.json(&["erase", &id, "--reason", "asked", "--dry-run"]);
    assert_eq!(
        keys(&judged),
        ["id", "would_erase", "holds", "restriction", "notify"]
    );
    assert_eq!(judged["would_erase"], false);
    assert_eq!(
        keys(&judged["holds"][0]),
        ["kind", "hold_id", "reason", "until", "overridable"]
    );
    assert_eq!(keys(&judged["restriction"]), ["restricted_at", "request"]);

    let released = env.json(&["hold", "release", &hold_id]);
    assert_eq!(keys(&released), ["hold_id", "id"]);

    let erased = env.json(&[
        "erase",
        &id,
        "--reason",
        "asked",
        "--override-hold",
        "--include-restricted",
    ]);
    assert_eq!(
        keys(&erased),
        [
            "id",
            "erased_at",
            "holds_overridden",
            "suppressed",
            "notify",
            "restriction_ended",
            "requests_redacted"
        ]
    );
    assert_eq!(erased["holds_overridden"][0]["kind"], "active");
    assert_eq!(
        keys(&erased["restriction_ended"]),
        ["restricted_at", "request"]
    );

    let receipt = env.json(&["show", &id]);
    assert_eq!(
        keys(&receipt),
        [
            "id",
            "register",
            "status",
            "erased_at",
            "erased_by",
            "reason",
            "request",
            "holds_overridden"
        ]
    );
    assert_eq!(receipt["status"], "erased");
}

#[test]
fn correct_and_show_print_their_keys_in_order() {
    let env = Env::new();
    let id = matti(&env);
    let corrected = env.json(&["correct", &id, "--set", "city=Turku", "--reason", "moved"]);
    assert_eq!(keys(&corrected), ["id", "changed", "dry_run", "notify"]);
    assert_eq!(corrected["changed"], serde_json::json!(["city"]));
    let csv = env.ok(&[
        "--format",
        "csv",
        "correct",
        &id,
        "--set",
        "city=Espoo",
        "--reason",
        "moved",
    ]);
    assert_eq!(
        csv.lines().next(),
        Some("id,changed,dry_run,notify"),
        "{csv}"
    );

    env.ok(&["restrict", &id, "--reason", "disputes accuracy"]);
    let shown = env.json(&["show", &id]);
    let all = keys(&shown);
    assert_eq!(all[..3], ["id", "register", "status"]);
    let details = all
        .iter()
        .position(|k| *k == "restricted_at")
        .unwrap_or_else(|| panic!("no restriction: {all:?}"));
    assert_eq!(
        all[details..],
        [
            "restricted_at",
            "restriction_reason",
            "restriction_request",
            "bases",
            "preferences",
            "holds",
            "retention_until",
            "corrections",
            "disclosures",
            "notices"
        ]
    );
    assert_eq!(
        keys(&shown["corrections"][0]),
        [
            "at",
            "operator",
            "field",
            "old_value",
            "new_value",
            "reason",
            "request"
        ]
    );
}
