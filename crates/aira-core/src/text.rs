//! Text hygiene shared by every room: what may be shown on a terminal or written to a report.
//!
//! Questionnaires and notes come from other people. A stray ESC or C1 byte in them could move
//! the cursor, retitle the window or worse, so anything that reaches the screen passes here.

/// True for characters that a terminal may interpret: C0 controls, DEL and C1 controls, and
/// the bidi embedding/override/isolate controls that make text display in another order than
/// it is stored ("Trojan Source"). Tab and newline are judged separately by callers.
pub fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Drop the control characters from typed or pasted text (keeping newline and tab when
/// `keep_layout`), so what the user sees in the editor is exactly what is saved and reloads.
pub fn strip_controls(s: &str, keep_layout: bool) -> String {
    s.chars().filter(|&c| !is_control(c) || (keep_layout && (c == '\n' || c == '\t'))).collect()
}

/// Replace control characters with visible escapes (`\u{1b}` → `␛` style `\x1b`), keeping tab
/// and newline only when `keep_layout` is set. Used at render time and in diagnostics.
pub fn sanitize(s: &str, keep_layout: bool) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| is_control(c) && !(keep_layout && (c == '\n' || c == '\t'));
    // The block scan finds the same characters as `bad` (C0, DEL, C1, bidi) without decoding
    // every char: reports escape each of a 10,000-question bank's strings through here.
    if find_forbidden_control(s, keep_layout).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Escape every control character except tab (for one source line in a diagnostic).
pub fn escape_controls(s: &str) -> String {
    s.chars().map(|c| if is_control(c) && c != '\t' { format!("\\x{:02x}", c as u32) } else { c.to_string() }).collect()
}

/// Keys whose stored strings may hold newlines and tabs (notes, log lines, evidence, a scope, a SoA
/// justification); every other stored string, and every key, is one line.
pub const MULTILINE_KEYS: &[&str] = &["note", "text", "evidence", "scope", "justification"];

/// The rule for a string stored in any workspace file under `key` (the one place that says
/// what a stored string may contain): the first control character it must not hold, if any.
pub fn forbidden_in_stored(key: &str, s: &str) -> Option<(usize, char)> {
    find_forbidden_control(s, MULTILINE_KEYS.contains(&key))
}

/// The first control character not allowed in a text field, if any.
pub fn find_forbidden_control(s: &str, multiline: bool) -> Option<(usize, char)> {
    // Questionnaires run to megabytes of mostly printable ASCII: 32-byte blocks of it are
    // passed over with a branch-free test the compiler vectorises, and only blocks holding
    // something else get the byte-by-byte look.
    const BLOCK: usize = 32;
    let b = s.as_bytes();
    let mut start = 0;
    for block in b.chunks(BLOCK) {
        let plain = block.iter().fold(true, |ok, &c| ok & (0x20..0x7f).contains(&c));
        if !plain && let Some(hit) = find_control_from(s, start, start + block.len(), multiline) {
            return Some(hit);
        }
        start += block.len();
    }
    None
}

/// The byte scan over `s[from..to]` (may look past `to` to finish a character): the controls
/// are C0 and DEL, which are single bytes, C1 (U+0080..U+009F), which UTF-8 encodes as
/// C2 80..C2 9F, and the bidi controls below.
fn find_control_from(s: &str, from: usize, to: usize, multiline: bool) -> Option<(usize, char)> {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate().take(to).skip(from) {
        match c {
            b'\n' | b'\t' if multiline => {}
            0..=0x1f | 0x7f => return Some((i, char::from(c))),
            0xc2 => {
                if let Some(&next) = b.get(i + 1).filter(|n| (0x80..=0x9f).contains(*n)) {
                    return Some((i, char::from_u32(u32::from(next)).unwrap_or('\u{80}')));
                }
            }
            // Bidi overrides and isolates: U+202A..U+202E = E2 80 AA..AE, U+2066..U+2069 =
            // E2 81 A6..A9.
            0xe2 => {
                let bidi = matches!(
                    (b.get(i + 1), b.get(i + 2)),
                    (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
                );
                if bidi && let Some(c) = s.get(i..).and_then(|t| t.chars().next()) {
                    return Some((i, c));
                }
            }
            _ => {}
        }
    }
    None
}

/// Order two RFC 3339 timestamps as instants (`+02:00` and `Z` compare correctly); text that
/// does not parse sorts before any that does, then by the text itself.
pub fn cmp_timestamps(a: &str, b: &str) -> std::cmp::Ordering {
    let t = |s: &str| s.parse::<jiff::Timestamp>().ok();
    t(a).cmp(&t(b)).then_with(|| a.cmp(b))
}

/// The candidate nearest to `typed` by edit distance (a swap of two letters counts once), or
/// one that `typed` starts; None when nothing is near enough to be a plausible typo.
pub fn closest<'a>(typed: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = distance(&typed, c);
        let near = d <= (typed.chars().count().max(c.chars().count()) / 3).max(1)
            || (typed.len() >= 3 && c.starts_with(typed.as_str()));
        if near && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// A stored RFC 3339 time as people read it: `2026-03-01 14:05 (UTC+01:00)`, to the minute
/// (the seconds and milliseconds the store keeps mean nothing to a client); other text as is.
/// The one date formatter of every writer and screen.
pub fn when(s: &str) -> String {
    if s.parse::<jiff::Timestamp>().is_err() || s.len() < 19 {
        return s.to_owned();
    }
    let (date, time) = (&s[..10], &s[11..16]);
    let offset = s[19..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    match offset {
        "Z" | "+00:00" => format!("{date} {time} UTC"),
        o => format!("{date} {time} (UTC{o})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn when_reads_as_a_date_and_leaves_other_text_alone() {
        assert_eq!(when("2026-03-01T14:05:09.123+01:00"), "2026-03-01 14:05 (UTC+01:00)");
        assert_eq!(when("2026-03-01T14:05:09Z"), "2026-03-01 14:05 UTC");
        assert_eq!(when("yesterday"), "yesterday");
        assert_eq!(when("2026-03-01T14:05"), "2026-03-01T14:05");
    }

    #[test]
    fn sanitize_escapes_esc_and_c1() {
        assert_eq!(sanitize("a\x1b[2Jb", true), "a\\x1b[2Jb");
        assert_eq!(sanitize("x\u{9b}y", true), "x\\x9by");
        assert_eq!(sanitize("line\nnext\t", true), "line\nnext\t");
        assert_eq!(sanitize("line\nnext", false), "line\\x0anext");
        assert!(matches!(sanitize("plain", true), std::borrow::Cow::Borrowed(_)));
        assert_eq!(sanitize("a\u{202e}b\u{2066}c", true), "a\\x202eb\\x2066c");
        // The block scan behind the fast path passes over exactly what the char rule allows.
        for c in (0..0x3000).filter_map(char::from_u32) {
            for keep in [true, false] {
                let text = format!("ab{c}cd");
                let bad = is_control(c) && !(keep && (c == '\n' || c == '\t'));
                let want = if bad { format!("ab\\x{:02x}cd", c as u32) } else { text.clone() };
                assert_eq!(sanitize(&text, keep), want, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn finds_forbidden_controls() {
        assert_eq!(find_forbidden_control("ok\nok", true), None);
        assert_eq!(find_forbidden_control("ok\nok", false), Some((2, '\n')));
        assert_eq!(find_forbidden_control("a\x07", true), Some((1, '\x07')));
        assert_eq!(find_forbidden_control("é\u{9b}x", true), Some((2, '\u{9b}')));
        assert_eq!(find_forbidden_control("\u{a0}\u{c2a0}ok\u{7f}", true), Some((7, '\u{7f}')));
        // The byte scan agrees with the char definition everywhere.
        for c in (0..0x250u32).chain(0x2000..0x2100).filter_map(char::from_u32) {
            let s = format!("ab{c}");
            let want = (is_control(c) && c != '\n' && c != '\t').then_some((2, c));
            assert_eq!(find_forbidden_control(&s, true), want, "{c:?}");
        }
        assert_eq!(find_forbidden_control("rtl \u{202e}", true), Some((4, '\u{202e}')));
    }

    proptest::proptest! {
        /// The blocked scan finds the same first control as a plain walk over the characters,
        /// wherever it sits relative to the 32-byte blocks (including a character split by one).
        #[test]
        fn block_scan_agrees_with_a_char_walk(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-z ]{0,40}",
                    proptest::sample::select(vec!["\n", "\t", "\u{7}", "\u{7f}", "\u{9b}", "\u{202e}", "\u{2067}", "é", "\u{2028}", "漢"])
                        .prop_map(|s: &str| s.to_owned()),
                ],
                0..12,
            ),
            multiline: bool,
        ) {
            let s = parts.concat();
            let want = s.char_indices().find(|&(_, c)| is_control(c) && !(multiline && (c == '\n' || c == '\t')));
            proptest::prop_assert_eq!(find_forbidden_control(&s, multiline), want);
        }
    }

    #[test]
    fn strip_controls_keeps_layout_only_when_asked() {
        assert_eq!(strip_controls("a\x1b[2J\u{9b}\u{202e}b\n\tc\x07", true), "a[2Jb\n\tc");
        assert_eq!(strip_controls("a\nb", false), "ab");
        assert_eq!(strip_controls("עברית 漢字 é", true), "עברית 漢字 é");
    }
}
