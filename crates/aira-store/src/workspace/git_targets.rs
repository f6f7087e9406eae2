//! targets.toml as a `git merge` of two clones left it, with conflict markers (both clones set
//! targets, so the tables they added meet at the same place). Opening resolves it as
//! `aira merge` would (`merge_targets::plan`): each side from git's index while the merge is
//! unresolved, else read back from the markers; the base of a question's target is where the
//! two sides' trails through the union-merged history meet (as `git_merged` does for answers).

use std::collections::HashMap;
use std::path::Path;

use aira_core::questionnaire::Scale;

use super::error::Result;
use super::targets::{self, Targets};
use super::three_way::Side;
use super::{git_merged, history, merge_base, merge_targets};

/// The resolved file: the targets, the document to save, the entries to append, the notice.
pub struct Resolved {
    pub targets: Targets,
    pub doc: toml_edit::DocumentMut,
    pub entries: String,
    pub notice: String,
}

fn stage(dir: &Path, n: u8) -> Option<String> {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["show", &format!(":{n}:./{}", targets::FILE)])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status.success().then(|| String::from_utf8(out.stdout).ok()).flatten()
}

/// A target entry's (old, new) levels.
type Pair = (Option<u8>, Option<u8>);

pub fn resolve(dir: &Path, path: &Path, text: &str, scale: &Scale, order: &HashMap<String, usize>) -> Result<Resolved> {
    let (ours_text, theirs_text) = match (stage(dir, 2), stage(dir, 3)) {
        (Some(o), Some(t)) => (o, t),
        _ => git_merged::sides(text),
    };
    let (mut ours, mut doc) = targets::parse(path, &ours_text, scale)?;
    let (theirs, _) = targets::parse(path, &theirs_text, scale)?;
    let all = merge_base::entries(dir)?;
    let kinds = merge_base::subject_kinds(&all);
    let mut by_question: HashMap<&str, Vec<Pair>> = HashMap::new();
    for (e, kind) in all.iter().zip(kinds) {
        if kind == targets::KIND && e.change.respondent.is_empty() {
            let level = |t: &Option<toml::Table>| t.as_ref().and_then(targets::from_table).map(|t| t.level);
            by_question.entry(&e.change.question).or_default().push((level(&e.change.old), level(&e.change.new)));
        }
    }
    let level = |t: &Targets, q: &str| t.get(q).map(|t| t.level);
    let base = |q: &str| {
        let entries = by_question.get(q).map(Vec::as_slice).unwrap_or_default();
        Some(merge_base::base_of(entries, &level(&ours, q), &level(&theirs, q)))
    };
    let steps = merge_targets::plan(&ours, &theirs, base);
    let at = super::now_rfc3339();
    let (mut entries, mut said) = (String::new(), Vec::new());
    for s in &steps {
        let q = s.question.as_str();
        let e = history::Entry {
            at: &at,
            by: "git merge",
            respondent: "",
            question: q,
            kind: targets::KIND,
            reverts: None,
            old: None,
            new: None,
        };
        let not_kept = match &s.conflict {
            Some((other, side)) => {
                let from = if *side == Side::Source { "the merged branch's" } else { "HEAD's" };
                said.push(format!("CONFLICT target {q}: kept {from}"));
                other.clone()
            }
            None => ours.get(q).cloned(),
        };
        let new = s.kept.as_ref().map(targets::inline).unwrap_or_default();
        entries.push_str(&history::render_tables_as(&e, "", not_kept.as_ref().map(targets::inline), &[], new));
        targets::set(&mut doc, q, s.kept.as_ref(), order.get(q).copied().unwrap_or(order.len()));
        match &s.kept {
            Some(t) => ours.insert(s.question.clone(), t.clone()),
            None => ours.remove(q),
        };
    }
    let conflicts = if said.is_empty() { "no conflict".to_owned() } else { said.join("; ") };
    let notice = format!(
        "resolved git's conflict markers in {} three ways, as `aira merge` would: {} target(s) merged, {conflicts}",
        targets::FILE,
        steps.len()
    );
    Ok(Resolved { targets: ours, doc, entries, notice })
}
