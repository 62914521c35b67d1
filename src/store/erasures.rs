//! The `erasures` table: the receipt an erasure leaves in place of a
//! record (when, by whom, why; no personal value).

use crate::domain::register::RecordId;
use crate::error::Result;

/// What is left of an erased record: its receipt in `erasures`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ErasureReceipt {
    pub erased_at: String,
    pub erased_by: String,
    pub reason: String,
    pub request: Option<String>,
    pub holds_overridden: Option<String>,
}

/// The erasure receipt of `id`, if the record was erased.
pub fn erasure_receipt(conn: &impl super::On, id: RecordId) -> Result<Option<ErasureReceipt>> {
    super::sql::row(
        conn,
        "SELECT erased_at, erased_by, reason, request, holds_overridden FROM erasures
         WHERE register = ?1 AND number = ?2",
        &[&id.register.name(), &id.number],
        |r| {
            Ok(ErasureReceipt {
                erased_at: r.get(0)?,
                erased_by: r.get(1)?,
                reason: r.get(2)?,
                request: r.get(3)?,
                holds_overridden: r.get(4)?,
            })
        },
    )
}
