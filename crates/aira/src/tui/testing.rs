//! Test support: a small, deterministic state built from tests/fixtures/mini.toml.

use crate::tui::state::AppState;
use aira_core::assessment::{Assessment, Respondent};
use aira_core::questionnaire::parse;

pub fn mini_state() -> AppState {
    let q = parse("mini", include_str!("../../../../tests/fixtures/mini.toml")).unwrap();
    let meta: aira_core::engagement::Engagement = toml::from_str(
        "format = 1\n[questionnaire]\nid = \"mini\"\nversion = \"0.1.0\"\nsha256 = \"x\"\n[targets]\ndefault = 3\n",
    )
    .unwrap();
    let assessment = Assessment { respondents: vec![Respondent::new("default", "Default")], ..Default::default() };
    let mut s = AppState::new(q, meta, assessment, "tester".into());
    s.session.set_clock(|| "2026-11-22T10:00:00.000+00:00".to_owned());
    s
}

/// The built-in EU AI Act questionnaire in a workspace that chose `profiles`.
pub fn eu_state(profiles: &[&str]) -> AppState {
    let b = aira_core::questionnaire::builtin("eu-ai-act-readiness").unwrap();
    let q = parse(b.id, b.text).unwrap();
    let mut meta: aira_core::engagement::Engagement = toml::from_str(
        "format = 1\n[questionnaire]\nid = \"eu-ai-act-readiness\"\nversion = \"1\"\nsha256 = \"x\"\n[targets]\ndefault = 3\n",
    )
    .unwrap();
    meta.profiles = profiles.iter().map(|p| (*p).to_owned()).collect();
    let assessment = Assessment { respondents: vec![Respondent::new("default", "Default")], ..Default::default() };
    let mut s = AppState::new(q, meta, assessment, "tester".into());
    s.session.set_clock(|| "2026-11-22T10:00:00.000+00:00".to_owned());
    s
}

/// The whole screen as text, drawn on a test backend of `w`×`h`.
pub fn screen(s: &AppState, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| crate::tui::view::render(s, f)).unwrap();
    format!("{}", t.backend())
}
