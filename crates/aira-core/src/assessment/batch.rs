//! Figures for every question at once: statuses and spreads. A lookup per question and
//! respondent is a map search each (200,000 of them for 10,000 questions and 20 interviews);
//! here every respondent's answers, which are kept sorted by question id, are merged once with
//! the question ids in sorted order.

use super::Status;
use super::{Assessment, Value};
use crate::questionnaire::Questionnaire;

/// The respondents' values for one question, added in respondent order (so the mean is the
/// same to the last bit whichever way it was gathered).
#[derive(Clone, Copy, Default)]
pub(super) struct Tally {
    sum: f64,
    levels: u32,
    not_applicable: bool,
    values: u32,
    min: u8,
    max: u8,
}

impl Tally {
    pub(super) fn add(&mut self, v: Value) {
        self.values += 1;
        match v {
            Value::Level(l) => {
                (self.min, self.max) = if self.levels == 0 { (l, l) } else { (self.min.min(l), self.max.max(l)) };
                self.sum += f64::from(l);
                self.levels += 1;
            }
            Value::NotApplicable => self.not_applicable = true,
        }
    }

    /// The mean of the levels, else not applicable when someone said so, else unanswered.
    pub(super) fn status(&self) -> Status {
        if self.levels > 0 {
            Status::Scored(self.sum / f64::from(self.levels))
        } else if self.not_applicable {
            Status::NotApplicable
        } else {
            Status::Unanswered
        }
    }

    /// Highest minus lowest level, once two respondents gave a value (levels or N/A).
    fn spread(&self) -> Option<u8> {
        (self.values >= 2).then(|| if self.levels == 0 { 0 } else { self.max - self.min })
    }
}

impl Assessment {
    /// Per question (questionnaire order), every respondent's value, tallied.
    fn tallies(&self, q: &Questionnaire) -> Vec<Tally> {
        let mut tallies = vec![Tally::default(); q.questions.len()];
        let mut by_id: Vec<usize> = (0..q.questions.len()).collect();
        by_id.sort_unstable_by(|&a, &b| q.questions[a].id.cmp(&q.questions[b].id));
        for r in &self.respondents {
            let mut answers = r.answers.iter().peekable();
            for &i in &by_id {
                let id = q.questions[i].id.as_str();
                while answers.next_if(|(k, _)| k.as_str() < id).is_some() {}
                if let Some((_, a)) = answers.next_if(|(k, _)| k.as_str() == id)
                    && let Some(v) = a.value
                {
                    tallies[i].add(v);
                }
            }
        }
        tallies
    }

    /// [`Assessment::status`] of every question, in questionnaire order.
    pub fn statuses(&self, q: &Questionnaire) -> Vec<Status> {
        let tallies = self.tallies(q);
        q.questions
            .iter()
            .zip(tallies)
            .map(|(question, tally)| match self.agreed.get(&question.id) {
                Some(Value::Level(l)) => Status::Scored(f64::from(*l)),
                Some(Value::NotApplicable) => Status::NotApplicable,
                None => tally.status(),
            })
            .collect()
    }

    /// Per question, the widest gap between two respondents' levels; `None` until two
    /// respondents answered it. [`Assessment::spread`] for one question.
    pub fn spreads(&self, q: &Questionnaire) -> Vec<Option<u8>> {
        self.tallies(q).iter().map(Tally::spread).collect()
    }

    /// [`Assessment::spreads`] for one question.
    pub fn question_spread(&self, question_id: &str) -> Option<u8> {
        let mut tally = Tally::default();
        for r in &self.respondents {
            if let Some(v) = r.answer(question_id).and_then(|a| a.value) {
                tally.add(v);
            }
        }
        tally.spread()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::assessment::{Answer, Respondent};

    proptest! {
        /// The merged pass gives exactly what a lookup per question gives: statuses (agreed
        /// values, N/A, means to the last bit) and spreads, with answers to unknown ids mixed in.
        #[test]
        fn batch_figures_equal_the_per_question_ones(
            answers in prop::collection::vec(prop::collection::vec(prop::option::of(prop::option::of(0u8..=5)), 12), 0..5),
            agreed in prop::collection::vec(prop::option::of(prop::option::of(0u8..=5)), 12),
        ) {
            let q = aira_testgen::questionnaire_text(&aira_testgen::Spec::new(12, 1, 1));
            let q = crate::questionnaire::parse("q", &q).unwrap();
            let value = |v: Option<u8>| v.map_or(Value::NotApplicable, Value::Level);
            let mut a = Assessment::default();
            for (n, row) in answers.iter().enumerate() {
                let mut r = Respondent::new(&format!("r{n}"), "R");
                for (question, v) in q.questions.iter().zip(row) {
                    if let Some(v) = v {
                        r.answers.insert(question.id.clone(), Answer { value: Some(value(*v)), ..Default::default() });
                    }
                }
                r.answers.insert("zz-not-a-question".into(), Answer { value: Some(Value::Level(1)), ..Default::default() });
                r.answers.insert("0-not-a-question".into(), Answer { value: Some(Value::Level(2)), ..Default::default() });
                a.respondents.push(r);
            }
            for (question, v) in q.questions.iter().zip(&agreed) {
                if let Some(v) = v {
                    a.agreed.insert(question.id.clone(), value(*v));
                }
            }
            let one_by_one: Vec<Status> = q.questions.iter().map(|x| a.status(&x.id)).collect();
            prop_assert_eq!(a.statuses(&q), one_by_one);
            let spreads: Vec<Option<u8>> = q.questions.iter().map(|x| a.question_spread(&x.id)).collect();
            prop_assert_eq!(a.spreads(&q), spreads);
            for (x, s) in q.questions.iter().zip(a.spreads(&q)) {
                let levels = a.levels(&x.id);
                prop_assert_eq!(s, (levels.len() >= 2).then(|| a.spread(&x.id)));
            }
        }
    }
}
