//! Crash safety (issue #8): an import killed with SIGKILL at random
//! moments leaves a sound file in which the import is all there or not at
//! all, and an intact audit chain.

use std::time::Instant;

use crate::util::*;

const ROWS: i64 = 8_000;

fn count(env: &Env, sql: &str) -> i64 {
    env.sql().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[cfg(unix)]
#[test]
fn an_import_killed_at_any_moment_is_all_there_or_not_at_all() {
    let first = Env::new();
    let csv = generate(&first, "people.csv", &[&ROWS.to_string(), "--seed", "42"]);
    // How long a whole import takes on this machine, so that the kills
    // fall inside it on a slow CI runner as on a fast laptop.
    let started = Instant::now();
    first.ok(&["import", "customer", &csv, "--quiet"]);
    let whole = started.elapsed();
    assert_eq!(count(&first, "SELECT count(*) FROM records"), ROWS);

    // Moments from the start of the process to just past its end, each
    // moved by a random part of a step: repeatable in spread, different
    // in detail on every run.
    let steps = 8u32;
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

        let conn = env.sql();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "killed after {delay:?}");
        conn.execute(
            "INSERT INTO records_search (records_search, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
        drop(conn);
        let n = count(&env, "SELECT count(*) FROM records");
        let imports = count(&env, "SELECT count(*) FROM audit WHERE action = 'import'");
        assert!(
            (n == 0 && imports == 0) || (n == ROWS && imports == 1),
            "{n} rows and {imports} import entries after a kill at {delay:?}"
        );
        env.ok(&["audit", "verify"]);
        if !status.success() && n == 0 {
            killed_midway += 1;
        }
        if killed_midway == 1 && n == 0 {
            // the file works on: the same import completes after the crash
            env.ok(&["import", "customer", &csv, "--quiet"]);
            assert_eq!(count(&env, "SELECT count(*) FROM records"), ROWS);
            env.ok(&["audit", "verify"]);
        }
        outcomes.push((delay, status.success(), n));
    }
    assert!(
        killed_midway >= 4,
        "too few kills fell inside the import ({whole:?} whole): {outcomes:?}"
    );
}
