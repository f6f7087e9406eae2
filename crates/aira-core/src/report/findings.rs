//! Findings: every gap on the roadmap as a client-facing finding with a recommended action.
//! The action comes from the question's `action` field; where the questionnaire has none, the
//! finding says what the target level means on the scale, never the question text again.

use super::model::Report;
use crate::questionnaire::{Function, Phase, Scale};
use crate::scoring::roadmap::Term;

/// Where a finding's recommended action came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionSource {
    /// The question's own `action` field.
    Questionnaire,
    /// No action was written for the question: the target level's description stands in.
    ScaleTarget,
}

/// One gap, ready to be read by a client.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// "F-01", numbered by priority (highest first).
    pub reference: String,
    /// Index into `questionnaire.questions`.
    pub index: usize,
    pub question_id: String,
    /// What was asked (the finding's subject), never used as the action.
    pub question: String,
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    pub term: Term,
    pub current: f64,
    pub target: f64,
    pub gap: f64,
    pub weight: f64,
    pub priority: f64,
    pub action: String,
    pub action_source: ActionSource,
    /// From `Report::plans` (`aira roadmap set`); reports say "not assigned" while `None`.
    pub owner: Option<String>,
    pub due: Option<String>,
    /// Evidence already recorded for the question.
    pub evidence: Vec<String>,
    /// What an auditor would ask for (the questionnaire's `evidence` hints).
    pub evidence_hints: Vec<String>,
}

/// The smallest whole level at or above `target` (targets can be means, e.g. 2.5).
fn target_level(scale: &Scale, target: f64) -> u8 {
    let l = target.ceil().clamp(f64::from(scale.min), f64::from(scale.max));
    l as u8
}

/// The action a finding recommends, and where it came from.
pub fn action_for(scale: &Scale, action: &str, target: f64) -> (String, ActionSource) {
    let own = action.trim();
    if !own.is_empty() {
        return (own.to_owned(), ActionSource::Questionnaire);
    }
    let l = target_level(scale, target);
    let text = match scale.level(l) {
        Some(level) if !level.description.trim().is_empty() => {
            format!("Raise this practice to level {l} ({}): {}", level.name, level.description.trim())
        }
        Some(level) if !level.name.is_empty() => format!("Raise this practice to level {l} ({}).", level.name),
        _ => format!("Raise this practice to level {l}."),
    };
    (text, ActionSource::ScaleTarget)
}

/// Every roadmap item as a finding, highest priority first (ties in questionnaire order).
pub fn findings(r: &Report) -> Vec<Finding> {
    let mut items: Vec<(Term, &crate::scoring::roadmap::Item)> =
        r.roadmap.iter().flat_map(|h| h.items.iter().map(move |i| (h.term, i))).collect();
    items.sort_by(|(_, a), (_, b)| b.priority.total_cmp(&a.priority).then(a.index.cmp(&b.index)));
    let width = items.len().to_string().len().max(2);
    items
        .into_iter()
        .enumerate()
        .map(|(n, (term, i))| {
            let q = &r.questionnaire.questions[i.index];
            let (action, action_source) = action_for(&r.questionnaire.scale, &q.action, i.target);
            Finding {
                reference: format!("F-{:0width$}", n + 1),
                index: i.index,
                question_id: i.id.clone(),
                question: q.text.clone(),
                phase: i.phase,
                function: i.function,
                term,
                current: i.current,
                target: i.target,
                gap: i.gap,
                weight: i.weight,
                priority: i.priority,
                action,
                action_source,
                owner: r.plans.get(&i.id).and_then(|p| super::register::some(&p.owner)),
                due: r.plans.get(&i.id).and_then(|p| super::register::some(&p.due)),
                evidence: r.rows[i.index].evidence.clone(),
                evidence_hints: q.evidence.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::ScaleLevel;

    fn scale() -> Scale {
        let level = |value, name: &str, description: &str| ScaleLevel {
            value,
            name: name.into(),
            description: description.into(),
        };
        Scale {
            min: 0,
            max: 5,
            levels: vec![level(2, "Developing", ""), level(3, "Defined", "Documented and owned.")],
            description: String::new(),
        }
    }

    #[test]
    fn the_questions_own_action_wins_and_the_fallback_is_the_target_level_not_the_question() {
        assert_eq!(
            action_for(&scale(), "  Approve the policy. ", 3.0),
            ("Approve the policy.".into(), ActionSource::Questionnaire)
        );
        let (text, source) = action_for(&scale(), "", 2.5);
        assert_eq!(source, ActionSource::ScaleTarget);
        assert_eq!(text, "Raise this practice to level 3 (Defined): Documented and owned.");
        assert_eq!(action_for(&scale(), "", 2.0).0, "Raise this practice to level 2 (Developing).");
        assert_eq!(action_for(&scale(), "", 9.0).0, "Raise this practice to level 5.");
    }
}
