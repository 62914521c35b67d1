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
pub mod hetu;
pub mod holds;
pub mod labels;
pub mod leaks;
pub mod marketing;
pub mod phone;
#[cfg(test)]
pub(crate) mod properties;
pub mod register;
pub mod request;
pub mod rights;
pub mod transfer;

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
