//! The password file of libpq (`~/.pgpass`, or the file `PGPASSFILE`
//! names): lines of `hostname:port:database:username:password`, `*`
//! matching anything, `\:` and `\\` escaping, `#` comments. The first line
//! that matches gives the password. A file that its group or others can
//! read is refused (exit 7), as `PRIVREG_PASSPHRASE_FILE` is (SPEC §7):
//! libpq skips it with a warning, but a store prints nothing, and a secret
//! others can read should be fixed, not passed over.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The password for this connection, if the file has one. `default_socket`:
/// the host is the default socket directory, which libpq matches as
/// `localhost`.
pub fn find(
    host: &str,
    default_socket: bool,
    port: u16,
    db: &str,
    user: &str,
) -> Result<Option<String>> {
    let Some(path) = file() else {
        return Ok(None);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    if readable_by_others(&path) {
        return Err(Error::Storage(
            crate::messages::S::PgpassReadable.say(&[&path.display()]),
        ));
    }
    let port = port.to_string();
    Ok(text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(fields)
        .find(|f| {
            let host_ok = f[0] == "*" || f[0] == host || (default_socket && f[0] == "localhost");
            host_ok
                && (f[1] == "*" || f[1] == port)
                && (f[2] == "*" || f[2] == db)
                && (f[3] == "*" || f[3] == user)
        })
        .map(|f| f[4].clone()))
}

fn file() -> Option<PathBuf> {
    match std::env::var_os("PGPASSFILE") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")),
    }
}

#[cfg(unix)]
fn readable_by_others(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_path: &std::path::Path) -> bool {
    false
}

/// The five fields of a line, unescaped; `None` for a line with fewer.
fn fields(line: &str) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.last_mut()?.push(chars.next().unwrap_or('\\')),
            ':' => out.push(String::new()),
            c => out.last_mut()?.push(c),
        }
    }
    // libpq ends the password at an unescaped colon too
    out.truncate(5);
    (out.len() == 5).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::fields;

    #[test]
    fn lines_split_on_unescaped_colons_only() {
        assert_eq!(
            fields(r"db.example:5432:*:anne:pa\:ss\\word").unwrap(),
            ["db.example", "5432", "*", "anne", r"pa:ss\word"]
        );
        // as in libpq, an unescaped colon ends the password
        assert_eq!(fields("h:1:d:u:a:b").unwrap()[4], "a");
        assert!(fields("h:1:d").is_none());
    }
}
