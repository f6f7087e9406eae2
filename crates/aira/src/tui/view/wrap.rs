//! Card text that wraps where a reader expects it to: a header's phrases kept whole ("1 of 107"
//! never split as "1 / of 107"), and wrapped notes and bullets continuing under their own text
//! (a hanging indent) rather than back at the margin.

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Lay `spans` out on lines of `width`, each span a phrase that moves whole to the next line
/// when it does not fit. A phrase that starts a line loses its leading spaces; one wider than
/// the line gets a line of its own (the paragraph then breaks it, as it must).
pub fn phrases(width: usize, spans: Vec<Span<'static>>) -> Vec<Line<'static>> {
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for mut span in spans {
        if used > 0 && used + span.content.width() > width {
            lines.push(Vec::new());
            used = 0;
            span = Span::styled(span.content.trim_start().to_owned(), span.style);
            if span.content.is_empty() {
                continue;
            }
        }
        used += span.content.width();
        if let Some(l) = lines.last_mut() {
            l.push(span);
        }
    }
    lines.into_iter().filter(|l| !l.is_empty()).map(Line::from).collect()
}

/// `text` word-wrapped to `width` columns: the first line after `first`, every further line
/// after `rest` (spaces as wide as `first`, for a hanging indent). A word longer than a line is
/// broken where it must be.
pub fn hanging(first: &str, rest: &str, text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = first.to_owned();
    let mut bare = true;
    for word in text.split(' ') {
        let room = width.saturating_sub(line.width());
        let need = word.width() + usize::from(!bare);
        if !bare && need > room {
            out.push(std::mem::replace(&mut line, rest.to_owned()));
            bare = true;
        }
        if !bare {
            line.push(' ');
        }
        for c in word.chars() {
            // Only a word wider than a whole line gets here with no room: break it.
            if line.width() + c.width().unwrap_or(0) > width && line.width() > rest.width() {
                out.push(std::mem::replace(&mut line, rest.to_owned()));
            }
            line.push(c);
        }
        bare = false;
    }
    out.push(line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanging_lines_continue_under_the_text() {
        assert_eq!(hanging("  • ", "    ", "one two three four", 12), ["  • one two", "    three", "    four"]);
        assert_eq!(hanging("  ", "  ", "abcdefghij", 6), ["  abcd", "  efgh", "  ij"]);
        assert_eq!(hanging("  ", "  ", "", 6), ["  "]);
        assert_eq!(hanging("  ", "  ", "a  b", 20), ["  a  b"], "spaces typed are kept");
    }

    #[test]
    fn phrases_move_whole() {
        let text = |ls: Vec<Line<'static>>| ls.iter().map(ToString::to_string).collect::<Vec<_>>();
        let spans =
            || vec![Span::raw("plan-govern"), Span::raw("  "), Span::raw("Plan · Govern"), Span::raw("   1 of 9")];
        assert_eq!(text(phrases(40, spans())), ["plan-govern  Plan · Govern   1 of 9"]);
        assert_eq!(text(phrases(28, spans())), ["plan-govern  Plan · Govern", "1 of 9"]);
        assert_eq!(text(phrases(14, spans())), ["plan-govern  ", "Plan · Govern", "1 of 9"]);
    }
}
