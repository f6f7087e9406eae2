//! The respondents picker: a list over the card to choose whose answers the keys record (where
//! `next_respondent` goes round them one by one). A screen in one file: its keys and its view.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::action::{Action, Effect};
use super::keymap::Context;
use super::layout::{Panes, centered, first_row};
use super::screens::{Nav, RespondentsScreen};
use super::state::AppState;
use super::theme;
use super::update::ScreenKeys;
use super::view::ScreenView;
use super::view::status::{choose, join, key, truncate};
use aira_core::text::sanitize;

impl ScreenKeys for RespondentsScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::List]
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, _: &mut Vec<Effect>) -> Nav {
        let n = s.session.assessment().respondents.len();
        match action {
            Action::Back => Nav::Close,
            Action::Select => {
                s.session.select_respondent(self.cursor.get(n));
                s.ui.say(format!("Answering for {}", s.current_respondent().name));
                Nav::Close
            }
            other => {
                self.cursor.apply(other, n);
                Nav::Stay
            }
        }
    }
}

impl ScreenView for RespondentsScreen {
    fn draw(&self, s: &AppState, f: &mut Frame, p: &Panes) {
        let area = centered(p.body, 60, 60);
        f.render_widget(Clear, area);
        let block = crate::tui::view::frame(s.ui.theme(), " Respondents — whose answers the keys record ");
        let inner = block.inner(area);
        f.render_widget(block, area);
        let people = &s.session.assessment().respondents;
        let (sel, height) = (self.cursor.get(people.len()), inner.height as usize);
        let current = s.session.respondent_index();
        let start = first_row(sel, people.len(), height);
        let lines: Vec<Line> = (start..people.len().min(start + height))
            .map(|i| {
                let r = &people[i];
                let role = if r.role.is_empty() { String::new() } else { format!(" · {}", sanitize(&r.role, false)) };
                let mark = if i == current { "▶ " } else { "  " };
                let text = format!("{mark}{}{role}  ({})", sanitize(&r.name, false), sanitize(&r.id, false));
                let line = Line::raw(truncate(&text, inner.width as usize));
                if i == sel { line.style(theme::selected(s.ui.theme())) } else { line }
            })
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
        crate::tui::view::focus(s, f, inner, Some(sel.saturating_sub(start) as u16));
    }

    fn hints(&self, s: &AppState) -> String {
        join(vec![
            (choose(s, Context::List), "choose"),
            (key(s, Context::List, Action::Select), "answer for them"),
            (key(s, Context::List, Action::Back), "back"),
        ])
    }
}
