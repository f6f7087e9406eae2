//! How each stacked screen is drawn and what its status-bar hints say (`ScreenView`). The
//! drawing itself lives in the screen's view module; this is where a screen says where it goes.

use ratatui::Frame;

use super::status::{arrows, choose, join, key, keys, typing};
use super::{Panes, ScreenView, centered, heatmap_full, help, lists, note, plans};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::{
    CellListScreen, HeatmapScreen, HelpScreen, LogScreen, NavigatorScreen, NoteScreen, PromptScreen, RoadmapScreen,
    SearchScreen, SoaScreen,
};
use crate::tui::state::AppState;

/// Choose, jump, back: the hints of every list of questions.
fn list_hints(s: &AppState) -> String {
    join(vec![
        (choose(s, Context::List), "choose"),
        (key(s, Context::List, Action::Select), "jump"),
        (key(s, Context::List, Action::Back), "back"),
    ])
}

impl ScreenView for HelpScreen {
    fn full_body(&self) -> bool {
        true
    }

    fn draw(&self, s: &AppState, f: &mut Frame, p: &Panes) {
        help::render(s, f, p.body, self.scroll);
    }

    fn hints(&self, s: &AppState) -> String {
        join(vec![(key(s, Context::Help, Action::Back), "close")])
    }
}

impl ScreenView for HeatmapScreen {
    fn full_body(&self) -> bool {
        true
    }

    fn draw(&self, s: &AppState, f: &mut Frame, p: &Panes) {
        heatmap_full::render(s, f, p.body, (self.row, self.col), self.view);
    }

    fn hints(&self, s: &AppState) -> String {
        join(vec![
            (arrows(s.ui.keymap(), Context::Heatmap), "move"),
            (key(s, Context::Heatmap, Action::Select), "questions"),
            (key(s, Context::Heatmap, Action::CycleView), "current/target/gap"),
            (key(s, Context::Heatmap, Action::Back), "back"),
        ])
    }
}

impl ScreenView for CellListScreen {
    fn full_body(&self) -> bool {
        true
    }

    fn draw(&self, s: &AppState, f: &mut Frame, p: &Panes) {
        lists::cell(s, f, p.body, self);
    }

    fn hints(&self, s: &AppState) -> String {
        list_hints(s)
    }
}

impl ScreenView for SearchScreen {
    fn draw(&self, s: &AppState, f: &mut Frame, p: &Panes) {
        lists::search(s, f, centered(p.body, 90, 80), self);
    }

    fn hints(&self, s: &AppState) -> String {
        list_hints(s)
    }
}

impl ScreenView for NoteScreen {
    fn draw(&self, s: &AppState, f: &mut Frame, p: &Panes) {
        note(s, self, f, p.card);
    }

    fn hints(&self, s: &AppState) -> String {
        join(vec![(keys(s.ui.keymap(), Context::Note, Action::KeepNote), "keep note")])
    }
}

/// Drawn in the navigator pane, which the card's layout places (`layout::panes`).
impl ScreenView for NavigatorScreen {
    fn hints(&self, s: &AppState) -> String {
        let ctx = Context::Navigator;
        join(vec![
            (choose(s, ctx), "choose"),
            (key(s, ctx, Action::Select), "jump"),
            (key(s, ctx, Action::FilterUnanswered), "unanswered"),
            (key(s, ctx, Action::FilterFlagged), "flagged"),
            (key(s, ctx, Action::FilterRole), "role"),
            (key(s, ctx, Action::FilterQuick), "quick"),
            (key(s, ctx, Action::FilterAll), "all"),
        ])
    }
}

impl ScreenView for RoadmapScreen {
    fn full_body(&self) -> bool {
        true
    }

    fn draw(&self, s: &AppState, f: &mut Frame, p: &Panes) {
        plans::roadmap(s, f, p.body, self);
    }

    fn hints(&self, s: &AppState) -> String {
        if self.typing.is_some() {
            return join(vec![
                (key(s, Context::Input, Action::Submit), "keep"),
                (key(s, Context::Input, Action::Cancel), "cancel"),
            ]);
        }
        join(vec![
            (choose(s, Context::Roadmap), "choose"),
            (key(s, Context::Roadmap, Action::SetOwner), "owner"),
            (key(s, Context::Roadmap, Action::SetDue), "due date"),
            (key(s, Context::Roadmap, Action::Select), "jump"),
            (key(s, Context::Roadmap, Action::Back), "back"),
        ])
    }
}

impl ScreenView for SoaScreen {
    fn full_body(&self) -> bool {
        true
    }

    fn draw(&self, s: &AppState, f: &mut Frame, p: &Panes) {
        plans::soa(s, f, p.body, self);
    }

    fn hints(&self, s: &AppState) -> String {
        if self.typing.is_some() || self.owner.is_some() {
            return join(vec![
                (key(s, Context::Input, Action::Submit), "keep"),
                (key(s, Context::Input, Action::Cancel), "cancel"),
            ]);
        }
        join(vec![
            (choose(s, Context::Soa), "choose"),
            (key(s, Context::Soa, Action::MarkApplicable), "applicable"),
            (key(s, Context::Soa, Action::NotApplicable), "not applicable"),
            (key(s, Context::Soa, Action::SetOwner), "owner"),
            (key(s, Context::Soa, Action::Select), "questions"),
            (key(s, Context::Soa, Action::Back), "back"),
        ])
    }
}

/// Typed in the status bar: the hints are the line itself.
impl ScreenView for PromptScreen {
    fn hints(&self, s: &AppState) -> String {
        let what = match (self.rename, s.session.has_respondent()) {
            (true, _) => "New name[, role]",
            (false, true) => "New respondent: name[, role]",
            (false, false) => "Who answers? name[, role]",
        };
        let line = typing(s, what, &self.input, "cancels");
        match &self.error {
            Some(why) => format!("{why} — {line}"),
            None => line,
        }
    }
}

impl ScreenView for LogScreen {
    fn hints(&self, s: &AppState) -> String {
        match self.why {
            Some(_) => typing(s, "Why did the room agree this level?", &self.input, "skips"),
            None => typing(s, "Log", &self.input, "drops it"),
        }
    }
}
