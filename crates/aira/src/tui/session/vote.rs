//! A workshop vote as an answer: the participant's own respondent (found by name, created if
//! new), their level, `answered_by` them. Applied here first like a key's change; undone with
//! `unvote` if the disk refuses it.

use super::Session;
use aira_core::assessment::{Respondent, Value, respondent_id};
use aira_store::workspace::Change;

/// A vote applied in memory, to hand to the saver.
pub struct VoteChange {
    /// The participant's respondent when it is new (its file is written first).
    pub new_respondent: Option<Respondent>,
    pub change: Change,
}

/// Names compare as the vote server compares them: case and runs of spaces ignored.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

impl Session {
    /// `name` votes `value` on question `question_id`. `None` when the workspace is read-only or
    /// the questionnaire has no such question. A vote is always a change (voting the same level
    /// again is recorded too), never on the undo list: undo is for the facilitator's keys.
    pub fn record_vote(&mut self, name: &str, question_id: &str, value: Value) -> Option<VoteChange> {
        self.record_votes([(name, question_id, value)]).pop().flatten()
    }

    /// Votes that arrived together, each as `record_vote` records it (one result per vote, in
    /// order), scored once for the group: scoring is per questionnaire, not per vote, and a
    /// room voting at once would otherwise rescore it once for each phone.
    pub fn record_votes<'a>(
        &mut self,
        votes: impl IntoIterator<Item = (&'a str, &'a str, Value)>,
    ) -> Vec<Option<VoteChange>> {
        let mut changed = Vec::new();
        let recorded = votes
            .into_iter()
            .map(|(name, question_id, value)| {
                let (qi, v) = self.apply_vote(name, question_id, value)?;
                changed.push(qi);
                Some(v)
            })
            .collect();
        changed.sort_unstable();
        changed.dedup();
        if !changed.is_empty() {
            self.rescore_questions(&changed);
        }
        recorded
    }

    /// One vote into the answers, not yet scored: with the question's index, for the caller to
    /// rescore.
    fn apply_vote(&mut self, name: &str, question_id: &str, value: Value) -> Option<(usize, VoteChange)> {
        if self.read_only.is_some() {
            return None;
        }
        let qi = self.questionnaire.index_of(question_id)?;
        let (ri, new_respondent) = self.respondent_for(name);
        let at = (self.now)();
        let r = self.assessment.respondents.get_mut(ri)?;
        let old = r.answers.get(question_id).cloned();
        let mut new = old.clone().unwrap_or_default();
        new.value = Some(value);
        new.answered_at = at.clone();
        new.answered_by = r.name.clone();
        r.answers.insert(question_id.to_owned(), new.clone());
        let change = Change {
            respondent: r.clone_header(),
            question: question_id.to_owned(),
            old,
            new: Some(new),
            by: r.name.clone(),
            at,
            kind: "answer".into(),
            reverts: None,
        };
        // A new participant's `respondent` entry comes first, then the answer's; each is a
        // save the worker reports (the add is kept and retried even if the vote is refused).
        let entries = 1 + usize::from(new_respondent.is_some());
        self.history_len += entries;
        self.save.pending += entries;
        Some((qi, VoteChange { new_respondent, change }))
    }

    /// The respondent named `name`, or a new one. A new one's id is derived from the name and
    /// made unique: two names that reduce to the same id ("李", "王" both give `respondent`)
    /// are two people, and neither may answer for the other.
    fn respondent_for(&mut self, name: &str) -> (usize, Option<Respondent>) {
        if let Some(i) = self.assessment.respondents.iter().position(|r| same_name(&r.name, name)) {
            return (i, None);
        }
        let base = respondent_id(name);
        // An archived respondent's id is taken too: their file (answers kept) is not theirs to
        // vote into, and writing a new header over it would restore them unasked.
        let taken = |id: &str| self.assessment.respondents.iter().chain(&self.archived).any(|r| r.id == id);
        let id = (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{}-{n}", base.chars().take(60).collect::<String>()) })
            .find(|id| !taken(id))
            .unwrap_or(base);
        let r = Respondent::new(&id, name.trim());
        self.assessment.respondents.push(r.clone());
        self.refresh_spreads(None);
        (self.assessment.respondents.len() - 1, Some(r))
    }

    /// A vote's save failed for good: put the old answer back, unless something newer has
    /// replaced the vote since (then that stands), and stop waiting for its save. A new
    /// participant's add is not undone: the worker saves it still and reports it.
    pub fn unvote(&mut self, change: &Change) {
        self.save.pending = self.save.pending.saturating_sub(1);
        self.history_len = self.history_len.saturating_sub(1);
        let Some(r) = self.assessment.respondents.iter_mut().find(|r| r.id == change.respondent.id) else { return };
        if r.answers.get(&change.question) != change.new.as_ref() {
            return;
        }
        match &change.old {
            Some(a) => r.answers.insert(change.question.clone(), a.clone()),
            None => r.answers.remove(&change.question),
        };
        if let Some(qi) = self.questionnaire.index_of(&change.question) {
            self.rescore_question(qi);
        }
    }
}
