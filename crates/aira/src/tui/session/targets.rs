//! The engagement target of a question (`t` and a digit): one per question for the whole
//! engagement, whoever is answering; saved to targets.toml by the store (`set_target`).

use super::Session;
use super::undo::Subject;

impl Session {
    /// Set (or clear) question `qi`'s engagement target; its id, to be saved. `None` when
    /// nothing changed or the workspace is read-only.
    pub fn set_target(&mut self, qi: usize, level: Option<u8>) -> Option<String> {
        if self.read_only.is_some() {
            return None;
        }
        let question = self.questionnaire.questions.get(qi)?.id.clone();
        let old = self.assessment.targets.get(&question).copied();
        if old == level {
            return None;
        }
        self.put_target(&question, level);
        let who = self.current_respondent().id.clone();
        self.done(
            aira_store::workspace::targets::KIND,
            who,
            None,
            Subject::Target { question: question.clone(), old, new: level },
        );
        self.save.pending += 1;
        Some(question)
    }

    /// Put a target in memory and rescore what it touches; the question's index.
    pub(super) fn put_target(&mut self, question: &str, level: Option<u8>) -> Option<usize> {
        match level {
            Some(l) => self.assessment.targets.insert(question.to_owned(), l),
            None => self.assessment.targets.remove(question),
        };
        let index = self.questionnaire.index_of(question);
        if let Some(i) = index {
            self.refresh_targets(Some(i));
            self.refresh_cells();
        }
        index
    }
}
