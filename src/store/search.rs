//! `search`: records by words of their names, e-mail, city and
//! organisation (the `records_search` text index, kept in step with
//! `records` by triggers) and by exact identifiers.

use std::cell::RefCell;
use std::collections::HashSet;

use postgres::types::{ToSql, Type};
use postgres::Client;

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
/// On a server see [`server_search`].
pub fn search(conn: &impl super::On, q: &Query) -> Result<Found> {
    let mut records = match super::tx::db(conn) {
        super::tx::Db::File(_) => run(conn, &file_query(q))?,
        super::tx::Db::Server(client) => server_search(conn, client, q)?,
    };
    let more = records.len() > q.limit;
    records.truncate(q.limit);
    // By name (bytewise, as SQLite's BINARY collation), then age.
    fn order(r: &Record) -> (Option<&str>, Option<&str>, super::RecordKey) {
        (r.get("last_name"), r.get("first_name"), r.key)
    }
    records.sort_by(|a, b| order(a).cmp(&order(b)));
    Ok(Found { records, more })
}

fn run(conn: &impl super::On, sql: &Sql) -> Result<Vec<Record>> {
    let params: Vec<&dyn super::sql::Param> = sql.args.iter().map(|a| a as _).collect();
    super::sql::rows(conn, &sql.text, &params, read)
}

/// A query and its text arguments, built clause by clause: each `?` of a
/// clause becomes the next `?N`.
#[derive(Default)]
struct Sql {
    text: String,
    args: Vec<String>,
}

impl Sql {
    /// The records, as `r`, to which criteria are added (`AND …`).
    fn records() -> Sql {
        let mut sql = Sql::default();
        sql.push(&format!(
            "SELECT {} FROM records r WHERE 1 = 1",
            select_list()
        ));
        sql
    }

    fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn arg(&mut self, clause: &str, value: String) {
        self.args.push(value);
        self.push(&clause.replace('?', &format!("?{}", self.args.len())));
    }

    /// Each folded word as a word prefix of the records' `search_words`.
    fn words(&mut self, folded: &[String]) {
        for word in folded {
            self.arg(
                " AND r.search_words LIKE ?",
                format!("% {}%", like_escaped(word)),
            );
        }
    }

    /// Every criterion of `q` but the words, on the records as `r`.
    fn filters(&mut self, q: &Query) {
        if let Some(register) = q.register {
            self.arg(" AND r.register = ?", register.name().to_string());
        }
        for (clause, value) in [
            (" AND r.hetu = ?", &q.hetu),
            (" AND r.email_key = ?", &q.email_key),
            (" AND r.phone = ?", &q.phone),
            (" AND r.business_id = ?", &q.business_id),
        ] {
            if let Some(v) = value {
                self.arg(clause, v.clone());
            }
        }
        if !q.include_ended {
            self.arg(
                " AND (r.ended_on IS NULL OR r.ended_on > ?)",
                q.today.clone(),
            );
        }
    }

    /// The newest `limit + 1` rows by `key`.
    fn newest(&mut self, key: &str, q: &Query) {
        self.push(&format!(" ORDER BY {key} DESC LIMIT {}", q.limit + 1));
    }
}

/// On a file the words are looked up in the FTS5 index, which drives the
/// loop (CROSS JOIN: SQLite keeps it the outer one) newest first.
fn file_query(q: &Query) -> Sql {
    if q.words.is_empty() {
        let mut sql = Sql::records();
        sql.filters(q);
        sql.newest("r.rowid", q);
        sql
    } else {
        let mut sql = Sql::default();
        sql.push(&format!("SELECT {} FROM ", select_list()));
        let terms: Vec<String> = q.words.iter().map(|w| format!("\"{w}\"*")).collect();
        sql.push(
            "records_search CROSS JOIN records r ON r.rowid = records_search.rowid WHERE 1 = 1",
        );
        sql.arg(" AND records_search MATCH ?", terms.join(" "));
        sql.filters(q);
        sql.newest("records_search.rowid", q);
        sql
    }
}

/// Below this many (word, record) pairs a word is "rare": its records are
/// found from the word index (`record_words`), not by reading the records
/// newest first. Measured on 1,000,000 generated customers (README): the
/// index's pairs cost about 0.35 µs each to read (to count them, and again
/// to find a rare word's records), reading records about 1 to 2 µs each.
/// A word with 20,000 pairs is in about 2% of the records: reading newest
/// first finds 51 of them in about 2,500 records, a few ms, as does
/// counting to 20,000; a rarer word is faster from the index. The bound is
/// that high for searches of two words: "matti virtanen" intersects the
/// pairs of both (14,000 and 6,000, 10 ms); with the bound at 10,000 the
/// 4,500 Virtanens were each read to look for Matti, 25 ms more.
const RARE_WORD: i64 = 20_000;

/// `PRIVREG_TEST_SEARCH_RARE_WORD=N` sets [`RARE_WORD`] (builds with debug
/// assertions only), so that a test's few records take either way.
fn rare_word() -> i64 {
    if !cfg!(debug_assertions) {
        return RARE_WORD;
    }
    std::env::var("PRIVREG_TEST_SEARCH_RARE_WORD")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(RARE_WORD)
}

/// A server's search (migrations/pg/040_record_words.sql), by the words
/// folded as `search_words` is (`fold()`: lower case without diacritics):
/// 1. each word's records are read from the word index, at most
///    [`RARE_WORD`] pairs each; a word with that many is common;
/// 2. when some word is rare, the records that have every rare word (those
///    lists, intersected) are looked up newest first and each is checked
///    for the other words, until `limit + 1` match ([`by_candidates`]);
/// 3. when every word is common, the records are read newest first until
///    `limit + 1` match, which a word in 2% of them makes soon. Common
///    words that seldom meet in one record read far ("juha espoo", 0.1%
///    of a million: 86 ms; two cities, none: 140 to 170 ms). Reading the
///    newest 5,000 first and then the words' whole lists was no better
///    (100 ms for "juha espoo": a list costs about 1 µs a pair to send).
///
/// Either way a match is decided by the same test, `search_words LIKE
/// '% word%'`, so the answers are a file's. With an exact identifier (a
/// hetu, an e-mail …) its own index finds the few records to check.
fn server_search(
    conn: &impl super::On,
    client: &RefCell<Client>,
    q: &Query,
) -> Result<Vec<Record>> {
    let folded = fold(conn, &q.words)?;
    let by_identifier =
        q.hetu.is_some() || q.email_key.is_some() || q.phone.is_some() || q.business_id.is_some();
    if folded.is_empty() || by_identifier {
        return newest_first(conn, q, &folded);
    }
    let rare: Vec<Vec<i64>> = word_lists(client, &folded, rare_word())?
        .into_iter()
        .flatten()
        .collect();
    if rare.is_empty() {
        return newest_first(conn, q, &folded);
    }
    by_candidates(conn, q, &folded, &intersection(rare))
}

/// The newest `limit + 1` records that match every word and criterion,
/// read newest first.
fn newest_first(conn: &impl super::On, q: &Query, folded: &[String]) -> Result<Vec<Record>> {
    let mut sql = Sql::records();
    sql.words(folded);
    sql.filters(q);
    sql.newest("r.rowid", q);
    run(conn, &sql)
}

/// Each word's records from the word index, in one query; `None` for a
/// word with `cap` pairs or more (that list is not sent).
fn word_lists(
    client: &RefCell<Client>,
    folded: &[String],
    cap: i64,
) -> Result<Vec<Option<Vec<i64>>>> {
    let lists: Vec<String> = (1..=folded.len())
        .map(|i| {
            format!(
                "(SELECT CASE WHEN cardinality(l) < {cap} THEN l END FROM (SELECT ARRAY( \
                   SELECT record FROM privreg.record_words WHERE word LIKE ${i} LIMIT {cap}) l) s)"
            )
        })
        .collect();
    let prefixes: Vec<String> = folded.iter().map(|w| index_prefix(w)).collect();
    let typed: Vec<_> = prefixes
        .iter()
        .map(|p| (p as &(dyn ToSql + Sync), Type::TEXT))
        .collect();
    let row = client
        .borrow_mut()
        .query_typed_one(&format!("SELECT {}", lists.join(", ")), &typed)?;
    Ok((0..folded.len())
        .map(|i| row.try_get::<_, Option<Vec<i64>>>(i))
        .collect::<std::result::Result<Vec<_>, _>>()?)
}

/// The records in every list, newest first, each once.
fn intersection(mut lists: Vec<Vec<i64>>) -> Vec<i64> {
    // the shortest first: every other list only narrows it
    lists.sort_by_key(Vec::len);
    let Some((first, others)) = lists.split_first() else {
        return Vec::new();
    };
    let others: Vec<HashSet<i64>> = others.iter().map(|l| l.iter().copied().collect()).collect();
    let mut records: Vec<i64> = first
        .iter()
        .copied()
        .filter(|r| others.iter().all(|o| o.contains(r)))
        .collect();
    records.sort_unstable_by(|a, b| b.cmp(a));
    records.dedup();
    records
}

/// The newest `limit + 1` of `candidates` (newest first) that match every
/// word and criterion, looked up a batch at a time: four times `limit + 1`
/// first (usually all it takes), then as many as the share that matched so
/// far says are needed, and a quarter more (four times as many when none
/// matched).
fn by_candidates(
    conn: &impl super::On,
    q: &Query,
    folded: &[String],
    candidates: &[i64],
) -> Result<Vec<Record>> {
    let mut found = Vec::new();
    let mut batch = 4 * (q.limit + 1);
    let mut rest = candidates;
    let mut looked = 0;
    while !rest.is_empty() && found.len() <= q.limit {
        let (now, later) = rest.split_at(batch.min(rest.len()));
        // the batch as an array literal: a few hundred numbers, the one
        // argument that is not text, so the query goes as every other
        let ids: Vec<String> = now.iter().map(i64::to_string).collect();
        let mut sql = Sql::records();
        sql.arg(
            " AND r.rowid = ANY(?::bigint[])",
            format!("{{{}}}", ids.join(",")),
        );
        sql.words(folded);
        sql.filters(q);
        sql.push(&format!(
            " ORDER BY r.rowid DESC LIMIT {}",
            q.limit + 1 - found.len()
        ));
        found.extend(run(conn, &sql)?);
        looked += now.len();
        rest = later;
        let still = (q.limit + 1).saturating_sub(found.len());
        batch = match found.len() {
            0 => batch * 4,
            matched => (still * looked / matched) * 5 / 4 + 1,
        };
    }
    Ok(found)
}

/// The words as `search_words` holds them (`fold()`). An ASCII word is its
/// lower case, as `fold` gives: unaccent's rules map only other
/// characters. Others are folded by the server in one query (its first
/// `fold()` in a connection loads unaccent's rules, a few ms, which an
/// ASCII search does without).
fn fold(conn: &impl super::On, words: &[String]) -> Result<Vec<String>> {
    let other: Vec<&String> = words.iter().filter(|w| !w.is_ascii()).collect();
    let mut folded_other = if other.is_empty() {
        Vec::new()
    } else {
        let list: Vec<String> = (1..=other.len()).map(|i| format!("fold(?{i})")).collect();
        let params: Vec<&dyn super::sql::Param> = other.iter().map(|w| *w as _).collect();
        let row = super::sql::row(conn, &format!("SELECT {}", list.join(", ")), &params, |r| {
            (0..other.len())
                .map(|i| r.get::<String>(i))
                .collect::<Result<Vec<_>>>()
        })?;
        row.unwrap_or_default()
    }
    .into_iter();
    Ok(words
        .iter()
        .map(|w| {
            if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                folded_other.next().unwrap_or_default()
            }
        })
        .collect())
}

/// A folded word as a prefix of the index's words, which are cut to
/// [`MAX_SEARCH_WORD_CHARS`] (a longer word, which unaccent's expansions
/// can make, matches what its beginning matches, and `search_words`
/// decides).
fn index_prefix(folded: &str) -> String {
    let cut: String = folded.chars().take(MAX_SEARCH_WORD_CHARS).collect();
    format!("{}%", like_escaped(&cut))
}

/// `text` matched literally by LIKE (its default escape, the backslash).
/// A search word is letters and digits, but what `fold()` makes of one is
/// not checked here.
fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
