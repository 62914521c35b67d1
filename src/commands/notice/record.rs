//! `export processing-record --role controller|processor`: the record of
//! processing activities. As controller (GDPR Art. 30(1)): the controller,
//! each register and each activity with its purposes, categories of data
//! subjects, data and recipients, transfers, retention, and the security
//! measures. As processor (Art. 30(2)): the firm, each client it processes
//! for, the categories of processing, sub-processors, transfers and the
//! security measures. Gathered from the same sources as the notice.

use std::fmt::Write;

use serde::Serialize;

use super::markdown::{cap, date, md, period, transfer_ground};
use super::{ActivityPart, Controller, Measure, Notice, ProcessorPart, RegisterPart, Transfer};
use crate::cli::{ProcessingRecordArgs, RecordRole};
use crate::commands::Session;
use crate::domain::labels::Lang;
use crate::error::Result;
use crate::output::{to_map, Format, Output};
use crate::store::audit::Entry;
use crate::store::notice as notice_store;
use crate::store::processing;
use crate::store::Tx;

/// The Art. 30(2) record.
#[derive(Debug, Serialize)]
pub struct ProcessorRecord {
    pub role: &'static str,
    pub article: &'static str,
    pub lang: &'static str,
    pub generated_on: String,
    /// The firm, as processor.
    pub processor: Controller,
    pub clients: Vec<ClientPart>,
    /// General technical and organisational measures (Art. 32).
    pub security: Vec<Measure>,
}

#[derive(Debug, Serialize)]
pub struct ClientPart {
    pub name: String,
    pub business_id: String,
    pub contact: Option<String>,
    pub contract_date: Option<String>,
    pub contract_ref: Option<String>,
    pub terms: Option<String>,
    pub processing: Vec<ClientProcessingPart>,
}

#[derive(Debug, Serialize)]
pub struct ClientProcessingPart {
    pub category: String,
    pub subjects: String,
    pub data: String,
    pub sub_processors: Vec<ProcessorPart>,
    /// Transfers outside the EU/EEA: those declared, and those a
    /// sub-processor abroad makes.
    pub transfers: Vec<Transfer>,
    pub security: Option<String>,
}

/// The Art. 30(1) record.
#[derive(Debug, Serialize)]
pub struct ControllerRecord<'a> {
    pub role: &'static str,
    pub article: &'static str,
    pub lang: &'static str,
    pub generated_on: &'a str,
    pub controller: &'a Controller,
    pub registers: &'a [RegisterPart],
    pub activities: &'a [ActivityPart],
    pub processors: &'a [ProcessorPart],
    pub security: &'a [Measure],
}

pub fn run(session: &mut Session, args: ProcessingRecordArgs) -> Result<Output> {
    let lang = crate::commands::document_lang(session, "`export processing-record`")?;
    let format = session.global.format;
    let role = match args.role {
        RecordRole::Controller => "controller",
        RecordRole::Processor => "processor",
    };
    session.read(|tx, who| {
        let notice = super::build(tx, who.today, lang)?;
        let (value, text, rows) = match args.role {
            RecordRole::Controller => {
                let r = ControllerRecord {
                    role,
                    article: "30(1)",
                    lang: lang.code(),
                    generated_on: &notice.generated_on,
                    controller: &notice.controller,
                    registers: &notice.registers,
                    activities: &notice.activities,
                    processors: &notice.processors,
                    security: &notice.security.measures,
                };
                let rows = r.registers.len() + r.activities.len();
                (to_map(&r), controller_markdown(&notice, lang), rows)
            }
            RecordRole::Processor => {
                let r = processor_record(tx, notice, &who.today_iso(), lang)?;
                let rows = r.clients.len();
                (to_map(&r), processor_markdown(&r, lang), rows)
            }
        };
        let entry = Entry::new("export-processing-record")
            .rows(rows)
            .detail(format!("role={role} lang={lang} format={}", format.name()));
        let out = match format {
            Format::Json => Output::Object { value, plain: None },
            _ => Output::Document(text),
        };
        Ok((out, entry))
    })
}

fn processor_record(
    conn: &Tx<'_>,
    notice: Notice,
    today: &str,
    lang: Lang,
) -> Result<ProcessorRecord> {
    let adequacy = notice_store::adequacy_list(conn)?;
    let processors = processing::processors(conn)?;
    let mut clients = Vec::new();
    for c in processing::clients(conn)?
        .into_iter()
        .filter(|c| c.ended_on.as_deref().is_none_or(|d| d > today))
    {
        let mut parts = Vec::new();
        for p in c.processing {
            let mut transfers: Vec<Transfer> = Vec::new();
            for t in &p.transfers {
                transfers.push(super::transfer_of(
                    conn,
                    &adequacy,
                    &t.country,
                    t.dpf_certified,
                    1,
                    lang,
                )?);
            }
            let mut subs = Vec::new();
            for name in &p.sub_processors {
                let Some(sp) = processors.iter().find(|x| &x.name == name) else {
                    continue;
                };
                let transfer = if crate::domain::codes::is_eu_eea(&sp.country) {
                    None
                } else {
                    Some(super::transfer_of(
                        conn,
                        &adequacy,
                        &sp.country,
                        sp.dpf_certified,
                        1,
                        lang,
                    )?)
                };
                if let Some(t) = &transfer {
                    if !transfers.iter().any(|x| x.country == t.country) {
                        transfers.push(super::transfer_of(
                            conn,
                            &adequacy,
                            &sp.country,
                            sp.dpf_certified,
                            1,
                            lang,
                        )?);
                    }
                }
                subs.push(ProcessorPart {
                    name: sp.name.clone(),
                    country: sp.country.clone(),
                    country_name: crate::domain::labels::country_name(&sp.country, lang)
                        .map(str::to_string)
                        .unwrap_or_else(|| sp.country.clone()),
                    service: sp.service.clone(),
                    contract_date: sp.contract_date.clone(),
                    transfer,
                });
            }
            parts.push(ClientProcessingPart {
                category: p.category,
                subjects: p.subjects,
                data: p.data,
                sub_processors: subs,
                transfers,
                security: p.security,
            });
        }
        clients.push(ClientPart {
            name: c.name,
            business_id: c.business_id,
            contact: c.contact,
            contract_date: c.contract_date,
            contract_ref: c.contract_ref,
            terms: c.terms,
            processing: parts,
        });
    }
    Ok(ProcessorRecord {
        role: "processor",
        article: "30(2)",
        lang: lang.code(),
        generated_on: notice.generated_on,
        processor: notice.controller,
        clients,
        security: notice.security.measures,
    })
}

fn firm(d: &mut String, c: &Controller, heading: &str, lang: Lang) {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    let _ = writeln!(d, "## {heading}\n");
    let unset = t("ei asetettu", "not set");
    let v = |x: &Option<String>| x.as_deref().map(md).unwrap_or_else(|| format!("*{unset}*"));
    let _ = writeln!(d, "{}: {}  ", t("Nimi", "Name"), v(&c.name));
    let _ = writeln!(
        d,
        "{}: {}  ",
        t("Y-tunnus", "Business ID"),
        v(&c.business_id)
    );
    let _ = writeln!(d, "{}: {}  ", t("Osoite", "Address"), v(&c.address));
    let _ = writeln!(
        d,
        "{}: {}, {}, {}\n",
        t("Yhteyshenkilö", "Contact person"),
        v(&c.contact_person),
        v(&c.contact_phone),
        v(&c.contact_email)
    );
}

fn item(d: &mut String, label: &str, value: &str) {
    let _ = writeln!(d, "- **{label}:** {}", period(&md(&cap(value))));
}

fn controller_markdown(n: &Notice, lang: Lang) -> String {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    let mut d = String::new();
    let _ = writeln!(
        d,
        "# {}\n",
        t(
            "Seloste käsittelytoimista (tietosuoja-asetuksen 30 artiklan 1 kohta)",
            "Record of processing activities (GDPR Art. 30(1))"
        )
    );
    let _ = writeln!(
        d,
        "{} {}.\n",
        t("Laadittu", "Generated on"),
        date(&n.generated_on, lang)
    );
    firm(
        &mut d,
        &n.controller,
        t("1. Rekisterinpitäjä", "1. Controller"),
        lang,
    );
    let mut no = 2;
    for r in &n.registers {
        let _ = writeln!(d, "## {no}. {}\n", md(&r.title));
        let mut purposes: Vec<String> = Vec::new();
        for p in r
            .declared
            .iter()
            .map(|p| &p.title)
            .chain(r.purposes.iter().map(|p| &p.title))
        {
            if !purposes.contains(p) {
                purposes.push(p.clone());
            }
        }
        item(
            &mut d,
            t("Käsittelyn tarkoitukset", "Purposes"),
            &purposes.join(", "),
        );
        item(
            &mut d,
            t("Rekisteröityjen ryhmät", "Categories of data subjects"),
            &r.subjects,
        );
        let data: Vec<&str> = r.data_categories.iter().map(|c| c.title).collect();
        item(
            &mut d,
            t("Henkilötietoryhmät", "Categories of personal data"),
            &data.join(", "),
        );
        let recipients: Vec<&str> = r
            .recipient_categories
            .iter()
            .map(|c| c.title.as_str())
            .collect();
        item(
            &mut d,
            t("Vastaanottajaryhmät", "Categories of recipients"),
            &if recipients.is_empty() {
                t("ei luovutuksia", "none").to_string()
            } else {
                recipients.join("; ")
            },
        );
        let transfers: Vec<String> = r
            .transfers
            .iter()
            .map(|x| transfer_ground(x, lang))
            .collect();
        item(
            &mut d,
            t(
                "Siirrot EU:n tai ETA:n ulkopuolelle",
                "Transfers outside the EU/EEA",
            ),
            &if transfers.is_empty() {
                t("ei siirtoja", "none").to_string()
            } else {
                transfers.join("; ")
            },
        );
        item(
            &mut d,
            t("Säilytysaika", "Retention"),
            &r.retention.text.join(" "),
        );
        d.push('\n');
        no += 1;
    }
    for a in &n.activities {
        let _ = writeln!(d, "## {no}. {}\n", md(&a.name));
        let purposes: Vec<&str> = a.purposes.iter().map(|p| p.title.as_str()).collect();
        item(
            &mut d,
            t("Käsittelyn tarkoitukset", "Purposes"),
            &purposes.join(", "),
        );
        let basis = match (&a.basis_title, &a.law) {
            (Some(b), Some(l)) => format!("{b} ({l})"),
            (Some(b), None) => b.clone(),
            _ => t("ei kirjattu", "not recorded").to_string(),
        };
        item(&mut d, t("Oikeusperuste", "Legal basis"), &basis);
        if let Some(i) = &a.interest {
            item(&mut d, t("Oikeutettu etu", "Legitimate interest"), i);
        }
        item(
            &mut d,
            t("Rekisteröityjen ryhmät", "Categories of data subjects"),
            &a.subjects,
        );
        item(
            &mut d,
            t("Henkilötietoryhmät", "Categories of personal data"),
            &a.data,
        );
        if let Some(r) = &a.recipients {
            item(
                &mut d,
                t("Vastaanottajaryhmät", "Categories of recipients"),
                r,
            );
        }
        if let Some(s) = &a.system {
            item(&mut d, t("Järjestelmä", "System"), s);
        }
        let transfers: Vec<String> = a
            .transfers
            .iter()
            .map(|x| transfer_ground(x, lang))
            .collect();
        item(
            &mut d,
            t(
                "Siirrot EU:n tai ETA:n ulkopuolelle",
                "Transfers outside the EU/EEA",
            ),
            &if transfers.is_empty() {
                t("ei siirtoja", "none").to_string()
            } else {
                transfers.join("; ")
            },
        );
        item(&mut d, t("Säilytysaika", "Retention"), &a.retention);
        d.push('\n');
        no += 1;
    }
    if !n.processors.is_empty() {
        let _ = writeln!(
            d,
            "## {no}. {}\n",
            t("Henkilötietojen käsittelijät", "Processors")
        );
        for p in &n.processors {
            let _ = writeln!(d, "- {}", processor_line(p, lang));
        }
        d.push('\n');
        no += 1;
    }
    security(&mut d, no, &n.security.measures, lang);
    d
}

pub(super) fn processor_line(p: &ProcessorPart, lang: Lang) -> String {
    let contract = match (&p.contract_date, lang) {
        (Some(c), Lang::Fi) => format!("käsittelysopimus (28 artikla) {}", date(c, lang)),
        (Some(c), Lang::En) => format!("processing agreement (Art. 28) of {c}"),
        (None, Lang::Fi) => "**käsittelysopimusta ei ole kirjattu**".to_string(),
        (None, Lang::En) => "**no processing agreement recorded**".to_string(),
    };
    let place = match &p.transfer {
        Some(x) => transfer_ground(x, lang),
        None => md(&p.country_name),
    };
    format!(
        "**{}** ({place}): {}; {contract}",
        md(&p.name),
        md(&p.service)
    )
}

fn security(d: &mut String, no: usize, measures: &[Measure], lang: Lang) {
    let _ = writeln!(
        d,
        "## {no}. {}\n",
        lang.pick(
            "Tekniset ja organisatoriset turvatoimet (32 artikla)",
            "Technical and organisational security measures (Art. 32)"
        )
    );
    for m in measures {
        let _ = writeln!(d, "- **{}.** {}", m.title, m.text);
    }
    d.push('\n');
}

fn processor_markdown(r: &ProcessorRecord, lang: Lang) -> String {
    let t = |fi: &'static str, en: &'static str| lang.pick(fi, en);
    let mut d = String::new();
    let _ = writeln!(
        d,
        "# {}\n",
        t(
            "Seloste käsittelijän käsittelytoimista (tietosuoja-asetuksen 30 artiklan 2 kohta)",
            "Record of processing activities of a processor (GDPR Art. 30(2))"
        )
    );
    let _ = writeln!(
        d,
        "{} {}.\n",
        t("Laadittu", "Generated on"),
        date(&r.generated_on, lang)
    );
    firm(
        &mut d,
        &r.processor,
        t("1. Henkilötietojen käsittelijä", "1. Processor"),
        lang,
    );
    let mut no = 2;
    if r.clients.is_empty() {
        let _ = writeln!(
            d,
            "{}\n",
            t(
                "Käsittelijä ei käsittele henkilötietoja yhdenkään asiakkaan lukuun.",
                "The processor processes no personal data on behalf of any client."
            )
        );
    }
    for c in &r.clients {
        let _ = writeln!(
            d,
            "## {no}. {}: {}\n",
            t("Rekisterinpitäjä", "Controller"),
            md(&c.name)
        );
        let _ = writeln!(
            d,
            "{}: {}  ",
            t("Y-tunnus", "Business ID"),
            md(&c.business_id)
        );
        if let Some(x) = &c.contact {
            let _ = writeln!(d, "{}: {}  ", t("Yhteyshenkilö", "Contact"), md(x));
        }
        let contract = match &c.contract_date {
            Some(x) => format!(
                "{}{}",
                date(x, lang),
                c.contract_ref
                    .as_deref()
                    .map(|r| format!(" ({})", md(r)))
                    .unwrap_or_default()
            ),
            None => format!("**{}**", t("ei kirjattu", "not recorded")),
        };
        let _ = writeln!(
            d,
            "{}: {contract}",
            t(
                "Käsittelysopimus (28 artikla)",
                "Processing agreement (Art. 28)"
            )
        );
        if let Some(x) = &c.terms {
            let _ = writeln!(
                d,
                "\n{}: {}",
                t("Ohjeet ja ehdot", "Instructions and terms"),
                md(x)
            );
        }
        d.push('\n');
        for (i, p) in c.processing.iter().enumerate() {
            let _ = writeln!(d, "### {no}.{} {}\n", i + 1, md(&cap(&p.category)));
            item(
                &mut d,
                t("Rekisteröityjen ryhmät", "Categories of data subjects"),
                &p.subjects,
            );
            item(
                &mut d,
                t("Henkilötietoryhmät", "Categories of personal data"),
                &p.data,
            );
            let subs: Vec<String> = p
                .sub_processors
                .iter()
                .map(|s| processor_line(s, lang))
                .collect();
            let _ = writeln!(
                d,
                "- **{}:** {}",
                t("Alihankkijat (muut käsittelijät)", "Sub-processors"),
                if subs.is_empty() {
                    t("ei alihankkijoita", "none").to_string()
                } else {
                    subs.join("; ")
                }
            );
            let transfers: Vec<String> = p
                .transfers
                .iter()
                .map(|x| transfer_ground(x, lang))
                .collect();
            item(
                &mut d,
                t(
                    "Siirrot EU:n tai ETA:n ulkopuolelle",
                    "Transfers outside the EU/EEA",
                ),
                &if transfers.is_empty() {
                    t("ei siirtoja", "none").to_string()
                } else {
                    transfers.join("; ")
                },
            );
            item(
                &mut d,
                t("Turvatoimet", "Security measures"),
                p.security.as_deref().unwrap_or(t(
                    "yleiset turvatoimet (ks. viimeinen luku)",
                    "the general measures (see the last chapter)",
                )),
            );
            d.push('\n');
        }
        no += 1;
    }
    security(&mut d, no, &r.security, lang);
    d
}
