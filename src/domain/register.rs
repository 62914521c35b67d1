//! The four registers and record ids (`C-42`): names, Finnish aliases and
//! id prefixes of SPEC §2.

use crate::messages::M;
use std::fmt;
use std::str::FromStr;

use super::ValueError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Register {
    Customer,
    Business,
    Employee,
    Recruitment,
}

impl Register {
    pub const ALL: [Register; 4] = [
        Register::Customer,
        Register::Business,
        Register::Employee,
        Register::Recruitment,
    ];

    /// Where the register stands in [`Register::ALL`], for tables built
    /// once per register.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            Register::Customer => "customer",
            Register::Business => "business",
            Register::Employee => "employee",
            Register::Recruitment => "recruitment",
        }
    }

    pub fn prefix(self) -> char {
        match self {
            Register::Customer => 'C',
            Register::Business => 'B',
            Register::Employee => 'E',
            Register::Recruitment => 'R',
        }
    }

    fn from_prefix(c: char) -> Option<Register> {
        Register::ALL
            .into_iter()
            .find(|r| r.prefix() == c.to_ascii_uppercase())
    }

    /// The field whose date ends the record's relationship (SPEC `end`).
    pub fn end_field(self) -> &'static str {
        match self {
            Register::Customer | Register::Business => "relationship_end",
            Register::Employee => "employment_end",
            Register::Recruitment => "decided_on",
        }
    }

    /// The field holding how it ended, where the register has one.
    pub fn end_manner_field(self) -> Option<&'static str> {
        match self {
            Register::Customer | Register::Business => Some("relationship_end_manner"),
            Register::Employee => Some("employment_end_manner"),
            Register::Recruitment => None,
        }
    }
}

impl fmt::Display for Register {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Register {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "customer" | "asiakas" => Ok(Register::Customer),
            "business" | "yritys" => Ok(Register::Business),
            "employee" | "tyontekija" | "työntekijä" => Ok(Register::Employee),
            "recruitment" | "rekrytointi" | "hakija" => Ok(Register::Recruitment),
            other => {
                let names = [
                    "customer",
                    "asiakas",
                    "business",
                    "yritys",
                    "employee",
                    "tyontekija",
                    "recruitment",
                    "rekrytointi",
                    "hakija",
                ];
                let hint =
                    super::spelling::nearest(other, names.iter().map(|n| (n.to_string(), *n)))
                        .or_else(|| {
                            // a plural or a longer spelling: `customers`, `employees`
                            names.iter().copied().find(|n| other.starts_with(n))
                        })
                        .map(|n| M::DidYouMean.say(&[&n]))
                        .unwrap_or_default();
                Err(ValueError::new(M::UnknownRegister.say(&[&hint])))
            }
        }
    }
}

/// A record's id: register prefix, a dash and a positive number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId {
    pub register: Register,
    pub number: i64,
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.register.prefix(), self.number)
    }
}

impl FromStr for RecordId {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ValueError::new(M::RecordIdForm);
        let s = s.trim();
        let (prefix, number) = s.split_once('-').ok_or_else(bad)?;
        let mut chars = prefix.chars();
        let register = match (chars.next(), chars.next()) {
            (Some(c), None) => Register::from_prefix(c).ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let number: i64 = number.parse().map_err(|_| bad())?;
        if number < 1 {
            return Err(bad());
        }
        Ok(RecordId { register, number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_the_place_in_all() {
        for (i, r) in Register::ALL.iter().enumerate() {
            assert_eq!(r.index(), i, "{r:?}");
        }
    }

    #[test]
    fn registers_and_aliases() {
        for (text, want) in [
            ("customer", Register::Customer),
            ("asiakas", Register::Customer),
            ("yritys", Register::Business),
            ("Business", Register::Business),
            ("tyontekija", Register::Employee),
            ("työntekijä", Register::Employee),
            ("rekrytointi", Register::Recruitment),
            ("hakija", Register::Recruitment),
        ] {
            assert_eq!(text.parse::<Register>().unwrap(), want, "{text}");
        }
        assert!("customers".parse::<Register>().is_err());
    }

    #[test]
    fn record_ids() {
        let id: RecordId = "C-42".parse().unwrap();
        assert_eq!(id.register, Register::Customer);
        assert_eq!(id.number, 42);
        assert_eq!(id.to_string(), "C-42");
        assert_eq!("r-7".parse::<RecordId>().unwrap().to_string(), "R-7");
        for bad in [
            "C42",
            "C-",
            "C-0",
            "X-1",
            "CC-1",
            "C--1",
            "C-1a",
            "",
            "C-99999999999999999999",
            "Ä-1",
        ] {
            assert!(bad.parse::<RecordId>().is_err(), "{bad}");
        }
    }
}
