//! The GDPR and Finnish rules as types: registers, record ids, fields and
//! their validation. Nothing here knows about clap, SQL or printing.

pub mod basis;
pub mod breach;
pub mod business_id;
pub mod calendar;
pub mod checkpoint;
pub mod codes;
pub mod date;
pub mod email;
pub mod fields;
pub mod formula;
pub mod hetu;
pub mod holds;
pub mod labels;
pub mod leaks;
pub mod marketing;
pub mod names;
pub mod phone;
#[cfg(test)]
pub(crate) mod properties;
pub mod register;
pub mod request;
pub mod rights;
pub mod spelling;
pub mod transfer;
pub mod words;

/// Why a value was refused. The message never contains the value itself
/// (values are personal data and must not reach stderr or logs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError(pub String);

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ValueError {
    pub fn new(msg: impl Into<String>) -> Self {
        ValueError(msg.into())
    }
}

/// The positive number of an id written `PREFIX-n` (`BR-3`, `REQ-3`): the
/// prefix in any case, surrounding white space ignored; `what` names the
/// id in the message.
pub(crate) fn prefixed_number(s: &str, prefix: &str, what: &str) -> Result<i64, ValueError> {
    let bad = || {
        ValueError::new(format!(
            "a {what} id is {prefix} and a number, e.g. {prefix}3"
        ))
    };
    let s = s.trim();
    let number = s
        .get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(prefix))
        .and_then(|_| s.get(prefix.len()..))
        .ok_or_else(bad)?;
    if number.is_empty() || number.len() > 18 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    match number.parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(bad()),
    }
}

/// Inputs every parser must refuse without a panic, with a test's own
/// additions: nothing, blanks, a NUL, a letter and digits outside ASCII,
/// and 10,000 of `fill`.
#[cfg(test)]
pub(crate) fn hostile(fill: &str, own: &[&str]) -> Vec<String> {
    ["", "   ", "\u{0}", "ä", "١٢"]
        .iter()
        .chain(own)
        .map(|s| s.to_string())
        .chain([fill.repeat(10_000)])
        .collect()
}
