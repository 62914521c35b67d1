//! Legal bases of processing (GDPR Art. 6(1), DOMAIN §4) and what each
//! needs to be recorded: a named law for a legal obligation, the interest
//! weighed for a legitimate interest.

use crate::messages::M;
use std::fmt;
use std::str::FromStr;

use super::ValueError;

/// The law the `aml` shorthand records.
pub const AML_LAW: &str = "Act on Preventing Money Laundering and Terrorist Financing 444/2017";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Consent,
    Contract,
    LegalObligation,
    VitalInterest,
    PublicTask,
    LegitimateInterest,
}

impl Basis {
    pub const ALL: [Basis; 6] = [
        Basis::Consent,
        Basis::Contract,
        Basis::LegalObligation,
        Basis::VitalInterest,
        Basis::PublicTask,
        Basis::LegitimateInterest,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Basis::Consent => "consent",
            Basis::Contract => "contract",
            Basis::LegalObligation => "legal-obligation",
            Basis::VitalInterest => "vital-interest",
            Basis::PublicTask => "public-task",
            Basis::LegitimateInterest => "legitimate-interest",
        }
    }

    /// The point of Art. 6(1) it rests on.
    pub fn article(self) -> &'static str {
        match self {
            Basis::Consent => "6(1)(a)",
            Basis::Contract => "6(1)(b)",
            Basis::LegalObligation => "6(1)(c)",
            Basis::VitalInterest => "6(1)(d)",
            Basis::PublicTask => "6(1)(e)",
            Basis::LegitimateInterest => "6(1)(f)",
        }
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A basis as given on the command line: one of the six, or `aml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasisArg {
    pub basis: Basis,
    /// `aml` was given: the law is the AML Act.
    pub aml: bool,
}

impl FromStr for BasisArg {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_lowercase();
        if s == "aml" {
            return Ok(BasisArg {
                basis: Basis::LegalObligation,
                aml: true,
            });
        }
        Basis::ALL
            .into_iter()
            .find(|b| b.name() == s)
            .map(|basis| BasisArg { basis, aml: false })
            .ok_or_else(|| ValueError::new(M::ExpectedBasis))
    }
}

/// A basis with what it needs, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedBasis {
    pub basis: Basis,
    pub law: Option<String>,
    pub note: Option<String>,
}

/// Checks that a legal obligation names its law and a legitimate interest
/// says what interest was weighed (the records an auditor asks for).
pub fn check(
    arg: BasisArg,
    law: Option<&str>,
    note: Option<&str>,
) -> Result<CheckedBasis, (&'static str, ValueError)> {
    let clean = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut law = clean(law);
    let note = clean(note);
    if arg.aml {
        law = Some(law.unwrap_or_else(|| AML_LAW.to_string()));
    }
    if arg.basis == Basis::LegalObligation && law.is_none() {
        return Err(("law", ValueError::new(M::NeedsLaw)));
    }
    if arg.basis == Basis::LegitimateInterest && note.is_none() {
        return Err(("note", ValueError::new(M::NeedsNote)));
    }
    Ok(CheckedBasis {
        basis: arg.basis,
        law,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aml_is_a_legal_obligation_under_the_aml_act() {
        let arg: BasisArg = "AML".parse().unwrap();
        let checked = check(arg, None, None).unwrap();
        assert_eq!(checked.basis, Basis::LegalObligation);
        assert_eq!(checked.law.as_deref(), Some(AML_LAW));
    }

    #[test]
    fn what_each_basis_needs() {
        let lo: BasisArg = "legal-obligation".parse().unwrap();
        assert_eq!(check(lo, None, None).unwrap_err().0, "law");
        assert_eq!(check(lo, Some("  "), None).unwrap_err().0, "law");
        assert!(check(lo, Some("Accounting Act 1336/1997"), None).is_ok());
        let li: BasisArg = "legitimate-interest".parse().unwrap();
        assert_eq!(check(li, None, None).unwrap_err().0, "note");
        assert!(check(li, None, Some("existing customer relationship")).is_ok());
        for name in ["consent", "contract", "vital-interest", "public-task"] {
            let b: BasisArg = name.parse().unwrap();
            assert!(check(b, None, None).is_ok(), "{name}");
        }
        assert!("gut-feeling".parse::<BasisArg>().is_err());
    }
}
