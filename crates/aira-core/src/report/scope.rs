//! What the report says about scope (docs/eu-ai-act.md, rule 7): the chosen profiles, each
//! classification's answer, the questions left out and the classification that excluded each.

use crate::questionnaire::Questionnaire;
use crate::scope::{Applicability, Hint, Outcome, Scope, profile_name};

/// The rule in one sentence, as the report prints it.
pub const RULE: &str = "A question marked for a classification applies unless that classification was answered no.";

pub struct Classification {
    pub id: String,
    pub text: String,
    pub outcome: Outcome,
    /// False: outside the chosen profiles, never asked (its outcome is then `no`).
    pub asked: bool,
}

pub struct Excluded {
    pub id: String,
    pub text: String,
    /// The classification ids answered no that excluded it.
    pub by: Vec<String>,
}

pub struct ScopeSummary {
    /// (id, name) of each chosen profile.
    pub profiles: Vec<(String, String)>,
    pub classifications: Vec<Classification>,
    pub out_of_scope: Vec<Excluded>,
    /// Questions outside the chosen profiles (counted apart, never as unanswered).
    pub out_of_profile: usize,
    pub hints: Vec<Hint>,
}

impl ScopeSummary {
    /// None when nothing is narrowed and nothing is classified (the report then has no
    /// scope section, as before profiles existed).
    pub fn new(scope: &Scope, q: &Questionnaire) -> Option<ScopeSummary> {
        let classifications: Vec<Classification> = q
            .questions
            .iter()
            .zip(&scope.outcomes)
            .zip(&scope.questions)
            .filter_map(|((x, o), a)| {
                o.map(|outcome| Classification {
                    id: x.id.clone(),
                    text: x.text.clone(),
                    outcome,
                    asked: *a == Applicability::Applies,
                })
            })
            .collect();
        let out_of_scope: Vec<Excluded> = q
            .questions
            .iter()
            .zip(&scope.questions)
            .filter_map(|(x, a)| match a {
                Applicability::Excluded(by) => {
                    Some(Excluded { id: x.id.clone(), text: x.text.clone(), by: by.clone() })
                }
                _ => None,
            })
            .collect();
        let out_of_profile = scope.questions.iter().filter(|a| **a == Applicability::OutOfProfile).count();
        if classifications.is_empty() && scope.profiles.is_empty() && out_of_profile == 0 {
            return None;
        }
        let profiles = scope.profiles.iter().map(|p| (p.clone(), profile_name(q, p).to_owned())).collect();
        Some(ScopeSummary { profiles, classifications, out_of_scope, out_of_profile, hints: scope.hints.clone() })
    }
}
