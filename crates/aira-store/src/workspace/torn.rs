//! Entries cut short. An append that a crash or a full disk stops part-way leaves the start
//! of an entry; if it was retried, good entries follow it. Readers of history.toml and of the
//! journals skip such entries (and writers repair them, keeping a backup), never refuse.

/// The line that opens every history entry; history.rs writes it, this module recognises it.
pub(super) const HEADER: &str = "[[change]]";

/// Where each entry starts: every line beginning with `[` (see `last_entry_start`), then the
/// end of the text.
fn entry_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with('[') {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts.push(text.len());
    starts
}

/// Whether one entry's text (header line, `entry` line) is a whole entry: the cheap shape test
/// first, the TOML parser only for what does not look like what aira writes.
fn is_whole(chunk: &str) -> bool {
    let mut lines = chunk.lines().filter(|l| !l.trim().is_empty());
    let shaped = matches!(
        (lines.next(), lines.next(), lines.next()),
        (Some(h), Some(e), None) if h.starts_with(HEADER) && e.starts_with("entry = {") && e.trim_end().ends_with('}')
    );
    (shaped && chunk.ends_with('\n') && !chunk.contains('\r')) || parses_whole(chunk)
}

fn parses_whole(chunk: &str) -> bool {
    chunk.ends_with('\n')
        && chunk.parse::<toml::Table>().is_ok_and(|t| {
            t.get("change").and_then(toml::Value::as_array).is_some_and(|a| {
                a.len() == 1 && a.first().and_then(|c| c.get("entry")).is_some_and(toml::Value::is_table)
            })
        })
}

/// Shaped like an entry cut short: a header (or the start of one) and at most the start of
/// its `entry` line, which stops inside a string or an inline table (a cut always does: the
/// whole line closes every one). A broken entry of any other shape, such as a hand edit that
/// leaves the line closed, is not torn: it is reported at its line and column.
fn looks_cut(chunk: &str) -> bool {
    let mut lines = chunk.lines().map(str::trim_end).filter(|l| !l.is_empty());
    let header = |l: &str| l.starts_with(HEADER) || HEADER.starts_with(l);
    let entry = |l: &str| (l.starts_with("entry = {") && unfinished(l)) || "entry = {".starts_with(l);
    match (lines.next(), lines.next(), lines.next()) {
        (Some(h), None, None) => header(h),
        (Some(h), Some(e), None) => header(h) && entry(e),
        _ => false,
    }
}

/// Whether a line stops inside a string or an inline table or array (TOML basic strings with
/// their escapes, and literal strings: all a one-line entry holds).
fn unfinished(line: &str) -> bool {
    let mut depth = 0i32;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => loop {
                match chars.next() {
                    None => return true,
                    Some('\\') if chars.next().is_none() => return true,
                    Some('"') => break,
                    _ => {}
                }
            },
            '\'' => loop {
                match chars.next() {
                    None => return true,
                    Some('\'') => break,
                    _ => {}
                }
            },
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Byte ranges of entries cut short by a crash or a full disk: any entry shaped like the start
/// of one that is not whole, the last (a crash mid-append) or an earlier one (an append that
/// failed part-way and was retried after it).
pub fn torn_entries(text: &str) -> Vec<std::ops::Range<usize>> {
    torn_entries_with(text, false)
}

/// `torn_entries`; `strict` parses every entry instead of trusting the shape test (a cut that
/// happens to end in `}` passes for whole until the file is parsed).
pub(super) fn strict(text: &str) -> Vec<std::ops::Range<usize>> {
    torn_entries_with(text, true)
}

fn torn_entries_with(text: &str, strict: bool) -> Vec<std::ops::Range<usize>> {
    let starts = entry_starts(text);
    let mut torn = Vec::new();
    for w in starts.windows(2) {
        let chunk = &text[w[0]..w[1]];
        // Only entries start with `[`: what precedes the first header is comments.
        if !chunk.starts_with('[') {
            continue;
        }
        let whole = if strict { parses_whole(chunk) } else { is_whole(chunk) };
        if !whole && looks_cut(chunk) {
            torn.push(w[0]..w[1]);
        }
    }
    torn
}

/// The text with the given entries blanked to their newlines, so that every other line keeps
/// its number (for messages) and the rest parses as it would have.
pub fn blank(text: &str, torn: &[std::ops::Range<usize>]) -> String {
    without(text, torn, true)
}

/// The text without the given entries (what a repair writes back).
pub fn cut(text: &str, torn: &[std::ops::Range<usize>]) -> String {
    without(text, torn, false)
}

fn without(text: &str, torn: &[std::ops::Range<usize>], keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in torn {
        out.push_str(&text[at..r.start]);
        if keep_newlines {
            out.extend(text[r.clone()].chars().filter(|&c| c == '\n'));
        }
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// `path:LINE` of each torn entry, for notices and `aira doctor`.
pub fn torn_lines(path: &str, text: &str, torn: &[std::ops::Range<usize>]) -> String {
    let lines: Vec<String> =
        torn.iter().map(|r| format!("{path}:{}", aira_core::diag::line_col(text, r.start).0)).collect();
    lines.join(", ")
}

/// The whole entries' texts (header and `entry` line), torn ones left out: what a journal
/// holds, to compare with the history.
pub fn whole_entries(text: &str) -> Vec<&str> {
    let starts = entry_starts(text);
    starts
        .windows(2)
        .map(|w| &text[w[0]..w[1]])
        .filter(|c| c.starts_with('[') && is_whole(c))
        .map(|c| c.trim_end_matches('\n'))
        .collect()
}
