//! `import` on a server (issue #17): the same CSV into a file and a server
//! gives the same summary, rejects file, `show`/`search` answers, exit
//! codes and an intact audit chain: all or nothing, `--skip-invalid`,
//! conflicts with the register and within the file (the COPY rolled back
//! and done again row by row), `--on-conflict skip/update` and a basis.

use super::{audit_log, same_on_both, text, Pg};

/// Runs `import ARGS --rejects R` with `--format json` on the file and on
/// the server, each with a rejects file of its own: both end with `code`
/// and print the same stdout and stderr (but for the rejects file's
/// name), and write the same rejects file. Returns the server's stdout.
fn import_on_both(env: &crate::util::Env, pg: &Pg, role: &str, code: i32, args: &[&str]) -> String {
    let n = std::fs::read_dir(env.path(".")).unwrap().count();
    let (file_rejects, server_rejects) = (
        env.path(&format!("file-rejects-{n}.csv")),
        env.path(&format!("server-rejects-{n}.csv")),
    );
    let run = |rejects: &std::path::Path, on_server: bool| {
        let mut all = vec!["--format", "json", "import"];
        all.extend_from_slice(args);
        all.extend(["--rejects", rejects.to_str().unwrap()]);
        let out = if on_server {
            pg.privreg(role, &all)
        } else {
            env.cmd(&all).output().unwrap()
        };
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", text(&out));
        let name = rejects.to_str().unwrap();
        let shown = |b: &[u8]| String::from_utf8_lossy(b).replace(name, "REJECTS");
        (shown(&out.stdout), shown(&out.stderr))
    };
    let file = run(&file_rejects, false);
    let server = run(&server_rejects, true);
    assert_eq!(file, server, "{args:?}: the file and the server differ");
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap_or_default();
    assert_eq!(
        read(&file_rejects),
        read(&server_rejects),
        "{args:?}: the rejects files differ"
    );
    server.0
}

const PEOPLE: &str = "first_name,last_name,hetu,email,city\n\
    Matti,Mäkinen,131052-308T,matti@example.fi,Tampere\n\
    Åsa,Ääkkönen,,asa@example.fi,Hämeenlinna\n\
    Liisa,Virtanen,,not-an-address,Oulu\n\
    Pekka,Öhman,,pekka@example.fi,Turku\n";

#[test]
fn import_answers_the_same_on_a_file_and_a_server() {
    let Some(mut pg) = Pg::new("import_same") else {
        return;
    };
    let admin = pg.init();
    let mut env = crate::util::Env::empty();
    env.operator = admin.clone();
    env.cmd(&["init", "--admin", &admin]).assert().success();
    let both = |code: i32, args: &[&str]| same_on_both(&env, &pg, &admin, code, args);
    let import = |code: i32, args: &[&str]| import_on_both(&env, &pg, &admin, code, args);

    // An invalid row: exit 3, the rejects file, nothing written.
    let people = env.write("people.csv", PEOPLE);
    import(3, &["customer", &people]);
    assert_eq!(both(0, &["search"]).trim(), "[]");

    // --skip-invalid: the valid rows written, numbered in file order.
    let out = import(
        3,
        &[
            "customer",
            &people,
            "--skip-invalid",
            "--basis",
            "contract",
            "--purpose",
            "customer-relationship",
        ],
    );
    assert!(out.contains("\"inserted\": 3"), "{out}");
    assert!(out.contains("\"rejected\": 1"), "{out}");
    for id in ["C-1", "C-2", "C-3"] {
        both(0, &["show", id]);
    }
    assert!(both(0, &["show", "C-3"]).contains("Öhman"));
    both(4, &["show", "C-4"]);
    let found = both(0, &["search", "aakko"]);
    assert!(found.contains("C-2"), "{found}");
    both(0, &["search", "--hetu", "131052-308T"]);
    both(0, &["search"]);

    // Conflicts: with the register, and between two lines of the file
    // (on the server the COPY meets the unique index, rolls back and goes
    // again row by row, naming each line as the file does).
    let again = env.write(
        "again.csv",
        "first_name,last_name,email,city\n\
         Matti,Mäkinen,MATTI@example.fi,Espoo\n\
         Outi,Uusi,outi@example.fi,Vaasa\n\
         Outi,Toinen,outi@example.fi,Vaasa\n",
    );
    let err = import(3, &["customer", &again]);
    assert!(err.is_empty(), "nothing on stdout: {err}");
    both(4, &["show", "C-4"]);
    let skipped = import(0, &["customer", &again, "--on-conflict", "skip"]);
    assert!(skipped.contains("\"skipped\": 2"), "{skipped}");
    let updated = import(0, &["customer", &again, "--on-conflict", "update"]);
    assert!(updated.contains("\"updated\": 2"), "{updated}");
    assert!(both(0, &["show", "C-1"]).contains("Espoo"));
    both(0, &["show", "C-4"]);
    both(4, &["show", "C-5"]);
    both(0, &["search", "outi"]);

    // The same file again from standard input on a dry run, then verify.
    let dry = import(
        0,
        &["customer", &again, "--on-conflict", "skip", "--dry-run"],
    );
    assert!(dry.contains("\"skipped\": 3"), "{dry}");
    // The logs: intact, as many entries, and the import entries the same
    // (outcome, records, fields, rows and detail with the ids given); the
    // hashes differ because the server's init entry names the superuser.
    let verify_file = env.json(&["audit", "verify"]);
    let out = pg.privreg(&admin, &["--format", "json", "audit", "verify"]);
    assert!(out.status.success(), "{}", text(&out));
    let verify: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verify["intact"], true, "{verify}");
    assert_eq!(verify["entries"], verify_file["entries"]);
    let server: Vec<_> = audit_log(&pg, &admin)
        .into_iter()
        .filter(|e| e.action == "import")
        .map(|e| (e.outcome, e.records, e.fields, e.rows, e.detail))
        .collect();
    let file: Vec<(String, String, String, i64, String)> = env
        .sql()
        .prepare("SELECT outcome, records, fields, rows, detail FROM audit WHERE action = 'import' ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(server.len(), 6);
    assert_eq!(file, server);
    assert!(server[1].4.contains("ids=C-1..C-3"), "{:?}", server[1]);
}

/// `records_import()` (migrations/pg/004_import_numbers.sql) gives record
/// numbers as the owner, so a plain client may use it only as an import
/// does: an auditor may not call it; a staging table that could make the
/// owner run someone's code (row security, a view) is refused; from a
/// plain one the rows get the register's next numbers, never one of the
/// caller's.
#[test]
fn records_import_gives_numbers_only_as_an_import_does() {
    let Some(mut pg) = Pg::new("records_import") else {
        return;
    };
    pg.init();
    let staff = pg.login("staff", Some("privreg_staff"));
    let auditor = pg.login("auditor", Some("privreg_auditor"));
    let staging = "CREATE TEMP TABLE import_rows (n bigint, number text, first_name text, last_name text,
         created_at text, created_by text, updated_at text);
         INSERT INTO import_rows VALUES (1, '999', 'Åsa', 'Ääkkönen', '2026-11-24T10:00:00.000Z', 'staff', '2026-11-24T10:00:00.000Z');
         GRANT SELECT ON import_rows TO privreg_owner;";
    pg.refused(&auditor, "SELECT privreg.records_import('customer')");
    pg.refused(
        &staff,
        &format!("{staging} ALTER TABLE import_rows ENABLE ROW LEVEL SECURITY; SELECT privreg.records_import('customer')"),
    );
    pg.refused(
        &staff,
        "CREATE TEMP VIEW import_rows AS SELECT 1::bigint AS n, 'x'::text AS first_name;
         SELECT privreg.records_import('customer')",
    );
    let out = pg.as_role(
        &staff,
        &format!("{staging} SELECT privreg.records_import('customer')"),
    );
    assert_eq!(super::ok(out), "1", "one row written");
    let numbers = pg.superuser_in_db("SELECT string_agg(number::text, ',') FROM privreg.records");
    assert_eq!(numbers, "1", "the sequence's number, not the caller's 999");
}
