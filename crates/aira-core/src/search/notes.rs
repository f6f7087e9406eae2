//! Whose notes a search reads: every respondent's, each hit naming whose note matched.

/// The notes of `people` respondents: `note(question, person)` is one person's note on one
/// question (person is an index the caller maps back to a name: `Hit::respondent`).
#[derive(Clone, Copy, Debug)]
pub struct Notes<F> {
    pub people: usize,
    pub note: F,
}

/// No notes at all: the questionnaire's own text only.
pub fn none() -> Notes<fn(usize, usize) -> Option<&'static str>> {
    Notes { people: 0, note: |_, _| None }
}

/// One person's notes (`note(question)`), as person 0.
pub fn one<'n>(note: impl Fn(usize) -> Option<&'n str>) -> Notes<impl Fn(usize, usize) -> Option<&'n str>> {
    Notes { people: 1, note: move |question, _| note(question) }
}

/// A hit's best field is person `p`'s note when its index is `NOTE + p` (the questionnaire's
/// fields are numbered from 0 and never come near).
pub(super) const NOTE: usize = 1 << (usize::BITS - 1);
