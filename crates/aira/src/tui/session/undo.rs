//! `u` and `U`: undo and redo per person over this session's changes of every kind (answers,
//! agreed levels, SoA decisions, roadmap owners and due dates, targets, engagement facts,
//! respondents added or renamed).
//! Which change is the store's rule (`undo_rule`), the same as `aira undo`/`aira redo`; what
//! it says is the store's wording (`undo_describe`). Changes from earlier sessions are `aira
//! undo`'s: the wizard does not read the history at open.

use super::Session;
use super::facts_snapshot::Facts;
use aira_core::assessment::{Answer, Decision, Respondent, Value};
use aira_core::engagement::{RoadmapEntry, SoaEntry};
use aira_store::workspace::Change;
use aira_store::workspace::undo_describe::{self as describe, sentence};
use aira_store::workspace::undo_rule::{self, Mark, REDO, UNDO};

/// What a change of this session touched, before (`old`) and after (`new`).
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    Answer {
        respondent: String,
        question: String,
        old: Option<Answer>,
        new: Option<Answer>,
    },
    Agreed {
        question: String,
        old: Option<(Value, Decision)>,
        new: Option<(Value, Decision)>,
    },
    Soa {
        control: String,
        old: Option<SoaEntry>,
        new: Option<SoaEntry>,
    },
    /// A roadmap action's owner and due date (`None`: no entry).
    Roadmap {
        question: String,
        old: Option<RoadmapEntry>,
        new: Option<RoadmapEntry>,
    },
    /// An engagement target (targets.toml).
    Target {
        question: String,
        old: Option<u8>,
        new: Option<u8>,
    },
    /// The engagement facts, all of them as they were and became: the facts that differ are
    /// the change's (`Facts::differing`), the others are left to whoever changes them.
    Facts {
        old: Facts,
        new: Facts,
    },
    /// A respondent's header (name, role, archived); an add's `old` is the same respondent
    /// archived, which is what undoing it writes (as `aira undo` does).
    Respondent {
        old: Respondent,
        new: Respondent,
    },
}

impl Subject {
    /// The same change the other way round (what an undo of it does).
    fn reversed(&self) -> Subject {
        match self.clone() {
            Subject::Answer { respondent, question, old, new } => {
                Subject::Answer { respondent, question, old: new, new: old }
            }
            Subject::Agreed { question, old, new } => Subject::Agreed { question, old: new, new: old },
            Subject::Soa { control, old, new } => Subject::Soa { control, old: new, new: old },
            Subject::Roadmap { question, old, new } => Subject::Roadmap { question, old: new, new: old },
            Subject::Target { question, old, new } => Subject::Target { question, old: new, new: old },
            Subject::Facts { old, new } => Subject::Facts { old: new, new: old },
            Subject::Respondent { old, new } => Subject::Respondent { old: new, new: old },
        }
    }
}

/// One change of this session, numbered as its history entry.
#[derive(Clone, Debug)]
pub struct Done {
    pub number: usize,
    /// `answer`, `agree`, `soa`, `roadmap`, `target`, `engagement`, `undo` or `redo`.
    pub kind: String,
    /// The respondent answering when it was made (an id).
    pub as_: String,
    pub reverts: Option<usize>,
    pub subject: Subject,
}

/// A save an undo or redo asks for, each carrying its history kind and the entry it reverts.
/// Engagement facts carry no values: the store reverts history entry `reverts` as `aira
/// undo`/`aira redo` would, reading it (the session cannot tell an unset fact from an empty one).
#[derive(Clone, Debug, PartialEq)]
pub enum Revert {
    Answer(Box<Change>),
    Agreed {
        question: String,
        value: Option<(Value, Decision)>,
        kind: String,
        reverts: usize,
        as_: String,
    },
    Soa {
        control: String,
        entry: Option<SoaEntry>,
        kind: String,
        reverts: usize,
        as_: String,
    },
    Roadmap {
        question: String,
        entry: Option<RoadmapEntry>,
        kind: String,
        reverts: usize,
        as_: String,
    },
    Target {
        question: String,
        level: Option<u8>,
        kind: String,
        reverts: usize,
        as_: String,
    },
    Facts {
        kind: String,
        reverts: usize,
    },
    /// A respondent's header: `now` is what the answers file holds, `back` what is put back.
    Respondent {
        now: Respondent,
        back: Respondent,
        kind: String,
        reverts: usize,
        as_: String,
    },
}

/// What undo or redo did.
pub enum Undone {
    /// Nothing of the current respondent's to undo (or redo).
    Nothing,
    /// The state is no longer what that change left (a vote came in since): nothing written.
    Changed(String),
    /// Written back: the save, the question to show (when it is one), what to say.
    Reverted { save: Box<Revert>, index: Option<usize>, said: String },
}

impl Session {
    /// Put a change of this session on the undo list (its history entry is the next one).
    pub(super) fn done(&mut self, kind: &str, as_: String, reverts: Option<usize>, subject: Subject) {
        self.history_len += 1;
        self.undo.push(Done { number: self.history_len, kind: kind.to_owned(), as_, reverts, subject });
    }

    /// Who added respondent `id` in this session, when it was someone else (by name): that add
    /// is their change, for their `u`. (Asked about the one answering, whose add stands.)
    pub fn added_by(&self, id: &str) -> Option<String> {
        let d = self.undo.iter().rev().find(|d| {
            d.as_ != id
                && matches!(&d.subject, Subject::Respondent { old, new } if old.archived && !new.archived && new.id == id)
        })?;
        self.header(&d.as_).map(|r| r.name.clone())
    }

    /// Revert the newest change made as the current respondent not already reverted.
    pub fn undo(&mut self) -> Undone {
        self.revert(UNDO)
    }

    /// Re-apply the newest undo of the current respondent, unless they changed something since.
    pub fn redo(&mut self) -> Undone {
        self.revert(REDO)
    }

    fn revert(&mut self, kind: &str) -> Undone {
        if self.read_only.is_some() {
            return Undone::Nothing;
        }
        let who = self.current_respondent().id.clone();
        let marks = self.undo.iter().map(|d| (d.number, Mark { kind: &d.kind, as_: &d.as_, reverts: d.reverts }));
        let found = if kind == UNDO {
            undo_rule::undo_target(marks, Some(&who))
        } else {
            undo_rule::redo_target(marks, Some(&who))
        };
        let Some(d) = found.and_then(|n| self.undo.iter().find(|d| d.number == n)).cloned() else {
            return Undone::Nothing;
        };
        let name = self.current_respondent().name.clone();
        let verb = if kind == REDO { "Redid" } else { "Undid" };
        // An undo undoes old → new; a redo re-does what its undo undid, new → old.
        let shown = if kind == REDO { d.subject.reversed() } else { d.subject.clone() };
        let what = match &shown {
            Subject::Answer { question, old, new, .. } => describe::answer(question, old.as_ref(), new.as_ref()),
            // The same level with another reason: the reason typed after agreeing.
            Subject::Agreed { question, old: Some(old), new: Some(new) } if old.0 == new.0 => {
                format!("reason for the agreed level of {question}")
            }
            Subject::Agreed { question, old, new } => {
                describe::agreed(question, old.as_ref().map(|v| v.0), new.as_ref().map(|v| v.0))
            }
            Subject::Soa { control, old, new } => {
                aira_store::workspace::soa_change::describe(control, old.as_ref(), new.as_ref())
            }
            Subject::Roadmap { question, old, new } => {
                describe::roadmap(question, &old.clone().unwrap_or_default(), &new.clone().unwrap_or_default())
            }
            Subject::Target { question, .. } => format!("target of {question}"),
            Subject::Facts { old, new } => format!("engagement facts change ({})", new.differing(old).join(", ")),
            Subject::Respondent { old, new } => super::archived::describe(old, new),
        };
        if !self.still_holds(&d.subject) {
            return Undone::Changed(format!(
                "Cannot {}: the {what} was changed since (a vote?); nothing changed",
                if kind == REDO { "redo" } else { "undo" }
            ));
        }
        let said = match &d.subject {
            // The store's wording (`aira undo` says the same): from what is there to what comes back.
            Subject::Target { question, old, new } => describe::target_sentence(verb, &name, question, *new, *old),
            _ => sentence(verb, &name, &what),
        };
        let (save, index) = self.write_back(&d, kind);
        self.done(kind, d.as_.clone(), Some(d.number), d.subject.reversed());
        self.save.pending += 1;
        Undone::Reverted { save: Box::new(save), index, said }
    }
}
