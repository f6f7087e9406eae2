//! Evidence recorded from the wizard: the answer change is built by the store's own rule
//! (`evidence::change_adding`, as `aira evidence add` builds it), applied here at once and
//! handed to the save worker like any answer change, so `u` undoes it and history has it.

use super::Session;
use super::undo::Subject;
use aira_store::workspace::Change;
use aira_store::workspace::evidence::{Source, change_adding};

impl Session {
    /// Record `source` (looked at already) with `note` as evidence of the current
    /// respondent's answer to question `qi`: the change to save, or why not.
    pub fn add_evidence(&mut self, qi: usize, source: &Source, note: &str) -> Result<Change, String> {
        if let Some(why) = &self.read_only {
            return Err(format!("Read-only: {why}"));
        }
        let qid = self.questionnaire.questions.get(qi).ok_or("no such question")?.id.clone();
        let ri = self.respondent_index();
        let r = self.assessment.respondents.get_mut(ri).ok_or("no respondent")?;
        let old = r.answers.get(&qid).cloned();
        let at = (self.now)();
        let (change, _) =
            change_adding(&r.clone_header(), &qid, old, source, note, (&self.user, &at)).map_err(|e| e.to_string())?;
        match &change.new {
            Some(a) => r.answers.insert(qid.clone(), a.clone()),
            None => r.answers.remove(&qid),
        };
        self.rescore_question(qi);
        let subject = Subject::Answer {
            respondent: change.respondent.id.clone(),
            question: qid,
            old: change.old.clone(),
            new: change.new.clone(),
        };
        self.done("evidence", change.respondent.id.clone(), None, subject);
        self.save.pending += 1;
        Ok(change)
    }
}
