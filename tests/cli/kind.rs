//! The kind of register the integration suite runs on (issue #17, SPEC §8):
//! files by default; with `PRIVREG_TEST_KIND=server` (and `PRIVREG_TEST_PG`,
//! the admin URL `scripts/pg_cluster.sh start` exports) every `Env` makes
//! its register in a fresh database of that cluster instead, and every
//! helper runs privreg with `--db postgresql://OPERATOR@…/DB`: the file's
//! `--as NAME` becomes connecting as the login role NAME (the cluster
//! trusts its Unix socket), so operators keep their names and the tests'
//! expected outputs stay as they are.
//!
//! Login roles are the cluster's, not a database's: two tests that both
//! make `anne` on one cluster would share her. So on a server an `Env`
//! holds a cluster for its life (re-entrant within its thread, for the
//! tests that make two registers: they stay on the one cluster), and when
//! the thread's last `Env` goes, its databases and the roles its commands
//! made are dropped and the cluster is free again. With several clusters
//! (`scripts/pg_cluster.sh start K` lists them in `PRIVREG_TEST_PG_ALL`)
//! as many tests with an `Env` run at once, each on a cluster of its own;
//! tests that make no `Env` run in parallel anyway; a file run takes no
//! lock at all.
//!
//! Tests listed in `server_pending.txt` (their verbs are not wired to a
//! server yet) run on a file on a server kind, saying so, until
//! `PRIVREG_TEST_PENDING=server` asks for them on the server too: that is
//! how one sees which of them pass now (docs/server-suite.md).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::thread::ThreadId;

/// The tests whose verbs are not wired to a server yet, one `module::test`
/// a line, `#` comments.
const PENDING: &str = include_str!("server_pending.txt");

/// The cluster's admin URL when this run is of the server kind.
pub fn server_url() -> Option<String> {
    if std::env::var("PRIVREG_TEST_KIND").as_deref() != Ok("server") {
        return None;
    }
    match std::env::var("PRIVREG_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => panic!(
            "PRIVREG_TEST_KIND=server needs PRIVREG_TEST_PG: start a cluster with scripts/pg_cluster.sh"
        ),
    }
}

/// Whether this test runs on a server: a server kind, and the test not on
/// the pending list (or the pending ones asked for).
pub fn server_for_this_test() -> Option<String> {
    let url = server_url()?;
    let name = std::thread::current().name().unwrap_or("").to_string();
    let pending = PENDING
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .any(|l| !l.is_empty() && l == name);
    if pending && std::env::var("PRIVREG_TEST_PENDING").as_deref() != Ok("server") {
        eprintln!("{name}: pending on a server (tests/cli/server_pending.txt): run on a file");
        return None;
    }
    Some(url)
}

/// The clusters of a server-kind run: `PRIVREG_TEST_PG_ALL` (admin URLs
/// separated by spaces) when `scripts/pg_cluster.sh start K` made several,
/// else the one of `PRIVREG_TEST_PG`.
fn clusters(admin_url: &str) -> Vec<String> {
    match std::env::var("PRIVREG_TEST_PG_ALL") {
        Ok(all) if !all.trim().is_empty() => all.split_whitespace().map(str::to_string).collect(),
        _ => vec![admin_url.to_string()],
    }
}

/// Who holds a cluster, and how many of their `Env`s are alive.
#[derive(Default)]
struct Holder {
    thread: Option<ThreadId>,
    depth: usize,
    roles: Vec<String>,
}

/// One holder per cluster, in `clusters()`'s order (made on first use).
static LOCK: Mutex<Vec<Holder>> = Mutex::new(Vec::new());
static FREED: Condvar = Condvar::new();

/// A register path that stands for a server database.
struct Register {
    path: PathBuf,
    database: String,
    cluster: usize,
    admin_url: String,
}

static REGISTERS: Mutex<Vec<Register>> = Mutex::new(Vec::new());

/// Takes a cluster for this thread: the one it holds already, else the
/// first free one (waiting until one is). Returns its index and URL.
fn take_cluster(admin_url: &str) -> (usize, String) {
    let all = clusters(admin_url);
    let me = std::thread::current().id();
    let mut h = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if h.len() < all.len() {
        h.resize_with(all.len(), Holder::default);
    }
    let i = loop {
        let mine = h.iter().position(|c| c.thread == Some(me));
        if let Some(i) = mine.or_else(|| h.iter().position(|c| c.thread.is_none())) {
            break i;
        }
        h = FREED.wait(h).unwrap_or_else(|e| e.into_inner());
    };
    h[i].thread = Some(me);
    h[i].depth += 1;
    (i, all[i].clone())
}

/// A database of a test cluster standing for the register at `path`;
/// dropped (with the roles made, once the thread's last one goes) at the end.
pub struct Server {
    admin_url: String,
    cluster: usize,
    pub name: String,
    path: PathBuf,
}

impl Server {
    pub fn new(admin_url: String, path: &Path) -> Server {
        let (cluster, admin_url) = take_cluster(&admin_url);
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "privreg_suite_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        psql(&admin_url, &format!("CREATE DATABASE \"{name}\""));
        REGISTERS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Register {
                path: path.to_path_buf(),
                database: name.clone(),
                cluster,
                admin_url: admin_url.clone(),
            });
        Server {
            admin_url,
            cluster,
            name,
            path: path.to_path_buf(),
        }
    }

    /// SQL as the cluster's superuser in this database, search path on the
    /// register's schema; the rows' fields separated by U+001F.
    pub fn query(&self, sql: &str) -> String {
        psql(
            &self.superuser_url(),
            &format!("SET search_path = privreg; {sql}"),
        )
    }

    /// The rows a query gives as the cluster's superuser, each field as
    /// text (`None` for NULL), read from psql's CSV (which keeps a field's
    /// commas, quotes and line breaks).
    pub fn rows(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        let out = std::process::Command::new("psql")
            .args([
                "-X",
                "-q",
                "--csv",
                "-P",
                "null=\u{2400}",
                "-v",
                "ON_ERROR_STOP=1",
            ])
            .args(["-d", &self.superuser_url()])
            .args(["-c", "SET search_path = privreg", "-c", sql])
            .env_remove("PGPASSWORD")
            .output()
            .expect("psql (PostgreSQL's client) is installed");
        assert!(
            out.status.success(),
            "psql failed: {sql}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        csv::Reader::from_reader(&out.stdout[..])
            .records()
            .map(|r| {
                r.expect("psql's CSV")
                    .iter()
                    .map(|f| (f != "\u{2400}").then(|| f.to_string()))
                    .collect()
            })
            .collect()
    }

    /// Statements run as the cluster's superuser in one transaction.
    pub fn exec(&self, sql: &str) {
        psql(
            &self.superuser_url(),
            &format!("SET search_path = privreg; BEGIN; {sql}; COMMIT;"),
        );
    }

    /// Another privreg's write in progress: a connection of the cluster's
    /// superuser inside a transaction holding the writer lock privreg's
    /// writes take first (`store/pg/tx.rs`, "PRVR"), until it is dropped.
    pub fn hold_writer_lock(&self) -> postgres::Client {
        let mut client = postgres::Client::connect(&self.superuser_url(), postgres::NoTls)
            .expect("the test cluster accepts its superuser");
        client
            .batch_execute("BEGIN; SELECT pg_advisory_xact_lock(1347573330)")
            .unwrap();
        client
    }

    fn superuser_url(&self) -> String {
        url_for(&self.admin_url, &superuser(&self.admin_url), &self.name)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        REGISTERS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|r| r.path != self.path);
        let _ = try_psql(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
        );
        let mut all = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let h = &mut all[self.cluster];
        h.depth -= 1;
        if h.depth == 0 {
            for role in std::mem::take(&mut h.roles) {
                let _ = try_psql(
                    &self.admin_url,
                    &format!("DROP ROLE IF EXISTS \"{}\"", role.replace('"', "\"\"")),
                );
            }
            h.thread = None;
            FREED.notify_all();
        }
    }
}

/// Whether the register at `db` stands for a server database.
pub fn is_server(db: &Path) -> bool {
    REGISTERS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .any(|r| r.path == db)
}

/// The URL privreg gets for the register at `db` as `operator`, when `db`
/// stands for a server database; records the roles the command makes.
pub fn url_of(db: &Path, operator: &str, args: &[&str]) -> Option<(String, String)> {
    let (name, cluster, admin_url) = REGISTERS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|r| r.path == db)
        .map(|r| (r.database.clone(), r.cluster, r.admin_url.clone()))?;
    let init = args.contains(&"init");
    // `init --admin NAME` and `operator add NAME` make login roles
    let made = args
        .windows(2)
        .filter(|w| init && w[0] == "--admin")
        .map(|w| w[1])
        .chain(
            args.windows(3)
                .filter(|w| w[0] == "operator" && w[1] == "add")
                .map(|w| w[2]),
        )
        .map(str::to_string)
        .collect::<Vec<_>>();
    LOCK.lock().unwrap_or_else(|e| e.into_inner())[cluster]
        .roles
        .extend(made);
    // init is the superuser's: it makes the schema and the group roles
    let user = if init {
        superuser(&admin_url)
    } else {
        operator.to_string()
    };
    Some((url_for(&admin_url, &user, &name), user))
}

fn superuser(admin_url: &str) -> String {
    admin_url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'))
        .map(|(user, _)| user.to_string())
        .unwrap_or_else(|| "postgres".into())
}

/// `admin_url` with another user and database: `scheme://user@host/db?query`.
pub(crate) fn url_for(admin_url: &str, user: &str, db: &str) -> String {
    let (scheme, rest) = admin_url.split_once("://").expect("a URL");
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let query = path
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    let user: String = user
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("{scheme}://{user}@{host}/{db}{query}")
}

fn try_psql(url: &str, sql: &str) -> std::process::Output {
    std::process::Command::new("psql")
        .args(["-X", "-q", "-A", "-t", "-F", "\u{1f}"])
        .args(["-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
        .env_remove("PGPASSWORD")
        .output()
        .expect("psql (PostgreSQL's client) is installed")
}

fn psql(url: &str, sql: &str) -> String {
    let out = try_psql(url, sql);
    assert!(
        out.status.success(),
        "psql failed: {sql}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim_end()
        .to_string()
}

/// Every line of the pending list names a test that exists, so that a
/// renamed or removed test does not linger there unnoticed.
#[test]
fn the_pending_list_names_tests_that_exist() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    for line in PENDING.lines() {
        let name = line.split('#').next().unwrap_or("").trim();
        if name.is_empty() {
            continue;
        }
        let (module, test) = name.rsplit_once("::").expect("module::test");
        let source = std::fs::read_to_string(dir.join(format!("{module}.rs")))
            .unwrap_or_else(|e| panic!("{name}: no tests/cli/{module}.rs ({e})"));
        assert!(
            source.contains(&format!("fn {test}()")),
            "server_pending.txt: no test {name}"
        );
    }
}
