//! `export notice`: the record of processing activities (GDPR Art. 30(1))
//! and the privacy notice (Art. 13 and 14, *tietosuojaseloste*), built from
//! what the register file holds (DOMAIN §9): the controller, each
//! register's purposes and the legal bases in use with their counts, its
//! data subjects, data, sources, recipients and transfers from the
//! disclosure log, retention and holds with their grounds, the security
//! measures, and the data subject's rights.
//!
//! The notice is gathered once into a [`Notice`] (the json output); the
//! Markdown document (`markdown.rs`) only arranges it. Every sentence is
//! written here in both languages; nothing is invented: a register with
//! no bases recorded says so instead of listing default purposes.

mod markdown;
pub mod record;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::Session;
use crate::cli::NoticeArgs;
use crate::domain::basis::Basis;
use crate::domain::codes::is_eu_eea;
use crate::domain::fields::fields;
use crate::domain::labels::{self, Group, Lang};
use crate::domain::register::Register;
use crate::error::Result;
use crate::output::{to_map, Format, Output};
use crate::store::audit::Entry;
use crate::store::holds as store_holds;
use crate::store::notice as store;
use crate::store::processing;
use crate::store::Tx;

/// The whole notice, as `--format json` prints it.
#[derive(Debug, Serialize)]
pub struct Notice {
    pub lang: &'static str,
    /// The day the notice was generated (the day privreg counts as today).
    pub generated_on: String,
    pub controller: Controller,
    pub registers: Vec<RegisterPart>,
    /// The controller's processing outside the registers (SPEC §9).
    pub activities: Vec<ActivityPart>,
    /// The firm's own processors in use, with their Art. 28 contracts.
    pub processors: Vec<ProcessorPart>,
    /// The firm as a processor for its clients, where it has clients.
    pub processor_role: Option<ProcessorRole>,
    pub transfer_policy: TransferPolicy,
    pub automated_decisions: Automated,
    pub security: Security,
    pub rights: Vec<Right>,
    pub requests: Requests,
    pub complaint: Complaint,
    /// How changes to the notice are made known.
    pub changes: String,
}

/// Who keeps the registers; `missing` names what is not set yet.
#[derive(Debug, Serialize)]
pub struct Controller {
    pub name: Option<String>,
    pub business_id: Option<String>,
    pub address: Option<String>,
    pub contact_person: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub missing: Vec<String>,
}

/// One register's part of the notice.
#[derive(Debug, Serialize)]
pub struct RegisterPart {
    pub register: &'static str,
    pub title: String,
    /// People in the register now.
    pub records: i64,
    /// Purposes with a legal basis in use, with how many records have one.
    pub purposes: Vec<PurposeUse>,
    pub bases: Vec<BasisUse>,
    /// The purposes and bases the register declares in advance, also
    /// before any record exists.
    pub declared: Vec<DeclaredPurpose>,
    /// The legitimate interests the processing rests on, in words
    /// (Art. 13(1)(d)): the declared ones and those recorded with bases.
    pub interests: Vec<Interest>,
    /// Whether giving the data is a statutory or contractual requirement
    /// and what follows from not giving them (Art. 13(2)(e)).
    pub requirement: Option<String>,
    /// Categories of recipients declared for the register.
    pub recipient_categories: Vec<Named>,
    /// Categories of sources declared for the register.
    pub source_categories: Vec<Named>,
    /// The Act on the Protection of Privacy in Working Life 759/2004, for
    /// employees and applicants.
    pub working_life: Option<String>,
    /// Categories of data subjects.
    pub subjects: String,
    pub data_categories: Vec<Category>,
    /// A rule about which data are kept (the employee identity rule).
    pub data_note: Option<String>,
    pub sources: String,
    pub recipients: Vec<RecipientGroup>,
    pub transfers: Vec<Transfer>,
    pub retention: Retention,
}

#[derive(Debug, Serialize)]
pub struct DeclaredPurpose {
    pub purpose: String,
    pub title: String,
    pub basis: String,
    pub basis_title: String,
    pub article: String,
    pub law: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Interest {
    pub purpose: String,
    pub title: String,
    pub interest: String,
}

/// A category of recipients or sources by name and title.
#[derive(Debug, Serialize)]
pub struct Named {
    pub name: String,
    pub title: String,
}

/// An activity of the controller outside the registers.
#[derive(Debug, Serialize)]
pub struct ActivityPart {
    pub name: String,
    pub purposes: Vec<Named>,
    pub basis: Option<String>,
    pub basis_title: Option<String>,
    pub article: Option<String>,
    pub law: Option<String>,
    /// The legitimate interest in words.
    pub interest: Option<String>,
    pub subjects: String,
    pub data: String,
    pub source: Option<String>,
    pub recipients: Option<String>,
    pub system: Option<String>,
    pub transfers: Vec<Transfer>,
    pub retention: String,
    /// Art. 13(2)(e), from the basis.
    pub requirement: String,
    /// What the notice says of cookies, where the activity uses them.
    pub cookies: Option<String>,
}

/// A processor of the firm, in use.
#[derive(Debug, Serialize)]
pub struct ProcessorPart {
    pub name: String,
    pub country: String,
    pub country_name: String,
    pub service: String,
    pub contract_date: Option<String>,
    /// The adequacy decision its country needs, outside the EU/EEA.
    pub transfer: Option<Transfer>,
}

/// The firm as a processor (Art. 28) for its clients.
#[derive(Debug, Serialize)]
pub struct ProcessorRole {
    pub clients: usize,
    /// The categories of processing done for clients.
    pub categories: Vec<String>,
    pub text: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PurposeUse {
    pub purpose: String,
    pub title: String,
    pub records: i64,
}

/// A legal basis in use for a purpose; `count` is how many records of the
/// register have it (each person once).
#[derive(Debug, Serialize)]
pub struct BasisUse {
    pub basis: String,
    pub title: String,
    /// GDPR Art. 6(1) point, e.g. `6(1)(b)`.
    pub article: String,
    pub law: Option<String>,
    pub purpose: String,
    pub count: i64,
}

/// A group of data: the register's fields with their labels, or, for
/// `processing-records`, the records kept about the processing itself.
#[derive(Debug, Serialize)]
pub struct Category {
    pub category: &'static str,
    pub title: &'static str,
    pub fields: Vec<FieldLabel>,
}

#[derive(Debug, Serialize)]
pub struct FieldLabel {
    pub field: &'static str,
    pub label: &'static str,
}

/// Recipients of one category in the disclosure log.
#[derive(Debug, Serialize)]
pub struct RecipientGroup {
    pub category: String,
    pub title: &'static str,
    /// Disclosures logged to recipients of this category.
    pub count: i64,
    pub recipients: Vec<Recipient>,
}

#[derive(Debug, Serialize)]
pub struct Recipient {
    pub recipient: String,
    pub country: String,
    pub count: i64,
}

/// Disclosures to one country outside the EU/EEA.
#[derive(Debug, Serialize)]
pub struct Transfer {
    pub country: String,
    pub name: String,
    pub count: i64,
    /// The Commission's adequacy decision, if the country has one.
    pub adequacy_decision: Option<String>,
    /// The decision covers only organisations certified under the EU–US
    /// Data Privacy Framework.
    pub dpf_required: bool,
    pub dpf_certified: bool,
    /// Made under an adequacy decision, as the notice allows.
    pub lawful: bool,
    /// The decision's scope or renewal (Canada, the UK, the United States).
    pub note: Option<String>,
}

/// Retention and holds of a register (DOMAIN §5), from `retention_policy`.
#[derive(Debug, Serialize)]
pub struct Retention {
    pub retention_months: u32,
    pub hold_months: u32,
    pub hold_overridable: bool,
    pub ground: String,
    /// The limit counts from the end of the calendar year of the end.
    pub from_year_end: bool,
    /// Manual holds in force now.
    pub manual_holds: i64,
    pub text: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TransferPolicy {
    pub adequacy_list_date: Option<String>,
    pub countries: Vec<AdequateCountry>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct AdequateCountry {
    pub country: String,
    pub name: String,
    pub decision: String,
    pub dpf_required: bool,
    /// The decision's scope or renewal.
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Automated {
    pub profiling_in_use: bool,
    /// Registers with a profiling basis in use.
    pub registers: Vec<&'static str>,
    pub text: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Security {
    /// Enabled operators per role.
    pub operators: BTreeMap<&'static str, i64>,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Serialize)]
pub struct Measure {
    pub measure: &'static str,
    pub title: &'static str,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Right {
    pub right: &'static str,
    /// The GDPR article.
    pub article: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Requests {
    pub answer_within_months: u32,
    pub extendable_by_months: u32,
    pub text: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Complaint {
    pub authority: &'static str,
    pub address: &'static str,
    pub email: &'static str,
    pub web: &'static str,
    pub text: &'static str,
}

pub fn run(session: &mut Session, args: NoticeArgs) -> Result<Output> {
    let lang = crate::commands::document_lang(session, "`export notice`")?;
    let format = session.global.format;
    let render = |notice: &Notice| match format {
        Format::Json => serde_json::to_string_pretty(notice).unwrap_or_default() + "\n",
        _ => markdown::render(notice, lang),
    };
    let (notice, published) = if args.publish {
        // The text is built and kept in one write transaction, so the
        // version holds exactly what was printed.
        session.write("export-notice-publish", |tx, who| {
            let notice = build(tx, who.today, lang)?;
            let text = render(&notice);
            let sha = sha256_hex(&text);
            let version = crate::store::notice::publish(
                tx,
                &crate::store::notice::NewVersion {
                    published_on: &who.today_iso(),
                    published_at: &who.now,
                    published_by: &who.operator,
                    lang: lang.code(),
                    format: format.name(),
                    sha256: &sha,
                    text: &text,
                },
            )?;
            let entry = Entry::new("export-notice-publish")
                .rows(notice.registers.len())
                .detail(format!(
                    "version={version} sha256={sha} lang={lang} format={}",
                    format.name()
                ));
            Ok(((notice, Some((version, sha))), entry))
        })?
    } else {
        session.read(|tx, who| {
            let notice = build(tx, who.today, lang)?;
            let entry = Entry::new("export-notice")
                .rows(notice.registers.len())
                .detail(format!("lang={lang} format={}", format.name()));
            Ok(((notice, None), entry))
        })?
    };
    if !notice.controller.missing.is_empty() && !session.global.quiet {
        eprintln!(
            "privreg: warning: the controller's details are not all set (missing: {}): run `privreg controller set`",
            notice.controller.missing.join(", ")
        );
    }
    if let Some((version, sha)) = &published {
        if !session.global.quiet {
            eprintln!("privreg: published the notice as version {version} (sha256 {sha})");
        }
    }
    Ok(match format {
        Format::Json => Output::Object {
            value: to_map(&notice),
            plain: None,
        },
        _ => Output::Document(markdown::render(&notice, lang)),
    })
}

/// The SHA-256 of a text, in lower-case hex.
fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Gathers the notice from the register file as it is on `today`.
pub fn build(conn: &Tx<'_>, today: NaiveDate, lang: Lang) -> Result<Notice> {
    let today_iso = today.format("%Y-%m-%d").to_string();
    let mut registers = Vec::new();
    for register in Register::ALL {
        registers.push(register_part(conn, register, &today_iso, lang)?);
    }
    let profiling: Vec<&'static str> = registers
        .iter()
        .filter(|r| r.purposes.iter().any(|p| p.purpose == "profiling"))
        .map(|r| r.register)
        .collect();
    let profiling_title: Option<String> = registers
        .iter()
        .flat_map(|r| &r.purposes)
        .find(|p| p.purpose == "profiling")
        .map(|p| p.title.clone());
    let profiling_titles: Vec<&str> = registers
        .iter()
        .filter(|r| profiling.contains(&r.register))
        .map(|r| r.title.as_str())
        .collect();
    let operators = store::operators_per_role(conn)?.into_iter().collect();
    let adequacy = store::adequacy_list(conn)?;
    let activities = activity_parts(conn, &adequacy, &today_iso, lang)?;
    let processors = processor_parts(conn, &adequacy, &today_iso, lang)?;
    let processor_role = processor_role(conn, &today_iso, lang)?;
    Ok(Notice {
        activities,
        processors,
        processor_role,
        changes: lang
            .pick(
                "Rekisterinpitäjä päivittää tätä selostetta, kun sen käsittely tai lainsäädäntö muuttuu. Voimassa oleva seloste on saatavilla rekisterinpitäjältä; kukin julkaistu versio säilytetään päiväyksineen ja tarkistussummineen.",
                "The controller updates this notice when its processing or the law changes. The notice in force is available from the controller; each published version is kept with its date and checksum.",
            )
            .to_string(),
        lang: lang.code(),
        generated_on: today_iso,
        controller: controller(conn)?,
        transfer_policy: transfer_policy(conn, lang)?,
        automated_decisions: Automated {
            profiling_in_use: !profiling.is_empty(),
            text: automated_text(&profiling_titles, profiling_title.as_deref(), lang),
            registers: profiling,
        },
        security: Security {
            measures: measures(
                &operators,
                crate::store::setting(conn, crate::commands::audit::CHECKPOINT_LOG_SETTING)?
                    .is_some(),
                lang,
            ),
            operators,
        },
        rights: rights(lang),
        requests: Requests {
            answer_within_months: 1,
            extendable_by_months: 2,
            text: requests_text(lang),
        },
        complaint: Complaint {
            authority: lang.pick("Tietosuojavaltuutetun toimisto", "Office of the Data Protection Ombudsman"),
            address: lang.pick("PL 800, 00531 Helsinki", "P.O. Box 800, 00531 Helsinki, Finland"),
            email: "tietosuoja@om.fi",
            web: "tietosuoja.fi",
            text: lang.pick(
                "Jos rekisteröity katsoo, että hänen henkilötietojensa käsittelyssä rikotaan tietosuoja-asetusta, hänellä on oikeus tehdä valitus valvontaviranomaiselle (tietosuoja-asetuksen 77 artikla). Suomessa valvontaviranomainen on tietosuojavaltuutettu.",
                "A data subject who considers that the processing of their personal data infringes the GDPR has the right to lodge a complaint with a supervisory authority (GDPR Art. 77). In Finland the supervisory authority is the Data Protection Ombudsman.",
            ),
        },
        registers,
    })
}

fn controller(conn: &Tx<'_>) -> Result<Controller> {
    let map = super::controller::load(conn)?;
    let get = |k: &str| {
        map.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let missing = map.keys().filter(|k| get(k).is_none()).cloned().collect();
    Ok(Controller {
        name: get("name"),
        business_id: get("business_id"),
        address: get("address"),
        contact_person: get("contact_person"),
        contact_phone: get("contact_phone"),
        contact_email: get("contact_email"),
        missing,
    })
}

/// The legitimate interests recorded with the bases in use, as
/// (purpose, purpose title, interest).
fn interests_in_use(
    conn: &Tx<'_>,
    register: Register,
    today: &str,
    fi: bool,
) -> Result<Vec<(String, String, String)>> {
    crate::store::notice::interests_in_use(conn, register, today, fi)
}

fn register_part(
    conn: &Tx<'_>,
    register: Register,
    today: &str,
    lang: Lang,
) -> Result<RegisterPart> {
    let fi = lang == Lang::Fi;
    let texts = store::register_texts(conn, register, fi)?;
    let in_use = store::bases_in_use(conn, register, today, fi)?;
    let titles: BTreeMap<String, String> = in_use
        .iter()
        .map(|b| (b.purpose.clone(), b.purpose_title.clone()))
        .collect();
    let purposes = store::purposes_in_use(conn, register, today)?
        .into_iter()
        .map(|(purpose, records)| PurposeUse {
            title: titles.get(&purpose).cloned().unwrap_or_default(),
            purpose,
            records,
        })
        .collect();
    let bases = in_use
        .into_iter()
        .map(|b| {
            let basis = Basis::ALL.into_iter().find(|x| x.name() == b.basis);
            BasisUse {
                title: basis
                    .map(|x| labels::basis_title(x, lang).to_string())
                    .unwrap_or_else(|| b.basis.clone()),
                article: basis.map(|x| x.article()).unwrap_or_default().to_string(),
                law: b.law.as_deref().map(|l| labels::law(l, lang).to_string()),
                basis: b.basis,
                purpose: b.purpose,
                count: b.records,
            }
        })
        .collect();
    let disclosed = store::disclosures(conn, register)?;
    let policy = store_holds::policy(conn, register, fi)?;
    let declared_rows = processing::declared_purposes(conn, register.name(), fi)?;
    let mut interests: Vec<Interest> = declared_rows
        .iter()
        .filter_map(|d| {
            d.interest.as_ref().map(|i| Interest {
                purpose: d.purpose.clone(),
                title: d.title.clone(),
                interest: i.clone(),
            })
        })
        .collect();
    for (purpose, title, note) in interests_in_use(conn, register, today, fi)? {
        if !interests
            .iter()
            .any(|i| i.purpose == purpose && i.interest.eq_ignore_ascii_case(&note))
        {
            interests.push(Interest {
                purpose,
                title,
                interest: note,
            });
        }
    }
    let declared = declared_rows
        .into_iter()
        .map(|d| {
            let basis = Basis::ALL.into_iter().find(|x| x.name() == d.basis);
            DeclaredPurpose {
                basis_title: basis
                    .map(|x| labels::basis_title(x, lang).to_string())
                    .unwrap_or_else(|| d.basis.clone()),
                article: basis.map(|x| x.article()).unwrap_or_default().to_string(),
                law: d.law.as_deref().map(|l| labels::law(l, lang).to_string()),
                purpose: d.purpose,
                title: d.title,
                basis: d.basis,
            }
        })
        .collect();
    let named = |kind: &str| -> Result<Vec<Named>> {
        Ok(processing::categories(conn)?
            .into_iter()
            .filter(|c| c.kind == kind && c.registers.iter().any(|r| r == register.name()))
            .map(|c| Named {
                title: if fi { c.title_fi } else { c.title_en },
                name: c.name,
            })
            .collect())
    };
    let manual_holds = store::manual_holds(conn, register, today)?;
    Ok(RegisterPart {
        register: register.name(),
        title: texts.title,
        records: store::record_count(conn, register)?,
        purposes,
        bases,
        declared,
        interests,
        requirement: processing::requirement(conn, register.name(), fi)?,
        recipient_categories: named("recipient")?,
        source_categories: named("source")?,
        working_life: matches!(register, Register::Employee | Register::Recruitment).then(|| {
            lang.pick(
                "Työntekijöiden ja työnhakijoiden henkilötietoja käsitellään yksityisyyden suojasta työelämässä annetun lain (759/2004) mukaisesti: vain tietoja, jotka ovat välittömästi tarpeellisia työsuhteen kannalta (3 §). Tiedot kerätään ensisijaisesti henkilöltä itseltään; muualta niitä kerätään vain hänen suostumuksellaan, lukuun ottamatta laissa säädettyjä tapauksia (4 §).",
                "The data of employees and job applicants are processed under the Act on the Protection of Privacy in Working Life (759/2004): only data directly necessary for the employment (section 3). The data are collected primarily from the person themselves, and from elsewhere only with their consent, except where the law provides otherwise (section 4).",
            )
            .to_string()
        }),
        subjects: texts.subjects,
        data_categories: categories(register, lang),
        data_note: (register == Register::Employee).then(|| {
            lang.pick(
                "Jos työntekijällä ei ole suomalaista henkilötunnusta, hänestä tallennetaan syntymäaika, syntymäpaikka ja kansalaisuus.",
                "Where an employee has no Finnish personal identity code, the date and place of birth and the nationality are kept instead.",
            )
            .to_string()
        }),
        sources: texts.sources,
        recipients: recipients(&disclosed, lang),
        transfers: transfers(conn, &disclosed, lang)?,
        retention: Retention {
            text: retention_text(register, &policy, manual_holds, lang),
            retention_months: policy.retention_months,
            hold_months: policy.hold_months,
            hold_overridable: policy.hold_overridable,
            from_year_end: policy.from_year_end,
            ground: policy.ground,
            manual_holds,
        },
    })
}

/// The register's fields in their groups, then what is kept about the
/// processing itself.
fn categories(register: Register, lang: Lang) -> Vec<Category> {
    let mut out: Vec<Category> = Group::ALL
        .into_iter()
        .filter_map(|g| {
            let fields: Vec<FieldLabel> = fields(register)
                .iter()
                .filter(|f| labels::group(f.name) == Some(g))
                .map(|f| FieldLabel {
                    field: f.name,
                    label: labels::label(f.name, lang),
                })
                .collect();
            (!fields.is_empty()).then(|| Category {
                category: g.name(),
                title: g.title(lang),
                fields,
            })
        })
        .collect();
    let marketing = matches!(register, Register::Customer | Register::Business);
    let mut kept = vec![FieldLabel {
        field: "bases",
        label: lang.pick(
            "käsittelyn oikeusperusteet ja suostumukset",
            "legal bases of the processing and consents",
        ),
    }];
    if marketing {
        kept.push(FieldLabel {
            field: "preferences",
            label: lang.pick(
                "suoramarkkinointiluvat ja -kiellot muutoshistorioineen",
                "direct marketing consents and objections, with their history",
            ),
        });
    }
    kept.extend([
        FieldLabel {
            field: "corrections",
            label: lang.pick("tietojen oikaisuhistoria", "history of rectifications"),
        },
        FieldLabel {
            field: "disclosures",
            label: lang.pick("merkinnät tietojen luovutuksista", "record of disclosures"),
        },
        FieldLabel {
            field: "holds",
            label: lang.pick(
                "säilytysmerkinnät ja käsittelyn rajoitukset",
                "holds and restrictions of processing",
            ),
        },
    ]);
    out.push(Category {
        category: "processing-records",
        title: lang.pick(
            "käsittelyä koskevat merkinnät",
            "records about the processing",
        ),
        fields: kept,
    });
    out
}

fn recipients(disclosed: &[store::Disclosed], lang: Lang) -> Vec<RecipientGroup> {
    let mut out: Vec<RecipientGroup> = Vec::new();
    for d in disclosed {
        let idx = match out.iter().position(|g| g.category == d.category) {
            Some(i) => i,
            None => {
                out.push(RecipientGroup {
                    category: d.category.clone(),
                    title: labels::recipient_category(&d.category, lang),
                    count: 0,
                    recipients: Vec::new(),
                });
                out.len() - 1
            }
        };
        let group = &mut out[idx];
        group.count += d.disclosures;
        match group
            .recipients
            .iter_mut()
            .find(|r| r.recipient == d.recipient && r.country == d.country)
        {
            Some(r) => r.count += d.disclosures,
            None => group.recipients.push(Recipient {
                recipient: d.recipient.clone(),
                country: d.country.clone(),
                count: d.disclosures,
            }),
        }
    }
    out
}

fn transfers(conn: &Tx<'_>, disclosed: &[store::Disclosed], lang: Lang) -> Result<Vec<Transfer>> {
    let adequacy = store::adequacy_list(conn)?;
    let mut out: Vec<Transfer> = Vec::new();
    for d in disclosed.iter().filter(|d| !is_eu_eea(&d.country)) {
        if let Some(t) = out
            .iter_mut()
            .find(|t| t.country == d.country && t.dpf_certified == d.dpf_certified)
        {
            t.count += d.disclosures;
            continue;
        }
        out.push(transfer_of(
            conn,
            &adequacy,
            &d.country,
            d.dpf_certified,
            d.disclosures,
            lang,
        )?);
    }
    out.sort_by(|a, b| a.country.cmp(&b.country));
    Ok(out)
}

/// A transfer to `country` as the notice describes it, judged against
/// the adequacy list.
fn transfer_of(
    conn: &Tx<'_>,
    adequacy: &[store::Adequacy],
    country: &str,
    dpf_certified: bool,
    count: i64,
    lang: Lang,
) -> Result<Transfer> {
    let decision = adequacy.iter().find(|a| a.country == country);
    let name = labels::country_name(country, lang)
        .map(str::to_string)
        .or_else(|| decision.map(|a| a.name.clone()))
        .unwrap_or_else(|| country.to_string());
    let dpf_required = decision.is_some_and(|a| a.needs_dpf);
    Ok(Transfer {
        country: country.to_string(),
        name,
        count,
        adequacy_decision: decision.map(|a| a.decision.clone()),
        dpf_required,
        dpf_certified,
        lawful: decision.is_some() && (!dpf_required || dpf_certified),
        note: processing::adequacy_note(conn, country, lang == Lang::Fi)?,
    })
}

/// The controller's activities outside the registers that have not ended.
fn activity_parts(
    conn: &Tx<'_>,
    adequacy: &[store::Adequacy],
    today: &str,
    lang: Lang,
) -> Result<Vec<ActivityPart>> {
    let fi = lang == Lang::Fi;
    let titles = purpose_titles(conn, fi)?;
    let mut out = Vec::new();
    for a in processing::activities(conn)?
        .into_iter()
        .filter(|a| a.ended_on.as_deref().is_none_or(|d| d > today))
    {
        let basis = a
            .basis
            .as_deref()
            .and_then(|b| Basis::ALL.into_iter().find(|x| x.name() == b));
        let mut transfers = Vec::new();
        for t in &a.transfers {
            transfers.push(transfer_of(
                conn,
                adequacy,
                &t.country,
                t.dpf_certified,
                1,
                lang,
            )?);
        }
        let law = a.law.as_deref().map(|l| labels::law(l, lang).to_string());
        out.push(ActivityPart {
            purposes: a
                .purposes
                .iter()
                .map(|p| Named {
                    name: p.clone(),
                    title: titles.get(p).cloned().unwrap_or_else(|| p.clone()),
                })
                .collect(),
            basis_title: basis.map(|b| labels::basis_title(b, lang).to_string()),
            article: basis.map(|b| b.article().to_string()),
            requirement: requirement_of(basis, law.as_deref(), lang),
            cookies: a
                .purposes
                .iter()
                .any(|p| p == "web-analytics")
                .then(|| cookie_text(lang)),
            interest: if basis == Some(Basis::LegitimateInterest) {
                a.note.clone()
            } else {
                None
            },
            basis: a.basis,
            law,
            name: a.name,
            subjects: a.subjects,
            data: a.data,
            source: a.source,
            recipients: a.recipients,
            system: a.system,
            transfers,
            retention: a.retention,
        });
    }
    Ok(out)
}

fn purpose_titles(conn: &Tx<'_>, fi: bool) -> Result<BTreeMap<String, String>> {
    crate::store::bases::purpose_titles(conn, fi)
}

/// Art. 13(2)(e) for an activity, from its legal basis.
fn requirement_of(basis: Option<Basis>, law: Option<&str>, lang: Lang) -> String {
    let law = law.unwrap_or_default();
    match (basis, lang) {
        (Some(Basis::Contract), Lang::Fi) => "Tietojen antaminen on sopimuksen tekemisen ja täyttämisen edellytys: ilman niitä sopimusta ei voida tehdä eikä täyttää.".into(),
        (Some(Basis::Contract), Lang::En) => "Giving the data is a requirement for entering into and performing the contract: without them the contract cannot be made or performed.".into(),
        (Some(Basis::LegalObligation), Lang::Fi) => format!("Tietojen käsittely on lakisääteinen vaatimus ({law}): ilman niitä rekisterinpitäjä ei voi täyttää lakisääteistä velvoitettaan eikä siksi tarjota palvelua."),
        (Some(Basis::LegalObligation), Lang::En) => format!("Processing the data is a statutory requirement ({law}): without them the controller cannot meet its legal obligation and so cannot provide the service."),
        (Some(Basis::Consent), Lang::Fi) => "Tietojen antaminen on vapaaehtoista: antamatta jättäminen tai suostumuksen peruuttaminen ei vaikuta muuhun asiakassuhteeseen.".into(),
        (Some(Basis::Consent), Lang::En) => "Giving the data is voluntary: not giving them, or withdrawing consent, has no effect on the rest of the customer relationship.".into(),
        (_, Lang::Fi) => "Tietojen antaminen ei ole lakisääteinen eikä sopimukseen perustuva vaatimus. Rekisteröity voi vastustaa käsittelyä (21 artikla).".into(),
        (_, Lang::En) => "Giving the data is neither a statutory nor a contractual requirement. The data subject may object to the processing (Art. 21).".into(),
    }
}

/// Cookies: what they are, that they are set only with consent (except
/// the strictly necessary ones) and how consent is withdrawn.
fn cookie_text(lang: Lang) -> String {
    lang.pick(
        "Verkkosivuilla käytetään evästeitä. Eväste on pieni tekstitiedosto, jonka selain tallentaa käyttäjän laitteelle. Muita kuin palvelun toiminnan kannalta välttämättömiä evästeitä käytetään vain käyttäjän suostumuksella (sähköisen viestinnän palveluista annettu laki 917/2014, 205 §). Käyttäjä voi peruuttaa suostumuksensa ja poistaa evästeet milloin tahansa selaimensa asetuksista; sivuston käyttö on mahdollista ilman niitä.",
        "The websites use cookies. A cookie is a small text file that the browser stores on the user's device. Cookies other than those strictly necessary for the service are set only with the user's consent (Act on Electronic Communications Services 917/2014, section 205). The user may withdraw consent and delete cookies at any time in the browser's settings; the websites can be used without them.",
    )
    .to_string()
}

/// The firm's processors in use on `today`.
fn processor_parts(
    conn: &Tx<'_>,
    adequacy: &[store::Adequacy],
    today: &str,
    lang: Lang,
) -> Result<Vec<ProcessorPart>> {
    let mut out = Vec::new();
    for p in processing::processors(conn)?
        .into_iter()
        .filter(|p| p.ended_on.as_deref().is_none_or(|d| d > today))
    {
        let transfer = if is_eu_eea(&p.country) {
            None
        } else {
            Some(transfer_of(
                conn,
                adequacy,
                &p.country,
                p.dpf_certified,
                1,
                lang,
            )?)
        };
        out.push(ProcessorPart {
            country_name: labels::country_name(&p.country, lang)
                .map(str::to_string)
                .unwrap_or_else(|| p.country.clone()),
            name: p.name,
            country: p.country,
            service: p.service,
            contract_date: p.contract_date,
            transfer,
        });
    }
    Ok(out)
}

/// The firm's role as a processor, where it has clients now.
fn processor_role(conn: &Tx<'_>, today: &str, lang: Lang) -> Result<Option<ProcessorRole>> {
    let clients: Vec<_> = processing::clients(conn)?
        .into_iter()
        .filter(|c| c.ended_on.as_deref().is_none_or(|d| d > today))
        .collect();
    if clients.is_empty() {
        return Ok(None);
    }
    let mut categories: Vec<String> = Vec::new();
    for p in clients.iter().flat_map(|c| &c.processing) {
        if !categories
            .iter()
            .any(|c| c.eq_ignore_ascii_case(&p.category))
        {
            categories.push(p.category.clone());
        }
    }
    Ok(Some(ProcessorRole {
        clients: clients.len(),
        categories,
        text: vec![
            lang.pick(
                "Rekisterinpitäjä käsittelee henkilötietoja myös asiakkaidensa lukuun ja niiden ohjeiden mukaan, niiden kanssa tehtyjen sopimusten perusteella (tietosuoja-asetuksen 28 artikla). Näissä tehtävissä asiakas on rekisterinpitäjä ja määrittää käsittelyn tarkoitukset; me olemme henkilötietojen käsittelijä. Tiedot eivät ole omissa rekistereissämme vaan asiakkaan lukuun pidettävissä tiedostoissa, emmekä käytä niitä omiin tarkoituksiimme.",
                "The controller also processes personal data on behalf of its clients and on their instructions, under contracts made with them (GDPR Art. 28). In this work the client is the controller and decides the purposes; we are the processor. The data are not in our own registers but in files kept on the client's behalf, and we do not use them for purposes of our own.",
            )
            .to_string(),
            lang.pick(
                "Näitä tietoja koskevat pyynnöt ja kysymykset osoitetaan ensisijaisesti asiakkaalle, joka on niiden rekisterinpitäjä; välitämme meille tulleet pyynnöt asiakkaalle viivytyksettä ja avustamme sitä vastaamaan niihin.",
                "Requests and questions about these data go first to the client, who is their controller; we pass on any request we receive without delay and help the client to answer it.",
            )
            .to_string(),
        ],
    }))
}

fn transfer_policy(conn: &Tx<'_>, lang: Lang) -> Result<TransferPolicy> {
    let date = store::adequacy_list_date(conn)?;
    let countries: Vec<AdequateCountry> = store::adequacy_list(conn)?
        .into_iter()
        .map(|a| AdequateCountry {
            name: labels::country_name(&a.country, lang)
                .map(str::to_string)
                .unwrap_or(a.name),
            note: processing::adequacy_note(conn, &a.country, lang == Lang::Fi)
                .ok()
                .flatten(),
            country: a.country,
            decision: a.decision,
            dpf_required: a.needs_dpf,
        })
        .collect();
    let text = lang
        .pick(
            "Henkilötietoja siirretään EU:n tai ETA:n ulkopuolelle vain maihin, joiden tietosuojan tason Euroopan komissio on päätöksellään todennut riittäväksi (tietosuoja-asetuksen 45 artikla). Muita siirtoja, kuten vakiosopimuslausekkeisiin perustuvia siirtoja, ei tehdä. Yhdysvaltoihin tietoja siirretään vain organisaatioille, jotka ovat sertifioituneet EU:n ja Yhdysvaltojen väliseen tietosuojakehykseen (EU–U.S. Data Privacy Framework).",
            "Personal data are transferred outside the EU/EEA only to countries whose level of data protection the European Commission has found adequate by a decision (GDPR Art. 45). No other transfers are made, such as transfers under standard contractual clauses. Transfers to the United States are made only to organisations certified under the EU–U.S. Data Privacy Framework.",
        )
        .to_string();
    Ok(TransferPolicy {
        adequacy_list_date: date,
        countries,
        text,
    })
}

/// "5 vuotta" / "5 years", or months where the period is not whole years;
/// `genitive` gives "5 vuoden" for "5 vuoden kuluttua".
pub fn duration(months: u32, lang: Lang, genitive: bool) -> String {
    let (n, unit) = if months % 12 == 0 && months > 0 {
        (months / 12, "y")
    } else {
        (months, "m")
    };
    let word = match (lang, unit, n == 1, genitive) {
        (Lang::Fi, "y", _, true) => "vuoden",
        (Lang::Fi, "y", true, false) => "vuosi",
        (Lang::Fi, "y", false, false) => "vuotta",
        (Lang::Fi, _, _, true) => "kuukauden",
        (Lang::Fi, _, true, false) => "kuukausi",
        (Lang::Fi, _, false, false) => "kuukautta",
        (Lang::En, "y", true, _) => "year",
        (Lang::En, "y", false, _) => "years",
        (Lang::En, _, true, _) => "month",
        (Lang::En, _, false, _) => "months",
    };
    format!("{n} {word}")
}

fn retention_text(
    register: Register,
    policy: &crate::domain::holds::Policy,
    manual_holds: i64,
    lang: Lang,
) -> Vec<String> {
    // What starts the clock: a Finnish elative ("asiakkuuden
    // päättymisestä"), a Finnish adverbial ("Asiakkuuden päätyttyä"), an
    // English clause and an English adverbial.
    let (during, event_fi, after_fi, event_en, after_en) = match register {
        Register::Customer | Register::Business => (
            lang.pick(
                "Tietoja säilytetään asiakkuuden ajan.",
                "The data are kept for as long as the customer relationship lasts.",
            ),
            "asiakkuuden päättymisestä",
            "Asiakkuuden päätyttyä",
            "the customer relationship ended",
            "After the customer relationship ends",
        ),
        Register::Employee => (
            lang.pick(
                "Tietoja säilytetään työsuhteen ajan.",
                "The data are kept for as long as the employment lasts.",
            ),
            "työsuhteen päättymisestä",
            "Työsuhteen päätyttyä",
            "the employment ended",
            "After the employment ends",
        ),
        Register::Recruitment => (
            lang.pick(
                "Tietoja säilytetään hakuprosessin ajan, kunnes hakemus on ratkaistu.",
                "The data are kept while the application is processed, until it is decided.",
            ),
            "valintapäätöksestä",
            "Valintapäätöksen jälkeen",
            "the application was decided",
            "After the decision on the application",
        ),
    };
    let mut out = vec![during.to_string()];
    let (hold, keep) = (policy.hold_months, policy.retention_months);
    let nom = |months| duration(months, lang, false);
    if register == Register::Business && hold > 0 {
        // The hold covers only the AML data, the limit the whole record.
        let mut s = lang.pick(
            "Rahanpesulain mukaisia asiakkaan tuntemistietoja ei poisteta ennen kuin {hold} on kulunut asiakkuuden päättymisestä",
            "Customer due-diligence data under the AML Act are not erased before {hold} {have} passed since the customer relationship ended",
        )
        .replace("{hold}", &nom(hold))
        .replace("{have}", if hold == 12 { "has" } else { "have" });
        if !policy.hold_overridable {
            s.push_str(lang.pick(
                "; tästä säilytysvelvollisuudesta ei voi poiketa",
                "; this duty to keep them cannot be waived",
            ));
        }
        s.push('.');
        out.push(s);
    }
    // Accounting Act 2:10 counts from the end of the (financial, here
    // calendar) year in which the relationship ended (DOMAIN §5).
    let (event_fi, event_en) = if policy.from_year_end {
        (
            match register {
                Register::Employee => {
                    "sen kalenterivuoden päättymisestä, jona työsuhde päättyi".to_string()
                }
                Register::Recruitment => {
                    "sen kalenterivuoden päättymisestä, jona hakemus ratkaistiin".to_string()
                }
                _ => "sen kalenterivuoden päättymisestä, jona asiakkuus päättyi".to_string(),
            },
            format!("the end of the calendar year in which {event_en}"),
        )
    } else {
        (event_fi.to_string(), event_en.to_string())
    };
    out.push(match (lang, hold > 0 && register != Register::Business) {
        (Lang::Fi, false) => format!(
            "Tiedot poistetaan pysyvästi viimeistään {} kuluttua {event_fi}.",
            duration(keep, lang, true)
        ),
        (Lang::En, false) => format!(
            "The data are erased for good at the latest {} after {event_en}.",
            nom(keep)
        ),
        (Lang::Fi, true) if hold >= keep => format!(
            "{after_fi} tietoja säilytetään {}, minkä jälkeen ne poistetaan pysyvästi.",
            nom(keep)
        ),
        (Lang::En, true) if hold >= keep => format!(
            "{after_en}, the data are kept for {} and then erased for good.",
            nom(keep)
        ),
        (Lang::Fi, true) => format!(
            "{after_fi} tietoja säilytetään vähintään {} ja enintään {}, minkä jälkeen ne poistetaan pysyvästi.",
            nom(hold),
            nom(keep)
        ),
        (Lang::En, true) => format!(
            "{after_en}, the data are kept for at least {} and at most {}, and then erased for good.",
            nom(hold),
            nom(keep)
        ),
    });
    out.push(format!(
        "{} {}.",
        lang.pick("Säilytysajan peruste:", "Legal ground:"),
        policy.ground.trim_end_matches('.')
    ));
    let mut manual = lang
        .pick(
            "Yksittäisen henkilön tietojen poistamista voidaan lykätä määräajaksi perustellusta syystä, esimerkiksi perinnässä olevan saatavan tai vireillä olevan riita-asian vuoksi.",
            "The erasure of one person's data may be postponed for a set time for a good reason, such as a receivable in collection or a pending dispute.",
        )
        .to_string();
    if manual_holds > 0 {
        manual.push_str(&match lang {
            Lang::Fi => format!(" Tällaisia säilytysmerkintöjä on nyt voimassa {manual_holds}."),
            Lang::En => format!(
                " {manual_holds} such {} in force now.",
                if manual_holds == 1 {
                    "hold is"
                } else {
                    "holds are"
                }
            ),
        });
    }
    out.push(manual);
    out
}

fn automated_text(registers: &[&str], purpose: Option<&str>, lang: Lang) -> Vec<String> {
    if registers.is_empty() {
        return vec![lang
            .pick(
                "Henkilötietoja ei käytetä automaattiseen päätöksentekoon eikä profilointiin: profilointia ei ole kirjattu minkään rekisterin käsittelyn tarkoitukseksi.",
                "Personal data are not used for automated decision-making or profiling: profiling is not recorded as a purpose of any register.",
            )
            .to_string()];
    }
    let list = registers.join(", ");
    let purpose = purpose.unwrap_or_default();
    vec![
        match lang {
            Lang::Fi => format!(
                "Henkilötietoja käytetään profilointiin ({purpose}) seuraavissa rekistereissä: {list}."
            ),
            Lang::En => format!("Personal data are used for profiling ({purpose}) in: {list}."),
        },
        lang.pick(
            "Profiloinnin perusteella ei tehdä automaattisia päätöksiä, joilla olisi rekisteröityä koskevia oikeusvaikutuksia tai jotka vaikuttaisivat häneen vastaavalla tavalla merkittävästi (tietosuoja-asetuksen 22 artikla).",
            "No automated decisions with legal or similarly significant effects on the data subject are based on the profiling (GDPR Art. 22).",
        )
        .to_string(),
        lang.pick(
            "Rekisteröity voi milloin tahansa vastustaa suoramarkkinointia varten tehtävää profilointia, minkä jälkeen hänen tietojaan ei enää profiloida tähän tarkoitukseen.",
            "The data subject may object at any time to profiling for direct marketing, after which their data are no longer profiled for it.",
        )
        .to_string(),
    ]
}

/// The security measures, each claiming only what privreg enforces
/// (issue #13): `checkpoint_log` says whether the register keeps a
/// checkpoint log outside itself.
fn measures(
    operators: &BTreeMap<&'static str, i64>,
    checkpoint_log: bool,
    lang: Lang,
) -> Vec<Measure> {
    let count = |role: &str| operators.get(role).copied().unwrap_or(0);
    let counts = ["admin", "staff", "auditor"]
        .iter()
        .map(|r| format!("{} {}", labels::role_counted(r, lang), count(r)))
        .collect::<Vec<_>>();
    // What is enforced depends on the file: a sealed register verifies
    // every operator by passphrase and is encrypted (SPEC §7).
    let sealed = crate::seal::current_file_key().is_some();
    let (who_fi, who_en) = if sealed {
        (
            "Jokainen käyttäjä tunnistetaan omalla salasanallaan: ilman sitä rekisteriä ei voi avata.",
            "Every operator is verified by their own passphrase: without it the register does not open.",
        )
    } else {
        (
            "Rekisteritiedoston voi lukea vain sen omistaja käyttöjärjestelmän oikeuksin; käyttäjän nimeä ei toistaiseksi varmenneta salasanalla, joten tiedoston omistajan tunnuksia ei jaeta.",
            "Only the file's owner may read the register file under the operating system's permissions; the operator's name is not yet verified by a passphrase, so the owner's login is not shared.",
        )
    };
    let counts = match lang {
        Lang::Fi => format!("{}, {} ja {}", counts[0], counts[1], counts[2]),
        Lang::En => format!("{}, {} and {}", counts[0], counts[1], counts[2]),
    };
    vec![
        Measure {
            measure: "access-control",
            title: lang.pick("Käyttöoikeudet", "Access control"),
            text: match lang {
                Lang::Fi => format!(
                    "Rekisteriä käytetään henkilökohtaisilla käyttäjätunnuksilla, ja käyttäjän rooli rajaa, mitä hän voi tehdä: pääkäyttäjä (kaikki toiminnot, myös tietojen pysyvä poistaminen ja käyttäjien hallinta), peruskäyttäjä (tietojen tallentaminen ja ylläpito) tai tarkastaja (vain lukuoikeus). Rooleja valvotaan jokaisessa toiminnossa, ja evätyt yritykset kirjataan lokiin. {who_fi} Käyttäjiä on nyt: {counts}."
                ),
                Lang::En => format!(
                    "The register is used with personal operator accounts, and the operator's role limits what they may do: admin (everything, including permanent erasure and managing operators), staff (recording and maintaining data) or auditor (read only). Roles are enforced on every command, and refused attempts are logged. {who_en} Operators by role now: {counts}."
                ),
            },
        },
        Measure {
            measure: "audit-log",
            title: lang.pick("Lokitiedot", "Audit log"),
            text: {
                let base = lang.pick(
                    "Jokaisesta henkilötietojen hausta, katselusta, muutoksesta, luovutuksesta, viennistä ja poistosta sekä jokaisesta evätystä yrityksestä jää lokimerkintä: kuka, milloin ja mitä rekisterimerkintöjä toimenpide koski. Tietojen vientiä koskeva merkintä tallennetaan ennen kuin ensimmäinenkään tieto lähtee. Merkinnät on ketjutettu toisiinsa SHA-256-tiivisteillä, joten muutettu merkintä havaitaan tarkistuksessa. Lokiin ei tallenneta henkilötietojen sisältöä.",
                    "Every search, view, change, disclosure, export and erasure of personal data, and every refused attempt, leaves an audit entry: who, when and which records it concerned. The entry of an export is recorded before the first byte of data leaves. The entries are chained by SHA-256 hashes, so an altered entry is found by verification. The log holds no personal data values.",
                );
                let anchor = if checkpoint_log {
                    lang.pick(
                        " Jokainen toiminto lisää lokin tarkastuspisteen rekisterin ulkopuolella säilytettävään tiedostoon, joten myös jälkikäteen lyhennetty tai kokonaan uudelleen laskettu loki havaitaan.",
                        " Every command appends a checkpoint of the log to a file kept outside the register, so a log cut back or rewritten and re-hashed afterwards is found too.",
                    )
                } else {
                    lang.pick(
                        " Lokista voidaan ottaa tarkastuspisteitä rekisterin ulkopuolelle; vain niitä vasten havaitaan loki, josta on poistettu viimeisiä merkintöjä tai joka on laskettu kokonaan uudelleen.",
                        " Checkpoints of the log can be kept outside the register; only against them is a log found whose last entries were removed or that was rewritten and re-hashed.",
                    )
                };
                format!("{base}{anchor}")
            },
        },
        Measure {
            measure: "hetu",
            title: lang.pick("Henkilötunnus", "Personal identity code"),
            text: lang
                .pick(
                    "Henkilötunnusta käsitellään vain, kun rekisteröidyn yksiselitteinen yksilöinti on tarpeen (tietosuojalaki 1050/2018, 29 §). Henkilötunnus näytetään oletuksena peitettynä, ja jokainen sen näyttäminen kokonaan kirjataan lokiin.",
                    "The personal identity code is processed only where the data subject must be identified unambiguously (Data Protection Act 1050/2018, section 29). It is shown masked by default, and every time it is shown in full is logged.",
                )
                .to_string(),
        },
        Measure {
            measure: "erasure",
            title: lang.pick("Tietojen poistaminen", "Erasure"),
            text: lang
                .pick(
                    "Poistettavat tiedot ylikirjoitetaan rekisteritiedostossa ja sen lokitiedostossa (WAL), myös hakuhakemistossa, muutoshistoriassa ja henkilöä koskevien pyyntöjen vapaassa tekstissä; poisto epäonnistuu mieluummin kuin jättää tiedon tiedostoon. Poistosta jää vain kuitti, jossa ei ole henkilötietoja. Ennen poistoa otetuissa varmuuskopioissa tiedot säilyvät, kunnes kopio hävitetään; palautettaessa poisto tehdään uudelleen.",
                    "Erased data are overwritten in the register file and its write-ahead log, in its search index, correction history and the free text of the person's requests too; an erasure fails rather than leave a value in the file. An erasure leaves only a receipt without personal data. Backups made before the erasure keep the data until they are destroyed; a restore applies the erasure again.",
                )
                .to_string(),
        },
        Measure {
            measure: "file",
            title: lang.pick("Rekisteritiedosto", "Register file"),
            text: if sealed {
                lang.pick(
                    "Rekisteri on yksi tietokantatiedosto, joka luodaan niin, että vain sen omistaja voi lukea ja muuttaa sitä. Tiedosto, sen tapahtumaloki ja varmuuskopiot on salattu (AES-256, satunnainen avain); avaimen saa auki vain käyttäjän salasanalla (Argon2id), ja käytöstä poistetun käyttäjän salasana ei enää avaa rekisteriä eikä sen jälkeen tehtyjä varmuuskopioita. Rekisteristä tehtävät viennit ja varmuuskopiot luodaan aina uusina tiedostoina, joita vain omistaja voi lukea, eikä niillä koskaan korvata olemassa olevaa tiedostoa. Viedyt tiedostot (CSV, JSON) eivät ole salattuja.",
                    "The register is one database file, created readable and writable by its owner only. The file, its write-ahead log and its backups are encrypted (AES-256, a random key), and the key opens only with an operator's passphrase (Argon2id); a disabled operator's passphrase no longer opens the register or any backup made after. Exports and backups are always created as new files readable by their owner only, and never replace an existing file. Exported files (CSV, JSON) are not encrypted.",
                )
            } else {
                lang.pick(
                    "Rekisteri on yksi tietokantatiedosto, joka luodaan niin, että vain sen omistaja voi lukea ja muuttaa sitä. Tiedostoa ei toistaiseksi salata, joten se ja sen varmuuskopiot säilytetään salatulla levyllä. Rekisteristä tehtävät viennit ja varmuuskopiot luodaan aina uusina tiedostoina, joita vain omistaja voi lukea, eikä niillä koskaan korvata olemassa olevaa tiedostoa.",
                    "The register is one database file, created readable and writable by its owner only. The file is not yet encrypted, so it and its backups are kept on an encrypted disk. Exports and backups are always created as new files readable by their owner only, and never replace an existing file.",
                )
            }
            .to_string(),
        },
    ]
}

/// The rights of the data subject: one list (`domain::rights`) with its
/// words (`messages::rights`), shared with the access report and letters.
fn rights(lang: Lang) -> Vec<Right> {
    let l = crate::messages::Lang::from(lang);
    crate::domain::rights::Right::ALL
        .iter()
        .map(|r| Right {
            right: r.name(),
            article: r.article(),
            title: crate::messages::rights::title(*r, l),
            text: crate::messages::rights::text(*r, l),
        })
        .collect()
}

fn requests_text(lang: Lang) -> Vec<&'static str> {
    vec![
        lang.pick(
            "Oikeuksia koskevan pyynnön voi esittää rekisterinpitäjän yhteyshenkilölle (luku 2) missä muodossa tahansa: kirjeitse, sähköpostitse, puhelimitse tai henkilökohtaisesti (tietosuoja-asetuksen 12 artiklan 2 kohta). Rekisterinpitäjä voi pyytää pyynnön esittäjää todistamaan henkilöllisyytensä ennen kuin pyyntöön vastataan.",
            "Requests may be made to the controller's contact person (section 2) in any form: by letter, e-mail, phone or in person (GDPR Art. 12(2)). The controller may ask the requester to prove their identity before the request is answered.",
        ),
        lang.pick(
            "Pyyntöön vastataan ilman aiheetonta viivytystä ja viimeistään kuukauden kuluessa sen vastaanottamisesta. Jos pyyntö on monimutkainen tai pyyntöjä on paljon, määräaikaa voidaan jatkaa enintään kahdella kuukaudella; jatkamisesta ja sen syistä ilmoitetaan pyynnön esittäjälle kuukauden kuluessa pyynnön vastaanottamisesta (tietosuoja-asetuksen 12 artiklan 3 kohta).",
            "Requests are answered without undue delay and at the latest within one month of receipt. Where a request is complex or there are many, the period may be extended by two further months; the requester is told of the extension and its reasons within the first month (GDPR Art. 12(3)).",
        ),
        lang.pick(
            "Pyyntöjen käsittely on maksutonta. Jos rekisterinpitäjä ei toteuta pyyntöä, se kertoo kirjallisesti syyn ja oikeudesta tehdä valitus valvontaviranomaiselle.",
            "Requests are handled free of charge. If the controller does not act on a request, it gives its reasons in writing and tells of the right to lodge a complaint with the supervisory authority.",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> crate::store::Store {
        crate::store::Store::in_memory()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn durations_read_as_years_or_months() {
        assert_eq!(duration(72, Lang::Fi, false), "6 vuotta");
        assert_eq!(duration(72, Lang::Fi, true), "6 vuoden");
        assert_eq!(duration(12, Lang::Fi, false), "1 vuosi");
        assert_eq!(duration(12, Lang::Fi, true), "1 vuoden");
        assert_eq!(duration(18, Lang::Fi, false), "18 kuukautta");
        assert_eq!(duration(1, Lang::Fi, true), "1 kuukauden");
        assert_eq!(duration(120, Lang::En, false), "10 years");
        assert_eq!(duration(12, Lang::En, false), "1 year");
        assert_eq!(duration(30, Lang::En, false), "30 months");
    }

    #[test]
    fn every_adequacy_country_has_a_name_in_both_languages() {
        let mut store = open();
        let conn = store.begin(crate::store::Mode::Write).unwrap();
        for a in store::adequacy_list(&conn).unwrap() {
            for lang in [Lang::Fi, Lang::En] {
                assert!(
                    labels::country_name(&a.country, lang).is_some(),
                    "{} {lang}",
                    a.country
                );
            }
        }
    }

    #[test]
    fn an_empty_register_file_gives_every_register_with_its_declared_purposes() {
        let mut store = open();
        let conn = store.begin(crate::store::Mode::Write).unwrap();
        for lang in [Lang::Fi, Lang::En] {
            let n = build(&conn, day(), lang).unwrap();
            assert_eq!(n.registers.len(), 4);
            for r in &n.registers {
                // Nothing in use, but the declared purposes (issue #18).
                assert!(
                    r.purposes.is_empty() && r.bases.is_empty(),
                    "{}",
                    r.register
                );
                assert!(!r.declared.is_empty(), "{}", r.register);
                assert!(!r.recipient_categories.is_empty(), "{}", r.register);
                assert!(r.recipients.is_empty() && r.transfers.is_empty());
                let aml = r.register == "business";
                assert_eq!(
                    r.retention.text.len(),
                    if aml { 5 } else { 4 },
                    "{}",
                    r.register
                );
            }
            assert_eq!(n.controller.missing.len(), 6);
            assert!(!n.automated_decisions.profiling_in_use);
            assert!(n.activities.is_empty() && n.processors.is_empty());
            assert!(n.processor_role.is_none());
            assert_eq!(
                n.transfer_policy.adequacy_list_date.as_deref(),
                Some("2026-01")
            );
        }
    }
}
