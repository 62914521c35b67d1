//! The one message catalogue (issue #20): every text privreg says to a
//! person, in Finnish, Swedish and English, and the language it says it in.
//!
//! The catalogue is kept as tables, `catalogue/*.tsv`, one per enum and
//! one row per key with its English, Finnish and Swedish text: a
//! translator edits a table (a spreadsheet opens it), and `build.rs`
//! turns each into an enum declared through [`catalogue!`]. The build
//! refuses a row without each text its table has, or whose texts hold different
//! numbered places `{0}`, `{1}`… for what varies (an id, a field's name):
//!
//! - `errors.tsv`: what a failed command says (`M`);
//! - `admin.tsv`: sealing, operators, backup, restore, the store (`A`);
//! - `registers.tsv`: breaches, bases, requests, holds, processing (`R`);
//! - `letters.tsv`: the frames of the letters to a person (`L`);
//! - `system.tsv`: the store, files, output, the clock, terminal prompts
//!   and usage errors (`S`);
//! - `done.tsv`: what a command that worked says, and the words it fills
//!   in (`D`);
//! - `documents.tsv`: the documents written only in Finnish and English,
//!   the privacy notice, the records of processing and the notification
//!   to the Ombudsman (`N`); its texts take a document's language
//!   (`domain::labels::Lang`), and a Swedish reader gets the Finnish;
//! - `headings.tsv` (not an enum): the headings of table columns.
//!
//! The words of codes (`domain::words`), of the rights (`domain::rights`)
//! and a field's name in a message (`domain::names`) need domain types, so
//! they live in `domain/`, which uses this catalogue; nothing here uses
//! `domain`.
//!
//! The language of messages is chosen once per run ([`set_lang`], from
//! `--lang`, `PRIVREG_LANG` or the locale, see [`resolve`]) and read where a
//! message is made, so that `domain/` can word its refusals without
//! knowing the command line. Letters choose their own (the person's).
//! Pure: no I/O here but reading the locale variables in [`resolve`].

use std::fmt;
use std::sync::OnceLock;

/// Declares a catalogue: an enum of keys, each with its English, Finnish
/// and Swedish text, and `text`, `say`, `say_in` to read them.
macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$kmeta:meta])*
                $key:ident { en: $en:literal, fi: $fi:literal, sv: $sv:literal $(,)? }
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$kmeta])* $key ),*
        }

        impl $name {
            /// Every key, for the tests that check the texts.
            #[allow(dead_code)]
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            /// The text in `lang` (a message's language or a document's),
            /// its places unfilled.
            pub fn text(self, lang: impl Into<$crate::messages::Lang>) -> &'static str {
                let lang: $crate::messages::Lang = lang.into();
                match self {
                    $( $name::$key => lang.pick($fi, $sv, $en) ),*
                }
            }

            /// The text in the language of this run, its places filled.
            #[allow(dead_code)]
            pub fn say(self, args: &[&dyn std::fmt::Display]) -> String {
                self.say_in($crate::messages::lang(), args)
            }

            /// The text in `lang`, its places filled.
            #[allow(dead_code)]
            pub fn say_in(
                self,
                lang: impl Into<$crate::messages::Lang>,
                args: &[&dyn std::fmt::Display],
            ) -> String {
                $crate::messages::fill(self.text(lang), args)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.text($crate::messages::lang()))
            }
        }

        impl From<$name> for String {
            fn from(key: $name) -> String {
                key.to_string()
            }
        }
    };
}

// The enums of `catalogue/*.tsv`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

mod done;

/// A language privreg speaks: of its messages, table headers and letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Fi,
    Sv,
    #[default]
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The Finnish, Swedish or English text, by the language.
    pub fn pick<'a>(self, fi: &'a str, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fi => fi,
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// A person's language (a record's `language`, default `fi`) as the
    /// language of a letter to them: theirs where privreg writes it, else
    /// English.
    pub fn of_person(language: Option<&str>) -> Lang {
        match language.map(|l| l.trim().to_lowercase()).as_deref() {
            None | Some("" | "fi") => Lang::Fi,
            Some("sv") => Lang::Sv,
            Some(_) => Lang::En,
        }
    }

    /// The language a locale name (`fi_FI.UTF-8`, `sv_FI`, `C`) is in, when
    /// it is one privreg speaks.
    pub fn of_locale(locale: &str) -> Option<Lang> {
        let l = locale.trim().to_lowercase();
        if l.starts_with("fi") {
            Some(Lang::Fi)
        } else if l.starts_with("sv") {
            Some(Lang::Sv)
        } else if l.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// A date as the language writes it: `26.11.2026` in Finnish and in
    /// Finland-Swedish, `26 November 2026` in English.
    pub fn date(self, date: chrono::NaiveDate) -> String {
        match self {
            Lang::Fi | Lang::Sv => date.format("%-d.%-m.%Y").to_string(),
            Lang::En => date.format("%-d %B %Y").to_string(),
        }
    }

    /// A stored `YYYY-MM-DD` (or an RFC 3339 time, by its date) as
    /// [`Lang::date`] writes it; any other text as it is.
    pub fn date_text(self, text: &str) -> String {
        match text
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            Some(d) if text.len() == 10 => self.date(d),
            Some(d) if text.as_bytes().get(10) == Some(&b'T') => self.date(d),
            _ => text.to_string(),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

static LANG: OnceLock<Lang> = OnceLock::new();

thread_local! {
    /// A language that stands in for [`LANG`] while [`in_english`] runs.
    static OVERRIDE: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Sets the language of this run's messages; the first call wins.
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The language of this run's messages (English until [`set_lang`]).
pub fn lang() -> Lang {
    OVERRIDE
        .with(|o| o.get())
        .unwrap_or_else(|| LANG.get().copied().unwrap_or_default())
}

/// `make` run with English as the language: the audit log's copy of a
/// message said to the operator in another language.
pub fn in_english<T>(make: impl FnOnce() -> T) -> T {
    OVERRIDE.with(|o| {
        let before = o.replace(Some(Lang::En));
        let made = make();
        o.set(before);
        made
    })
}

/// The language of messages: `--lang` or `PRIVREG_LANG` (`given`), else
/// the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: the first one set decides,
/// as POSIX has it) when it is Finnish or Swedish, else English.
pub fn resolve(given: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(l) = given {
        return l;
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| env(k))
        .find(|v| !v.trim().is_empty())
        .and_then(|v| Lang::of_locale(&v))
        .unwrap_or_default()
}

/// A text with its places `{0}`…`{9}` filled from `args`.
pub fn fill(template: &str, args: &[&dyn fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let digit = after.as_bytes().first().copied();
        match (digit, after.as_bytes().get(1)) {
            (Some(d @ b'0'..=b'9'), Some(b'}')) => {
                if let Some(arg) = args.get(usize::from(d - b'0')) {
                    out.push_str(&arg.to_string());
                }
                rest = &after[2..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The numbered places a text holds, sorted.
#[cfg(test)]
pub(crate) fn places(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out: Vec<u8> = b
        .windows(3)
        .filter(|w| w[0] == b'{' && w[1].is_ascii_digit() && w[2] == b'}')
        .map(|w| w[1])
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The headings of table columns: `English<TAB>Finnish<TAB>Swedish`, one
/// per line. A data file rather than catalogue keys: a table's columns are
/// named in English where the command declares them (`output::Column`),
/// and the table is what a translator edits.
const HEADINGS: &str = include_str!("headings.tsv");

/// A column's heading in the language of this run: `english` as the
/// command declared it, translated through [`HEADINGS`]; a heading the
/// file does not know (a column named by the data, as `export`'s keys)
/// stays as it is.
pub fn heading(english: &str) -> &str {
    let lang = lang();
    if lang == Lang::En {
        return english;
    }
    table_rows(HEADINGS)
        .find(|[key, _, _]| *key == english)
        .map_or(english, |[_, fi, sv]| lang.pick(fi, sv, english))
}

/// The rows of a translation table kept as a data file, a key and two
/// words per line, tab-separated: [`HEADINGS`] and the notice's labels
/// (`domain/labels/*.tsv`). A line without three cells is no row;
/// [`assert_table_well_formed`] keeps the files free of such lines.
pub fn table_rows(text: &'static str) -> impl Iterator<Item = [&'static str; 3]> {
    text.lines().filter_map(|line| {
        let mut cells = line.split('\t');
        Some([cells.next()?, cells.next()?, cells.next()?])
    })
}

/// Panics unless every line of the table `text` is a key and two words,
/// none empty or padded, each key once: a stray tab or a missing word
/// would drop or shift a row.
#[cfg(test)]
pub(crate) fn assert_table_well_formed(text: &str) {
    assert!(text.ends_with('\n') && !text.contains('\r'));
    let mut seen = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 3, "{line:?}");
        assert!(
            cells.iter().all(|c| !c.is_empty() && c.trim() == *c),
            "{line:?}"
        );
        assert!(!seen.contains(&cells[0]), "{} twice", cells[0]);
        seen.push(cells[0]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every heading has its three words, none empty, each English once.
    #[test]
    fn headings_are_well_formed() {
        assert_table_well_formed(HEADINGS);
    }

    #[test]
    fn a_key_says_its_text_with_its_places_filled() {
        assert_eq!(
            S::SamePerson.say_in(Lang::En, &[&"C-1 and C-2", &"hetu"]).lines().next(),
            Some("after the restore C-1 and C-2 would be the same person (the same hetu): nothing was restored")
        );
    }

    #[test]
    fn places_are_filled_in_order_and_braces_kept() {
        assert_eq!(fill("{1} and {0}", &[&"a", &2]), "2 and a");
        assert_eq!(fill("a {x} {", &[]), "a {x} {");
        assert_eq!(fill("{0}{0}", &[&"é"]), "éé");
        assert_eq!(fill("{5}", &[&1]), "");
    }

    #[test]
    fn every_key_has_the_same_places_in_each_language() {
        fn check(name: &str, texts: [&str; 3]) {
            let p = places(texts[0]);
            for t in &texts[1..] {
                assert_eq!(places(t), p, "{name}: {texts:?}");
            }
            for t in texts {
                assert!(!t.trim().is_empty(), "{name} has an empty text");
            }
        }
        let all = every_key();
        assert!(all.len() > 300, "every table was read: {}", all.len());
        for (name, [en, fi, sv]) in all {
            check(&name, [en, fi, sv]);
        }
    }

    #[test]
    fn the_locale_decides_when_no_language_is_given() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(resolve(None, env(&[("LANG", "fi_FI.UTF-8")])), Lang::Fi);
        assert_eq!(resolve(None, env(&[("LANG", "sv_FI.UTF-8")])), Lang::Sv);
        assert_eq!(resolve(None, env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
        assert_eq!(resolve(None, env(&[])), Lang::En);
        // LC_ALL before LC_MESSAGES before LANG, as POSIX has it.
        assert_eq!(
            resolve(None, env(&[("LC_ALL", "C"), ("LANG", "fi_FI.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            resolve(None, env(&[("LC_MESSAGES", "sv_FI"), ("LANG", "fi_FI")])),
            Lang::Sv
        );
        assert_eq!(
            resolve(Some(Lang::En), env(&[("LANG", "fi_FI.UTF-8")])),
            Lang::En
        );
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(Lang::Fi.date(d), "26.11.2026");
        assert_eq!(Lang::Sv.date(d), "26.11.2026");
        assert_eq!(Lang::En.date(d), "26 November 2026");
        assert_eq!(Lang::En.date_text("2026-03-01T10:00:00Z"), "1 March 2026");
        assert_eq!(Lang::Fi.date_text("not a date"), "not a date");
    }

    #[test]
    fn languages_parse_by_code_and_name() {
        assert_eq!("SV".parse::<Lang>().unwrap(), Lang::Sv);
        assert_eq!("suomi".parse::<Lang>().unwrap(), Lang::Fi);
        assert!("de".parse::<Lang>().is_err());
        assert_eq!(Lang::of_person(Some("sv")), Lang::Sv);
        assert_eq!(Lang::of_person(None), Lang::Fi);
        assert_eq!(Lang::of_person(Some("de")), Lang::En);
    }
}
