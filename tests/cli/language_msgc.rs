//! Languages of what a command that worked says (SPEC §12, issue #20):
//! success lines, notices and the words filled into them come out in
//! Finnish and Swedish, with no English left in them.

use crate::util::{matti, Env};

#[test]
fn a_request_opened_and_closed_is_said_in_finnish_and_swedish() {
    let env = Env::new();
    let fi = env.ok(&[
        "--lang",
        "fi",
        "request",
        "open",
        "--type",
        "access",
        "--received",
        "2026-11-20",
    ]);
    assert_eq!(fi.trim(), "REQ-1, määräpäivä 2026-12-21");
    assert!(!fi.contains(" due "), "{fi}");
    let sv = env.ok(&[
        "--lang",
        "sv",
        "request",
        "open",
        "--type",
        "access",
        "--received",
        "2026-11-20",
    ]);
    assert_eq!(sv.trim(), "REQ-2, förfallodag 2026-12-21");

    // The outcome is a word of the language, not the code one typed.
    let fi = env.ok(&[
        "--lang",
        "fi",
        "request",
        "close",
        "REQ-1",
        "--outcome",
        "fulfilled",
    ]);
    assert_eq!(fi.trim(), "REQ-1 suljettu: toteutettu");
    assert!(!fi.contains("fulfilled") && !fi.contains("closed"), "{fi}");
    let sv = env.ok(&[
        "--lang",
        "sv",
        "request",
        "close",
        "REQ-2",
        "--outcome",
        "refused",
    ]);
    assert_eq!(sv.trim(), "REQ-2 stängd: avslagen");
    assert!(!sv.contains("refused"), "{sv}");
}

#[test]
fn a_restriction_and_a_disclosure_are_confirmed_in_the_language_asked() {
    let env = Env::new();
    let id = matti(&env);
    let fi = env.ok(&[
        "--lang",
        "fi",
        "disclose",
        &id,
        "--recipient",
        "Perintä Oy",
        "--category",
        "debt-collection",
        "--data",
        "nimi ja osoite",
        "--basis",
        "legitimate-interest",
    ]);
    assert_eq!(
        fi.trim(),
        format!("{id}: luovutus 1 kirjattu (FI: EU:n/ETA:n sisällä)")
    );
    assert!(!fi.contains("logged") && !fi.contains("within"), "{fi}");

    let sv = env.ok(&[
        "--lang",
        "sv",
        "restrict",
        &id,
        "--reason",
        "riktigheten bestrids",
    ]);
    assert!(
        sv.starts_with(&format!("{id}: behandlingen begränsad (artikel 18")),
        "{sv}"
    );
    assert!(!sv.contains("restricted") && !sv.contains("kept"), "{sv}");
    let fi = env.ok(&["--lang", "fi", "restrict", "lift", &id]);
    assert!(fi.starts_with(&format!("{id}: rajoitus poistettu")), "{fi}");
    assert!(!fi.contains("lifted"), "{fi}");

    // A correction names the field as the Finnish header does.
    let fi = env.ok(&[
        "--lang",
        "fi",
        "correct",
        &id,
        "--set",
        "city=Turku",
        "--reason",
        "muutti",
    ]);
    assert!(
        fi.starts_with(&format!("{id}: muutettiin postitoimipaikka")),
        "{fi}"
    );
    assert!(!fi.contains("changed") && !fi.contains("city"), "{fi}");
}

#[test]
fn kind_and_register_words_in_a_refusal_are_translated() {
    let env = Env::new();
    // The kind of thing is a word of the language; the command stays.
    let fi = env.fails(4, &["--lang", "fi", "processor", "show", "nonesuch"]);
    assert!(
        fi.contains("käsittelijä nimeltä nonesuch ei ole: katso `privreg processor list`"),
        "{fi}"
    );
    assert!(!fi.contains("no processor"), "{fi}");
    let sv = env.fails(4, &["--lang", "sv", "processor", "show", "nonesuch"]);
    assert!(
        sv.contains("personuppgiftsbiträde med namnet nonesuch finns inte"),
        "{sv}"
    );
    assert!(!sv.contains("no processor"), "{sv}");

    // A register's name inside a Finnish or Swedish sentence.
    let args = |lang: &'static str| {
        [
            "--lang",
            lang,
            "marketing-list",
            "--channel",
            "email",
            "--register",
            "employee",
        ]
    };
    let fi = env.fails(3, &args("fi"));
    assert!(
        fi.contains("rekisterin henkilöstö tietueet eivät koskaan ole markkinointilistalla"),
        "{fi}"
    );
    assert!(!fi.contains("employee"), "{fi}");
    let sv = env.fails(3, &args("sv"));
    assert!(
        sv.contains("poster i registret personal finns aldrig"),
        "{sv}"
    );
    assert!(!sv.contains("employee"), "{sv}");
}

#[test]
fn a_breach_opened_says_its_deadline_in_finnish_and_swedish() {
    let env = Env::new();
    let fi = env.ok(&[
        "--lang",
        "fi",
        "breach",
        "open",
        "--aware-at",
        "2026-11-24 09:00",
        "--nature",
        "confidentiality",
        "--description",
        "kadonnut kannettava",
    ]);
    assert!(fi.contains("BR-1: ilmoitettava viimeistään"), "{fi}");
    assert!(fi.contains("(Helsingin aikaa)"), "{fi}");
    assert!(
        !fi.contains("notify_by") && !fi.contains("Helsinki time"),
        "{fi}"
    );
    let sv = env.fails(3, &["--lang", "sv", "breach", "close", "BR-1"]);
    assert!(
        sv.contains("en bedömning av risken (breach assess)"),
        "{sv}"
    );
    assert!(!sv.contains("an assessment of its risk"), "{sv}");

    // The risk is a word of the language in a refusal and a success line.
    let fi = env.fails(
        3,
        &[
            "--lang", "fi", "breach", "assess", "BR-1", "--risk", "high", "--reason", "laaja",
        ],
    );
    assert!(
        fi.contains("on pakollinen, kun arvio on korkea riski"),
        "{fi}"
    );
    assert!(!fi.contains("is required for risk"), "{fi}");
    let sv = env.ok(&[
        "--lang",
        "sv",
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "unlikely",
        "--reason",
        "krypterad disk",
    ]);
    assert!(
        sv.starts_with("BR-1 bedömd: osannolik risk\ningen anmälan behövs"),
        "{sv}"
    );
    assert!(!sv.contains("unlikely") && !sv.contains("assessed"), "{sv}");
}
