//! Audit checkpoints (SPEC §7 "Audit checkpoints kept outside the
//! register"): one line that commits to the whole audit log up to an entry,
//! kept where whoever can write the register cannot reach it.
//!
//! `privreg-checkpoint v1 REGISTER_ID SEQ SHA256_HEAD RFC3339_TIME`
//!
//! The hash chain makes every entry's hash depend on all before it, so a
//! checkpoint's (SEQ, hash) pins the log's first SEQ entries: a log cut back
//! below SEQ lacks the entry, a rewritten and re-hashed one has another
//! hash there, and another register's log has another register id.

use std::fmt;

/// The word every checkpoint line begins with, and its version.
const MAGIC: &str = "privreg-checkpoint";
const VERSION: &str = "v1";

/// One commitment to a register's audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub register_id: String,
    /// The last entry it covers.
    pub seq: i64,
    /// That entry's hash (lower-case hex SHA-256).
    pub hash: String,
    /// When it was taken, RFC 3339 UTC.
    pub at: String,
}

impl fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{MAGIC} {VERSION} {} {} {} {}",
            self.register_id, self.seq, self.hash, self.at
        )
    }
}

impl Checkpoint {
    /// Parses one line; surrounding text on the line (a mail client's
    /// quoting, `> `) is allowed before the magic word.
    pub fn parse(line: &str) -> Result<Checkpoint, String> {
        let start = line
            .find(MAGIC)
            .ok_or_else(|| format!("not a checkpoint: it has no `{MAGIC}`"))?;
        let words: Vec<&str> = line[start..].split_whitespace().collect();
        let [_, version, register_id, seq, hash, at] = words[..] else {
            return Err(format!(
                "a checkpoint has 6 words ({MAGIC} {VERSION} REGISTER_ID SEQ HASH TIME), this has {}",
                words.len()
            ));
        };
        if version != VERSION {
            return Err(format!("checkpoint version {version} is not {VERSION}"));
        }
        if register_id.is_empty()
            || !register_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err("the register id is not an id".into());
        }
        let seq: i64 = seq
            .parse()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| format!("the entry number {seq:?} is not a positive number"))?;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("the hash is not 64 hexadecimal digits".into());
        }
        chrono::DateTime::parse_from_rfc3339(at)
            .map_err(|_| format!("the time {at:?} is not an RFC 3339 time"))?;
        Ok(Checkpoint {
            register_id: register_id.to_string(),
            seq,
            hash: hash.to_ascii_lowercase(),
            at: at.to_string(),
        })
    }
}

/// Every checkpoint in a text (a file, a saved e-mail), with its line
/// number. Lines without the magic word are other text and passed over; a
/// line with it that does not parse is an error naming the line, because a
/// damaged checkpoint must not be skipped silently.
pub fn parse_all(text: &str) -> Result<Vec<(usize, Checkpoint)>, String> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if !line.contains(MAGIC) {
            continue;
        }
        let cp = Checkpoint::parse(line).map_err(|why| format!("line {}: {why}", i + 1))?;
        found.push((i + 1, cp));
    }
    if found.is_empty() {
        return Err(format!("no `{MAGIC}` line in it"));
    }
    Ok(found)
}

/// What the register's log says at a checkpoint's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AtEntry {
    /// The entry is there with this hash.
    Hash(String),
    /// The log has no entry with that number.
    Missing,
}

/// Why a log contradicts a checkpoint, or `None` if it agrees.
pub fn contradiction(register_id: &str, cp: &Checkpoint, at: &AtEntry) -> Option<String> {
    if cp.register_id != register_id {
        return Some(format!(
            "it is of register {}, this log is of register {register_id}",
            cp.register_id
        ));
    }
    match at {
        AtEntry::Missing => Some(format!("entry {} is missing: the log was cut back", cp.seq)),
        AtEntry::Hash(h) if *h != cp.hash => Some(format!(
            "entry {} has another hash: the log was rewritten",
            cp.seq
        )),
        AtEntry::Hash(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    fn cp() -> Checkpoint {
        Checkpoint {
            register_id: "3f2a9c".into(),
            seq: 42,
            hash: H.into(),
            at: "2026-11-24T10:00:00.000Z".into(),
        }
    }

    #[test]
    fn a_line_round_trips() {
        let line = cp().to_string();
        assert_eq!(
            line,
            format!("privreg-checkpoint v1 3f2a9c 42 {H} 2026-11-24T10:00:00.000Z")
        );
        assert_eq!(Checkpoint::parse(&line).unwrap(), cp());
        // quoted in a reply, with trailing white space
        assert_eq!(Checkpoint::parse(&format!("> {line}  \r")).unwrap(), cp());
    }

    #[test]
    fn damaged_lines_are_refused_with_the_reason() {
        let line = cp().to_string();
        let cases = [
            (line.replace(" v1 ", " v2 "), "version"),
            (line.replace(" 42 ", " 0 "), "entry number"),
            (line.replace(" 42 ", " -1 "), "entry number"),
            (line.replace(" 42 ", " 4x "), "entry number"),
            (line.replace(H, &H[1..]), "hash"),
            (line.replace(H, &H.replace('9', "g")), "hash"),
            (
                line.replace("2026-11-24T10:00:00.000Z", "yesterday"),
                "time",
            ),
            (format!("{line} extra"), "6 words"),
            ("privreg-checkpoint v1".into(), "6 words"),
            (line.replace("3f2a9c", "3f2a;9c"), "register id"),
        ];
        for (text, why) in cases {
            let err = Checkpoint::parse(&text).unwrap_err();
            assert!(err.contains(why), "{text}: {err}");
        }
    }

    #[test]
    fn a_file_gives_its_checkpoints_with_line_numbers_and_names_a_bad_line() {
        let text = format!("Subject: checkpoint\n\n{}\nthanks\n{}\n", cp(), cp());
        let all = parse_all(&text).unwrap();
        assert_eq!(all.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [3, 5]);
        let bad = format!("{}\nprivreg-checkpoint v1 x\n", cp());
        assert!(parse_all(&bad).unwrap_err().starts_with("line 2:"));
        assert!(parse_all("nothing here\n").is_err());
    }

    #[test]
    fn a_log_contradicts_a_checkpoint_when_cut_rewritten_or_another() {
        let c = cp();
        assert_eq!(contradiction("3f2a9c", &c, &AtEntry::Hash(H.into())), None);
        let cut = contradiction("3f2a9c", &c, &AtEntry::Missing).unwrap();
        assert!(cut.contains("cut back"), "{cut}");
        let rewritten = contradiction("3f2a9c", &c, &AtEntry::Hash("0".repeat(64))).unwrap();
        assert!(rewritten.contains("rewritten"), "{rewritten}");
        let other = contradiction("77aa", &c, &AtEntry::Hash(H.into())).unwrap();
        assert!(other.contains("register 3f2a9c"), "{other}");
    }
}
