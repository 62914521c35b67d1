//! TLS to the server (issue #17, SPEC §8: `sslmode`). A cluster of its
//! own (scripts/pg_cluster.sh), restarted with `ssl = on` and listening on
//! 127.0.0.1 only, with a certificate authority and a server certificate
//! for `localhost` made here by the `openssl` CLI: verify-full with the
//! right root connects, with a wrong root or a wrong host name it is
//! refused (exit 7, with the reason); require connects without a root;
//! disable is refused by a server that takes only TLS on TCP.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::text;
use crate::util::TODAY;

/// A throwaway cluster with TLS on 127.0.0.1, stopped when dropped.
struct TlsCluster {
    dir: String,
    port: u16,
}

impl Drop for TlsCluster {
    fn drop(&mut self) {
        let _ = Command::new(script()).args(["stop", &self.dir]).output();
    }
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg_cluster.sh")
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}", text(&out));
    out
}

/// `openssl ARGS` in `dir`.
fn openssl(dir: &Path, args: &[&str]) {
    run(Command::new("openssl").current_dir(dir).args(args));
}

/// A CA (`NAME-ca.crt`, key `NAME-ca.key`) in `dir`.
fn make_ca(dir: &Path, name: &str) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            &format!("/CN=privreg test {name} CA"),
            "-keyout",
            &format!("{name}-ca.key"),
            "-out",
            &format!("{name}-ca.crt"),
        ],
    );
}

/// `psql -c SQL` as the superuser over the cluster's socket.
fn superuser(dir: &str, port: u16, sql: &str) -> String {
    let out = run(Command::new("psql").args([
        "-X",
        "-q",
        "-A",
        "-t",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        dir,
        "-p",
        &port.to_string(),
        "-U",
        "postgres",
        "-d",
        "postgres",
        "-c",
        sql,
    ]));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Writes a file of the server's (its key must be the server user's, mode
/// 0600): the cluster runs as privreg-pg when the tests run as root.
fn server_file(path: &str, contents: &[u8]) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, contents).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    if is_root() {
        let out = run(Command::new("id").args(["-u", "privreg-pg"]));
        let uid: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        std::os::unix::fs::chown(path, Some(uid), None).unwrap();
    }
}

fn start(certs: &Path) -> Option<TlsCluster> {
    if std::env::var("PRIVREG_TEST_PG").map_or(true, |v| v.is_empty()) {
        assert!(
            std::env::var("PRIVREG_REQUIRE_PG").as_deref() != Ok("1"),
            "PRIVREG_REQUIRE_PG=1 but PRIVREG_TEST_PG is not set"
        );
        eprintln!("skipped the TLS test: no PostgreSQL (scripts/pg_cluster.sh start)");
        return None;
    }
    let out = run(Command::new(script()).arg("start"));
    let env = String::from_utf8_lossy(&out.stdout).into_owned();
    let dir = env
        .split("PRIVREG_TEST_PG_DIR='")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("pg_cluster.sh prints its directory")
        .to_string();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let cluster = TlsCluster { dir, port };
    let data = format!("{}/data", cluster.dir);
    for f in ["server.crt", "server.key"] {
        server_file(
            &format!("{data}/{f}"),
            &std::fs::read(certs.join(f)).unwrap(),
        );
    }
    superuser(&cluster.dir, 5432, "ALTER SYSTEM SET ssl = on");
    // TCP only with TLS, and trusted there as on the socket (the test is
    // about the channel, not the password).
    server_file(
        &format!("{data}/pg_hba.conf"),
        b"local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n",
    );
    let bin = Command::new("sh")
        .args(["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1"])
        .output()
        .unwrap();
    let bin = String::from_utf8_lossy(&bin.stdout).trim().to_string();
    // The options pg_cluster.sh started it with, but TCP on 127.0.0.1.
    let restart = format!(
        "{bin}/pg_ctl --pgdata {data} --log {dir}/server.log --wait restart -o \"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='{dir}' -c fsync=off\"",
        dir = cluster.dir
    );
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "privreg-pg", "--", "sh", "-c", &restart])
            .current_dir("/");
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", &restart]);
        c
    };
    let out = cmd.output().unwrap();
    let log = std::fs::read_to_string(format!("{}/server.log", cluster.dir)).unwrap_or_default();
    assert!(out.status.success(), "{}\n{log}", text(&out));
    Some(cluster)
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// `privreg init` on the cluster's `postgres` database through `host`.
fn init(cluster: &TlsCluster, host: &str, query: &str) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("privreg"))
        .args(["--format", "json", "init", "--admin", "postgres"])
        .env(
            "PRIVREG_DB",
            format!(
                "postgresql://postgres@{host}:{}/postgres?{query}",
                cluster.port
            ),
        )
        .env("PRIVREG_TODAY", TODAY)
        .env("HOME", "/nonexistent")
        .env_remove("PGSSLMODE")
        .env_remove("PGSSLROOTCERT")
        .env_remove("PGPASSWORD")
        .output()
        .unwrap()
}

#[test]
fn tls_verifies_the_server_as_sslmode_asks() {
    let certs = tempfile::tempdir().unwrap();
    let c = certs.path();
    make_ca(c, "right");
    make_ca(c, "wrong");
    // The server's certificate: for localhost, signed by the right CA.
    openssl(
        c,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ],
    );
    std::fs::write(c.join("ext.cnf"), "subjectAltName=DNS:localhost\n").unwrap();
    openssl(
        c,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "right-ca.crt",
            "-CAkey",
            "right-ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
            "-out",
            "server.crt",
        ],
    );
    let Some(cluster) = start(c) else {
        return;
    };
    let root = |name: &str| {
        format!(
            "sslrootcert={}",
            c.join(format!("{name}-ca.crt"))
                .display()
                .to_string()
                .replace('/', "%2F")
        )
    };

    // verify-full with the wrong root: refused, the reason named, nothing made.
    let out = init(
        &cluster,
        "localhost",
        &format!("sslmode=verify-full&{}", root("wrong")),
    );
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("certificate verify failed"), "{err}");
    // … with the right root but another name for the host (127.0.0.1 is
    // not in the certificate): refused.
    let out = init(
        &cluster,
        "127.0.0.1",
        &format!("sslmode=verify-full&{}", root("right")),
    );
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("certificate verify failed"), "{err}");
    // … verify-full without any root certificate: refused, saying so.
    let out = init(&cluster, "localhost", "sslmode=verify-full");
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("root certificate"),
        "{}",
        text(&out)
    );
    // disable: the server takes no clear text on TCP.
    let out = init(&cluster, "localhost", "sslmode=disable");
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no encryption"),
        "{}",
        text(&out)
    );
    assert_eq!(
        superuser(
            &cluster.dir,
            cluster.port,
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'privreg'"
        ),
        "0",
        "no refused connection made anything"
    );

    // verify-full with the right root and the certificate's host name: in.
    let out = init(
        &cluster,
        "localhost",
        &format!("sslmode=verify-full&{}", root("right")),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // require: TLS without checking whose certificate; verify-ca: the
    // chain, not the name.
    let out = init(&cluster, "127.0.0.1", "sslmode=require");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = init(
        &cluster,
        "127.0.0.1",
        &format!("sslmode=verify-ca&{}", root("right")),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = init(
        &cluster,
        "127.0.0.1",
        &format!("sslmode=verify-ca&{}", root("wrong")),
    );
    assert_eq!(out.status.code(), Some(7), "{}", text(&out));
    assert_eq!(
        superuser(
            &cluster.dir,
            cluster.port,
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'privreg'"
        ),
        "1",
        "the register was made over TLS"
    );
}
