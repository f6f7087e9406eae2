//! Undo and redo of an engagement target (targets.toml): the entry's `old` is written back
//! where its `new` still is, as the person it was made as.

use super::super::targets::{self, Target};
use super::super::{Result, Workspace, history, now_rfc3339};
use super::{Reverted, changed_since, name_of, store, subject_change, verbs};

pub(super) fn revert(
    ws: &mut Workspace,
    entry: &history::Change,
    (n, kind): (usize, &str),
    by: &str,
) -> Result<Reverted> {
    let old = entry.old.as_ref().and_then(targets::from_table);
    let wrote = entry.new.as_ref().and_then(targets::from_table);
    let q = &entry.question;
    let current = store(ws)?.targets().get(q).cloned();
    let level = |t: &Option<Target>| t.as_ref().map(|t| t.level);
    if level(&wrote) != level(&current) {
        let show = |l: Option<u8>| l.map_or_else(|| "no target".to_owned(), |l| format!("target {l}"));
        return Err(changed_since(
            n,
            &format!("the target of {q}"),
            (&show(level(&wrote)), &show(level(&current))),
            verbs(kind).1,
        ));
    }
    // Undo and redo alike write the entry's `old` back (a redo's entry is the undo it redoes).
    let back = old;
    let who = name_of(ws, entry.answering());
    let said = super::describe::target_sentence(verbs(kind).0, &who, q, level(&current), level(&back));
    let at = now_rfc3339();
    store(ws)?.as_who(entry.answering(), |s| s.put_target_entry(q, back.clone(), (by, &at), kind, Some(n)))?;
    match &back {
        Some(t) => ws.assessment.targets.insert(q.clone(), t.level),
        None => ws.assessment.targets.remove(q),
    };
    Ok(Reverted { reverts: n, change: subject_change(q, by, at, kind, n), said })
}
