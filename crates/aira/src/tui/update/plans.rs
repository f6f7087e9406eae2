//! The roadmap and the Statement of Applicability screens: lists over pure results from the
//! scoring room, with the SoA's one edit (a decision, and a justification when "no").

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Effect, jump};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Key};
use crate::tui::state::{AppState, Mode};
use aira_core::engagement::SoaEntry;
use aira_core::scoring::ReferenceIndex;
use aira_core::scoring::roadmap::{Item, Term};
use aira_core::scoring::soa::validate;

/// Roadmap items in display order (horizon by horizon).
pub fn roadmap_items(s: &AppState) -> Vec<(Term, Item)> {
    aira_core::report::roadmap::build(&s.questionnaire, &s.assessment, &s.meta)
        .into_iter()
        .flat_map(|h| h.items.into_iter().map(move |i| (h.term, i)))
        .collect()
}

/// Rebuild the SoA rows, exactly as the reports build them; `rescore` when answers may have
/// changed since the last time (the screen is opening), not after a decision.
pub fn refresh_soa(s: &mut AppState, rescore: bool) {
    if rescore {
        let index = s.plans.index.get_or_insert_with(|| ReferenceIndex::new(&s.questionnaire));
        s.plans.soa_refs = index.score(&s.scores.questions, s.meta.aggregation);
    }
    s.plans.soa = aira_core::report::model::soa_rows(&s.meta, &s.questionnaire, &s.plans.soa_refs);
}

pub fn roadmap_action(s: &mut AppState, selected: usize, action: Action) {
    let items = &s.plans.roadmap;
    let selected = match action {
        Action::Back | Action::Roadmap => {
            s.mode = Mode::Normal;
            return;
        }
        Action::Select => {
            if let Some(index) = items.get(selected).map(|(_, item)| item.index) {
                jump(s, index);
            }
            return;
        }
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(items.len().saturating_sub(1)),
        _ => selected,
    };
    s.mode = Mode::Roadmap { selected };
}

/// Keys on the SoA screen: while a justification is typed, keys are text.
pub fn soa_key(s: &mut AppState, selected: usize, typing: Option<String>, key: KeyEvent) -> Vec<Effect> {
    let Some(mut text) = typing else {
        let k = Key::from_event(&key);
        return match s.keymap.action(Context::Soa, k) {
            Some(Action::Quit) => vec![Effect::Quit],
            Some(a) => soa_action(s, selected, a),
            None => Vec::new(),
        };
    };
    match key.code {
        KeyCode::Esc => s.mode = Mode::Soa { selected, justification: None },
        KeyCode::Enter => return decide(s, selected, false, &text),
        KeyCode::Backspace => {
            text.pop();
            s.mode = Mode::Soa { selected, justification: Some(text) };
        }
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            if text.len() < 4096 {
                text.push(c);
            }
            s.mode = Mode::Soa { selected, justification: Some(text) };
        }
        _ => {}
    }
    Vec::new()
}

fn soa_action(s: &mut AppState, selected: usize, action: Action) -> Vec<Effect> {
    let n = aira_core::frameworks::get().iso.control.len();
    let selected = match action {
        Action::Back | Action::Soa => {
            s.mode = Mode::Normal;
            return Vec::new();
        }
        Action::Help => {
            s.mode = Mode::Help { scroll: 0 };
            return Vec::new();
        }
        Action::Select => {
            let first = s.plans.soa.get(selected).and_then(|r| r.questions.first().cloned());
            if let Some(i) = first.and_then(|id| s.questionnaire.index_of(&id)) {
                jump(s, i);
            }
            return Vec::new();
        }
        Action::NotApplicable => {
            let current = s.plans.soa.get(selected).map(|r| r.justification.clone()).unwrap_or_default();
            s.mode = Mode::Soa { selected, justification: Some(current) };
            return Vec::new();
        }
        Action::MarkApplicable => return decide(s, selected, true, ""),
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(n.saturating_sub(1)),
        _ => selected,
    };
    s.mode = Mode::Soa { selected, justification: None };
    Vec::new()
}

fn decide(s: &mut AppState, selected: usize, applicable: bool, text: &str) -> Vec<Effect> {
    let Some(control) = aira_core::frameworks::get().iso.control.get(selected).map(|c| c.id.clone()) else {
        return Vec::new();
    };
    if let Some(why) = &s.read_only {
        s.flash = Some(format!("Read-only: {why}"));
        return Vec::new();
    }
    match validate(&control, applicable, text) {
        Ok(justification) => {
            s.meta.soa.insert(control.clone(), SoaEntry { applicable, justification: justification.clone() });
            refresh_soa(s, false);
            s.mode = Mode::Soa { selected, justification: None };
            s.save.pending += 1;
            vec![Effect::SaveSoa { control, applicable, justification }]
        }
        Err(e) => {
            s.flash = Some(e.to_string());
            // Keep typing: the justification is what was missing.
            if !applicable {
                s.mode = Mode::Soa { selected, justification: Some(text.to_owned()) };
            }
            Vec::new()
        }
    }
}
