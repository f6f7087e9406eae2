//! The durable writer of a workspace. It owns the editable documents and the lock; the TUI
//! runs it on a worker thread and the CLI calls it directly. Every method returns only once
//! the change is on disk (file fsynced, renamed, folder fsynced, history appended).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml_edit::DocumentMut;

use super::atomic::{Writer, create_private_dir};
use super::error::{Result, WorkspaceError};
use super::lock::Lock;
use super::{answers, history, meta};
use crate::assessment::{Answer, Respondent};

pub struct Store {
    pub dir: PathBuf,
    writer: Arc<dyn Writer>,
    docs: HashMap<String, DocumentMut>,
    meta_doc: DocumentMut,
    /// Question id → index in the questionnaire, to order answer tables.
    order: HashMap<String, usize>,
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
        lock: Lock,
    ) -> Self {
        Store { dir, writer, docs, meta_doc, order, _lock: lock }
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
        let position = self.order.get(&c.question).copied().unwrap_or(usize::MAX / 2);
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

    /// Edit workspace.toml through its document (comments kept) and save it.
    pub fn edit_meta(&mut self, edit: impl FnOnce(&mut DocumentMut)) -> Result<()> {
        edit(&mut self.meta_doc);
        let path = self.dir.join(meta::FILE);
        self.writer.replace(&path, self.meta_doc.to_string().as_bytes()).map_err(WorkspaceError::io(&path))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
