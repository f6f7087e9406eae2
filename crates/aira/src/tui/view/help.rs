//! The help screen, generated from the keymap: it lists the keys bound right now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::theme;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::state::AppState;

pub fn lines(s: &AppState) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (ctx, title) in [
        (Context::Normal, "On the question card"),
        (Context::Workshop, "In the workshop view"),
        (Context::Heatmap, "In the heatmap"),
        (Context::List, "In lists and search"),
        (Context::Navigator, "In the navigator"),
        (Context::Roadmap, "In the roadmap"),
        (Context::Soa, "In the Statement of Applicability"),
        (Context::Help, "Here"),
        (Context::Input, "While typing (any other key types itself)"),
        (Context::Note, "In the note editor"),
    ] {
        out.push(Line::styled(title.to_owned(), theme::title(s.ui.theme())));
        for (keys, help) in entries(s.ui.keymap(), ctx) {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), Style::new().add_modifier(Modifier::BOLD)),
                Span::raw(help),
            ]));
        }
        out.push(Line::raw(""));
    }
    out.push(Line::styled(
        "Every change is saved the moment you make it; the status bar says when it is on disk.".to_owned(),
        theme::dim(s.ui.theme()),
    ));
    out
}

/// A context's help lines in file order: (its keys, what they do). The target and agreed-level
/// chords read as one line each, under the key that starts them.
pub fn entries(km: &Keymap, ctx: Context) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut families_done = Vec::new();
    for (action, chords) in km.bindings(ctx) {
        if chords.is_empty() {
            continue;
        }
        // A member rebound under another first key keeps a line of its own.
        let family = Family::of(*action).filter(|f| {
            let prefix = f.prefix(km, ctx);
            chords.iter().all(|c| c.keys().len() == 2 && c.keys().first().map(ToString::to_string) == prefix)
        });
        if let Some(family) = family {
            if !families_done.contains(&family) {
                families_done.push(family);
                out.push(family.entry(km, ctx));
            }
            continue;
        }
        let k = chords.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        out.push((k, action.help().into_owned()));
    }
    out
}

/// Chords that belong together on the help screen.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Target,
    Agree,
}

impl Family {
    fn of(a: Action) -> Option<Family> {
        match a {
            Action::SetTarget(_) | Action::ClearTarget => Some(Family::Target),
            Action::SetAgreed(_) | Action::AgreeNa | Action::ClearAgreed => Some(Family::Agree),
            _ => None,
        }
    }

    /// The key that starts the family's chords (its first level's, else its first member's).
    fn prefix(self, km: &Keymap, ctx: Context) -> Option<String> {
        let members: &[Action] = match self {
            Family::Target => &[Action::SetTarget(0), Action::ClearTarget],
            Family::Agree => &[Action::SetAgreed(0), Action::AgreeNa, Action::ClearAgreed],
        };
        members.iter().find_map(|a| km.chord_for(ctx, *a).and_then(|c| c.keys().first().map(ToString::to_string)))
    }

    fn entry(self, km: &Keymap, ctx: Context) -> (String, String) {
        // Name a member's chord by its first key (the family's prefix) and the one after.
        let chord = |a: Action| km.chord_for(ctx, a).map(|c| c.keys().to_vec());
        let first = |a| chord(a).and_then(|k| k.first().map(ToString::to_string));
        let second = |a| chord(a).and_then(|k| k.get(1).map(ToString::to_string)).unwrap_or_else(|| "?".into());
        match self {
            Family::Target => {
                let prefix = first(Action::SetTarget(0)).or_else(|| first(Action::ClearTarget)).unwrap_or_default();
                (prefix.clone(), format!("Set the target: press {prefix}, then a level"))
            }
            Family::Agree => {
                let prefix = first(Action::SetAgreed(0)).or_else(|| first(Action::AgreeNa)).unwrap_or_default();
                let (na, clear) = (second(Action::AgreeNa), second(Action::ClearAgreed));
                (
                    prefix.clone(),
                    format!("Set the agreed level: press {prefix}, then a level ({na}: N/A, {clear}: clear)"),
                )
            }
        }
    }
}

pub fn render(s: &AppState, f: &mut Frame, area: Rect, scroll: u16) {
    f.render_widget(Clear, area);
    let block = super::frame(s.ui.theme(), " Help — keys bound now ");
    let inner = block.inner(area);
    f.render_widget(Paragraph::new(lines(s)).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)), area);
    super::focus(s, f, inner, Some(0));
}
