//! Crash safety (issue #8): an import killed with SIGKILL at random
//! moments leaves a sound file in which the import is all there or not at
//! all, and an intact audit chain.

use std::time::Instant;

use crate::util::*;

/// Imports `rows` generated customers into new registers and kills each
/// import after a fraction of the time a whole one takes on this machine
/// (so that the kills fall inside it on a slow CI runner as on a fast
/// laptop): `steps` moments from the start to just past the end, each
/// moved by a random part of a step. Returns how many kills fell inside.
#[cfg(unix)]
fn kill_imports(rows: i64, steps: u32) -> u32 {
    let first = Env::new();
    let csv = generate(&first, "people.csv", &[&rows.to_string(), "--seed", "42"]);
    let started = Instant::now();
    first.ok(&["import", "customer", &csv, "--quiet"]);
    let whole = started.elapsed();
    assert_eq!(first.number("SELECT count(*) FROM records"), rows);

    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let mut killed_midway = 0;
    let mut outcomes = Vec::new();
    for step in 0..steps {
        let env = Env::new();
        let fraction = (f64::from(step) + f64::from(jitter % 1000) / 1000.0) / f64::from(steps);
        let delay = whole.mul_f64(fraction * 1.1);
        let mut child = std_command(&env.db, "anne", &["import", "customer", &csv, "--quiet"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();

        env.assert_sound();
        let n = env.number("SELECT count(*) FROM records");
        let imports = env.number("SELECT count(*) FROM audit WHERE action = 'import'");
        assert!(
            (n == 0 && imports == 0) || (n == rows && imports == 1),
            "{n} rows and {imports} import entries after a kill at {delay:?}"
        );
        outcomes.push((delay, status.success(), n));
        if !status.success() && n == 0 {
            killed_midway += 1;
            if killed_midway == 1 {
                // the file works on: the same import completes after the crash
                env.ok(&["import", "customer", &csv, "--quiet"]);
                assert_eq!(env.number("SELECT count(*) FROM records"), rows);
                env.assert_sound();
            }
        }
    }
    eprintln!("{rows} rows, a whole import {whole:?}: {outcomes:?}");
    killed_midway
}

/// Rounds of [`kill_imports`] until `needed` kills fell inside an import:
/// on a loaded machine an import's length varies from one run to the
/// next, so a round may land too many kills after the end. Every kill in
/// every round is checked all the same.
#[cfg(unix)]
fn kill_until_inside(rows: i64, steps: u32, needed: u32) {
    let mut inside = 0;
    for _round in 0..4 {
        inside += kill_imports(rows, steps);
        if inside >= needed {
            return;
        }
    }
    panic!("only {inside} kills fell inside an import in 4 rounds (needed {needed})");
}

#[cfg(unix)]
#[test]
fn an_import_killed_at_any_moment_is_all_there_or_not_at_all() {
    kill_until_inside(8_000, 8, 4);
}

/// A file this large is a bulk load (indexes and triggers dropped and
/// built again in the transaction): killed, its schema comes back whole.
#[cfg(unix)]
#[test]
fn a_bulk_load_killed_at_any_moment_leaves_the_schema_whole() {
    kill_until_inside(24_000, 3, 2);
}
