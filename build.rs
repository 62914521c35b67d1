//! Builds the message catalogue (src/messages/mod.rs) from its tables,
//! `src/messages/catalogue/*.tsv`: one enum per table, one key per row with
//! its English, Finnish and Swedish text. A translator edits a table (a
//! spreadsheet opens it); the program gets typed keys, so a message that
//! is used but not in a table, or a row without its Swedish, does not
//! build.
//!
//! A table's form, checked here with the file and line of any fault:
//! - lines starting with `#` are notes for the translator; a note right
//!   before a row becomes that key's documentation;
//! - the first other line is `enum<TAB>NAME<TAB>what its keys are`;
//! - the next is the heading `key<TAB>en<TAB>fi<TAB>sv`, or `key<TAB>en<TAB>fi`
//!   for a table of a document written only in Finnish and English (the
//!   notice, the record of processing, the Ombudsman's form: the law and
//!   the authority's form exist in those; a Swedish reader gets the
//!   Finnish, as `Lang::document` says);
//! - then one row per key: a Rust name and a text per language of the
//!   heading, each non-empty and holding the same places `{0}`, `{1}`…;
//!   `\n` in a text is a line break and `\\` a backslash (a text holds no
//!   tab).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const TABLES: &str = "src/messages/catalogue";

fn main() {
    println!("cargo::rerun-if-changed={TABLES}");
    let mut files: Vec<PathBuf> = std::fs::read_dir(TABLES)
        .unwrap_or_else(|e| panic!("{TABLES}: {e}"))
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut code = String::new();
    let mut enums = Vec::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let table = parse(file, &text).unwrap_or_else(|e| panic!("{e}"));
        table.write(&mut code);
        enums.push(table.name);
    }
    write_every_key(&mut code, &enums);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("catalogue.rs"), code).expect("the generated catalogue is written");
}

struct Table {
    name: String,
    doc: String,
    rows: Vec<Row>,
}

struct Row {
    doc: Vec<String>,
    key: String,
    /// English, Finnish and Swedish; in a table without Swedish, the
    /// Finnish twice.
    texts: [String; 3],
}

fn parse(file: &Path, text: &str) -> Result<Table, String> {
    let at = |line: usize, why: &str| format!("{}:{}: {why}", file.display(), line + 1);
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let mut notes: Vec<String> = Vec::new();
    let mut next = |notes: &mut Vec<String>| {
        for (n, line) in lines.by_ref() {
            match line.strip_prefix('#') {
                Some(note) => notes.push(note.trim().to_string()),
                None => return Some((n, line)),
            }
        }
        None
    };
    let (n, line) = next(&mut notes).ok_or_else(|| at(0, "no `enum` line"))?;
    let (name, doc) = match line.split('\t').collect::<Vec<_>>()[..] {
        ["enum", name, doc] if is_name(name) => (name.to_string(), doc.to_string()),
        _ => return Err(at(n, "expected `enum<TAB>NAME<TAB>what its keys are`")),
    };
    notes.clear();
    let (n, line) = next(&mut notes).ok_or_else(|| at(n, "no heading"))?;
    let swedish = match line {
        "key\ten\tfi\tsv" => true,
        "key\ten\tfi" => false,
        _ => {
            return Err(at(
                n,
                "expected the heading `key<TAB>en<TAB>fi<TAB>sv` or `key<TAB>en<TAB>fi`",
            ))
        }
    };
    notes.clear();
    let mut rows = Vec::new();
    let mut keys = BTreeSet::new();
    while let Some((n, line)) = next(&mut notes) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (key, en, fi, sv) = match (swedish, &cells[..]) {
            (true, &[key, en, fi, sv]) => (key, en, fi, sv),
            (false, &[key, en, fi]) => (key, en, fi, fi),
            _ => {
                let expected = if swedish {
                    "4 (key, en, fi, sv)"
                } else {
                    "3 (key, en, fi)"
                };
                return Err(at(
                    n,
                    &format!("{} cells, expected {expected}", cells.len()),
                ));
            }
        };
        if !is_name(key) || !keys.insert(key.to_string()) {
            return Err(at(n, &format!("`{key}` is not a new Rust name")));
        }
        let text = |cell: &str| unescape(cell).map_err(|why| at(n, &why));
        let texts = [text(en)?, text(fi)?, text(sv)?];
        if texts.iter().any(|t| t.trim().is_empty()) {
            return Err(at(n, &format!("{key} has an empty text")));
        }
        if places(&texts[1]) != places(&texts[0]) || places(&texts[2]) != places(&texts[0]) {
            return Err(at(
                n,
                &format!("{key}: the texts have different places {{0}}…"),
            ));
        }
        rows.push(Row {
            doc: std::mem::take(&mut notes),
            key: key.to_string(),
            texts,
        });
    }
    Ok(Table { name, doc, rows })
}

impl Table {
    fn write(&self, code: &mut String) {
        let _ = writeln!(
            code,
            "catalogue! {{\n    #[doc = {:?}]\n    pub enum {} {{",
            self.doc, self.name
        );
        for row in &self.rows {
            for doc in &row.doc {
                let _ = writeln!(code, "        #[doc = {doc:?}]");
            }
            let [en, fi, sv] = &row.texts;
            let _ = writeln!(
                code,
                "        {} {{ en: {en:?}, fi: {fi:?}, sv: {sv:?} }},",
                row.key
            );
        }
        let _ = writeln!(code, "    }}\n}}\n");
    }
}

/// `every_key`, for the tests of the catalogue: each key of each enum
/// with its texts in English, Finnish and Swedish.
fn write_every_key(code: &mut String, enums: &[String]) {
    code.push_str(
        "/// Every key of every catalogue with its English, Finnish and Swedish texts.\n\
         #[cfg(test)]\n\
         pub(crate) fn every_key() -> Vec<(String, [&'static str; 3])> {\n\
         \x20   let mut all = Vec::new();\n",
    );
    for name in enums {
        let _ = writeln!(
            code,
            "    all.extend({name}::ALL.iter().map(|k| (format!(\"{name}::{{k:?}}\"), [Lang::En, Lang::Fi, Lang::Sv].map(|l| k.text(l)))));"
        );
    }
    code.push_str("    all\n}\n");
}

fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A cell's text: `\n` a line break, `\\` a backslash, nothing else escaped.
fn unescape(cell: &str) -> Result<String, String> {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            other => {
                return Err(format!(
                    "unknown escape \\{} in {cell:?}",
                    other.unwrap_or(' ')
                ))
            }
        }
    }
    Ok(out)
}

/// The places `{N}` of a text, sorted, each once.
fn places(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .collect()
}
