//! How a record looks on output (SPEC §2): the maps are `ops::view`'s;
//! here, the columns of a table of people.

use crate::output::Column;

pub use crate::ops::view::{full_json, record_json, with_details};

/// The columns of a listing of people in a table.
pub const RECORD_COLUMNS: &[Column] = &[
    ("id", "id"),
    ("status", "status"),
    ("last name", "last_name"),
    ("first name", "first_name"),
    ("hetu", "hetu"),
    ("e-mail", "email"),
    ("phone", "phone"),
    ("city", "city"),
    ("organisation", "organisation"),
];
