//! Strings for the fast reader: borrowed from the text unless an escape or a trimmed line
//! ending makes the value differ from its bytes.

use std::borrow::Cow;

use super::{Parser, first_control, is_control};

/// A value built from slices of the text, copied only once something must change.
struct Builder<'a> {
    text: &'a str,
    start: usize,
    owned: Option<String>,
    /// Start of the part not yet copied into `owned`.
    copied_to: usize,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, start: usize) -> Self {
        Builder { text, start, owned: None, copied_to: start }
    }

    /// Replace `text[at..resume]` with `with`.
    fn splice(&mut self, at: usize, resume: usize, with: &str) {
        let s = self.owned.get_or_insert_with(String::new);
        s.push_str(&self.text[self.copied_to..at]);
        s.push_str(with);
        self.copied_to = resume;
    }

    fn finish(self, end: usize) -> Cow<'a, str> {
        match self.owned {
            None => Cow::Borrowed(&self.text[self.start..end]),
            Some(mut s) => {
                s.push_str(&self.text[self.copied_to..end]);
                Cow::Owned(s)
            }
        }
    }
}

impl<'a> Parser<'a> {
    /// Move to the next quote, backslash or raw control (which ends a single-line string as
    /// an error) of a basic string.
    fn run(&mut self) {
        let rest = &self.s[self.i..];
        let stop = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
        self.i += first_control(&rest[..stop]).unwrap_or(stop);
    }

    /// `"…"`, starting at the quote.
    pub(super) fn basic_string(&mut self) -> Option<Cow<'a, str>> {
        self.i += 1;
        let mut b = Builder::new(self.text, self.i);
        loop {
            self.run();
            match self.peek()? {
                b'"' => {
                    let end = self.i;
                    self.i += 1;
                    return Some(b.finish(end));
                }
                b'\\' => self.escape(&mut b)?,
                _ => return None,
            }
        }
    }

    /// `'…'`, starting at the quote: no escapes, no controls but tab.
    pub(super) fn literal_string(&mut self) -> Option<Cow<'a, str>> {
        self.i += 1;
        let start = self.i;
        let len = memchr::memchr(b'\'', &self.s[start..])?;
        let body = &self.s[start..start + len];
        if first_control(body).is_some() {
            return None;
        }
        self.i = start + len + 1;
        Some(Cow::Borrowed(&self.text[start..start + len]))
    }

    /// One escape, the parser at its backslash; TOML 1.0's set only.
    fn escape(&mut self, b: &mut Builder<'a>) -> Option<()> {
        let at = self.i;
        let simple = match *self.s.get(at + 1)? {
            b'b' => Some('\u{8}'),
            b't' => Some('\t'),
            b'n' => Some('\n'),
            b'f' => Some('\u{c}'),
            b'r' => Some('\r'),
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            _ => None,
        };
        let (c, len) = match (simple, self.s[at + 1]) {
            (Some(c), _) => (c, 2),
            (None, b'u') => (self.hex(at + 2, 4)?, 6),
            (None, b'U') => (self.hex(at + 2, 8)?, 10),
            _ => return None,
        };
        b.splice(at, at + len, c.encode_utf8(&mut [0; 4]));
        self.i = at + len;
        Some(())
    }

    fn hex(&self, from: usize, digits: usize) -> Option<char> {
        let h = self.text.get(from..from + digits)?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        char::from_u32(u32::from_str_radix(h, 16).ok()?)
    }

    /// `"""…"""` or `'''…'''`, starting at the opening quotes. A newline right after them is
    /// not part of the value; one or two quotes may sit against the closing three.
    pub(super) fn multiline(&mut self, quote: u8) -> Option<Cow<'a, str>> {
        self.i += 3;
        self.newline();
        let mut b = Builder::new(self.text, self.i);
        loop {
            match self.peek()? {
                q if q == quote => {
                    let run = self.s[self.i..].iter().take_while(|&&c| c == quote).count();
                    match run {
                        0..=2 => self.i += run,
                        3..=5 => {
                            let end = self.i + run - 3;
                            self.i += run;
                            return Some(b.finish(end));
                        }
                        _ => return None,
                    }
                }
                b'\\' if quote == b'"' => {
                    if matches!(self.s.get(self.i + 1), Some(b' ' | b'\t' | b'\n')) {
                        self.line_ending_backslash(&mut b)?;
                    } else {
                        self.escape(&mut b)?;
                    }
                }
                b'\n' | b'\t' | b'\\' => self.i += 1,
                c if is_control(c) => return None,
                _ => self.i += 1,
            }
        }
    }

    /// A backslash that ends a line drops it and all whitespace up to the next text.
    fn line_ending_backslash(&mut self, b: &mut Builder<'a>) -> Option<()> {
        let at = self.i;
        self.i += 1;
        self.spaces();
        if self.peek()? != b'\n' {
            return None;
        }
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n')) {
            self.i += 1;
        }
        b.splice(at, self.i, "");
        Some(())
    }
}
