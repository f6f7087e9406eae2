//! aira's pure core: the questionnaire model, answers, scoring, search, the TOML reader, the
//! framework catalogues and the report model. No terminal, no files, no xlsx: everything here
//! takes values and returns values, so the tests and fuzzers hammer it directly.
//!
//! Inside the core the doors open one way: `text`, `number`, `diag`, `par`, `frameworks` and `tomltree`
//! below `questionnaire`, then `assessment`, then `scope` (which questions apply), then `scoring` and `search`, then `engagement` and
//! `report` (the model every writer lays out).
#![forbid(unsafe_code)]

pub mod assessment;
pub mod diag;
pub mod engagement;
pub mod frameworks;
pub mod number;
pub mod par;
pub mod questionnaire;
pub mod report;
pub mod scope;
pub mod scoring;
pub mod search;
pub mod text;
pub mod tomltree;
