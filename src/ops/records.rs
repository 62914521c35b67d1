//! Finding a record and the request a change is made under: what every
//! verb that names a record or a `--request` needs first.

use crate::domain::register::RecordId;
use crate::domain::request::RequestId;
use crate::error::{Error, Result};
use crate::messages::M;
use crate::store::records::{self, Record};
use crate::store::Tx;

/// A record by id, or exit 4 (saying so if it was erased).
pub fn load(tx: &Tx<'_>, id: RecordId) -> Result<Record> {
    if let Some(r) = records::get(tx, id)? {
        return Ok(r);
    }
    let erased = crate::store::erasures::erasure_receipt(tx, id)?.map(|r| r.erased_at);
    Err(Error::NotFound(match erased {
        Some(at) => M::ErasedAt.say(&[&id, &at]),
        None => M::NoRecord.say(&[&id]),
    }))
}

/// Checks that `--request REQ` names a request of the register (exit 3 for
/// a malformed id, 4 for an unknown one) and returns it as `REQ-n`.
pub fn check_request(tx: &Tx<'_>, request: Option<&str>) -> Result<Option<String>> {
    let Some(text) = request else { return Ok(None) };
    let id: RequestId = text
        .parse()
        .map_err(|e: crate::domain::ValueError| Error::invalid("request", e.0))?;
    crate::store::requests::load(tx, id)?;
    Ok(Some(id.to_string()))
}

/// A free-text flag that must say something (`--reason`): trimmed, or
/// exit 3 naming the flag if nothing is left.
pub fn required(flag: &str, text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(flag, M::IsRequired));
    }
    Ok(text.to_string())
}
