//! Whether a free text holds one of a person's values. An erasure's
//! reason is kept in the receipt after everything else of the person is
//! gone, so it must not carry their data in any of the forms people write
//! it in: without regard to case, diacritics or spacing; a hetu with any
//! century sign, with or without its dash or check character; a phone in
//! local or international form (`040 123 4567`, `+358401234567`); an
//! e-mail in any case; a customer number without its dash; a name or a
//! street also in Finnish inflected forms (`Mäkisen`, `Harvinaisentiellä`).
//!
//! Pure: the caller hands in every value the record has had (its current
//! values and those in its correction history) by field name, and gets
//! back the name of the first field found, never the value.

/// How the values of a field are looked for in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// First and last names: every word of the name, also inflected.
    Name,
    /// The personal identity code, in any of its spellings.
    Hetu,
    /// A phone number in E.164 form, found also in local form.
    Phone,
    Email,
    /// A date in ISO form, found also as `D.M.YYYY` or `DDMMYY`.
    Date,
    /// The whole street, or any long word of it (also inflected).
    Street,
    /// A place name (city, birth place), also inflected.
    Place,
    /// Customer numbers, user names, tax numbers, ID documents: also with
    /// their punctuation left out, and any part of them with a digit.
    Identifier,
}

/// The probe for a field's values, or `None` for fields whose values say
/// nothing about who the person is (language, country, role, dates of the
/// relationship, …): a reason such as "contract ended" is not refused
/// because the role was `contact`.
pub fn probe_of(field: &str) -> Option<Probe> {
    Some(match field {
        "first_name" | "last_name" => Probe::Name,
        "hetu" => Probe::Hetu,
        "phone" => Probe::Phone,
        "email" => Probe::Email,
        "birth_date" => Probe::Date,
        "street" => Probe::Street,
        "city" | "birth_place" => Probe::Place,
        "customer_number" | "username" | "tax_number" | "aml_id_document" => Probe::Identifier,
        _ => return None,
    })
}

/// The first field (in the order given) one of whose values `text`
/// holds. Values of fields without a [`probe_of`] are ignored.
pub fn leaked_field<'a>(
    text: &str,
    values: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<&'a str> {
    Text::new(text).leaked_field(values)
}

/// A text prepared once, to be probed for the values of several people
/// (an erasure sweeps each request's free text).
pub struct Text(Haystack);

impl Text {
    pub fn new(text: &str) -> Text {
        Text(Haystack::new(text))
    }

    /// As [`leaked_field`].
    pub fn leaked_field<'a>(
        &self,
        values: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Option<&'a str> {
        values.into_iter().find_map(|(field, value)| {
            let probe = probe_of(field)?;
            self.0.holds(probe, value).then_some(field)
        })
    }
}

/// Lower case without diacritics: `Mäkinen` → `makinen`, `Åström` →
/// `astrom`. Letters outside the table stay as they are (lower-cased).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'ă' => "a",
            'æ' => "ae",
            'ç' | 'č' | 'ć' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => "i",
            'ł' | 'ľ' => "l",
            'ñ' | 'ň' | 'ń' => "n",
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' => "r",
            'š' | 'ś' | 'ş' => "s",
            'ß' => "ss",
            'ť' | 'ţ' => "t",
            'þ' => "th",
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ž' | 'ź' | 'ż' => "z",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

/// The words of a folded text: runs of letters and digits.
fn words(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Letters and digits only: `CN-77311` → `cn77311`.
fn compact(folded: &str) -> String {
    folded.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The text, prepared once for every probe.
struct Haystack {
    words: Vec<String>,
    compact: String,
    /// Digits, with what may stand between the digits of one number
    /// (spaces, `-`, `+`, `(`, `)`, `.`, `/`) left out; letters end a number.
    numbers: Vec<String>,
}

impl Haystack {
    fn new(text: &str) -> Haystack {
        let folded = fold(text);
        let numbers = folded
            .split(|c: char| c.is_alphabetic())
            .map(|chunk| {
                chunk
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
            })
            .filter(|n| !n.is_empty())
            .collect();
        Haystack {
            words: words(&folded),
            compact: compact(&folded),
            numbers,
        }
    }

    fn holds(&self, probe: Probe, value: &str) -> bool {
        let folded = fold(value.trim());
        let value_words = words(&folded);
        if compact(&folded).chars().count() < 2 {
            return false;
        }
        match probe {
            Probe::Name => value_words
                .iter()
                .filter(|w| w.chars().count() >= 2)
                .any(|w| self.has_word(w, true)),
            Probe::Hetu => self.has_hetu(&folded),
            Probe::Phone => self.has_phone(&folded),
            Probe::Email => {
                let local = folded.split('@').next().unwrap_or_default();
                let local_compact = compact(local);
                self.has_sequence(&value_words)
                    || self.compact.contains(&compact(&folded))
                    || (local_compact.len() >= 3 && self.has_sequence(&words(local)))
                    || (local_compact.len() >= 5 && self.compact.contains(&local_compact))
            }
            Probe::Date => self.has_date(&folded),
            Probe::Street => {
                self.has_sequence(&value_words)
                    || value_words.iter().any(|w| {
                        w.chars().count() >= 5
                            && w.chars().all(char::is_alphabetic)
                            && self.has_word(w, true)
                    })
            }
            Probe::Place => {
                self.has_sequence(&value_words)
                    || (value_words.len() == 1 && self.has_word(&value_words[0], true))
            }
            Probe::Identifier => {
                let whole = compact(&folded);
                self.has_sequence(&value_words)
                    || (whole.chars().count() >= 4 && self.compact.contains(&whole))
                    || value_words.iter().any(|w| {
                        w.chars().count() >= 5
                            && w.chars().any(|c| c.is_ascii_digit())
                            && self.compact.contains(w.as_str())
                    })
            }
        }
    }

    /// `word` is one of the words; with `inflected`, also the start of a
    /// longer word (`kristiina` in `kristiinalle`) when it is at least
    /// four letters long, a word of six letters or more without its last
    /// letter (`vanhanimi` in `vanhanimen`), and a `-nen` name in its
    /// `-se-` stem (`makinen` in `makisen`). Consonant gradation
    /// (`Matti`, `Matin`) is not followed.
    fn has_word(&self, word: &str, inflected: bool) -> bool {
        let len = word.chars().count();
        let mut stems: Vec<String> = Vec::new();
        if len >= 4 {
            stems.push(word.to_string());
        }
        if len >= 6 {
            stems.push(word.chars().take(len - 1).collect());
        }
        if let Some(s) = word.strip_suffix("nen").filter(|s| s.chars().count() >= 2) {
            stems.push(format!("{s}s"));
        }
        self.words
            .iter()
            .any(|w| w == word || (inflected && stems.iter().any(|s| w.starts_with(s.as_str()))))
    }

    /// The words of a value, one after another.
    fn has_sequence(&self, seq: &[String]) -> bool {
        !seq.is_empty() && self.words.windows(seq.len()).any(|w| w == seq)
    }

    /// `DDMMYY`, any century sign or none, `ZZZ`, the check character or
    /// none. Upper- and lower-case signs and checks are alike once folded;
    /// `+` and `-` disappear with the punctuation.
    fn has_hetu(&self, folded: &str) -> bool {
        let c = compact(folded);
        if c.len() < 10 || !c.is_ascii() {
            return self.compact.contains(&c);
        }
        let (date, individual) = (&c[..6], &c[c.len() - 4..c.len() - 1]);
        let hay = self.compact.as_bytes();
        let mut from = 0;
        while let Some(at) = self.compact[from..].find(date) {
            let mut rest = &hay[from + at + 6..];
            if rest.first().is_some_and(|b| b"abcdefuvwxy".contains(b)) {
                rest = &rest[1..];
            }
            if rest.starts_with(individual.as_bytes()) {
                return true;
            }
            from += at + 1;
        }
        false
    }

    /// The number's digits after a country code of one to three digits
    /// (at least seven of them), or the whole number, within one number
    /// of the text: `+358401234567` is found in `040-123 4567`.
    fn has_phone(&self, folded: &str) -> bool {
        let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
        if digits.len() < 7 {
            return !digits.is_empty() && self.numbers.iter().any(|n| n.contains(&digits));
        }
        let mut tails = vec![digits.as_str()];
        for cc in 1..=3 {
            if digits.len() >= cc + 7 {
                tails.push(&digits[cc..]);
            }
        }
        self.numbers
            .iter()
            .any(|n| tails.iter().any(|t| n.contains(t)))
    }

    /// `YYYY-MM-DD` as `YYYY-MM-DD`, `D.M.YYYY` (with or without leading
    /// zeros), `DDMMYY` or `YYYYMMDD`.
    fn has_date(&self, folded: &str) -> bool {
        let parts: Vec<&str> = folded.split('-').collect();
        let [y, m, d] = parts[..] else {
            return self.has_sequence(&words(folded));
        };
        let (m0, d0) = (m.trim_start_matches('0'), d.trim_start_matches('0'));
        let s = |v: &[&str]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        [
            s(&[y, m, d]),
            s(&[d, m, y]),
            s(&[d0, m0, y]),
            s(&[d0, m, y]),
            s(&[d, m0, y]),
            vec![format!("{d}{m}{}", y.get(2..).unwrap_or(y))],
            vec![format!("{y}{m}{d}")],
        ]
        .iter()
        .any(|seq| self.has_sequence(seq))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leak(text: &str, field: &str, value: &str) -> bool {
        leaked_field(text, [(field, value)]).is_some()
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Mäkinen ÅSTRÖM Željko"), "makinen astrom zeljko");
    }

    #[test]
    fn names_are_found_by_word_and_in_inflected_forms() {
        assert!(leak("Mäkinen asked by phone", "last_name", "Mäkinen"));
        assert!(leak("MAKINEN asked", "last_name", "Mäkinen"));
        assert!(leak("Mäkisen pyyntö", "last_name", "Mäkinen"));
        assert!(leak("pyyntö Kristiinalta", "first_name", "Kristiina"));
        assert!(leak("Vanhanimen kirje", "last_name", "Vanhanimi"));
        assert!(leak("asked by Anna", "first_name", "Anna-Maria"));
        assert!(!leak("asked by phone", "last_name", "Mäkinen"));
        // a word, not any substring: Ari is not in "various"
        assert!(!leak("asked in various ways", "first_name", "Ari"));
        // one-letter names are not identifying on their own
        assert!(!leak("a request", "first_name", "A"));
    }

    #[test]
    fn hetu_with_any_sign_or_none_and_without_check() {
        for text in [
            "hetu 131052-308T",
            "131052308T",
            "131052-308t",
            "131052Y308T",
            "131052 308T",
            "id 131052-308",
        ] {
            assert!(leak(text, "hetu", "131052-308T"), "{text}");
        }
        assert!(leak("010100a002h", "hetu", "010100A002H"));
        assert!(!leak("request 131052 only a date", "hetu", "131052-308T"));
        assert!(!leak("ticket 1310520308", "hetu", "131052-308T"));
    }

    #[test]
    fn phone_in_local_and_international_forms() {
        for text in [
            "called from 040 123 4567",
            "0401234567",
            "+358 40 123 4567",
            "00358401234567",
            "tel. (040) 123-4567",
        ] {
            assert!(leak(text, "phone", "+358401234567"), "{text}");
        }
        assert!(leak("070-123 45 67", "phone", "+46701234567"));
        assert!(!leak(
            "request REQ-4 of 2026-11-24",
            "phone",
            "+358401234567"
        ));
        // letters end a number: digits on both sides do not join
        assert!(!leak("40123 abc 4567", "phone", "+358401234567"));
    }

    #[test]
    fn email_in_any_case_and_its_local_part() {
        assert!(leak(
            "from Matti.Makinen@EXAMPLE.fi",
            "email",
            "matti.makinen@example.fi"
        ));
        assert!(leak(
            "user zyx.unique wrote",
            "email",
            "zyx.unique@qwerty-mail.fi"
        ));
        assert!(!leak(
            "wrote an e-mail",
            "email",
            "matti.makinen@example.fi"
        ));
    }

    #[test]
    fn identifiers_with_or_without_punctuation() {
        assert!(leak("customer CN-77311", "customer_number", "CN-77311"));
        assert!(leak("customer cn77311", "customer_number", "CN-77311"));
        assert!(leak("customer no 77311", "customer_number", "CN-77311"));
        assert!(leak(
            "passport PZ9988776 seen",
            "aml_id_document",
            "passport PZ9988776"
        ));
        assert!(leak("login mmakinen", "username", "mmakinen"));
        assert!(!leak("customer asked", "customer_number", "CN-77311"));
    }

    #[test]
    fn streets_places_and_dates() {
        assert!(leak(
            "moved from Harvinaisentie 77",
            "street",
            "Harvinaisentie 77"
        ));
        assert!(leak(
            "asui Harvinaisentiellä",
            "street",
            "Harvinaisentie 77"
        ));
        assert!(leak("HARVINAISENTIE", "street", "Harvinaisentie 77"));
        assert!(!leak("moved from katu 2", "street", "Katu 1"));
        assert!(leak("moved to Tampere", "city", "Tampere"));
        assert!(leak("asuu Tampereella", "city", "Tampere"));
        assert!(!leak("moved abroad", "city", "Tampere"));
        assert!(leak("born 13.10.1952", "birth_date", "1952-10-13"));
        assert!(leak("born 3.5.1952", "birth_date", "1952-05-03"));
        assert!(leak("born 1952-05-03", "birth_date", "1952-05-03"));
        assert!(!leak("received 2026-11-24", "birth_date", "1952-05-03"));
    }

    #[test]
    fn fields_that_do_not_identify_are_not_probed() {
        assert!(!leak("contract ended", "role", "contact"));
        assert!(!leak("language fi", "language", "fi"));
    }

    #[test]
    fn the_first_field_found_is_named() {
        let values = [
            ("city", "Tampere"),
            ("last_name", "Virtanen"),
            ("last_name", "Mäkinen"),
        ];
        assert_eq!(leaked_field("Mäkinen asked", values), Some("last_name"));
        assert_eq!(leaked_field("asked by letter", values), None);
    }
}
