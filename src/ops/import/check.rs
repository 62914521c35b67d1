//! Row checking for `import`: what a worker thread does to each row (the
//! same validation as `add`).

use super::*;
use crate::messages::M;

/// Validates rows on a worker thread: the same path as `add`.
pub(super) struct Checker {
    pub(super) register: Register,
    pub(super) ctx: Ctx,
    pub(super) columns: Vec<Column>,
    pub(super) keep_changes: bool,
}

impl Checker {
    pub(super) fn check(&self, row: RawRow) -> Row {
        let (changes, errors) = match &row.raw {
            Raw::Csv(record) => self.csv_changes(record),
            Raw::Json(line) => self.json_changes(line),
        };
        let outcome = if errors.is_empty() {
            match fields::new_values(self.register, &changes, self.ctx) {
                Ok(values) => Outcome::Valid {
                    values,
                    changes: if self.keep_changes {
                        changes
                    } else {
                        Vec::new()
                    },
                },
                Err(errors) => self.invalid(errors, changes),
            }
        } else {
            self.invalid(errors, changes)
        };
        Row {
            line: row.line,
            raw: row.raw,
            outcome,
        }
    }

    pub(super) fn invalid(
        &self,
        errors: Vec<FieldError>,
        changes: Vec<(usize, String)>,
    ) -> Outcome {
        if !self.keep_changes {
            return Outcome::Invalid {
                errors,
                changes: Vec::new(),
                keys: None,
            };
        }
        // The identifiers alone, for finding the record to update.
        let specs = fields(self.register);
        let mut keys: Values = vec![None; specs.len()];
        let mut any = false;
        for (i, raw) in &changes {
            if matches!(specs[*i].kind, Kind::Hetu | Kind::Email) {
                if let Ok(Some(v)) = fields::normalize(specs[*i].kind, raw, self.ctx, "FI") {
                    keys[*i] = Some(v);
                    any = true;
                }
            }
        }
        Outcome::Invalid {
            errors,
            changes,
            keys: any.then_some(keys),
        }
    }

    /// A CSV row's non-empty cells as (field, text), with the leading `'`
    /// that an export puts before formula-like text taken off again.
    pub(super) fn csv_changes(
        &self,
        record: &csv::ByteRecord,
    ) -> (Vec<(usize, String)>, Vec<FieldError>) {
        let specs = fields(self.register);
        let mut changes = Vec::with_capacity(self.columns.len());
        let mut errors = Vec::new();
        if record.len() != self.columns.len() {
            errors.push(FieldError::new(
                "row",
                M::RowCells.say(&[&record.len(), &self.columns.len()]),
            ));
            return (changes, errors);
        }
        for (cell, column) in record.iter().zip(&self.columns) {
            let Column::Field(i) = *column else { continue };
            match std::str::from_utf8(cell) {
                Ok(text) => {
                    let text = restore_formula(text);
                    if !text.trim().is_empty() {
                        changes.push((i, text.to_string()));
                    }
                }
                Err(_) => errors.push(FieldError::new(specs[i].name, M::NotUtf8)),
            }
        }
        (changes, errors)
    }

    /// A JSON line's keys by the same names as CSV columns; null is empty.
    pub(super) fn json_changes(&self, line: &[u8]) -> (Vec<(usize, String)>, Vec<FieldError>) {
        let specs = fields(self.register);
        let mut changes = Vec::new();
        let mut errors = Vec::new();
        let object: Map<String, Value> = match serde_json::from_slice(line) {
            Ok(m) => m,
            Err(e) => {
                let why = if e.is_data() {
                    M::NotJsonObject.to_string()
                } else {
                    M::NotJson.say(&[&e.classify_message()])
                };
                errors.push(FieldError::new("row", why));
                return (changes, errors);
            }
        };
        let has_status_field = object.keys().any(|k| header_key(k) == "application_status");
        for (key, value) in &object {
            if ignored(self.register, &header_key(key), has_status_field) {
                continue;
            }
            let Some(i) = header_index(self.register, key) else {
                errors.push(FieldError::new(
                    key.as_str(),
                    M::UnknownKey.say(&[&crate::domain::fields::unknown_field(self.register, key)]),
                ));
                continue;
            };
            if changes.iter().any(|(j, _)| *j == i) {
                errors.push(FieldError::new(specs[i].name, M::GivenTwice));
                continue;
            }
            let text = match value {
                Value::Null => continue,
                Value::String(s) => restore_formula(s).to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => n.to_string(),
                Value::Array(_) | Value::Object(_) => {
                    errors.push(FieldError::new(specs[i].name, M::JsonValue));
                    continue;
                }
            };
            if !text.trim().is_empty() {
                changes.push((i, text));
            }
        }
        (changes, errors)
    }
}
