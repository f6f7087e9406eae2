//! A plain tree of TOML values, the one shape questionnaires and answers files are read from.
//!
//! Two readers build it. `fast` covers the subset of TOML that aira writes and people
//! usually write (tables, arrays of tables, strings, decimal numbers, booleans, arrays, inline
//! tables) and declines anything else; it reads a 10,000-question bank several times faster
//! than the toml crate, which matters because that parse sits before the first frame. The
//! toml crate reads everything the fast reader declines. [`read`] runs a builder over the fast
//! tree first and redoes the whole thing on toml's tree when the fast reader declines or the
//! builder finds any problem, so every message and span a user sees comes from toml's parse.
//! Pure: no files, no terminal.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

mod fast;
mod stream;

pub use stream::{Stream, read_streaming};

/// Where a key or value sits: byte offsets, kept in 32 bits (files are limited far below
/// 4 GB) because a 10,000-question tree holds a few hundred thousand of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn new(start: usize, end: usize) -> Span {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span { start: at(start), end: at(end) }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// One value with where it sits in the text. Equality ignores spans: two readers agree when
/// they read the same data.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    pub value: Value<'a>,
    pub span: Span,
}

impl PartialEq for Item<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    String(Cow<'a, str>),
    /// `None`: a well-formed integer outside the 64-bit range.
    Integer(Option<i64>),
    /// `None`: a float Rust cannot read (kept so a builder can say so).
    Float(Option<f64>),
    Boolean(bool),
    Datetime,
    Array(Array<'a>),
    Table(Table<'a>),
}

impl Value<'_> {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Boolean(_) => "a boolean",
            Value::Datetime => "a date-time",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

/// An array; `of_tables` marks one made by `[[header]]`s (only those may grow by another).
#[derive(Clone, Debug, Default)]
pub struct Array<'a> {
    pub items: Vec<Item<'a>>,
    of_tables: bool,
}

impl PartialEq for Array<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

/// Tables past this many keys get a hash index (the `[answers]` table has one per question;
/// a question has at most 13 keys, which a scan finds faster than a hash).
const INDEX_FROM: usize = 32;

#[derive(Clone, Debug, Default)]
pub struct Table<'a> {
    entries: Vec<(Cow<'a, str>, Span, Item<'a>)>,
    /// Boxed: a map is 48 bytes inline, and it would sit in every one of the tree's values.
    #[allow(clippy::box_collection)]
    index: Option<Box<HashMap<Cow<'a, str>, usize>>>,
    /// Defined by a `[header]` (a second one is an error), or written inline (closed).
    explicit: bool,
    inline: bool,
}

impl PartialEq for Table<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().zip(&other.entries).all(|(a, b)| a.0 == b.0 && a.2 == b.2)
    }
}

impl<'a> Table<'a> {
    pub fn get(&self, key: &str) -> Option<&Item<'a>> {
        let i = self.position(key)?;
        Some(&self.entries[i].2)
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|e| e.0 == key),
        }
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Item<'a>> {
        let i = self.position(key)?;
        Some(&mut self.entries[i].2)
    }

    /// Keys with their spans and items, in the order of the text.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Span, &Item<'a>)> {
        self.entries.iter().map(|(k, s, v)| (k.as_ref(), *s, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Take a key out, keeping the order of the others.
    fn remove(&mut self, key: &str) -> Option<(Cow<'a, str>, Span, Item<'a>)> {
        let i = self.position(key)?;
        let removed = self.entries.remove(i);
        if let Some(index) = &mut self.index {
            index.remove(key);
            index.values_mut().filter(|at| **at > i).for_each(|at| *at -= 1);
        }
        Some(removed)
    }

    /// Add a key; `None` when it is already there (a duplicate key is an error in TOML).
    fn insert(&mut self, key: Cow<'a, str>, span: Span, item: Item<'a>) -> Option<()> {
        if self.position(&key).is_some() {
            return None;
        }
        let at = self.entries.len();
        if at == 0 {
            // Most tables are questions or answers of 5 to 13 keys: one allocation, not three.
            self.entries.reserve(if self.inline { 4 } else { 16 });
        }
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), at);
        } else if at + 1 >= INDEX_FROM {
            let mut index: HashMap<_, _> = self.entries.iter().enumerate().map(|(i, e)| (e.0.clone(), i)).collect();
            index.insert(key.clone(), at);
            self.index = Some(Box::new(index));
        }
        self.entries.push((key, span, item));
        Some(())
    }
}

/// Parse with the fast reader, then with toml's, and hand the tree to `build`. The fast tree
/// is only trusted when `build` accepts it: anything it rejects is rebuilt from toml's tree,
/// whose spans and messages are the ones to show. `invalid` turns toml's syntax errors (all
/// of them, not just the first) into the caller's error.
pub fn read<T, E>(
    text: &str,
    build: impl Fn(&Table<'_>, Range<usize>) -> Result<T, E>,
    invalid: impl FnOnce(Vec<toml::de::Error>) -> E,
) -> Result<T, E> {
    if let Some(table) = fast::parse(text, 0..text.len(), None)
        && let Ok(built) = build(&table, 0..text.len())
    {
        return Ok(built);
    }
    build(&slow(text).map_err(invalid)?, 0..text.len())
}

/// toml's reading, with every syntax error.
fn slow(text: &str) -> Result<Table<'_>, Vec<toml::de::Error>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() { Ok(table_from(doc.into_inner())) } else { Err(errors) }
}

/// The fast reader alone (`None` when it declines): for tests and benchmarks.
pub fn parse_fast(text: &str) -> Option<Table<'_>> {
    fast::parse(text, 0..text.len(), None)
}

/// toml's reader alone, converted to the tree.
pub fn parse_toml(text: &str) -> Result<Table<'_>, toml::de::Error> {
    Ok(table_from(DeTable::parse(text)?.into_inner()))
}

fn table_from(t: DeTable<'_>) -> Table<'_> {
    let mut out = Table::default();
    for (k, v) in t {
        let span = k.span().into();
        // toml has already refused duplicate keys.
        let _ = out.insert(k.into_inner(), span, item_from(v));
    }
    out
}

fn item_from(v: toml::Spanned<DeValue<'_>>) -> Item<'_> {
    let span = v.span().into();
    let value = match v.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => Value::Integer(i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()),
        DeValue::Float(f) => Value::Float(f.as_str().replace('_', "").parse::<f64>().ok()),
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(_) => Value::Datetime,
        DeValue::Array(a) => Value::Array(Array { items: a.into_iter().map(item_from).collect(), of_tables: false }),
        DeValue::Table(t) => Value::Table(table_from(t)),
    };
    Item { value, span }
}

#[cfg(test)]
mod tests;
