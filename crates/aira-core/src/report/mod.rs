//! The report model (pure): what a deliverable shows, computed once — rows, SoA rows, the
//! roadmap, findings, the executive summary, the methodology and the evidence register. The
//! writers in `aira-report` and the TUI's plans screen only lay it out.

pub mod anonymise;
pub mod consensus;
pub mod families;
pub mod findings;
pub mod method;
pub mod model;
pub mod register;
pub mod roadmap;
pub mod scope;
pub mod summary;

pub use model::Report;
