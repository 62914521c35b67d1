//! E-mail addresses: the light validation of SPEC.md §3 (one `@`, a dotted
//! domain, no spaces) and the normal form, plus the matching key used to find
//! the same person across registers (SPEC.md §2).
//!
//! This is deliberately not a full RFC 5322 parser: quoted local parts and
//! address literals do not occur in the registers, while the defects that do
//! occur (a missing or doubled `@`, a space, a domain without a dot) are
//! caught. An address is personal data: no message repeats it and `Debug`
//! masks it.

use crate::messages::M;
use std::fmt;
use std::str::FromStr;

use super::ValueError;

/// RFC 5321 limits a forward path to 256 octets including the angle
/// brackets, so no deliverable address is longer than 254. Refusing longer
/// input also keeps absurd values (a pasted document) out of the register.
const MAX_LEN: usize = 254;

/// A validated e-mail address: trimmed, domain lower-cased, local part as given
/// (the local part is case-sensitive in principle, so it is stored as typed).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, ValueError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ValueError::new(M::EmailEmpty));
        }
        if s.len() > MAX_LEN {
            return Err(ValueError::new(M::EmailTooLong.say(&[&MAX_LEN])));
        }
        // Control characters before white space: NUL, ESC etc. are
        // `is_control` but not white space, and TAB/LF are both.
        if s.chars().any(char::is_control) {
            return Err(ValueError::new(M::EmailControl));
        }
        if s.chars().any(char::is_whitespace) {
            return Err(ValueError::new(M::EmailSpaces));
        }
        let (local, domain) = match s.split_once('@') {
            None => return Err(ValueError::new(M::EmailNoAt)),
            Some((_, rest)) if rest.contains('@') => return Err(ValueError::new(M::EmailManyAt)),
            Some(parts) => parts,
        };
        if local.is_empty() {
            return Err(ValueError::new(M::EmailNoLocal));
        }
        if domain.is_empty() {
            return Err(ValueError::new(M::EmailNoDomain));
        }
        if !domain.contains('.') {
            return Err(ValueError::new(M::EmailNoDot));
        }
        if domain.split('.').any(str::is_empty) {
            return Err(ValueError::new(M::EmailDots));
        }
        // Domains are case-insensitive, so lower-casing is lossless; the
        // Unicode lower case covers internationalised domain names.
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address in normal form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The whole address lower-cased: two records whose keys are equal are
    /// taken to be the same person (SPEC.md §2). Local parts are
    /// case-insensitive at every real mail provider, so `Maija.V@…` and
    /// `maija.v@…` are one person.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl FromStr for Email {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Email::parse(s)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    /// Masked: `{:?}` ends up in panics, logs and test failures.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Email(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses() {
        // (input, normal form, key)
        let cases = [
            (
                "maija@example.com",
                "maija@example.com",
                "maija@example.com",
            ),
            (
                "  maija@example.com\t",
                "maija@example.com",
                "maija@example.com",
            ),
            (
                "Maija.Virtanen@Example.FI",
                "Maija.Virtanen@example.fi",
                "maija.virtanen@example.fi",
            ),
            (
                "m+tag@mail.example.co.uk",
                "m+tag@mail.example.co.uk",
                "m+tag@mail.example.co.uk",
            ),
            (
                "Äiti@Esimerkki.FI",
                "Äiti@esimerkki.fi",
                "äiti@esimerkki.fi",
            ),
            ("a@b.c", "a@b.c", "a@b.c"),
        ];
        for (input, normal, key) in cases {
            let e = Email::parse(input).unwrap_or_else(|err| panic!("{input:?}: {err}"));
            assert_eq!(e.as_str(), normal, "{input:?}");
            assert_eq!(e.key(), key, "{input:?}");
            assert_eq!(e.to_string(), normal);
            assert_eq!(input.parse::<Email>().unwrap(), e);
        }
    }

    #[test]
    fn invalid_addresses() {
        let cases = [
            // the generator's defect kinds
            ("maija.example.com", "e-mail address must contain an @"),
            ("maija@@example.com", "e-mail address must contain exactly one @, found more"),
            ("maija@exa@mple.com", "e-mail address must contain exactly one @, found more"),
            ("maija @example.com", "e-mail address must not contain spaces"),
            ("maija@example .com", "e-mail address must not contain spaces"),
            ("maija@example\u{a0}.com", "e-mail address must not contain spaces"),
            ("maija@examplecom", "the domain of an e-mail address must contain a dot (e.g. example.com)"),
            ("maija@localhost", "the domain of an e-mail address must contain a dot (e.g. example.com)"),
            // empty parts
            ("@example.com", "e-mail address has nothing before the @"),
            ("maija@", "e-mail address has no domain after the @"),
            ("maija@.example.com", "the domain of an e-mail address must not start or end with a dot or have two dots in a row"),
            ("maija@example.com.", "the domain of an e-mail address must not start or end with a dot or have two dots in a row"),
            ("maija@example..com", "the domain of an e-mail address must not start or end with a dot or have two dots in a row"),
            // control characters
            ("maija@exam\u{0}ple.com", "e-mail address must not contain control characters"),
            ("maija@example.com\u{1b}", "e-mail address must not contain control characters"),
            ("maija\n@example.com", "e-mail address must not contain control characters"),
            ("", "e-mail address is empty"),
        ];
        for (input, reason) in cases {
            let err = Email::parse(input).expect_err(input);
            assert_eq!(err.0, reason, "{input:?}");
            assert!(!err.0.contains("maija"), "message leaks the value: {err}");
        }
    }

    #[test]
    fn length_limit() {
        let ok = format!("{}@example.com", "a".repeat(MAX_LEN - 12));
        assert_eq!(ok.len(), MAX_LEN);
        assert!(Email::parse(&ok).is_ok());
        let too_long = format!("a{ok}");
        assert_eq!(
            Email::parse(&too_long).unwrap_err().0,
            "e-mail address is longer than 254 bytes"
        );
    }

    #[test]
    fn debug_is_masked() {
        let e = Email::parse("maija@example.com").unwrap();
        assert_eq!(format!("{e:?}"), "Email(***)");
        assert!(!format!("{:?}", Some(e)).contains("maija"));
    }

    #[test]
    fn hostile_inputs_are_refused_without_panic() {
        let long_valid_shape = format!("{}@example.com", "a".repeat(10_000));
        let own = [
            "@",
            "@@",
            ".@.",
            "a@.",
            "\u{0}@\u{0}.fi",
            long_valid_shape.as_str(),
        ];
        for input in &crate::domain::hostile("a", &own) {
            assert!(Email::parse(input).is_err(), "{input:?}");
        }
    }
}
