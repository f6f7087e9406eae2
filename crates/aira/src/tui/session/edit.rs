//! Changing the engagement: answers, agreed levels, respondents, SoA decisions. Each
//! method updates what is derived at once and counts the save it needs; the caller turns the
//! result into the effect that hands it to the save worker.

use super::Session;
use super::undo::Subject;
use aira_core::assessment::{Answer, Respondent, Value};
use aira_core::engagement::SoaEntry;
use aira_core::report::model::SoaRow;
use aira_core::scoring::ReferenceIndex;
use aira_store::workspace::Change;

/// What adding a respondent by name did.
pub enum Added {
    /// Someone with that id was there already: the keys now record their answers.
    Existing,
    /// A new respondent, now the current one, to be saved as made by respondent `as_`.
    New { respondent: Respondent, as_: String },
}

impl Session {
    /// Apply `edit` to the current respondent's answer to question `qi`. `None` when nothing
    /// changed (or the workspace is read-only); otherwise the change to save, already applied,
    /// scored and on the undo list.
    pub fn edit_answer(&mut self, qi: usize, edit: impl FnOnce(&mut Answer)) -> Option<Change> {
        if self.read_only.is_some() {
            return None;
        }
        let qid = self.questionnaire.questions.get(qi)?.id.clone();
        let ri = self.respondent_index();
        let r = self.assessment.respondents.get_mut(ri)?;
        let old = r.answers.get(&qid).cloned();
        let mut new = old.clone().unwrap_or_default();
        edit(&mut new);
        if Some(&new) == old.as_ref() {
            return None;
        }
        aira_store::workspace::stamp::stamp(old.as_ref(), &mut new, &self.user, &(self.now)());
        let new = (!new.is_empty()).then_some(new);
        match &new {
            Some(a) => r.answers.insert(qid.clone(), a.clone()),
            None => r.answers.remove(&qid),
        };
        let change = Change {
            respondent: r.clone_header(),
            question: qid,
            old,
            new,
            by: self.user.clone(),
            at: (self.now)(),
            kind: "answer".into(),
            reverts: None,
        };
        self.rescore_question(qi);
        let subject = Subject::Answer {
            respondent: change.respondent.id.clone(),
            question: change.question.clone(),
            old: change.old.clone(),
            new: change.new.clone(),
        };
        self.done("answer", change.respondent.id.clone(), None, subject);
        self.save.pending += 1;
        Some(change)
    }

    /// Set (or clear) the agreed level of question `qi`; returns its id, to be saved.
    pub fn set_agreed(&mut self, qi: usize, value: Option<Value>) -> Option<String> {
        if self.read_only.is_some() {
            return None;
        }
        let question = self.questionnaire.questions.get(qi)?.id.clone();
        let at = (self.now)();
        let old = self.agreed_now(&question);
        self.assessment.set_agreed(&question, value, &self.user, &at);
        let new = self.agreed_now(&question);
        self.rescore();
        // Every agreement is an `agree` entry (the same value again too), made as whoever answers.
        let who = self.current_respondent().id.clone();
        self.done("agree", who, None, Subject::Agreed { question: question.clone(), old, new });
        self.save.pending += 1;
        Some(question)
    }

    /// The reason for a question's agreed level (the decision's note); false when the
    /// question has no agreed level or the workspace is read-only (nothing to save). The store
    /// writes it as an `agree` entry of its own, so it is numbered and undone like one.
    pub fn set_agreed_note(&mut self, question: &str, note: &str) -> bool {
        if self.read_only.is_some() || !self.assessment.agreed.contains_key(question) {
            return false;
        }
        let old = self.agreed_now(question);
        let Some(d) = self.assessment.agreed_meta.get_mut(question) else { return false };
        d.note = note.to_owned();
        let new = self.agreed_now(question);
        let who = self.current_respondent().id.clone();
        self.done("agree", who, None, Subject::Agreed { question: question.to_owned(), old, new });
        self.save.pending += 1;
        true
    }

    /// Give the current respondent a new name and role (already checked; the file keeps its
    /// id): on the undo list as their change; the old and new headers, to save.
    pub fn rename_respondent(&mut self, name: &str, role: &str) -> Option<(Respondent, Respondent)> {
        let ri = self.respondent_index();
        let r = self.assessment.respondents.get_mut(ri)?;
        let old = r.clone_header();
        r.name = name.to_owned();
        r.role = role.to_owned();
        let new = r.clone_header();
        self.count_respondent_change(new.id.clone(), old.clone(), new.clone());
        Some((old, new))
    }

    /// Add a respondent by name, with a role (already checked; empty: none), and make them
    /// current (or switch to the one with that id, whose role stays). A new one is a change
    /// made as whoever was answering (themselves when no one was), undone by archiving them.
    pub fn add_respondent(&mut self, name: &str, role: &str) -> Added {
        let id = aira_core::assessment::respondent_id(name);
        if let Some(existing) = self.assessment.respondents.iter().position(|r| r.id == id) {
            self.respondent = existing;
            self.respondent_changed();
            return Added::Existing;
        }
        let as_ = if self.has_respondent() { self.current_respondent().id.clone() } else { id.clone() };
        let mut r = Respondent::new(&id, name);
        r.role = role.to_owned();
        self.assessment.respondents.push(r.clone());
        self.respondent = self.assessment.respondents.len() - 1;
        self.respondent_changed();
        let before = Respondent { archived: true, ..r.clone() };
        self.count_respondent_change(as_.clone(), before, r.clone());
        Added::New { respondent: r, as_ }
    }

    /// A respondent header change on the undo list and pending save, its history entry next.
    fn count_respondent_change(&mut self, as_: String, old: Respondent, new: Respondent) {
        if self.read_only.is_none() {
            self.done(aira_store::workspace::respondent_change::KIND, as_, None, Subject::Respondent { old, new });
            self.save.pending += 1;
        }
    }

    /// The keys record respondent `i`'s answers (an index into the assessment's respondents).
    pub fn select_respondent(&mut self, i: usize) {
        self.respondent = i.min(self.assessment.respondents.len().saturating_sub(1));
        self.respondent_changed();
    }

    /// The keys record the next respondent's answers (round the list).
    pub fn next_respondent(&mut self) {
        self.respondent = (self.respondent + 1) % self.assessment.respondents.len().max(1);
        self.respondent_changed();
    }

    /// Record a roadmap item's owner and due date in memory (the save worker writes it), on
    /// the undo list as the current respondent's change; the same value again writes no entry
    /// and is not listed.
    pub fn set_roadmap(&mut self, question: String, entry: aira_core::engagement::RoadmapEntry) {
        let old = if entry.is_empty() {
            self.meta.roadmap.remove(&question)
        } else {
            self.meta.roadmap.insert(question.clone(), entry.clone())
        };
        if old.clone().unwrap_or_default() != entry {
            let who = self.current_respondent().id.clone();
            let new = (!entry.is_empty()).then_some(entry);
            self.done("roadmap", who, None, Subject::Roadmap { question, old, new });
        }
        self.save.pending += 1;
    }

    /// Record a Statement of Applicability decision (already validated), to be saved. The same
    /// decision again writes no history entry (the store skips it): it is not on the undo list.
    pub fn decide_soa(&mut self, control: String, entry: SoaEntry) {
        let old = self.meta.soa.insert(control.clone(), entry.clone());
        if old.as_ref() != Some(&entry) {
            let who = self.current_respondent().id.clone();
            self.done("soa", who, None, Subject::Soa { control, old, new: Some(entry) });
        }
        self.save.pending += 1;
    }

    /// The SoA rows, exactly as the reports build them; `rescore` when answers may have changed
    /// since the last time (the screen is opening), not after a decision.
    pub fn soa_rows(&mut self, rescore: bool) -> Vec<SoaRow> {
        if rescore {
            let scored = self.scope.questionnaire(&self.questionnaire);
            let index = self.plans.index.get_or_insert_with(|| ReferenceIndex::new(scored));
            self.plans.soa_refs = index.score(&self.scores.questions, self.meta.aggregation);
        }
        aira_core::report::model::soa_rows(
            &self.meta,
            self.scope.questionnaire(&self.questionnaire),
            &self.plans.soa_refs,
        )
    }
}
