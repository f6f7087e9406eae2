//! Small things every format shares: number display, level colours, and escaping user text
//! for each output (HTML, Markdown tables, spreadsheet cells).

use aira_core::questionnaire::{Function, Phase};

// The numbers are the core's: one rounding rule and one signed form for every output.
/// A fraction as a whole percentage.
pub use aira_core::number::percent;
/// One decimal, or an en dash when there is nothing to show.
pub use aira_core::number::score;

/// A gap with its sign ("+1.5" means 1.5 below target; "0.0" at or above it), or an en dash.
pub fn gap(v: Option<f64>) -> String {
    aira_core::number::signed(v)
}

pub fn phase(p: Option<Phase>) -> &'static str {
    p.map_or("Unassigned", Phase::title)
}

pub fn function(f: Option<Function>) -> &'static str {
    f.map_or("Unassigned", Function::title)
}

/// A reference with its short title: "A.2.2 AI policy".
pub fn reference(id: &str) -> String {
    match aira_core::frameworks::title(id) {
        Some(t) if !t.is_empty() => format!("{id} {t}"),
        _ => id.to_owned(),
    }
}

/// One colour per level of a 0–5 scale, red to green; a score takes the colour of its band,
/// the level its printed value has reached (2.7 shows as 2, 1.96 prints 2.0 and shows as 2;
/// `aira_core::number::band`). Other scales are mapped onto the same six.
/// Returns (background, text) as `#rrggbb`.
pub fn level_colours(score: Option<f64>, min: u8, max: u8) -> (&'static str, &'static str) {
    const BANDS: [(&str, &str); 6] = [
        ("#c62828", "#ffffff"),
        ("#ef6c00", "#ffffff"),
        ("#f9a825", "#1b1b1b"),
        ("#c0ca33", "#1b1b1b"),
        ("#7cb342", "#1b1b1b"),
        ("#2e7d32", "#ffffff"),
    ];
    let Some(s) = score else { return ("#eceff1", "#607d8b") };
    BANDS[aira_core::number::colour_step(s, min, max)]
}

/// A stored RFC 3339 time as people read it: the core's one date formatter.
pub use aira_core::text::when;

/// Escape text for HTML element content and attribute values. Control characters other than
/// newline and tab are shown as visible escapes rather than passed through.
pub fn html(s: &str) -> String {
    let s = aira_core::text::sanitize(s, true);
    let mut out = String::with_capacity(s.len() + 16);
    // The five are ASCII, so a byte scan finds them without decoding; the text between them
    // is copied a run at a time (the HTML report escapes megabytes at 10,000 questions).
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(escaped);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

/// Text for one Markdown table cell: pipes, newlines and markup that could open HTML or links
/// are escaped, so a note can never break the table or inject markup.
pub fn md_cell(s: &str) -> String {
    let s = aira_core::text::sanitize(s, true);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.trim().chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '\t' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Markdown text outside tables (paragraphs, list items): markup escaped, newlines kept as
/// line breaks inside the same paragraph.
pub fn md_text(s: &str) -> String {
    md_cell(s).replace("<br>", "  \n  ")
}

/// A spreadsheet cell that could be read as a formula (starts with `=`, `+`, `-`, `@`, tab
/// or CR) gets a leading `'`, so opening the file never runs what someone typed.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{s}")),
        _ => std::borrow::Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_for_each_format() {
        assert_eq!(html("<script>alert('x')</script>&"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
        assert_eq!(html("a\x1b[2J"), "a\\x1b[2J");
        // Runs of multi-byte text between the escapes, at both ends, and controls beyond ASCII.
        assert_eq!(html("\"é\"&ü<"), "&quot;é&quot;&amp;ü&lt;");
        assert_eq!(html("ç\u{9b}>€\u{202e}"), "ç\\x9b&gt;€\\x202e");
        assert_eq!(html(""), "");
        assert_eq!(md_cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(md_cell("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(md_cell("[click](javascript:x)"), "\\[click\\](javascript:x)");
        for bad in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("fine = ok"), "fine = ok");
    }

    #[test]
    fn numbers() {
        assert_eq!((score(Some(2.26)), score(Some(2.25)), score(None)), ("2.3".into(), "2.3".into(), "–".into()));
        assert_eq!((gap(Some(1.5)), gap(Some(-0.5)), gap(Some(0.0))), ("+1.5".into(), "-0.5".into(), "0.0".into()));
        assert_eq!((gap(Some(-0.0)), gap(Some(-0.04))), ("0.0".into(), "0.0".into()));
        assert_eq!(percent(Some(2.0 / 3.0)), "67%");
        assert_eq!(level_colours(Some(5.0), 0, 5).0, "#2e7d32");
        assert_eq!(level_colours(Some(0.0), 0, 5).0, "#c62828");
        assert_eq!(level_colours(Some(2.94), 0, 5), level_colours(Some(2.0), 0, 5));
        // 2.99 prints 3.0: it takes 3's colour, as the printed value says.
        assert_eq!(level_colours(Some(2.99), 0, 5), level_colours(Some(3.0), 0, 5));
        assert_ne!(level_colours(Some(4.0), 0, 5), level_colours(Some(5.0), 0, 5));
    }
}
