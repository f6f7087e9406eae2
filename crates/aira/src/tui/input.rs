//! The one line-input type every prompt uses (note prompts, search, log, respondent, SoA
//! justification, the start screen's filter and forms): text, a cursor, a size limit, and the
//! [input] actions applied to them. Control characters never get in.

use super::action::Action;

/// How much a line may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    Bytes(usize),
    Chars(usize),
    None,
}

/// What an action did to the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Characters were added at the end and nothing else changed (a search can narrow).
    Appended,
    Changed,
    Moved,
    /// Nothing to do (the cursor at an edge, the line full).
    Unchanged,
    /// Not an editing action: the caller decides what it means.
    NotMine,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset of the cursor, always on a character boundary.
    cursor: usize,
    limit: Limit,
}

impl LineInput {
    pub fn new(limit: Limit) -> LineInput {
        LineInput { text: String::new(), cursor: 0, limit }
    }

    /// Start from `text` (cleaned and cut to the limit) with the cursor at its end.
    pub fn with_text(text: &str, limit: Limit) -> LineInput {
        let mut l = LineInput::new(limit);
        l.paste(text);
        l
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before and after the cursor, for drawing the caret between them.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    fn fits(&self, extra: char) -> bool {
        match self.limit {
            Limit::Bytes(n) => self.text.len() + extra.len_utf8() <= n,
            Limit::Chars(n) => self.text.chars().count() < n,
            Limit::None => true,
        }
    }

    fn insert(&mut self, c: char) -> bool {
        if aira_core::text::is_control(c) || c.is_control() || !self.fits(c) {
            return false;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        true
    }

    /// Pasted text: one line (line breaks and tabs become spaces, a final line break is
    /// dropped), control characters dropped, cut at the limit. True when anything went in.
    pub fn paste(&mut self, pasted: &str) -> bool {
        let mut any = false;
        for c in
            pasted.trim_end_matches(['\n', '\r']).chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
        {
            if !c.is_control() && !aira_core::text::is_control(c) {
                if !self.fits(c) {
                    break;
                }
                any |= self.insert(c);
            }
        }
        any
    }

    fn prev_boundary(&self, from: usize) -> usize {
        self.text[..from].char_indices().next_back().map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, from: usize) -> usize {
        self.text[from..].chars().next().map_or(from, |c| from + c.len_utf8())
    }

    /// Start of the word before the cursor: skip spaces, then the word.
    fn word_left(&self) -> usize {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(char::is_whitespace);
        trimmed.rfind(char::is_whitespace).map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8))
    }

    /// End of the word after the cursor: skip spaces, then the word.
    fn word_right(&self) -> usize {
        let after = &self.text[self.cursor..];
        let skipped = after.len() - after.trim_start_matches(char::is_whitespace).len();
        let rest = &after[skipped..];
        self.cursor + skipped + rest.find(char::is_whitespace).unwrap_or(rest.len())
    }

    pub fn apply(&mut self, action: Action) -> Edit {
        let at_end = self.cursor == self.text.len();
        let moved = |l: &mut LineInput, to: usize| {
            if to == l.cursor {
                Edit::Unchanged
            } else {
                l.cursor = to;
                Edit::Moved
            }
        };
        match action {
            Action::InsertChar(c) => match (self.insert(c), at_end) {
                (true, true) => Edit::Appended,
                (true, false) => Edit::Changed,
                (false, _) => Edit::Unchanged,
            },
            Action::DeleteBack if self.cursor > 0 => {
                let from = self.prev_boundary(self.cursor);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
                Edit::Changed
            }
            Action::DeleteForward if !at_end => {
                let to = self.next_boundary(self.cursor);
                self.text.replace_range(self.cursor..to, "");
                Edit::Changed
            }
            Action::DeleteBack | Action::DeleteForward => Edit::Unchanged,
            Action::ClearInput if self.text.is_empty() => Edit::Unchanged,
            Action::ClearInput => {
                self.clear();
                Edit::Changed
            }
            Action::CursorLeft => moved(self, self.prev_boundary(self.cursor)),
            Action::CursorRight => moved(self, self.next_boundary(self.cursor)),
            Action::CursorHome => moved(self, 0),
            Action::CursorEnd => moved(self, self.text.len()),
            Action::WordLeft => moved(self, self.word_left()),
            Action::WordRight => moved(self, self.word_right()),
            _ => Edit::NotMine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str, limit: Limit) -> LineInput {
        let mut l = LineInput::new(limit);
        for c in text.chars() {
            l.apply(Action::InsertChar(c));
        }
        l
    }

    #[test]
    fn typing_editing_and_moving() {
        let mut l = typed("héllo wörld", Limit::None);
        assert_eq!(l.apply(Action::WordLeft), Edit::Moved);
        assert_eq!(l.split(), ("héllo ", "wörld"));
        assert_eq!(l.apply(Action::DeleteBack), Edit::Changed);
        assert_eq!(l.apply(Action::InsertChar('_')), Edit::Changed, "typed inside: not an append");
        assert_eq!(l.text(), "héllo_wörld");
        l.apply(Action::CursorHome);
        assert_eq!(l.apply(Action::CursorLeft), Edit::Unchanged);
        assert_eq!(l.apply(Action::DeleteBack), Edit::Unchanged);
        l.apply(Action::CursorRight);
        l.apply(Action::DeleteForward);
        assert_eq!(l.text(), "hllo_wörld", "a two-byte character deleted whole");
        assert_eq!(l.apply(Action::WordRight), Edit::Moved);
        assert_eq!(l.split().1, "");
        assert_eq!(l.apply(Action::InsertChar('!')), Edit::Appended);
        assert_eq!(l.apply(Action::ClearInput), Edit::Changed);
        assert!(l.is_empty());
        assert_eq!(l.apply(Action::Submit), Edit::NotMine);
    }

    #[test]
    fn words_skip_spaces_first() {
        let mut l = typed("one  two   ", Limit::None);
        l.apply(Action::WordLeft);
        assert_eq!(l.split(), ("one  ", "two   "));
        l.apply(Action::WordLeft);
        assert_eq!(l.split().0, "");
        l.apply(Action::WordRight);
        assert_eq!(l.split(), ("one", "  two   "));
    }

    #[test]
    fn limits_and_controls_are_kept() {
        let l = typed("abcdef", Limit::Chars(4));
        assert_eq!(l.text(), "abcd");
        let mut l = typed("aé", Limit::Bytes(3));
        assert_eq!(l.apply(Action::InsertChar('x')), Edit::Unchanged);
        assert_eq!(l.text(), "aé");
        let mut l = LineInput::new(Limit::Bytes(12));
        assert!(l.paste("a\x1b[31m\nb\u{9b}\tc"));
        assert_eq!(l.text(), "a[31m b c");
        assert!(l.paste("xyzxyz"));
        assert_eq!(l.text(), "a[31m b cxyz", "cut at the limit");
        assert_eq!(LineInput::with_text("x\u{7}y", Limit::None).text(), "xy");
        assert_eq!(LineInput::with_text("~/a\nb\r\n", Limit::None).text(), "~/a b", "a copied line's break is dropped");
    }
}
