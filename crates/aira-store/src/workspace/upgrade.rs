//! Moving a workspace to a new version of its questionnaire. Answers follow renamed
//! questions (`replaces = ["old-id"]`), answers to questions that vanished stay as orphans,
//! and the previous pinned copy is kept beside the new one as `questionnaire.<version>.toml`.
//!
//! Order of writes, each atomic: the old copy, the answer files, consensus.toml, the new questionnaire, the
//! pin in workspace.toml, then the history entry; all inside an operation (`op`), so a failure
//! or a crash part-way puts every file back as it was.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Value as TValue};

use std::sync::Arc;

use super::atomic::Writer;
use super::error::{Result, WorkspaceError};
use super::{QUESTIONNAIRE_FILE, Workspace, answers, history, read, sha256_hex};
use aira_core::assessment::{Value, is_valid_respondent_id};
use aira_core::questionnaire::{self, Questionnaire};

/// What an upgrade did, for the summary line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    pub from: String,
    pub to: String,
    /// Answers carried from an old id to its new one (counted per respondent).
    pub moved: usize,
    /// Agreed values (consensus.toml) carried to their question's new id.
    pub agreed_moved: usize,
    /// Answers whose question is not in the new version: kept in the files.
    pub orphans: usize,
    /// Questions of the new version that neither existed nor replace one that did.
    pub new_questions: usize,
    /// Where the previous questionnaire was kept (file name inside the workspace).
    pub backup: String,
    /// Old ids whose answer stayed put because the new id already had one.
    pub conflicts: Vec<(String, String)>,
    /// Old ids whose agreed value stayed put because the new id already had one.
    pub agreed_conflicts: Vec<String>,
}

/// Old id → new id, from the new version's `replaces` lists.
fn renames(new: &Questionnaire) -> HashMap<String, String> {
    new.questions.iter().flat_map(|q| q.replaces.iter().map(move |old| (old.clone(), q.id.clone()))).collect()
}

/// Refuse when an existing answer would no longer fit the new scale: the answer files would
/// stop loading.
fn check_scale(ws: &Workspace, new: &Questionnaire) -> Result<()> {
    for r in &ws.assessment.respondents {
        for (qid, a) in &r.answers {
            let level = match a.value {
                Some(Value::Level(l)) => Some(l),
                _ => None,
            };
            if let Some(l) = level.into_iter().chain(a.target).find(|&l| !new.scale.contains(l)) {
                return Err(WorkspaceError::Invalid(format!(
                    "{}'s answer to `{qid}` uses level {l}, outside the new scale {}..{}; upgrade refused",
                    r.id, new.scale.min, new.scale.max
                )));
            }
        }
    }
    Ok(())
}

/// A file name for the previous copy that no earlier upgrade used (or one that already holds
/// exactly this text).
fn backup_path(dir: &Path, version: &str, text: &str) -> Result<PathBuf> {
    // One path component, whatever the version string holds: no separators, no leading dot.
    let v: String = version
        .chars()
        .take(64)
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' })
        .collect();
    let v = v.trim_start_matches('.');
    let v = if v.is_empty() { "previous" } else { v };
    for n in 1..1000 {
        let name = if n == 1 { format!("questionnaire.{v}.toml") } else { format!("questionnaire.{v}.{n}.toml") };
        let path = dir.join(name);
        if !path.exists() || read(&path)? == text {
            return Ok(path);
        }
    }
    Err(WorkspaceError::Invalid(format!("too many earlier copies of questionnaire version {version}")))
}

/// Move one answer table to its new key, keeping its comments and its place in the file;
/// false when there was none to move or the new key is taken.
fn move_answer(doc: &mut DocumentMut, old: &str, new: &str) -> bool {
    let Some(table) = doc.get_mut("answers").and_then(Item::as_table_mut) else { return false };
    if !table.contains_key(old) || table.contains_key(new) {
        return false;
    }
    let Some(item) = table.remove(old) else { return false };
    table.insert(new, item);
    true
}

fn set_keeping_decor(table: &mut Item, key: &str, v: &str) {
    let mut new = TValue::from(v);
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *new.decor_mut() = old.decor().clone();
    }
    table[key] = Item::Value(new);
}

/// Upgrade `ws` (opened with `Access::Write`) to the questionnaire in `new_text`. The
/// workspace is consumed: reopen it to see the result.
pub fn upgrade(mut ws: Workspace, new_text: &str, by: &str) -> Result<Summary> {
    let writer =
        ws.store.as_ref().ok_or_else(|| WorkspaceError::Invalid("the workspace is open read-only".into()))?.writer();
    let dir = ws.dir.clone();
    let op = super::op::begin(&dir, Arc::clone(&writer), "upgrade")?;
    match upgrade_in(&mut ws, new_text, by, &*writer) {
        Ok(summary) => {
            op.finish()?;
            Ok(summary)
        }
        Err(e) => {
            drop(op);
            // If this fails too, `.aira-op.toml` stays and the next open rolls back.
            let _ = super::op::recover(&dir, &*writer, &mut Vec::new());
            Err(e)
        }
    }
}

fn upgrade_in(ws: &mut Workspace, new_text: &str, by: &str, writer: &dyn Writer) -> Result<Summary> {
    let new = questionnaire::parse("the new questionnaire", new_text)?;
    let old = &ws.questionnaire;
    if new.id != old.id {
        return Err(WorkspaceError::Invalid(format!(
            "the new questionnaire is `{}` but this workspace uses `{}`; upgrade moves to a new version of the same \
             questionnaire (start a new workspace with `aira init` for another one)",
            new.id, old.id
        )));
    }
    if sha256_hex(new_text) == ws.meta.questionnaire.sha256 {
        return Err(WorkspaceError::Invalid(format!(
            "already at this exact questionnaire ({} {})",
            new.id, new.version
        )));
    }
    check_scale(ws, &new)?;
    let dir = ws.dir.clone();
    let renames = renames(&new);
    let old_text = read(&dir.join(QUESTIONNAIRE_FILE))?;
    let backup = backup_path(&dir, &old.version, &old_text)?;
    writer.replace(&backup, old_text.as_bytes()).map_err(WorkspaceError::io(&backup))?;

    let mut moved = 0;
    let mut conflicts = Vec::new();
    let mut assessment = ws.assessment.clone();
    for r in &mut assessment.respondents {
        let path = dir.join("answers").join(format!("{}.toml", r.id));
        if !is_valid_respondent_id(&r.id) || !path.exists() {
            continue;
        }
        let text = read(&path)?;
        let (_, mut doc) = answers::parse(&path, &r.id, &text, &old.scale)?;
        let mut changed = false;
        let mut olds: Vec<&String> = renames.keys().filter(|k| r.answers.contains_key(*k)).collect();
        olds.sort();
        for old_id in olds {
            let new_id = &renames[old_id];
            if move_answer(&mut doc, old_id, new_id) {
                if let Some(a) = r.answers.remove(old_id) {
                    r.answers.insert(new_id.clone(), a);
                }
                moved += 1;
                changed = true;
            } else {
                conflicts.push((r.id.clone(), old_id.clone()));
            }
        }
        if changed {
            writer.replace(&path, doc.to_string().as_bytes()).map_err(WorkspaceError::io(&path))?;
        }
    }
    // Agreed levels follow their question like answers do (a conflict stays on the old id).
    let store = ws.store.as_mut().ok_or_else(|| WorkspaceError::Invalid("the workspace is open read-only".into()))?;
    let (agreed_moved, agreed_stayed) = store.rename_agreed(&renames)?;
    let orphans = assessment.orphans(&new).len();
    let old_ids: HashSet<&str> = old.questions.iter().map(|q| q.id.as_str()).collect();
    let new_questions = new
        .questions
        .iter()
        .filter(|q| !old_ids.contains(q.id.as_str()) && !q.replaces.iter().any(|r| old_ids.contains(r.as_str())))
        .count();

    let qpath = dir.join(QUESTIONNAIRE_FILE);
    writer.replace(&qpath, new_text.as_bytes()).map_err(WorkspaceError::io(&qpath))?;
    let store = ws.store.as_mut().ok_or_else(|| WorkspaceError::Invalid("the workspace is open read-only".into()))?;
    let sha = sha256_hex(new_text);
    store.edit_meta(|doc| {
        if let Some(q) = doc.get_mut("questionnaire") {
            set_keeping_decor(q, "version", &new.version);
            set_keeping_decor(q, "sha256", &sha);
        }
        // Per-question targets and roadmap owners/due dates follow their question too (one
        // already on the new id stays put).
        let targets = doc.get_mut("targets").and_then(|t| t.get_mut("questions")).and_then(Item::as_table_like_mut);
        rename_keys(targets, &renames);
        rename_keys(doc.get_mut("roadmap").and_then(Item::as_table_like_mut), &renames);
    })?;
    let summary = Summary {
        id: new.id.clone(),
        from: old.version.clone(),
        to: new.version.clone(),
        moved,
        agreed_moved,
        orphans,
        new_questions,
        backup: backup.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        conflicts,
        agreed_conflicts: agreed_stayed,
    };
    store.record(&history_entry(&summary, by))?;
    Ok(summary)
}

/// Move `old` keys of a table to their `new` ids, each item as it is, unless `new` is taken.
fn rename_keys(table: Option<&mut dyn toml_edit::TableLike>, renames: &HashMap<String, String>) {
    let Some(t) = table else { return };
    for (old_id, new_id) in renames {
        if t.contains_key(old_id)
            && !t.contains_key(new_id)
            && let Some(item) = t.remove(old_id)
        {
            t.insert(new_id, item);
        }
    }
}

/// A history entry of kind `upgrade`; the versions and counts ride along as extra keys
/// (readers ignore keys they do not know).
fn history_entry(s: &Summary, by: &str) -> String {
    let at = super::now_rfc3339();
    let entry = history::Entry {
        at: &at,
        by,
        respondent: "",
        question: "",
        kind: "upgrade",
        reverts: None,
        old: None,
        new: None,
    };
    let extra = [
        ("questionnaire", TValue::from(s.id.as_str())),
        ("from_version", TValue::from(s.from.as_str())),
        ("to_version", TValue::from(s.to.as_str())),
        ("moved", TValue::from(s.moved as i64)),
        ("agreed_moved", TValue::from(s.agreed_moved as i64)),
        ("orphans", TValue::from(s.orphans as i64)),
        ("previous_copy", TValue::from(s.backup.as_str())),
    ];
    history::render_with(&entry, &extra)
}
