//! Colours and their colourless stand-ins. Level colours run red → green; without colour
//! (NO_COLOR, `--color never`) each level gets a shade from ░ to █ next to its digits, so the
//! heatmap still reads at a glance.

use ratatui::style::{Color, Modifier, Style};

pub use aira_store::config::Palette;

/// What the views draw with: a palette, and whether colour is on at all (NO_COLOR,
/// `--color never`): without colour, meaning is carried by digits, shading and bold/reverse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
    pub color: bool,
    /// Accessible mode (`--accessible`, config `ui.accessible`): no box drawing, the real
    /// cursor on the focused item, the heatmap as a text table, words beside every colour.
    pub accessible: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { palette: Palette::Dark, color: true, accessible: false }
    }
}

/// Background for a score's band (`aira_core::number::colour_step`: the level its printed
/// value has reached, so 1.958 shown "2.0" is coloured as 2); the 16 basic colours so
/// 16-colour terminals show the same thing.
pub fn level_bg(score: f64, min: u8, max: u8) -> Color {
    // Whole levels keep the colours they always had (4 and 5 share green; the digits differ).
    const BANDS: [Color; 6] =
        [Color::Red, Color::LightRed, Color::Yellow, Color::LightGreen, Color::Green, Color::Green];
    BANDS[aira_core::number::colour_step(score, min, max)]
}

/// Text on `level_bg`: always black, which stays readable on every one of those colours.
pub fn cell_style(score: Option<f64>, min: u8, max: u8, t: Theme) -> Style {
    match (score, t.color) {
        (Some(s), true) => Style::new().bg(level_bg(s, min, max)).fg(Color::Black),
        (None, true) => dim(t),
        (_, false) => Style::new(),
    }
}

/// ░▒▓█ by band, for terminals (or people) without colour: the same band as the colour, so
/// a printed "2.0" never gets the shade of 1.
pub fn shade(score: Option<f64>, min: u8, max: u8) -> char {
    // Six colour steps onto four shades: 0-1 ░, 2 ▒, 3 ▓, 4-5 █ (the old fractions' split).
    const SHADES: [char; 6] = ['░', '░', '▒', '▓', '█', '█'];
    score.map_or(' ', |s| SHADES[aira_core::number::colour_step(s, min, max)])
}

pub fn title(t: Theme) -> Style {
    let s = Style::new().add_modifier(Modifier::BOLD);
    match (t.color, t.palette) {
        (false, _) | (true, Palette::HighContrast) => s,
        (true, Palette::Dark) => s.fg(Color::Cyan),
        (true, Palette::Light) => s.fg(Color::Blue),
    }
}

/// Secondary text. High contrast never dims: every line must stay readable on a projector.
pub fn dim(t: Theme) -> Style {
    match (t.color, t.palette) {
        (false, _) | (true, Palette::HighContrast) => Style::new(),
        (true, Palette::Dark) => Style::new().fg(Color::Gray),
        (true, Palette::Light) => Style::new().fg(Color::DarkGray),
    }
}

pub fn selected(t: Theme) -> Style {
    match (t.color, t.palette) {
        (true, Palette::Dark | Palette::Light) => {
            Style::new().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD)
        }
        _ => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
    }
}

pub fn highlight(t: Theme) -> Style {
    let s = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    match (t.color, t.palette) {
        (true, Palette::Dark) => s.fg(Color::Yellow),
        // Yellow vanishes on white.
        (true, Palette::Light) => s.fg(Color::Magenta),
        _ => s,
    }
}

pub fn warning(t: Theme) -> Style {
    if t.color && t.palette != Palette::HighContrast {
        Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
}

/// Format a score with one decimal, or an en dash when there is nothing to score (the
/// rounding every output shares, `aira_core::number`).
pub fn score_text(score: Option<f64>) -> String {
    aira_core::number::score(score)
}
