//! Transfers of personal data out of the EU/EEA (GDPR Art. 45, DOMAIN.md
//! §8): a disclosure may go to a recipient in the EU/EEA, or in a country
//! with an adequacy decision; the United States only to organisations
//! certified under the EU–US Data Privacy Framework. The controller's
//! notice allows no other transfer mechanism, so anything else is refused.
//! The adequacy list is data in the register (table `adequacy`); the
//! caller looks the country up and passes the row in.

/// A country's row in the adequacy list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adequacy {
    pub country: String,
    pub name: String,
    /// The Commission decision, e.g. `2021/1772`.
    pub decision: String,
    /// Covers only organisations certified under the Data Privacy Framework.
    pub needs_dpf: bool,
}

/// Why a transfer is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ground {
    /// The recipient is in the EU/EEA: no transfer in the sense of Chapter V.
    EuEea,
    /// An adequacy decision covers the country.
    Adequacy { decision: String },
    /// The adequacy decision covers DPF-certified organisations, and the
    /// recipient is one.
    Dpf { decision: String },
}

impl Ground {
    pub fn describe(&self) -> String {
        match self {
            Ground::EuEea => "within the EU/EEA".into(),
            Ground::Adequacy { decision } => format!("adequacy decision {decision}"),
            Ground::Dpf { decision } => {
                format!("adequacy decision {decision} (Data Privacy Framework certified)")
            }
        }
    }
}

/// Why a transfer is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The country's decision covers only DPF-certified organisations, and
    /// the recipient was not said to be one.
    NotDpfCertified { decision: String },
    /// Outside the EU/EEA with no adequacy decision.
    NoAdequacy,
}

/// Judges a transfer to `country` (ISO alpha-2, upper case) given its row
/// in the adequacy list, if any.
pub fn judge(
    country: &str,
    adequacy: Option<&Adequacy>,
    dpf_certified: bool,
) -> Result<Ground, Refusal> {
    if super::codes::is_eu_eea(country) {
        return Ok(Ground::EuEea);
    }
    match adequacy {
        None => Err(Refusal::NoAdequacy),
        Some(a) if !a.needs_dpf => Ok(Ground::Adequacy {
            decision: a.decision.clone(),
        }),
        Some(a) if dpf_certified => Ok(Ground::Dpf {
            decision: a.decision.clone(),
        }),
        Some(a) => Err(Refusal::NotDpfCertified {
            decision: a.decision.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cc: &str, needs_dpf: bool) -> Adequacy {
        Adequacy {
            country: cc.into(),
            name: format!("{cc} name"),
            decision: format!("{cc}-decision"),
            needs_dpf,
        }
    }

    #[test]
    fn rules() {
        let gb = row("GB", false);
        let us = row("US", true);
        assert_eq!(judge("FI", None, false), Ok(Ground::EuEea));
        assert_eq!(judge("NO", None, false), Ok(Ground::EuEea));
        assert_eq!(judge("AX", None, false), Ok(Ground::EuEea));
        // an EU country needs no adequacy row, and DPF changes nothing there
        assert_eq!(judge("DE", None, true), Ok(Ground::EuEea));
        assert_eq!(
            judge("GB", Some(&gb), false),
            Ok(Ground::Adequacy {
                decision: "GB-decision".into()
            })
        );
        assert_eq!(
            judge("US", Some(&us), true),
            Ok(Ground::Dpf {
                decision: "US-decision".into()
            })
        );
        assert_eq!(
            judge("US", Some(&us), false),
            Err(Refusal::NotDpfCertified {
                decision: "US-decision".into()
            })
        );
        for cc in ["CN", "IN", "RU", "GL"] {
            assert_eq!(judge(cc, None, false), Err(Refusal::NoAdequacy), "{cc}");
            assert_eq!(judge(cc, None, true), Err(Refusal::NoAdequacy), "{cc}");
        }
    }
}
