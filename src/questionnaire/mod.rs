//! The questionnaire room (pure): the model, format-1 loading with located diagnostics, and
//! the questionnaires built into the binary. No file or terminal I/O happens here.

mod fields;
mod load;
mod model;
pub mod refs;
mod roles;

pub use fields::MAX_FIELD_BYTES;
pub use load::{FORMAT, LoadError, MAX_FILE_BYTES, MAX_QUESTIONS, QUESTION_KEYS, check, is_valid_id, parse};
pub use model::{Function, Phase, Question, Questionnaire, Role, Scale, ScaleLevel};

/// A questionnaire shipped inside the binary.
pub struct Builtin {
    pub id: &'static str,
    pub file: &'static str,
    pub text: &'static str,
}

/// The built-in questionnaires; the first is the default for new workspaces.
pub const BUILTINS: &[Builtin] = &[Builtin {
    id: "ai-governance-readiness",
    file: "questionnaires/ai-governance-readiness.toml",
    text: include_str!("../../questionnaires/ai-governance-readiness.toml"),
}];

pub fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

pub fn default_builtin() -> &'static Builtin {
    &BUILTINS[0]
}

#[cfg(test)]
mod tests;
