//! A register's part of the notice: its purposes and legal bases, the
//! interests weighed, the categories of recipients and sources, its data,
//! the recipients and transfers from the disclosure log, and retention.

use std::collections::BTreeMap;

use super::retention::retention_text;
use super::transfers::transfers;
use super::{
    BasisUse, Category, DeclaredPurpose, FieldLabel, Interest, Named, PurposeUse, Recipient,
    RecipientGroup, RegisterPart, Retention,
};
use crate::domain::basis::Basis;
use crate::domain::fields::fields;
use crate::domain::labels::{self, Group, Lang};
use crate::domain::register::Register;
use crate::error::Result;
use crate::messages::N;
use crate::store::holds as store_holds;
use crate::store::notice as store;
use crate::store::processing;
use crate::store::Tx;

pub(super) fn register_part(
    conn: &Tx<'_>,
    register: Register,
    today: &str,
    lang: Lang,
) -> Result<RegisterPart> {
    let fi = lang == Lang::Fi;
    let texts = store::register_texts(conn, register, fi)?;
    let (purposes, bases) = in_use(conn, register, today, lang)?;
    let (declared, interests) = declared(conn, register, today, lang)?;
    let disclosed = store::disclosures(conn, register)?;
    Ok(RegisterPart {
        register: register.name(),
        title: texts.title,
        records: store::record_count(conn, register)?,
        purposes,
        bases,
        declared,
        interests,
        requirement: processing::requirement(conn, register.name(), fi)?,
        recipient_categories: named(conn, register, "recipient", fi)?,
        source_categories: named(conn, register, "source", fi)?,
        working_life: matches!(register, Register::Employee | Register::Recruitment)
            .then(|| N::DataEmployeesJobApplicants.text(lang).to_string()),
        subjects: texts.subjects,
        data_categories: categories(register, lang),
        data_note: (register == Register::Employee)
            .then(|| N::WhereEmployeeHasFinnish.text(lang).to_string()),
        sources: texts.sources,
        recipients: recipients(&disclosed, lang),
        transfers: transfers(conn, &disclosed, lang)?,
        retention: retention(conn, register, today, lang)?,
    })
}

/// A stored basis name as the notice names it: its title and GDPR article
/// in `lang` (an unknown name is its own title), and its law's title.
fn basis_words(basis: &str, law: Option<&str>, lang: Lang) -> (String, String, Option<String>) {
    let known = Basis::ALL.into_iter().find(|x| x.name() == basis);
    (
        known
            .map(|x| labels::basis_title(x, lang).to_string())
            .unwrap_or_else(|| basis.to_string()),
        known.map(|x| x.article()).unwrap_or_default().to_string(),
        law.map(|l| labels::law(l, lang).to_string()),
    )
}

/// The purposes with a legal basis in use on `today`, and those bases with
/// how many records have each.
fn in_use(
    conn: &Tx<'_>,
    register: Register,
    today: &str,
    lang: Lang,
) -> Result<(Vec<PurposeUse>, Vec<BasisUse>)> {
    let in_use = store::bases_in_use(conn, register, today, lang == Lang::Fi)?;
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
            let (title, article, law) = basis_words(&b.basis, b.law.as_deref(), lang);
            BasisUse {
                title,
                article,
                law,
                basis: b.basis,
                purpose: b.purpose,
                count: b.records,
            }
        })
        .collect();
    Ok((purposes, bases))
}

/// The purposes and bases the register declares, and the legitimate
/// interests: the declared ones, then those recorded with bases in use.
fn declared(
    conn: &Tx<'_>,
    register: Register,
    today: &str,
    lang: Lang,
) -> Result<(Vec<DeclaredPurpose>, Vec<Interest>)> {
    let fi = lang == Lang::Fi;
    let mut declared = Vec::new();
    let mut interests = Vec::new();
    for d in processing::declared_purposes(conn, register.name(), fi)? {
        if let Some(interest) = &d.interest {
            interests.push(Interest {
                purpose: d.purpose.clone(),
                title: d.title.clone(),
                interest: interest.clone(),
            });
        }
        let (basis_title, article, law) = basis_words(&d.basis, d.law.as_deref(), lang);
        declared.push(DeclaredPurpose {
            basis_title,
            article,
            law,
            purpose: d.purpose,
            title: d.title,
            basis: d.basis,
        });
    }
    for (purpose, title, note) in store::interests_in_use(conn, register, today, fi)? {
        if !interests
            .iter()
            .any(|i: &Interest| i.purpose == purpose && i.interest.eq_ignore_ascii_case(&note))
        {
            interests.push(Interest {
                purpose,
                title,
                interest: note,
            });
        }
    }
    Ok((declared, interests))
}

/// The categories of recipients or sources (`kind`) declared for the register.
fn named(conn: &Tx<'_>, register: Register, kind: &str, fi: bool) -> Result<Vec<Named>> {
    Ok(processing::categories(conn)?
        .into_iter()
        .filter(|c| c.kind == kind && c.registers.iter().any(|r| r == register.name()))
        .map(|c| Named {
            title: if fi { c.title_fi } else { c.title_en },
            name: c.name,
        })
        .collect())
}

/// Retention and holds of the register, with the notice's words for them.
fn retention(conn: &Tx<'_>, register: Register, today: &str, lang: Lang) -> Result<Retention> {
    let policy = store_holds::policy(conn, register, lang == Lang::Fi)?;
    let manual_holds = store::manual_holds(conn, register, today)?;
    Ok(Retention {
        text: retention_text(register, &policy, manual_holds, lang),
        retention_months: policy.retention_months,
        hold_months: policy.hold_months,
        hold_overridable: policy.hold_overridable,
        from_year_end: policy.from_year_end,
        ground: policy.ground,
        manual_holds,
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
        label: N::LegalBasesProcessingConsents.text(lang),
    }];
    if marketing {
        kept.push(FieldLabel {
            field: "preferences",
            label: N::DirectMarketingConsentsObjections.text(lang),
        });
    }
    kept.extend([
        FieldLabel {
            field: "corrections",
            label: N::HistoryRectifications.text(lang),
        },
        FieldLabel {
            field: "disclosures",
            label: N::RecordDisclosures.text(lang),
        },
        FieldLabel {
            field: "holds",
            label: N::HoldsRestrictionsProcessing.text(lang),
        },
    ]);
    out.push(Category {
        category: "processing-records",
        title: N::RecordsAboutProcessing.text(lang),
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
