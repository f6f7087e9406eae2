//! An answers file a `git merge` of two clones left with conflict markers (both sides changed
//! the same respondent's file near the same place). Opening the workspace resolves it exactly
//! as `aira merge` of the two copies would: each side's file is taken from git's index while
//! the merge is unresolved (else read back from the markers; ours is HEAD's, theirs the merged
//! branch's), and every answer is merged three ways
//! (`merge::plan`) against its base. history.toml, merged by union, holds both sides' entries;
//! the base of an answer is where the two sides' trails of it meet: each side's answer is
//! followed back through the entries that wrote it (`new`) to what was there before (`old`),
//! and the first answer both trails reach is the base (nothing when they never meet).
//! A writer saves the resolution (the file and one `merge` entry per merged answer); a reader
//! only sees it, and is told.

use std::collections::HashMap;
use std::path::Path;

use aira_core::assessment::{Answer, Respondent};
use aira_core::questionnaire::Scale;

use super::error::Result;
use super::merge::Event;
use super::{answers, history, merge, merge_base};

/// Whether a file holds git's conflict markers (a line beginning `<<<<<<< `).
pub fn has_markers(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("<<<<<<< ")) && text.lines().any(|l| l.starts_with(">>>>>>> "))
}

/// Both sides' texts of a file with conflict markers (a `|||||||` base section, from
/// `merge.conflictStyle = diff3`, is left out).
pub fn sides(text: &str) -> (String, String) {
    #[derive(PartialEq)]
    enum In {
        Both,
        Ours,
        Base,
        Theirs,
    }
    let (mut ours, mut theirs, mut at) = (String::new(), String::new(), In::Both);
    for line in text.split_inclusive('\n') {
        let marker = |m: &str| line.starts_with(m);
        match at {
            In::Both if marker("<<<<<<< ") => at = In::Ours,
            In::Ours if marker("||||||| ") || line.trim_end() == "|||||||" => at = In::Base,
            In::Ours | In::Base if line.trim_end() == "=======" => at = In::Theirs,
            In::Theirs if marker(">>>>>>> ") => at = In::Both,
            In::Both => {
                ours.push_str(line);
                theirs.push_str(line);
            }
            In::Ours => ours.push_str(line),
            In::Theirs => theirs.push_str(line),
            In::Base => {}
        }
    }
    (ours, theirs)
}

/// Both sides' whole files, from git's index while the merge is unresolved (stages 2 and 3):
/// the markers only hold the lines git could not merge, and a side read back from them has the
/// other side's changes on the lines git did merge (its level beside our stamp, say). `None`
/// without git or once the merge is committed; the markers are read instead.
fn stages(dir: &Path, id: &str) -> Option<(String, String)> {
    let show = |stage: u8| {
        let out = std::process::Command::new("git")
            .current_dir(dir)
            .args(["show", &format!(":{stage}:./answers/{id}.toml")])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        String::from_utf8(out.stdout).ok()
    };
    Some((show(2)?, show(3)?))
}

/// A resolved answers file: the merged respondent, its document, the history entries to
/// append and what to tell the user.
pub struct Resolved {
    pub respondent: Respondent,
    pub doc: toml_edit::DocumentMut,
    pub entries: Vec<String>,
    pub notice: String,
}

pub fn resolve(
    dir: &Path,
    path: &Path,
    id: &str,
    text: &str,
    scale: &Scale,
    order: &HashMap<String, usize>,
) -> Result<Resolved> {
    let (ours_text, theirs_text) = stages(dir, id).unwrap_or_else(|| sides(text));
    let (mine, mut doc) = answers::parse(path, id, &ours_text, scale)?;
    let (theirs, _) = answers::parse(path, id, &theirs_text, scale)?;
    let mut by_question: HashMap<String, Vec<(Answer, Answer)>> = HashMap::new();
    let all = merge_base::entries(dir)?;
    let trails = super::merge_headers::trails(&all, []);
    for e in all {
        let c = e.change;
        if c.respondent == id && !c.question.is_empty() {
            let old = c.old.as_ref().map(history::answer_from_table).unwrap_or_default();
            let new = c.new.as_ref().map(history::answer_from_table).unwrap_or_default();
            by_question.entry(c.question).or_default().push((old, new));
        }
    }
    let at = super::now_rfc3339();
    let base = |q: &str| {
        let entries = by_question.get(q).map(Vec::as_slice).unwrap_or_default();
        merge_base::base_of(
            entries,
            mine.answer(q).unwrap_or(&Answer::default()),
            theirs.answer(q).unwrap_or(&Answer::default()),
        )
    };
    let mut respondent = mine.clone();
    // The header as `aira merge` merges it: field by field, against where the trails meet.
    let header = super::merge_headers::three_way(trails.get(id).map(Vec::as_slice).unwrap_or_default(), &mine, &theirs);
    let header_taken = header.header != mine.clone_header();
    if header_taken {
        (respondent.name, respondent.role, respondent.archived) =
            (header.header.name.clone(), header.header.role.clone(), header.header.archived);
        answers::set_respondent(&mut doc, &respondent);
    }
    let (mut entries, mut said) = (Vec::new(), Vec::new());
    for (c, event, writes) in merge::plan(&mine, &theirs, order, base, ("git merge", &at)).into_iter().flatten() {
        if writes {
            answers::set_answer(
                &mut doc,
                &c.question,
                c.new.as_ref(),
                order.get(&c.question).copied().unwrap_or(order.len()),
            );
            match &c.new {
                Some(a) => respondent.answers.insert(c.question.clone(), a.clone()),
                None => respondent.answers.remove(&c.question),
            };
        }
        entries.push(history::render(&c.entry()));
        if let Event::AnswerConflict { question, fields, kept_from, .. } = &event {
            let side = if *kept_from == merge::Side::Source { "the merged branch's" } else { "HEAD's" };
            said.push(format!(
                "CONFLICT {question} ({} changed on both sides): kept {side}, the newer",
                fields.join(", ")
            ));
        }
    }
    let merged = entries.len();
    let table = |r: &Respondent| super::meta_change::inline(&super::respondent_change::header_table(r));
    if header.conflicts.is_empty() && header_taken {
        said.push(format!("took the merged branch's header {} (changed there only)", table(&respondent)));
    } else if !header.conflicts.is_empty() {
        let (other, side) =
            if header.kept_from == merge::Side::Source { (&mine, "the merged branch's") } else { (&theirs, "HEAD's") };
        entries.push(super::merge_headers::conflict_entry(&respondent, other, ("git merge", &at), id));
        said.push(format!(
            "CONFLICT respondent header ({} changed on both sides): kept {side}, the newer",
            header.conflicts.join(", ")
        ));
    }
    let conflicts = if said.is_empty() { "no conflict".to_owned() } else { said.join("; ") };
    let notice = format!(
        "resolved git's conflict markers in answers/{id}.toml three ways, as `aira merge` would: {} answer(s) merged, \
         {conflicts}",
        merged
    );
    Ok(Resolved { respondent, doc, entries, notice })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_are_read_back_from_the_markers() {
        let text = "a\n<<<<<<< HEAD\nb\n||||||| base\nx\n=======\nc\nd\n>>>>>>> other\ne\n";
        assert!(has_markers(text));
        assert_eq!(sides(text), ("a\nb\ne\n".to_owned(), "a\nc\nd\ne\n".to_owned()));
        assert!(!has_markers("note = \"<<<<<<< not at a line start\"\n"));
    }

    #[test]
    fn the_base_is_where_the_two_trails_meet() {
        let lv = |l: u8| Answer { value: Some(aira_core::assessment::Value::Level(l)), ..Default::default() };
        let none = Answer::default();
        // origin: ∅→1; ours: 1→2→4; theirs: 1→3.
        let entries = [(none.clone(), lv(1)), (lv(1), lv(2)), (lv(2), lv(4)), (lv(1), lv(3))];
        assert_eq!(merge_base::base_of(&entries, &lv(4), &lv(3)), lv(1));
        // A hand-written answer has no trail: no base.
        assert_eq!(merge_base::base_of(&entries, &lv(5), &lv(3)), none);
    }
}
