//! One person's record in one register: finding it and the request a
//! change is made under (what every verb that names a record or a
//! `--request` needs first), and the operations `add`, `correct` and `end`.

use serde::Serialize;

use super::bases::NewBasesOptions;
use super::Who;
use crate::domain::fields::{self, fields, header_index, unknown_field, Ctx, Values};
use crate::domain::register::{RecordId, Register};
use crate::domain::request::RequestId;
use crate::error::{Error, Problem, Result};
use crate::messages::{D, M, R};
use crate::store::audit::Entry;
use crate::store::records::{self, Correction, Record};
use crate::store::{RecordKey, Tx};

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

/// `FIELD=VALUE` pairs as (field index, raw value); unknown and repeated
/// fields are refused by name.
pub fn resolve(register: Register, pairs: &[(String, String)]) -> Result<Vec<(usize, String)>> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut problems = Vec::new();
    for (name, value) in pairs {
        // The same names as an imported file's header: field names,
        // aliases and the Finnish names (`--set etunimi=Olli`).
        match header_index(register, name) {
            None => problems.push(Problem::new(name.as_str(), unknown_field(register, name))),
            Some(i) if out.iter().any(|(j, _)| *j == i) => {
                problems.push(Problem::new(name.as_str(), M::GivenTwice))
            }
            Some(i) => out.push((i, value.clone())),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(problems))
    }
}

fn field_names(register: Register, changes: &[(usize, String)]) -> Vec<String> {
    let specs = fields(register);
    changes
        .iter()
        .map(|(i, _)| specs[*i].name.to_string())
        .collect()
}

/// Refuses a second record of the same person in a register (exit 6).
fn refuse_duplicate(
    tx: &Tx<'_>,
    register: Register,
    values: &Values,
    except: Option<RecordKey>,
) -> Result<()> {
    if let Some((existing, by)) = records::find_same_person(tx, register, values, except)? {
        let by = fields::field_name(by);
        return Err(Error::Conflict(M::AlreadyIn.say(&[
            &D::register(register.name()),
            &existing,
            &by,
        ])));
    }
    Ok(())
}

/// A new record (`add`).
pub struct AddOptions<'a> {
    /// The register it goes to.
    pub register: Register,
    /// The fields given, as (field index, raw value) ([`resolve`]).
    pub changes: Vec<(usize, String)>,
    /// Its values, checked and in normal form, defaults filled in.
    pub values: Values,
    /// The legal bases given with it.
    pub bases: NewBasesOptions<'a>,
}

impl<'a> AddOptions<'a> {
    /// Checks `FIELD=VALUE` pairs against the register's fields, before
    /// any transaction: every problem by field (exit 3).
    pub fn new(
        register: Register,
        set: &[(String, String)],
        ctx: Ctx,
        bases: NewBasesOptions<'a>,
    ) -> Result<AddOptions<'a>> {
        let changes = resolve(register, set)?;
        let values = fields::new_values(register, &changes, ctx)?;
        Ok(AddOptions {
            register,
            changes,
            values,
            bases,
        })
    }
}

/// Adds a record, refusing a second one of the same person (exit 6), and
/// logs the bases given; returns the record as stored.
pub fn add(tx: &Tx<'_>, who: &Who, o: &AddOptions<'_>) -> Result<(Record, Entry)> {
    let bases = super::bases::pairs(tx, &o.bases)?;
    refuse_duplicate(tx, o.register, &o.values, None)?;
    let (id, key) = records::insert(tx, o.register, &o.values, &who.now, &who.operator, "add")?;
    super::bases::log_for_new_record(tx, who, key, &bases)?;
    let record = records::get_by_key(tx, key)?
        .ok_or_else(|| Error::Internal("the new record vanished".into()))?;
    let mut entry = Entry {
        fields: field_names(o.register, &o.changes),
        ..Entry::new("add").record(id)
    };
    if !bases.is_empty() {
        let named: Vec<String> = bases
            .iter()
            .map(|(b, p)| format!("{}:{p}", b.basis))
            .collect();
        entry.detail = format!("bases={}", named.join(","));
    }
    Ok((record, entry))
}

/// A correction of a record (`correct`, Art. 16).
pub struct CorrectOptions<'a> {
    /// The record corrected.
    pub id: RecordId,
    /// The fields to set, as (field index, raw value) ([`resolve`]).
    pub changes: Vec<(usize, String)>,
    /// Why: trimmed and not empty ([`required`]); kept with each change.
    pub reason: &'a str,
    /// The request (`REQ-n`) it answers, as typed; checked.
    pub request: Option<&'a str>,
    /// Check and report only: change nothing.
    pub dry_run: bool,
}

/// What a correction changed (the JSON of `correct`).
#[derive(Serialize)]
pub struct Corrected {
    #[serde(serialize_with = "super::as_text")]
    pub id: RecordId,
    /// The fields whose value changed, by name, in the register's order.
    pub changed: Vec<String>,
    pub dry_run: bool,
    /// The recipients the data was disclosed to, to be told (Art. 19).
    pub notify: Vec<String>,
}

/// The fields whose value differs between two versions of a record.
fn changed_fields(register: Register, old: &Values, new: &Values) -> Vec<usize> {
    (0..fields(register).len())
        .filter(|&i| old[i] != new[i])
        .collect()
}

/// Corrects a record: checks the new values, refuses making it a second
/// record of a person (exit 6), and keeps the old value of each field
/// that changed in its history. Setting a field to its value is no change.
pub fn correct(tx: &Tx<'_>, who: &Who, o: &CorrectOptions<'_>) -> Result<(Corrected, Entry)> {
    let request = check_request(tx, o.request)?;
    let mut record = load(tx, o.id)?;
    let register = record.register();
    let old = record.values.clone();
    fields::apply(register, &mut record.values, &o.changes, who.ctx())?;
    let changed = changed_fields(register, &old, &record.values);
    refuse_duplicate(tx, register, &record.values, Some(record.key))?;
    let recipients = records::recipients(tx, record.key)?;
    let names: Vec<String> = changed
        .iter()
        .map(|&i| fields(register)[i].name.to_string())
        .collect();
    if !o.dry_run && !changed.is_empty() {
        records::update(tx, &record, &who.now)?;
        for &i in &changed {
            records::add_correction(
                tx,
                record.key,
                &Correction {
                    at: who.now.clone(),
                    operator: who.operator.clone(),
                    field: fields(register)[i].name.to_string(),
                    old_value: old[i].clone(),
                    new_value: record.values[i].clone(),
                    reason: o.reason.to_string(),
                    request: request.clone(),
                },
            )?;
        }
    }
    let entry = Entry {
        fields: names.clone(),
        request,
        ..Entry::new("correct")
            .record(o.id)
            .rows(changed.len())
            .detail(if o.dry_run { "dry-run" } else { "" })
    };
    let corrected = Corrected {
        id: o.id,
        changed: names,
        dry_run: o.dry_run,
        notify: recipients,
    };
    Ok((corrected, entry))
}

/// The end of a relationship (`end`): the register's end date, and how it
/// ended (a customer's or employee's manner, a candidate's decision).
pub struct EndOptions {
    /// The record ended.
    pub id: RecordId,
    /// The fields set, as (field index, raw value): the end date first.
    pub changes: Vec<(usize, String)>,
}

impl EndOptions {
    /// Checks what the register needs: a recruitment record ends with a
    /// `status` (`hired`, `rejected`, `withdrawn`) and no manner, the others
    /// never take a status (exit 2).
    pub fn new(
        id: RecordId,
        date: &str,
        manner: Option<&str>,
        status: Option<&str>,
    ) -> Result<EndOptions> {
        let register = id.register;
        match (register, status, manner) {
            (Register::Recruitment, None, _) => return Err(Error::Usage(R::EndNeedsStatus.into())),
            (Register::Recruitment, _, Some(_)) => return Err(Error::Usage(R::EndNoManner.into())),
            (r, Some(_), _) if r != Register::Recruitment => {
                return Err(Error::Usage(R::StatusRecruitmentOnly.into()))
            }
            _ => {}
        }
        let mut pairs = vec![(register.end_field().to_string(), date.to_string())];
        if let (Some(manner), Some(field)) = (manner, register.end_manner_field()) {
            pairs.push((field.to_string(), manner.to_string()));
        }
        if let Some(status) = status {
            pairs.push(("application_status".into(), status.into()));
        }
        Ok(EndOptions {
            id,
            changes: resolve(register, &pairs)?,
        })
    }
}

/// Ends a record, refusing one already ended (exit 3); returns the record
/// as stored.
pub fn end(tx: &Tx<'_>, who: &Who, o: &EndOptions) -> Result<(Record, Entry)> {
    let register = o.id.register;
    let end_field = register.end_field();
    let mut record = load(tx, o.id)?;
    if let Some(ended) = record.get(end_field) {
        return Err(Error::invalid(
            end_field,
            R::EndedAlready.say(&[&o.id, &ended]),
        ));
    }
    fields::apply(register, &mut record.values, &o.changes, who.ctx())?;
    records::update(tx, &record, &who.now)?;
    let entry = Entry {
        fields: field_names(register, &o.changes),
        ..Entry::new("end").record(o.id)
    };
    Ok((record, entry))
}
