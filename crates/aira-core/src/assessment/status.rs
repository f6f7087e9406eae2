//! A question's status as scoring sees it: a (mean) level, not applicable, or unanswered.
//! It lives with the answers that produce it, so scoring depends on the assessment and never
//! the other way round.

/// What scoring knows of one question.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    Unanswered,
    NotApplicable,
    /// A level, or the mean of several respondents' levels.
    Scored(f64),
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unanswered => "unanswered",
            Status::NotApplicable => "not_applicable",
            Status::Scored(_) => "answered",
        }
    }

    pub fn score(self) -> Option<f64> {
        match self {
            Status::Scored(s) => Some(s),
            _ => None,
        }
    }
}
