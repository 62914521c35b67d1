//! Connecting to the register's server (SPEC §8): the URL of `--db`, the
//! PostgreSQL environment for what it leaves out, and a password that never
//! appears on the command line: `PGPASSWORD`, `~/.pgpass` (or `PGPASSFILE`),
//! or a prompt on the terminal, as libpq and `psql` do.

use std::io::IsTerminal;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};

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
    user: String,
    /// `user@host:port/database`, for messages: it never holds a password.
    pub shown: String,
}

impl Target {
    /// Reads `--db`. A password in the URL is refused (exit 2): the URL is
    /// on the command line or in the environment, where others can read it.
    pub fn parse(url: &str) -> Result<Target> {
        // The driver knows only disable, prefer and require; SPEC §8 names
        // verify-full too, which is TLS all the same.
        let query = url.split_once('?').map_or("", |(_, q)| q);
        if query
            .split('&')
            .any(|kv| kv == "sslmode=verify-full" || kv == "sslmode=verify-ca")
        {
            return Err(no_tls());
        }
        let mut config: Config = url
            .parse()
            .map_err(|e| Error::Usage(S::NotPgUrl.say(&[&super::describe(&e)])))?;
        if config.get_password().is_some() {
            return Err(Error::Usage(S::PasswordInUrl.into()));
        }
        if !matches!(config.get_ssl_mode(), SslMode::Disable | SslMode::Prefer) {
            return Err(no_tls());
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
        config
            .application_name("privreg")
            .connect_timeout(CONNECT_TIMEOUT);
        let shown = format!(
            "{user}@{}:{}/{}",
            host_text(&config),
            port(&config),
            config.get_dbname().unwrap_or_default()
        );
        Ok(Target {
            config,
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
    match config.connect(NoTls) {
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
            config
                .connect(NoTls)
                .map_err(|e| cannot_connect(target, &e))
        }
        Err(e) => Err(cannot_connect(target, &e)),
    }
}

/// TLS is asked for and not built yet: refused rather than sent in the clear.
fn no_tls() -> Error {
    Error::Storage(S::NoTls.into())
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
