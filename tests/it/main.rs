//! The integration tests, linked once: each former `tests/<name>.rs` is a module here, so a library
//! edit relinks one binary instead of twenty-seven. The slow terminal tests are in `tests/e2e`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;
mod content_support;
mod family_support;
mod hardening_support;
mod report_support;

mod check_cli;
mod check_discovery;
mod cli_flags;
mod cli_polish;
mod consensus_reports;
mod content_escape;
mod content_semantics;
mod content_small;
mod diff_fixtures;
mod doctor_files;
mod engagement_cli;
mod eu_framework_files;
mod eu_questionnaire;
mod eu_scope;
mod evidence_cli;
mod flagship_questionnaire;
mod git_merge;
mod hardening_files;
mod hardening_hostile;
mod hardening_limits;
mod hardening_props;
mod hardening_terminal;
mod house_imports;
mod import_ciso;
mod import_csv;
mod import_hostile;
mod interop_anonymise;
mod interop_ciso;
mod interop_oscal;
mod interop_schemas;
mod interop_support;
mod interviews_cli;
mod interviews_report;
mod interviews_scoring;
mod merge_archived;
mod merge_base;
mod merge_three;
mod numbers_agree;
mod report_cli;
mod report_client_text;
mod report_deliverable_scope;
mod report_engagement;
mod report_formats;
mod report_generated;
mod report_pdf;
mod report_safety;
mod report_screenshot;
mod report_soa_owner;
mod respondents_cli;
mod targets_cli;
mod targets_merge;
mod tui_edge;
mod undo_cli;
mod undo_kinds_cli;
mod upgrade_cli;
