//! Erasure on a server (SPEC §4, §7, §8, issue #17): the same answers as on
//! a file, the same refusals, and no erased value left in the table and
//! index files of the cluster's data directory.

use crate::server::{ok, psql, same_on_both, text, Pg};

/// A customer and an erasure request naming them, on the file and the
/// server alike; the customer's id.
fn customer_with_request(both: &dyn Fn(i32, &[&str]) -> String) -> String {
    let added = both(
        0,
        &[
            "add",
            "customer",
            "--set",
            "first_name=Xanthippe",
            "--set",
            "last_name=Quorndale",
            "--set",
            "email=xanthippe.quorndale@example.fi",
            "--set",
            "relationship_start=2015-01-01",
        ],
    );
    let id: serde_json::Value = serde_json::from_str(&added).unwrap();
    let id = id["id"].as_str().unwrap().to_string();
    both(
        0,
        &[
            "request",
            "open",
            "--type",
            "erasure",
            "--received",
            crate::util::TODAY,
            "--subject",
            &id,
            "--identity-verified",
            "passport of Xanthippe Quorndale",
        ],
    );
    id
}

#[test]
fn erase_and_its_refusals_answer_the_same_on_a_file_and_a_server() {
    let Some(mut pg) = Pg::new("erase_same_as_file") else {
        return;
    };
    let admin = pg.init();
    let mut env = crate::util::Env::empty();
    env.operator = admin.clone();
    env.cmd(&["init", "--admin", &admin]).assert().success();
    let both = |code: i32, args: &[&str]| same_on_both(&env, &pg, &admin, code, args);

    let id = customer_with_request(&both);
    // the active relationship is a hold: refused on both, nothing erased
    both(5, &["erase", &id, "--reason", "erasure request"]);
    let judged = both(
        0,
        &["erase", &id, "--reason", "erasure request", "--dry-run"],
    );
    assert!(judged.contains("\"would_erase\": false"), "{judged}");
    both(0, &["show", &id]);
    both(4, &["erase", "C-99", "--reason", "erasure request"]);
    both(
        0,
        &["optout", &id, "--channel", "all", "--source", "letter"],
    );
    let erased = both(
        0,
        &[
            "erase",
            &id,
            "--reason",
            "erasure request",
            "--request",
            "REQ-1",
            "--override-hold",
        ],
    );
    assert!(
        erased.contains("\"requests_redacted\": [\n    \"REQ-1\"\n  ]"),
        "{erased}"
    );
    assert!(erased.contains("\"suppressed\": true"), "{erased}");
    // added again, the person is kept out of marketing (the suppression
    // list's keyed hashes, DOMAIN §7)
    let again = both(
        0,
        &[
            "add",
            "customer",
            "--set",
            "first_name=Xanthippe",
            "--set",
            "last_name=Quorndale",
            "--set",
            "email=xanthippe.quorndale@example.fi",
        ],
    );
    assert!(again.contains("\"id\": \"C-2\""), "{again}");
    // not same_on_both: the file gives the new preference the id of the
    // erased person's deleted one (SQLite reuses the highest rowid), the
    // server never reuses one
    let file = env.json(&["show", "C-2"]);
    let out = pg.privreg(&admin, &["--format", "json", "show", "C-2"]);
    let server: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for shown in [&file, &server] {
        assert_eq!(shown["preferences"][0]["kind"], "suppression", "{shown}");
        assert_eq!(shown["notices"], file["notices"]);
    }
    let receipt = both(0, &["show", &id]);
    assert!(receipt.contains("\"status\": \"erased\""), "{receipt}");
    let request = both(0, &["request", "show", "REQ-1"]);
    assert!(!request.contains("Xanthippe"), "{request}");
    both(4, &["erase", &id, "--reason", "again"]);
    // the chains differ (each register's id is in its hashes): both intact
    let file = env.json(&["audit", "verify"]);
    let out = pg.privreg(&admin, &["--format", "json", "audit", "verify"]);
    let server: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (file["intact"].clone(), server["intact"].clone()),
        (true.into(), true.into())
    );
    assert_eq!(file["entries"], server["entries"]);
}

#[test]
fn staff_may_not_erase_on_a_server_and_nothing_is_vacuumed_for_a_refusal() {
    let Some(mut pg) = Pg::new("erase_staff_refused") else {
        return;
    };
    let admin = pg.init();
    let staff = pg.login("staff", Some("privreg_staff"));
    pg.superuser_in_db(&format!(
        "INSERT INTO privreg.operators (name, role, enabled, created_at, created_by) \
         VALUES ('{staff}', 'staff', true, '2026-11-24T00:00:00Z', '{admin}')"
    ));
    add_ilmari(&pg, &admin);
    let out = pg.privreg(
        &staff,
        &["erase", "C-1", "--reason", "x", "--override-hold"],
    );
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    let out = pg.privreg(&admin, &["show", "C-1"]);
    assert!(text(&out).contains("Ilmari"), "{}", text(&out));
}

#[test]
fn an_erase_that_may_not_vacuum_is_refused_before_it_erases_anything() {
    let Some(mut pg) = Pg::new("erase_cannot_vacuum") else {
        return;
    };
    let admin = pg.init();
    add_ilmari(&pg, &admin);
    // a database no longer owned by privreg_maintainer (as before this
    // release): the admin may not vacuum it
    pg.superuser(&format!("ALTER DATABASE \"{}\" OWNER TO postgres", pg.db));
    let out = pg.privreg(
        &admin,
        &["erase", "C-1", "--reason", "x", "--override-hold"],
    );
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    assert!(text(&out).contains("privreg_maintainer"), "{}", text(&out));
    let out = pg.privreg(&admin, &["show", "C-1"]);
    assert!(
        text(&out).contains("Ilmari"),
        "nothing erased: {}",
        text(&out)
    );
    // init run again gives the database back to privreg_maintainer
    let su = pg.superuser_user();
    let out = pg.privreg(&su, &["init", "--admin", &admin]);
    assert!(out.status.success(), "{}", text(&out));
    let out = pg.privreg(
        &admin,
        &["erase", "C-1", "--reason", "x", "--override-hold"],
    );
    assert!(out.status.success(), "{}", text(&out));
}

/// Adds C-1, Ilmari Virta, whom the refusal tests try to erase.
fn add_ilmari(pg: &Pg, admin: &str) {
    let out = pg.privreg(
        admin,
        &[
            "add",
            "customer",
            "--set",
            "first_name=Ilmari",
            "--set",
            "last_name=Virta",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
}

/// The bytes of every table and index file of the register's schema
/// (their TOAST tables and indexes too), read straight from the data
/// directory after a CHECKPOINT has written every buffer out, as
/// lower-case text: where an erased value must not be found.
pub(crate) fn files_text(pg: &Pg) -> String {
    pg.superuser_in_db("CHECKPOINT");
    let data = ok(psql(&pg.url(&pg.superuser_user()), "SHOW data_directory"));
    let files = pg.superuser_in_db(
        "WITH base AS (
             SELECT oid, reltoastrelid FROM pg_catalog.pg_class
              WHERE relnamespace = 'privreg'::regnamespace AND relkind IN ('r', 'i', 'm')),
         toast AS (SELECT reltoastrelid AS oid FROM base WHERE reltoastrelid <> 0),
         rels AS (
             SELECT oid FROM base UNION SELECT oid FROM toast
             UNION SELECT indexrelid FROM pg_catalog.pg_index WHERE indrelid IN (SELECT oid FROM toast))
         SELECT pg_catalog.pg_relation_filepath(oid) FROM rels
          WHERE pg_catalog.pg_relation_filepath(oid) IS NOT NULL",
    );
    let mut haystack = Vec::new();
    let mut scanned = 0;
    for rel in files.lines() {
        let main = std::path::Path::new(&data).join(rel);
        for segment in 0.. {
            let path = if segment == 0 {
                main.clone()
            } else {
                main.with_extension(segment.to_string())
            };
            let Ok(bytes) = std::fs::read(&path) else {
                assert!(segment > 0, "cannot read {}", path.display());
                break;
            };
            scanned += 1;
            haystack.extend(bytes);
        }
    }
    assert!(scanned > 40, "only {scanned} files found: {files}");
    String::from_utf8_lossy(&haystack).to_lowercase()
}

/// The attack of issue #17: after `erase`, none of the erased values is in
/// the bytes of any table or index file of the register's schema (their
/// TOAST tables and indexes too), read straight from the data directory
/// after a CHECKPOINT has written every buffer out.
#[test]
fn erasure_leaves_no_value_in_the_servers_table_and_index_files() {
    let Some(mut pg) = Pg::new("erase_no_residue") else {
        return;
    };
    let admin = pg.init();
    let run = |args: &[&str]| pg.privreg_ok(&admin, args);
    run(&[
        "add",
        "customer",
        "--set",
        "first_name=Zyxwvuts",
        "--set",
        "last_name=Qwertyplox",
        "--set",
        "hetu=131052-308T",
        "--set",
        "email=zyx.unique@qwerty-mail.fi",
        "--set",
        "phone=+358 40 987 6543",
        "--set",
        "street=Harvinaisentie 77",
        "--set",
        "city=Kuvitteellinen",
        "--set",
        "relationship_start=2015-01-01",
    ]);
    // someone else, who stays
    run(&[
        "add",
        "customer",
        "--set",
        "first_name=Bystander",
        "--set",
        "last_name=Stays",
    ]);
    run(&[
        "correct",
        "C-1",
        "--set",
        "city=Eriskummallinen",
        "--set",
        "street=Poikkeuksellisenkatu 5",
        "--reason",
        "moved",
    ]);
    run(&[
        "request",
        "open",
        "--type",
        "erasure",
        "--received",
        crate::util::TODAY,
        "--subject",
        "C-1",
        "--identity-verified",
        "passport of Zyxwvuts Qwertyplox",
    ]);
    run(&[
        "erase",
        "C-1",
        "--reason",
        "erasure request",
        "--request",
        "REQ-1",
        "--override-hold",
    ]);

    let haystack = files_text(&pg);
    assert!(haystack.contains("bystander"), "the scan reads the records");
    for value in [
        "zyxwvuts",
        "qwertyplox",
        "131052-308t",
        "zyx.unique",
        "qwerty-mail",
        "358409876543",
        "harvinaisentie",
        "kuvitteellinen",
        "eriskummallinen",
        "poikkeuksellisenkatu",
    ] {
        assert!(
            !haystack.contains(value),
            "{value} is still in the server's files"
        );
    }
}

/// A session of the cluster's superuser in the test's database that takes
/// a snapshot (REPEATABLE READ, reading a table the erasure does not
/// touch, so it holds no lock the vacuum waits for) and keeps it for
/// `secs` seconds; returned once the server shows it holding it.
fn old_snapshot(pg: &Pg, secs: u32) -> std::process::Child {
    let su = pg.superuser_user();
    let mut child = std::process::Command::new("psql")
        .args(["-X", "-q", "-d", &pg.url(&su), "-c"])
        .arg(format!(
            "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM privreg.meta; \
             SELECT pg_sleep({secs}); COMMIT"
        ))
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("psql");
    for _ in 0..100 {
        let n = pg.superuser_in_db(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND query LIKE '%pg_sleep%' AND backend_xmin IS NOT NULL AND pid <> pg_backend_pid()",
        );
        if n == "1" {
            return child;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the old snapshot's session did not start");
}

fn erasable(pg: &mut Pg) -> String {
    let admin = pg.init();
    for args in [
        &[
            "add",
            "customer",
            "--set",
            "first_name=Zyxwvuts",
            "--set",
            "last_name=Qwertyplox",
        ][..],
        &[
            "correct",
            "C-1",
            "--set",
            "last_name=Plonkerton",
            "--reason",
            "married",
        ],
    ] {
        let out = pg.privreg(&admin, args);
        assert!(out.status.success(), "{}", text(&out));
    }
    admin
}

/// VACUUM FULL copies a row version that a snapshot older than the
/// erasure may still see: the erasure vacuums again until that snapshot
/// is gone (here after 3 s), and only then exits 0.
#[test]
fn an_erasure_waits_for_an_older_snapshot_before_it_exits_0() {
    let Some(mut pg) = Pg::new("erase_waits_snapshot") else {
        return;
    };
    let admin = erasable(&mut pg);
    let mut holder = old_snapshot(&pg, 3);
    let out = pg.privreg(
        &admin,
        &["erase", "C-1", "--reason", "x", "--override-hold"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(holder.wait().unwrap().success());
}

/// A snapshot older than the erasure that outlasts the vacuum's wait: the
/// erasure is committed, but it must not exit 0 (SPEC §7).
#[test]
fn an_erasure_that_an_older_snapshot_outlasts_does_not_exit_0() {
    let Some(mut pg) = Pg::new("erase_outlasted") else {
        return;
    };
    let admin = erasable(&mut pg);
    add_ilmari(&pg, &admin);
    let mut holder = old_snapshot(&pg, 40);
    let out = pg.privreg(
        &admin,
        &["erase", "C-1", "--reason", "x", "--override-hold"],
    );
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    assert!(text(&out).contains("VACUUM FULL"), "{}", text(&out));
    // the log does not leave the erasure's entry as the last word: the
    // failed vacuum follows it, and `check` lists the tables
    let log = pg.superuser_in_db(
        "SELECT string_agg(action || ' ' || outcome || ' ' || records, ';' ORDER BY seq)
           FROM (SELECT * FROM privreg.audit ORDER BY seq DESC LIMIT 2) last",
    );
    assert_eq!(log, "erase ok C-1;erase-vacuum failed C-1");
    let gaps = |pg: &Pg| {
        let out = pg.privreg(&admin, &["--format", "json", "check"]);
        text(&out)
    };
    assert!(gaps(&pg).contains("vacuum-needed"), "{}", gaps(&pg));
    // the next erasure's vacuum cleans every such table
    let out = pg.privreg(
        &admin,
        &["erase", "C-2", "--reason", "x", "--override-hold"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(!gaps(&pg).contains("vacuum-needed"), "{}", gaps(&pg));
}
