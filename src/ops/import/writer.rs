//! The writer of `import`: the checked rows in file order inside the
//! import's transaction, with `--on-conflict` and the rejects.

use super::*;
use crate::messages::M;

/// Writes the checked rows in file order inside the import's transaction.
pub(super) struct Writer<'t> {
    pub(super) tx: &'t crate::store::Tx<'t>,
    pub(super) who: &'t Who,
    pub(super) register: Register,
    pub(super) on_conflict: OnConflict,
    pub(super) bases: &'t [(CheckedBasis, String)],
    pub(super) inserter: Inserter<'t>,
    pub(super) first_number: i64,
    pub(super) next_number: i64,
    /// Records up to this key were there before the import; later ones
    /// came from earlier lines of this file.
    pub(super) key_before: crate::store::RecordKey,
    pub(super) search: Option<bulk::DeferredSearch>,
    pub(super) counts: Counts,
    pub(super) shown: Vec<Problem>,
    pub(super) problems: u64,
    pub(super) rejects: Option<Rejects>,
    pub(super) updated_ids: Vec<String>,
}

impl<'t> Writer<'t> {
    pub(super) fn new(
        tx: &'t crate::store::Tx<'t>,
        who: &'t Who,
        register: Register,
        on_conflict: OnConflict,
        bases: &'t [(CheckedBasis, String)],
        rejects: Option<Rejects>,
    ) -> Result<Writer<'t>> {
        let next = records::last_number(tx, register)? + 1;
        let key_before = bulk::last_key(tx)?;
        let search = bulk::DeferredSearch::begin(tx, key_before)?;
        Ok(Writer {
            tx,
            who,
            register,
            on_conflict,
            bases,
            inserter: Inserter::new(tx, register)?,
            first_number: next,
            next_number: next,
            key_before,
            search: Some(search),
            counts: Counts::default(),
            shown: Vec::new(),
            problems: 0,
            rejects,
            updated_ids: Vec::new(),
        })
    }

    pub(super) fn row(&mut self, row: Row) -> Result<()> {
        self.counts.read += 1;
        let Row { line, raw, outcome } = row;
        match outcome {
            Outcome::Valid { values, changes } => {
                let number = self.next_number;
                let who = self.who;
                match self
                    .inserter
                    .insert(number, &values, &who.now, &who.operator, "import")?
                {
                    Inserted::Row(key) => {
                        self.next_number += 1;
                        self.counts.inserted += 1;
                        crate::ops::bases::log_for_new_record(self.tx, who, key, self.bases)?;
                        Ok(())
                    }
                    Inserted::SamePerson => {
                        let Some((existing, by)) =
                            records::find_same_person(self.tx, self.register, &values, None)?
                        else {
                            return Err(Error::Internal(
                                "a unique index refused a record that matches no other".into(),
                            ));
                        };
                        self.conflict(line, &raw, existing, by, &changes)
                    }
                }
            }
            Outcome::Invalid {
                errors,
                changes,
                keys,
            } => {
                if let (OnConflict::Update, Some(keys)) = (self.on_conflict, &keys) {
                    if let Some((existing, _)) =
                        records::find_same_person(self.tx, self.register, keys, None)?
                    {
                        return self.update(line, &raw, existing, &changes);
                    }
                }
                self.reject(line, &raw, errors)
            }
        }
    }

    /// A valid row whose person is in the register already.
    pub(super) fn conflict(
        &mut self,
        line: u64,
        raw: &Raw,
        existing: RecordId,
        by: &str,
        changes: &[(usize, String)],
    ) -> Result<()> {
        match self.on_conflict {
            OnConflict::Skip => {
                self.counts.skipped += 1;
                Ok(())
            }
            OnConflict::Update => self.update(line, raw, existing, changes),
            OnConflict::Fail => {
                let field = if by == "hetu" { "hetu" } else { "email" };
                let reason = if existing.number >= self.first_number {
                    M::SameEarlierLine.say(&[&crate::domain::fields::field_name(by)])
                } else {
                    M::AlreadyIn.say(&[
                        &crate::messages::D::register(self.register.name()),
                        &existing,
                        &crate::domain::fields::field_name(by),
                    ])
                };
                self.reject(line, raw, vec![FieldError::new(field, reason)])
            }
        }
    }

    /// `--on-conflict update`: the row's non-empty values over the record,
    /// through the same `fields::apply` as `correct`. The old values of a
    /// record that was there before go to its correction history.
    pub(super) fn update(
        &mut self,
        line: u64,
        raw: &Raw,
        existing: RecordId,
        changes: &[(usize, String)],
    ) -> Result<()> {
        let who = self.who;
        let Some(mut record) = records::get(self.tx, existing)? else {
            return Err(Error::Internal("the record to update vanished".into()));
        };
        let old = record.values.clone();
        if let Err(errors) = fields::apply(self.register, &mut record.values, changes, who.ctx()) {
            return self.reject(line, raw, errors);
        }
        let changed: Vec<usize> = (0..old.len())
            .filter(|&i| old[i] != record.values[i])
            .collect();
        if changed.is_empty() {
            self.counts.skipped += 1;
            return Ok(());
        }
        if let Some((other, by)) =
            records::find_same_person(self.tx, self.register, &record.values, Some(record.key))?
        {
            let field = if by == "hetu" { "hetu" } else { "email" };
            return self.reject(
                line,
                raw,
                vec![FieldError::new(
                    field,
                    M::WouldGiveSame.say(&[
                        &existing,
                        &crate::domain::fields::field_name(by),
                        &other,
                    ]),
                )],
            );
        }
        records::update(self.tx, &record, &who.now)?;
        if record.key <= self.key_before {
            let specs = fields(self.register);
            for &i in &changed {
                records::add_correction(
                    self.tx,
                    record.key,
                    &Correction {
                        at: who.now.clone(),
                        operator: who.operator.clone(),
                        field: specs[i].name.to_string(),
                        old_value: old[i].clone(),
                        new_value: record.values[i].clone(),
                        reason: "import".into(),
                        request: None,
                    },
                )?;
            }
        }
        self.counts.updated += 1;
        if self.updated_ids.len() < AUDITED_IDS {
            self.updated_ids.push(existing.to_string());
        }
        Ok(())
    }

    pub(super) fn reject(&mut self, line: u64, raw: &Raw, errors: Vec<FieldError>) -> Result<()> {
        self.counts.rejected += 1;
        let reason: Vec<String> = errors
            .iter()
            .map(|e| M::Field.say(&[&crate::domain::fields::field_name(&e.field), &e.reason]))
            .collect();
        if let Some(r) = &mut self.rejects {
            r.write(line, raw, &reason.join("; "))?;
        }
        for e in errors {
            self.problems += 1;
            if self.shown.len() < SHOWN {
                self.shown.push(Problem {
                    line: Some(line),
                    field: e.field,
                    reason: e.reason,
                });
            }
        }
        Ok(())
    }

    pub(super) fn finish_rejects(&mut self) -> Result<Option<Created>> {
        self.rejects.take().map(Rejects::finish).transpose()
    }
}
