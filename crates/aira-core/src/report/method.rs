//! The methodology appendix and the per-respondent and per-role views: how answers became
//! scores, who answered, when. Each respondent's and role's scores come from the scoring code
//! run over that person's (or role's) answers alone.

use super::model::Report;
use crate::assessment::{Assessment, Respondent};
use crate::scoring::{self, Aggregation, Tally};

/// One respondent's or one role's own scores.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The respondent's name, or the role.
    pub name: String,
    /// The respondent's role, or the names of the role's respondents.
    pub detail: String,
    pub overall: Tally,
    /// One tally per phase, in heatmap order.
    pub phases: Vec<Tally>,
    pub flagged: usize,
    /// First and last answer time (RFC 3339 as stored), if any answer has one.
    pub first: Option<String>,
    pub last: Option<String>,
}

pub struct Methodology {
    pub aggregation: String,
    /// (weight, how many questions carry it), heaviest first.
    pub weights: Vec<(f64, usize)>,
    pub weighting: String,
    /// Questions whose level was agreed by the facilitator after discussion.
    pub agreed: usize,
    pub agreed_text: String,
    pub respondents: Vec<View>,
    pub roles: Vec<View>,
    /// First and last answer time over all respondents.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// The earliest and latest of `times`, in `text::cmp_timestamps`' order. One pass, each time
/// parsed once: a sort that parsed both sides of every comparison made the 10,000-question
/// HTML report 7× slower (BENCHMARKS.md).
fn span<'a>(times: impl Iterator<Item = &'a str>) -> (Option<String>, Option<String>) {
    type Keyed<'t> = (Option<jiff::Timestamp>, &'t str);
    let keyed = times.filter(|t| !t.is_empty()).map(|t| (t.parse::<jiff::Timestamp>().ok(), t));
    let (mut first, mut last): (Option<Keyed>, Option<Keyed>) = (None, None);
    for k in keyed {
        if first.as_ref().is_none_or(|f| k < *f) {
            first = Some(k);
        }
        if last.as_ref().is_none_or(|l| k >= *l) {
            last = Some(k);
        }
    }
    (first.map(|(_, s)| s.to_owned()), last.map(|(_, s)| s.to_owned()))
}

fn view(r: &Report, name: &str, detail: &str, people: &[&Respondent]) -> View {
    let one = Assessment { respondents: people.iter().map(|p| (*p).clone()).collect(), ..Default::default() };
    let scores = scoring::score(r.questionnaire, &one.statuses(r.questionnaire), r.meta.aggregation);
    let (first, last) = span(people.iter().flat_map(|p| p.answers.values().map(|a| a.answered_at.as_str())));
    View {
        name: name.to_owned(),
        detail: detail.to_owned(),
        overall: scores.overall,
        phases: scores.phases.into_iter().map(|(_, t)| t).collect(),
        flagged: people.iter().map(|p| p.answers.values().filter(|a| a.flag).count()).sum(),
        first,
        last,
    }
}

fn aggregation_text(a: Aggregation) -> String {
    match a {
        Aggregation::Mean => "Each question's level is the mean of its respondents' levels, unless the facilitator \
             recorded an agreed level after discussion, which then counts instead. A group of questions (a heatmap \
             cell, a phase, a function, a clause or control) scores the weighted mean of its answered, applicable \
             questions. Questions judged not applicable, or left unanswered, do not count towards a score; they are \
             reported apart as completeness."
            .to_owned(),
        Aggregation::Min => "Each question's level is the mean of its respondents' levels, unless the facilitator \
             recorded an agreed level after discussion, which then counts instead. A group of questions scores the \
             level of its weakest answered, applicable question (weakest link). Questions judged not applicable, or \
             left unanswered, do not count towards a score; they are reported apart as completeness."
            .to_owned(),
    }
}

fn weighting_text(weights: &[(f64, usize)]) -> String {
    match weights {
        [] => "The questionnaire has no questions.".to_owned(),
        [(w, _)] => format!("Every question carries the same weight ({w}), so each counts equally."),
        _ => {
            let heavy: Vec<String> = weights
                .iter()
                .filter(|(w, _)| *w != 1.0)
                .map(|(w, n)| format!("{n} question(s) weigh ×{w}: each counts as much as {w} ordinary questions in a mean and moves its priority on the roadmap by the same factor"))
                .collect();
            format!("Most questions weigh ×1. {}.", heavy.join("; "))
        }
    }
}

pub fn methodology(r: &Report) -> Methodology {
    let mut weights: Vec<(f64, usize)> = Vec::new();
    for q in &r.questionnaire.questions {
        match weights.iter_mut().find(|(w, _)| *w == q.weight) {
            Some((_, n)) => *n += 1,
            None => weights.push((q.weight, 1)),
        }
    }
    weights.sort_by(|a, b| b.0.total_cmp(&a.0));
    let people = r.respondents();
    let respondents: Vec<View> = people.iter().map(|p| view(r, &p.name, &p.role, &[*p])).collect();
    let mut role_names: Vec<&str> = people.iter().map(|p| p.role.as_str()).filter(|x| !x.is_empty()).collect();
    role_names.sort_unstable();
    role_names.dedup();
    let roles = role_names
        .iter()
        .map(|role| {
            let members: Vec<&Respondent> = people.iter().copied().filter(|p| p.role == *role).collect();
            let names: Vec<&str> = members.iter().map(|p| p.name.as_str()).collect();
            view(r, role, &names.join(", "), &members)
        })
        .collect();
    let agreed = r.assessment.agreed.keys().filter(|id| r.row_of(id).is_some()).count();
    let (first, last) = span(people.iter().flat_map(|p| p.answers.values().map(|a| a.answered_at.as_str())));
    Methodology {
        aggregation: aggregation_text(r.meta.aggregation),
        weighting: weighting_text(&weights),
        weights,
        agreed,
        agreed_text: match agreed {
            0 => "No level was agreed by the facilitator: every score is the respondents' own.".to_owned(),
            n => format!(
                "For {n} question(s) the facilitator recorded a level agreed with the respondents after discussion; it replaces their mean."
            ),
        },
        respondents,
        roles,
        first,
        last,
    }
}

#[cfg(test)]
mod tests {
    use super::span;

    #[test]
    fn span_orders_instants_not_text_and_puts_unparsable_text_first() {
        // 09:30+02:00 is 07:30Z: earlier than 08:00Z although it sorts later as text.
        let times = ["2026-05-01T08:00:00Z", "2026-05-01T09:30:00+02:00", "", "2026-05-02T00:00:00Z"];
        assert_eq!(
            span(times.into_iter()),
            (Some("2026-05-01T09:30:00+02:00".to_owned()), Some("2026-05-02T00:00:00Z".to_owned()))
        );
        assert_eq!(span(["later", "2026-05-01T08:00:00Z"].into_iter()).0.as_deref(), Some("later"));
        assert_eq!(span(std::iter::empty()), (None, None));
    }
}
