//! End-to-end tests that drive the real binary in a pseudo-terminal or kill it mid-write: slow,
//! so they are a binary of their own (`cargo test --test e2e`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod accessible_pty;
mod e2e_pty;
mod e2e_wizard;
mod fault_harness;
mod forms_pty;
mod hangup;
mod kill;
mod respondent_pty;
mod start_pty;
mod workshop_pacing;
mod workshop_pty;
