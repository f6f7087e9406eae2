//! Respondent headers (name, role, archived) in a merge, three ways like answers: a header
//! changed on one side only (a rename, a removal, a restore) is that side's change and is
//! taken, as git's text merge of the `[respondent]` table takes it; changed on both sides, the
//! target's is kept and the difference reported. The base is where the two sides' trails of
//! `respondent` entries meet (`merge_base::base_of`), so it is found whether or not the
//! entries are shared: an add has no `old`, and a first respondent made by `aira init` none.

use std::collections::HashMap;

use aira_core::assessment::Respondent;

use super::error::{Result, WorkspaceError};
use super::merge_base::Entry;
use super::respondent_change::{self, KIND, header_table};
use super::{Workspace, merge_base, meta_change};

/// Per respondent, the header tables `(old, new)` of every `respondent` entry (and undo or redo
/// of one) of `ours` then `theirs`, oldest first within each; no header is an empty table. An
/// undo or redo is known by its shape (a respondent, no question, header tables): its number
/// points into its own copy's history, not always into the list here.
pub fn trails<'a>(
    ours: impl IntoIterator<Item = &'a Entry>,
    theirs: impl IntoIterator<Item = &'a Entry>,
) -> HashMap<String, Vec<(toml::Table, toml::Table)>> {
    let mut out: HashMap<String, Vec<(toml::Table, toml::Table)>> = HashMap::new();
    for c in ours.into_iter().chain(theirs).map(|e| &e.change) {
        let shaped = c.question.is_empty() && !c.respondent.is_empty() && c.new.as_ref().is_some_and(is_header_table);
        if shaped && matches!(c.kind.as_str(), KIND | "undo" | "redo") {
            let pair = (c.old.clone().unwrap_or_default(), c.new.clone().unwrap_or_default());
            out.entry(c.respondent.clone()).or_default().push(pair);
        }
    }
    out
}

/// A `respondent` entry's table: a `name`, and nothing but `name`, `role` and `archived`.
fn is_header_table(t: &toml::Table) -> bool {
    t.contains_key("name") && t.keys().all(|k| matches!(k.as_str(), "name" | "role" | "archived"))
}

/// Whether a merge takes `theirs` header over `ours` (one respondent's): only when they differ
/// and ours is still the base, where the two trails met (only their side changed it).
pub fn takes_theirs(entries: &[(toml::Table, toml::Table)], ours: &Respondent, theirs: &Respondent) -> bool {
    let (o, t) = (header_table(ours), header_table(theirs));
    o != t && merge_base::base_of(entries, &o, &t) == o
}

/// What merging one respondent's header did.
pub enum Merged {
    /// The two sides say the same.
    Same,
    /// Both changed it (or no trail says only theirs did): ours stays.
    Kept { ours: Respondent, theirs: Respondent },
    /// Only theirs changed it: taken, staged and in the target's lists; its history table.
    Taken { id: String, table: String },
}

/// Merge the source's header `theirs` of a respondent both copies have into the target.
pub fn merge(
    target: &mut Workspace,
    theirs: &Respondent,
    trails: &HashMap<String, Vec<(toml::Table, toml::Table)>>,
) -> Result<Merged> {
    let all = target.assessment.respondents.iter().chain(&target.archived);
    let Some(mine) = all.into_iter().find(|r| r.id == theirs.id).map(Respondent::clone_header) else {
        return Ok(Merged::Same);
    };
    if header_table(&mine) == header_table(theirs) {
        return Ok(Merged::Same);
    }
    let entries = trails.get(&mine.id).map(Vec::as_slice).unwrap_or_default();
    if !takes_theirs(entries, &mine, theirs) {
        return Ok(Merged::Kept { ours: mine, theirs: theirs.clone_header() });
    }
    let taken = Respondent { id: mine.id.clone(), ..theirs.clone_header() };
    let store = target.store.as_mut().ok_or_else(|| WorkspaceError::Invalid("the target is open read-only".into()))?;
    store.stage_header(&taken)?;
    respondent_change::apply_header(target, &taken);
    Ok(Merged::Taken { id: taken.id.clone(), table: meta_change::inline(&header_table(&taken)).to_string() })
}
