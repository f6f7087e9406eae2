//! The roadmap and the Statement of Applicability screens: lists over pure results from the
//! scoring room, with the SoA's one edit (a decision, and a justification when "no").

use super::{Effect, ScreenKeys};
use crate::tui::action::Action;
use crate::tui::input::{Limit, LineInput};
use crate::tui::keymap::Context;
use crate::tui::screens::{HelpScreen, Nav, RoadmapScreen, Screen, SoaScreen};
use crate::tui::state::AppState;
use aira_core::engagement::SoaEntry;
use aira_core::scoring::roadmap::{Item, Term};
use aira_core::scoring::soa::validate;

/// Longest justification typed in the wizard.
const MAX_JUSTIFICATION: usize = 4096;

/// Roadmap items in display order (horizon by horizon).
pub fn roadmap_items(s: &AppState) -> Vec<(Term, Item)> {
    aira_core::report::roadmap::build(s.session.questionnaire(), s.session.assessment(), s.session.meta())
        .into_iter()
        .flat_map(|h| h.items.into_iter().map(move |i| (h.term, i)))
        .collect()
}

impl ScreenKeys for RoadmapScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::List]
    }

    fn on_action(&mut self, _: &mut AppState, action: Action, _: &mut Vec<Effect>) -> Nav {
        match action {
            Action::Back | Action::Roadmap => Nav::Close,
            Action::Select => {
                self.items.get(self.cursor.get(self.items.len())).map_or(Nav::Stay, |(_, item)| Nav::Jump(item.index))
            }
            other => {
                self.cursor.apply(other, self.items.len());
                Nav::Stay
            }
        }
    }
}

impl ScreenKeys for SoaScreen {
    fn contexts(&self) -> &'static [Context] {
        // Typing a justification: every key edits it.
        if self.typing.is_some() { &[Context::Input] } else { &[Context::Soa] }
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav {
        let selected = self.cursor.get(self.rows.len());
        if let Some(text) = self.typing.as_mut() {
            match action {
                Action::Cancel => self.typing = None,
                Action::Submit => {
                    let text = text.text().to_owned();
                    fx.extend(self.decide(s, false, &text));
                }
                other => {
                    text.apply(other);
                }
            }
            return Nav::Stay;
        }
        match action {
            Action::Back | Action::Soa => return Nav::Close,
            Action::Help => return Nav::Push(Screen::Help(HelpScreen::default())),
            Action::Select => {
                let first = self.rows.get(selected).and_then(|r| r.questions.first());
                if let Some(i) = first.and_then(|id| s.session.questionnaire().index_of(id)) {
                    return Nav::Jump(i);
                }
            }
            Action::NotApplicable => {
                let current = self.rows.get(selected).map(|r| r.justification.as_str()).unwrap_or_default();
                self.typing = Some(LineInput::with_text(current, Limit::Bytes(MAX_JUSTIFICATION)));
            }
            Action::MarkApplicable => fx.extend(self.decide(s, true, "")),
            other => {
                self.cursor.apply(other, self.rows.len());
            }
        }
        Nav::Stay
    }

    fn on_paste(&mut self, _: &mut AppState, text: &str) {
        if let Some(t) = self.typing.as_mut() {
            t.paste(text);
        }
    }
}

impl SoaScreen {
    fn decide(&mut self, s: &mut AppState, applicable: bool, text: &str) -> Vec<Effect> {
        let Some(control) = self.rows.get(self.cursor.get(self.rows.len())).map(|r| r.control.clone()) else {
            return Vec::new();
        };
        if let Some(why) = s.session.read_only() {
            s.ui.set_flash(Some(format!("Read-only: {why}")));
            return Vec::new();
        }
        match validate(&control, applicable, text) {
            Ok(justification) => {
                s.session.decide_soa(control.clone(), SoaEntry { applicable, justification: justification.clone() });
                self.rows = s.session.soa_rows(false);
                self.typing = None;
                vec![Effect::SaveSoa { control, applicable, justification }]
            }
            Err(e) => {
                // Keep typing: the justification is what was missing.
                s.ui.set_flash(Some(e.to_string()));
                Vec::new()
            }
        }
    }
}
