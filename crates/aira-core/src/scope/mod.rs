//! Which questions are in scope (pure): the applicability rule of docs/eu-ai-act.md, from the
//! questionnaire, the answers and the workspace's chosen profiles. The walk, the scores and
//! every report read this one answer, so that they can never disagree about a question.

use std::borrow::Cow;

use crate::assessment::{Assessment, Value};
use crate::questionnaire::{Question, Questionnaire};

/// What a classification question says (rule 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Yes,
    No,
    Unknown,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Yes => "yes",
            Outcome::No => "no",
            Outcome::Unknown => "unknown",
        }
    }
}

/// Why a question is or is not in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applicability {
    /// In profile and, if it names classifications, one of them is yes or unknown.
    Applies,
    /// None of its profiles was chosen for the workspace (rule 1).
    OutOfProfile,
    /// Every classification it names was answered no (rule 3): their ids.
    Excluded(Vec<String>),
}

/// A classification answered yes whose dependent questions all lie outside the chosen
/// profiles (rule 7): the profiles that would bring them in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub classification: String,
    pub profiles: Vec<String>,
}

/// The scope of every question of one questionnaire, in question order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    /// The workspace's chosen profiles (empty: every question is in profile).
    pub profiles: Vec<String>,
    pub questions: Vec<Applicability>,
    /// The outcome of each classification question (None for maturity questions).
    pub outcomes: Vec<Option<Outcome>>,
    pub hints: Vec<Hint>,
}

/// Rule 1: no profiles on the question, no profiles chosen, or one in common.
pub fn in_profile(q: &Question, chosen: &[String]) -> bool {
    chosen.is_empty() || q.profiles.is_empty() || q.profiles.iter().any(|p| chosen.contains(p))
}

/// Rule 2 for one classification question that is in profile: the agreed value, else yes if
/// anyone said yes, else no if anyone said no, else unknown.
fn outcome(q: &Question, a: &Assessment) -> Outcome {
    match a.agreed.get(&q.id) {
        Some(Value::Level(l)) => return if *l >= 1 { Outcome::Yes } else { Outcome::No },
        Some(Value::NotApplicable) => return Outcome::Unknown,
        None => {}
    }
    let levels: Vec<u8> =
        a.levels(&q.id).iter().filter_map(|(_, v)| if let Value::Level(l) = v { Some(*l) } else { None }).collect();
    if levels.iter().any(|&l| l >= 1) {
        Outcome::Yes
    } else if levels.contains(&0) {
        Outcome::No
    } else {
        Outcome::Unknown
    }
}

impl Scope {
    pub fn new(q: &Questionnaire, a: &Assessment, profiles: &[String]) -> Scope {
        let profiled: Vec<bool> = q.questions.iter().map(|x| in_profile(x, profiles)).collect();
        let outcomes: Vec<Option<Outcome>> = q
            .questions
            .iter()
            .zip(&profiled)
            .map(|(x, &p)| x.is_classification().then(|| if p { outcome(x, a) } else { Outcome::No }))
            .collect();
        let of = |id: &str| q.index_of(id).and_then(|i| outcomes[i]).unwrap_or(Outcome::Unknown);
        let questions = q
            .questions
            .iter()
            .zip(&profiled)
            .map(|(x, &p)| {
                if !p {
                    Applicability::OutOfProfile
                } else if x.applies_if.is_empty() || x.applies_if.iter().any(|c| of(c) != Outcome::No) {
                    Applicability::Applies
                } else {
                    Applicability::Excluded(x.applies_if.clone())
                }
            })
            .collect();
        let hints = q
            .questions
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| **o == Some(Outcome::Yes))
            .filter_map(|(c, _)| {
                let deps: Vec<&Question> = q.questions.iter().filter(|x| x.applies_if.contains(&c.id)).collect();
                if deps.is_empty() || deps.iter().any(|x| in_profile(x, profiles)) {
                    return None;
                }
                let mut wanted: Vec<String> = Vec::new();
                for p in deps.iter().flat_map(|x| &x.profiles) {
                    if !wanted.contains(p) {
                        wanted.push(p.clone());
                    }
                }
                Some(Hint { classification: c.id.clone(), profiles: wanted })
            })
            .collect();
        Scope { profiles: profiles.to_vec(), questions, outcomes, hints }
    }

    /// True when question `i` is walked (classification or maturity).
    pub fn applies(&self, i: usize) -> bool {
        self.questions.get(i).is_none_or(|x| *x == Applicability::Applies)
    }

    /// True when question `i` counts in scores: it applies and is not a classification.
    pub fn scored(&self, i: usize, q: &Questionnaire) -> bool {
        self.applies(i) && q.questions.get(i).is_some_and(|x| !x.is_classification())
    }

    /// True when every question is scored: the questionnaire needs no narrowing.
    pub fn is_everything(&self, q: &Questionnaire) -> bool {
        (0..q.questions.len()).all(|i| self.scored(i, q))
    }

    /// The questionnaire scoring and the reports see: only the scored questions, in order.
    /// Borrowed when nothing is left out (the flagship without profiles).
    pub fn narrow<'q>(&self, q: &'q Questionnaire) -> Cow<'q, Questionnaire> {
        if self.is_everything(q) {
            return Cow::Borrowed(q);
        }
        let mut n = q.clone();
        n.questions =
            q.questions.iter().enumerate().filter(|(i, _)| self.scored(*i, q)).map(|(_, x)| x.clone()).collect();
        Cow::Owned(n)
    }
}

/// The profiles a user typed (`--profile a --profile b`, or `a,b`), trimmed and without
/// repeats, checked against the questionnaire: its declared `[[profile]]`s, or, in a file
/// that declares none, the profiles its questions name. The error names the closest id.
pub fn choose_profiles(q: &Questionnaire, typed: &[String]) -> Result<Vec<String>, String> {
    let mut known: Vec<&str> = q.profiles.iter().map(|p| p.id.as_str()).collect();
    if known.is_empty() {
        for p in q.questions.iter().flat_map(|x| &x.profiles) {
            if !known.contains(&p.as_str()) {
                known.push(p);
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for p in typed.iter().flat_map(|t| t.split(',')).map(str::trim).filter(|p| !p.is_empty()) {
        if !known.contains(&p) {
            let shown = crate::text::sanitize(p, false);
            let list = if known.is_empty() { "none".to_owned() } else { known.join(", ") };
            return Err(match crate::questionnaire::closest_id(p, known.iter().copied()) {
                Some(near) => format!("`{}` has no profile `{shown}` (did you mean `{near}`?); profiles: {list}", q.id),
                None => format!("`{}` has no profile `{shown}`; profiles: {list}", q.id),
            });
        }
        if !out.iter().any(|o| o == p) {
            out.push(p.to_owned());
        }
    }
    Ok(out)
}

/// What `aira` shows for a profile id: its declared name, else the id.
pub fn profile_name<'q>(q: &'q Questionnaire, id: &'q str) -> &'q str {
    q.profiles.iter().find(|p| p.id == id).map_or(id, |p| p.name.as_str())
}

#[cfg(test)]
mod tests;
