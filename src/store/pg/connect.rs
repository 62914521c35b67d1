//! Connecting to the register's server (SPEC §8): the URL of `--db`, the
//! PostgreSQL environment for what it leaves out, and a password that never
//! appears on the command line: `PGPASSWORD`, `~/.pgpass` (or `PGPASSFILE`),
//! or a prompt on the terminal, as libpq and `psql` do. TLS as libpq
//! makes it (`sslmode`, `sslrootcert`, or `PGSSLMODE`, `PGSSLROOTCERT`), through
//! OpenSSL (`postgres-openssl`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use postgres_openssl::MakeTlsConnector;

use crate::error::{Error, Result};
use crate::messages::S;

/// Debian's (and PostgreSQL's usual) directory of the server's socket:
/// libpq's default host when neither the URL nor `PGHOST` names one.
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// How long to wait for the server to answer before saying it does not.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A server and database to connect to, with everything but the password.
pub struct Target {
    config: Config,
    tls: Tls,
    user: String,
    /// `user@host:port/database`, for messages: it never holds a password.
    pub shown: String,
}

impl Target {
    /// Reads `--db`. A password in the URL is refused (exit 2): the URL is
    /// on the command line or in the environment, where others can read it.
    pub fn parse(url: &str) -> Result<Target> {
        // The driver knows only disable, prefer and require: privreg reads
        // sslmode and sslrootcert itself and tells the driver whether to
        // ask for TLS.
        let (url, tls) = Tls::take(url)?;
        let mut config: Config = url
            .parse()
            .map_err(|e| Error::Usage(S::NotPgUrl.say(&[&super::describe(&e)])))?;
        if config.get_password().is_some() {
            return Err(Error::Usage(S::PasswordInUrl.into()));
        }
        let user = match config.get_user() {
            Some(u) => u.to_string(),
            None => env("PGUSER")
                .or_else(|| env("USER"))
                .or_else(|| env("LOGNAME"))
                .ok_or_else(|| Error::Usage(S::NoPgUser.into()))?,
        };
        config.user(&user);
        if config.get_hosts().is_empty() {
            let host = env("PGHOST").unwrap_or_else(|| DEFAULT_SOCKET_DIR.to_string());
            if host.starts_with('/') {
                config.host_path(&host);
            } else {
                config.host(&host);
            }
        }
        if config.get_ports().is_empty() {
            if let Some(port) = env("PGPORT").and_then(|p| p.parse::<u16>().ok()) {
                config.port(port);
            }
        }
        if config.get_dbname().is_none() {
            let db = env("PGDATABASE").unwrap_or_else(|| user.clone());
            config.dbname(&db);
        }
        // On a Unix socket libpq uses no TLS whatever sslmode says.
        let socket = matches!(config.get_hosts().first(), Some(Host::Unix(_)));
        let tls = if socket { Tls::off() } else { tls };
        config
            .application_name("privreg")
            .connect_timeout(CONNECT_TIMEOUT)
            .ssl_mode(tls.driver_mode());
        let shown = format!(
            "{user}@{}:{}/{}",
            host_text(&config),
            port(&config),
            config.get_dbname().unwrap_or_default()
        );
        Ok(Target {
            config,
            tls,
            user,
            shown,
        })
    }

    /// The role privreg logs in as.
    pub fn user(&self) -> &str {
        &self.user
    }
}

/// Connects, with a password if the server asks for one: from
/// `PGPASSWORD`, else the password file, else the terminal.
pub fn connect(target: &Target) -> Result<Client> {
    let mut config = target.config.clone();
    // What VACUUM VERBOSE counts after an erasure (`vacuum.rs`).
    config.notice_callback(super::vacuum::notice);
    let from_env = env("PGPASSWORD");
    if let Some(p) = &from_env {
        config.password(p);
    }
    match target.tls.connect(&config) {
        Ok(client) => Ok(client),
        // The server wants a password: the file is read only now, as it
        // is only needed now.
        Err(e) if from_env.is_none() && asks_password(&e) => {
            let host = host_text(&config);
            let is_socket = matches!(config.get_hosts().first(), Some(Host::Unix(_)));
            let password = match super::pgpass::find(
                &host,
                is_socket && host == DEFAULT_SOCKET_DIR,
                port(&config),
                config.get_dbname().unwrap_or_default(),
                &target.user,
            )? {
                Some(p) => p,
                None if std::io::stdin().is_terminal() => {
                    rpassword::prompt_password(S::PasswordPrompt.say(&[&target.shown]))
                        .map_err(|e| Error::Storage(S::CannotReadPassword.say(&[&e])))?
                }
                None => return Err(cannot_connect(target, &e)),
            };
            config.password(password.as_bytes());
            target
                .tls
                .connect(&config)
                .map_err(|e| cannot_connect(target, &e))
        }
        Err(e) => Err(cannot_connect(target, &e)),
    }
}

fn asks_password(e: &postgres::Error) -> bool {
    e.as_db_error().is_none() && super::describe(e).contains("password missing")
}

/// Exit 7 with the server's reason; a refusal by the server (permission
/// denied to connect) is exit 5 like any other.
fn cannot_connect(target: &Target, e: &postgres::Error) -> Error {
    let context = S::CannotConnect.say(&[&target.shown]);
    if asks_password(e) {
        return Error::Storage(S::NoPasswordGiven.say(&[&context]));
    }
    super::server_error(&context, e)
}

fn host_text(config: &Config) -> String {
    match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.display().to_string(),
        None => DEFAULT_SOCKET_DIR.to_string(),
    }
}

fn port(config: &Config) -> u16 {
    config.get_ports().first().copied().unwrap_or(5432)
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// What libpq's `sslmode` asks for.
#[derive(Clone, Copy, PartialEq, Debug)]
enum SslWant {
    Disable,
    /// TLS if the server has it (`allow` and `prefer`), unverified.
    Prefer,
    /// TLS or nothing; unverified unless there is a root certificate.
    Require,
    /// TLS with a certificate signed by the root certificate.
    VerifyCa,
    /// … and made out to the host connected to.
    VerifyFull,
}

/// TLS for a connection: what `sslmode` asks for, and the root
/// certificate that checks the server's (`sslrootcert`, by default
/// `~/.postgresql/root.crt` as with libpq; `system`: the system's roots).
struct Tls {
    want: SslWant,
    root: Option<String>,
}

impl Tls {
    fn off() -> Tls {
        Tls {
            want: SslWant::Disable,
            root: None,
        }
    }

    /// Takes `sslmode` and `sslrootcert` out of the URL's query (the
    /// driver knows neither verify-ca nor verify-full, nor sslrootcert),
    /// else from `PGSSLMODE` and `PGSSLROOTCERT`.
    fn take(url: &str) -> Result<(String, Tls)> {
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let (mut mode, mut root) = (env("PGSSLMODE"), env("PGSSLROOTCERT"));
        let mut kept = Vec::new();
        for kv in query.split('&').filter(|kv| !kv.is_empty()) {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            let v = percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned();
            match k {
                "sslmode" => mode = Some(v),
                "sslrootcert" => root = Some(v),
                _ => kept.push(kv),
            }
        }
        let want = match mode.as_deref().unwrap_or("prefer") {
            "disable" => SslWant::Disable,
            "allow" | "prefer" => SslWant::Prefer,
            "require" => SslWant::Require,
            "verify-ca" => SslWant::VerifyCa,
            "verify-full" => SslWant::VerifyFull,
            other => {
                return Err(Error::Usage(
                    S::NotPgUrl.say(&[&format!("invalid sslmode {other:?}")]),
                ))
            }
        };
        let url = if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        Ok((url, Tls { want, root }))
    }

    fn driver_mode(&self) -> SslMode {
        match self.want {
            SslWant::Disable => SslMode::Disable,
            SslWant::Prefer => SslMode::Prefer,
            _ => SslMode::Require,
        }
    }

    /// The root certificate's file, as libpq finds it: `None` when none is
    /// named and `~/.postgresql/root.crt` is not there.
    fn root_file(&self) -> Option<PathBuf> {
        match &self.root {
            Some(r) => Some(PathBuf::from(r)),
            None => {
                let home = std::env::var_os("HOME")?;
                let default = PathBuf::from(home).join(".postgresql/root.crt");
                default.exists().then_some(default)
            }
        }
    }

    fn connect(&self, config: &Config) -> std::result::Result<Client, postgres::Error> {
        if self.want == SslWant::Disable {
            return config.connect(NoTls);
        }
        match self.connector() {
            Ok(tls) => config.connect(tls),
            // Not a server's answer: the TLS setup's own error, as the
            // driver would give a handshake's.
            Err(why) => config.connect(Refuse(why)),
        }
    }

    /// The connector: verifying as libpq does (require with a root
    /// certificate verifies the chain, as verify-ca).
    fn connector(&self) -> std::result::Result<MakeTlsConnector, String> {
        let tls_error = |e: openssl::error::ErrorStack| e.to_string();
        let mut builder = SslConnector::builder(SslMethod::tls()).map_err(tls_error)?;
        let root = match self.want {
            SslWant::Prefer => None,
            SslWant::Require => self.root_file(),
            _ => Some(self.root_file().ok_or_else(|| {
                "no root certificate to verify the server's with: name one with sslrootcert \
                 (or put it in ~/.postgresql/root.crt)"
                    .to_string()
            })?),
        };
        match &root {
            None => builder.set_verify(SslVerifyMode::NONE),
            Some(path) if path.as_os_str() == "system" => {
                builder.set_default_verify_paths().map_err(tls_error)?;
            }
            Some(path) => builder
                .set_ca_file(path)
                .map_err(|e| format!("root certificate {}: {e}", path.display()))?,
        }
        let full = self.want == SslWant::VerifyFull;
        let mut connector = MakeTlsConnector::new(builder.build());
        connector.set_callback(move |ssl, _| {
            ssl.set_verify_hostname(full);
            Ok(())
        });
        Ok(connector)
    }
}

/// A TLS connector that fails with the reason the real one could not be
/// made (a root certificate that cannot be read), so that it is reported
/// as any failure to connect is.
struct Refuse(String);

impl<S> postgres::tls::MakeTlsConnect<S> for Refuse {
    type Stream = postgres::tls::NoTlsStream;
    type TlsConnect = postgres::tls::NoTls;
    type Error = Box<dyn std::error::Error + Sync + Send>;

    fn make_tls_connect(&mut self, _domain: &str) -> std::result::Result<NoTls, Self::Error> {
        Err(self.0.clone().into())
    }
}
