//! The data subject's rights (GDPR Art. 7(3), 15–22, 77): which there are
//! and the article of each. Their words, in Finnish, Swedish and English,
//! are in `messages::rights`; the notice, the access report and the
//! letters all list them from here, so they cannot drift apart.

/// A right of the data subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    Access,
    Rectification,
    Erasure,
    Restriction,
    Portability,
    Objection,
    Automated,
    WithdrawConsent,
    Complaint,
}

impl Right {
    /// Every right, in the order the notice and the letters list them.
    pub const ALL: [Right; 9] = [
        Right::Access,
        Right::Rectification,
        Right::Erasure,
        Right::Restriction,
        Right::Portability,
        Right::Objection,
        Right::Automated,
        Right::WithdrawConsent,
        Right::Complaint,
    ];

    /// Its name in JSON (`right`).
    pub fn name(self) -> &'static str {
        match self {
            Right::Access => "access",
            Right::Rectification => "rectification",
            Right::Erasure => "erasure",
            Right::Restriction => "restriction",
            Right::Portability => "portability",
            Right::Objection => "objection",
            Right::Automated => "automated-decisions",
            Right::WithdrawConsent => "withdraw-consent",
            Right::Complaint => "complaint",
        }
    }

    /// The article of the GDPR that gives it.
    pub fn article(self) -> &'static str {
        match self {
            Right::Access => "15",
            Right::Rectification => "16",
            Right::Erasure => "17",
            Right::Restriction => "18",
            Right::Portability => "20",
            Right::Objection => "21",
            Right::Automated => "22",
            Right::WithdrawConsent => "7(3)",
            Right::Complaint => "77",
        }
    }
}
