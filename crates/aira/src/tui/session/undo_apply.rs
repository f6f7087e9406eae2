//! What `u`/`U` check and write back, per kind of change: whether what a change left is still
//! there (only then is it reverted), and putting its `old` back in memory with the save that
//! makes it durable. The choosing and the wording are `undo`'s.

use super::Session;
use super::facts_snapshot::Facts;
use super::undo::{Done, Revert, Subject};
use aira_core::assessment::{Decision, Value};
use aira_store::workspace::Change;

impl Session {
    /// Whether what `subject` left (`new`) is still there: only then is it reverted.
    pub(super) fn still_holds(&self, subject: &Subject) -> bool {
        match subject {
            Subject::Answer { respondent, question, new, .. } => {
                self.assessment.respondent(respondent).is_some_and(|r| r.answers.get(question) == new.as_ref())
            }
            Subject::Agreed { question, new, .. } => self.agreed_now(question) == *new,
            Subject::Soa { control, new, .. } => self.meta.soa.get(control) == new.as_ref(),
            Subject::Roadmap { question, new, .. } => self.meta.roadmap_entry(question) == new.as_ref(),
            Subject::Target { question, new, .. } => self.assessment.targets.get(question).copied() == *new,
            Subject::Facts { old, new } => {
                let changed = old.differing(new);
                new.differing(&Facts::of(&self.meta)).iter().all(|k| !changed.contains(k))
            }
            Subject::Respondent { new, .. } => {
                self.header(&new.id).is_some_and(|h| super::archived::same_header(h, new))
            }
        }
    }

    /// The agreed value of `question` as the session holds it.
    pub(super) fn agreed_now(&self, question: &str) -> Option<(Value, Decision)> {
        let a = &self.assessment;
        a.agreed.get(question).map(|v| (*v, a.agreed_meta.get(question).cloned().unwrap_or_default()))
    }

    /// Put `d`'s `old` back in memory; the save that makes it durable, and the question's index.
    pub(super) fn write_back(&mut self, d: &Done, kind: &str) -> (Revert, Option<usize>) {
        let (reverts, as_) = (d.number, d.as_.clone());
        match &d.subject {
            Subject::Answer { respondent, question, old, new } => {
                let r = self.assessment.respondents.iter_mut().find(|r| &r.id == respondent);
                let header = r.as_ref().map(|r| r.clone_header()).unwrap_or_default();
                if let Some(r) = r {
                    match old {
                        Some(a) => r.answers.insert(question.clone(), a.clone()),
                        None => r.answers.remove(question),
                    };
                }
                let index = self.questionnaire.index_of(question);
                if let Some(i) = index {
                    self.rescore_question(i);
                }
                let change = Change {
                    respondent: header,
                    question: question.clone(),
                    old: new.clone(),
                    new: old.clone(),
                    by: self.user.clone(),
                    at: (self.now)(),
                    kind: kind.into(),
                    reverts: Some(reverts),
                };
                (Revert::Answer(Box::new(change)), index)
            }
            Subject::Agreed { question, old, .. } => {
                match old {
                    Some((v, dec)) => {
                        self.assessment.agreed.insert(question.clone(), *v);
                        self.assessment.agreed_meta.insert(question.clone(), dec.clone());
                    }
                    None => {
                        self.assessment.agreed.remove(question);
                        self.assessment.agreed_meta.remove(question);
                    }
                }
                self.rescore();
                let value = old.clone();
                let save = Revert::Agreed { question: question.clone(), value, kind: kind.into(), reverts, as_ };
                (save, self.questionnaire.index_of(question))
            }
            Subject::Soa { control, old, .. } => {
                match old {
                    Some(e) => self.meta.soa.insert(control.clone(), e.clone()),
                    None => self.meta.soa.remove(control),
                };
                let entry = old.clone();
                (Revert::Soa { control: control.clone(), entry, kind: kind.into(), reverts, as_ }, None)
            }
            Subject::Roadmap { question, old, .. } => {
                match old {
                    Some(e) => self.meta.roadmap.insert(question.clone(), e.clone()),
                    None => self.meta.roadmap.remove(question),
                };
                let entry = old.clone();
                let save = Revert::Roadmap { question: question.clone(), entry, kind: kind.into(), reverts, as_ };
                (save, None)
            }
            Subject::Target { question, old, .. } => {
                let index = self.put_target(question, *old);
                let level = *old;
                (Revert::Target { question: question.clone(), level, kind: kind.into(), reverts, as_ }, index)
            }
            Subject::Facts { old, new } => {
                old.put_into(&old.differing(new), &mut self.meta);
                (Revert::Facts { kind: kind.into(), reverts }, None)
            }
            Subject::Respondent { old, new } => {
                self.put_header(old);
                let (now, back) = (new.clone(), old.clone());
                (Revert::Respondent { now, back, kind: kind.into(), reverts, as_ }, None)
            }
        }
    }
}
