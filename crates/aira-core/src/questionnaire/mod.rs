//! The questionnaire room (pure): the model, format-1 loading with located diagnostics, and
//! the questionnaires built into the binary. No file or terminal I/O happens here.

mod cites;
mod fields;
mod ids;
mod load;
mod model;
pub mod refs;
mod roles;
mod scope_keys;

pub use fields::{MAX_FIELD_BYTES, is_valid_id};
pub use ids::IdIndex;
pub use load::{FORMAT, LoadError, MAX_FILE_BYTES, MAX_QUESTIONS, QUESTION_KEYS, check, check_with, parse, parse_with};
pub use model::{Function, Kind, Phase, Question, Questionnaire, Role, Scale, ScaleLevel, check_role};

/// A questionnaire shipped inside the binary.
pub struct Builtin {
    pub id: &'static str,
    pub file: &'static str,
    pub text: &'static str,
}

/// The built-in questionnaires; the first is the default for new workspaces.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "ai-governance-readiness",
        file: "questionnaires/ai-governance-readiness.toml",
        text: include_str!("../../../../questionnaires/ai-governance-readiness.toml"),
    },
    Builtin {
        id: "eu-ai-act-readiness",
        file: "questionnaires/eu-ai-act-readiness.toml",
        text: include_str!("../../../../questionnaires/eu-ai-act-readiness.toml"),
    },
];

/// The candidate nearest to `typed`, for a "did you mean" (role and profile ids).
pub fn closest_id<'a>(typed: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    crate::text::closest(typed, candidates)
}

pub fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

pub fn default_builtin() -> &'static Builtin {
    &BUILTINS[0]
}

#[cfg(test)]
mod scope_tests;
#[cfg(test)]
mod tests;
