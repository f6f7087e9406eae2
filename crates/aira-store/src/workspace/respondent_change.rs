//! Logged changes to who the respondents are: add, rename (name and role), remove (archive)
//! and restore. Each rewrites the `[respondent]` table of `answers/<id>.toml` (answers and
//! comments kept) and appends one `respondent` history entry whose `old`/`new` are that table,
//! both or neither; `undo` writes the entry's `old` back.
//!
//! Removing never deletes: the file gets `archived = true`, its answers stay, and opening the
//! workspace leaves the respondent out of the assessment (so out of every score and report).
//! Undoing an add archives the respondent the add created, for the same reason.

use super::error::{Result, WorkspaceError};
use super::{Store, Workspace, answers, history, meta_change, now_rfc3339};
use aira_core::assessment::Respondent;

/// The history kind of the changes this module writes.
pub const KIND: &str = "respondent";

/// A respondent's header as its history table: `name`, `role` (when set), `archived` (when so).
pub fn header_table(r: &Respondent) -> toml::Table {
    let mut t = toml::Table::new();
    t.insert("name".into(), toml::Value::String(r.name.clone()));
    if !r.role.is_empty() {
        t.insert("role".into(), toml::Value::String(r.role.clone()));
    }
    if r.archived {
        t.insert("archived".into(), toml::Value::Boolean(true));
    }
    t
}

/// The header a history table describes, for respondent `id`.
fn from_table(id: &str, t: &toml::Table) -> Respondent {
    let text = |k: &str| t.get(k).and_then(toml::Value::as_str).unwrap_or_default().to_owned();
    let mut r = Respondent::new(id, &text("name"));
    r.role = text("role");
    r.archived = t.get("archived").and_then(toml::Value::as_bool).unwrap_or(false);
    r
}

impl Store {
    /// Change respondent `new.id`'s header from `old` (`None`: a new respondent) to `new`, with
    /// a `respondent` history entry (or `undo`, reverting entry `reverts`).
    pub fn change_respondent(
        &mut self,
        old: Option<&Respondent>,
        new: &Respondent,
        (by, at): (&str, &str),
        reverts: Option<usize>,
    ) -> Result<()> {
        let kind = if reverts.is_some() { super::undo_rule::UNDO } else { KIND };
        self.change_respondent_kind(old, new, (by, at), kind, reverts)
    }

    /// `change_respondent` recorded as `kind`: an undo or a redo names the entry it reverts.
    pub fn change_respondent_kind(
        &mut self,
        old: Option<&Respondent>,
        new: &Respondent,
        (by, at): (&str, &str),
        kind: &str,
        reverts: Option<usize>,
    ) -> Result<()> {
        // Made as whoever is answering (the CLI's default respondent, the wizard's current one),
        // so their undo reaches it; a store that was told no one makes it the respondent's own.
        let answering = if self.answering().is_empty() { new.id.clone() } else { self.answering().to_owned() };
        let (file, entry) = self.prepared(old, new, (by, at), (kind, reverts), &answering)?;
        self.ensure_answers_dir()?;
        self.write_all_logged(&[file], &[entry], kind)?;
        // Only now, written and logged, does the kept document take the new header.
        answers::set_respondent(self.parsed(new)?, new);
        Ok(())
    }

    /// Participants new to the workspace (a workshop's first votes, each at its time), added
    /// together: each one's answers file and `respondent` entry, by and as them (not as whoever
    /// the facilitator answers for, whose undo must not reach it), in one operation and one
    /// history append, all or none: a room joining at once costs one round of writes.
    pub fn add_participants(&mut self, new: &[(&Respondent, &str)]) -> Result<()> {
        let (mut files, mut entries) = (Vec::new(), Vec::new());
        for &(r, at) in new {
            let (file, entry) = self.prepared(None, r, (&r.name, at), (KIND, None), &r.id)?;
            files.push(file);
            entries.push(entry);
        }
        if files.is_empty() {
            return Ok(());
        }
        self.ensure_answers_dir()?;
        self.write_all_logged(&files, &entries, KIND)?;
        for (r, _) in new {
            answers::set_respondent(self.parsed(r)?, r);
        }
        Ok(())
    }

    /// Respondent `new.id`'s header change from `old`, checked and ready to write: the answers
    /// file (path in the workspace, new text) and its history entry, made as `answering`.
    fn prepared(
        &mut self,
        old: Option<&Respondent>,
        new: &Respondent,
        (by, at): (&str, &str),
        (kind, reverts): (&str, Option<usize>),
        answering: &str,
    ) -> Result<((String, String), String)> {
        if !aira_core::assessment::is_valid_respondent_id(&new.id) {
            return Err(WorkspaceError::Invalid(format!("invalid respondent id `{}`", new.id)));
        }
        super::strings::check_respondent(new)?;
        let mut doc = self.parsed(new)?.clone();
        answers::set_respondent(&mut doc, new);
        let e = history::Entry { at, by, respondent: &new.id, question: "", kind, reverts, old: None, new: None };
        let old_table = old.map(|o| meta_change::inline(&header_table(o)));
        let entry = history::render_tables_as(&e, answering, old_table, &[], meta_change::inline(&header_table(new)));
        Ok(((format!("answers/{}.toml", new.id), doc.to_string()), entry))
    }
}

/// Undo (`kind` undo) or redo (`kind` redo, `target` the undo entry) of a `respondent` entry:
/// the header goes back to the entry's `old` (an add: archived), while the header is still
/// what the entry wrote. Recorded as `kind`; the returned change names the respondent.
pub(super) fn undo(
    ws: &mut Workspace,
    target: &history::Change,
    (n, kind): (usize, &str),
    by: &str,
) -> Result<Option<super::Change>> {
    let id = target.respondent.as_str();
    let wrote = from_table(id, &target.new.clone().unwrap_or_default());
    let mut back = match &target.old {
        Some(old) => from_table(id, old),
        None => Respondent { archived: true, ..wrote.clone() },
    };
    back.id = id.to_owned();
    let now = ws
        .assessment
        .respondent(id)
        .or_else(|| ws.archived.iter().find(|r| r.id == id))
        .map(Respondent::clone_header)
        .unwrap_or_else(|| Respondent::new(id, id));
    if header_table(&now) != header_table(&wrote) {
        return Err(WorkspaceError::Invalid(format!(
            "change {n} (respondent {id}) cannot be {}: it set {}, but the answers file now holds {} (changed \
             since, e.g. by a git merge or a hand edit); nothing changed",
            if kind == super::undo_rule::REDO { "redone" } else { "undone" },
            meta_change::inline(&header_table(&wrote)),
            meta_change::inline(&header_table(&now))
        )));
    }
    let store = ws.store.as_mut().ok_or_else(|| WorkspaceError::Invalid("the workspace is open read-only".into()))?;
    let at = now_rfc3339();
    // Made as whoever made the change (as every kind's undo is): the undo belongs to them,
    // for their redo and never another respondent's undo to reach.
    store.as_who(target.answering(), |s| s.change_respondent_kind(Some(&now), &back, (by, &at), kind, Some(n)))?;
    apply_header(ws, &back);
    Ok(Some(super::Change {
        respondent: back,
        question: String::new(),
        old: None,
        new: None,
        by: by.to_owned(),
        at,
        kind: kind.into(),
        reverts: Some(n),
    }))
}

/// Put a changed header into the opened workspace: renamed in place, or moved between the
/// assessment and the archived list (its answers with it).
pub fn apply_header(ws: &mut Workspace, h: &Respondent) {
    move_header(&mut ws.assessment.respondents, &mut ws.archived, h);
}

/// Give respondent `h.id` the header `h` in a pair of lists, active and archived: renamed in
/// place, or moved from one list to the other with their answers (added, without answers,
/// when in neither). The wizard's session keeps the same pair.
pub fn move_header(active: &mut Vec<Respondent>, archived: &mut Vec<Respondent>, h: &Respondent) {
    let taken = match active.iter().position(|r| r.id == h.id) {
        Some(i) => Some(active.remove(i)),
        None => archived.iter().position(|r| r.id == h.id).map(|i| archived.remove(i)),
    };
    let mut r = taken.unwrap_or_else(|| Respondent::new(&h.id, &h.name));
    (r.name, r.role, r.archived) = (h.name.clone(), h.role.clone(), h.archived);
    if r.archived { archived.push(r) } else { active.push(r) }
}
