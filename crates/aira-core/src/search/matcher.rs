//! Case-insensitive fuzzy matching of one query against one field, fzf-v1 style: an exact
//! substring wins outright; otherwise the first place where the query's characters appear in
//! order is tightened from its end backwards, and that window is rated. Linear in the field,
//! and nothing is allocated but the caller's buffer of positions.

/// Lower-case one char to exactly one char, so an index into the folded text is an index into
/// the original (`to_lowercase` can yield several chars; the first is close enough to match on).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

pub fn fold(s: &str) -> String {
    if s.is_ascii() { s.to_ascii_lowercase() } else { s.chars().map(fold_char).collect() }
}

/// Which ASCII chars occur in a folded text: a query whose chars are not all present cannot
/// match, and most fields of a big bank are ruled out by one AND instead of a scan.
pub fn ascii_mask(folded: &str) -> u128 {
    // A table store per byte is cheaper than a 128-bit shift per byte (index build at 10,000
    // questions reads ~6 MB).
    let mut seen = [false; 256];
    for b in folded.bytes() {
        seen[usize::from(b)] = true;
    }
    seen[..128].iter().enumerate().filter(|(_, s)| **s).fold(0, |m, (b, _)| m | 1u128 << b)
}

/// True when `folded` is what `fold(original)` gives, checked without allocating (a cached
/// folded note stays valid while the note only changes case, since positions are per char).
pub fn folds_to(original: &str, folded: &str) -> bool {
    if original.is_ascii() {
        original.len() == folded.len() && original.bytes().zip(folded.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        original.chars().map(fold_char).eq(folded.chars())
    }
}

/// A folded field with what makes rejecting it cheap.
pub struct Folded {
    pub text: String,
    pub mask: u128,
    pub ascii: bool,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let text = fold(original);
        Folded { mask: ascii_mask(&text), ascii: text.is_ascii(), text }
    }
}

pub struct Query {
    folded: String,
    /// The folded query's exact-substring searcher, built once per query (SIMD).
    finder: memchr::memmem::Finder<'static>,
    chars: Vec<char>,
    mask: u128,
}

impl Query {
    /// `query` must not be empty.
    pub fn new(query: &str) -> Query {
        let folded = fold(query);
        let chars = folded.chars().collect();
        let finder = memchr::memmem::Finder::new(folded.as_bytes()).into_owned();
        Query { mask: ascii_mask(&folded), finder, folded, chars }
    }

    /// No field can rate higher than this (an exact match at the very start): fields that
    /// cannot beat a question's best so far are skipped unread.
    pub fn best_possible(&self) -> i64 {
        let word = |c: char| c.is_alphanumeric();
        let runs = self.chars.windows(2).map(|w| 28 + if word(w[0]) { 0 } else { 10 }).sum::<i64>();
        50 + 26 + runs
    }

    /// Whether the query's chars all appear in order in `field`, without rating it: for
    /// questions that can no longer reach the shown hits but still count for narrowing.
    pub fn matches(&self, field: &Folded) -> bool {
        if self.chars.is_empty() || self.mask & field.mask != self.mask {
            return false;
        }
        if field.ascii && self.folded.is_ascii() {
            subsequence(field.text.as_bytes(), self.folded.as_bytes())
        } else {
            subsequence(&field.text.chars().collect::<Vec<_>>(), &self.chars)
        }
    }

    /// The rating of this query in `folded` (a field passed through `fold`), with the matched
    /// char indices left in `positions`; `None` when the query's chars do not all appear in order.
    pub fn score(&self, field: &Folded, positions: &mut Vec<usize>) -> Option<i64> {
        positions.clear();
        if self.chars.is_empty() || self.mask & field.mask != self.mask {
            return None;
        }
        let folded = field.text.as_str();
        if field.ascii && self.folded.is_ascii() {
            // Bytes are chars here; one vectorised pass finds the exact substring, if any.
            let hay = folded.as_bytes();
            let exact = self.finder.find(hay);
            locate(hay, self.folded.as_bytes(), exact, None, positions)?;
            Some(rate(hay, positions, exact.is_some(), |b: u8| b.is_ascii_alphanumeric()))
        } else {
            let hay: Vec<char> = folded.chars().collect();
            let exact = hay.windows(self.chars.len()).position(|w| w == self.chars.as_slice());
            locate(&hay, &self.chars, exact, None, positions)?;
            Some(rate(&hay, positions, exact.is_some(), char::is_alphanumeric))
        }
    }
}

fn subsequence<T: Copy + PartialEq>(hay: &[T], needle: &[T]) -> bool {
    let mut k = 0;
    for &c in hay {
        if needle.get(k) == Some(&c) {
            k += 1;
            if k == needle.len() {
                return true;
            }
        }
    }
    needle.is_empty()
}

/// Matched positions: the exact substring, else the first in-order match (`end`: its last
/// index, when already known) tightened backwards. A plain loop beats `memchr` per char here:
/// the gaps between common letters are short.
fn locate<T: Copy + PartialEq>(
    hay: &[T],
    needle: &[T],
    exact: Option<usize>,
    end: Option<usize>,
    out: &mut Vec<usize>,
) -> Option<()> {
    if let Some(start) = exact {
        out.extend(start..start + needle.len());
        return Some(());
    }
    let end = match end {
        Some(e) => e,
        None => {
            let mut k = 0;
            let mut end = None;
            for (i, &c) in hay.iter().enumerate() {
                if c == needle[k] {
                    k += 1;
                    if k == needle.len() {
                        end = Some(i);
                        break;
                    }
                }
            }
            end?
        }
    };
    // From the end backwards: the latest start, so the window is as tight as a greedy scan gets.
    let mut k = needle.len();
    for i in (0..=end).rev() {
        if hay[i] == needle[k - 1] {
            out.push(i);
            k -= 1;
            if k == 0 {
                break;
            }
        }
    }
    out.reverse();
    Some(())
}

/// Points per matched char, more at word starts and in runs, less across gaps and far in.
fn rate<T: Copy>(hay: &[T], positions: &[usize], exact: bool, word: impl Fn(T) -> bool) -> i64 {
    let mut score = if exact { 50 } else { 0 };
    let mut prev: Option<usize> = None;
    for &p in positions {
        score += 16;
        if p == 0 || !word(hay[p - 1]) {
            score += 10;
        }
        score += match prev {
            None => -((p.min(15) / 3) as i64),
            Some(q) if p == q + 1 => 12,
            Some(q) => -3 - (p - q - 1).min(30) as i64,
        };
        prev = Some(p);
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(query: &str, field: &str) -> Option<(i64, Vec<usize>)> {
        let mut pos = Vec::new();
        Query::new(query).score(&Folded::new(field), &mut pos).map(|s| (s, pos))
    }

    #[test]
    fn exact_substring_beats_scattered_letters() {
        let (exact, pos) = run("inc", "a line with incidents").unwrap();
        assert_eq!(pos, vec![12, 13, 14]);
        let (scattered, pos) = run("inc", "in the case").unwrap();
        assert_eq!(pos, vec![0, 1, 7]);
        assert!(exact > scattered);
        assert!(Query::new("inc").best_possible() >= exact);
        let q = Query::new("ms-2.7");
        assert_eq!(q.score(&Folded::new("MS-2.7"), &mut Vec::new()), Some(q.best_possible()));
        assert_eq!(run("xyz", "in the case"), None);
    }

    #[test]
    fn matches_agrees_with_score() {
        for (q, f) in [("inc", "in the case"), ("xyz", "in the case"), ("zö", "Ünïcode ZÖNE"), ("ab", "ba"), ("a", "")]
        {
            let (q, f) = (Query::new(q), Folded::new(f));
            assert_eq!(q.matches(&f), q.score(&f, &mut Vec::new()).is_some(), "{f:?}", f = f.text);
        }
    }

    #[test]
    fn folds_to_agrees_with_fold() {
        for (a, b) in [("Abc", "abc"), ("ÜnÏ", "ünï"), ("abc", "abd"), ("ab", "abc"), ("İs", "is")] {
            assert_eq!(folds_to(a, b), fold(a) == b, "{a} {b}");
        }
    }

    #[test]
    fn window_is_tightened_from_the_back() {
        // Greedy forward would take the first `a`; the backward pass picks the one nearest `b`.
        let (_, pos) = run("ab", "a....a.b").unwrap();
        assert_eq!(pos, vec![5, 7]);
    }

    #[test]
    fn positions_are_char_indices_of_the_original() {
        let (_, pos) = run("zö", "Ünïcode ZÖNE").unwrap();
        assert_eq!(pos, vec![8, 9]);
        assert_eq!(run("İs", "İstanbul").map(|r| r.1), Some(vec![0, 1]));
    }
}
