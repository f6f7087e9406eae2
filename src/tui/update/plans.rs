//! The roadmap and the Statement of Applicability screens: lists over pure results from the
//! scoring room, with the SoA's one edit (a decision, and a justification when "no").

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Effect, jump};
use crate::scoring::references::score_references;
use crate::scoring::roadmap::Item;
use crate::scoring::soa::validate;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Key};
use crate::tui::state::{AppState, Mode};
use crate::workspace::meta::SoaEntry;

/// Roadmap items in display order (horizon by horizon).
pub fn roadmap_items(s: &AppState) -> Vec<(crate::scoring::roadmap::Term, Item)> {
    crate::report::roadmap::build(&s.questionnaire, &s.assessment, &s.meta)
        .into_iter()
        .flat_map(|h| h.items.into_iter().map(move |i| (h.term, i)))
        .collect()
}

pub fn roadmap_action(s: &mut AppState, selected: usize, action: Action) {
    let items = roadmap_items(s);
    let selected = match action {
        Action::Back | Action::Roadmap => {
            s.mode = Mode::Normal;
            return;
        }
        Action::Select => {
            if let Some((_, item)) = items.get(selected) {
                jump(s, item.index);
            }
            return;
        }
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(items.len().saturating_sub(1)),
        _ => selected,
    };
    s.mode = Mode::Roadmap { selected };
}

/// One SoA row: control id, title, decision, implementation status and citing questions.
pub struct SoaRow {
    pub id: String,
    pub title: String,
    pub entry: SoaEntry,
    pub status: crate::scoring::soa::Implementation,
    pub questions: Vec<usize>,
}

pub fn soa_rows(s: &AppState) -> Vec<SoaRow> {
    let statuses = s.assessment.statuses(&s.questionnaire);
    let refs = score_references(&s.questionnaire, &statuses, s.meta.aggregation);
    crate::frameworks::get()
        .iso
        .control
        .iter()
        .map(|c| {
            let score = refs.get(&c.id);
            SoaRow {
                id: c.id.clone(),
                title: c.title.clone(),
                entry: s
                    .meta
                    .soa
                    .get(&c.id)
                    .cloned()
                    .unwrap_or(SoaEntry { applicable: true, justification: String::new() }),
                status: crate::scoring::soa::Implementation::from_score(score.and_then(|r| r.tally.score)),
                questions: score.map(|r| r.questions.clone()).unwrap_or_default(),
            }
        })
        .collect()
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
    let n = crate::frameworks::get().iso.control.len();
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
            if let Some(&i) = soa_rows(s).get(selected).and_then(|r| r.questions.first()) {
                jump(s, i);
            }
            return Vec::new();
        }
        Action::NotApplicable => {
            let current = soa_rows(s).get(selected).map(|r| r.entry.justification.clone()).unwrap_or_default();
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
    let Some(control) = crate::frameworks::get().iso.control.get(selected).map(|c| c.id.clone()) else {
        return Vec::new();
    };
    if let Some(why) = &s.read_only {
        s.flash = Some(format!("Read-only: {why}"));
        return Vec::new();
    }
    match validate(&control, applicable, text) {
        Ok(justification) => {
            s.meta.soa.insert(control.clone(), SoaEntry { applicable, justification: justification.clone() });
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
