//! What two copies of a workspace last shared, from their histories: the base of a three-way
//! merge. Entries are compared by id (`entry_id`); the base of an answer (or an agreed value)
//! is what the newest entry both copies have for it wrote, and nothing when they share none.
//! A copy's changes still in its journals (a wizard open or killed there) count as its history.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use aira_core::assessment::{Answer, Decision, Value};

use super::error::Result;
use super::{consensus, history, history_parts, journal, torn};

/// One history entry with its text as written (to copy it into another copy unchanged).
pub struct Entry {
    pub change: history::Change,
    pub text: String,
}

/// Every entry of a copy, oldest first: the rotated parts, history.toml, then the journals'
/// entries history.toml lacks (a crash between the two appends), each id once.
pub fn entries(dir: &Path) -> Result<Vec<Entry>> {
    entries_reusing(dir, &[])
}

/// `entries`, taking the parse of an entry whose text is byte for byte one of `known`'s (the
/// target's, when this is a copy of it) instead of parsing it again: copies share most of their
/// history with the target, and parsing it was most of a merge (issue 16: 10 copies ≤ 1 s).
/// The same text parses to the same change, so what comes out is what `entries` gives.
pub fn entries_reusing(dir: &Path, known: &[Entry]) -> Result<Vec<Entry>> {
    let known: HashMap<&str, &history::Change> = known.iter().map(|e| (e.text.as_str(), &e.change)).collect();
    let mut texts = history_parts::texts(dir)?;
    if let Ok(list) = std::fs::read_dir(dir.join("answers")) {
        let mut ids: Vec<String> = list
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(&format!(".{}", journal::EXTENSION)).map(str::to_owned))
            .collect();
        ids.sort();
        for id in ids {
            if journal::read(dir, &id)?.is_some() {
                let path = journal::path(dir, &id);
                texts.push((path.clone(), super::read(&path)?));
            }
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (path, text) in &texts {
        push_entries((path, text), &known, &mut seen, &mut out)?;
    }
    Ok(out)
}

/// The whole entries of `text` (a file at `path`) whose ids are not `seen` yet, onto `out`;
/// one found in `known` by its text is taken from there rather than parsed.
fn push_entries(
    (path, text): (&Path, &str),
    known: &HashMap<&str, &history::Change>,
    seen: &mut HashSet<String>,
    out: &mut Vec<Entry>,
) -> Result<()> {
    for piece in torn::whole_entries(text) {
        let text = format!("\n{}\n", piece.trim_start_matches('\n'));
        let change = match known.get(text.as_str()) {
            Some(c) => (*c).clone(),
            None => match history::parse(path, piece)?.into_iter().next() {
                Some(c) => c,
                None => continue,
            },
        };
        if seen.insert(change.id.clone()) {
            out.push(Entry { change, text });
        }
    }
    Ok(())
}

/// Where a copy's history stands: its rotated parts, history.toml's length, and whether any
/// journal is left. `aira merge` holds the target's lock from one source to the next, so an
/// unchanged mark means unchanged entries, and a mark that only grew history.toml means the
/// entries it holds are the ones before plus the ones appended.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    parts: Vec<PathBuf>,
    len: u64,
    journals: bool,
}

pub fn mark(dir: &Path) -> Result<Mark> {
    let len = match std::fs::symlink_metadata(dir.join(history::FILE)) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
        Err(e) => return Err(super::WorkspaceError::io(&dir.join(history::FILE))(e)),
    };
    let journals = std::fs::read_dir(dir.join("answers")).is_ok_and(|list| {
        list.filter_map(|e| e.ok()?.file_name().into_string().ok())
            .any(|n| n.ends_with(&format!(".{}", journal::EXTENSION)))
    });
    Ok(Mark { parts: history_parts::parts(dir)?, len, journals })
}

/// `entries` of `dir` now, from `known` (its entries when its history stood at `was`): only
/// what was appended to history.toml since is read and parsed. Anything but a plain append
/// (a rotation, a journal, a shorter file) reads every entry again, as `entries` does.
pub fn entries_since(dir: &Path, was: &Mark, mut known: Vec<Entry>) -> Result<(Mark, Vec<Entry>)> {
    let now = mark(dir)?;
    if now == *was {
        return Ok((now, known));
    }
    let plain = now.parts == was.parts && !now.journals && !was.journals && now.len > was.len;
    if !plain {
        return Ok((now, entries_reusing(dir, &known)?));
    }
    let path = dir.join(history::FILE);
    let text = super::read(&path)?;
    // The old end is the end of a whole entry (appends write whole entries under the lock).
    let Some(tail) = usize::try_from(was.len).ok().and_then(|at| text.get(at..)) else {
        return Ok((now, entries_reusing(dir, &known)?));
    };
    let mut seen: HashSet<String> = known.iter().map(|e| e.change.id.clone()).collect();
    push_entries((&path, tail), &HashMap::new(), &mut seen, &mut known)?;
    Ok((now, known))
}

/// Whether an entry with no respondent records an agreed value (not an engagement fact, a
/// roadmap entry, an SoA decision or an engagement target, which name no respondent either:
/// a target is merged as a field of its own, see `base` and docs/merge.md).
/// `subject` is the kind the entry is about (`subject_kinds`): an undo or redo of a roadmap
/// entry names a question too, and is not an agreed value.
fn is_agreed(c: &history::Change, subject: &str, questions: &HashMap<String, usize>) -> bool {
    c.respondent.is_empty()
        && matches!(subject, "agree" | "merge" | "undo" | "redo")
        && questions.contains_key(&c.question)
}

/// The kind each entry is about: its own, or for an undo or redo, that of the entry it
/// reverts (by number, followed back), as undo's one dispatch reads it. An undo whose number
/// does not resolve stays `undo`.
pub fn subject_kinds(entries: &[Entry]) -> Vec<&str> {
    let mut kinds: Vec<&str> = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let c = &e.change;
        let reverts = c.reverts.filter(|&r| matches!(c.kind.as_str(), "undo" | "redo") && (1..=i).contains(&r));
        kinds.push(reverts.map_or(c.kind.as_str(), |r| kinds[r - 1]));
    }
    kinds
}

/// The base: per (respondent, question) and per agreed question, the value last written by an
/// entry both copies have. A key absent from a map had no shared entry (its base is nothing).
#[derive(Debug, Default)]
pub struct Base {
    pub answers: HashMap<(String, String), Answer>,
    pub agreed: HashMap<String, Option<(Value, Decision)>>,
    /// Engagement targets (targets.toml): the level the last shared entry left.
    pub targets: HashMap<String, Option<u8>>,
}

impl Base {
    pub fn answer(&self, respondent: &str, question: &str) -> Answer {
        self.answers.get(&(respondent.to_owned(), question.to_owned())).cloned().unwrap_or_default()
    }

    pub fn agreed(&self, question: &str) -> Option<(Value, Decision)> {
        self.agreed.get(question).cloned().flatten()
    }
}

/// The base of `ours` and `theirs` (each oldest first); `questions` tells agreed values from
/// the engagement's other respondent-less entries.
pub fn base(ours: &[Entry], theirs: &[Entry], questions: &HashMap<String, usize>) -> Base {
    let shared: HashSet<&str> = theirs.iter().map(|e| e.change.id.as_str()).collect();
    let mut base = Base::default();
    let subjects = subject_kinds(ours);
    for (c, subject) in ours.iter().map(|e| &e.change).zip(subjects).filter(|(c, _)| shared.contains(c.id.as_str())) {
        if c.respondent.is_empty() && subject == super::targets::KIND {
            let level = c.new.as_ref().and_then(super::targets::from_table).map(|t| t.level);
            base.targets.insert(c.question.clone(), level);
            continue;
        }
        let Some(new) = &c.new else { continue };
        if !c.respondent.is_empty() && !c.question.is_empty() {
            base.answers.insert((c.respondent.clone(), c.question.clone()), history::answer_from_table(new));
        } else if is_agreed(c, subject, questions) {
            base.agreed.insert(c.question.clone(), consensus::from_table(new));
        }
    }
    base
}

/// The entries of `theirs` that `ours` lacks, oldest first.
pub fn missing<'a>(ours: &[Entry], theirs: &'a [Entry]) -> Vec<&'a Entry> {
    let have: HashSet<&str> = ours.iter().map(|e| e.change.id.as_str()).collect();
    theirs.iter().filter(|e| !have.contains(e.change.id.as_str())).collect()
}

/// The trail of an answer back in time: itself, what the newest entry that wrote it replaced,
/// what the entry before that one that wrote *that* replaced, and so on.
fn trail<T: PartialEq + Clone>(entries: &[(T, T)], start: &T) -> Vec<T> {
    let mut out = vec![start.clone()];
    let mut limit = entries.len();
    while let Some(i) = entries[..limit].iter().rposition(|(_, new)| new == out.last().unwrap_or(start)) {
        out.push(entries[i].0.clone());
        limit = i;
    }
    out
}

/// The base of one answer (or respondent header) from the union of both sides' entries for it
/// (oldest first, as `(old, new)`); the default (nothing) when the trails never meet.
pub fn base_of<T: PartialEq + Clone + Default>(entries: &[(T, T)], ours: &T, theirs: &T) -> T {
    let t = trail(entries, theirs);
    trail(entries, ours).into_iter().find(|a| t.contains(a)).unwrap_or_default()
}
