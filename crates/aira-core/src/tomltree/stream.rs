//! Reading a file made mostly of one array of tables (a questionnaire's `[[question]]`s) one
//! table at a time, and a big one in pieces on two threads.
//!
//! The fast reader hands each top-level `[[KEY]]` table to the caller's [`Stream`] as soon as no
//! later header can add to it, then drops it: a 10,000-question file never exists as one tree.
//! A big text is also cut into pieces at `[[KEY]]` headers and the pieces read on two threads.
//! A cut is sound only if it falls on a real header, not inside a multi-line string or array;
//! a cut anywhere else leaves the piece before it unterminated, which the fast reader declines,
//! and the whole text is then read in one piece.

use std::ops::Range;

use super::{Item, Span, Table, Value, fast, slow};

/// Texts from this size are read in pieces on two threads.
const PIECES_FROM: usize = 1 << 20;
/// Small enough for the two threads to finish close together, big enough that merging costs
/// nothing next to reading.
const PIECES: usize = 8;

/// What a caller builds from the streamed tables.
pub trait Stream: Send + Sync {
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
    if let Some((state, table)) = pieces(text, &new).or_else(|| whole(text, 0..text.len(), &new))
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

/// Pieces of a big text, read on two threads (`par::map2`: the work spreads over both cores
/// whatever else, such as the thread reading the answers, keeps one of them busy).
fn pieces<'a, S: Stream>(text: &'a str, new: &(dyn Fn() -> S + Sync)) -> Option<(S, Table<'a>)> {
    if text.len() < PIECES_FROM {
        return None;
    }
    let header = format!("\n[[{}]]", S::KEY);
    let mut cuts = vec![0];
    for k in 1..PIECES {
        let from = (text.len() * k / PIECES).max(cuts.last().copied().unwrap_or(0));
        if let Some(at) = memchr::memmem::find(&text.as_bytes()[from..], header.as_bytes()) {
            cuts.push(from + at + 1);
        }
    }
    cuts.push(text.len());
    cuts.dedup();
    let ranges: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
    let mut done = crate::par::map2(&ranges, |r| whole(text, r.clone(), new))?.into_iter();
    let (mut state, root) = done.next()??;
    // Every later piece must hold nothing but its `[[KEY]]` tables (all streamed by now), and
    // the first may only have made KEY an array of tables too; anything else would need the
    // trees merged with TOML's rules, so it is left to the reading in one piece.
    let streamed = |item: Option<&Item<'_>>| matches!(item, Some(Item { value: Value::Array(a), .. }) if a.of_tables && a.items.is_empty());
    if root.get(S::KEY).is_some_and(|i| !streamed(Some(i))) {
        return None;
    }
    for piece in done {
        let (later, rest) = piece?;
        if rest.len() != 1 || !streamed(rest.get(S::KEY)) || !state.append(later) {
            return None;
        }
    }
    Some((state, root))
}
