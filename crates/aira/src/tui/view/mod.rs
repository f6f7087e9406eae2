//! Drawing. `render` borrows the state and never changes it. Layout adapts to the size:
//! card beside the heatmap when there is room, stacked when narrow, a clear message when the
//! terminal is too small to be useful.

mod card;
mod heatmap;
mod help;
mod lists;
pub mod navigator;
mod plans;
mod screens;
pub(crate) mod status;
mod workshop;
mod wrap;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::action::Action;
use super::keymap::Context;
pub use super::layout::{MIN_HEIGHT, MIN_WIDTH, Panes, centered, panes, too_small};
use super::screens::{NoteScreen, Screen, each_screen};
use super::state::{AppState, HeatView};
use super::theme;
use aira_core::text::sanitize;

/// How a screen is drawn. Each screen implements it (the existing ones in `view/screens.rs`);
/// `render` and the status bar reach it through `each_screen!`.
pub trait ScreenView {
    /// Whether it takes the whole body (else the card and its panes are drawn first and the
    /// screen over them).
    fn full_body(&self) -> bool {
        false
    }
    /// Draw it; a screen shown in the status bar or in the navigator pane draws nothing here.
    fn draw(&self, _s: &AppState, _f: &mut Frame, _p: &Panes) {}
    /// The status bar's hints while it has the keys, from the keys bound now.
    fn hints(&self, s: &AppState) -> String;
}

pub fn render(s: &AppState, f: &mut Frame) {
    let area = f.area();
    if too_small(area) {
        let msg = format!("Terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})", area.width, area.height);
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let p = panes(s, area);
    if let Some(text) = s.session.read_only().or(s.ui.notices().first().map(String::as_str)) {
        let more =
            if s.ui.notices().len() > 1 { format!(" (+{} more)", s.ui.notices().len() - 1) } else { String::new() };
        f.render_widget(
            Paragraph::new(format!(" {}{more}", sanitize(text, false))).style(theme::warning(s.ui.theme())),
            p.banner,
        );
    }
    status::render(s, f, p.bar);
    match s.ui.screen() {
        Some(top) if each_screen!(top, x => x.full_body()) => return each_screen!(top, x => x.draw(s, f, &p)),
        // Prompts (the log line, a chord's hints) stay in the workshop layout.
        top if s.ui.workshop() => {
            workshop::render(s, f, p.body);
            if let Some(top) = top {
                each_screen!(top, x => x.draw(s, f, &p));
            }
            return;
        }
        _ => {}
    }
    heatmap::panel(s, f, p.heat);
    card::render(s, f, p.card);
    if let Some(nav) = p.navigator {
        navigator::render(s, f, nav);
    }
    if let Some(top) = s.ui.screen() {
        each_screen!(top, x => x.draw(s, f, &p));
    }
}

fn full_heatmap(
    s: &AppState,
    f: &mut Frame,
    area: Rect,
    selected: Option<(usize, usize)>,
    view: super::state::HeatView,
) {
    let wide = area.width >= 70;
    let cols = s.session.heat_grid().1.len();
    let cell_w = ((area.width as usize).saturating_sub(14) / cols.max(1)).clamp(6, 16);
    let mut lines = heatmap::grid(s, view, selected, wide, cell_w);
    lines.insert(0, Line::raw(""));
    lines.push(Line::raw(""));
    let legend = match (view, s.ui.theme().color) {
        (HeatView::Current | HeatView::Target, true) => {
            "Colours run red (low) to green (high); ! marks strong disagreement; – nothing answered yet."
        }
        (HeatView::Current | HeatView::Target, false) => {
            "Shading: ░ low  ▒  ▓  █ high; ! marks strong disagreement; – nothing answered yet."
        }
        (HeatView::Gap, _) => "Levels still to climb to reach the target (target − current); – no target or no answer.",
        (HeatView::Disagreement, _) => "Widest spread between respondents' levels in each cell; ±2 or more is strong.",
        (HeatView::Trend, _) => "Change in score since the baseline assessment; – where either has nothing.",
    };
    lines.push(Line::styled(legend.to_owned(), theme::dim(s.ui.theme())));
    let (sc_min, sc_max) = (s.session.questionnaire().scale.min, s.session.questionnaire().scale.max);
    lines.push(Line::styled(
        format!("Scale {sc_min}–{sc_max}. Overall {}.", theme::score_text(s.session.scores().overall.score)),
        theme::dim(s.ui.theme()),
    ));
    let title = format!(" Heatmap — {} view ", view.title());
    let block = Block::new().borders(Borders::ALL).title(title);
    f.render_widget(Paragraph::new(lines).block(block), area);
}

fn note(s: &AppState, n: &NoteScreen, f: &mut Frame, card: Rect) {
    let h = (card.height / 2).max(6).min(card.height);
    let area = Rect { y: card.y + card.height - h, height: h, ..card };
    f.render_widget(Clear, area);
    let keep: Vec<String> =
        s.ui.keymap()
            .bindings(Context::Note)
            .iter()
            .filter(|(a, _)| *a == Action::KeepNote)
            .flat_map(|(_, chords)| chords.iter().map(ToString::to_string))
            .collect();
    let id = s.session.questionnaire().questions.get(n.question).map_or("", |q| q.id.as_str());
    let title = format!(" Note for {} — {} keeps it ", sanitize(id, false), keep.join(" or "));
    let block = Block::new().borders(Borders::ALL).title(title).title_alignment(Alignment::Left);
    let inner = block.inner(area);
    f.render_widget(block, area);
    f.render_widget(&n.editor, inner);
}

/// A line being typed, with the caret where the cursor is.
fn caret(input: &crate::tui::input::LineInput) -> String {
    let (before, after) = input.split();
    format!("{}▏{}", sanitize(before, false), sanitize(after, false))
}

#[cfg(test)]
mod tests;
