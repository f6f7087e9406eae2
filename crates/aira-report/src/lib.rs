//! The report writers: scores rendered for people and for other tools. The core's
//! `report::model` computes what a deliverable shows once; each format module only lays it out.
//! `aira score` output lives here too so that its JSON shape is defined once.
#![forbid(unsafe_code)]

pub mod charts;
pub mod ciso;
pub mod columns;
pub mod csv;
pub mod deliverable;
pub mod docx;
pub mod fmt;
pub mod format;
pub mod heatmap;
pub mod heatmap_svg;
pub mod html;
pub mod interviews;
pub mod json;
pub mod markdown;
pub mod oscal;
mod schema_keys;
pub mod scoped;
pub mod score;
pub mod typst;
pub mod xlsx;

pub use aira_core::report::Report;
pub use format::{ReportFormat, ReportKind, render, render_with};
