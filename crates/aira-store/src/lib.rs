//! aira's storage: the workspace folder (atomic saves, journal, history, lock, merge, upgrade),
//! the list of recently opened workspaces, and the user's config. Files are parsed here into the
//! core's types; nothing above this crate reads a workspace file itself.
#![forbid(unsafe_code)]

pub mod clock;
pub mod config;
pub mod recent;
pub mod workspace;
