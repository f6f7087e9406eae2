//! The durable writer of a workspace. It owns the editable documents and the lock; the TUI
//! runs it on a worker thread and the CLI calls it directly. Every method returns only once
//! the change is on disk (file fsynced, renamed, folder fsynced, history appended). With the
//! journal on (the wizard), a change to an existing answers file is appended to its journal
//! instead, and `compact` folds the journals into the files (see `journal`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml_edit::DocumentMut;

use super::atomic::{Writer, create_private_dir};
use super::error::{Result, WorkspaceError};
use super::lock::Lock;
use super::{answers, history, journal, meta};
use crate::assessment::{Answer, Respondent};

pub struct Store {
    pub dir: PathBuf,
    writer: Arc<dyn Writer>,
    docs: HashMap<String, DocumentMut>,
    meta_doc: DocumentMut,
    /// Question id → index in the questionnaire, to order answer tables.
    order: HashMap<String, usize>,
    /// Append changes to journals rather than rewrite answers files.
    journal: bool,
    /// Respondents whose journal holds changes their TOML file lacks.
    journaled: HashSet<String>,
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
        journaled: HashSet<String>,
        lock: Lock,
    ) -> Self {
        Store { dir, writer, docs, meta_doc, order, journal: false, journaled, _lock: lock }
    }

    /// Record changes in journals (cost independent of the file's size) until `compact`.
    pub fn use_journal(&mut self, on: bool) {
        self.journal = on;
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
        // A new respondent's file is written whole once; after that, changes may be journaled.
        let on_disk = self.docs.contains_key(&c.respondent.id);
        let doc = self.docs.entry(c.respondent.id.clone()).or_insert_with(|| answers::new_document(&c.respondent));
        answers::set_answer(doc, &c.question, c.new.as_ref(), position);
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
        if self.journal && on_disk {
            let jpath = journal::path(&self.dir, &c.respondent.id);
            self.writer.append(&jpath, entry.as_bytes()).map_err(WorkspaceError::io(&jpath))?;
            self.journaled.insert(c.respondent.id.clone());
        } else {
            let text = doc.to_string();
            create_private_dir(&self.dir.join("answers")).map_err(WorkspaceError::io(&self.dir))?;
            self.writer.replace(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))?;
        }
        let hpath = self.dir.join(history::FILE);
        self.writer.append(&hpath, entry.as_bytes()).map_err(WorkspaceError::io(&hpath))
    }

    /// Fold every journal into its answers file (written atomically), then remove the journal.
    /// A crash in between only means the journal is replayed again, to the same effect.
    pub fn compact(&mut self) -> Result<()> {
        let mut ids: Vec<String> = self.journaled.iter().cloned().collect();
        ids.sort();
        for id in ids {
            let path = self.answers_path(&id);
            if let Some(doc) = self.docs.get(&id) {
                self.writer.replace(&path, doc.to_string().as_bytes()).map_err(WorkspaceError::io(&path))?;
            }
            let jpath = journal::path(&self.dir, &id);
            match std::fs::remove_file(&jpath) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(WorkspaceError::io(&jpath)(e)),
                _ => super::atomic::sync_dir(&jpath).map_err(WorkspaceError::io(&jpath))?,
            }
            self.journaled.remove(&id);
        }
        Ok(())
    }

    /// Create or update a respondent's name and role.
    pub fn save_respondent(&mut self, r: &Respondent) -> Result<()> {
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
