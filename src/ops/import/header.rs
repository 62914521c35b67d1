//! Header mapping for `import`: which column is which field, in English
//! or Finnish, and which columns are ignored.

use super::*;
use crate::messages::M;

/// Whether a column named `key` (see `header_key`) is one an export adds
/// that the register decides itself. `status` is the lifecycle status,
/// except in a recruitment file without `application_status`, where it is
/// that field's accepted old name (see CHANGELOG).
pub(super) fn ignored(register: Register, key: &str, has_application_status: bool) -> bool {
    match key {
        "id" | "register" => true,
        "status" => register != Register::Recruitment || has_application_status,
        _ => false,
    }
}

/// What each column of a CSV header holds. Unknown and repeated columns
/// are refused, each by name: nothing is imported from a file whose
/// columns are not understood.
pub(super) fn map_header(register: Register, header: &[String]) -> Result<Vec<Column>> {
    let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let has_status_field = keys.iter().any(|k| k == "application_status");
    let mut columns: Vec<Column> = Vec::new();
    let mut problems = Vec::new();
    for (name, key) in header.iter().zip(&keys) {
        let problem = |reason: String| Problem {
            line: Some(1),
            field: if name.trim().is_empty() {
                format!("(column {})", columns.len() + 1)
            } else {
                name.trim().to_string()
            },
            reason,
        };
        if ignored(register, key, has_status_field) {
            columns.push(Column::Ignored);
            continue;
        }
        match header_index(register, name) {
            None => {
                problems.push(problem(
                    M::UnknownColumn.say(&[&crate::domain::fields::unknown_field(register, name)]),
                ));
                columns.push(Column::Ignored);
            }
            Some(i) if columns.contains(&Column::Field(i)) => {
                let field = crate::domain::fields::field_name(fields(register)[i].name);
                problems.push(problem(M::ColumnTwice.say(&[&field])));
                columns.push(Column::Ignored);
            }
            Some(i) => columns.push(Column::Field(i)),
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(Error::Invalid(problems))
    }
}
