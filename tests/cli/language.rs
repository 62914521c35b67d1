//! Languages (SPEC §12, issue #20): `--lang fi|sv|en`, `PRIVREG_LANG` and
//! the locale choose the language of messages and table headers; letters
//! are in the person's own language unless `--lang` says otherwise.

use crate::util::{matti, Env};

/// The English words a Finnish message must not fall back to.
const ENGLISH: &[&str] = &[
    "invalid input",
    "nothing was written",
    "field ",
    "line ",
    "is required",
    "error:",
    "cannot be erased",
];

fn no_english(err: &str) {
    for word in ENGLISH {
        assert!(!err.contains(word), "English {word:?} in:\n{err}");
    }
}

#[test]
fn a_failed_add_speaks_finnish_with_finnish_field_names() {
    let env = Env::new();
    let err = env.fails(
        3,
        &[
            "--lang",
            "fi",
            "add",
            "customer",
            "--set",
            "first_name=Matti",
            "--set",
            "hetu=131052-308X",
            "--set",
            "email=matti.example.com",
        ],
    );
    for want in [
        "privreg: virhe: virheellinen syöte, mitään ei tallennettu",
        "kenttä henkilötunnus: tarkistusmerkki ei täsmää",
        "kenttä sähköposti: sähköpostiosoitteessa on oltava @-merkki",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    no_english(&err);
    let err = env.fails(
        3,
        &[
            "--lang",
            "fi",
            "add",
            "customer",
            "--set",
            "first_name=Matti",
        ],
    );
    assert!(err.contains("kenttä sukunimi: on pakollinen"), "{err}");
    no_english(&err);
    // the same through PRIVREG_LANG, and in Swedish
    let out = env
        .cmd(&["add", "customer", "--set", "first_name=Matti"])
        .env("PRIVREG_LANG", "sv")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("privreg: fel: ogiltig inmatning, ingenting sparades")
            && err.contains("fält last_name: är obligatoriskt"),
        "{err}"
    );
    assert_eq!(env.count("customer"), 0);
    let id = matti(&env);
    let err = env.fails(
        6,
        &[
            "--lang",
            "fi",
            "add",
            "customer",
            "--set",
            "etunimi=Matti",
            "--set",
            "sukunimi=Mäkinen",
            "--set",
            "hetu=131052-308T",
        ],
    );
    assert!(
        err.contains(&format!(
            "henkilö on jo rekisterissä asiakkaat tunnuksella {id} (sama henkilötunnus)"
        )),
        "{err}"
    );
}

#[test]
fn a_failed_import_speaks_finnish() {
    let env = Env::new();
    let file = env.write(
        "bad.csv",
        "first_name,last_name,email\nAino,Aalto,aino@example.fi\nOlli,Ojala,olli.example.fi\n",
    );
    let err = env.fails(3, &["--lang", "fi", "import", "customer", &file]);
    for want in [
        "1/2 riviä on virheellisiä, mitään ei tallennettu",
        "rivi 3, kenttä sähköposti: sähköpostiosoitteessa on oltava @-merkki",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    no_english(&err);
    let unknown = env.write(
        "unknown.csv",
        "etunimi,sukunimi,kengännumero\nAino,Aalto,38\n",
    );
    let err = env.fails(3, &["--lang", "fi", "import", "customer", &unknown]);
    assert!(
        err.contains("rivi 1, kenttä kengännumero: tuntematon sarake"),
        "{err}"
    );
    no_english(&err);
    assert_eq!(env.count("customer"), 0);
}

#[test]
fn a_refused_erase_and_a_missing_record_speak_finnish() {
    let env = Env::new();
    let id = matti(&env);
    let err = env.fails(5, &["--lang", "fi", "erase", &id, "--reason", "pyyntö"]);
    let held = format!("tietuetta {id} ei voi poistaa");
    for want in [
        held.as_str(),
        "asiakkuus tai palvelussuhde on voimassa",
        "pääkäyttäjä voi ohittaa sen valitsimella --override-hold",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    no_english(&err);
    let err = env.fails(4, &["--lang", "fi", "erase", "C-99", "--reason", "pyyntö"]);
    assert!(err.contains("tietuetta C-99 ei ole"), "{err}");
    let err = env.fails(3, &["--lang", "fi", "erase", &id, "--reason", ""]);
    assert!(err.contains("kenttä reason: on pakollinen"), "{err}");
    no_english(&err);
    // the audit log keeps its refusals in English, whatever was said
    let (_, outcome, _, _, detail) = env.last_audit_of("erase");
    assert_eq!(outcome, "refused");
    assert!(
        detail.contains(&format!("{id} cannot be erased")) && !detail.contains("poistaa"),
        "{detail}"
    );
    let dry = env.ok(&[
        "--lang",
        "fi",
        "erase",
        &id,
        "--reason",
        "pyyntö",
        "--dry-run",
    ]);
    assert!(
        dry.starts_with(&format!("{id}: poisto evättäisiin (kokeiluajo):")),
        "{dry}"
    );
}

#[test]
fn a_role_refusal_speaks_the_locales_language() {
    let env = Env::new();
    env.ok(&["operator", "add", "aki", "--role", "auditor"]);
    let err = env.as_op("aki").fails(
        5,
        &["--lang", "fi", "add", "customer", "--set", "first_name=A"],
    );
    assert!(
        err.contains("toiminto add vaatii roolin staff; käyttäjän aki rooli on auditor"),
        "{err}"
    );
    no_english(&err);
    // LANG decides when neither --lang nor PRIVREG_LANG is given …
    let out = env
        .as_op("aki")
        .cmd(&["add", "customer", "--set", "first_name=A"])
        .env("LANG", "sv_FI.UTF-8")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("åtgärden add kräver rollen staff; användaren aki har rollen auditor"),
        "{err}"
    );
    // … and --lang over it; the log keeps English
    let out = env
        .as_op("aki")
        .cmd(&["--lang", "en", "add", "customer", "--set", "first_name=A"])
        .env("LANG", "fi_FI.UTF-8")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("add needs the staff role"), "{err}");
    let (_, outcome, _, _, detail) = env.last_audit_of("add");
    assert_eq!(outcome, "refused");
    assert_eq!(detail, "add needs the staff role; operator aki is auditor");
}

/// Issue #20 item 1: the README's second command, run as the login name,
/// said to ask an admin to run the very command that failed.
#[test]
fn working_as_the_login_name_names_it_and_tells_of_as() {
    crate::file_only!();
    for env in [Env::new_plain(), Env::new()] {
        let out = env
            .cmd(&["operator", "add", "sari", "--role", "staff"])
            .env_remove("PRIVREG_OPERATOR")
            .env("USER", "root")
            .env("LOGNAME", "root")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("working as root (the login name)")
                && err.contains("--as NAME or PRIVREG_OPERATOR"),
            "{err}"
        );
    }
    // a typed name is still not repeated (issue #13 item 8)
    let env = Env::new_plain();
    let err = env.as_op("Matti 131052-308T").fails(5, &["search", "x"]);
    assert!(
        err.contains("--as or PRIVREG_OPERATOR is not registered"),
        "{err}"
    );
    assert!(!err.contains("131052"), "{err}");
}

#[test]
fn search_and_show_headers_follow_the_language_and_json_keys_do_not() {
    let env = Env::new();
    let id = matti(&env);
    let table = env.ok(&["--lang", "fi", "show", &id]);
    assert!(
        table.contains("sukunimi") && table.contains("henkilötunnus") && table.contains("tila"),
        "{table}"
    );
    assert!(!table.contains("last_name"), "{table}");
    let table = env.ok(&["--lang", "sv", "show", &id]);
    assert!(table.contains("efternamn"), "{table}");
    assert_eq!(
        env.json(&["--lang", "fi", "show", &id])["last_name"],
        "Mäkinen"
    );
    let table = env.ok(&["--lang", "fi", "search", "Mäkinen"]);
    assert!(
        table.contains("sukunimi") && table.contains("henkilötunnus"),
        "{table}"
    );
    assert!(!table.contains("last name"), "{table}");
    let rows = env.json(&["--lang", "fi", "search", "Mäkinen"]);
    assert!(rows[0]["last_name"].is_string());
}

fn letter_people(env: &Env) -> (String, String) {
    let sv = env.add(
        "customer",
        &[
            "first_name=Sven",
            "last_name=Lindqvist",
            "language=sv",
            "email=sven@example.fi",
            "city=Vasa",
        ],
    );
    env.ok(&[
        "basis",
        "add",
        &sv,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    env.ok(&["optout", &sv, "--channel", "email"]);
    env.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--received",
        "20.11.2026",
        "--subject",
        &sv,
    ]);
    let fi = matti(env);
    (sv, fi)
}

#[test]
fn the_access_letter_is_wholly_in_the_persons_language() {
    let env = Env::new();
    let (sv, fi) = letter_people(&env);
    let letter = env.ok(&["export", "subject", &sv, "--format", "markdown"]);
    for want in [
        "# Redogörelse för de personuppgifter vi behandlar om dig",
        "Daterad 24.11.2026.",
        "## Personuppgiftsansvarig",
        "## Kund- och marknadsföringsregister",
        "| efternamn | Lindqvist |",
        "| kundrelationens början | 24.11.2026 |",
        "skötsel av kundrelationen: fullgörande av ett avtal, från 24.11.2026",
        "förbud – kanal: e-post, ändamål: alla ändamål",
        "(begäran om tillgång): mottagen 20.11.2026",
        "under behandling",
        "**Rätt till radering** (artikel 17)",
        "Dataombudsmannens byrå",
        "den registrerade",
    ] {
        assert!(letter.contains(want), "missing {want:?} in:\n{letter}");
    }
    for english in [
        "(access)",
        " open",
        "email",
        "Dated",
        "2026-11-24",
        "channel",
    ] {
        assert!(!letter.contains(english), "{english:?} in:\n{letter}");
    }
    // --lang overrides the person's language, in the letter and the JSON
    let letter = env.ok(&[
        "--lang", "en", "export", "subject", &sv, "--format", "markdown",
    ]);
    assert!(letter.contains("Dated 24 November 2026."), "{letter}");
    assert!(letter.contains("objection – channel: e-mail"), "{letter}");
    let report = env.json(&["--lang", "fi", "export", "subject", &sv]);
    assert_eq!(report["language"], "fi");
    let rights = report["rights"].as_array().unwrap();
    assert!(rights
        .iter()
        .any(|r| r["right"] == "erasure" && r["article"] == "17"));
    // a Finnish person's letter is Finnish, dates Finnish too
    let letter = env.ok(&["export", "subject", &fi, "--format", "markdown"]);
    assert!(letter.contains("Päivätty 24.11.2026."), "{letter}");
    assert!(!letter.contains("2026-11-24"), "{letter}");
}

#[test]
fn breach_letters_follow_the_person_unless_lang_is_given() {
    let env = Env::new();
    env.ok(&[
        "controller",
        "set",
        "--name",
        "Esimerkki Oy",
        "--contact-email",
        "tietosuoja@esimerkki.fi",
    ]);
    let (sv, _) = letter_people(&env);
    env.ok(&[
        "breach",
        "open",
        "--aware-at",
        "2026-11-23 10:17",
        "--description",
        "Ett e-postmeddelande skickades till fel mottagare.",
        "--nature",
        "confidentiality",
        "--record",
        &sv,
    ]);
    env.ok(&[
        "breach",
        "assess",
        "BR-1",
        "--risk",
        "high",
        "--reason",
        "namn och e-post",
        "--consequences",
        "Nätfiske",
        "--measures",
        "Meddelandet återkallades",
    ]);
    let letter = env.ok(&["breach", "notify", "BR-1", "--subjects"]);
    for want in [
        "# Personuppgiftsincident som gäller dina personuppgifter",
        "Datum 24.11.2026. Vår referens: BR-1",
        "Vi fick kännedom om incidenten den 23.11.2026.",
        "Dataombudsmannens byrå",
        "- Personuppgiftsansvarig: Esimerkki Oy",
    ] {
        assert!(letter.contains(want), "missing {want:?} in:\n{letter}");
    }
    let j = env.json(&["--lang", "fi", "breach", "notify", "BR-1", "--subjects"]);
    assert_eq!(j["letters"][0]["language"], "fi");
    let text = j["letters"][0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("# Henkilötietojasi koskeva tietoturvaloukkaus"),
        "{text}"
    );
}

#[test]
fn documents_in_finnish_and_english_take_the_global_lang() {
    let env = Env::new();
    let en = env.ok(&["export", "notice", "--lang", "en"]);
    assert!(en.contains("Right to erasure"), "{en}");
    let fi = env.ok(&["export", "notice"]);
    assert!(fi.contains("Oikeus tietojen poistamiseen"), "{fi}");
    // Swedish has no notice (SPEC `export notice [--lang fi|en]`)
    let err = env.fails(2, &["--lang", "sv", "export", "notice"]);
    assert!(err.contains("ange --lang fi eller --lang en"), "{err}");
    let err = env.fails(2, &["export", "breach", "BR-1", "--lang", "sv"]);
    assert!(err.contains("--lang fi"), "{err}");
    env.fails(2, &["--lang", "de", "search", "x"]);
}

/// Every table's headings follow the language, not only the tables of
/// people: `request list` and `operator list` here, with the keys of JSON
/// unchanged (SPEC §12).
#[test]
fn other_tables_are_headed_in_the_language() {
    let env = Env::new();
    env.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--received",
        "2026-11-20",
    ]);
    let table = env.ok(&["--lang", "fi", "request", "list"]);
    for want in ["tunnus", "saapunut", "määräpäivä", "tila", "rekisteröidyt"] {
        assert!(table.contains(want), "{want} missing:\n{table}");
    }
    for english in ["received", "due", "subjects", "outcome"] {
        assert!(!table.contains(english), "{english} in:\n{table}");
    }
    let table = env.ok(&["--lang", "sv", "request", "list"]);
    assert!(
        table.contains("mottagen") && table.contains("förfallodag"),
        "{table}"
    );
    let table = env.ok(&["--lang", "en", "request", "list"]);
    assert!(
        table.contains("received") && table.contains("due"),
        "{table}"
    );
    let rows = env.json(&["--lang", "fi", "request", "list"]);
    assert_eq!(rows[0]["received"], "2026-11-20");
    let table = env.ok(&["--lang", "fi", "operator", "list"]);
    assert!(
        table.contains("rooli") && table.contains("käytössä"),
        "{table}"
    );
}
