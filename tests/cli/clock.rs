//! One clock (SPEC §7, issue #12): every date and time privreg records
//! follows the clock the tests move, dates are Helsinki dates, and a
//! release build has no way to move it.

use std::path::PathBuf;

use privreg::clock::Clock;

use crate::util::{matti, Env};

/// Every time the register stamps comes from the clock the test set: the
/// audit log, a restriction, an opt-out, a request's extension, an
/// erasure receipt and the suppression list.
#[test]
fn everything_recorded_is_stamped_by_the_one_clock() {
    let env = Env::new();
    let c = matti(&env);
    let at = |date: &str, args: &[&str]| {
        let mut cmd = env.cmd(args);
        cmd.env("PRIVREG_TODAY", date);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    // every row the query gives is stamped on that day
    let one = |sql: &str| {
        let all = env.column(sql);
        assert!(!all.is_empty(), "{sql}");
        let first = all[0].clone();
        let day = &first[..first.len().min(11)];
        assert!(all.iter().all(|v| v.starts_with(day)), "{sql}: {all:?}");
        first
    };
    at("2031-06-01", &["optout", &c, "--channel", "all"]);
    assert!(one("SELECT recorded_at FROM preferences").starts_with("2031-06-01T"));
    at(
        "2031-06-02",
        &["restrict", &c, "--reason", "accuracy contested"],
    );
    assert!(one("SELECT restricted_at FROM records").starts_with("2031-06-02T"));
    at(
        "2031-06-03",
        &[
            "request",
            "open",
            "--type",
            "access",
            "--received",
            "2031-06-03",
        ],
    );
    at(
        "2031-06-04",
        &["request", "extend", "REQ-1", "--reason", "many records"],
    );
    at("2031-06-05", &["restrict", "lift", &c]);
    at("2031-06-05", &["end", &c, "--date", "2031-06-05"]);
    at(
        "2031-06-06",
        &[
            "erase",
            &c,
            "--reason",
            "request of the person",
            "--override-hold",
        ],
    );

    assert!(one("SELECT max(at) FROM audit WHERE action = 'restrict'").starts_with("2031-06-02T"));
    assert!(one("SELECT extended_at FROM requests").starts_with("2031-06-04T"));
    assert!(one("SELECT erased_at FROM erasures").starts_with("2031-06-06T"));
    assert!(one("SELECT since FROM suppression").starts_with("2031-06-06T"));
    let audit_years = env.column(
        "SELECT DISTINCT substr(at, 1, 4) FROM audit WHERE action <> 'init' AND action <> 'add'",
    );
    assert_eq!(
        audit_years,
        ["2031"],
        "an entry was stamped by another clock"
    );
}

/// 00:30 in Helsinki on 1 December is 22:30 UTC on 30 November: the day is
/// the Finnish one, the stored time UTC.
#[test]
fn today_is_the_date_in_helsinki_whatever_the_machine_zone() {
    let env = Env::new();
    let mut cmd = env.cmd(&[
        "add",
        "customer",
        "--set",
        "first_name=Aino",
        "--set",
        "last_name=Aalto",
    ]);
    cmd.env("PRIVREG_TODAY", "2026-11-30T22:30:00Z")
        .env("TZ", "America/Los_Angeles");
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let row = env.query("SELECT relationship_start, created_at FROM records");
    let (start, at) = (&row[0][0], &row[0][1]);
    assert_eq!(row.len(), 1);
    assert_eq!(start, "2026-12-01");
    assert_eq!(at, "2026-11-30T22:30:00.000Z");
}

/// A malformed override is a usage error, not a silent fall-back to
/// another clock.
#[test]
fn a_malformed_test_date_is_refused() {
    let env = Env::new();
    let mut cmd = env.cmd(&["search", "x"]);
    cmd.env("PRIVREG_TODAY", "next tuesday");
    cmd.assert().code(2);
}

/// The release binary beside the test binary's debug one.
fn release_binary() -> PathBuf {
    let debug = PathBuf::from(env!("CARGO_BIN_EXE_privreg"));
    let bin = debug
        .parent()
        .and_then(|d| d.parent())
        .expect("target dir")
        .join("release/privreg");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --release` first (.ci/run does)",
        bin.display()
    );
    bin
}

/// A release build ignores `PRIVREG_TODAY`: the date it records is the
/// system's, and an AML hold cannot be skipped by claiming a later date
/// (issue #12). Needs `cargo build --release`; .ci/run builds it and runs
/// this with `cargo test --test cli -- --ignored release_build`.
#[test]
#[ignore = "needs a release build: cargo build --release"]
fn release_build_ignores_the_test_clock() {
    let bin = release_binary();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("reg.db");
    let run = |args: &[&str], fake: Option<&str>| {
        let mut c = std::process::Command::new(&bin);
        c.args(args)
            .env("PRIVREG_DB", &db)
            .env("PRIVREG_OPERATOR", "anne")
            .env(
                "PRIVREG_PASSPHRASE_FILE",
                crate::util::passphrase_file(&db, "anne"),
            )
            // the test-only switches of issue #14 are compiled out too
            .env("PRIVREG_TEST_KDF", "fast")
            .env("PRIVREG_TEST_PLAIN", "1")
            .env_remove("PRIVREG_TODAY");
        if let Some(date) = fake {
            c.env("PRIVREG_TODAY", date);
        }
        c.output().unwrap()
    };
    let before = Clock::current().unwrap().today();
    // twenty years on: every hold of an ended relationship has run out by then
    let far = (before + chrono::Days::new(20 * 366)).to_string();
    assert!(run(&["init", "--admin", "anne"], Some(&far))
        .status
        .success());
    // sealed, with the release Argon2id parameters, whatever the switches say
    assert!(privreg::seal::is_sealed(&db).unwrap());
    let slots = privreg::seal::read_slots(&db).unwrap();
    assert_eq!(slots.slots[0].kdf, privreg::seal::KDF_RELEASE);
    let add = run(
        &[
            "add",
            "business",
            "--set",
            "first_name=Bertta",
            "--set",
            "last_name=Berg",
            "--set",
            "organisation=Berg Oy",
            "--set",
            "business_id=2617416-4",
            "--set",
            "role=owner",
            "--set",
            "aml_identified_on=2020-01-01",
            "--basis",
            "aml",
            "--purpose",
            "aml-due-diligence",
        ],
        Some(&far),
    );
    assert!(add.status.success(), "{add:?}");
    let after = Clock::current().unwrap().today();
    let conn = crate::util::open_db(&db);
    let recorded: Vec<String> = conn
        .prepare("SELECT substr(at, 1, 10) FROM audit")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    drop(conn);
    // UTC dates of today's Helsinki time: the day before, today or (never) after
    let real = [before.pred_opt().unwrap(), before, after].map(|d| d.to_string());
    for date in &recorded {
        assert!(
            real.contains(date),
            "release build recorded {date}, not today"
        );
    }
    let ended = run(&["end", "B-1", "--date", &before.to_string()], Some(&far));
    assert!(ended.status.success(), "{ended:?}");
    // the AML hold runs 5 years from the end: a claimed later date does not end it
    let erase = run(
        &[
            "erase",
            "B-1",
            "--reason",
            "claimed to be late",
            "--override-hold",
        ],
        Some(&far),
    );
    assert_eq!(erase.status.code(), Some(5), "{erase:?}");
    assert!(String::from_utf8_lossy(&erase.stderr).contains("444/2017"));
}
