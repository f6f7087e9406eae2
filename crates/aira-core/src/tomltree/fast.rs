//! The fast reader: one pass over the bytes, no tokens, strings borrowed unless they hold
//! escapes. It returns `None` for anything outside its subset *and* for anything invalid,
//! and the toml crate then reads the text: declining is always safe, accepting something
//! toml would read differently (or refuse) never is. So when in doubt, it declines: dates,
//! dotted keys, hex or `_` in numbers, `inf`/`nan`, TOML 1.1's `\e` and `\x` escapes and
//! multi-line inline tables, carriage returns inside multi-line strings, deep nesting.

use std::borrow::Cow;
use std::ops::Range;

use super::{Array, Item, Span, Table, Value};

/// Deeper nesting than this, in values or in a header's path, is declined (toml refuses 80 and
/// more; recursion must stay shallow).
const MAX_DEPTH: usize = 32;

/// Receives each finished `[[key]]` table of the top level, for [`parse`]'s `stream`; `false`
/// stops the reading (the caller has seen enough to know it will not use this tree).
pub type Sink<'s, 'a> = &'s mut dyn FnMut(Table<'a>, Span) -> bool;

/// Read `text[range]` as a document of its own (spans stay offsets into `text`); with
/// `stream`, every `[[key]]` table of the top level goes to the sink once no later header can
/// add to it (at the next `[[key]]` or the end), and leaves the tree.
pub fn parse<'a>(text: &'a str, range: Range<usize>, mut stream: Option<(&str, Sink<'_, 'a>)>) -> Option<Table<'a>> {
    let text = text.get(..range.end)?;
    let mut p = Parser { text, s: text.as_bytes(), i: range.start };
    let mut root = Table::default();
    let mut header: Option<Header<'_>> = None;
    let mut current = Table::default();
    loop {
        p.blank_lines()?;
        match p.peek() {
            None => break,
            Some(b'[') => {
                commit(&mut root, header.take(), std::mem::take(&mut current))?;
                hand_off(&mut root, &mut stream, 1)?;
                header = Some(p.header()?);
            }
            Some(_) => {
                let (key, span) = p.key()?;
                p.spaces();
                if p.peek() != Some(b'=') {
                    return None; // a dotted key, or not a key/value line at all
                }
                p.i += 1;
                p.spaces();
                let item = p.value(0)?;
                current.insert(key, span, item)?;
            }
        }
        p.end_of_line()?;
    }
    commit(&mut root, header, current)?;
    hand_off(&mut root, &mut stream, 0)?;
    Some(root)
}

/// Send the streamed array's tables to the sink, all but the last `keep` (which a later
/// `[key.sub]` header may still extend).
fn hand_off<'a>(root: &mut Table<'a>, stream: &mut Option<(&str, Sink<'_, 'a>)>, keep: usize) -> Option<()> {
    let Some((key, sink)) = stream else { return Some(()) };
    let Some(Item { value: Value::Array(a), .. }) = root.get_mut(key) else { return Some(()) };
    if !a.of_tables || a.items.len() <= keep {
        return Some(());
    }
    while a.items.len() > keep {
        let item = a.items.remove(0);
        let Value::Table(t) = item.value else { return None };
        if !sink(t, item.span) {
            return None;
        }
    }
    Some(())
}

struct Header<'a> {
    keys: Vec<(Cow<'a, str>, Span)>,
    array: bool,
    span: Span,
}

/// Put the table read under `header` where the header says, with TOML's rules: a `[table]`
/// once, `[[array]]`s only onto arrays made by such headers, nothing into inline tables.
fn commit<'a>(root: &mut Table<'a>, header: Option<Header<'a>>, mut table: Table<'a>) -> Option<()> {
    // Tables start with room for 16 keys (no regrowth for a question); give back the rest.
    table.entries.shrink_to_fit();
    let Some(header) = header else {
        // Keys before the first header belong to the root, which is still empty then.
        for (k, s, v) in table.entries {
            root.insert(k, s, v)?;
        }
        return Some(());
    };
    let (last, parents) = header.keys.split_last()?;
    let mut t = root;
    for (key, span) in parents {
        t = descend(t, key, *span)?;
    }
    let (key, span) = last;
    match (header.array, t.get_mut(key)) {
        (true, None) => {
            let item = Item { value: Value::Table(table), span: header.span };
            let array = Array { items: vec![item], of_tables: true };
            t.insert(key.clone(), *span, Item { value: Value::Array(array), span: header.span })
        }
        (true, Some(Item { value: Value::Array(a), .. })) if a.of_tables => {
            a.items.push(Item { value: Value::Table(table), span: header.span });
            Some(())
        }
        (false, None) => {
            let table = Table { explicit: true, ..table };
            t.insert(key.clone(), *span, Item { value: Value::Table(table), span: header.span })
        }
        (false, Some(Item { value: Value::Table(existing), .. })) if !existing.explicit && !existing.inline => {
            // Defining a table made implicitly earlier moves it to the end of its parent, as
            // toml does (it takes the table out and puts it back when the header's body ends).
            let Some((_, _, Item { value: Value::Table(mut existing), .. })) = t.remove(key) else { return None };
            existing.explicit = true;
            for (k, s, v) in table.entries {
                existing.insert(k, s, v)?;
            }
            t.insert(key.clone(), *span, Item { value: Value::Table(existing), span: header.span })
        }
        _ => None,
    }
}

/// The table a header's leading key names: made (implicitly) when missing, the last table of
/// an array of tables, never a value or an inline table.
fn descend<'t, 'a>(t: &'t mut Table<'a>, key: &Cow<'a, str>, span: Span) -> Option<&'t mut Table<'a>> {
    if t.position(key).is_none() {
        t.insert(key.clone(), span, Item { value: Value::Table(Table::default()), span })?;
    }
    match &mut t.get_mut(key)?.value {
        Value::Table(inner) if !inner.inline => Some(inner),
        Value::Array(a) if a.of_tables => match &mut a.items.last_mut()?.value {
            Value::Table(inner) => Some(inner),
            _ => None,
        },
        _ => None,
    }
}

struct Parser<'a> {
    text: &'a str,
    s: &'a [u8],
    i: usize,
}

/// Bytes a TOML string or comment may not hold raw: controls other than tab. Written without
/// short-circuits so that [`first_control`] vectorises.
fn is_control(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t')) | (b == 0x7f)
}

/// Where the first raw control byte is: whole 32-byte blocks are tested branch-free first
/// (fixed-size blocks let the compiler use vector compares).
fn first_control(bytes: &[u8]) -> Option<usize> {
    let blocks = bytes.chunks_exact(32);
    let tail = blocks.remainder();
    let mut start = 0;
    for block in blocks {
        if block.iter().fold(false, |any, &b| any | is_control(b)) {
            break;
        }
        start += 32;
    }
    let rest = if start + tail.len() == bytes.len() { tail } else { &bytes[start..] };
    rest.iter().position(|&b| is_control(b)).map(|p| start + p)
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn at(&self, lit: &[u8]) -> bool {
        self.s[self.i..].starts_with(lit)
    }

    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// A newline (`\n` or `\r\n`) if one is here.
    fn newline(&mut self) -> bool {
        match self.peek() {
            Some(b'\n') => self.i += 1,
            Some(b'\r') if self.s.get(self.i + 1) == Some(&b'\n') => self.i += 2,
            _ => return false,
        }
        true
    }

    fn comment(&mut self) -> Option<()> {
        if self.peek() != Some(b'#') {
            return Some(());
        }
        let end = memchr::memchr(b'\n', &self.s[self.i..]).map_or(self.s.len(), |n| self.i + n);
        let body = &self.s[self.i..end];
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        if first_control(body).is_some() {
            return None;
        }
        self.i += body.len();
        Some(())
    }

    /// Whitespace, comments and empty lines (between lines, and inside arrays).
    fn blank_lines(&mut self) -> Option<()> {
        loop {
            self.spaces();
            self.comment()?;
            if !self.newline() {
                return Some(());
            }
        }
    }

    /// The rest of a line after a value or header: spaces, a comment, then a newline or the end.
    fn end_of_line(&mut self) -> Option<()> {
        self.spaces();
        self.comment()?;
        (self.newline() || self.i == self.s.len()).then_some(())
    }

    fn header(&mut self) -> Option<Header<'a>> {
        let start = self.i;
        let array = self.at(b"[[");
        self.i += if array { 2 } else { 1 };
        let mut keys = Vec::new();
        loop {
            self.spaces();
            keys.push(self.key()?);
            self.spaces();
            match self.peek()? {
                // toml refuses paths of 80 keys or more; long ones are declined well before.
                b'.' if keys.len() < MAX_DEPTH => self.i += 1,
                b']' => break,
                _ => return None,
            }
        }
        let close: &[u8] = if array { b"]]" } else { b"]" };
        if !self.at(close) {
            return None;
        }
        self.i += close.len();
        Some(Header { keys, array, span: Span::new(start, self.i) })
    }

    fn key(&mut self) -> Option<(Cow<'a, str>, Span)> {
        let start = self.i;
        let key = match self.peek()? {
            b'"' if !self.at(b"\"\"\"") => self.basic_string()?,
            b'\'' if !self.at(b"'''") => self.literal_string()?,
            _ => {
                while matches!(self.peek(), Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')) {
                    self.i += 1;
                }
                if self.i == start {
                    return None;
                }
                Cow::Borrowed(&self.text[start..self.i])
            }
        };
        Some((key, Span::new(start, self.i)))
    }

    fn value(&mut self, depth: usize) -> Option<Item<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.i;
        let value = match self.peek()? {
            b'"' if self.at(b"\"\"\"") => Value::String(self.multiline(b'"')?),
            b'"' => Value::String(self.basic_string()?),
            b'\'' if self.at(b"'''") => Value::String(self.multiline(b'\'')?),
            b'\'' => Value::String(self.literal_string()?),
            b'[' => Value::Array(self.array(depth)?),
            b'{' => Value::Table(self.inline_table(depth)?),
            b't' | b'f' => self.boolean()?,
            b'0'..=b'9' | b'+' | b'-' => self.number()?,
            _ => return None,
        };
        Some(Item { value, span: Span::new(start, self.i) })
    }

    fn boolean(&mut self) -> Option<Value<'a>> {
        let (word, value) = if self.at(b"true") { ("true", true) } else { ("false", false) };
        if !self.at(word.as_bytes()) {
            return None;
        }
        self.i += word.len();
        self.delimited().then_some(Value::Boolean(value))
    }

    /// A value ends at whitespace, a comma, a closing bracket or brace, a comment or the end.
    fn delimited(&self) -> bool {
        matches!(self.peek(), None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b'#'))
    }

    /// Decimal integers and plain floats; every other number (and every date) is declined.
    fn number(&mut self) -> Option<Value<'a>> {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9' | b'+' | b'-' | b'.' | b'e' | b'E')) {
            self.i += 1;
        }
        if !self.delimited() {
            return None;
        }
        let token = &self.text[start..self.i];
        let unsigned = token.strip_prefix(['+', '-']).unwrap_or(token);
        let int_len = unsigned.bytes().take_while(u8::is_ascii_digit).count();
        let (int, rest) = unsigned.split_at(int_len);
        if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
            return None;
        }
        if rest.is_empty() {
            return token.parse::<i64>().ok().map(|n| Value::Integer(Some(n)));
        }
        let rest = match rest.strip_prefix('.') {
            Some(r) => {
                let digits = r.bytes().take_while(u8::is_ascii_digit).count();
                (digits > 0).then(|| &r[digits..])?
            }
            None => rest,
        };
        if let Some(exp) = rest.strip_prefix(['e', 'E']) {
            let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
        } else if !rest.is_empty() {
            return None;
        }
        token.parse::<f64>().ok().filter(|f| f.is_finite()).map(|f| Value::Float(Some(f)))
    }

    fn array(&mut self, depth: usize) -> Option<Array<'a>> {
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.blank_lines()?;
            if self.peek()? == b']' {
                break;
            }
            items.push(self.value(depth + 1)?);
            self.blank_lines()?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.i += 1;
        Some(Array { items, of_tables: false })
    }

    /// `{ k = v, … }` on one line, without a trailing comma (TOML 1.0's form).
    fn inline_table(&mut self, depth: usize) -> Option<Table<'a>> {
        self.i += 1;
        let mut t = Table { inline: true, ..Table::default() };
        self.spaces();
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(t);
        }
        loop {
            self.spaces();
            let (key, span) = self.key()?;
            self.spaces();
            if self.peek()? != b'=' {
                return None;
            }
            self.i += 1;
            self.spaces();
            let item = self.value(depth + 1)?;
            t.insert(key, span, item)?;
            self.spaces();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => break,
                _ => return None,
            }
        }
        self.i += 1;
        Some(t)
    }
}

mod strings;
