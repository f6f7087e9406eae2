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
}

impl Default for Theme {
    fn default() -> Self {
        Theme { palette: Palette::Dark, color: true }
    }
}

/// Where `score` sits on the scale, 0.0..=1.0.
fn fraction(score: f64, min: u8, max: u8) -> f64 {
    let span = f64::from(max.saturating_sub(min)).max(1.0);
    ((score - f64::from(min)) / span).clamp(0.0, 1.0)
}

/// Background for a score; the 16 basic colours so 16-colour terminals show the same thing.
pub fn level_bg(score: f64, min: u8, max: u8) -> Color {
    match fraction(score, min, max) {
        f if f < 0.2 => Color::Red,
        f if f < 0.4 => Color::LightRed,
        f if f < 0.6 => Color::Yellow,
        f if f < 0.8 => Color::LightGreen,
        _ => Color::Green,
    }
}

/// Text on `level_bg`: always black, which stays readable on every one of those colours.
pub fn cell_style(score: Option<f64>, min: u8, max: u8, t: Theme) -> Style {
    match (score, t.color) {
        (Some(s), true) => Style::new().bg(level_bg(s, min, max)).fg(Color::Black),
        (None, true) => dim(t),
        (_, false) => Style::new(),
    }
}

/// ░▒▓█ by level, for terminals (or people) without colour.
pub fn shade(score: Option<f64>, min: u8, max: u8) -> char {
    match score.map(|s| fraction(s, min, max)) {
        None => ' ',
        Some(f) if f < 0.25 => '░',
        Some(f) if f < 0.5 => '▒',
        Some(f) if f < 0.75 => '▓',
        Some(_) => '█',
    }
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

/// Format a score with one decimal, or an en dash when there is nothing to score.
pub fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "–".to_owned(), |s| format!("{s:.1}"))
}
