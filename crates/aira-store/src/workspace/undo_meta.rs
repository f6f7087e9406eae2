//! Undo and redo of a workspace.toml change (engagement facts, a roadmap entry, an SoA
//! decision): the entry's `old` is written back where its `new` still is, as the person it was
//! made as. The write is one Store method shared by `aira undo`/`aira redo` and the wizard's
//! `u`/`U` on engagement facts (its save worker), so both leave the same files and history.

use super::super::meta_change::{self, Place};
use super::super::{Result, Store, Workspace, WorkspaceError, history, history_parts, now_rfc3339};
use super::{Reverted, describe, name_of, sentence, sides, store, subject_change, subject_kind_by, verbs};

/// The entry's (old, new) tables; a side it does not hold is empty (nothing there).
fn tables(target: &history::Change) -> (toml::Table, toml::Table) {
    (target.old.clone().unwrap_or_default(), target.new.clone().unwrap_or_default())
}

pub(super) fn revert(
    ws: &mut Workspace,
    target: &history::Change,
    place: &Place,
    (n, kind): (usize, &str),
    by: &str,
) -> Result<Reverted> {
    let (old, wrote) = tables(target);
    let (before, after) = sides(kind, &old, &wrote);
    let what = match place {
        Place::Entry { section: meta_change::SOA, key } => {
            use super::super::soa_change::{describe as soa, entry};
            soa(key, entry(before).as_ref(), entry(after).as_ref())
        }
        Place::Entry { section: meta_change::ROADMAP, key } => {
            describe::roadmap(key, &meta_change::roadmap_entry(before), &meta_change::roadmap_entry(after))
        }
        Place::Entry { section, key } => format!("{section} entry of {key}"),
        Place::Top => {
            let names: Vec<&str> =
                after.keys().chain(before.keys().filter(|k| !after.contains_key(*k))).map(String::as_str).collect();
            format!("engagement facts change ({})", names.join(", "))
        }
    };
    let said = sentence(verbs(kind).0, &name_of(ws, target.answering()), &what);
    let at = now_rfc3339();
    store(ws)?.revert_meta_entry(target, place, (n, kind), (by, &at))?;
    ws.meta = store(ws)?.engagement()?;
    Ok(Reverted { reverts: n, change: subject_change(&target.question, by, at, kind, n), said })
}

impl Store {
    /// Revert history entry `n` (`target`), a change at `place`: write its `old` back, recorded
    /// as `kind` (undo or redo) of `n` made as the respondent who made `target`. Refused, with
    /// nothing written, when workspace.toml no longer holds there what the entry left.
    pub fn revert_meta_entry(
        &mut self,
        target: &history::Change,
        place: &Place,
        (n, kind): (usize, &str),
        (by, at): (&str, &str),
    ) -> Result<()> {
        let (old, wrote) = tables(target);
        let keys: Vec<&str> = old.keys().chain(wrote.keys()).map(String::as_str).collect();
        let now = self.meta_current(place, &keys);
        if now != wrote {
            return Err(meta_change::changed_since(n, place, (&wrote, &now), verbs(kind).1));
        }
        self.as_who(target.answering(), |s| s.change_meta_kind(place, (&now, &old), (by, at), kind, Some(n)))
    }

    /// The wizard's `u`/`U` on engagement facts: revert history entry `n` exactly as `aira
    /// undo`/`aira redo` would. Entry `n` is read from the history rather than rebuilt from
    /// the wizard's memory, which cannot tell a fact left unset from one set empty; only the
    /// entries it needs are parsed (a long history would hold up the saves behind it).
    /// Refused when entry `n` is not an engagement facts change or an undo or redo of one
    /// (the wizard's count of entries is off): reverting another entry would misattribute it.
    pub fn revert_facts_entry(&mut self, n: usize, kind: &str, (by, at): (&str, &str)) -> Result<()> {
        let texts = history_parts::texts(&self.dir)?;
        let entry = |i| history_parts::entry(&texts, i);
        match entry(n)? {
            Some(target) if subject_kind_by(n, entry)?.as_deref() == Some(meta_change::ENGAGEMENT) => {
                self.revert_meta_entry(&target, &Place::Top, (n, kind), (by, at))
            }
            _ => Err(WorkspaceError::Invalid(format!(
                "history entry {n} is not an engagement facts change; nothing was {}",
                verbs(kind).1
            ))),
        }
    }
}
