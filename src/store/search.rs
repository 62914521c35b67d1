//! `search`: records by words of their names, e-mail, city and
//! organisation (the `records_search` text index, kept in step with
//! `records` by triggers) and by exact identifiers.

use super::records::{read, select_list, Record};
use crate::domain::register::Register;
use crate::error::Result;

/// What `search` looks for; every given criterion must match.
#[derive(Debug, Default)]
pub struct Query {
    /// Words matched by prefix over names, e-mail, city and organisation.
    pub words: Vec<String>,
    pub register: Option<Register>,
    pub hetu: Option<String>,
    pub email_key: Option<String>,
    pub phone: Option<String>,
    pub business_id: Option<String>,
    pub include_ended: bool,
    pub limit: usize,
    /// ISO date: records whose end date has come are ended.
    pub today: String,
}

/// The words of a search text as FTS5 prefix terms. The text is split the
/// way the index's tokenizer splits (on anything that is not a letter or a
/// digit), and each word is quoted, so no user text is read as FTS syntax.
pub fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// At most this many distinct words in one search text (issue #13 item 6:
/// each word is one more index scan; 2,000 of them took minutes and held
/// everyone else up). A name, an e-mail, a city and an organisation are
/// far fewer.
pub const MAX_SEARCH_WORDS: usize = 16;

/// The longest search word, in characters: no indexed name or address
/// word is longer, and a longer one could only match nothing.
pub const MAX_SEARCH_WORD_CHARS: usize = 64;

/// The words that decide a search: each word once (without regard to
/// case), and without a word that begins another one, which a record
/// matching the longer word matches anyway (every word is a prefix term,
/// and all must match). Sorted, which changes nothing in an AND.
pub fn distinct_words(words: &[String]) -> Vec<String> {
    let mut lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    lower.sort_unstable();
    lower.dedup();
    // In sorted order a word that begins any other begins the next one.
    let keep: Vec<bool> = (0..lower.len())
        .map(|i| {
            lower
                .get(i + 1)
                .is_none_or(|next| !next.starts_with(&lower[i]))
        })
        .collect();
    lower
        .into_iter()
        .zip(keep)
        .filter_map(|(w, k)| k.then_some(w))
        .collect()
}

/// What a search found: at most `limit` records, sorted by name, and
/// whether more matched than were returned.
pub struct Found {
    pub records: Vec<Record>,
    pub more: bool,
}

/// Records matching `q`: the `limit` most recently added matches, sorted
/// by last name, first name and age.
///
/// Why the newest and not the first by name: sorting every match by name
/// reads every matching row, one page each. A common surname among a
/// million people is thousands of pages; in a sealed register each page is
/// also decrypted and authenticated (SQLCipher with OpenSSL 3, ~13 µs a
/// page), which took a one-word search past 70 ms. Taking the matches
/// newest first lets SQLite stop after `limit + 1` rows (the text index
/// drives the loop, in descending rowid order), so a search reads about
/// `limit` rows whatever the register's size. When no more than `limit`
/// match, which is what an office search usually means, the answer is
/// every match sorted by name, as before; when more match, `more` says so
/// and the caller tells the user to narrow the search.
///
/// On a server the words are looked up in the trigram index of each
/// record's folded words (`search_words`, migrations/pg/001_schema.sql):
/// one `LIKE '% word%'` per word, the word folded by the same `fold()`.
pub fn search(conn: &impl super::On, q: &Query) -> Result<Found> {
    let server = matches!(super::tx::db(conn), super::tx::Db::Server(_));
    // CROSS JOIN: SQLite keeps the text index as the outer loop.
    let mut sql = format!("SELECT {} FROM ", select_list());
    let mut args: Vec<String> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, value: String| {
        args.push(value);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    let newest = if q.words.is_empty() || server {
        sql.push_str("records r WHERE 1 = 1");
        for w in q.words.iter().filter(|_| server) {
            // Words hold letters and digits only (words_of): no % or _.
            // An ASCII word is folded here: `fold` (lower of unaccent) of
            // ASCII is its lower case, as unaccent's rules map only other
            // characters; asking the server would load unaccent's
            // dictionary into the connection, a few ms of every search.
            if w.is_ascii() {
                let folded = w.to_ascii_lowercase();
                arg(
                    &mut sql,
                    " AND r.search_words LIKE '% ' || ? || '%'",
                    folded,
                );
            } else {
                arg(
                    &mut sql,
                    " AND r.search_words LIKE '% ' || fold(?) || '%'",
                    w.clone(),
                );
            }
        }
        "r.rowid"
    } else {
        let terms: Vec<String> = q.words.iter().map(|w| format!("\"{w}\"*")).collect();
        sql.push_str(
            "records_search CROSS JOIN records r ON r.rowid = records_search.rowid WHERE 1 = 1",
        );
        arg(&mut sql, " AND records_search MATCH ?", terms.join(" "));
        "records_search.rowid"
    };
    if let Some(register) = q.register {
        arg(&mut sql, " AND r.register = ?", register.name().to_string());
    }
    if let Some(h) = &q.hetu {
        arg(&mut sql, " AND r.hetu = ?", h.clone());
    }
    if let Some(e) = &q.email_key {
        arg(&mut sql, " AND r.email_key = ?", e.clone());
    }
    if let Some(p) = &q.phone {
        arg(&mut sql, " AND r.phone = ?", p.clone());
    }
    if let Some(b) = &q.business_id {
        arg(&mut sql, " AND r.business_id = ?", b.clone());
    }
    if !q.include_ended {
        arg(
            &mut sql,
            " AND (r.ended_on IS NULL OR r.ended_on > ?)",
            q.today.clone(),
        );
    }
    sql.push_str(&format!(" ORDER BY {newest} DESC LIMIT {}", q.limit + 1));
    let params: Vec<&dyn super::sql::Param> = args.iter().map(|a| a as _).collect();
    let mut records = super::sql::rows(conn, &sql, &params, read)?;
    let more = records.len() > q.limit;
    records.truncate(q.limit);
    // By name (bytewise, as SQLite's BINARY collation), then age.
    fn order(r: &Record) -> (Option<&str>, Option<&str>, super::RecordKey) {
        (r.get("last_name"), r.get("first_name"), r.key)
    }
    records.sort_by(|a, b| order(a).cmp(&order(b)));
    Ok(Found { records, more })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_like_the_tokenizer_and_quotes_cannot_escape() {
        assert_eq!(words_of("Mäkinen, matti"), vec!["Mäkinen", "matti"]);
        assert_eq!(words_of("a\"b OR c*"), vec!["a", "b", "OR", "c"]);
        assert!(words_of("@@ --").is_empty());
        let words = |t: &str| distinct_words(&words_of(t));
        assert_eq!(words("a A a"), vec!["a"]);
        assert_eq!(words("Mäki mäkinen MATTI m"), vec!["matti", "mäkinen"]);
        assert_eq!(words("ab abc b"), vec!["abc", "b"]);
        assert_eq!(words(&"a ".repeat(2000)), vec!["a"]);
    }
}
