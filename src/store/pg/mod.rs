//! Server mode (SPEC §8): a register kept by PostgreSQL. The only module
//! that names the `postgres` crate, as `store/` is the only one that names
//! a driver at all (store/sql.rs and store/tx.rs excepted: they are the
//! adapter that lets one query body run on either backend).
//!
//! Built so far (issue #17): recognising a `postgresql://` URL, connecting
//! without a password on the command line, `init`, which applies the schema
//! in `migrations/pg/` with its roles and privileges, and the server as a
//! second backend behind `Store` and `Tx` (`tx.rs`: opening a register,
//! transactions), wired for `add`, `import` (`copy.rs`: through COPY),
//! `show`, `search`, `correct`, `end`, `erase` (with the vacuum of
//! `vacuum.rs`), `request`, `hold`, `restrict`, `basis`, `consent`,
//! `optout`, `disclose`, `breach` (not the letters of `notify --subjects`),
//! `check`, `retention report`, `audit verify`, `audit checkpoint` and
//! `export audit` (`commands::on_servers`).
//! Every command brings a register of an older schema forward first
//! (`init.rs`).
//! TLS as libpq makes it (`connect.rs`: sslmode, sslrootcert).
//! Not yet: every other command (it refuses a URL, exit 7).

mod connect;
mod copy;
pub(in crate::store) mod copy_to;
mod init;
mod pgpass;
pub mod roles;
mod tx;
pub mod vacuum;

pub use connect::{connect, Target};
pub use copy::CopyLoad;
pub use init::{init, Initialised};
pub use tx::{open, ServerTx};

use std::path::Path;

use crate::error::Error;

/// Whether `--db` names a server rather than a file (SPEC §1: `--db` also
/// takes `postgresql://…` or `postgres://…`).
pub fn is_url(db: &Path) -> bool {
    db.to_str()
        .is_some_and(|s| s.starts_with("postgresql://") || s.starts_with("postgres://"))
}

/// The refusal of every command that is not wired to a server yet.
pub fn not_built(action: &str) -> Error {
    Error::Storage(crate::messages::S::NotBuilt.say(&[&action]))
}

/// The server's answer as privreg's error: permission denied is a refusal
/// (exit 5), anything else a storage problem (exit 7). The message is the
/// server's severity, message and hint, never its DETAIL: a detail may
/// quote a row (`Failing row contains (…)`, `Key (hetu)=(…)`), that is
/// personal data, which never goes to stderr.
pub(crate) fn server_error(context: &str, e: &postgres::Error) -> Error {
    let Some(db) = e.as_db_error() else {
        return Error::Storage(format!("{context}: {}", describe(e)));
    };
    let mut why = format!("{context}: {}: {}", db.severity(), db.message());
    if let Some(hint) = db.hint() {
        why.push('\n');
        why.push_str(crate::messages::S::Help.text(crate::messages::lang()));
        why.push_str(": ");
        why.push_str(hint);
    }
    if *db.code() == postgres::error::SqlState::INSUFFICIENT_PRIVILEGE {
        Error::Refused(why)
    } else {
        Error::Storage(why)
    }
}

/// A driver error that is not the server's (no connection, a bad URL)
/// with its causes: the driver's own text is only its kind ("error
/// connecting to server"), the cause says which ("No such file or
/// directory"). Not for the server's errors: their cause is the DbError
/// with its DETAIL (see [`server_error`]).
pub(crate) fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::is_url;

    #[test]
    fn only_postgres_urls_are_servers() {
        assert!(is_url(Path::new("postgresql://anne@db.example/privreg")));
        assert!(is_url(Path::new("postgres:///privreg")));
        // a file that happens to be called so, in a directory, is a file
        assert!(!is_url(Path::new("./postgresql://x")));
        assert!(!is_url(Path::new("privreg.db")));
        assert!(!is_url(Path::new("/var/lib/privreg/postgres.db")));
    }
}
