//! What the store, files, output and the command line say, in Finnish and
//! Swedish (issue #20, SPEC §12 `--lang`): each case's English text is
//! gone when another language is asked for.

use crate::util::*;

/// Runs `args` with `--lang fi`, `--lang sv` and in English: each fails
/// with `code` and says its own words, never another language's.
fn says(env: &Env, code: i32, args: &[&str], fi: &str, sv: &str, en: &str) {
    for (lang, want) in [("fi", fi), ("sv", sv), ("en", en)] {
        let mut all = vec!["--lang", lang];
        all.extend_from_slice(args);
        let err = env.fails(code, &all);
        assert!(
            err.contains(want),
            "--lang {lang}: missing {want:?} in:\n{err}"
        );
        for other in [fi, sv, en].into_iter().filter(|o| *o != want) {
            assert!(!err.contains(other), "--lang {lang}: {other:?} in:\n{err}");
        }
    }
}

#[test]
fn usage_errors_speak_the_language_of_the_run() {
    let env = Env::new();
    says(
        &env,
        2,
        &["search", "--no-such-flag"],
        "virhe: odottamaton argumentti '--no-such-flag'",
        "fel: oväntat argument '--no-such-flag'",
        "error: unexpected argument '--no-such-flag' found",
    );
    says(
        &env,
        2,
        &["frobnicate"],
        "tuntematon alikomento 'frobnicate'",
        "okänt underkommando 'frobnicate'",
        "unrecognized subcommand 'frobnicate'",
    );
    says(
        &env,
        2,
        &["import", "customer", "x.csv", "--skip-invalid"],
        "seuraavat pakolliset argumentit puuttuvat: --rejects <FILE>",
        "följande obligatoriska argument angavs inte: --rejects <FILE>",
        "the following required arguments were not provided: --rejects <FILE>",
    );
    // the usage line and the hint, in the language too
    let err = env.fails(2, &["--lang", "fi", "search", "--no-such-flag"]);
    assert!(err.contains("käyttö: privreg search"), "{err}");
    assert!(err.contains("lisätietoja: kokeile '--help'"), "{err}");
    assert!(
        !err.contains("Usage:") && !err.contains("For more"),
        "{err}"
    );
    // nothing but the subcommand is missing
    let err = env.fails(2, &["--lang", "sv"]);
    assert!(err.contains("'privreg' kräver ett underkommando"), "{err}");
    assert!(!err.contains("requires a subcommand"), "{err}");
}

#[test]
fn a_value_parsers_reason_speaks_the_language_too() {
    let env = Env::new();
    says(
        &env,
        2,
        &["operator", "add", "bob", "--role", "boss"],
        "virheellinen arvo 'boss' argumentille '--role <ROLE>': odotettiin arvoa admin, staff tai auditor",
        "ogiltigt värde 'boss' för '--role <ROLE>': väntade admin, staff eller auditor",
        "invalid value 'boss' for '--role <ROLE>': expected admin, staff or auditor",
    );
    says(
        &env,
        2,
        &["unlock", "--for", "13h"],
        "13h: avaus kestää 1 sekunnista 12 tuntiin",
        "13h: en upplåsning varar från 1 s till 12 h",
        "13h: an unlock lasts from 1 s to 12h",
    );
    // PRIVREG_LANG speaks for the run as --lang does
    let mut c = env.cmd(&["operator", "add", "bob", "--role", "boss"]);
    c.env("PRIVREG_LANG", "fi");
    let err = run_fails(c, 2, &[]);
    assert!(
        err.contains("odotettiin arvoa admin, staff tai auditor"),
        "{err}"
    );
}

#[test]
fn output_and_file_refusals_speak_finnish_and_swedish() {
    crate::file_only!();
    let env = Env::new();
    says(
        &env,
        2,
        &["search", "x", "--format", "markdown"],
        "tämä komento ei tuota muotoa --format markdown",
        "det här kommandot kan inte ge --format markdown",
        "this command cannot produce --format markdown",
    );
    let taken = env.write("taken.csv", "kept\n");
    says(
        &env,
        3,
        &["--output", &taken, "search", "x", "--format", "csv"],
        "on jo olemassa: privreg kirjoittaa vain uuteen tiedostoon",
        "finns redan: privreg skriver bara till en ny fil",
        "exists already: privreg only writes to a new file",
    );
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "kept\n");
    let db = env.db.to_string_lossy().into_owned();
    says(
        &env,
        5,
        &["--output", &db, "search", "x", "--format", "csv"],
        "on rekisteri tai yksi sen tiedostoista",
        "är registret eller en av dess filer",
        "is the register or one of its files",
    );
}

#[test]
fn a_register_from_a_newer_privreg_is_refused_in_the_language() {
    crate::file_only!();
    let env = Env::new();
    env.sql().execute_batch("PRAGMA user_version = 99").unwrap();
    says(
        &env,
        7,
        &["search", "x"],
        "rekisteri on uudemmasta privregistä (skeeman versio 99",
        "registret kommer från en nyare privreg (schemaversion 99",
        "the register is from a newer privreg (schema version 99",
    );
}

#[test]
fn why_the_audit_chain_is_broken_is_said_in_the_language() {
    let env = Env::new();
    matti(&env);
    env.ok(&["search", "x"]);
    // as someone with the whole file, or a server's superuser, can
    env.tamper_audit("DELETE FROM audit WHERE seq = 2");
    says(
        &env,
        8,
        &["audit", "verify"],
        "lokia on muutettu: merkintä 2 puuttuu",
        "granskningsloggen har ändrats: post 2 saknas",
        "audit log altered: entry 2 entry is missing",
    );
}
