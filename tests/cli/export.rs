//! `export register`, `export subject`, `export audit` and `check` (issue #6).

use crate::util::*;

#[test]
fn register_export_in_every_format_with_masking_and_filters() {
    let env = Env::new();
    let id = matti(&env);
    let ended = env.add(
        "customer",
        &[
            "first_name=Eila",
            "last_name=Ended",
            "relationship_start=2020-01-01",
        ],
    );
    env.ok(&["end", &ended, "--date", "2021-01-01"]);
    env.add(
        "customer",
        &[
            "first_name==HYPERLINK(\"http://x\")",
            "last_name=+cmd|' /C calc'!A0",
            "phone=+358 40 555 0000",
        ],
    );

    let csv = env.ok(&["export", "register", "customer"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,status,first_name,last_name,hetu,birth_date,birth_place,nationality,email,phone,language,street,postal_code,city,country,customer_number,relationship_start,relationship_start_manner,relationship_end,relationship_end_manner,username"
    );
    assert!(
        csv.contains("C-1,active,Matti,Mäkinen,131052-****,"),
        "{csv}"
    );
    assert!(!csv.contains("308T"));
    assert!(!csv.contains("Eila"), "ended records only on request");
    // formula-like text is defused, validated values are not
    assert!(
        csv.contains("C-3,active,\"'=HYPERLINK(\"\"http://x\"\")\",'+cmd|' /C calc'!A0,"),
        "{csv}"
    );
    assert!(csv.contains(",+358405550000,"), "{csv}");

    let all = env.ok(&[
        "export",
        "register",
        "customer",
        "--include-ended",
        "--reveal-hetu",
    ]);
    assert!(all.contains("Eila") && all.contains("131052-308T"));
    let (action, _, _, fields, detail) = env.last_audit();
    assert_eq!(action, "export-register");
    assert_eq!(fields, "hetu");
    assert!(
        detail.contains("reveal-hetu") && detail.contains("include-ended"),
        "{detail}"
    );

    let json = env.json(&["export", "register", "customer"]);
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["id"], id);
    assert_eq!(json[0]["hetu"], "131052-****");
    let jsonl = env.ok(&["export", "register", "customer", "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), 2);
    env.fails(2, &["export", "register", "customer", "--format", "table"]);
    assert_eq!(
        env.json(&["export", "register", "employee"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn export_to_a_file_is_private() {
    let env = Env::new();
    matti(&env);
    let path = env.db.with_file_name("customers.csv");
    let out = env.ok(&[
        "export",
        "register",
        "customer",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert!(out.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("id,status,") && text.contains("Matti"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn the_access_report_covers_every_register_of_the_person() {
    let env = Env::new();
    let c = env.add(
        "customer",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "hetu=131052-308T",
            "email=matti@example.fi",
            "language=en",
            "city=Tampere",
        ],
    );
    let b = env.add(
        "business",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "hetu=131052-308T",
            "organisation=M Oy",
            "business_id=2617416-4",
            "role=owner",
        ],
    );
    // no hetu, but the same e-mail: the same person
    let r = env.add(
        "recruitment",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "email=MATTI@example.fi",
            "position=dev",
            "applied_on=2026-10-01",
        ],
    );
    // someone else
    env.add(
        "customer",
        &[
            "first_name=Other",
            "last_name=Person",
            "email=other@example.fi",
        ],
    );
    env.ok(&[
        "basis",
        "add",
        &c,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    env.ok(&["correct", &c, "--set", "city=Turku", "--reason", "moved"]);
    env.ok(&["optout", &c, "--channel", "sms"]);

    let report = env.json(&["export", "subject", &b]);
    let ids: Vec<&str> = report["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [c.as_str(), b.as_str(), r.as_str()]);
    let first = &report["records"][0];
    assert_eq!(first["hetu"], "131052-****");
    assert_eq!(first["bases"][0]["purpose"], "customer-relationship");
    assert_eq!(first["corrections"][0]["old_value"], "Tampere");
    assert_eq!(first["preferences"][0]["kind"], "optout");
    assert!(
        first["register_title"]
            .as_str()
            .unwrap()
            .contains("marketing"),
        "english for language=en"
    );
    assert!(first["source"].is_string());
    assert!(first["holds"].is_array());
    assert!(report["rights"].as_array().unwrap().len() >= 7);
    assert!(report["rights"]
        .to_string()
        .contains("Data Protection Ombudsman"));
    let (action, _, records, _, _) = env.last_audit();
    assert_eq!(action, "export-subject");
    assert_eq!(records, format!("{c},{b},{r}"));

    let by_hetu = env.json(&["export", "subject", "--hetu", "131052-308t"]);
    assert_eq!(by_hetu["records"].as_array().unwrap().len(), 3);
    env.fails(
        4,
        &["export", "subject", "--hetu", &hetu("010101", '-', 123)],
    );
    env.fails(4, &["export", "subject", "C-99"]);
    env.fails(2, &["export", "subject"]);
    env.fails(2, &["export", "subject", &c, "--format", "csv"]);
}

#[test]
fn the_audit_log_exports_with_hashes_and_date_filters() {
    let env = Env::new();
    matti(&env);
    env.ok(&["search", "matti"]);
    let csv = env.ok(&["export", "audit"]);
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "seq,at,operator,action,outcome,records,fields,request,rows,detail,prev_hash,hash"
    );
    // init, add, search, and this export's own entry: it is written
    // before the first byte leaves (issue #13), so the export shows it
    assert_eq!(csv.lines().count(), 5, "{csv}");
    assert!(
        csv.lines()
            .last()
            .unwrap()
            .contains(",export-audit,started,"),
        "{csv}"
    );
    let rows = env.json(&["export", "audit"]);
    let rows = rows.as_array().unwrap();
    // the first export's start and end, and this one's start
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[4]["outcome"], "ok");
    assert_eq!(rows[4]["rows"], 4);
    assert_eq!(rows[1]["prev_hash"], rows[0]["hash"]);
    assert_eq!(rows[0]["hash"].as_str().unwrap().len(), 64);
    // the day the suite's clock says (PRIVREG_TODAY), not the machine's
    let today = TODAY.to_string();
    assert!(!env
        .json(&["export", "audit", "--since", &today, "--until", &today])
        .as_array()
        .unwrap()
        .is_empty());
    assert!(env
        .json(&["export", "audit", "--until", "2000-01-01"])
        .as_array()
        .unwrap()
        .is_empty());
    env.fails(3, &["export", "audit", "--since", "2026-02-31"]);
}

#[test]
fn check_lists_the_gaps_with_ids() {
    let env = Env::new();
    let without = matti(&env);
    let with = env.add(
        "customer",
        &[
            "first_name=Liisa",
            "last_name=Laine",
            "relationship_start=2010-01-01",
        ],
    );
    env.ok(&[
        "basis",
        "add",
        &with,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    env.ok(&["end", &with, "--date", "2019-01-01"]);
    env.add(
        "employee",
        &[
            "first_name=E",
            "last_name=E",
            "hetu=010100A002H",
            "employment_start=2020-01-01",
        ],
    );
    let gaps = env.json(&["check"]);
    let found: Vec<(String, String)> = gaps
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["gap"].as_str().unwrap().to_string(),
                g["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        found.contains(&("no-legal-basis".into(), without.clone())),
        "{found:?}"
    );
    assert!(
        found.contains(&("no-legal-basis".into(), "E-1".into())),
        "{found:?}"
    );
    assert!(
        !found.contains(&("no-legal-basis".into(), with.clone())),
        "{found:?}"
    );
    assert!(
        found.contains(&("past-retention".into(), with.clone())),
        "{found:?}"
    );
    // a legitimate-interest basis stored without its note (by an older tool)
    env.exec(
        "INSERT INTO bases (record, basis, purpose, valid_from, logged_at, logged_by) SELECT rowid, 'legitimate-interest', 'marketing', '2026-01-01', 'x', 'x' FROM records WHERE number = 1 AND register = 'customer'",
    );
    let gaps = env.ok(&["check", "--format", "csv"]);
    assert!(
        gaps.contains(&format!("legitimate-interest-without-note,{without}")),
        "{gaps}"
    );
    assert!(
        !gaps.contains(&format!("no-legal-basis,{without}")),
        "{gaps}"
    );
}

#[test]
fn the_access_letter_is_in_the_persons_language() {
    let env = Env::new();
    let fi = env.add(
        "customer",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "hetu=131052-308T",
            "city=Tampere",
        ],
    );
    env.ok(&[
        "basis",
        "add",
        &fi,
        "--basis",
        "aml",
        "--purpose",
        "aml-due-diligence",
    ]);
    env.ok(&["correct", &fi, "--set", "city=Turku", "--reason", "muutti"]);
    let letter = env.ok(&["export", "subject", &fi, "--format", "markdown"]);
    for want in [
        "# Selvitys sinua koskevista henkilötiedoista",
        "| sukunimi | Mäkinen |",
        "| henkilötunnus | 131052-**** |",
        "laki rahanpesun ja terrorismin rahoittamisen estämisestä 444/2017",
        "«Tampere» → «Turku»",
        "Tietosuojavaltuutetun toimisto",
        "asiakkuus tai palvelussuhde on voimassa",
    ] {
        assert!(letter.contains(want), "missing {want:?} in:\n{letter}");
    }
    assert!(!letter.contains("308T"));
    let en = env.add(
        "customer",
        &[
            "first_name=John",
            "last_name=Smith",
            "language=en",
            "email=john@example.com",
        ],
    );
    let letter = env.ok(&["export", "subject", &en, "--format", "markdown"]);
    assert!(
        letter.starts_with("# Report on the personal data we hold about you"),
        "{letter}"
    );
    assert!(letter.contains("| Smith |"), "{letter}");
    assert!(letter.contains("Data Protection Ombudsman"));
}

#[test]
fn an_empty_list_in_csv_still_has_its_header() {
    let env = Env::new();
    assert_eq!(env.ok(&["--format", "csv", "check"]), "gap,id,missing\n");
    assert_eq!(env.ok(&["check"]).trim(), "(none)");
}

// ---- issue #13: output never damages anything (item 4), every read is
// audited before its data leaves (item 3).

/// A register of `n` generated customers.
fn people(env: &Env, n: usize) {
    let file = generate(env, "people.csv", &[&n.to_string(), "--seed", "13"]);
    env.ok(&["import", "customer", &file]);
}

#[cfg(unix)]
#[test]
fn export_output_is_never_the_register_issue_13() {
    crate::file_only!();
    let env = Env::new();
    matti(&env);
    let dir = env.path("");
    std::os::unix::fs::symlink(&env.db, env.path("link.db")).unwrap();
    std::fs::create_dir(env.path("sub")).unwrap();
    let before = std::fs::read(&env.db).unwrap().len();
    for (output, code) in [
        ("reg.db", 5),
        ("./reg.db", 5),
        ("sub/../reg.db", 5),
        ("reg.db-wal", 5),
        ("./reg.db-shm", 5),
        ("reg.db-journal", 5),
        ("link.db", 5),
    ] {
        let out = env
            .cmd(&["export", "audit", "--output", output])
            .current_dir(&dir)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{output}: {err}");
        assert!(err.contains(output), "{output}: {err}");
        assert!(out.stdout.is_empty());
    }
    // the absolute path too
    let err = env.fails(
        5,
        &[
            "export",
            "register",
            "customer",
            "--output",
            env.db.to_str().unwrap(),
        ],
    );
    assert!(err.contains("is the register"), "{err}");
    assert!(!env.path("reg.db-journal").exists());
    assert!(std::fs::read(&env.db).unwrap().len() >= before);
    assert_eq!(env.count("customer"), 1);
    env.assert_sound();
}

#[cfg(unix)]
#[test]
fn output_and_rejects_never_follow_a_symlink_nor_overwrite_issue_13() {
    let env = Env::new();
    matti(&env);
    let victim = env.write("victim.txt", "precious\n");
    let link = env.path("planted.csv");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let dangling = env.path("dangling.csv");
    std::os::unix::fs::symlink(env.path("nowhere.txt"), &dangling).unwrap();
    let existing = env.write("existing.csv", "old\n");
    for target in [&link, &dangling, &env.path("existing.csv")] {
        let t = target.to_str().unwrap();
        let err = env.fails(
            3,
            &[
                "export",
                "register",
                "customer",
                "--reveal-hetu",
                "--output",
                t,
            ],
        );
        assert!(err.contains(t) && err.contains("exists already"), "{err}");
        env.fails(3, &["export", "audit", "--output", t]);
        env.fails(3, &["backup", t]);
    }
    let file = env.write(
        "in.csv",
        "first_name,last_name,hetu\nAino,Aalto,\nBad,Row,131052-308X\n",
    );
    let err = env.fails(
        3,
        &[
            "import",
            "customer",
            &file,
            "--skip-invalid",
            "--rejects",
            link.to_str().unwrap(),
        ],
    );
    assert!(err.contains(link.to_str().unwrap()), "{err}");
    assert_eq!(env.count("customer"), 1, "nothing imported");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "old\n");
    assert!(!env.path("nowhere.txt").exists());
    // no audit entry claims a read that never happened
    assert_eq!(
        env.number("SELECT count(*) FROM audit WHERE action = 'export-register'"),
        0
    );
    env.assert_sound();
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_returns_promptly_issue_13() {
    let env = Env::new();
    matti(&env);
    let fifo = env.path("pipe.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = std_command(
        &env.db,
        "anne",
        &[
            "export",
            "register",
            "customer",
            "--output",
            fifo.to_str().unwrap(),
        ],
    )
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > std::time::Duration::from_secs(10) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("export --output FIFO hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(3));
}

#[cfg(unix)]
#[test]
fn a_reveal_piped_into_head_is_audited_issue_13() {
    use std::io::BufRead;
    let env = Env::new();
    people(&env, 3000);
    let mut child = std_command(
        &env.db,
        "anne",
        &["export", "register", "customer", "--reveal-hetu"],
    )
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    {
        // `| head -n 5`: five lines, then the reader goes away.
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        for _ in 0..5 {
            lines.next().unwrap().unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    // A broken pipe is not an error (STYLE §4): exit 0, quietly.
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entries: Vec<(String, String, String)> = env
        .rows("SELECT outcome, fields, detail FROM audit WHERE action = 'export-register' ORDER BY seq")
        .into_iter()
        .map(|r| {
            let text = |i: usize| r[i].clone().unwrap_or_default();
            (text(0), text(1), text(2))
        })
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0].0, "started");
    assert_eq!(entries[1].0, "output-closed");
    for (_, fields, detail) in &entries {
        assert_eq!(fields, "hetu");
        assert!(detail.contains("reveal-hetu"), "{detail}");
    }
    env.assert_sound();
}

#[test]
fn a_read_that_cannot_be_audited_writes_nothing_issue_13() {
    let env = Env::new();
    matti(&env);
    let file = env.path("out.csv");
    // Another process holds the write lock past the busy timeout (one
    // second here: PRIVREG_BUSY_TIMEOUT).
    // (on a server, a transaction holding privreg's writer lock)
    let (lock, server_lock) = match &env.server {
        Some(server) => (None, Some(server.hold_writer_lock())),
        None => {
            let lock = env.sql();
            lock.execute_batch("BEGIN IMMEDIATE").unwrap();
            (Some(lock), None)
        }
    };
    let runs: Vec<_> = [
        vec!["export", "register", "customer", "--reveal-hetu"],
        vec![
            "export",
            "register",
            "customer",
            "--output",
            file.to_str().unwrap(),
        ],
        vec!["export", "audit"],
        vec!["marketing-list", "--channel", "post"],
    ]
    .into_iter()
    .map(|args| {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let db = env.db.clone();
        std::thread::spawn(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            std_command(&db, "anne", &args)
                .env("PRIVREG_BUSY_TIMEOUT", "1")
                .output()
                .unwrap()
        })
    })
    .collect();
    for run in runs {
        let out = run.join().unwrap();
        assert_eq!(
            out.status.code(),
            Some(7),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    assert!(!file.exists());
    drop(server_lock);
    if let Some(lock) = lock {
        lock.execute_batch("ROLLBACK").unwrap();
    }
    assert_eq!(
        env.number("SELECT count(*) FROM audit WHERE action IN ('export-register', 'export-audit', 'marketing-list')"),
        0
    );
}

#[cfg(unix)]
#[test]
fn a_failed_export_leaves_no_partial_file_issue_13() {
    let env = Env::new();
    people(&env, 3000);
    // Nothing of the register waits in its WAL: the command below writes
    // only its audit entries there, at the start of a fresh WAL.
    // (a server has no WAL file of the register's beside it)
    if env.server.is_none() {
        env.sql()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let file = env.path("big.csv");
    let bin = assert_cmd::cargo::cargo_bin("privreg");
    // 200 blocks of 512 bytes (dash) or 1 KiB (bash): the export is larger.
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg("ulimit -f 200 && exec \"$0\" \"$@\"")
        .arg(&bin)
        .args([
            "export",
            "register",
            "customer",
            "--reveal-hetu",
            "--output",
        ])
        .arg(&file);
    for (k, v) in std_command(&env.db, "anne", &[]).get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    let out = sh.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(7), "{err}");
    assert!(!file.exists(), "a partial export was left behind");
    assert!(!err.contains("Mäkinen"), "{err}");
    let (_, outcome, _, fields, _) = env.last_audit_of("export-register");
    assert_eq!((outcome.as_str(), fields.as_str()), ("failed", "hetu"));
    env.assert_sound();
}
