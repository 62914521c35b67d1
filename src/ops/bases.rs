//! Legal bases given with a change (`--basis/--purpose` of `add` and
//! `import`), and the date flags every dated verb reads. The verbs
//! `basis`/`purpose` are `ops/basis.rs`'s.

use crate::domain::basis::{self, BasisArg, CheckedBasis};
use crate::domain::date::{format_date, parse_date};
use crate::error::{Error, Problem, Result};
use crate::store::bases::{self as store, NewBasis};
use crate::store::{RecordKey, Tx};

use super::Who;

/// Checks a basis and what it needs, naming the flag that is missing.
pub fn checked(arg: BasisArg, law: Option<&str>, note: Option<&str>) -> Result<CheckedBasis> {
    basis::check(arg, law, note).map_err(|(field, e)| Error::invalid(field, e.0))
}

/// A date flag in normal form, or the flag named in the error.
pub fn date_flag(flag: &str, value: Option<&str>) -> Result<Option<String>> {
    value
        .map(|v| {
            parse_date(v)
                .map(format_date)
                .map_err(|e| Error::invalid(flag, e.0))
        })
        .transpose()
}

/// The legal bases given with a new record: `--basis B --purpose P`
/// pairs, in order, with the law and note they share.
pub struct NewBasesOptions<'a> {
    /// The bases, one per purpose.
    pub bases: &'a [BasisArg],
    /// The purposes, one per basis, as typed.
    pub purposes: &'a [String],
    /// The law of a legal-obligation basis.
    pub law: Option<&'a str>,
    /// The interest weighed, for a legitimate-interest basis.
    pub note: Option<&'a str>,
}

/// The pairs checked: each basis with what it needs, each purpose known.
pub fn pairs(tx: &Tx<'_>, given: &NewBasesOptions<'_>) -> Result<Vec<(CheckedBasis, String)>> {
    if given.bases.len() != given.purposes.len() {
        return Err(Error::Usage(crate::messages::D::GiveOnePurposeEach.into()));
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (b, p) in given.bases.iter().zip(given.purposes) {
        let purpose = p.trim().to_lowercase();
        match checked(*b, given.law, given.note)
            .and_then(|c| store::check_purpose(tx, &purpose).map(|()| c))
        {
            Ok(c) => out.push((c, purpose)),
            Err(Error::Invalid(mut p)) => problems.append(&mut p),
            Err(e) => return Err(e),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.dedup_by(|a: &mut Problem, b: &mut Problem| a == b);
        Err(Error::Invalid(problems))
    }
}

/// Logs the checked pairs for a record just added (`add`, `import`).
pub fn log_for_new_record(
    tx: &Tx<'_>,
    who: &Who,
    key: RecordKey,
    pairs: &[(CheckedBasis, String)],
) -> Result<()> {
    if pairs.is_empty() {
        return Ok(()); // (an import without --basis: once per row)
    }
    let today = who.today_iso();
    for (checked, purpose) in pairs {
        store::insert(
            tx,
            key,
            &NewBasis {
                checked,
                purpose,
                evidence: None,
                valid_from: &today,
                valid_until: None,
            },
            &who.now,
            &who.operator,
        )?;
    }
    Ok(())
}
