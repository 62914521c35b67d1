//! Tables that fit the terminal (SPEC §12, issue #20 point 3).
//!
//! On a terminal a table is made as wide as the window at most: prose
//! columns (names, e-mail, reasons) wrap, identifiers (ids, hetus, phones,
//! dates, times) never break, and when even that is too wide the columns
//! of least use are left out, one at a time, and named on stderr. Piped or
//! redirected, a table is never wrapped: each row stays one line for
//! `grep` and `cut`.

use comfy_table::{
    presets, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width as ColumnWidth,
};

/// One cell of a table: its text and, on a terminal that allows colour,
/// the colour it asks for.
pub struct TableCell {
    pub text: String,
    pub colour: Option<Color>,
}

/// A cell is an identifier when it is one word with a digit no longer
/// than this: breaking it would split a phone or a hetu (`+35845│070263│5`).
const LONGEST_IDENTIFIER: usize = 24;

/// A column that may wrap is not squeezed narrower than this (or its
/// content, or the longest word of its heading).
const NARROWEST: usize = 12;

/// Columns left out first, in this order, when a table cannot fit: a row
/// is still recognisable without them.
const LEAST_USEFUL: &[&str] = &[
    "organisation",
    "register",
    "city",
    "extended",
    "outcome",
    "law",
    "note",
    "flag",
    "status",
];

/// The width of the terminal stdout is, or `None` when stdout is not a
/// terminal (a pipe, a file): then tables are not wrapped at all.
pub fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    // comfy-table asks the terminal (TIOCGWINSZ) when stdout is one.
    Table::new().width().filter(|w| *w >= 20)
}

/// A table of `rows` under `headers` (heading and row key of each column;
/// the headings shown if `show_header`), fitted to `width` when given. `styled`: colours are shown (a terminal without
/// NO_COLOR). Returns the table and the headers of the columns left out.
pub fn render(
    headers: &[(String, String)],
    show_header: bool,
    rows: &[Vec<TableCell>],
    width: Option<u16>,
    styled: bool,
) -> (String, Vec<String>) {
    let all: Vec<usize> = (0..headers.len()).collect();
    let Some(width) = width else {
        return (
            build(headers, show_header, rows, &all, None, styled).to_string(),
            vec![],
        );
    };
    let mut shown = all;
    let mut left_out = Vec::new();
    loop {
        let text = build(headers, show_header, rows, &shown, Some(width), styled).to_string();
        let widest = text.lines().map(visible_width).max().unwrap_or(0);
        if widest <= usize::from(width) || shown.len() <= 1 {
            return (text, left_out);
        }
        let Some(drop) = least_useful(headers, rows, &shown) else {
            return (text, left_out);
        };
        shown.retain(|&c| c != drop);
        left_out.push(headers[drop].0.clone());
    }
}

/// The shown column to leave out next: an empty one, else the first of
/// [`LEAST_USEFUL`], else the rightmost prose column, else the rightmost
/// column; never the first (the id).
fn least_useful(
    headers: &[(String, String)],
    rows: &[Vec<TableCell>],
    shown: &[usize],
) -> Option<usize> {
    let candidates = shown.get(1..).unwrap_or_default();
    let empty = |c: usize| rows.iter().all(|r| r[c].text.trim().is_empty());
    if let Some(&c) = candidates.iter().find(|&&c| empty(c)) {
        return Some(c);
    }
    for name in LEAST_USEFUL {
        if let Some(&c) = candidates.iter().find(|&&c| headers[c].1 == *name) {
            return Some(c);
        }
    }
    candidates
        .iter()
        .rev()
        .find(|&&c| !is_identifier_column(rows, c))
        .or_else(|| candidates.last())
        .copied()
}

/// The characters of a line a terminal shows: colour codes (`ESC [ … m`)
/// take no room.
fn visible_width(line: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for c in line.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (false, _) => width += 1,
            (true, 'm') => in_escape = false,
            (true, _) => {}
        }
    }
    width
}

fn longest(rows: &[Vec<TableCell>], c: usize) -> usize {
    rows.iter()
        .flat_map(|r| r[c].text.lines())
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

/// A time as tables show it (`2026-11-24 16:05`): one identifier too.
fn is_local_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 16
        && b[10] == b' '
        && b[13] == b':'
        && text
            .bytes()
            .enumerate()
            .all(|(i, c)| matches!(i, 4 | 7 | 10 | 13) || c.is_ascii_digit())
}

/// Every cell of the column is empty or an identifier: one short word
/// with a digit in it (an id, a hetu, a phone, a date, a postal code, a
/// business id, a customer number) or a time. Names, e-mail addresses and
/// words such as `active` may wrap.
fn is_identifier_column(rows: &[Vec<TableCell>], c: usize) -> bool {
    rows.iter().all(|r| {
        let t = r[c].text.as_str();
        t.is_empty()
            || is_local_time(t)
            || (!t.contains(char::is_whitespace)
                && t.chars().count() <= LONGEST_IDENTIFIER
                && t.contains(|ch: char| ch.is_ascii_digit()))
    })
}

fn build(
    headers: &[(String, String)],
    show_header: bool,
    rows: &[Vec<TableCell>],
    shown: &[usize],
    width: Option<u16>,
    styled: bool,
) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    // Colour and the terminal's width are decided here, not by comfy-table
    // (which would take both from whether stdout is a terminal).
    t.force_no_tty();
    if styled {
        t.enforce_styling();
    }
    if show_header {
        t.set_header(shown.iter().map(|&c| Cell::new(&headers[c].0)));
    }
    for row in rows {
        t.add_row(shown.iter().map(|&c| {
            let cell = Cell::new(&row[c].text);
            match (row[c].colour, styled) {
                (Some(colour), true) => cell.fg(colour),
                _ => cell,
            }
        }));
    }
    match width {
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
        Some(width) => {
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
            for (i, &c) in shown.iter().enumerate() {
                let widest = longest(rows, c);
                let constraint = if is_identifier_column(rows, c) {
                    ColumnConstraint::ContentWidth
                } else {
                    let header = headers[c]
                        .0
                        .split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0);
                    let lower = widest.min(NARROWEST).max(header).min(usize::from(u16::MAX));
                    ColumnConstraint::LowerBoundary(ColumnWidth::Fixed(lower as u16))
                };
                if let Some(column) = t.column_mut(i) {
                    column.set_constraint(constraint);
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<TableCell> {
        texts
            .iter()
            .map(|t| TableCell {
                text: t.to_string(),
                colour: None,
            })
            .collect()
    }

    fn people() -> (Vec<(String, String)>, Vec<Vec<TableCell>>) {
        let headers = [
            ("id", "id"),
            ("status", "status"),
            ("last name", "last_name"),
            ("first name", "first_name"),
            ("hetu", "hetu"),
            ("e-mail", "email"),
            ("phone", "phone"),
            ("city", "city"),
            ("organisation", "organisation"),
        ]
        .map(|(h, k)| (h.to_string(), k.to_string()))
        .to_vec();
        let rows = vec![
            cells(&[
                "C-1",
                "active",
                "Mäkinen",
                "Matti",
                "131052-****",
                "matti.makinen@example.fi",
                "+358401234567",
                "Tampere",
                "",
            ]),
            cells(&[
                "C-2",
                "restricted",
                "Järvinen-Korhonen",
                "Anna-Liisa",
                "010190-****",
                "anna-liisa.jarvinen-korhonen@esimerkki.fi",
                "+358450702635",
                "Kauniainen",
                "",
            ]),
        ];
        (headers, rows)
    }

    #[test]
    fn at_80_columns_no_line_is_longer_and_phones_stay_whole() {
        let (headers, rows) = people();
        let (text, left_out) = render(&headers, true, &rows, Some(80), false);
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{line}\n{text}");
        }
        assert!(text.contains("+358450702635"), "{text}");
        assert!(text.contains("131052-****"), "{text}");
        assert!(
            left_out.contains(&"organisation".to_string()),
            "{left_out:?}"
        );
    }

    #[test]
    fn without_a_terminal_a_row_is_one_line() {
        let (headers, rows) = people();
        let (text, left_out) = render(&headers, true, &rows, None, false);
        assert!(left_out.is_empty());
        let line = text
            .lines()
            .find(|l| l.contains("C-2"))
            .expect("the row is on one line");
        assert!(line.contains("anna-liisa.jarvinen-korhonen@esimerkki.fi"));
        assert!(line.contains("Kauniainen"));
    }

    #[test]
    fn colour_codes_take_no_room() {
        assert_eq!(visible_width("\x1b[31mred\x1b[0m│x"), 5);
    }

    #[test]
    fn local_times_are_identifiers() {
        assert!(is_local_time("2026-11-24 16:05"));
        assert!(!is_local_time("2026-11-24 16:0x"));
        assert!(!is_local_time("a long line of prose"));
    }
}
