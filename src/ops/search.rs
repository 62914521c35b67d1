//! `search`: finding people by what is known of them, with an audit entry
//! that names the criteria used and never what was searched for.

use super::Who;
use crate::domain::business_id::BusinessId;
use crate::domain::register::Register;
use crate::domain::{email::Email, hetu::Hetu, phone::Phone};
use crate::error::{Error, Problem, Result};
use crate::messages::{D, R};
use crate::store::audit::Entry;
use crate::store::search::{self, Found, Query};
use crate::store::Tx;

/// What to search for: records matching every criterion given.
pub struct SearchOptions<'a> {
    /// Free text: every word must match a name, e-mail, city, … .
    pub text: Option<&'a str>,
    /// Only this register.
    pub register: Option<Register>,
    /// A personal identity code, any valid form.
    pub hetu: Option<&'a str>,
    pub email: Option<&'a str>,
    /// A phone number, Finnish if without a country code.
    pub phone: Option<&'a str>,
    /// A Finnish business id (Y-tunnus).
    pub business_id: Option<&'a str>,
    /// Also ended records.
    pub include_ended: bool,
    /// At most this many records.
    pub limit: usize,
    /// Whether the hetu is shown unmasked (audited as such).
    pub reveal_hetu: bool,
}

/// Checks the criteria and makes them a query: each malformed one named
/// (exit 3), a text of no words refused, the words bounded.
pub fn query(o: &SearchOptions<'_>, who: &Who) -> Result<Query> {
    let mut problems = Vec::new();
    let mut parsed =
        |field: &str, r: std::result::Result<String, crate::domain::ValueError>| match r {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(Problem::new(field, e.0));
                None
            }
        };
    let q = Query {
        words: o
            .text
            .map(|t| search::distinct_words(&search::words_of(t)))
            .unwrap_or_default(),
        register: o.register,
        hetu: o.hetu.and_then(|h| {
            parsed(
                "hetu",
                Hetu::parse(h, who.today).map(|h| h.as_str().to_string()),
            )
        }),
        email_key: o
            .email
            .and_then(|e| parsed("email", e.parse::<Email>().map(|e| e.key()))),
        phone: o.phone.and_then(|p| {
            parsed(
                "phone",
                Phone::parse(p, "FI").map(|p| p.as_str().to_string()),
            )
        }),
        business_id: o.business_id.and_then(|b| {
            parsed(
                "business_id",
                BusinessId::parse(b).map(|b| b.as_str().to_string()),
            )
        }),
        include_ended: o.include_ended,
        limit: o.limit,
        today: who.today_iso(),
    };
    // Bounded (issue #13 item 6); the words themselves are not repeated:
    // they may be a name.
    if q.words.len() > search::MAX_SEARCH_WORDS {
        problems.push(Problem::new(
            "text",
            D::SearchTooManyWords.say(&[&q.words.len(), &search::MAX_SEARCH_WORDS]),
        ));
    }
    if q.words
        .iter()
        .any(|w| w.chars().count() > search::MAX_SEARCH_WORD_CHARS)
    {
        problems.push(Problem::new(
            "text",
            D::SearchWordTooLong.say(&[&search::MAX_SEARCH_WORD_CHARS]),
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    if o.text.is_some() && q.words.is_empty() {
        return Err(Error::invalid("text", R::NothingToSearch));
    }
    Ok(q)
}

/// Runs the query; the audit entry names the records found and the
/// criteria used, by name only (the searched text is personal data).
pub fn search(tx: &Tx<'_>, o: &SearchOptions<'_>, query: &Query) -> Result<(Found, Entry)> {
    let found = search::search(tx, query)?;
    let criteria: Vec<String> = [
        ("text", o.text.is_some()),
        ("hetu", o.hetu.is_some()),
        ("email", o.email.is_some()),
        ("phone", o.phone.is_some()),
        ("business_id", o.business_id.is_some()),
    ]
    .iter()
    .filter(|(_, given)| *given)
    .map(|(n, _)| n.to_string())
    .collect();
    let mut detail = format!("criteria={}", criteria.join("+"));
    if o.reveal_hetu {
        detail.push_str(" reveal-hetu");
    }
    let entry = Entry {
        records: found.records.iter().map(|r| r.id.to_string()).collect(),
        fields: if o.reveal_hetu {
            vec!["hetu".into()]
        } else {
            vec![]
        },
        ..Entry::new("search")
            .rows(found.records.len())
            .detail(detail)
    };
    Ok((found, entry))
}
