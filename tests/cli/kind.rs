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
//! make `anne` would share her. So on a server an `Env` holds a
//! process-wide lock for its life (re-entrant within its thread, for the
//! tests that make two registers), and when the thread's last `Env` goes,
//! its databases and the roles its commands made are dropped. Tests that
//! make no `Env` still run in parallel; a file run takes no lock at all.
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

/// Who holds the server lock, and how many of their `Env`s are alive.
struct Holder {
    thread: Option<ThreadId>,
    depth: usize,
    roles: Vec<String>,
    admin_url: String,
}

static LOCK: Mutex<Holder> = Mutex::new(Holder {
    thread: None,
    depth: 0,
    roles: Vec::new(),
    admin_url: String::new(),
});
static FREED: Condvar = Condvar::new();

/// The register paths that stand for a server database: (path, database).
static REGISTERS: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());

/// A database of the test cluster standing for the register at `path`;
/// dropped (with the roles made, once the thread's last one goes) at the end.
pub struct Server {
    admin_url: String,
    pub name: String,
    path: PathBuf,
}

impl Server {
    pub fn new(admin_url: String, path: &Path) -> Server {
        let me = std::thread::current().id();
        {
            let mut h = LOCK.lock().unwrap_or_else(|e| e.into_inner());
            while h.thread.is_some_and(|t| t != me) {
                h = FREED.wait(h).unwrap_or_else(|e| e.into_inner());
            }
            h.thread = Some(me);
            h.depth += 1;
            h.admin_url = admin_url.clone();
        }
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
            .push((path.to_path_buf(), name.clone()));
        Server {
            admin_url,
            name,
            path: path.to_path_buf(),
        }
    }

    /// SQL as the cluster's superuser in this database, search path on the
    /// register's schema; the rows' fields separated by U+001F.
    pub fn query(&self, sql: &str) -> String {
        let url = url_for(&self.admin_url, &superuser(&self.admin_url), &self.name);
        psql(&url, &format!("SET search_path = privreg; {sql}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        REGISTERS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(p, _)| *p != self.path);
        let _ = try_psql(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
        );
        let mut h = LOCK.lock().unwrap_or_else(|e| e.into_inner());
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
        .any(|(p, _)| p == db)
}

/// The URL privreg gets for the register at `db` as `operator`, when `db`
/// stands for a server database; records the roles the command makes.
pub fn url_of(db: &Path, operator: &str, args: &[&str]) -> Option<(String, String)> {
    let name = REGISTERS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(p, _)| p == db)
        .map(|(_, n)| n.clone())?;
    let mut h = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let admin_url = h.admin_url.clone();
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
    h.roles.extend(made);
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
fn url_for(admin_url: &str, user: &str, db: &str) -> String {
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
