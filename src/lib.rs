//! aira: AI-governance readiness assessments in the terminal.
//!
//! The rooms, and which way the doors open: `questionnaire`, `assessment`, `scoring`, `search`
//! and `tomltree` (the TOML reader under `questionnaire` and the answers files) are pure (no
//! terminal, no files); `workspace` stores; `report` writes deliverables;
//! `tui` draws and reads keys; `cli` wires them together. Nothing depends on `tui` or `cli`.
#![forbid(unsafe_code)]

pub mod assessment;
pub mod cli;
pub mod config;
pub mod diag;
pub mod frameworks;
pub mod import;
pub mod par;
pub mod questionnaire;
pub mod recent;
pub mod report;
pub mod scoring;
pub mod search;
#[doc(hidden)]
pub mod testgen;
pub mod text;
pub mod tomltree;
pub mod tui;
pub mod workspace;
