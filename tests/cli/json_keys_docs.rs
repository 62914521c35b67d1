//! The keys of what `controller set/show`, `export breach` and `breach
//! notify --subjects` print, in their order (issue #16: typed views in
//! place of hand-built maps must keep both). A script may read by position.

use crate::util::*;

#[test]
fn controller_set_and_show_print_their_keys_in_order() {
    let env = Env::new();
    let log = env.path("checkpoints.log");
    // Given out of order: the output follows the keys' own order.
    let set = env.json(&[
        "controller",
        "set",
        "--contact-email",
        "tietosuoja@example.fi",
        "--name",
        "Esimerkki Oy",
        "--checkpoint-log",
        log.to_str().unwrap(),
    ]);
    assert_eq!(keys(&set), ["name", "contact_email", "checkpoint_log"]);
    assert_eq!(set["name"], "Esimerkki Oy");
    let shown = env.json(&["controller", "show"]);
    assert_eq!(
        keys(&shown),
        [
            "name",
            "business_id",
            "address",
            "contact_person",
            "contact_phone",
            "contact_email",
            "register_id"
        ]
    );
    // Unset values are there, as null.
    assert!(shown["business_id"].is_null(), "{shown}");
}

#[test]
fn the_ombudsmans_form_and_the_letters_print_their_keys_in_order() {
    let env = Env::new();
    env.ok(&[
        "controller",
        "set",
        "--name",
        "Esimerkki Oy",
        "--contact-email",
        "tietosuoja@example.fi",
    ]);
    let id = matti(&env);
    env.ok(&[
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
    ]);
    env.ok(&[
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "high",
        "--reason",
        "bank accounts",
        "--consequences",
        "Possible misuse",
        "--measures",
        "Accounts watched",
    ]);
    let form = env.json(&["export", "breach", "BR-1", "--lang", "en"]);
    assert_eq!(
        keys(&form),
        [
            "breach",
            "generated_on",
            "language",
            "controller",
            "client",
            "client_notified_at",
            "aware_at",
            "nature",
            "description",
            "records_by_register",
            "records_total",
            "approx_subjects",
            "approx_subjects_from",
            "data",
            "risk",
            "risk_reason",
            "consequences",
            "measures",
            "subjects_notified_at",
            "letters",
            "notify_by",
            "authority_notified_at",
            "authority_reference",
            "late_reason"
        ]
    );
    assert_eq!(
        keys(&form["controller"]),
        [
            "name",
            "business_id",
            "address",
            "contact_person",
            "contact_phone",
            "contact_email"
        ]
    );
    assert_eq!(
        keys(&form["records_by_register"][0]),
        ["register", "title", "subjects", "records"]
    );
    assert_eq!(form["records_by_register"][0]["records"], 1);
    assert_eq!(form["approx_subjects_from"], "records-named");
    assert!(form["client"].is_null(), "{form}");

    let letters = env.json(&["breach", "notify", "BR-1", "--subjects"]);
    assert_eq!(keys(&letters), ["breach", "letters", "skipped_erased"]);
    assert_eq!(keys(&letters["letters"][0]), ["record", "language", "text"]);
}
