//! The durable writer of a workspace. It owns the editable documents and the lock; the TUI
//! runs it on a worker thread and the CLI calls it directly. Every method returns only once
//! the change is on disk (file fsynced, renamed, folder fsynced, history appended).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml_edit::DocumentMut;

use super::atomic::{Writer, create_private_dir};
use super::consensus::{self, Agreed};
use super::error::{Result, WorkspaceError};
use super::lock::Lock;
use super::{answers, history, meta};
use crate::assessment::{Answer, Decision, Respondent, Value};

pub struct Store {
    pub dir: PathBuf,
    writer: Arc<dyn Writer>,
    docs: HashMap<String, DocumentMut>,
    meta_doc: DocumentMut,
    /// Question id → index in the questionnaire, to order answer tables.
    order: HashMap<String, usize>,
    consensus_doc: DocumentMut,
    agreed: Agreed,
    _lock: Lock,
}

/// One change to one respondent's answer to one question.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub respondent: Respondent,
    pub question: String,
    pub old: Option<Answer>,
    pub new: Option<Answer>,
    pub by: String,
    pub at: String,
    /// `answer`, or `undo` with the number of the change it reverts.
    pub kind: String,
    pub reverts: Option<usize>,
}

impl Store {
    pub(super) fn new(
        dir: PathBuf,
        writer: Arc<dyn Writer>,
        docs: HashMap<String, DocumentMut>,
        meta_doc: DocumentMut,
        order: HashMap<String, usize>,
        consensus: (Agreed, DocumentMut),
        lock: Lock,
    ) -> Self {
        let (agreed, consensus_doc) = consensus;
        Store { dir, writer, docs, meta_doc, order, consensus_doc, agreed, _lock: lock }
    }

    pub fn set_writer(&mut self, writer: Arc<dyn Writer>) {
        self.writer = writer;
    }

    fn answers_path(&self, respondent: &str) -> PathBuf {
        self.dir.join("answers").join(format!("{respondent}.toml"))
    }

    /// Apply one change durably: the respondent's file is rewritten atomically, then the
    /// history entry is appended. Safe to call again with the same change after a failure.
    pub fn apply(&mut self, c: &Change) -> Result<()> {
        if !crate::assessment::is_valid_respondent_id(&c.respondent.id) {
            return Err(WorkspaceError::Invalid(format!("invalid respondent id `{}`", c.respondent.id)));
        }
        let path = self.answers_path(&c.respondent.id);
        // Orphans (ids the questionnaire lacks) go after every known question.
        let position = self.order.get(&c.question).copied().unwrap_or(self.order.len());
        let doc = self.docs.entry(c.respondent.id.clone()).or_insert_with(|| answers::new_document(&c.respondent));
        answers::set_answer(doc, &c.question, c.new.as_ref(), position);
        let text = doc.to_string();
        create_private_dir(&self.dir.join("answers")).map_err(WorkspaceError::io(&self.dir))?;
        self.writer.replace(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))?;
        let entry = history::render(&history::Entry {
            at: &c.at,
            by: &c.by,
            respondent: &c.respondent.id,
            question: &c.question,
            kind: &c.kind,
            reverts: c.reverts,
            old: c.old.as_ref(),
            new: c.new.as_ref(),
        });
        let hpath = self.dir.join(history::FILE);
        self.writer.append(&hpath, entry.as_bytes()).map_err(WorkspaceError::io(&hpath))
    }

    /// Create or update a respondent's name and role.
    pub fn save_respondent(&mut self, r: &Respondent) -> Result<()> {
        if !crate::assessment::is_valid_respondent_id(&r.id) {
            return Err(WorkspaceError::Invalid(format!("invalid respondent id `{}`", r.id)));
        }
        let path = self.answers_path(&r.id);
        let doc = self.docs.entry(r.id.clone()).or_insert_with(|| answers::new_document(r));
        answers::set_respondent(doc, r);
        let text = doc.to_string();
        create_private_dir(&self.dir.join("answers")).map_err(WorkspaceError::io(&self.dir))?;
        self.writer.replace(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))
    }

    /// Add a respondent's whole answers file as it is (comments and all), as `aira merge` does
    /// for a respondent the workspace lacks. No history entry: the caller writes one per answer.
    pub fn import_respondent(&mut self, r: &Respondent, text: &str, doc: DocumentMut) -> Result<()> {
        let path = self.answers_path(&r.id);
        create_private_dir(&self.dir.join("answers")).map_err(WorkspaceError::io(&self.dir))?;
        self.writer.replace(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))?;
        self.docs.insert(r.id.clone(), doc);
        Ok(())
    }

    /// Append a history entry by itself: a merge recording the side it did not keep.
    pub fn record(&mut self, entry: &str) -> Result<()> {
        let hpath = self.dir.join(history::FILE);
        self.writer.append(&hpath, entry.as_bytes()).map_err(WorkspaceError::io(&hpath))
    }

    /// Set (or with `None` clear) the agreed value of a question in consensus.toml, keeping the
    /// note of an earlier decision; records an `agree` entry in the history.
    pub fn set_agreed(&mut self, question_id: &str, value: Option<Value>, by: &str, at: &str) -> Result<()> {
        let note = self.agreed.get(question_id).map(|(_, d)| d.note.clone()).unwrap_or_default();
        let new = value.map(|v| (v, Decision { decided_at: at.to_owned(), decided_by: by.to_owned(), note }));
        self.put_agreed(question_id, new, by, at, "agree")
    }

    /// The general form of `set_agreed`: the whole decision given (a note, or a merged one),
    /// and the history `kind` to record.
    pub fn put_agreed(
        &mut self,
        question_id: &str,
        new: Option<(Value, Decision)>,
        by: &str,
        at: &str,
        kind: &str,
    ) -> Result<()> {
        self.put_agreed_entry(question_id, new, by, at, kind, None)
    }

    pub(super) fn put_agreed_entry(
        &mut self,
        question_id: &str,
        new: Option<(Value, Decision)>,
        by: &str,
        at: &str,
        kind: &str,
        reverts: Option<usize>,
    ) -> Result<()> {
        let position = self.order.get(question_id).copied().unwrap_or(self.order.len());
        consensus::set(&mut self.consensus_doc, question_id, new.as_ref(), position);
        let path = self.dir.join(consensus::FILE);
        self.writer.replace(&path, self.consensus_doc.to_string().as_bytes()).map_err(WorkspaceError::io(&path))?;
        let old = match &new {
            Some(n) => self.agreed.insert(question_id.to_owned(), n.clone()),
            None => self.agreed.remove(question_id),
        };
        let e = history::Entry { at, by, respondent: "", question: question_id, kind, reverts, old: None, new: None };
        let old = old.map(|(v, d)| consensus::inline(v, &d));
        let new = new.map(|(v, d)| consensus::inline(v, &d)).unwrap_or_default();
        self.record(&history::render_tables(&e, old, &[], new))
    }

    /// The agreed values as this store last wrote them.
    pub fn agreed(&self) -> &Agreed {
        &self.agreed
    }

    /// Edit workspace.toml through its document (comments kept) and save it.
    pub fn edit_meta(&mut self, edit: impl FnOnce(&mut DocumentMut)) -> Result<()> {
        edit(&mut self.meta_doc);
        let path = self.dir.join(meta::FILE);
        self.writer.replace(&path, self.meta_doc.to_string().as_bytes()).map_err(WorkspaceError::io(&path))
    }

    /// Record a Statement of Applicability decision in workspace.toml (`[soa."A.x.y"]`),
    /// keeping the file's comments. Validate it first with `scoring::soa::validate`.
    pub fn set_soa(&mut self, control: &str, applicable: bool, justification: &str) -> Result<()> {
        use toml_edit::{Item, value};
        self.edit_meta(|doc| {
            if doc.get("soa").and_then(Item::as_table_like).is_none() {
                let mut t = toml_edit::Table::new();
                t.set_implicit(true);
                doc["soa"] = Item::Table(t);
            }
            if let Some(soa) = doc.get_mut("soa").and_then(Item::as_table_like_mut) {
                if soa.get(control).and_then(Item::as_table_like).is_none() {
                    soa.insert(control, toml_edit::table());
                }
                if let Some(entry) = soa.get_mut(control).and_then(Item::as_table_like_mut) {
                    entry.insert("applicable", value(applicable));
                    if justification.is_empty() {
                        entry.remove("justification");
                    } else {
                        entry.insert("justification", value(justification));
                    }
                }
            }
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
