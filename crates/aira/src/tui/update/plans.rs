//! The roadmap and the Statement of Applicability screens: lists over pure results from the
//! scoring room, with the SoA's edits (a decision, a justification when "no", an owner).

use super::{Effect, ScreenKeys};
use crate::tui::action::Action;
use crate::tui::input::{Limit, LineInput};
use crate::tui::keymap::Context;
use crate::tui::screens::{HelpScreen, Nav, RoadmapField, RoadmapScreen, Screen, SoaScreen};
use crate::tui::state::AppState;
use aira_core::engagement::{Applicability, IsoDate, RoadmapEntry, SoaEntry};
use aira_core::scoring::roadmap::{Item, Term};
use aira_core::scoring::soa::validate;

/// Longest justification typed in the wizard.
const MAX_JUSTIFICATION: usize = 4096;
/// Longest roadmap owner typed in the wizard.
const MAX_OWNER: usize = 256;

/// Roadmap items in display order (horizon by horizon).
pub fn roadmap_items(s: &AppState) -> Vec<(Term, Item)> {
    aira_core::report::roadmap::build(s.session.questionnaire(), s.session.assessment(), s.session.meta())
        .into_iter()
        .flat_map(|h| h.items.into_iter().map(move |i| (h.term, i)))
        .collect()
}

impl ScreenKeys for RoadmapScreen {
    fn contexts(&self) -> &'static [Context] {
        // Typing an owner or a date: every key edits it.
        if self.typing.is_some() { &[Context::Input] } else { &[Context::Roadmap] }
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav {
        if let Some((field, text)) = self.typing.as_mut() {
            match action {
                Action::Cancel => self.typing = None,
                Action::Submit => {
                    let (field, text) = (*field, text.text().to_owned());
                    fx.extend(self.set(s, field, &text));
                }
                other => {
                    text.apply(other);
                }
            }
            return Nav::Stay;
        }
        let question = self.items.get(self.cursor.get(self.items.len())).map(|(_, i)| i.index);
        match action {
            Action::Back | Action::Roadmap => Nav::Close,
            Action::Help => Nav::Push(Screen::Help(HelpScreen::default())),
            Action::Select => question.map_or(Nav::Stay, Nav::Jump),
            Action::SetOwner | Action::SetDue => {
                let Some(q) = question else { return Nav::Stay };
                let id = &s.session.questionnaire().questions[q].id;
                let now = s.session.meta().roadmap_entry(id).cloned().unwrap_or_default();
                let (field, current, limit) = if action == Action::SetOwner {
                    (RoadmapField::Owner, now.owner, Limit::Bytes(MAX_OWNER))
                } else {
                    (RoadmapField::Due, now.due.map(|d| d.to_string()).unwrap_or_default(), Limit::Bytes(10))
                };
                self.typing = Some((field, LineInput::with_text(&current, limit)));
                Nav::Stay
            }
            other => {
                self.cursor.apply(other, self.items.len());
                Nav::Stay
            }
        }
    }

    fn on_paste(&mut self, _: &mut AppState, text: &str) {
        if let Some((_, t)) = self.typing.as_mut() {
            t.paste(text);
        }
    }
}

impl RoadmapScreen {
    /// The selected item's owner or due date from what was typed (empty clears it), checked as
    /// `aira roadmap set` checks it; a refusal keeps the typing open with the reason.
    fn set(&mut self, s: &mut AppState, field: RoadmapField, text: &str) -> Vec<Effect> {
        let Some(q) = self.items.get(self.cursor.get(self.items.len())).map(|(_, i)| i.index) else {
            return Vec::new();
        };
        if let Some(why) = s.session.read_only() {
            s.ui.set_flash(Some(format!("Read-only: {why}")));
            return Vec::new();
        }
        let question = s.session.questionnaire().questions[q].id.clone();
        let mut entry = s.session.meta().roadmap_entry(&question).cloned().unwrap_or_default();
        let text = text.trim();
        let checked = match field {
            RoadmapField::Owner if text.is_empty() => Ok(String::new()),
            RoadmapField::Owner => RoadmapEntry::check_owner(text),
            RoadmapField::Due if text.is_empty() => Ok(String::new()),
            RoadmapField::Due => text.parse::<IsoDate>().map(|d| d.to_string()),
        };
        match (field, checked) {
            (_, Err(e)) => {
                s.ui.set_flash(Some(e.to_string()));
                return Vec::new();
            }
            (RoadmapField::Owner, Ok(owner)) => entry.owner = owner,
            (RoadmapField::Due, Ok(_)) => entry.due = text.parse::<IsoDate>().ok(),
        }
        self.typing = None;
        if s.session.meta().roadmap_entry(&question).cloned().unwrap_or_default() == entry {
            return Vec::new();
        }
        s.session.set_roadmap(question.clone(), entry.clone());
        vec![Effect::SaveRoadmap { question, entry }]
    }
}

impl ScreenKeys for SoaScreen {
    fn contexts(&self) -> &'static [Context] {
        // Typing a justification or an owner: every key edits it.
        if self.typing.is_some() || self.owner.is_some() { &[Context::Input] } else { &[Context::Soa] }
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav {
        let selected = self.cursor.get(self.rows.len());
        if let Some(text) = self.owner.as_mut() {
            match action {
                Action::Cancel => self.owner = None,
                Action::Submit => {
                    let text = text.text().to_owned();
                    fx.extend(self.name_owner(s, &text));
                }
                other => {
                    text.apply(other);
                }
            }
            return Nav::Stay;
        }
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
            Action::SetOwner => {
                if let Some(r) = self.rows.get(selected) {
                    // The prompt opens even on an undecided control, where it is refused at
                    // once and again on Enter: a name typed before the refusal is read lands
                    // in the prompt instead of falling through as keys (`n`, `y` decide).
                    if r.applicability == Applicability::Undecided {
                        s.ui.set_flash(Some(undecided(&r.control)));
                    }
                    self.owner = Some(LineInput::with_text(&r.owner, Limit::Bytes(MAX_OWNER)));
                }
            }
            other => {
                self.cursor.apply(other, self.rows.len());
            }
        }
        Nav::Stay
    }

    fn on_paste(&mut self, _: &mut AppState, text: &str) {
        if let Some(t) = self.owner.as_mut().or(self.typing.as_mut()) {
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
                // A new decision keeps the control's owner.
                let owner = s.session.meta().soa_decision(&control).owner.to_owned();
                self.typing = None;
                self.save(s, SoaEntry { applicable, justification, owner }, control)
            }
            Err(e) => {
                // Keep typing: the justification is what was missing.
                s.ui.set_flash(Some(e.to_string()));
                Vec::new()
            }
        }
    }
}

impl SoaScreen {
    /// The selected control's owner from what was typed (empty clears it), checked as `aira soa
    /// set --owner` checks it; a refusal keeps the typing open with the reason.
    fn name_owner(&mut self, s: &mut AppState, text: &str) -> Vec<Effect> {
        let Some(control) = self.rows.get(self.cursor.get(self.rows.len())).map(|r| r.control.clone()) else {
            return Vec::new();
        };
        if let Some(why) = s.session.read_only() {
            s.ui.set_flash(Some(format!("Read-only: {why}")));
            return Vec::new();
        }
        let owner = match SoaEntry::check_owner(text) {
            Ok(o) => o,
            Err(e) => {
                s.ui.set_flash(Some(e.to_string()));
                return Vec::new();
            }
        };
        let Some(now) = s.session.meta().soa.get(&control).cloned() else {
            // Undecided: refused, with what was typed kept (Esc leaves).
            s.ui.set_flash(Some(undecided(&control)));
            return Vec::new();
        };
        self.owner = None;
        if now.owner == owner {
            return Vec::new();
        }
        self.save(s, SoaEntry { owner, ..now }, control)
    }

    /// Record a whole entry in the session (on the undo list) and ask for it to be saved.
    fn save(&mut self, s: &mut AppState, entry: SoaEntry, control: String) -> Vec<Effect> {
        let SoaEntry { applicable, justification, owner } = entry.clone();
        s.session.decide_soa(control.clone(), entry);
        self.rows = s.session.soa_rows(false);
        vec![Effect::SaveSoa { control, applicable, justification, owner }]
    }
}

fn undecided(control: &str) -> String {
    format!("{control} is undecided: decide whether it applies before naming its owner (Esc leaves)")
}
