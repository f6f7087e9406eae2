//! The executive summary, written from the scores in plain language: overall readiness
//! against the target, the strongest and weakest areas with what they rest on, the top
//! actions, and certification readiness under a documented rule. Numbers come from scoring.

use super::findings::Finding;
use super::model::Report;
use crate::questionnaire::{Function, Phase, Scale};

/// How many actions the summary lists.
pub const TOP_ACTIONS: usize = 5;

/// One heatmap cell as the summary describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    pub score: f64,
    /// Answered, applicable questions the score rests on, and how many apply in all.
    pub answered: usize,
    pub applicable: usize,
    /// Answered questions in the area with at least one evidence record.
    pub with_evidence: usize,
}

/// Certification readiness under `rule`: which applicable Annex A controls meet it.
#[derive(Clone, Debug, PartialEq)]
pub struct Readiness {
    /// The level every citing question must reach (3 on a 0–5 scale).
    pub level: u8,
    pub rule: String,
    /// Applicable controls (SoA) that some question cites.
    pub assessed: usize,
    pub ready: Vec<String>,
    /// Applicable controls short of the rule, with why.
    pub short: Vec<(String, String)>,
    /// Applicable controls no answered question speaks to.
    pub not_assessed: Vec<String>,
}

impl Readiness {
    pub fn met(&self) -> bool {
        self.short.is_empty() && self.not_assessed.is_empty() && !self.ready.is_empty()
    }
}

pub struct Summary {
    /// Plain-language paragraphs, in reading order.
    pub paragraphs: Vec<String>,
    pub strongest: Option<Area>,
    pub weakest: Option<Area>,
    /// Indices into the findings list (the highest priorities).
    pub top_actions: Vec<usize>,
    pub readiness: Readiness,
}

/// The readiness level of a scale: three fifths of the way up (3 on 0–5, 3 on 1–5).
pub fn readiness_level(scale: &Scale) -> u8 {
    let span = u16::from(scale.max.saturating_sub(scale.min));
    scale.min.saturating_add(u8::try_from(span * 3 / 5).unwrap_or(u8::MAX))
}

fn level_phrase(scale: &Scale, l: u8) -> String {
    match scale.level(l) {
        Some(x) if !x.name.is_empty() => format!("{l} ({})", x.name),
        _ => l.to_string(),
    }
}

fn area(r: &Report, c: &crate::scoring::Cell) -> Area {
    let in_cell = |row: &&super::model::Row| row.question.phase == c.phase && row.question.function == c.function;
    Area {
        phase: c.phase,
        function: c.function,
        score: c.tally.score.unwrap_or(0.0),
        answered: c.tally.answered,
        applicable: c.tally.applicable(),
        with_evidence: r
            .rows
            .iter()
            .filter(in_cell)
            .filter(|x| x.status.score().is_some() && !x.evidence.is_empty())
            .count(),
    }
}

pub fn area_name(a: &Area) -> String {
    format!("{} × {}", a.phase.map_or("Unassigned", Phase::title), a.function.map_or("Unassigned", Function::title))
}

/// "from 1 of 4 questions, none with evidence recorded".
pub fn rests_on(a: &Area) -> String {
    let evidence = match a.with_evidence {
        0 => "none with evidence recorded".to_owned(),
        n if n == a.answered => "all with evidence recorded".to_owned(),
        n => format!("{n} with evidence recorded"),
    };
    let noun = if a.applicable == 1 { "question" } else { "questions" };
    format!("from {} of {} {noun}, {evidence}", a.answered, a.applicable)
}

pub fn readiness(r: &Report) -> Readiness {
    let level = readiness_level(&r.questionnaire.scale);
    let rule = format!(
        "An applicable ISO/IEC 42001 Annex A control counts as ready when every question that cites it is \
         answered at level {} or higher and has at least one evidence record. The organisation is ready for \
         certification when every applicable control is ready.",
        level_phrase(&r.questionnaire.scale, level)
    );
    let mut out =
        Readiness { level, rule, assessed: 0, ready: Vec::new(), short: Vec::new(), not_assessed: Vec::new() };
    for s in r.soa.iter().filter(|s| s.applicable()) {
        let rows: Vec<&super::model::Row> = s.questions.iter().filter_map(|id| r.row_of(id)).collect();
        let scored: Vec<&&super::model::Row> = rows.iter().filter(|x| x.status.score().is_some()).collect();
        if scored.is_empty() {
            out.not_assessed.push(s.control.clone());
            continue;
        }
        out.assessed += 1;
        let low = scored.iter().filter(|x| x.status.score().is_some_and(|v| v < f64::from(level))).count();
        let open = rows.len() - scored.len();
        let bare = scored.iter().filter(|x| x.evidence.is_empty()).count();
        let mut why = Vec::new();
        if low > 0 {
            why.push(format!("{low} below level {level}"));
        }
        if open > 0 {
            why.push(format!("{open} unanswered"));
        }
        if bare > 0 {
            why.push(format!("{bare} without evidence"));
        }
        if why.is_empty() {
            out.ready.push(s.control.clone());
        } else {
            out.short.push((s.control.clone(), format!("of {} citing question(s): {}", rows.len(), why.join(", "))));
        }
    }
    out
}

fn overall(r: &Report) -> String {
    let o = &r.scores.overall;
    let scale = &r.questionnaire.scale;
    let Some(score) = o.score else {
        return format!(
            "No question has been answered yet, so there is no readiness score. {} questions apply.",
            o.applicable()
        );
    };
    // The one rounding rule and band (crate::number): the level named is the one the
    // heatmap colours this score with.
    let d = crate::number::one_decimal;
    let level = r.level_name(f64::from(crate::number::band(score, scale.min, scale.max)));
    let mut s =
        format!("Overall readiness is {} on a scale of {} to {} (level {level})", d(score), scale.min, scale.max);
    match (r.overall_gap.target, r.overall_gap.gap) {
        (Some(t), Some(g)) if crate::number::tenths(g) > 0 => {
            s.push_str(&format!(", {} below the target of {}.", d(g), d(t)));
        }
        (Some(t), _) => s.push_str(&format!(", meeting the target of {}.", d(t))),
        _ => s.push_str("; no target has been set."),
    }
    let share = o.completeness().unwrap_or(0.0) * 100.0;
    s.push_str(&format!(
        " It rests on {} of {} applicable questions ({}){}.",
        o.answered,
        o.applicable(),
        crate::number::percent(o.completeness()),
        match o.not_applicable {
            0 => String::new(),
            1 => "; 1 was judged not applicable".to_owned(),
            n => format!("; {n} were judged not applicable"),
        }
    ));
    if share < 50.0 {
        s.push_str(" With fewer than half of the questions answered, read the scores as indicative.");
    }
    s
}

pub fn summary(r: &Report, findings: &[Finding]) -> Summary {
    let (strongest, weakest) = match r.extremes() {
        Some((b, w)) => (Some(area(r, b)), Some(area(r, w))),
        None => (None, None),
    };
    let d = crate::number::one_decimal;
    let mut paragraphs = vec![overall(r)];
    if let (Some(b), Some(w)) = (&strongest, &weakest) {
        paragraphs.push(if b == w {
            format!("Only one area has answers: {} at {}, {}.", area_name(b), d(b.score), rests_on(b))
        } else {
            format!(
                "The strongest area is {} at {}, {}. The weakest is {} at {}, {}.",
                area_name(b),
                d(b.score),
                rests_on(b),
                area_name(w),
                d(w.score),
                rests_on(w)
            )
        });
    }
    paragraphs.push(match findings.len() {
        0 => "No answered question is below its target, so no action is recommended yet.".to_owned(),
        n => format!(
            "{n} finding(s) fall below target. The {} with the highest priority (gap × weight) are listed below; \
             every finding, with its recommended action, follows in the findings section.",
            n.min(TOP_ACTIONS)
        ),
    });
    let readiness = readiness(r);
    paragraphs.push(readiness_sentence(&readiness));
    Summary { paragraphs, strongest, weakest, top_actions: (0..findings.len().min(TOP_ACTIONS)).collect(), readiness }
}

fn readiness_sentence(x: &Readiness) -> String {
    let applicable = x.ready.len() + x.short.len() + x.not_assessed.len();
    if applicable == 0 {
        return "No Annex A control is marked applicable, so certification readiness cannot be judged.".to_owned();
    }
    let verdict = if x.met() {
        "The organisation meets the certification readiness rule"
    } else {
        "The organisation does not yet meet the certification readiness rule"
    };
    format!(
        "{verdict}: of {applicable} applicable Annex A controls, {} are ready, {} fall short and {} have no answered question yet.",
        x.ready.len(),
        x.short.len(),
        x.not_assessed.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readiness_level_is_three_fifths_up_the_scale() {
        let scale = |min, max| Scale { min, max, ..Default::default() };
        assert_eq!(readiness_level(&scale(0, 5)), 3);
        assert_eq!(readiness_level(&scale(1, 5)), 3);
        assert_eq!(readiness_level(&scale(0, 10)), 6);
        assert_eq!(readiness_level(&scale(4, 4)), 4);
    }

    #[test]
    fn an_area_says_what_it_rests_on() {
        let a = Area {
            phase: Some(Phase::Plan),
            function: Some(Function::Manage),
            score: 3.3,
            answered: 1,
            applicable: 4,
            with_evidence: 0,
        };
        assert_eq!(area_name(&a), "Plan × Manage");
        assert_eq!(rests_on(&a), "from 1 of 4 questions, none with evidence recorded");
        let all = Area { answered: 2, with_evidence: 2, ..a.clone() };
        assert_eq!(rests_on(&all), "from 2 of 4 questions, all with evidence recorded");
        let one = Area { answered: 1, applicable: 1, with_evidence: 1, ..a };
        assert_eq!(rests_on(&one), "from 1 of 1 question, all with evidence recorded");
    }
}
