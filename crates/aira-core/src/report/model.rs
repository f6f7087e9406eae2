//! Everything a deliverable shows, computed once from the workspace's parts, so that every
//! format (md, html, csv, json, xlsx, pdf, docx) says the same thing. Renderers only format this.

use crate::assessment::{Answer, Assessment, Respondent};
use crate::engagement::Engagement;
use crate::questionnaire::{Question, Questionnaire};
use crate::scoring::{self, GroupGap, ReferenceScores, Scores, Status, roadmap::Horizon, roadmap::Item};

/// One question with its combined answer (all respondents) and each respondent's own.
pub struct Row<'a> {
    pub question: &'a Question,
    pub status: Status,
    pub target: Option<f64>,
    pub gap: Option<f64>,
    pub flag: bool,
    /// Every respondent's evidence, de-duplicated, in respondent order.
    pub evidence: Vec<String>,
    /// The newest answer's time and author.
    pub answered_at: String,
    pub answered_by: String,
    pub answers: Vec<(&'a Respondent, &'a Answer)>,
}

/// "not applicable" / "not answered" for a question without a score.
pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::NotApplicable => "not applicable",
        _ => "not answered",
    }
}

impl Row<'_> {
    /// True when there is something to show: a level, N/A, or any respondent's note or flag.
    pub fn is_answered(&self) -> bool {
        self.status != Status::Unanswered || !self.answers.is_empty()
    }

    /// The note; with several respondents, each note is prefixed with its author's name.
    pub fn note(&self) -> String {
        let notes: Vec<(&Respondent, &Answer)> =
            self.answers.iter().copied().filter(|(_, a)| !a.note.trim().is_empty()).collect();
        match notes.as_slice() {
            [] => String::new(),
            [(_, a)] => a.note.clone(),
            many => many.iter().map(|(r, a)| format!("{}: {}", r.name, a.note)).collect::<Vec<_>>().join("\n"),
        }
    }
}

/// Engagement facts shown on the cover. Empty strings (and `None`) are "not recorded".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    pub assessors: Vec<String>,
    pub contact: String,
    /// First and last day (ISO dates); `None`: the span of the answers' times stands in.
    pub period: Option<(String, String)>,
    /// "draft" or "final".
    pub status: String,
    pub version: String,
}

impl Facts {
    /// The facts the engagement records (workspace.toml), as the cover prints them.
    pub fn of(meta: &Engagement) -> Facts {
        Facts {
            assessors: meta.assessors.clone(),
            contact: meta.contact.clone(),
            period: meta.period.as_ref().map(|p| (p.start.to_string(), p.end.to_string())),
            status: meta.report_status.as_str().to_owned(),
            version: meta.report_version.clone(),
        }
    }
}

/// Who owns a roadmap action and by when (ISO date); empty: not set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub owner: String,
    pub due: String,
}

/// A control's applicability: the engagement's type, so the SoA and the CLI share one rule.
pub use crate::engagement::Applicability;

/// What the SoA prints where a decision carries no justification.
pub const NO_JUSTIFICATION: &str = "no justification given";
/// What the SoA's owner column says of a control nobody owns yet.
pub const NOT_ASSIGNED: &str = "not assigned";

/// A Statement of Applicability line for one Annex A control.
pub struct SoaRow {
    pub control: String,
    pub title: String,
    /// From workspace.toml `[soa."A.x.y"]`: a plain field, so whichever store records the
    /// decision fills it; no entry is `Undecided`.
    pub applicability: Applicability,
    pub justification: String,
    /// Who is accountable for the control (`aira soa set --owner`); empty: nobody named.
    pub owner: String,
    pub score: Option<f64>,
    pub status: scoring::soa::Implementation,
    /// Ids of the questions citing the control.
    pub questions: Vec<String>,
}

impl SoaRow {
    /// Whether the control counts towards implementation and readiness: an undecided control
    /// still does (it is not excluded until someone excludes it).
    pub fn applicable(&self) -> bool {
        self.applicability != Applicability::NotApplicable
    }

    /// A decision (either way) with no reason: ISO/IEC 42001 asks for the justification of
    /// inclusions as well as exclusions, so the SoA flags it.
    pub fn unjustified(&self) -> bool {
        self.applicability != Applicability::Undecided && self.justification.trim().is_empty()
    }

    /// The justification column: the reason, the flag for a missing one, or "" while undecided.
    pub fn justification_shown(&self) -> &str {
        if self.unjustified() { NO_JUSTIFICATION } else { &self.justification }
    }

    /// The owner column: the name, or "not assigned" (as a roadmap action without one).
    pub fn owner_shown(&self) -> &str {
        if self.owner.trim().is_empty() { NOT_ASSIGNED } else { &self.owner }
    }

    /// What the SoA prints as the status: a not-applicable control is not judged.
    pub fn status_label(&self) -> &'static str {
        if self.applicable() { self.status.label() } else { "not applicable" }
    }
}

/// The Statement of Applicability: every Annex A control with its decision (workspace.toml
/// `[soa]`) and the implementation status its citing questions give it.
pub fn soa_rows(meta: &Engagement, q: &Questionnaire, refs: &scoring::ReferenceScores) -> Vec<SoaRow> {
    crate::frameworks::get()
        .iso
        .control
        .iter()
        .map(|c| {
            let r = refs.get(&c.id);
            // The engagement's rule (no decision: undecided), never a second reading of `[soa]`.
            let decision = meta.soa_decision(&c.id);
            let score = r.and_then(|r| r.tally.score);
            SoaRow {
                control: c.id.clone(),
                title: c.title.clone(),
                applicability: decision.applicability,
                justification: decision.justification.to_owned(),
                owner: decision.owner.to_owned(),
                score,
                status: scoring::soa::Implementation::from_score(score),
                questions: r
                    .map(|r| r.questions.iter().map(|&i| q.questions[i].id.clone()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

pub struct Report<'a> {
    pub meta: &'a Engagement,
    pub questionnaire: &'a Questionnaire,
    pub assessment: &'a Assessment,
    /// Shown on the cover; a parameter (not the clock) so that output is reproducible.
    pub generated_at: String,
    pub scores: Scores,
    pub refs: ReferenceScores,
    pub targets: Vec<Option<f64>>,
    pub overall_gap: GroupGap,
    /// Row-major like `scores.cells`.
    pub cell_gaps: Vec<GroupGap>,
    pub phase_gaps: Vec<GroupGap>,
    pub function_gaps: Vec<GroupGap>,
    pub rows: Vec<Row<'a>>,
    pub roadmap: Vec<Horizon>,
    pub soa: Vec<SoaRow>,
    /// Heatmap cells where respondents disagree strongly (docs/scoring.md, section 9).
    pub disagreements: Vec<scoring::CellDisagreement>,
    /// Each question's spread, in questionnaire order.
    pub spreads: Vec<u8>,
    /// The change since the workspace's baseline (its path as written in workspace.toml).
    pub trend: Option<(String, scoring::Diff)>,
    /// Coverage of every family without a section of its own (EU AI Act articles, …).
    pub families: Vec<super::families::FamilyCoverage>,
    pub crosswalk: super::families::Crosswalk,
    /// Profiles, classification answers, out-of-scope questions; None when nothing is scoped.
    /// Set by the caller, who narrowed `questionnaire` with the same `Scope`.
    pub scope: Option<super::scope::ScopeSummary>,
    /// Whose assessment the baseline is, and a note when it is another organisation's (shown
    /// after its path; empty when there is nothing to say).
    pub baseline_about: String,
    /// Engagement facts for the cover (assessors, contact, period, status, version): plain
    /// fields the caller fills from wherever the workspace records them; empty prints as
    /// "not recorded".
    pub facts: Facts,
    /// Owner and due date of roadmap actions, by question id; a finding without one says
    /// "not assigned" / "not set".
    pub plans: std::collections::BTreeMap<String, Plan>,
    /// Question id → index into `rows`, built once: writers look rows up by id for every
    /// control's cited questions, and a scan per lookup made the 10,000-question report
    /// quadratic (BENCHMARKS.md).
    row_index: std::collections::HashMap<&'a str, usize>,
}

/// Ids of a reference list that no question cites, finest clauses only: a parent ("4") whose
/// sub-clauses ("4.1") are in the list is covered through them, so it is never listed.
pub fn uncovered(list: &[scoring::RefScore]) -> Vec<&str> {
    list.iter()
        .filter(|x| x.tally.total == 0)
        .filter(|x| {
            !list
                .iter()
                .any(|y| y.id.len() > x.id.len() && y.id.starts_with(&x.id) && y.id[x.id.len()..].starts_with('.'))
        })
        .map(|x| x.id.as_str())
        .collect()
}

/// How many gaps the "top gaps" section lists.
pub const TOP_GAPS: usize = 10;

fn newest<'a>(answers: &[(&'a Respondent, &'a Answer)]) -> Option<&'a Answer> {
    let key = |a: &Answer| a.answered_at.parse::<jiff::Timestamp>().ok();
    answers
        .iter()
        .map(|(_, a)| *a)
        .filter(|a| !a.answered_at.is_empty())
        .max_by(|x, y| key(x).cmp(&key(y)).then_with(|| x.answered_at.cmp(&y.answered_at)))
}

impl<'a> Report<'a> {
    /// The report of `q`, which the caller has narrowed to the questions in scope
    /// (`scope::Scope::narrow`); references resolved against the embedded families.
    pub fn new(meta: &'a Engagement, q: &'a Questionnaire, a: &'a Assessment, generated_at: &str) -> Self {
        Report::with_families(meta, q, a, generated_at, crate::frameworks::registry())
    }

    /// [`Report::new`] against a given set of reference families.
    pub fn with_families(
        meta: &'a Engagement,
        q: &'a Questionnaire,
        a: &'a Assessment,
        generated_at: &str,
        families: &crate::frameworks::Registry,
    ) -> Self {
        let statuses = a.statuses(q);
        let scores = scoring::score(q, &statuses, meta.aggregation);
        let refs = scoring::score_references(q, &statuses, meta.aggregation);
        let targets = scoring::targets(q, a, meta.default_target());
        let gg = |f: &dyn Fn(&Question) -> bool| scoring::group_gap(q, &statuses, &targets, f);
        // The cells' targets and gaps by the function the wizard's heatmap calls too.
        let agreed: Vec<bool> = q.questions.iter().map(|x| a.agreed.contains_key(&x.id)).collect();
        let spreads = a.spreads(q);
        let facts =
            scoring::QuestionFacts { statuses: &statuses, targets: &targets, spreads: &spreads, agreed: &agreed };
        let cell_gaps = scoring::cell_figures(q, facts, meta.aggregation)
            .into_iter()
            .map(|c| scoring::GroupGap { target: c.target, gap: c.gap })
            .collect();
        let phase_gaps = scores.phases.iter().map(|(p, _)| gg(&|x| x.phase == *p)).collect();
        let function_gaps = scores.functions.iter().map(|(f, _)| gg(&|x| x.function == *f)).collect();
        let rows = q
            .questions
            .iter()
            .zip(&statuses)
            .zip(&targets)
            .map(|((question, status), target)| {
                let answers: Vec<(&Respondent, &Answer)> =
                    a.respondents.iter().filter_map(|r| r.answer(&question.id).map(|x| (r, x))).collect();
                let mut evidence: Vec<String> = Vec::new();
                for e in answers.iter().flat_map(|(_, x)| x.evidence.iter().map(|e| &e.reference)) {
                    if !evidence.contains(e) {
                        evidence.push(e.clone());
                    }
                }
                let last = newest(&answers);
                Row {
                    question,
                    status: *status,
                    target: *target,
                    gap: scoring::gap(*status, *target),
                    flag: answers.iter().any(|(_, x)| x.flag),
                    evidence,
                    answered_at: last.map(|x| x.answered_at.clone()).unwrap_or_default(),
                    answered_by: last.map(|x| x.answered_by.clone()).unwrap_or_default(),
                    answers,
                }
            })
            .collect();
        let soa = soa_rows(meta, q, &refs);
        let family_tables = super::families::coverage(q, &statuses, meta.aggregation, families);
        let crosswalk = super::families::crosswalk(q, &statuses, families);
        Report {
            families: family_tables,
            crosswalk,
            scope: None,
            meta,
            questionnaire: q,
            assessment: a,
            generated_at: generated_at.to_owned(),
            roadmap: scoring::roadmap::plan(q, &statuses, &targets),
            overall_gap: gg(&|_| true),
            scores,
            refs,
            targets,
            cell_gaps,
            phase_gaps,
            function_gaps,
            rows,
            soa,
            disagreements: scoring::disagreements(q, a),
            spreads: scoring::spreads(q, a),
            trend: None,
            baseline_about: String::new(),
            facts: Facts::of(meta),
            plans: meta
                .roadmap
                .iter()
                .map(|(id, e)| {
                    let plan = Plan {
                        owner: e.owner.clone(),
                        due: e.due.as_ref().map(ToString::to_string).unwrap_or_default(),
                    };
                    (id.clone(), plan)
                })
                .collect(),
            row_index: q.questions.iter().enumerate().map(|(i, x)| (x.id.as_str(), i)).collect(),
        }
    }

    /// The row of question `id`, if it is in this report's questionnaire.
    pub fn row_of(&self, id: &str) -> Option<&Row<'a>> {
        self.row_index.get(id).and_then(|&i| self.rows.get(i))
    }

    /// The disagreement of the cell a question or cell lies in, if it is strong.
    pub fn disagreement(
        &self,
        phase: Option<crate::questionnaire::Phase>,
        function: Option<crate::questionnaire::Function>,
    ) -> Option<&scoring::CellDisagreement> {
        self.disagreements.iter().find(|d| d.phase == phase && d.function == function)
    }

    /// Interview logs of one question, respondent by respondent, each in time order.
    pub fn logs(&self, row: &Row<'a>) -> Vec<(&'a Respondent, Vec<&'a crate::assessment::LogEntry>)> {
        row.answers.iter().filter(|(_, a)| !a.log.is_empty()).map(|(r, a)| (*r, a.log_in_order())).collect()
    }

    /// The largest gaps by priority ((target − current) × weight), whatever their phase.
    pub fn top_gaps(&self) -> Vec<&Item> {
        let mut all: Vec<&Item> = self.roadmap.iter().flat_map(|h| &h.items).collect();
        all.sort_by(|a, b| b.priority.total_cmp(&a.priority).then(a.index.cmp(&b.index)));
        all.truncate(TOP_GAPS);
        all
    }

    /// Flagged answers, one per respondent who flagged, in questionnaire order.
    pub fn follow_ups(&self) -> Vec<(&Row<'a>, &'a Respondent, &'a Answer)> {
        self.rows
            .iter()
            .flat_map(|row| row.answers.iter().filter(|(_, a)| a.flag).map(move |(r, a)| (row, *r, *a)))
            .collect()
    }

    /// Respondents who answered something.
    pub fn respondents(&self) -> Vec<&'a Respondent> {
        self.assessment.respondents.iter().filter(|r| !r.answers.is_empty()).collect()
    }

    /// The scale name of a level, for display: "3 Defined", or "2.5" between levels.
    pub fn level_name(&self, score: f64) -> String {
        if score.fract() == 0.0 && (0.0..=255.0).contains(&score) {
            let l = score as u8;
            match self.questionnaire.scale.level(l) {
                Some(level) => format!("{l} {}", level.name),
                None => l.to_string(),
            }
        } else {
            crate::number::one_decimal(score)
        }
    }

    /// How many Annex A controls have each SoA status label, in a fixed order.
    pub fn soa_counts(&self) -> Vec<(&'static str, usize)> {
        ["implemented", "partial", "not implemented", "not assessed", "not applicable"]
            .into_iter()
            .map(|label| (label, self.soa.iter().filter(|s| s.status_label() == label).count()))
            .collect()
    }

    /// The scored cells with the highest and the lowest score (first in heatmap order on ties).
    pub fn extremes(&self) -> Option<(&scoring::Cell, &scoring::Cell)> {
        let scored = || self.scores.cells.iter().filter(|c| c.tally.score.is_some());
        let key = |c: &&scoring::Cell| c.tally.score.unwrap_or(0.0);
        let best = scored().reduce(|a, b| if key(&b) > key(&a) { b } else { a })?;
        let worst = scored().reduce(|a, b| if key(&b) < key(&a) { b } else { a })?;
        Some((best, worst))
    }

    pub fn aggregation_label(&self) -> &'static str {
        match self.meta.aggregation {
            scoring::Aggregation::Mean => "weighted mean",
            scoring::Aggregation::Min => "minimum (weakest link)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(id: &str, total: usize) -> scoring::RefScore {
        let mut tally = scoring::Tally::new(scoring::Aggregation::Mean);
        tally.total = total;
        scoring::RefScore { id: id.into(), tally, questions: Vec::new() }
    }

    #[test]
    fn only_the_finest_uncited_clauses_are_not_covered() {
        let list = [
            r("4", 0),
            r("4.1", 1),
            r("4.2", 0),
            r("6", 0),
            r("6.1", 0),
            r("6.1.1", 0),
            r("10", 0),
            r("A.2", 0),
            r("A.2.2", 2),
        ];
        assert_eq!(uncovered(&list), ["4.2", "6.1.1", "10"]);
    }
}
