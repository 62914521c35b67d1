//! Office conveniences, part A (issue #20, SPEC §12): Excel workbooks,
//! tables that fit the terminal, waiting for an import's lock, `basis
//! add` for many records, the summary of an import that rejected rows,
//! and a register in a folder the login cannot write.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use calamine::{open_workbook, Data, Reader, Xlsx};

use crate::util::*;

/// A customer with identifiers a spreadsheet would mangle.
fn liisa(env: &Env) -> String {
    env.add(
        "customer",
        &[
            "first_name=Liisa",
            "last_name=Järvinen",
            &format!("hetu={}", hetu("010105", 'A', 123)),
            "email=liisa.jarvinen@example.fi",
            "phone=045 070 2635",
            "postal_code=00100",
            "city=Helsinki",
            "customer_number=000042",
            "relationship_start=1.2.2024",
        ],
    )
}

/// The first sheet of a workbook as rows of cells.
fn sheet(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("a workbook a reader opens");
    let names = book.sheet_names();
    assert_eq!(names.len(), 1, "one sheet: {names:?}");
    let range = book.worksheet_range(&names[0]).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

/// The text of a part of the workbook's zip (its XML).
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn column(rows: &[Vec<Data>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| *c == Data::String(name.into()))
        .unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]))
}

/// The cell of the row whose `id` column is `id`.
fn cell<'a>(rows: &'a [Vec<Data>], id: &str, name: &str) -> &'a Data {
    let id_col = column(rows, "id");
    let row = rows
        .iter()
        .find(|r| r[id_col] == Data::String(id.into()))
        .unwrap_or_else(|| panic!("no row {id}"));
    &row[column(rows, name)]
}

/// The frozen header row and its autofilter, in the sheet's XML.
fn assert_frozen_header_with_filter(path: &Path) {
    let xml = part(path, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "{xml}"
    );
    assert!(xml.contains("<autoFilter ref=\"A1:"), "{xml}");
}

#[test]
fn an_xlsx_export_keeps_identifiers_as_text_and_dates_as_dates() {
    let env = Env::new();
    matti(&env);
    let liisa = liisa(&env);
    let file = env.path("asiakkaat.xlsx");
    env.ok(&[
        "export",
        "register",
        "customer",
        "--reveal-hetu",
        "--format",
        "xlsx",
        "--output",
        file.to_str().unwrap(),
    ]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let rows = sheet(&file);
    assert_eq!(rows.len(), 3, "a header and two records");
    assert_eq!(rows[0][0], Data::String("id".into()));
    let text = |name: &str| cell(&rows, &liisa, name).clone();
    assert_eq!(text("postal_code"), Data::String("00100".into()));
    assert_eq!(text("phone"), Data::String("+358450702635".into()));
    assert_eq!(text("customer_number"), Data::String("000042".into()));
    assert_eq!(
        text("hetu"),
        Data::String(hetu("010105", 'A', 123)),
        "a hetu with A"
    );
    assert_eq!(
        *cell(&rows, "C-1", "hetu"),
        Data::String("131052-308T".into()),
        "a hetu with -"
    );
    assert_eq!(
        *cell(&rows, "C-1", "phone"),
        Data::String("+358401234567".into())
    );
    // 1.2.2024 is an Excel date: serial 45323, shown d.m.yyyy
    match text("relationship_start") {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 45323.0),
        other => panic!("not a date: {other:?}"),
    }
    assert!(part(&file, "xl/styles.xml").contains("d.m.yyyy"));
    assert_frozen_header_with_filter(&file);
    // the read is audited as any export
    let (_, outcome, _, fields, detail) = env.last_audit_of("export-register");
    assert_eq!(outcome, "ok");
    assert_eq!(fields, "hetu");
    assert!(
        detail.contains("format=xlsx") && detail.contains("to-file"),
        "{detail}"
    );
}

#[test]
fn listings_write_xlsx_and_refuse_it_without_a_file() {
    let env = Env::new();
    let matti = matti(&env);
    liisa(&env);
    env.ok(&[
        "request",
        "open",
        "--type",
        "access",
        "--received",
        "2026-11-20",
        "--subject",
        &matti,
    ]);
    let found = env.path("found.xlsx");
    let f = found.to_str().unwrap();
    env.ok(&["--format", "xlsx", "--output", f, "search", "helsinki"]);
    let rows = sheet(&found);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        *cell(&rows, "C-2", "postal_code"),
        Data::String("00100".into())
    );
    assert_frozen_header_with_filter(&found);

    let requests = env.path("requests.xlsx");
    env.ok(&[
        "request",
        "list",
        "--format",
        "xlsx",
        "--output",
        requests.to_str().unwrap(),
    ]);
    let rows = sheet(&requests);
    assert_eq!(rows.len(), 2);
    assert_eq!(*cell(&rows, "REQ-1", "type"), Data::String("access".into()));
    assert!(matches!(cell(&rows, "REQ-1", "due"), Data::DateTime(_)));
    assert_frozen_header_with_filter(&requests);

    // a workbook is not for a terminal or a pipe
    let err = env.fails(2, &["search", "helsinki", "--format", "xlsx"]);
    assert!(err.contains("--output"), "{err}");
    // nor over a file that exists
    let before = std::fs::read(&found).unwrap();
    let err = env.fails(3, &["--format", "xlsx", "--output", f, "search", "x"]);
    assert!(err.contains("exists already"), "{err}");
    assert_eq!(std::fs::read(&found).unwrap(), before);
    // a format that is not a file's stays on stdout as before
    assert!(env.ok(&["search", "helsinki"]).contains("Järvinen"));
}

/// `privreg` under a pseudo-terminal of `cols` columns (util-linux
/// `script`), with the suite's environment; `None` without `script`.
fn on_terminal(env: &Env, cols: u16, args: &[&str]) -> Option<String> {
    let base = std_command(&env.db, "anne", &[]);
    let bin = base.get_program().to_str().unwrap().to_string();
    let line = format!("stty cols {cols}; exec {bin} {}", args.join(" "));
    let mut c = std::process::Command::new("script");
    c.args(["-qec", &line, "/dev/null"]);
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    let out = match c.stdin(std::process::Stdio::null()).output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: no `script` (util-linux) to make a terminal: {e}");
            return None;
        }
    };
    assert!(out.status.success(), "{out:?}");
    Some(String::from_utf8(out.stdout).unwrap().replace('\r', ""))
}

fn long_person(env: &Env) {
    env.add(
        "customer",
        &[
            "first_name=Anna-Liisa",
            "last_name=Järvinen-Korhonen",
            "email=anna-liisa.jarvinen-korhonen@esimerkkiyritys.fi",
            "phone=045 070 2635",
            "city=Kauniainen",
            &format!("hetu={}", hetu("010190", '-', 123)),
        ],
    );
}

#[test]
fn tables_fit_an_80_column_terminal_and_never_wrap_in_a_pipe() {
    let env = Env::new();
    matti(&env);
    long_person(&env);
    // piped: one line per row, nothing wrapped
    let piped = env.ok(&["search", "--register", "customer"]);
    let row = piped
        .lines()
        .find(|l| l.contains("Järvinen-Korhonen"))
        .unwrap();
    assert!(
        row.contains("anna-liisa.jarvinen-korhonen@esimerkkiyritys.fi")
            && row.contains("+358450702635")
            && row.contains("Kauniainen"),
        "{piped}"
    );
    // on a terminal of 80 columns: no line longer, phones and hetus whole
    let Some(shown) = on_terminal(&env, 80, &["search", "--register", "customer"]) else {
        return;
    };
    // (stderr shares the terminal: its note names what was left out)
    for line in shown.lines().filter(|l| !l.starts_with("privreg:")) {
        assert!(line.chars().count() <= 80, "{}:\n{shown}", line.len());
    }
    assert!(
        shown.contains("privreg: left out to fit the window: "),
        "{shown}"
    );
    for whole in [
        "+358450702635",
        "+358401234567",
        "131052-****",
        "010190-****",
    ] {
        assert!(shown.contains(whole), "{whole} broken:\n{shown}");
    }
    assert!(shown.contains("Järvinen-"), "{shown}");
}

#[test]
fn times_in_tables_are_helsinki_time_and_utc_in_json() {
    let env = Env::new();
    let id = matti(&env);
    env.ok(&[
        "basis",
        "add",
        &id,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    // the suite's clock: noon in Helsinki, 10:00 UTC in November
    let json = env.json(&["show", &id]);
    let logged = json["bases"][0]["logged_at"].as_str().unwrap();
    assert!(
        logged.starts_with(&format!("{TODAY}T10:00")) && logged.ends_with('Z'),
        "{logged}"
    );
    let table = env.ok(&["show", &id]);
    assert!(table.contains(&format!("{TODAY} 12:00")), "{table}");
    assert!(!table.contains(&format!("{TODAY}T10:00")), "{table}");
}

/// Holds the register's write lock (as an import does) from another
/// connection for `hold`; returns when the lock is taken.
fn hold_write_lock(db: &Path, hold: Duration) -> std::thread::JoinHandle<()> {
    let (taken, is_taken) = std::sync::mpsc::channel();
    let db = db.to_path_buf();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        taken.send(()).unwrap();
        std::thread::sleep(hold);
        conn.execute_batch("COMMIT").unwrap();
    });
    is_taken.recv().unwrap();
    holder
}

#[test]
fn a_search_waits_for_an_import_and_says_so_issue_20() {
    let env = Env::new_plain();
    matti(&env);
    let holder = hold_write_lock(&env.db, Duration::from_secs(2));
    let began = Instant::now();
    let out = env.cmd(&["search", "makinen"]).output().unwrap();
    let waited = began.elapsed();
    holder.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(waited >= Duration::from_millis(1500), "{waited:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mäkinen"));
    assert_eq!(
        err.matches("waiting for the register").count(),
        1,
        "said once: {err}"
    );
    assert!(err.contains("PRIVREG_BUSY_TIMEOUT"), "{err}");
    assert!(
        !err.contains("Mäkinen") && !err.contains("makinen"),
        "{err}"
    );
    // the search's audit entry was written after the wait
    assert_eq!(env.last_audit().0, "search");

    // a second import waits with the same line instead of a blank screen
    let file = env.write("more.csv", "first_name,last_name\nAino,Aalto\n");
    let holder = hold_write_lock(&env.db, Duration::from_secs(1));
    let out = env.cmd(&["import", "customer", &file]).output().unwrap();
    holder.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("waiting for the register"), "{err}");
    assert_eq!(env.count("customer"), 2);
}

#[test]
fn a_wait_past_privreg_busy_timeout_is_exit_7_naming_it() {
    let env = Env::new_plain();
    matti(&env);
    let holder = hold_write_lock(&env.db, Duration::from_secs(4));
    let began = Instant::now();
    let out = env
        .cmd(&["search", "makinen"])
        .env("PRIVREG_BUSY_TIMEOUT", "1")
        .output()
        .unwrap();
    let waited = began.elapsed();
    holder.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(7), "{err}");
    assert!(out.stdout.is_empty(), "no data without its audit entry");
    assert!(waited < Duration::from_secs(3), "{waited:?}");
    assert!(
        err.contains("PRIVREG_BUSY_TIMEOUT (1 s)") && err.contains("waiting"),
        "{err}"
    );
    let out = env
        .cmd(&["search", "x"])
        .env("PRIVREG_BUSY_TIMEOUT", "soon")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PRIVREG_BUSY_TIMEOUT must be"));
}

#[test]
fn basis_add_takes_many_ids_all_or_none_and_lists_what_it_added() {
    let env = Env::new();
    let a = matti(&env);
    let b = liisa(&env);
    let added = env.json(&[
        "basis",
        "add",
        &a,
        &b,
        "--basis",
        "contract",
        "--purpose",
        "customer-relationship",
    ]);
    let added = added.as_array().unwrap();
    assert_eq!(added.len(), 2);
    assert_eq!(added[0]["record"], a.as_str());
    assert_eq!(added[1]["record"], b.as_str());
    assert_eq!(added[1]["basis"], "contract");
    // a table names each record, not a bare number
    let c = env.add("customer", &["first_name=Olli", "last_name=Ojala"]);
    let table = env.ok(&[
        "basis",
        "add",
        &c,
        &a,
        "--basis",
        "consent",
        "--purpose",
        "marketing",
    ]);
    assert!(table.contains(&c) && table.contains(&a), "{table}");
    assert!(table.contains("marketing"), "{table}");
    // one unknown id: nothing written, every unknown id named
    let before = env.number("SELECT count(*) FROM bases");
    let err = env.fails(
        4,
        &[
            "basis",
            "add",
            &a,
            "C-99",
            "C-98",
            "--basis",
            "contract",
            "--purpose",
            "billing",
        ],
    );
    assert!(err.contains("C-99") && err.contains("C-98"), "{err}");
    assert_eq!(env.number("SELECT count(*) FROM bases"), before);
    let (action, _, records, _, _) = env.last_audit_of("basis-add");
    assert_eq!(action, "basis-add");
    assert_eq!(records, format!("{c},{a}"));
}

#[test]
fn an_import_that_rejected_rows_gives_scripts_its_summary_on_stdout() {
    let env = Env::new();
    let file = env.write(
        "in.csv",
        "first_name,last_name,hetu\nAino,Aalto,\nBad,Row,131052-308X\nEino,Laine,\n",
    );
    let rejects = env.path("rejects.csv");
    let out = env
        .cmd(&[
            "--format",
            "json",
            "import",
            "customer",
            &file,
            "--skip-invalid",
            "--rejects",
            rejects.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["inserted"], 2, "{summary}");
    assert_eq!(summary["rejected"], 1, "{summary}");
    assert_eq!(summary["read"], 3, "{summary}");
    assert_eq!(summary["rejects"], rejects.to_str().unwrap(), "{summary}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3, field hetu"), "{err}");
    assert!(rejects.exists());
    assert_eq!(env.count("customer"), 2);
    // a table keeps stdout for data only: the summary stays on stderr
    let more = env.path("more-rejects.csv");
    let err = env.fails(
        3,
        &[
            "import",
            "customer",
            &file,
            "--skip-invalid",
            "--rejects",
            more.to_str().unwrap(),
        ],
    );
    assert!(err.contains("1 of 3 rows were rejected"), "{err}");
}

/// Runs privreg as the unprivileged user `nobody` when the tests run as
/// root (CI does), so that a folder's mode applies; `None` when that
/// cannot be done here.
fn as_nobody(db: &Path, args: &[&str]) -> Option<std::process::Output> {
    let base = std_command(db, "anne", args);
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let mut c = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(base.get_program())
            .args(base.get_args());
        c
    } else {
        std::process::Command::new(base.get_program())
    };
    if !root {
        c.args(base.get_args());
    }
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    // A plain register needs no passphrase; nobody could not read root's file.
    c.env_remove("PRIVREG_PASSPHRASE_FILE");
    match c.output() {
        Ok(out) => Some(out),
        Err(e) => {
            eprintln!("skipped: cannot run privreg as an unprivileged user (setpriv): {e}");
            None
        }
    }
}

#[test]
fn a_read_only_folder_is_named_as_the_problem_issue_20() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new_plain();
    matti(&env);
    // the register moves into a folder of its own, which nobody may enter
    // but not write; the file itself is theirs to write
    let folder = env.path("shared");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("reg.db");
    std::fs::rename(&env.db, &db).unwrap();
    let set = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    // (the suite's passphrase file beside it, made while the folder is open)
    passphrase_file(&db, "anne");
    set(env._dir.path(), 0o755);
    set(&folder, 0o555);
    std::os::unix::fs::chown(&db, Some(65534), Some(65534)).ok();
    set(&db, 0o666);
    let Some(out) = as_nobody(&db, &["search", "makinen"]) else {
        set(&folder, 0o755);
        return;
    };
    set(&folder, 0o755);
    let err = String::from_utf8_lossy(&out.stderr);
    if err.contains("Permission denied") && err.contains("setpriv") {
        eprintln!("skipped: {err}");
        return;
    }
    assert_eq!(out.status.code(), Some(7), "{err}");
    assert!(
        err.contains(&format!("the folder {} is read-only", folder.display())),
        "{err}"
    );
    assert!(
        err.contains("write-ahead log") && err.contains("audit"),
        "{err}"
    );
    assert!(!err.contains("the register file is read-only"), "{err}");
    assert!(out.stdout.is_empty());
}

/// `export processing-record --format xlsx` (SPEC §9, §12): one row per
/// register and activity as controller, one per client processing as
/// processor, with the article's items as columns.
#[test]
fn the_record_of_processing_is_one_sheet_in_xlsx() {
    let env = Env::new();
    env.ok(&[
        "processor",
        "add",
        "Postitus Oy",
        "--business-id",
        "1572860-0",
        "--country",
        "FI",
        "--service",
        "sending the newsletter",
        "--data",
        "e-mail addresses",
        "--contract-date",
        "2024-03-01",
    ]);
    env.ok(&[
        "activity",
        "add",
        "Web analytics and cookies",
        "--purpose",
        "web-analytics",
        "--basis",
        "consent",
        "--subjects",
        "website visitors",
        "--data",
        "pages visited, IP address",
        "--retention",
        "14 months",
    ]);
    env.ok(&[
        "client",
        "add",
        "Kauppa Oy",
        "--business-id",
        "2617416-4",
        "--contract-date",
        "2024-06-01",
    ]);
    env.ok(&[
        "client",
        "processing",
        "add",
        "Kauppa Oy",
        "--category",
        "ERP hosting",
        "--subjects",
        "the client's customers",
        "--data",
        "contact details, orders",
        "--sub-processor",
        "Postitus Oy",
    ]);
    let controller = env.path("record.xlsx");
    env.ok(&[
        "export",
        "processing-record",
        "--format",
        "xlsx",
        "--output",
        controller.to_str().unwrap(),
    ]);
    assert_frozen_header_with_filter(&controller);
    let rows = sheet(&controller);
    let (kind, name) = (column(&rows, "kind"), column(&rows, "name"));
    let activity = rows
        .iter()
        .find(|r| r[name] == Data::String("Web analytics and cookies".into()))
        .expect("the activity has its row");
    assert_eq!(activity[kind], Data::String("activity".into()));
    assert_eq!(
        activity[column(&rows, "data_subjects")],
        Data::String("website visitors".into())
    );
    assert_eq!(
        activity[column(&rows, "retention")],
        Data::String("14 months".into())
    );
    assert_eq!(
        rows.iter()
            .filter(|r| r[kind] == Data::String("register".into()))
            .count(),
        4,
        "a row for each of the four registers"
    );
    let processor = env.path("record-30-2.xlsx");
    env.ok(&[
        "export",
        "processing-record",
        "--role",
        "processor",
        "--format",
        "xlsx",
        "--output",
        processor.to_str().unwrap(),
    ]);
    let rows = sheet(&processor);
    assert_eq!(rows.len(), 2, "the header and Kauppa Oy's one processing");
    assert_eq!(
        rows[1][column(&rows, "client")],
        Data::String("Kauppa Oy".into())
    );
    assert_eq!(
        rows[1][column(&rows, "business_id")],
        Data::String("2617416-4".into())
    );
    assert_eq!(
        rows[1][column(&rows, "category")],
        Data::String("ERP hosting".into())
    );
    assert_eq!(
        rows[1][column(&rows, "sub_processors")],
        Data::String("Postitus Oy".into())
    );
    // Still a document by default, and xlsx still needs a file.
    assert!(env.ok(&["export", "processing-record"]).starts_with('#'));
    env.fails(2, &["export", "processing-record", "--format", "xlsx"]);
}
