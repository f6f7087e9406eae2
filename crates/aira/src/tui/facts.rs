//! The engagement facts form (`edit_facts`, also from the start screen's `edit_facts`): scope,
//! assessors, the client's contact, the assessment period, the report's status and version.
//! Each field is read and checked by `FactsText::edit`, as `aira engagement set` reads its
//! flags, and the save is the store's `set_facts` (through the save worker), in history, where
//! `u` and `aira undo` revert it. A screen in one file: its keys and its view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::action::{Action, Effect};
use super::keymap::Context;
use super::layout::Panes;
use super::screens::{FACT_FIELDS, FactsScreen, Nav, fact_label};
use super::state::AppState;
use super::theme;
use super::update::ScreenKeys;
use super::view::ScreenView;
use super::view::status::{join, key, truncate};
use aira_core::engagement::{Fact, ReportStatus};
use aira_core::text::sanitize;

impl ScreenKeys for FactsScreen {
    fn contexts(&self) -> &'static [Context] {
        // The status is a choice: left and right change it. In a text field they move the cursor.
        if self.focused() == Fact::Status { &[Context::Form] } else { &[Context::Input, Context::Form] }
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav {
        let n = FACT_FIELDS.len();
        match action {
            Action::Cancel | Action::Back => {
                s.ui.set_flash(Some("Engagement facts left as they were".into()));
                return Nav::Close;
            }
            Action::NextField => self.focus = (self.focus + 1) % n,
            Action::PrevField => self.focus = (self.focus + n - 1) % n,
            Action::NextChoice | Action::PrevChoice | Action::ToggleChoice if self.focused() == Fact::Status => {
                self.status = match self.status {
                    ReportStatus::Draft => ReportStatus::Final,
                    ReportStatus::Final => ReportStatus::Draft,
                };
            }
            Action::Submit => return self.save(s, fx),
            other => {
                let fact = self.focused();
                if let Some(line) = self.input_mut(fact) {
                    line.apply(other);
                }
            }
        }
        Nav::Stay
    }

    fn on_paste(&mut self, _: &mut AppState, text: &str) {
        let fact = self.focused();
        if let Some(line) = self.input_mut(fact) {
            line.paste(text);
        }
    }
}

impl FactsScreen {
    /// Check every changed field as the command checks it; keep the form open on the first
    /// refusal, with the focus on its field.
    fn save(&mut self, s: &mut AppState, fx: &mut Vec<Effect>) -> Nav {
        if let Some(why) = s.session.read_only() {
            self.error = Some((self.focused(), format!("Read-only: {why}")));
            return Nav::Stay;
        }
        let refused = if self.changed(Fact::Period) && self.period.text().trim().is_empty() {
            // `aira engagement set` cannot remove a period either: say so rather than keep it silently.
            Err((Fact::Period, "a period cannot be removed, only changed: write START..END".to_owned()))
        } else {
            self.typed().edit_or_field().map_err(|(f, e)| (f, e.to_string()))
        };
        let edit = match refused {
            Ok(edit) => edit,
            Err((fact, why)) => {
                self.focus = FACT_FIELDS.iter().position(|f| *f == fact).unwrap_or(0);
                self.error = Some((fact, why));
                return Nav::Stay;
            }
        };
        let changed = s.session.set_facts(&edit);
        if changed.is_empty() {
            s.ui.set_flash(Some("Engagement facts: nothing changed".into()));
        } else {
            let names: Vec<&str> = changed.iter().map(|k| k.strip_prefix("report_").unwrap_or(k)).collect();
            s.ui.set_flash(Some(format!("Engagement facts changed: {}", names.join(", "))));
            // Only what changed: the history entry then names the facts the flash (and `u`) name.
            fx.push(Effect::SaveFacts(edit.only(&changed)));
        }
        Nav::Close
    }
}

/// What a field takes, shown beside it while it has the focus.
fn shape(fact: Fact) -> &'static str {
    match fact {
        Fact::Scope => "what the assessment covers",
        Fact::Assessors => "names, separated by commas",
        Fact::Contact => "name, role, address: one line",
        Fact::Period => "START..END, e.g. 2026-11-01..2026-11-30",
        Fact::Status => "draft or final",
        Fact::Version => "e.g. 0.1 or 1.0",
    }
}

/// A line being typed, cut to `room` columns so the caret stays in view.
fn field_text(input: &crate::tui::input::LineInput, focused: bool, room: usize) -> String {
    let clean = |t: &str| sanitize(t, false).into_owned();
    if !focused {
        return truncate(&clean(input.text()), room);
    }
    let shown = crate::tui::view::caret(input);
    if shown.width() <= room {
        return shown;
    }
    // Keep the end of what is before the caret, then as much after it as fits.
    let (before, after) = input.split();
    let before: Vec<char> = clean(before).chars().collect();
    let keep = room.saturating_sub(2).min(before.len());
    let tail: String = before[before.len() - keep..].iter().collect();
    truncate(&format!("…{tail}▏{}", clean(after)), room)
}

impl ScreenView for FactsScreen {
    fn draw(&self, s: &AppState, f: &mut Frame, p: &Panes) {
        let body = p.body;
        let (w, h) = (body.width.min(100).max(body.width.min(40)), body.height.min(11));
        let area = Rect { x: body.x + (body.width - w) / 2, y: body.y + (body.height - h) / 2, width: w, height: h };
        f.render_widget(Clear, area);
        let block = crate::tui::view::frame(s.ui.theme(), " Engagement facts — the report's cover ");
        let inner = block.inner(area);
        f.render_widget(block, area);
        let t = s.ui.theme();
        let label_w = FACT_FIELDS.iter().map(|x| fact_label(*x).width()).max().unwrap_or(0) + 2;
        let room = (inner.width as usize).saturating_sub(label_w + 3);
        let mut lines = Vec::new();
        for (i, fact) in FACT_FIELDS.iter().enumerate() {
            let focused = i == self.focus;
            let value = match (fact, self.input(*fact)) {
                (Fact::Status, _) if focused => format!("◀ {} ▶", self.status.as_str()),
                (Fact::Status, _) => self.status.as_str().to_owned(),
                (_, Some(line)) => field_text(line, focused, room),
                (_, None) => String::new(),
            };
            let mark = if focused { "▶ " } else { "  " };
            let style = if focused { theme::selected(t) } else { Style::new() };
            lines.push(Line::from(vec![
                Span::styled(format!("{mark}{:<label_w$}", fact_label(*fact)), style.add_modifier(Modifier::BOLD)),
                Span::styled(value, style),
            ]));
        }
        lines.push(Line::raw(""));
        let focused = self.focused();
        match &self.error {
            Some((fact, why)) => lines.push(Line::styled(
                truncate(&format!("  {}: {}", fact_label(*fact), sanitize(why, false)), inner.width as usize),
                theme::warning(t),
            )),
            None => lines.push(Line::styled(
                truncate(&format!("  {}: {}", fact_label(focused), shape(focused)), inner.width as usize),
                theme::dim(t),
            )),
        }
        // The wizard's undo key reaches a facts change as it reaches an answer.
        let undo = key(s, Context::Normal, Action::Undo).map_or_else(String::new, |k| format!("`{k}` or "));
        lines.push(Line::styled(
            truncate(
                &format!("  Saved in workspace.toml and history; {undo}`aira undo` reverts it."),
                inner.width as usize,
            ),
            theme::dim(t),
        ));
        f.render_widget(Paragraph::new(lines), inner);
        // Accessible mode: the real cursor on the focused field.
        crate::tui::view::focus(s, f, inner, u16::try_from(self.focus).ok());
    }

    fn hints(&self, s: &AppState) -> String {
        let choice = (self.focused() == Fact::Status).then(|| {
            let (l, r) = (key(s, Context::Form, Action::PrevChoice), key(s, Context::Form, Action::NextChoice));
            l.zip(r).map(|(l, r)| format!("{l}{r}"))
        });
        join(vec![
            (key(s, Context::Form, Action::NextField), "next field"),
            (key(s, Context::Form, Action::PrevField), "previous"),
            (choice.flatten(), "draft/final"),
            (key(s, Context::Form, Action::Submit), "save"),
            (key(s, Context::Form, Action::Cancel), "cancel"),
        ])
    }
}
