//! Audit checkpoints kept outside the register (SPEC §7, issue #15): a log
//! cut back, rewritten and re-hashed, or swapped for another register's
//! passes `audit verify` on its own, and is caught by a checkpoint.

use privreg::store::audit::{self, Stored};

use crate::util::{matti, Env};

/// The checkpoint line `audit checkpoint` prints.
fn checkpoint(env: &Env) -> String {
    let line = env.ok(&["audit", "checkpoint"]).trim().to_string();
    assert!(line.starts_with("privreg-checkpoint v1 "), "{line}");
    line
}

/// A register with some history: people added, corrected, searched, erased.
fn busy_register() -> Env {
    let env = Env::new();
    let c = matti(&env);
    env.ok(&["correct", &c, "--set", "city=Turku", "--reason", "moved"]);
    env.ok(&["search", "turku"]);
    env.ok(&["optout", &c, "--channel", "email"]);
    env
}

fn cut_back(env: &Env, n: i64) {
    env.tamper_audit(&format!(
        "DELETE FROM audit WHERE seq > (SELECT max(seq) FROM audit) - {n}"
    ));
}

/// The statement that puts `e` back into the log as it is.
fn insert(e: &Stored) -> String {
    let t = |v: &str| Env::lit(Some(v));
    format!(
        "INSERT INTO audit (seq, at, operator, action, outcome, records, fields, request, rows, detail, prev_hash, hash) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {});",
        e.seq,
        t(&e.at),
        t(&e.operator),
        t(&e.action),
        t(&e.outcome),
        t(&e.records),
        t(&e.fields),
        Env::lit(e.request.as_deref()),
        e.rows,
        t(&e.detail),
        t(&e.prev_hash),
        t(&e.hash)
    )
}

fn verify_with(env: &Env, files: &[&str]) -> std::process::Output {
    let mut args = vec!["audit", "verify"];
    for f in files {
        args.push("--checkpoint");
        args.push(f);
    }
    env.cmd(&args).output().unwrap()
}

fn assert_caught(out: &std::process::Output, place: &str, why: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains(place), "does not name {place}: {err}");
    assert!(err.contains(why), "does not say {why}: {err}");
}

#[test]
fn a_log_cut_back_by_one_or_three_entries_is_caught_by_a_checkpoint() {
    for n in [1, 3] {
        let env = busy_register();
        let cp = env.write("cp.txt", checkpoint(&env) + "\n");
        cut_back(&env, n);
        assert_caught(&verify_with(&env, &[&cp]), "cp.txt:1", "cut back");
        // the chain on its own cannot tell: this is the hole checkpoints close
        env.ok(&["audit", "verify"]);
        // once new entries fill the gap, the checkpoint's entry is another one
        for _ in 0..n {
            env.ok(&["search", "x"]);
        }
        assert_caught(&verify_with(&env, &[&cp]), "cp.txt:1", "rewritten");
    }
}

#[test]
fn a_rewritten_and_rehashed_log_is_caught() {
    let env = busy_register();
    let cp = env.write("cp.txt", checkpoint(&env));
    // Remove the trace of the correction and hash the chain again.
    let mut entries: Vec<Stored> = env.audit_entries();
    entries.retain(|e| e.action != "correct");
    let mut prev = "0".repeat(64);
    let mut sql = String::from("DELETE FROM audit;");
    for (i, mut e) in entries.into_iter().enumerate() {
        e.seq = i as i64 + 1;
        e.prev_hash = prev.clone();
        e.hash = audit::hash_of(&e);
        prev = e.hash.clone();
        sql += &insert(&e);
    }
    env.tamper_audit(&sql);
    env.ok(&["audit", "verify"]);
    let out = verify_with(&env, &[&cp]);
    assert_eq!(out.status.code(), Some(8));
    let err = String::from_utf8_lossy(&out.stderr);
    // one entry fewer: the checkpoint's entry is either gone or another
    assert!(err.contains("cp.txt:1"), "{err}");
    assert!(
        err.contains("cut back") || err.contains("rewritten"),
        "{err}"
    );
}

#[test]
fn a_log_rewritten_in_place_is_caught_as_rewritten() {
    let env = busy_register();
    let cp = env.write("cp.txt", checkpoint(&env));
    let mut prev = "0".repeat(64);
    let mut sql = String::new();
    for mut e in env.audit_entries() {
        if e.action == "correct" {
            e.operator = "someone-else".into();
        }
        e.prev_hash = prev.clone();
        e.hash = audit::hash_of(&e);
        prev = e.hash.clone();
        sql += &format!(
            "UPDATE audit SET operator = {}, prev_hash = {}, hash = {} WHERE seq = {};",
            Env::lit(Some(&e.operator)),
            Env::lit(Some(&e.prev_hash)),
            Env::lit(Some(&e.hash)),
            e.seq
        );
    }
    env.tamper_audit(&sql);
    env.ok(&["audit", "verify"]);
    assert_caught(&verify_with(&env, &[&cp]), "cp.txt:1", "rewritten");
}

#[test]
fn another_registers_log_swapped_in_is_caught() {
    let env = busy_register();
    let cp = env.write("cp.txt", checkpoint(&env));
    // another register with a longer log of its own
    let other = busy_register();
    for _ in 0..5 {
        other.ok(&["search", "x"]);
    }
    let theirs: String = other.audit_entries().iter().map(insert).collect();
    env.tamper_audit(&format!("DELETE FROM audit; {theirs}"));
    env.ok(&["audit", "verify"]);
    assert_caught(&verify_with(&env, &[&cp]), "cp.txt:1", "rewritten");
    // and the other register's checkpoint does not vouch for this file
    let their_cp = other.write("their.txt", checkpoint(&other));
    assert_caught(
        &verify_with(&env, &[&their_cp]),
        "their.txt:1",
        "of register",
    );
}

#[test]
fn an_untouched_log_agrees_with_every_older_checkpoint_and_prints_its_head() {
    let env = Env::new();
    let mut lines = Vec::new();
    for i in 0..6 {
        env.add(
            "customer",
            &["first_name=Aino", &format!("last_name=Aalto{i}")],
        );
        lines.push(checkpoint(&env));
    }
    let file = env.write("many.txt", lines.join("\n") + "\n");
    let stdin_cp = checkpoint(&env);
    let mut cmd = env.cmd(&[
        "audit",
        "verify",
        "--checkpoint",
        &file,
        "--checkpoint",
        "-",
    ]);
    cmd.write_stdin(format!("> {stdin_cp}\n"));
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("agrees with 7 checkpoints"), "{text}");
    let entries = env.audit_entries();
    let (last, verified) = (&entries[entries.len() - 1], &entries[entries.len() - 2]);
    // the head printed is the one verified, before verify's own entry
    assert!(
        text.contains(&format!("head: entry {} {}", verified.seq, verified.hash)),
        "{text}"
    );
    assert_eq!(verified.seq, last.seq - 1);
    assert_ne!(last.hash, "");
    // every verify is recorded
    let (action, outcome, _, _, detail) = env.last_audit();
    assert_eq!((action.as_str(), outcome.as_str()), ("audit-verify", "ok"));
    assert!(detail.contains("checkpoints=7"), "{detail}");
}

#[test]
fn a_failed_verify_is_recorded_too() {
    let env = busy_register();
    let cp = env.write("cp.txt", checkpoint(&env));
    cut_back(&env, 2);
    assert_eq!(verify_with(&env, &[&cp]).status.code(), Some(8));
    let (action, outcome, ..) = env.last_audit();
    assert_eq!(
        (action.as_str(), outcome.as_str()),
        ("audit-verify", "altered")
    );
}

#[test]
fn a_damaged_or_missing_checkpoint_file_is_named() {
    let env = Env::new();
    let good = checkpoint(&env);
    let bad = env.write("bad.txt", format!("{good}\n{}\n", &good[..good.len() - 30]));
    let err = env.fails(3, &["audit", "verify", "--checkpoint", &bad]);
    assert!(err.contains("bad.txt: line 2"), "{err}");
    let err = env.fails(4, &["audit", "verify", "--checkpoint", "nowhere.txt"]);
    assert!(err.contains("nowhere.txt"), "{err}");
    let none = env.write("none.txt", "just a note\n");
    env.fails(3, &["audit", "verify", "--checkpoint", &none]);
}

#[test]
fn the_checkpoint_log_gets_one_line_per_writing_command() {
    let env = Env::new();
    let log = env.path("elsewhere/checkpoints.log");
    std::fs::create_dir(env.path("elsewhere")).unwrap();
    let with_log = |args: &[&str]| {
        let mut c = env.cmd(args);
        c.env("PRIVREG_CHECKPOINT_LOG", &log);
        let out = c.output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    with_log(&[
        "add",
        "customer",
        "--set",
        "first_name=Aino",
        "--set",
        "last_name=Aalto",
    ]);
    with_log(&["correct", "C-1", "--set", "city=Oulu", "--reason", "moved"]);
    with_log(&["search", "aalto"]);
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    // each commits to the log as it stood after its command
    let head = env.audit_entries().pop().unwrap();
    let (seq, hash) = (head.seq, head.hash);
    assert!(lines[2].contains(&format!(" {seq} {hash} ")), "{text}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&log).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // and the lines verify the log
    env.ok(&["audit", "verify", "--checkpoint", log.to_str().unwrap()]);
}

#[test]
fn init_starts_the_checkpoint_log_and_export_audit_ends_with_its_checkpoint() {
    let env = Env::empty();
    let log = env.path("cp.log");
    let mut init = env.cmd(&["init", "--admin", "anne"]);
    init.env("PRIVREG_CHECKPOINT_LOG", &log);
    init.assert().success();
    let first = std::fs::read_to_string(&log).unwrap();
    assert!(first.starts_with("privreg-checkpoint v1 "), "{first}");
    assert!(first.contains(" 1 "), "{first}");
    matti(&env);
    let out = env.cmd(&["export", "audit"]).output().unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    let line = err
        .lines()
        .find(|l| l.starts_with("privreg-checkpoint"))
        .expect(&err);
    // it commits to the export's last row
    let last = csv.lines().last().unwrap();
    let hash = last.rsplit(',').next().unwrap();
    assert!(line.contains(hash), "{line} / {last}");
    let kept = env.write("kept.txt", line);
    env.ok(&["audit", "verify", "--checkpoint", &kept]);
}

#[test]
fn controller_set_keeps_the_checkpoint_log_for_every_command() {
    let env = Env::new();
    let log = env.path("cp.log");
    env.ok(&[
        "controller",
        "set",
        "--checkpoint-log",
        log.to_str().unwrap(),
    ]);
    matti(&env);
    env.ok(&["search", "makinen"]);
    let text = std::fs::read_to_string(&log).unwrap();
    // controller set itself, add, search
    assert_eq!(text.lines().count(), 3, "{text}");
    env.ok(&["controller", "set", "--no-checkpoint-log"]);
    env.ok(&["search", "makinen"]);
    // stopped: neither the stop itself nor the search after it is logged
    assert_eq!(std::fs::read_to_string(&log).unwrap().lines().count(), 3);
}

#[test]
fn a_checkpoint_log_that_cannot_be_written_warns_but_the_change_stands() {
    let env = Env::new();
    let mut cases = vec![(env.path("no/such/dir/cp.log"), "folder does not exist")];
    // the register's own file and its WAL: a file register's only
    if !crate::kind::is_server(&env.db) {
        cases.push((env.db.clone(), "the register"));
        cases.push((env.path("reg.db-wal"), "the register"));
    }
    let adds = cases.len() as i64;
    for (path, why) in cases {
        let mut c = env.cmd(&[
            "add",
            "customer",
            "--set",
            "first_name=Aino",
            "--set",
            "last_name=Aalto",
        ]);
        c.env("PRIVREG_CHECKPOINT_LOG", &path);
        let out = c.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(err.contains("warning: no checkpoint was logged"), "{err}");
        assert!(err.contains(why), "{err}");
    }
    assert_eq!(env.count("customer"), adds);
    env.assert_sound();
}

/// `backup` prints the checkpoint its copy ends at: it verifies the copy
/// (a backup cut back later is caught) and the register it came from.
#[test]
fn backup_prints_the_checkpoint_its_copy_ends_at() {
    let env = busy_register();
    let b = env.path("b.db");
    let out = env.json(&["backup", b.to_str().unwrap()]);
    let line = out["checkpoint"].as_str().unwrap().to_string();
    let (seq, hash) = audit::head(&crate::util::open_db(&b)).unwrap().unwrap();
    assert!(line.contains(&format!(" {seq} {hash} ")), "{line}");
    let cp = env.write("backup-cp.txt", &line);
    env.ok(&["audit", "verify", "--checkpoint", &cp]);
    // the backup itself, cut back by someone with the file
    // (a file whatever the kind: on a server the backup is a sealed file)
    let copy = Env {
        db: b.clone(),
        server: None,
        ..Env::empty()
    };
    copy.ok(&["audit", "verify", "--checkpoint", &cp]);
    // (the verify above added an entry after the checkpoint's: cut both)
    cut_back(&copy, 2);
    assert_caught(&verify_with(&copy, &[&cp]), "backup-cp.txt:1", "cut back");
}
