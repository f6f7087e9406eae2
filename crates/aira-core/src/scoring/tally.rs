//! Accumulating one group of questions (a cell, a row, a column, everything).

use serde::{Serialize, Serializer};

use super::Status;

/// How answered questions combine into a group's score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Aggregation {
    /// Weighted mean by question weight.
    #[default]
    Mean,
    /// The weakest answered question: a chain is as strong as its weakest link.
    Min,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tally {
    pub score: Option<f64>,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub total: usize,
    aggregation: Aggregation,
    weighted_sum: f64,
    weight: f64,
}

impl Tally {
    pub fn new(aggregation: Aggregation) -> Self {
        Tally {
            score: None,
            answered: 0,
            not_applicable: 0,
            unanswered: 0,
            total: 0,
            aggregation,
            weighted_sum: 0.0,
            weight: 0.0,
        }
    }

    pub fn add(&mut self, status: Status, weight: f64) {
        self.total += 1;
        match status {
            Status::Unanswered => self.unanswered += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Scored(s) => {
                self.answered += 1;
                self.weighted_sum += s * weight;
                self.weight += weight;
                self.score = Some(match self.aggregation {
                    Aggregation::Mean => self.weighted_sum / self.weight,
                    Aggregation::Min => self.score.map_or(s, |m| m.min(s)),
                });
            }
        }
    }

    /// Questions that count towards completeness: everything not marked not applicable.
    pub fn applicable(&self) -> usize {
        self.total - self.not_applicable
    }

    /// Answered / applicable, in 0..=1; `None` when nothing is applicable.
    pub fn completeness(&self) -> Option<f64> {
        (self.applicable() > 0).then(|| self.answered as f64 / self.applicable() as f64)
    }
}

impl Serialize for Tally {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Tally", 5)?;
        st.serialize_field("score", &self.score)?;
        st.serialize_field("answered", &self.answered)?;
        st.serialize_field("not_applicable", &self.not_applicable)?;
        st.serialize_field("unanswered", &self.unanswered)?;
        st.serialize_field("total", &self.total)?;
        st.end()
    }
}
