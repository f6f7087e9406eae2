//! The report model (pure): what a deliverable shows, computed once — rows, SoA rows, the
//! roadmap. The writers in `aira-report` and the TUI's plans screen only lay it out.

pub mod anonymise;
pub mod families;
pub mod model;
pub mod roadmap;
pub mod scope;

pub use model::Report;
