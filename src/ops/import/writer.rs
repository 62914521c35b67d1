//! The writer of `import`: the checked rows in file order inside the
//! import's transaction, with `--on-conflict` and the rejects.

use super::*;
use crate::messages::M;
use crate::store::bulk::Loaded;

/// Writes the checked rows in file order inside the import's transaction.
pub(super) struct Writer<'t> {
    pub(super) tx: &'t crate::store::Tx<'t>,
    pub(super) who: &'t Who,
    pub(super) register: Register,
    pub(super) on_conflict: OnConflict,
    pub(super) bases: &'t [(CheckedBasis, String)],
    pub(super) load: bulk::Load<'t>,
    /// The number the next record gets on a file (reserved by the
    /// import); unused on a server, whose sequence gives them.
    pub(super) next_number: i64,
    /// The first and last number of the records written so far (a COPY's
    /// are known at its end: [`Writer::finish_load`]).
    pub(super) numbers: Option<(i64, i64)>,
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
        bulk: bool,
    ) -> Result<Writer<'t>> {
        let next = bulk::next_number(tx, register)?;
        let key_before = bulk::last_key(tx)?;
        let search = bulk::DeferredSearch::begin(tx, key_before)?;
        Ok(Writer {
            tx,
            who,
            register,
            on_conflict,
            bases,
            load: bulk::Load::new(tx, register, bulk, on_conflict == OnConflict::Update)?,
            next_number: next,
            numbers: None,
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
                    .load
                    .insert(number, &values, &who.now, &who.operator, "import")?
                {
                    Loaded::Row(key, number) => {
                        let first = self.numbers.map_or(number, |(first, _)| first);
                        self.numbers = Some((first, number));
                        self.next_number = number + 1;
                        self.counts.inserted += 1;
                        crate::ops::bases::log_for_new_record(self.tx, who, key, self.bases)?;
                        Ok(())
                    }
                    // Its bases are logged with the others' at the end.
                    Loaded::Queued => {
                        self.counts.inserted += 1;
                        Ok(())
                    }
                    Loaded::SameAsStaged(by) => self.same_as_staged(line, &raw, by),
                    Loaded::SamePerson => {
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
                // Numbers only grow: one at or after this import's first
                // is a record of an earlier line.
                let earlier = self.numbers.is_some_and(|(f, _)| existing.number >= f);
                let reason = if earlier {
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

    /// A valid row whose person is on an earlier line of the file, staged
    /// on a server and not yet a record (never with `--on-conflict update`).
    fn same_as_staged(&mut self, line: u64, raw: &Raw, by: &str) -> Result<()> {
        match self.on_conflict {
            OnConflict::Skip => {
                self.counts.skipped += 1;
                Ok(())
            }
            OnConflict::Update => Err(Error::Internal("an update staged a row".into())),
            OnConflict::Fail => {
                let field = if by == "hetu" { "hetu" } else { "email" };
                let reason = M::SameEarlierLine.say(&[&crate::domain::fields::field_name(by)]);
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

    /// Sends the records still queued (a server's staging table);
    /// `false` if two of them, or one and a record there before, share a
    /// hetu or an e-mail (the caller rolls back and goes row by row).
    pub(super) fn finish_load(&mut self) -> Result<bool> {
        self.load.finish()
    }

    /// Writes the queued records for good and logs their bases: the import
    /// commits.
    pub(super) fn write_queued(&mut self) -> Result<()> {
        if !self.load.queued() {
            return Ok(());
        }
        self.load.write()?;
        self.numbers = bulk::numbers_since(self.tx, self.register, self.key_before)?;
        let today = self.who.today_iso();
        for (checked, purpose) in self.bases {
            let basis = crate::store::bases::NewBasis {
                checked,
                purpose,
                evidence: None,
                valid_from: &today,
                valid_until: None,
            };
            bulk::add_basis_since(
                self.tx,
                self.key_before,
                &basis,
                &self.who.now,
                &self.who.operator,
            )?;
        }
        Ok(())
    }

    pub(super) fn finish_rejects(&mut self) -> Result<Option<Created>> {
        self.rejects.take().map(Rejects::finish).transpose()
    }
}
