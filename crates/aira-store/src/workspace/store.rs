//! The durable writer of a workspace. It owns the editable documents and the lock; the TUI
//! runs it on a worker thread and the CLI calls it directly. Every method returns only once
//! the change is on disk (file fsynced, renamed, folder fsynced, history appended). With the
//! journal on (the wizard), a change to an existing answers file is appended to its journal
//! instead, and `compact` folds the journals into the files (see `journal`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml_edit::DocumentMut;

use super::atomic::Writer;
use super::consensus::{self, Agreed};
use super::error::{Result, WorkspaceError};
use super::lock::Lock;
use super::{answers, history, history_parts, journal, meta};
use aira_core::assessment::{Answer, Decision, Respondent, Value};
use aira_core::questionnaire::Scale;

#[path = "store_batch.rs"]
mod batch;
#[path = "store_logged.rs"]
mod logged;
#[path = "store_staged.rs"]
mod staged;
#[path = "store_targets.rs"]
mod targets_file;
pub(super) use targets_file::TargetsFile;

/// A respondent's answers file as the store holds it: its text, parsed into an editable
/// document (slow at 10,000 answers) only when a rewrite needs it, with the changes made since.
pub enum Doc {
    Text { text: String, pending: Vec<(String, Option<Answer>)> },
    Parsed(DocumentMut),
}

impl Doc {
    pub fn text(text: String) -> Doc {
        Doc::Text { text, pending: Vec::new() }
    }

    /// Record a change: on the document if parsed, else for when it is.
    pub fn set(&mut self, question: &str, new: Option<&Answer>, position: usize) {
        match self {
            Doc::Text { pending, .. } => pending.push((question.to_owned(), new.cloned())),
            Doc::Parsed(doc) => answers::set_answer(doc, question, new, position),
        }
    }
}

pub struct Store {
    pub dir: PathBuf,
    writer: Arc<dyn Writer>,
    docs: HashMap<String, Doc>,
    /// The scale answers files were checked against (to parse a `Doc::Text`).
    scale: Scale,
    meta_doc: DocumentMut,
    /// Question id → index in the questionnaire, to order answer tables.
    order: HashMap<String, usize>,
    consensus_doc: DocumentMut,
    agreed: Agreed,
    /// targets.toml: the engagement targets (see `store_targets`).
    targets: TargetsFile,
    /// Append changes to journals rather than rewrite answers files.
    journal: bool,
    /// Respondents whose journal holds changes their TOML file lacks.
    journaled: HashSet<String>,
    /// History entries not yet appended (the disk refused): written before any later entry,
    /// and before a journal holding them is removed. Their changes are already durable.
    unlogged: Vec<String>,
    /// Things the caller should tell the user although the change was saved.
    warnings: Vec<String>,
    /// history.toml is rotated into a part, and a journal folded into its answers file,
    /// before an append would take either past this.
    rotate_at: u64,
    /// Who is answering (a respondent id, empty for no one): the `as` of entries that name no
    /// respondent of their own (agreed levels, workspace.toml changes). See `answer_as`.
    answering: String,
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

impl Change {
    /// This change as a history entry.
    pub fn entry(&self) -> history::Entry<'_> {
        history::Entry {
            at: &self.at,
            by: &self.by,
            respondent: &self.respondent.id,
            question: &self.question,
            kind: &self.kind,
            reverts: self.reverts,
            old: self.old.as_ref(),
            new: self.new.as_ref(),
        }
    }
}

impl Store {
    pub(super) fn new(
        dir: PathBuf,
        writer: Arc<dyn Writer>,
        (docs, scale, journaled): (HashMap<String, Doc>, Scale, HashSet<String>),
        meta_doc: DocumentMut,
        order: HashMap<String, usize>,
        consensus: (Agreed, DocumentMut),
        lock: Lock,
    ) -> Self {
        let (agreed, consensus_doc) = consensus;
        Store {
            dir,
            writer,
            docs,
            scale,
            meta_doc,
            order,
            consensus_doc,
            agreed,
            targets: TargetsFile::default(),
            journal: false,
            journaled,
            unlogged: Vec::new(),
            warnings: Vec::new(),
            rotate_at: history_parts::ROTATE_AT,
            answering: String::new(),
            _lock: lock,
        }
    }

    fn position(&self, question: &str) -> usize {
        // Orphans (ids the questionnaire lacks) go after every known question.
        self.order.get(question).copied().unwrap_or(self.order.len())
    }

    /// The editable document of a respondent's file, parsed now if it was not yet; a new one
    /// for a respondent without a file.
    pub(super) fn parsed(&mut self, r: &Respondent) -> Result<&mut DocumentMut> {
        let doc = match self.docs.remove(&r.id) {
            Some(Doc::Text { text, pending }) => match self.reread(&r.id, &text, &pending) {
                Ok(doc) => doc,
                Err(e) => {
                    // Keep what was read at open and the changes since: nothing is dropped.
                    self.docs.insert(r.id.clone(), Doc::Text { text, pending });
                    return Err(e);
                }
            },
            Some(Doc::Parsed(doc)) => doc,
            None => answers::new_document(r),
        };
        match self.docs.entry(r.id.clone()).insert_entry(Doc::Parsed(doc)).into_mut() {
            Doc::Parsed(doc) => Ok(doc),
            Doc::Text { .. } => Err(WorkspaceError::Invalid("answers document not parsed".into())),
        }
    }

    /// The document of a respondent's file as it is on disk now, with this session's changes
    /// (`pending`) applied over it: hand edits made while aira held the workspace survive. A
    /// file that no longer parses is an error (the journal keeps the changes, the file is never
    /// overwritten); a file removed meanwhile is written back from what was read at open.
    fn reread(&self, id: &str, at_open: &str, pending: &[(String, Option<Answer>)]) -> Result<DocumentMut> {
        let path = self.answers_path(id);
        let now = match super::read(&path) {
            Ok(text) => text,
            Err(WorkspaceError::Io { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => at_open.to_owned(),
            Err(e) => return Err(e),
        };
        let (_, mut doc) = answers::parse(&path, id, &now, &self.scale)?;
        for (q, new) in pending {
            answers::set_answer(&mut doc, q, new.as_ref(), self.position(q));
        }
        Ok(doc)
    }

    /// Record changes in journals (cost independent of the file's size) until `compact`.
    pub fn use_journal(&mut self, on: bool) {
        self.journal = on;
    }

    /// Record the changes that follow as made by respondent `id` answering (empty: no one):
    /// the wizard sets whoever is answering, the CLI its `--respondent` or the default one.
    /// Answer changes are always made as their own respondent.
    pub fn answer_as(&mut self, id: &str) {
        id.clone_into(&mut self.answering);
    }

    /// Who the changes are made as (see `answer_as`).
    pub fn answering(&self) -> &str {
        &self.answering
    }

    /// Run `f` with the changes it makes recorded as respondent `who` answering, then as
    /// before: an undo or redo is made as whoever made the change it reverts.
    pub fn as_who<T>(&mut self, who: &str, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let before = std::mem::replace(&mut self.answering, who.to_owned());
        let out = f(self);
        self.answering = before;
        out
    }

    pub fn set_writer(&mut self, writer: Arc<dyn Writer>) {
        self.writer = writer;
    }

    fn answers_path(&self, respondent: &str) -> PathBuf {
        self.dir.join("answers").join(format!("{respondent}.toml"))
    }

    /// The writer every save goes through (for operations outside the store, like upgrade).
    pub fn writer(&self) -> Arc<dyn Writer> {
        Arc::clone(&self.writer)
    }

    /// Warnings about changes that were saved but left something to finish (a history entry
    /// the disk refused, a journal not yet folded in), since last asked.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// History entries a crash kept out of history.toml (found in a leftover journal on open).
    pub(super) fn add_unlogged(&mut self, entries: Vec<String>) {
        self.unlogged.extend(entries);
    }

    pub(super) fn ensure_answers_dir(&self) -> Result<()> {
        let adir = self.dir.join("answers");
        if adir.is_dir() {
            return Ok(());
        }
        self.writer.create_dir(&adir).map_err(WorkspaceError::io(&self.dir))
    }

    /// Append the entries history.toml still lacks, oldest first; stops at the first refusal.
    /// Entries owed together (a batch of votes) go in one append, one fsync, as many as fit
    /// in one entry's limit: no append is larger than a single entry may be.
    fn flush_history(&mut self) -> Result<()> {
        while let Some(first) = self.unlogged.first() {
            let (mut n, mut len) = (1, first.len());
            while let Some(e) = self.unlogged.get(n).filter(|e| len + e.len() <= history::MAX_ENTRY_BYTES) {
                len += e.len();
                n += 1;
            }
            let chunk = self.unlogged[..n].concat();
            history_parts::append(self.writer.as_ref(), &self.dir, &chunk, self.rotate_at)?;
            self.unlogged.drain(..n);
        }
        Ok(())
    }

    /// Append a history entry after the change it records is durable. If the disk refuses,
    /// the change stays saved (it is not reported as failed) and the entry is kept to be
    /// written before the next one (and, from the journal, by the next open after a crash).
    fn log(&mut self, entry: String) {
        self.unlogged.push(entry);
        if let Err(e) = self.flush_history() {
            self.warnings.push(format!("saved, but its history entry is not written yet ({e}); it will be"));
        }
    }

    /// Apply one change durably. The change goes first to the respondent's journal (a small
    /// fsynced append: once there it is saved, every reader replays it), then its history
    /// entry is appended; without the journal on (the CLI), the journal is then folded into
    /// the answers file at once. Safe to call again with the same change after a failure.
    pub fn apply(&mut self, c: &Change) -> Result<()> {
        let entry = Self::checked_entry(c)?;
        self.ensure_answers_dir()?;
        let jpath = journal::path(&self.dir, &c.respondent.id);
        // The wizard journals until it quits: a journal is folded in before an append would
        // take it past what can be read again (after a crash, nothing would open).
        let jlen = std::fs::symlink_metadata(&jpath).map_or(0, |m| m.len());
        if jlen > 0 && jlen + entry.len() as u64 > self.rotate_at {
            self.compact()?;
        }
        self.writer.append(&jpath, entry.as_bytes()).map_err(WorkspaceError::io(&jpath))?;
        self.journaled_change(c);
        self.log(entry);
        self.fold_unless_journaling(&c.respondent.id);
        Ok(())
    }

    /// The change's history entry, once the change is known writable: a valid respondent id,
    /// strings a file can hold, an entry not too large (refused before the answer is written,
    /// so none is saved without one).
    fn checked_entry(c: &Change) -> Result<String> {
        if !aira_core::assessment::is_valid_respondent_id(&c.respondent.id) {
            return Err(WorkspaceError::Invalid(format!("invalid respondent id `{}`", c.respondent.id)));
        }
        super::strings::check_change(c)?;
        let entry = history::render(&c.entry());
        history_parts::check_entry(&entry)?;
        Ok(entry)
    }

    /// The change is in its journal, durable: only now does the in-memory document take it.
    fn journaled_change(&mut self, c: &Change) {
        let position = self.position(&c.question);
        self.journaled.insert(c.respondent.id.clone());
        match self.docs.get_mut(&c.respondent.id) {
            Some(doc) => doc.set(&c.question, c.new.as_ref(), position),
            None => {
                let mut doc = answers::new_document(&c.respondent);
                answers::set_answer(&mut doc, &c.question, c.new.as_ref(), position);
                self.docs.insert(c.respondent.id.clone(), Doc::Parsed(doc));
            }
        }
    }

    /// Without the journal on (the CLI), fold it into the answers file at once; a failure
    /// there is a warning (the change is saved in the journal).
    fn fold_unless_journaling(&mut self, respondent: &str) {
        if !self.journal
            && let Err(e) = self.compact()
        {
            let jpath = journal::path(&self.dir, respondent);
            self.warnings.push(format!(
                "saved in {}, not yet folded into answers/{respondent}.toml ({e}); the next aira to open the workspace does it",
                jpath.display(),
            ));
        }
    }

    /// Fold every journal into its answers file (written atomically), then remove the journal.
    /// History entries still owed are written first: a journal is the only record of them. A
    /// crash in between only means the journal is replayed again, to the same effect.
    pub fn compact(&mut self) -> Result<()> {
        self.flush_history()?;
        let mut ids: Vec<String> = self.journaled.iter().cloned().collect();
        ids.sort();
        for id in ids {
            let path = self.answers_path(&id);
            let text = self.parsed(&Respondent::new(&id, &id))?.to_string();
            self.writer.replace(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))?;
            let jpath = journal::path(&self.dir, &id);
            if std::fs::symlink_metadata(&jpath).is_ok() {
                self.writer.remove(&jpath).map_err(WorkspaceError::io(&jpath))?;
                self.writer.sync_dir(&jpath).map_err(WorkspaceError::io(&jpath))?;
            }
            self.journaled.remove(&id);
        }
        Ok(())
    }

    /// Create or update a respondent's name and role.
    pub fn save_respondent(&mut self, r: &Respondent) -> Result<()> {
        if !aira_core::assessment::is_valid_respondent_id(&r.id) {
            return Err(WorkspaceError::Invalid(format!("invalid respondent id `{}`", r.id)));
        }
        super::strings::check_respondent(r)?;
        let path = self.answers_path(&r.id);
        let doc = self.parsed(r)?;
        answers::set_respondent(doc, r);
        let text = doc.to_string();
        self.ensure_answers_dir()?;
        self.writer.replace(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))
    }

    /// Add a respondent's whole answers file as it is (comments and all), as `aira merge` does
    /// for a respondent the workspace lacks. No history entry: the caller writes one per answer.
    pub fn import_respondent(&mut self, r: &Respondent, text: &str, doc: DocumentMut) -> Result<()> {
        let path = self.answers_path(&r.id);
        self.ensure_answers_dir()?;
        self.writer.replace(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))?;
        self.docs.insert(r.id.clone(), Doc::Parsed(doc));
        Ok(())
    }

    /// Append a history entry by itself: a merge recording the side it did not keep.
    pub fn record(&mut self, entry: &str) -> Result<()> {
        // Refused before it is queued: an entry the history cannot take would block every later one.
        history_parts::check_entry(entry)?;
        self.unlogged.push(entry.to_owned());
        self.flush_history()
    }

    /// Rotate history.toml (and fold journals) at `bytes` instead of `history_parts::ROTATE_AT`:
    /// for tests and the fault harness (rotation without writing 40 MB).
    #[doc(hidden)]
    pub fn set_history_rotation(&mut self, bytes: u64) {
        self.rotate_at = bytes;
    }

    /// Set (or with `None` clear) the agreed value of a question in consensus.toml, keeping the
    /// note of an earlier decision; records an `agree` entry in the history.
    pub fn set_agreed(&mut self, question_id: &str, value: Option<Value>, by: &str, at: &str) -> Result<()> {
        let note = self.agreed.get(question_id).map(|(_, d)| d.note.clone()).unwrap_or_default();
        let new = value.map(|v| (v, Decision { decided_at: at.to_owned(), decided_by: by.to_owned(), note }));
        self.put_agreed(question_id, new, by, at, "agree")
    }

    /// Give a question's agreed decision its note (why the room agreed it), the level and who
    /// decided it kept; records an `agree` entry. A question with no agreed level is refused.
    pub fn set_agreed_note(&mut self, question_id: &str, note: &str, by: &str, at: &str) -> Result<()> {
        let Some((value, mut decision)) = self.agreed.get(question_id).cloned() else {
            return Err(WorkspaceError::Invalid(format!("{question_id} has no agreed level to give a reason for")));
        };
        decision.note = note.to_owned();
        self.put_agreed(question_id, Some((value, decision)), by, at, "agree")
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

    /// `put_agreed` recording entry `reverts` as reverted (an undo or a redo, by `kind`).
    pub fn put_agreed_entry(
        &mut self,
        question_id: &str,
        new: Option<(Value, Decision)>,
        by: &str,
        at: &str,
        kind: &str,
        reverts: Option<usize>,
    ) -> Result<()> {
        let mut doc = self.consensus_doc.clone();
        consensus::set(&mut doc, question_id, new.as_ref(), self.position(question_id));
        let e = history::Entry { at, by, respondent: "", question: question_id, kind, reverts, old: None, new: None };
        let old = self.agreed.get(question_id).map(|(v, d)| consensus::inline(*v, d));
        let new_table = new.as_ref().map(|(v, d)| consensus::inline(*v, d)).unwrap_or_default();
        let entry = history::render_tables_as(&e, &self.answering, old, &[], new_table);
        self.write_logged(consensus::FILE, &doc.to_string(), &entry, kind)?;
        self.consensus_doc = doc;
        match &new {
            Some(n) => self.agreed.insert(question_id.to_owned(), n.clone()),
            None => self.agreed.remove(question_id),
        };
        Ok(())
    }

    /// workspace.toml's document as this store last wrote it.
    pub(super) fn meta_doc(&self) -> &DocumentMut {
        &self.meta_doc
    }

    /// Write workspace.toml as `doc` with its history entry (see `meta_change`).
    pub(super) fn write_meta_with_entry(&mut self, doc: DocumentMut, entry: &str, kind: &str) -> Result<()> {
        self.write_logged(meta::FILE, &doc.to_string(), entry, kind)?;
        self.meta_doc = doc;
        Ok(())
    }

    /// Move agreed values from old question ids to new ones (an upgrade's `replaces`), each
    /// table as it is (comments and place kept), in one atomic write of consensus.toml. An old
    /// id whose new id already has an agreed value stays put and is returned.
    pub fn rename_agreed(&mut self, renames: &HashMap<String, String>) -> Result<(usize, Vec<String>)> {
        let mut olds: Vec<&String> = renames.keys().filter(|k| self.agreed.contains_key(*k)).collect();
        olds.sort();
        let (mut moved, mut stayed) = (0, Vec::new());
        for old in olds {
            let new = &renames[old];
            let table = self.consensus_doc.get_mut("agreed").and_then(toml_edit::Item::as_table_mut);
            let Some(table) = table.filter(|t| !t.contains_key(new) && !self.agreed.contains_key(new)) else {
                stayed.push(old.clone());
                continue;
            };
            if let Some(item) = table.remove(old) {
                table.insert(new, item);
            }
            if let Some(v) = self.agreed.remove(old) {
                self.agreed.insert(new.clone(), v);
            }
            moved += 1;
        }
        if moved > 0 {
            let path = self.dir.join(consensus::FILE);
            self.writer.replace(&path, self.consensus_doc.to_string().as_bytes()).map_err(WorkspaceError::io(&path))?;
        }
        Ok((moved, stayed))
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

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
