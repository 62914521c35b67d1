//! A record's keys as a table names them, in the language of the run: in
//! Finnish a field's Finnish header (as `import` reads it), in Swedish its
//! label, else the field's name.

use super::fields::field_name_in;
use crate::messages::{Lang, M};

/// A record's values with its keys as the header names of `lang`, for
/// `show`'s table (JSON and CSV keep the field names): in Finnish a
/// field's Finnish header, in Swedish its label; other keys as they are.
pub fn table_keys(
    value: serde_json::Map<String, serde_json::Value>,
    lang: Lang,
) -> serde_json::Map<String, serde_json::Value> {
    value
        .into_iter()
        .map(|(k, v)| {
            let header = match (lang, k.as_str()) {
                (_, "status") => M::ColStatus.text(lang).to_string(),
                (Lang::Sv, field)
                    if super::labels::try_label(field, super::labels::Lang::En).is_some() =>
                {
                    super::words::field_label(field, lang).to_string()
                }
                (_, field) => field_name_in(lang, field),
            };
            (header, v)
        })
        .collect()
}
