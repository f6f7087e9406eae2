//! The card's evidence: how many items the answer holds and the latest few, newest first, each
//! with its size and the first 12 hex digits of its SHA-256 (as the register prints them).

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;

use super::theme;
use crate::tui::state::AppState;
use aira_core::assessment::{Answer, Evidence, EvidenceKind};
use aira_core::text::sanitize;

/// Items listed on the card; the rest are counted (`aira evidence list` shows them all).
const SHOWN: usize = 3;

fn describe(e: &Evidence) -> String {
    let what = match (e.kind(), e.size, e.short_hash()) {
        (EvidenceKind::Url, ..) => " (URL)".to_owned(),
        (_, Some(size), Some(h)) => format!(" ({size} bytes, sha256 {h})"),
        _ => String::new(),
    };
    let note = if e.note.is_empty() { String::new() } else { format!(" — {}", e.note.replace('\n', " ")) };
    sanitize(&format!("{}{what}{note}", e.reference), false).into_owned()
}

pub(super) fn lines(s: &AppState, answer: Option<&Answer>, width: usize, out: &mut Vec<Line<'static>>) {
    let items = answer.map(|a| a.evidence.as_slice()).unwrap_or_default();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    // Nothing when there is none: the card's lines are for what was answered.
    if items.is_empty() {
        return;
    }
    let latest = if items.len() > SHOWN { "; latest first" } else { "" };
    out.push(Line::styled(format!("Evidence ({}{latest}):", items.len()), bold));
    for e in items.iter().rev().take(SHOWN) {
        out.extend(super::wrap::hanging("  • ", "    ", &describe(e), width).into_iter().map(Line::raw));
    }
    if items.len() > SHOWN {
        out.push(Line::styled(
            format!("  … and {} earlier (aira evidence list)", items.len() - SHOWN),
            theme::dim(s.ui.theme()),
        ));
    }
}
