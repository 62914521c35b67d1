//! A fresh register per test and helpers to run the binary on it.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The date the tests run on: fixed, so that "today" defaults and ages are stable.
pub const TODAY: &str = "2026-11-24";

pub struct Env {
    /// Kept so the directory lives as long as the test.
    pub _dir: TempDir,
    pub db: PathBuf,
    pub operator: String,
    /// On a server kind (tests/cli/kind.rs), the database `db` stands for.
    pub server: Option<crate::kind::Server>,
}

/// Skips the rest of a test on a server kind: for a test about the file
/// and only the file (its bytes, WAL, modes, sealing, raw SQLite).
#[macro_export]
macro_rules! file_only {
    () => {
        if $crate::kind::server_url().is_some() {
            eprintln!("skipped on a server: this test is about a register file");
            return;
        }
    };
}

impl Env {
    /// A new register whose admin is `anne`.
    pub fn new() -> Env {
        let env = Env::empty();
        env.cmd(&["init", "--admin", "anne"]).assert().success();
        env
    }

    /// A new register made as before sealing (plain SQLite): for the tests
    /// that read the file's raw bytes for traces of an erasure, and of
    /// `privreg encrypt`. `PRIVREG_TEST_PLAIN` works only with debug assertions.
    pub fn new_plain() -> Env {
        let env = Env::empty_file();
        env.cmd(&["init", "--admin", "anne"])
            .env("PRIVREG_TEST_PLAIN", "1")
            .assert()
            .success();
        env
    }

    /// A temp dir without a register; on a server kind, with an empty
    /// database that `db` stands for.
    pub fn empty() -> Env {
        let mut env = Env::empty_file();
        env.server =
            crate::kind::server_for_this_test().map(|url| crate::kind::Server::new(url, &env.db));
        env
    }

    /// A temp dir without a register, on a file whatever the kind.
    fn empty_file() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("reg.db");
        Env {
            _dir: dir,
            db,
            operator: "anne".into(),
            server: None,
        }
    }

    /// The same register, worked on by another operator.
    pub fn as_op(&self, name: &str) -> Env2<'_> {
        Env2 {
            env: self,
            operator: name.to_string(),
        }
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        command(&self.db, &self.operator, args)
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        run_ok(self.cmd(args), args)
    }

    /// Runs a command with `--format json` that must succeed.
    pub fn json(&self, args: &[&str]) -> Value {
        // `--format` first: it is global, and nothing may follow a `--`.
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not json ({e}): {out}"))
    }

    /// Runs a command that must fail with `code`; returns its stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        run_fails(self.cmd(args), code, args)
    }

    /// Adds a record and returns its id.
    pub fn add(&self, register: &str, sets: &[&str]) -> String {
        let mut args = vec!["add", register];
        for s in sets {
            args.push("--set");
            args.push(s);
        }
        self.ok(&args).trim().to_string()
    }

    /// A path in the test's temp dir.
    pub fn path(&self, name: &str) -> PathBuf {
        self._dir.path().join(name)
    }

    /// Writes a file into the test's temp dir and returns its path as text.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        std::fs::write(&path, contents).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// How many records a register holds.
    pub fn count(&self, register: &str) -> i64 {
        if let Some(server) = &self.server {
            let sql = format!("SELECT count(*) FROM records WHERE register = '{register}'");
            return server.query(&sql).parse().unwrap();
        }
        self.sql()
            .query_row(
                "SELECT count(*) FROM records WHERE register = ?1",
                [register],
                |r| r.get(0),
            )
            .unwrap()
    }

    pub fn sql(&self) -> rusqlite::Connection {
        assert!(
            self.server.is_none(),
            "SQLite SQL on a server register: mark the test file_only!() or inspect with privreg"
        );
        open_db(&self.db)
    }

    /// The one number a query such as `SELECT count(*) …` gives.
    pub fn number(&self, sql: &str) -> i64 {
        if let Some(server) = &self.server {
            return server.query(sql).parse().unwrap();
        }
        self.sql().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// The rows of a query in plain SQL that both SQLite and PostgreSQL
    /// accept, on either kind (on a server as the cluster's superuser,
    /// `search_path = privreg`): each field as text, `None` for NULL.
    /// Mind the types that differ: a flag is 0/1 on a file, a boolean
    /// (`t`/`f`) on a server; dates and times are the same text on both.
    pub fn rows(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        if let Some(server) = &self.server {
            return server.rows(sql);
        }
        use rusqlite::types::ValueRef;
        let conn = self.sql();
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        Ok(match r.get_ref(i)? {
                            ValueRef::Null => None,
                            ValueRef::Integer(v) => Some(v.to_string()),
                            ValueRef::Real(v) => Some(v.to_string()),
                            ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
                            ValueRef::Blob(b) => Some(String::from_utf8_lossy(b).into_owned()),
                        })
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        rows
    }

    /// The rows of a query as text, NULL as "" (see `rows`).
    pub fn query(&self, sql: &str) -> Vec<Vec<String>> {
        self.rows(sql)
            .into_iter()
            .map(|r| r.into_iter().map(Option::unwrap_or_default).collect())
            .collect()
    }

    /// The first column of every row of a query, as text (see `rows`).
    pub fn column(&self, sql: &str) -> Vec<String> {
        self.query(sql)
            .into_iter()
            .map(|mut r| r.swap_remove(0))
            .collect()
    }

    /// The one value of a query that gives one row, as text (see `rows`).
    pub fn one(&self, sql: &str) -> String {
        let mut all = self.column(sql);
        assert_eq!(all.len(), 1, "not one row: {sql}");
        all.remove(0)
    }

    /// Statements in plain SQL of both dialects, run in one transaction on
    /// either kind: on a server as the cluster's superuser, who is above
    /// every grant (the triggers still hold).
    pub fn exec(&self, sql: &str) {
        if let Some(server) = &self.server {
            return server.exec(sql);
        }
        let conn = self.sql();
        conn.execute_batch(&format!("BEGIN; {sql}; COMMIT;"))
            .unwrap();
    }

    /// Changes the audit log as an attacker with the whole store can: on a
    /// file with the sqlite3 shell (dropping the append-only triggers and
    /// making them again), on a server as the superuser (disabling the
    /// triggers, and moving the chain's head, `audit_head`, to the last
    /// entry left, so that new entries follow on as if nothing happened).
    pub fn tamper_audit(&self, sql: &str) {
        if let Some(server) = &self.server {
            return server.exec(&format!(
                "ALTER TABLE audit DISABLE TRIGGER USER; ALTER TABLE audit_head DISABLE TRIGGER USER; {sql}; \
                 UPDATE audit_head SET seq = coalesce((SELECT max(seq) FROM audit), 0), \
                 hash = coalesce((SELECT hash FROM audit ORDER BY seq DESC LIMIT 1), repeat('0', 64)); \
                 ALTER TABLE audit ENABLE TRIGGER USER; ALTER TABLE audit_head ENABLE TRIGGER USER"
            ));
        }
        let conn = self.sql();
        let triggers = self
            .column("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'");
        assert_eq!(triggers.len(), 2, "the file's append-only triggers");
        conn.execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
            .unwrap();
        conn.execute_batch(sql).unwrap();
        for t in triggers {
            conn.execute_batch(&t).unwrap();
        }
    }

    /// Every audit entry as stored, in order, on either kind.
    pub fn audit_entries(&self) -> Vec<privreg::store::audit::Stored> {
        let int = |v: &Option<String>| v.as_deref().unwrap_or("").parse::<i64>().unwrap();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        self.rows("SELECT seq, at, operator, action, outcome, records, fields, request, rows, detail, prev_hash, hash FROM audit ORDER BY seq")
            .iter()
            .map(|r| privreg::store::audit::Stored {
                seq: int(&r[0]),
                at: text(&r[1]),
                operator: text(&r[2]),
                action: text(&r[3]),
                outcome: text(&r[4]),
                records: text(&r[5]),
                fields: text(&r[6]),
                request: r[7].clone(),
                rows: int(&r[8]),
                detail: text(&r[9]),
                prev_hash: text(&r[10]),
                hash: text(&r[11]),
            })
            .collect()
    }

    /// The SQL literal of a text value, for statements `exec` runs.
    pub fn lit(value: Option<&str>) -> String {
        value.map_or("NULL".into(), |v| format!("'{}'", v.replace('\'', "''")))
    }

    /// SQLite's and FTS5's own checks of the file, the register's indexes
    /// and triggers, and `audit verify`.
    pub fn assert_sound(&self) {
        if self.server.is_some() {
            // the server keeps its own indexes; the chain is privreg's
            self.ok(&["audit", "verify"]);
            return;
        }
        let conn = self.sql();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        // the search index matches the records it indexes
        conn.execute(
            "INSERT INTO records_search (records_search, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
        drop(conn);
        // every index and trigger a bulk import takes down is back
        let schema = self.number(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('records_search_insert', 'records_search_update', 'records_search_delete', 'records_hetu', 'records_email', 'records_phone', 'records_business_id')",
        );
        assert_eq!(schema, 7, "a trigger or index of the register is missing");
        self.ok(&["audit", "verify"]);
    }

    /// Every audit row as text, for checking that no personal value is in it.
    pub fn audit_text(&self) -> String {
        if let Some(server) = &self.server {
            return server
                .query("SELECT at, operator, action, outcome, records, fields, coalesce(request, ''), rows, detail FROM audit ORDER BY seq")
                .replace('\u{1f}', "|");
        }
        let conn = self.sql();
        let mut stmt = conn
            .prepare("SELECT at, operator, action, outcome, records, fields, coalesce(request, ''), rows, detail FROM audit ORDER BY seq")
            .unwrap();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..9)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()?
                    .join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.join("\n")
    }

    /// The last audit entry of an action as (action, outcome, records, fields, detail).
    pub fn last_audit_of(&self, action: &str) -> (String, String, String, String, String) {
        if let Some(server) = &self.server {
            let action = action.replace('\'', "''");
            return audit_row(server.query(&format!("SELECT action, outcome, records, fields, detail FROM audit WHERE action = '{action}' ORDER BY seq DESC LIMIT 1")));
        }
        self.sql()
            .query_row(
                "SELECT action, outcome, records, fields, detail FROM audit WHERE action = ?1 ORDER BY seq DESC LIMIT 1",
                [action],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap()
    }

    /// The last audit entry as (action, outcome, records, fields, detail).
    pub fn last_audit(&self) -> (String, String, String, String, String) {
        if let Some(server) = &self.server {
            return audit_row(server.query("SELECT action, outcome, records, fields, detail FROM audit ORDER BY seq DESC LIMIT 1"));
        }
        self.sql()
            .query_row(
                "SELECT action, outcome, records, fields, detail FROM audit ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap()
    }
}

/// A row of five text fields as `Server::query` gives it.
fn audit_row(row: String) -> (String, String, String, String, String) {
    let f: Vec<String> = row.split('\u{1f}').map(str::to_string).collect();
    assert_eq!(f.len(), 5, "no such audit entry: {row:?}");
    let mut f = f.into_iter();
    let mut next = || f.next().unwrap();
    (next(), next(), next(), next(), next())
}

pub struct Env2<'a> {
    env: &'a Env,
    operator: String,
}

impl Env2<'_> {
    pub fn cmd(&self, args: &[&str]) -> Command {
        command(&self.env.db, &self.operator, args)
    }
    pub fn ok(&self, args: &[&str]) -> String {
        run_ok(self.cmd(args), args)
    }
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        run_fails(self.cmd(args), code, args)
    }
}

/// The same command as a plain `std::process::Command`, for a test that
/// needs the child itself (to kill it).
pub fn std_command(db: &Path, operator: &str, args: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("privreg"));
    // Every register is sealed: each operator's passphrase is in a 0600
    // file of the test's directory; `operator add NAME` gives NAME theirs.
    let new_op = args
        .windows(3)
        .find(|w| w[0] == "operator" && w[1] == "add")
        .map(|w| w[2]);
    // a server's backup is a sealed file: its admin slot gets the
    // passphrase the operator has in a file register's tests
    let server_backup = args.contains(&"backup") && crate::kind::is_server(db);
    if let Some(name) = new_op {
        c.env("PRIVREG_NEW_PASSPHRASE_FILE", passphrase_file(db, name));
    } else if server_backup {
        c.env("PRIVREG_NEW_PASSPHRASE_FILE", passphrase_file(db, operator));
    } else {
        c.env_remove("PRIVREG_NEW_PASSPHRASE_FILE");
    }
    // on a server kind, the operator is the role that connects
    let (target, operator) = match crate::kind::url_of(db, operator, args) {
        Some((url, user)) => (url.into(), user),
        None => (db.as_os_str().to_owned(), operator.to_string()),
    };
    c.args(args)
        .env("PRIVREG_DB", target)
        .env("PRIVREG_PASSPHRASE_FILE", passphrase_file(db, &operator))
        .env("PRIVREG_TEST_KDF", "fast")
        .env("PRIVREG_OPERATOR", &operator)
        .env("PRIVREG_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("PRIVREG_FORMAT")
        // English messages whatever the machine's locale (issue #20):
        // tests of other languages set --lang or PRIVREG_LANG themselves.
        .env_remove("PRIVREG_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    c
}

/// The passphrase every test gives `operator`.
pub fn passphrase(operator: &str) -> String {
    format!("passphrase of {operator}!")
}

/// A 0600 file holding `operator`'s passphrase, beside the register.
pub fn passphrase_file(db: &Path, operator: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = db.parent().unwrap_or(Path::new("."));
    let path = dir.join(format!(".pass-{operator}"));
    if !path.exists() {
        std::fs::write(&path, format!("{}\n", passphrase(operator))).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

/// A connection to a register file as the tests' raw SQL needs it: keyed
/// with its file key when it is sealed (opened with the slot of any
/// operator whose passphrase file is beside it).
pub fn open_db(db: &Path) -> rusqlite::Connection {
    // A backup carries its slots at its end: read a copy, so that the
    // backup itself stays as `privreg backup` made it.
    let keys = privreg::seal::slots_path(db);
    let db = &if privreg::seal::is_sealed(db).unwrap() && !keys.exists() {
        let copy = db.with_extension("peek");
        std::fs::copy(db, &copy).unwrap();
        let _ = std::fs::remove_file(privreg::seal::slots_path(&copy));
        copy
    } else {
        db.to_path_buf()
    };
    let conn = rusqlite::Connection::open(db).unwrap();
    if privreg::seal::is_sealed(db).unwrap() {
        let slots = privreg::seal::read_slots(db).unwrap();
        let dir = db.parent().unwrap_or(Path::new("."));
        let key = slots
            .slots
            .iter()
            .find_map(|s| {
                let pass =
                    std::fs::read_to_string(dir.join(format!(".pass-{}", s.operator))).ok()?;
                slots
                    .unlock(&s.operator, pass.lines().next().unwrap_or(""))
                    .ok()
            })
            .expect("a passphrase file of the test opens the register");
        privreg::store::cipher::key_connection(&conn, &key.file_key).unwrap();
        privreg::seal::use_file_key(Some(&key.file_key));
    }
    conn
}

/// The `KEY` of an `ATTACH` of the register at `db` ('' when plain).
pub fn attach_key_of(db: &Path) -> String {
    if !privreg::seal::is_sealed(db).unwrap() {
        return String::new();
    }
    let _conn = open_db(db);
    privreg::seal::attach_key().to_string()
}

pub fn command(db: &Path, operator: &str, args: &[&str]) -> Command {
    Command::from_std(std_command(db, operator, args))
}

fn show(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub fn run_ok(mut c: Command, args: &[&str]) -> String {
    let out = c.output().unwrap();
    assert!(out.status.success(), "{args:?} failed:\n{}", show(&out));
    String::from_utf8(out.stdout).unwrap()
}

pub fn run_fails(mut c: Command, code: i32, args: &[&str]) -> String {
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}:\n{}", show(&out));
    assert!(
        out.stdout.is_empty(),
        "a failed command printed data:\n{}",
        show(&out)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// A customer with the usual test person's data.
pub fn matti(env: &Env) -> String {
    env.add(
        "customer",
        &[
            "first_name=Matti",
            "last_name=Mäkinen",
            "hetu=131052-308T",
            "email=matti.makinen@example.fi",
            "phone=040 123 4567",
            "city=Tampere",
        ],
    )
}

/// A hetu with its check character computed by DOMAIN §1's rule.
pub fn hetu(ddmmyy: &str, sign: char, individual: u32) -> String {
    let n: u64 = format!("{ddmmyy}{individual:03}").parse().unwrap();
    let check = "0123456789ABCDEFHJKLMNPRSTUVWXY".as_bytes()[(n % 31) as usize] as char;
    format!("{ddmmyy}{sign}{individual:03}{check}")
}

/// The customer generator: ../shared/bench/gen_customers.py beside the
/// repository when it is there (the original), else the copy kept in
/// tests/data so that a clone on its own still runs every test
/// (`generator_copy_is_the_original` keeps the two the same).
pub fn generator() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/bench/gen_customers.py");
    if shared.exists() {
        shared
    } else {
        root.join("tests/data/gen_customers.py")
    }
}

/// Runs the generator with `args` and writes its CSV to `name` in the
/// test's directory; returns the path.
pub fn generate(env: &Env, name: &str, args: &[&str]) -> String {
    let out = std::process::Command::new("python3")
        .arg(generator())
        .args(args)
        .output()
        .expect("python3 runs the generator");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.write(name, out.stdout)
}

#[test]
fn generator_copy_is_the_original() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let copy = std::fs::read(root.join("tests/data/gen_customers.py")).unwrap();
    if let Ok(original) = std::fs::read(root.join("../shared/bench/gen_customers.py")) {
        assert!(
            copy == original,
            "tests/data/gen_customers.py differs from ../shared: copy it again"
        );
    }
}

/// Rebuilds the register at `db` as a genuine file of an older schema
/// `version` (schema.sql and the first migrations), with its data: each
/// older table gets the rows of the current one, in the columns the older
/// schema has. What later migrations added is gone, as in a file that
/// never had them, so the tests of migrating old registers keep working as
/// migrations are added.
pub fn rebuild_at_version(db: &Path, version: usize) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut migrations: Vec<PathBuf> = std::fs::read_dir(root.join("migrations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    migrations.sort();
    let old = db.with_extension("old-version");
    let _ = std::fs::remove_file(&old);
    let conn = rusqlite::Connection::open(&old).unwrap();
    conn.execute_batch(&std::fs::read_to_string(root.join("schema.sql")).unwrap())
        .unwrap();
    for m in &migrations[..version - 1] {
        conn.execute_batch(&std::fs::read_to_string(m).unwrap())
            .unwrap();
    }
    let app_id: i32 = open_db(db)
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    conn.pragma_update(None, "application_id", app_id).unwrap();
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
    // An older register predates sealing: the rebuilt file is plain.
    let key = attach_key_of(db);
    conn.execute(
        "ATTACH DATABASE ?1 AS cur KEY ?2",
        [db.to_str().unwrap(), key.as_str()],
    )
    .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'records_search%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; BEGIN;")
        .unwrap();
    for t in tables {
        let columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{t}', 'main')"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let cols = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        // rows seeded by the older schema itself give way to the register's
        conn.execute(&format!("DELETE FROM main.\"{t}\""), []).ok();
        conn.execute(
            &format!("INSERT INTO main.\"{t}\" ({cols}) SELECT {cols} FROM cur.\"{t}\""),
            [],
        )
        .unwrap_or_else(|e| panic!("{t}: {e}"));
    }
    conn.execute_batch("COMMIT; DETACH DATABASE cur;").unwrap();
    drop(conn);
    for suffix in ["-wal", "-shm", "-keys"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    std::fs::rename(&old, db).unwrap();
}

/// The keys of a JSON object in their order: comparing `Value`s does not
/// see order, and a csv row's columns follow it (the `json_keys` tests).
pub fn keys(v: &serde_json::Value) -> Vec<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}
