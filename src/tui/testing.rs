//! Test support: a small, deterministic state built from tests/fixtures/mini.toml.

use crate::assessment::{Assessment, Respondent};
use crate::questionnaire::parse;
use crate::tui::state::AppState;

pub fn mini_state() -> AppState {
    let q = parse("mini", include_str!("../../tests/fixtures/mini.toml")).unwrap();
    let meta: crate::workspace::Meta = toml::from_str(
        "format = 1\n[questionnaire]\nid = \"mini\"\nversion = \"0.1.0\"\nsha256 = \"x\"\n[targets]\ndefault = 3\n",
    )
    .unwrap();
    let assessment = Assessment { respondents: vec![Respondent::new("default", "Default")], ..Default::default() };
    let mut s = AppState::new(q, meta, assessment, "tester".into());
    s.now = || "2026-11-22T10:00:00.000+00:00".to_owned();
    s
}
