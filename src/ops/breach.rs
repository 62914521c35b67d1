//! Personal data breaches (GDPR Art. 33, 34; SPEC §10): the operations of
//! `breach open/assess/close/list/show` and of `breach notify` to the Data
//! Protection Ombudsman (Art. 33) and to the client whose processor the
//! firm is (Art. 33(2)). The 72-hour deadline is
//! [`crate::domain::breach::notify_by`]. The letters to the people
//! (Art. 34) are rendering and stay with `commands/breach_letter.rs`.
//!
//! A breach names records by id only and holds no personal value, so an
//! erasure leaves it whole.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::records::load as load_record;
use super::Who;
use crate::domain::breach::{
    format_local, format_utc, notify_by, parse_stored, urgency, BreachId, Nature, Risk,
};
use crate::domain::register::RecordId;
use crate::domain::request::Urgency;
use crate::error::{Error, Problem, Result};
use crate::messages::{D, R};
use crate::store::audit::Entry;
use crate::store::breaches::{self, Assessment, Breach, NewBreach};
use crate::store::records;
use crate::store::Tx;

/// A time privreg stored itself; one that does not parse is a bug.
pub fn stored(text: &str) -> Result<DateTime<Utc>> {
    parse_stored(text).ok_or_else(|| Error::Internal("a stored breach time does not parse".into()))
}

/// A stored time as a table shows it (Helsinki), or nothing.
fn local(v: Option<&str>) -> Option<String> {
    v.and_then(parse_stored).map(format_local)
}

/// How pressing a breach is at `now`: only an open one still awaiting the
/// Ombudsman's notification has a deadline to miss.
fn urgency_of(b: &Breach, now: DateTime<Utc>) -> Result<Option<Urgency>> {
    if b.is_open() && b.awaits_authority() {
        Ok(urgency(stored(&b.notify_by)?, now))
    } else {
        Ok(None)
    }
}

/// A breach as a row: the short form of `list`, the JSON of the commands
/// that change one, and the start of `show`. Times stay UTC (SPEC §12);
/// `_…_local` keys give tables Helsinki time.
#[derive(Serialize)]
pub struct BreachRow {
    #[serde(serialize_with = "super::as_text")]
    pub id: BreachId,
    /// When the firm became aware, RFC 3339 UTC.
    pub aware_at: String,
    /// The Ombudsman's deadline, 72 hours later (Art. 33(1)).
    pub notify_by: String,
    /// `open` or `closed`.
    pub status: String,
    /// `confidentiality`, `integrity`, `availability`.
    pub nature: Vec<String>,
    /// The last assessment's risk, if assessed.
    pub risk: Option<String>,
    /// Record ids only: no personal value.
    pub records: Vec<String>,
    pub approx_subjects: Option<i64>,
    /// The client whose processor the firm is (Art. 33(2)).
    pub client: Option<String>,
    #[serde(flatten)]
    pub told: Told,
    /// Past `notify_by` with the Ombudsman not told.
    pub overdue: bool,
    /// `OVERDUE` or `due soon`, in text what the colour says.
    pub flag: Option<&'static str>,
    #[serde(rename = "_aware_local")]
    pub aware_local: Option<String>,
    #[serde(rename = "_notify_by_local")]
    pub notify_by_local: Option<String>,
    #[serde(rename = "_authority_local")]
    pub authority_local: Option<String>,
    /// Colour where it is allowed; the flag column says the same in text.
    #[serde(
        rename = "_colour__notify_by_local",
        skip_serializing_if = "Option::is_none"
    )]
    pub colour: Option<&'static str>,
}

/// When each party was told of a breach (RFC 3339 UTC), if it was.
#[derive(Serialize)]
pub struct Told {
    /// The Data Protection Ombudsman (Art. 33).
    pub authority_notified_at: Option<String>,
    /// The people, by letter (Art. 34).
    pub subjects_notified_at: Option<String>,
    /// The client whose processor the firm is (Art. 33(2)).
    pub client_notified_at: Option<String>,
}

impl BreachRow {
    /// The row of `b` as it stands at `now`.
    pub fn new(b: &Breach, now: DateTime<Utc>) -> Result<BreachRow> {
        let u = urgency_of(b, now)?;
        Ok(BreachRow {
            id: b.id,
            aware_at: b.aware_at.clone(),
            notify_by: b.notify_by.clone(),
            status: b.status.clone(),
            nature: b.nature.clone(),
            risk: b.risk().map(str::to_string),
            records: b.records.clone(),
            approx_subjects: b.approx_subjects,
            client: b.client.clone(),
            told: Told {
                authority_notified_at: b.authority_at.clone(),
                subjects_notified_at: b.subjects_at.clone(),
                client_notified_at: b.client_at.clone(),
            },
            overdue: u == Some(Urgency::Overdue),
            flag: u.map(|u| u.flag()),
            aware_local: local(Some(&b.aware_at)),
            notify_by_local: local(Some(&b.notify_by)),
            authority_local: local(b.authority_at.as_deref()),
            colour: u.map(|u| match u {
                Urgency::Overdue => "red",
                Urgency::DueSoon => "yellow",
            }),
        })
    }
}

/// The audit entry of a command on a breach: its records (ids only) and
/// the breach's id. No text of the breach goes here.
fn entry_for(action: &str, b: &Breach) -> Entry {
    Entry {
        records: b.records.clone(),
        ..Entry::new(action).detail(format!("breach={}", b.id))
    }
}

/// A closed breach is refused by every command that would change it.
pub fn refuse_closed(b: &Breach) -> Result<()> {
    if b.is_open() {
        Ok(())
    } else {
        Err(Error::invalid(
            "breach",
            R::BreachClosed.say(&[
                &b.id,
                &b.closed_at
                    .as_deref()
                    .and_then(|t| t.get(..10))
                    .unwrap_or(""),
            ]),
        ))
    }
}

/// A breach outlives the erasure of the records it names, so its texts
/// (the firm's account) must not carry a named person's own data: a text
/// that contains a name, hetu, e-mail or phone of one of them is refused,
/// naming the record and the field, never the value.
fn refuse_personal_values(
    tx: &Tx<'_>,
    record_ids: &[String],
    texts: &[(&str, Option<&str>)],
) -> Result<()> {
    let texts: Vec<(&str, String)> = texts
        .iter()
        .filter_map(|(field, t)| t.map(|t| (*field, t.to_lowercase())))
        .collect();
    for text in record_ids {
        let Ok(rid) = text.parse::<RecordId>() else {
            continue;
        };
        let Some(r) = records::get(tx, rid)? else {
            continue;
        };
        for name in ["first_name", "last_name", "hetu", "email", "phone"] {
            let Some(value) = r.get(name).map(str::to_lowercase) else {
                continue;
            };
            if value.chars().count() < 3 {
                continue;
            }
            if let Some((field, _)) = texts.iter().find(|(_, t)| t.contains(&value)) {
                return Err(Error::invalid(
                    *field,
                    R::BreachPersonalValue.say(&[&name, &rid]),
                ));
            }
        }
    }
    Ok(())
}

/// What `breach open` is asked to record. Texts are trimmed and not blank.
pub struct OpenOptions<'a> {
    /// When the firm became aware: not after now (the caller checks).
    pub aware: DateTime<Utc>,
    pub description: &'a str,
    /// Its nature; repeats are dropped.
    pub nature: &'a [Nature],
    /// The records it concerns; each must exist, repeats are dropped.
    pub records: &'a [RecordId],
    pub approx_subjects: Option<u32>,
    /// The categories of data concerned.
    pub data: Option<&'a str>,
    /// The client whose processor the firm is, to be told (Art. 33(2)).
    pub client: Option<&'a str>,
}

/// What `breach open` did.
pub struct Opened {
    pub row: BreachRow,
    /// The Ombudsman's deadline: 72 hours after awareness.
    pub due: DateTime<Utc>,
    /// Whether the 72 hours have already passed.
    pub hours_passed: bool,
}

/// Opens a breach.
pub fn open(tx: &Tx<'_>, who: &Who, o: &OpenOptions<'_>) -> Result<(Opened, Entry)> {
    let mut nature: Vec<Nature> = o.nature.to_vec();
    nature.sort();
    nature.dedup();
    let nature: Vec<&str> = nature.iter().map(|n| n.name()).collect();
    let due = notify_by(o.aware);
    let mut ids: Vec<String> = Vec::new();
    for id in o.records {
        // exit 4 for a record that does not exist (or was erased)
        load_record(tx, *id)?;
        let id = id.to_string();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    refuse_personal_values(
        tx,
        &ids,
        &[("description", Some(o.description)), ("data", o.data)],
    )?;
    let id = breaches::insert(
        tx,
        &NewBreach {
            aware_at: &format_utc(o.aware),
            notify_by: &format_utc(due),
            description: o.description,
            nature: &nature,
            approx_subjects: o.approx_subjects.map(i64::from),
            data: o.data,
            client: o.client,
            records: &ids,
            at: &who.now,
            by: &who.operator,
        },
    )?;
    let b = breaches::load(tx, id)?;
    let mut detail = format!("breach={id} nature={}", nature.join(","));
    if o.client.is_some() {
        detail.push_str(" client");
    }
    let now = stored(&who.now)?;
    let entry = Entry {
        records: b.records.clone(),
        ..Entry::new("breach-open").detail(detail)
    };
    let opened = Opened {
        row: BreachRow::new(&b, now)?,
        due,
        hours_passed: now > due,
    };
    Ok((opened, entry))
}

/// A risk as a message says it.
pub fn risk_word(risk: Risk) -> D {
    match risk {
        Risk::Unlikely => D::RiskUnlikely,
        Risk::Risk => D::RiskRisk,
        Risk::High => D::RiskHigh,
    }
}

/// What `breach assess` is asked to record. Texts are trimmed and not blank.
pub struct AssessOptions<'a> {
    pub id: BreachId,
    pub risk: Risk,
    pub reason: &'a str,
    /// The likely consequences (Art. 33(3)(c)).
    pub consequences: Option<&'a str>,
    /// The measures taken or proposed (Art. 33(3)(d)).
    pub measures: Option<&'a str>,
}

impl AssessOptions<'_> {
    /// A risk the Ombudsman must hear of needs the consequences and the
    /// measures, which the notification states: both refused at once.
    pub fn check(&self) -> Result<()> {
        if !self.risk.needs_authority() {
            return Ok(());
        }
        let mut problems = Vec::new();
        for (field, v) in [
            ("consequences", self.consequences),
            ("measures", self.measures),
        ] {
            if v.is_none() {
                problems.push(Problem::new(
                    field,
                    D::RequiredForRisk.say(&[&risk_word(self.risk)]),
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// Records an assessment of the breach's risk; the last one counts.
pub fn assess(tx: &Tx<'_>, who: &Who, o: &AssessOptions<'_>) -> Result<(BreachRow, Entry)> {
    let id = o.id;
    let b = breaches::load(tx, id)?;
    refuse_closed(&b)?;
    refuse_personal_values(
        tx,
        &b.records,
        &[
            ("reason", Some(o.reason)),
            ("consequences", o.consequences),
            ("measures", o.measures),
        ],
    )?;
    breaches::assess(
        tx,
        id,
        &Assessment {
            risk: o.risk.name().into(),
            reason: o.reason.to_string(),
            consequences: o.consequences.map(str::to_string),
            measures: o.measures.map(str::to_string),
            at: who.now.clone(),
            by: who.operator.clone(),
        },
    )?;
    let b = breaches::load(tx, id)?;
    let mut fields = vec!["risk".to_string(), "reason".into()];
    if o.consequences.is_some() {
        fields.push("consequences".into());
    }
    if o.measures.is_some() {
        fields.push("measures".into());
    }
    let mut entry = entry_for("breach-assess", &b);
    entry.fields = fields;
    entry.detail.push_str(&format!(" risk={}", o.risk.name()));
    Ok((BreachRow::new(&b, stored(&who.now)?)?, entry))
}

/// Closes a breach once all it required is done: an assessment, the
/// Ombudsman's notification, the letters of a high risk, the client told.
pub fn close(tx: &Tx<'_>, who: &Who, id: BreachId) -> Result<(BreachRow, Entry)> {
    let b = breaches::load(tx, id)?;
    refuse_closed(&b)?;
    let mut missing: Vec<String> = Vec::new();
    if b.assessment().is_none() {
        missing.push(D::MissingAssessment.into());
    }
    if b.awaits_authority() {
        missing.push(D::MissingAuthority.into());
    }
    if b.risk() == Some("high") && b.subjects_at.is_none() {
        missing.push(D::MissingLetters.into());
    }
    if b.client.is_some() && b.client_at.is_none() {
        missing.push(D::MissingClient.into());
    }
    if !missing.is_empty() {
        return Err(Error::invalid(
            "breach",
            R::BreachCannotClose.say(&[&id, &missing.join("; ")]),
        ));
    }
    breaches::close(tx, id, &who.now, &who.operator)?;
    let b = breaches::load(tx, id)?;
    let entry = entry_for("breach-close", &b);
    Ok((BreachRow::new(&b, stored(&who.now)?)?, entry))
}

/// Lists the breaches: all, the open ones, or those past their deadline.
pub fn list(tx: &Tx<'_>, who: &Who, open: bool, overdue: bool) -> Result<(Vec<BreachRow>, Entry)> {
    let now = stored(&who.now)?;
    let found = if overdue {
        breaches::overdue(tx, &who.now)?
    } else {
        breaches::list(tx, open)?
    };
    let mut rows = Vec::with_capacity(found.len());
    for b in &found {
        rows.push(BreachRow::new(b, now)?);
    }
    let mut detail = String::new();
    for (flag, on) in [("open", open), ("overdue", overdue)] {
        if on {
            detail.push_str(flag);
            detail.push(' ');
        }
    }
    let entry = Entry::new("breach-list")
        .rows(rows.len())
        .detail(detail.trim_end().to_string());
    Ok((rows, entry))
}

/// An assessment in `breach show`.
#[derive(Serialize)]
pub struct AssessmentView {
    pub risk: String,
    pub reason: String,
    pub consequences: Option<String>,
    pub measures: Option<String>,
    pub at: String,
    pub by: String,
}

/// A breach with all it holds (the JSON of `breach show`).
#[derive(Serialize)]
pub struct Shown {
    #[serde(flatten)]
    pub row: BreachRow,
    pub description: String,
    pub data: Option<String>,
    pub authority_reference: Option<String>,
    pub late_reason: Option<String>,
    pub letters: Option<i64>,
    pub skipped_erased: Option<i64>,
    pub opened_at: String,
    pub opened_by: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    /// Which named records are gone: the breach keeps their ids.
    pub erased_records: Vec<String>,
    pub assessments: Vec<AssessmentView>,
}

/// One breach, its assessments and which of its records were erased.
pub fn show(tx: &Tx<'_>, who: &Who, id: BreachId) -> Result<(Shown, Entry)> {
    let b = breaches::load(tx, id)?;
    let row = BreachRow::new(&b, stored(&who.now)?)?;
    let mut erased_records = Vec::new();
    for r in &b.records {
        if let Ok(rid) = r.parse::<RecordId>() {
            if records::get(tx, rid)?.is_none() {
                erased_records.push(r.clone());
            }
        }
    }
    let entry = entry_for("breach-show", &b);
    let assessments = b
        .assessments
        .into_iter()
        .map(|a| AssessmentView {
            risk: a.risk,
            reason: a.reason,
            consequences: a.consequences,
            measures: a.measures,
            at: a.at,
            by: a.by,
        })
        .collect();
    let shown = Shown {
        row,
        description: b.description,
        data: b.data,
        authority_reference: b.authority_reference,
        late_reason: b.late_reason,
        letters: b.letters,
        skipped_erased: b.skipped_erased,
        opened_at: b.opened_at,
        opened_by: b.opened_by,
        closed_at: b.closed_at,
        closed_by: b.closed_by,
        erased_records,
        assessments,
    };
    Ok((shown, entry))
}

/// What `breach notify --authority` is asked to record. Texts are trimmed
/// and not blank.
pub struct AuthorityOptions<'a> {
    pub id: BreachId,
    /// When the Ombudsman was told: not after now (the caller checks), not
    /// before awareness.
    pub at: DateTime<Utc>,
    /// The Ombudsman's reference.
    pub reference: Option<&'a str>,
    /// Why after the 72 hours (Art. 33(1)): required if late.
    pub late_reason: Option<&'a str>,
}

/// What `breach notify --authority` recorded.
pub struct AuthorityTold {
    pub row: BreachRow,
    /// Whether after the deadline, and by how many hours (rounded up).
    pub late: bool,
    pub hours_late: i64,
}

/// Records that the Ombudsman was told (Art. 33).
pub fn notify_authority(
    tx: &Tx<'_>,
    who: &Who,
    o: &AuthorityOptions<'_>,
) -> Result<(AuthorityTold, Entry)> {
    let (id, at) = (o.id, o.at);
    let b = breaches::load(tx, id)?;
    refuse_closed(&b)?;
    if let Some(told) = &b.authority_at {
        return Err(Error::invalid(
            "breach",
            R::AuthorityToldAlready.say(&[&id, &format_local(stored(told)?)]),
        ));
    }
    if at < stored(&b.aware_at)? {
        return Err(Error::invalid("at", R::BeforeAware));
    }
    refuse_personal_values(
        tx,
        &b.records,
        &[("reference", o.reference), ("late_reason", o.late_reason)],
    )?;
    let due = stored(&b.notify_by)?;
    let late = at > due;
    if late && o.late_reason.is_none() {
        return Err(Error::invalid(
            "late_reason",
            R::LateReasonNeeded.say(&[&format_local(at), &format_local(due)]),
        ));
    }
    breaches::notify_authority(
        tx,
        id,
        &format_utc(at),
        o.reference,
        o.late_reason,
        &who.now,
        &who.operator,
    )?;
    let b = breaches::load(tx, id)?;
    let mut entry = entry_for("breach-notify-authority", &b);
    entry
        .detail
        .push_str(if late { " late" } else { " in-time" });
    if o.reference.is_some() {
        entry.fields.push("reference".into());
    }
    if o.late_reason.is_some() {
        entry.fields.push("late_reason".into());
    }
    let told = AuthorityTold {
        row: BreachRow::new(&b, stored(&who.now)?)?,
        late,
        hours_late: ((at - due).num_minutes().max(0) + 59) / 60,
    };
    Ok((told, entry))
}

/// What `breach notify --client` recorded.
pub struct ClientTold {
    pub row: BreachRow,
    /// When the client was told: now.
    pub at: DateTime<Utc>,
    /// Hours from awareness to telling the client.
    pub lag_hours: i64,
}

/// Records that the client was told (Art. 33(2)), now.
pub fn notify_client(tx: &Tx<'_>, who: &Who, id: BreachId) -> Result<(ClientTold, Entry)> {
    let b = breaches::load(tx, id)?;
    refuse_closed(&b)?;
    if b.client.is_none() {
        return Err(Error::invalid("client", R::NoClient.say(&[&id])));
    }
    if let Some(told) = &b.client_at {
        return Err(Error::invalid(
            "client",
            R::ClientToldAlready.say(&[&id, &format_local(stored(told)?)]),
        ));
    }
    breaches::notify_client(tx, id, &who.now, &who.operator)?;
    let b = breaches::load(tx, id)?;
    let now = stored(&who.now)?;
    let lag = now - stored(&b.aware_at)?;
    let entry = entry_for("breach-notify-client", &b);
    let told = ClientTold {
        row: BreachRow::new(&b, now)?,
        at: now,
        lag_hours: lag.num_hours(),
    };
    Ok((told, entry))
}
