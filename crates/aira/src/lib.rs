//! aira, the app: the terminal wizard (`tui`) and the commands (`cli`) that wire the other
//! crates together — `aira-core` (pure rooms), `aira-import`, `aira-store` (files) and
//! `aira-report` (writers). Nothing depends on this crate; `main.rs` only calls `cli::run`.
#![forbid(unsafe_code)]

pub mod cli;
pub mod tui;
