//! Reading a file made mostly of one array of tables (a questionnaire's `[[question]]`s) one
//! table at a time, and a big one in two halves at once.
//!
//! The fast reader hands each top-level `[[KEY]]` table to the caller's [`Stream`] as soon as no
//! later header can add to it, then drops it: a 10,000-question file never exists as one tree.
//! A big text is also cut at a `[[KEY]]` header near its middle and each half read on its own
//! thread. The cut is sound only if it falls on a real header, not inside a multi-line string
//! or array; a cut anywhere else leaves the first half unterminated, which the fast reader
//! declines, and the whole text is then read in one piece.

use std::ops::Range;

use super::{Item, Span, Table, Value, fast, slow};

/// Texts from this size are read in two halves on two threads.
const HALVES_FROM: usize = 1 << 20;

/// What a caller builds from the streamed tables.
pub trait Stream: Send {
    /// The top-level array of tables streamed.
    const KEY: &'static str;
    /// Take one table (`span` is in the whole text); false gives up on the fast reading.
    fn table(&mut self, table: &Table<'_>, span: Range<usize>) -> bool;
    /// Fold in the state built from the tables that follow all of this one's; false gives up.
    fn append(&mut self, later: Self) -> bool;
}

/// [`super::read`] with the `[[KEY]]` tables streamed into an `S` from `new`: `build` gets what
/// they built and the rest of the tree. toml's tree (the slow path) is not streamed: `build`
/// then gets a fresh `S` and a tree with every table in it.
pub fn read_streaming<S: Stream, T, E>(
    text: &str,
    new: impl Fn() -> S + Sync,
    build: impl Fn(S, &Table<'_>, Range<usize>) -> Result<T, E>,
    invalid: impl FnOnce(Vec<toml::de::Error>) -> E,
) -> Result<T, E> {
    if let Some((state, table)) = halves(text, &new).or_else(|| whole(text, 0..text.len(), &new))
        && let Ok(built) = build(state, &table, 0..text.len())
    {
        return Ok(built);
    }
    build(new(), &slow(text).map_err(invalid)?, 0..text.len())
}

fn whole<'a, S: Stream>(text: &'a str, range: Range<usize>, new: &dyn Fn() -> S) -> Option<(S, Table<'a>)> {
    let mut state = new();
    let mut sink = |t: Table<'_>, span: Span| state.table(&t, span.range());
    let table = fast::parse(text, range, Some((S::KEY, &mut sink)))?;
    Some((state, table))
}

fn halves<'a, S: Stream>(text: &'a str, new: &(dyn Fn() -> S + Sync)) -> Option<(S, Table<'a>)> {
    if text.len() < HALVES_FROM {
        return None;
    }
    let header = format!("\n[[{}]]", S::KEY);
    let middle = text.len() / 2;
    let cut = middle + memchr::memmem::find(&text.as_bytes()[middle..], header.as_bytes())? + 1;
    let (first, second) = std::thread::scope(|s| {
        let second = s.spawn(|| whole(text, cut..text.len(), new));
        let first = whole(text, 0..cut, new);
        (first, second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let ((mut state, root), (later, rest)) = (first?, second?);
    // The second half must hold nothing but its `[[KEY]]` tables (all streamed by now), and
    // the first may only have made KEY an array of tables too; anything else would need the
    // two trees merged with TOML's rules, so it is left to the reading in one piece.
    let streamed = |item: Option<&Item<'_>>| matches!(item, Some(Item { value: Value::Array(a), .. }) if a.of_tables && a.items.is_empty());
    if rest.len() != 1 || !streamed(rest.get(S::KEY)) || root.get(S::KEY).is_some_and(|i| !streamed(Some(i))) {
        return None;
    }
    state.append(later).then_some((state, root))
}
