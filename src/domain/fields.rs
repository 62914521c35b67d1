//! The fields of each register (SPEC §3) and the one validation path that
//! `add`, `correct` and `import` share: each raw value is turned into its
//! normal form by its kind, then the whole record is checked (required
//! fields, end not before start, the employee identity rule).

use crate::messages::M;
use chrono::NaiveDate;

use super::register::Register;
use super::spelling::nearest;
use super::{business_id, codes, date, email, hetu, phone, ValueError};

/// How a field's value is validated and put in normal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A short line of text: names, city, job title (no line breaks).
    Text,
    /// Free text that may run over lines (references, work history).
    LongText,
    Hetu,
    BusinessId,
    Email,
    Phone,
    Date,
    /// A date that cannot be in the future (a birth date).
    PastDate,
    Language,
    Country,
    /// A postal code: free text abroad, five digits in Finland (and
    /// Åland), checked against the record's country in [`check`].
    PostalCode,
    Bool,
    Choice(&'static [&'static str]),
}

/// The value a field gets on `add` when none is given.
#[derive(Debug, Clone, Copy)]
pub enum Default {
    Today,
    Value(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub default: Option<Default>,
    /// Other names accepted on input (`--set`, CSV headers).
    pub aliases: &'static [&'static str],
}

const fn field(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
        default: None,
        aliases: &[],
    }
}

const fn required(name: &'static str, kind: Kind) -> Field {
    Field {
        required: true,
        ..field(name, kind)
    }
}

const fn with_default(name: &'static str, kind: Kind, default: Default) -> Field {
    Field {
        default: Some(default),
        ..field(name, kind)
    }
}

pub const ROLES: &[&str] = &[
    "contact",
    "responsible",
    "shareholder",
    "owner",
    "beneficial-owner",
    "representative",
];
pub const AML_RISKS: &[&str] = &["low", "normal", "high"];
pub const EMPLOYMENT_TYPES: &[&str] =
    &["permanent", "fixed-term", "part-time", "hourly", "trainee"];
pub const APPLICATION_STATUSES: &[&str] = &[
    "received",
    "interview",
    "offer",
    "hired",
    "rejected",
    "withdrawn",
];

/// Longest value of a one-line field, and of a free-text field, in characters.
const TEXT_MAX: usize = 200;
const LONG_TEXT_MAX: usize = 10_000;

/// The fields every register has (SPEC §3), first in every register.
const COMMON: [Field; 13] = [
    required("first_name", Kind::Text),
    required("last_name", Kind::Text),
    field("hetu", Kind::Hetu),
    field("birth_date", Kind::PastDate),
    field("birth_place", Kind::Text),
    field("nationality", Kind::Country),
    field("email", Kind::Email),
    field("phone", Kind::Phone),
    with_default("language", Kind::Language, Default::Value("fi")),
    field("street", Kind::Text),
    field("postal_code", Kind::PostalCode),
    field("city", Kind::Text),
    with_default("country", Kind::Country, Default::Value("FI")),
];

const CUSTOMER: [Field; 6] = [
    field("customer_number", Kind::Text),
    with_default("relationship_start", Kind::Date, Default::Today),
    field("relationship_start_manner", Kind::Text),
    field("relationship_end", Kind::Date),
    field("relationship_end_manner", Kind::Text),
    field("username", Kind::Text),
];

const BUSINESS: [Field; 10] = [
    required("organisation", Kind::Text),
    required("business_id", Kind::BusinessId),
    required("role", Kind::Choice(ROLES)),
    with_default("relationship_start", Kind::Date, Default::Today),
    field("relationship_end", Kind::Date),
    field("relationship_end_manner", Kind::Text),
    field("aml_identified_on", Kind::Date),
    field("aml_id_document", Kind::Text),
    field("aml_pep", Kind::Bool),
    field("aml_risk", Kind::Choice(AML_RISKS)),
];

const EMPLOYEE: [Field; 6] = [
    required("employment_start", Kind::Date),
    field("employment_end", Kind::Date),
    field("employment_end_manner", Kind::Text),
    field("employment_type", Kind::Choice(EMPLOYMENT_TYPES)),
    field("job_title", Kind::Text),
    field("tax_number", Kind::Text),
];

const RECRUITMENT: [Field; 7] = [
    required("position", Kind::Text),
    required("applied_on", Kind::Date),
    // SPEC §3 calls this field `status`, which is also the record's
    // lifecycle status of SPEC §2 in JSON; `status` stays accepted on input
    // (see CHANGELOG).
    Field {
        aliases: &["status"],
        ..with_default(
            "application_status",
            Kind::Choice(APPLICATION_STATUSES),
            Default::Value("received"),
        )
    },
    field("decided_on", Kind::Date),
    field("references", Kind::LongText),
    field("work_history", Kind::LongText),
    field("assessment_summary", Kind::LongText),
];

/// The fields of a register, in SPEC §3 order (the order of CSV columns):
/// the common ones, then the register's own.
pub fn fields(register: Register) -> &'static [Field] {
    static ALL: std::sync::OnceLock<[Vec<Field>; 4]> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        [
            &CUSTOMER[..],
            &BUSINESS[..],
            &EMPLOYEE[..],
            &RECRUITMENT[..],
        ]
        .map(|own| COMMON.iter().chain(own).copied().collect())
    });
    &all[register.index()]
}

/// Every field name of any register, each once, in a stable order: the
/// columns of a listing that mixes registers.
pub fn all_field_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for register in Register::ALL {
        for f in fields(register) {
            if !names.contains(&f.name) {
                names.push(f.name);
            }
        }
    }
    names
}

/// The position of a field in its register by name or alias.
pub fn index_of(register: Register, name: &str) -> Option<usize> {
    fields(register)
        .iter()
        .position(|f| f.name == name || f.aliases.contains(&name))
}

/// The Finnish column names `import` accepts (DOMAIN §10), with the field
/// each stands for. Compared through [`header_key`].
pub const FINNISH_HEADERS: &[(&str, &str)] = &[
    ("etunimi", "first_name"),
    ("sukunimi", "last_name"),
    ("henkilötunnus", "hetu"),
    ("hetu", "hetu"),
    ("syntymäaika", "birth_date"),
    ("syntymäpaikka", "birth_place"),
    ("kansalaisuus", "nationality"),
    ("sähköposti", "email"),
    ("puhelin", "phone"),
    ("puhelinnumero", "phone"),
    ("kieli", "language"),
    ("asiointikieli", "language"),
    ("katuosoite", "street"),
    ("osoite", "street"),
    ("postinumero", "postal_code"),
    ("postitoimipaikka", "city"),
    ("kaupunki", "city"),
    ("maa", "country"),
    ("asiakasnumero", "customer_number"),
    ("yritys", "organisation"),
    ("organisaatio", "organisation"),
    ("y-tunnus", "business_id"),
    ("rooli", "role"),
    ("asema", "role"),
    ("tehtävänimike", "job_title"),
    ("veronumero", "tax_number"),
    ("työsuhde alkaa", "employment_start"),
    ("haettu tehtävä", "position"),
    ("hakupäivä", "applied_on"),
    // Beyond DOMAIN §10: a Finnish name for every other field, so that
    // `privreg fields` can give one for each (issue #20).
    ("asiakkuus alkoi", "relationship_start"),
    ("asiakkuuden alkamistapa", "relationship_start_manner"),
    ("asiakkuus päättyi", "relationship_end"),
    ("asiakkuuden päättymistapa", "relationship_end_manner"),
    ("käyttäjätunnus", "username"),
    ("tunnistettu", "aml_identified_on"),
    ("tunnistusasiakirja", "aml_id_document"),
    ("pep", "aml_pep"),
    ("riskiluokka", "aml_risk"),
    ("työsuhde päättyi", "employment_end"),
    ("työsuhteen päättymistapa", "employment_end_manner"),
    ("työsuhteen laji", "employment_type"),
    ("hakemuksen tila", "application_status"),
    ("päätöspäivä", "decided_on"),
    ("suosittelijat", "references"),
    ("työhistoria", "work_history"),
    ("arvio", "assessment_summary"),
];

/// The Finnish names a field of a register is accepted under.
pub fn finnish_names(register: Register, field: &str) -> Vec<&'static str> {
    FINNISH_HEADERS
        .iter()
        .filter(|(_, f)| *f == field && index_of(register, f).is_some())
        .map(|(fi, _)| *fi)
        .collect()
}

/// The field a mistyped name most likely meant: the nearest field name,
/// alias or Finnish name of the register by edit distance, when it is
/// near enough to be a typo (`frist_name`, `sukunimmi`).
pub fn suggest(register: Register, name: &str) -> Option<&'static str> {
    let key = header_key(name);
    let candidates = fields(register)
        .iter()
        .flat_map(|f| {
            std::iter::once((f.name, f.name)).chain(f.aliases.iter().map(|a| (*a, f.name)))
        })
        .chain(
            FINNISH_HEADERS
                .iter()
                .filter(|(_, f)| index_of(register, f).is_some())
                .map(|(fi, f)| (*fi, *f)),
        );
    nearest(
        &key,
        candidates.map(|(spelling, field)| (header_key(spelling), field)),
    )
}

/// Why a name is not a field of `register`, with a hint where one helps:
/// the field meant, or the register that has it.
pub fn unknown_field(register: Register, name: &str) -> String {
    let mut why = M::NoSuchField.say(&[&register]);
    if let Some(field) = suggest(register, name) {
        why.push_str(&M::DidYouMean.say(&[&field]));
    } else if let Some(other) = Register::ALL
        .into_iter()
        .find(|r| header_index(*r, name).is_some())
    {
        why.push_str(&M::FieldOfOther.say(&[&other]));
    }
    why.push_str(&M::FieldsLists.say(&[&register]));
    why
}

impl Kind {
    /// The form a value takes, in words, for `privreg fields`.
    pub fn form(self) -> String {
        match self {
            Kind::Text => format!("text, one line, at most {TEXT_MAX} characters"),
            Kind::LongText => {
                format!("text, may run over lines, at most {LONG_TEXT_MAX} characters")
            }
            Kind::Hetu => "personal identity code DDMMYYCZZZQ with its check character".into(),
            Kind::BusinessId => "business ID NNNNNNN-C with its check digit".into(),
            Kind::Email => "e-mail address".into(),
            Kind::Phone => "phone number, stored as E.164 (+358…)".into(),
            Kind::Date => "date YYYY-MM-DD or D.M.YYYY".into(),
            Kind::PastDate => "date YYYY-MM-DD or D.M.YYYY, not in the future".into(),
            Kind::Language => "language, ISO 639-1 (fi, sv, en …)".into(),
            Kind::Country => "country, ISO 3166-1 alpha-2 (FI, SE …)".into(),
            Kind::Bool => "true or false".into(),
            Kind::PostalCode => "postal code; 5 digits when the country is FI or AX".into(),
            Kind::Choice(choices) => format!("one of: {}", choices.join(", ")),
        }
    }
}

/// A column name as `import` compares it (DOMAIN §10): lower case, without
/// white space, `ä` read as `a` and `ö` as `o`.
pub fn header_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ä' => 'a',
            'ö' => 'o',
            c => c,
        })
        .collect()
}

/// The field a column of an imported file stands for: a field name or
/// alias of the register ([`index_of`]), or a Finnish name of DOMAIN §10.
pub fn header_index(register: Register, header: &str) -> Option<usize> {
    let key = header_key(header);
    index_of(register, &key).or_else(|| {
        FINNISH_HEADERS
            .iter()
            .find(|(finnish, _)| header_key(finnish) == key)
            .and_then(|(_, field)| index_of(register, field))
    })
}

/// One refused value: which field and why (never the value itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// A record's values in its register's field order; `None` is empty.
pub type Values = Vec<Option<String>>;

/// Validation context: the date "today" is, for defaults and future checks.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    pub today: NaiveDate,
}

/// A record's values on `add`: the given changes over the defaults.
pub fn new_values(
    register: Register,
    changes: &[(usize, String)],
    ctx: Ctx,
) -> Result<Values, Vec<FieldError>> {
    let mut values: Values = fields(register)
        .iter()
        .map(|f| match f.default {
            Some(Default::Today) => Some(date::format_date(ctx.today)),
            Some(Default::Value(v)) => Some(v.to_string()),
            None => None,
        })
        .collect();
    apply(register, &mut values, changes, ctx)?;
    Ok(values)
}

/// Puts each raw change in normal form onto `values`, then checks the whole
/// record. All errors are collected so that a user sees every bad field at once.
pub fn apply(
    register: Register,
    values: &mut Values,
    changes: &[(usize, String)],
    ctx: Ctx,
) -> Result<(), Vec<FieldError>> {
    let specs = fields(register);
    let mut errors = Vec::new();
    // Phones are read last: a number without `+` belongs to the record's
    // country, which may be among the same changes.
    let (phones, others): (Vec<_>, Vec<_>) = changes
        .iter()
        .partition(|(i, _)| specs[*i].kind == Kind::Phone);
    for (i, raw) in others.into_iter().chain(phones) {
        let spec = &specs[*i];
        let region = values[country_index(register)].as_deref().unwrap_or("FI");
        match normalize(spec.kind, raw, ctx, region) {
            Ok(v) => values[*i] = v,
            Err(e) => errors.push(FieldError::new(spec.name, e.0)),
        }
    }
    if errors.is_empty() {
        errors = check(register, values);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn country_index(register: Register) -> usize {
    index_of(register, "country").expect("every register has a country field")
}

/// One raw value in normal form; empty input means "no value".
pub fn normalize(
    kind: Kind,
    raw: &str,
    ctx: Ctx,
    region: &str,
) -> Result<Option<String>, ValueError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let normal = match kind {
        Kind::Text | Kind::PostalCode => text(value, TEXT_MAX, false)?,
        Kind::LongText => text(value, LONG_TEXT_MAX, true)?,
        Kind::Hetu => hetu::Hetu::parse(value, ctx.today)?.as_str().to_string(),
        Kind::BusinessId => business_id::BusinessId::parse(value)?.as_str().to_string(),
        Kind::Email => value.parse::<email::Email>()?.as_str().to_string(),
        Kind::Phone => phone::Phone::parse(value, region)?.as_str().to_string(),
        Kind::Date => date::format_date(date::parse_date(value)?),
        Kind::PastDate => {
            let d = date::parse_date(value)?;
            if d > ctx.today {
                return Err(ValueError::new(M::IsInFuture));
            }
            date::format_date(d)
        }
        Kind::Language => codes::language(value)?,
        Kind::Country => codes::country(value)?,
        Kind::Bool => date::parse_bool(value)?.to_string(),
        Kind::Choice(choices) => {
            let lower = value.to_lowercase();
            match choices.iter().find(|c| **c == lower) {
                Some(c) => c.to_string(),
                None => {
                    return Err(ValueError::new(
                        M::ExpectedOneOf.say(&[&choices.join(", ")]),
                    ))
                }
            }
        }
    };
    Ok(Some(normal))
}

/// Text is stored as given, but control characters (other than line
/// breaks and tabs in free text) and bidirectional overrides are refused:
/// they would let a value disguise itself in a terminal or a spreadsheet.
fn text(value: &str, max: usize, multiline: bool) -> Result<String, ValueError> {
    if value.chars().count() > max {
        return Err(ValueError::new(M::LongerThan.say(&[&max])));
    }
    for c in value.chars() {
        let allowed_break = multiline && matches!(c, '\n' | '\r' | '\t');
        if c.is_control() && !allowed_break {
            return Err(ValueError::new(M::ControlChar));
        }
        if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            return Err(ValueError::new(M::BidiChar));
        }
    }
    Ok(value.to_string())
}

/// Rules over the whole record: required fields, dates in order, identity.
pub fn check(register: Register, values: &Values) -> Vec<FieldError> {
    let specs = fields(register);
    let get = |name: &str| index_of(register, name).and_then(|i| values[i].as_deref());
    let mut errors: Vec<FieldError> = specs
        .iter()
        .zip(values)
        .filter(|(f, v)| f.required && v.is_none())
        .map(|(f, _)| FieldError::new(f.name, M::IsRequired))
        .collect();
    // ISO dates compare correctly as text.
    let order = [
        ("relationship_start", "relationship_end"),
        ("employment_start", "employment_end"),
        ("applied_on", "decided_on"),
    ];
    for (start, end) in order {
        if let (Some(s), Some(e)) = (get(start), get(end)) {
            if e < s {
                let start = field_name(start);
                errors.push(FieldError::new(end, M::IsBefore.say(&[&start])));
            }
        }
    }
    if let Some(code) = get("postal_code") {
        let finnish = matches!(get("country"), None | Some("FI" | "AX"));
        if finnish && !(code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit())) {
            errors.push(FieldError::new("postal_code", M::PostalCodeFi));
        }
    }
    if register == Register::Employee
        && get("hetu").is_none()
        && ["birth_date", "birth_place", "nationality"]
            .iter()
            .any(|f| get(f).is_none())
    {
        let missing: Vec<&str> = ["birth_date", "birth_place", "nationality"]
            .into_iter()
            .filter(|f| get(f).is_none())
            .collect();
        errors.push(FieldError::new(
            "hetu",
            M::EmployeeIdentity.say(&[&missing.join(", ")]),
        ));
    }
    errors
}

/// A field's name as a message names it: in Finnish its Finnish header
/// name (`henkilötunnus`, as `import` reads it), else the field's name.
pub fn field_name(field: &str) -> String {
    field_name_in(crate::messages::lang(), field)
}

/// [`field_name`] in `lang`.
pub fn field_name_in(lang: crate::messages::Lang, field: &str) -> String {
    // What a file's problem names that is no field.
    let whole = match field {
        "row" => Some(lang.pick("rivi", "rad", "row")),
        "header" => Some(lang.pick("otsikkorivi", "rubrikrad", "header")),
        "file" => Some(lang.pick("tiedosto", "fil", "file")),
        _ => None,
    };
    if let Some(name) = whole {
        return name.to_string();
    }
    if lang == crate::messages::Lang::Fi {
        if let Some((fi, _)) = FINNISH_HEADERS.iter().find(|(_, f)| *f == field) {
            return (*fi).to_string();
        }
    }
    field.to_string()
}

#[cfg(test)]
mod tests;
