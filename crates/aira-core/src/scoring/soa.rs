//! Statement of Applicability rules (pure): a control's implementation status from its
//! score, and what a valid "not applicable" decision needs. docs/scoring.md states the rule.

use serde::Serialize;

use crate::frameworks;

/// How far an Annex A control is implemented, judged from the questions citing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Implementation {
    /// No question citing the control has a level.
    NotAssessed,
    NotImplemented,
    Partial,
    Implemented,
}

impl Implementation {
    /// From the control's score: < 1 not implemented, 1 ≤ score < 3 partial, ≥ 3 implemented.
    pub fn from_score(score: Option<f64>) -> Self {
        match score {
            None => Implementation::NotAssessed,
            Some(s) if s < 1.0 => Implementation::NotImplemented,
            Some(s) if s < 3.0 => Implementation::Partial,
            Some(_) => Implementation::Implemented,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Implementation::NotAssessed => "not assessed",
            Implementation::NotImplemented => "not implemented",
            Implementation::Partial => "partial",
            Implementation::Implemented => "implemented",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SoaError {
    #[error("`{0}` is not an ISO/IEC 42001 Annex A control (e.g. A.2.2)")]
    UnknownControl(String),
    #[error("marking {0} not applicable needs a justification")]
    MissingJustification(String),
    #[error("the justification contains the control character U+{0:04X}")]
    ControlCharacter(u32),
}

/// Check a decision before it is stored: the control must exist, and "not applicable" needs
/// a non-blank justification (ISO/IEC 42001 6.1.3 asks for one). Returns the trimmed text.
pub fn validate(control: &str, applicable: bool, justification: &str) -> Result<String, SoaError> {
    if !frameworks::get().iso.control.iter().any(|c| c.id == control) {
        return Err(SoaError::UnknownControl(control.to_owned()));
    }
    if let Some((_, c)) = crate::text::find_forbidden_control(justification, true) {
        return Err(SoaError::ControlCharacter(c as u32));
    }
    let text = justification.trim();
    if !applicable && text.is_empty() {
        return Err(SoaError::MissingJustification(control.to_owned()));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_thresholds() {
        use Implementation::*;
        let got: Vec<_> = [None, Some(0.0), Some(0.99), Some(1.0), Some(2.99), Some(3.0), Some(5.0)]
            .into_iter()
            .map(Implementation::from_score)
            .collect();
        assert_eq!(got, [NotAssessed, NotImplemented, NotImplemented, Partial, Partial, Implemented, Implemented]);
    }

    #[test]
    fn not_applicable_needs_a_reason_and_a_real_control() {
        assert_eq!(validate("A.2.2", false, "  "), Err(SoaError::MissingJustification("A.2.2".into())));
        assert_eq!(validate("A.99", true, ""), Err(SoaError::UnknownControl("A.99".into())));
        assert_eq!(validate("5.2", true, ""), Err(SoaError::UnknownControl("5.2".into())));
        assert_eq!(validate("A.2.2", false, "x\u{1b}"), Err(SoaError::ControlCharacter(0x1b)));
        assert_eq!(validate("A.10.3", false, " No suppliers. \n"), Ok("No suppliers.".into()));
        assert_eq!(validate("A.2.2", true, ""), Ok(String::new()));
    }
}
