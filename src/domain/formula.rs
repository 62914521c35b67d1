//! Cells a spreadsheet would run as formulas (CSV injection): quoted with
//! a leading `'` when exported (SPEC "export register"), and the quote
//! taken off again when such a file is imported. A pure rule about text,
//! shared by `output/` (writing) and `ops/import` (reading).

/// Would a spreadsheet run this cell as a formula? It begins with `=`,
/// `+`, `-`, `@`, a tab or a carriage return, and is not just a number
/// (a phone `+358…` or `-5` is harmless and is written as it is).
fn is_formula_like(text: &str) -> bool {
    let numeric = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit() || " +-.,:()/".contains(c))
    };
    text.starts_with(['=', '@', '\t', '\r']) || (text.starts_with(['+', '-']) && !numeric(text))
}

/// A cell a spreadsheet would run as a formula gets a leading `'` (SPEC
/// "export register"). Text that already begins with quotes before such a
/// start gets one more, so that [`restore_formula`] gives back every text.
pub fn defuse_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if is_formula_like(text.trim_start_matches('\'')) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The inverse of [`defuse_formula`], used by `import`.
pub fn restore_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest.trim_start_matches('\'')) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_quoting_round_trips() {
        for (text, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd|x", "'-2+3+cmd|x"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("'=x", "''=x"),
            ("'quoted", "'quoted"),
            ("+358401234567", "+358401234567"),
            ("-5", "-5"),
            ("plain", "plain"),
        ] {
            assert_eq!(defuse_formula(text), written, "{text}");
            assert_eq!(restore_formula(&defuse_formula(text)), text, "{text}");
        }
    }
}
