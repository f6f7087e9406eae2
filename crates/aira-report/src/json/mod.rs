//! The JSON report: everything the other formats show, in the versioned schema documented in
//! docs/report-schema.md (`"schema": "aira-report/1"`). Numbers are not rounded. The shapes are
//! the types in `types`; the shipped JSON Schema is derived from them (`schema()`).

pub mod scoped;
pub mod tally;
pub mod types;

use aira_core::assessment::Value;
use aira_core::report::model::{Applicability, Report, SoaRow};
use aira_core::scoring::{GroupGap, RefScore, Tally};
use types::*;

pub const SCHEMA: &str = "aira-report/1";

/// The JSON Schema of `aira report --format json` (docs/schemas/aira-report.schema.json).
/// Every key is required but `families`, `crosswalk` and `scope`, which are absent when empty.
pub fn schema() -> schemars::Schema {
    crate::schema_keys::require_all(schemars::schema_for!(ReportDocument), &["families", "crosswalk", "scope"])
}

fn tally(t: &Tally) -> TallyJson {
    TallyJson {
        score: t.score,
        answered: t.answered,
        not_applicable: t.not_applicable,
        unanswered: t.unanswered,
        total: t.total,
        completeness: t.completeness(),
    }
}

fn group(t: &Tally, g: &GroupGap) -> Group {
    Group { tally: tally(t), target: g.target, gap: g.gap }
}

fn reference(r: &Report, x: &RefScore) -> Reference {
    Reference {
        id: x.id.clone(),
        title: aira_core::frameworks::title(&x.id).unwrap_or("").to_owned(),
        questions: x.questions.iter().map(|&i| r.questionnaire.questions[i].id.clone()).collect(),
        tally: tally(&x.tally),
    }
}

fn value(v: Value) -> AnswerValue {
    match v {
        Value::Level(l) => AnswerValue::Level(l),
        Value::NotApplicable => AnswerValue::NotApplicable(Na::Na),
    }
}

fn item(r: &Report, x: &aira_core::scoring::roadmap::Item) -> ItemJson {
    let own = r.questionnaire.questions.get(x.index).map_or("", |q| q.action.as_str());
    let (action, _) = aira_core::report::findings::action_for(&r.questionnaire.scale, own, x.target);
    ItemJson { item: x.clone(), action }
}

pub fn soa_row(s: &SoaRow) -> SoaJson {
    SoaJson {
        control: s.control.clone(),
        title: s.title.clone(),
        applicable: match s.applicability {
            Applicability::Undecided => None,
            a => Some(a == Applicability::Applicable),
        },
        applicability: s.applicability.as_str().to_owned(),
        justification: s.justification.clone(),
        unjustified: s.unjustified(),
        status: s.status_label().to_owned(),
        score: s.score,
        questions: s.questions.clone(),
        owner: s.owner.clone(),
    }
}

fn questions(r: &Report) -> Vec<QuestionJson> {
    r.rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let qn = row.question;
            let answers = row
                .answers
                .iter()
                .map(|(who, a)| AnswerJson {
                    respondent: who.id.clone(),
                    name: who.name.clone(),
                    role: who.role.clone(),
                    value: a.value.map(value),
                    target: a.target,
                    note: a.note.clone(),
                    evidence: a.evidence.iter().map(|e| e.reference.clone()).collect(),
                    flag: a.flag,
                    answered_at: a.answered_at.clone(),
                    answered_by: a.answered_by.clone(),
                    log: a.log_in_order().into_iter().cloned().collect(),
                })
                .collect();
            let agreed = r.assessment.agreed.get(&qn.id).map(|v| {
                let d = r.assessment.agreed_meta.get(&qn.id).cloned().unwrap_or_default();
                Agreed { value: value(*v), decided_at: d.decided_at, decided_by: d.decided_by, note: d.note }
            });
            QuestionJson {
                id: qn.id.clone(),
                text: qn.text.clone(),
                phase: qn.phase,
                function: qn.function,
                nist: qn.nist.clone(),
                iso: qn.iso.clone(),
                weight: qn.weight,
                status: row.status.into(),
                level: row.status.score(),
                target: row.target,
                gap: row.gap,
                flag: row.flag,
                evidence: row.evidence.clone(),
                answered_at: row.answered_at.clone(),
                answered_by: row.answered_by.clone(),
                spread: r.spreads.get(i).copied().unwrap_or(0),
                agreed,
                answers,
            }
        })
        .collect()
}

pub fn full(r: &Report) -> FullReport {
    let s = &r.scores;
    let q = r.questionnaire;
    let m = r.meta;
    let refs = |list: &[RefScore]| -> Vec<Reference> { list.iter().map(|x| reference(r, x)).collect() };
    let (families, crosswalk) = scoped::families(r, tally).unzip();
    FullReport {
        schema: SchemaId::V1,
        kind: FullKind::Full,
        generated_at: r.generated_at.clone(),
        workspace: WorkspaceInfo {
            name: m.name.clone(),
            organisation: m.organisation.clone(),
            scope: m.scope.clone(),
            aggregation: m.aggregation,
        },
        questionnaire: QuestionnaireInfo { id: q.id.clone(), title: q.title.clone(), version: q.version.clone() },
        scale: ScaleInfo {
            min: q.scale.min,
            max: q.scale.max,
            levels: q.scale.levels.iter().map(|l| LevelInfo { value: l.value, name: l.name.clone() }).collect(),
        },
        respondents: r
            .respondents()
            .iter()
            .map(|x| RespondentInfo { id: x.id.clone(), name: x.name.clone(), role: x.role.clone() })
            .collect(),
        overall: group(&s.overall, &r.overall_gap),
        cells: s
            .cells
            .iter()
            .zip(&r.cell_gaps)
            .map(|(c, g)| CellGroup { phase: c.phase, function: c.function, group: group(&c.tally, g) })
            .collect(),
        phases: s
            .phases
            .iter()
            .zip(&r.phase_gaps)
            .map(|((p, t), g)| PhaseGroup { phase: *p, group: group(t, g) })
            .collect(),
        functions: s
            .functions
            .iter()
            .zip(&r.function_gaps)
            .map(|((f, t), g)| FunctionGroup { function: *f, group: group(t, g) })
            .collect(),
        nist: NistRefs {
            functions: refs(&r.refs.nist_functions),
            categories: refs(&r.refs.nist_categories),
            subcategories: refs(&r.refs.nist_subcategories),
        },
        iso: IsoRefs { clauses: refs(&r.refs.iso_clauses), controls: refs(&r.refs.iso_controls) },
        questions: questions(r),
        top_gaps: r.top_gaps().into_iter().map(|x| item(r, x)).collect(),
        roadmap: r
            .roadmap
            .iter()
            .map(|h| HorizonJson {
                term: h.term,
                label: h.term.label().to_owned(),
                items: h.items.iter().map(|x| item(r, x)).collect(),
            })
            .collect(),
        soa: r.soa.iter().map(soa_row).collect(),
        follow_up: r
            .follow_ups()
            .iter()
            .map(|(row, who, a)| FollowUp {
                question: row.question.id.clone(),
                respondent: who.id.clone(),
                note: a.note.clone(),
            })
            .collect(),
        disagreements: r
            .disagreements
            .iter()
            .map(|d| DisagreementJson {
                phase: d.phase,
                function: d.function,
                questions: d.questions.iter().map(|&i| q.questions[i].id.clone()).collect(),
                max_spread: d.max_spread,
                unresolved: d.unresolved,
            })
            .collect(),
        trend: r.trend.as_ref().map(|(path, d)| Trend {
            baseline: path.clone(),
            baseline_about: r.baseline_about.clone(),
            diff: d.clone(),
        }),
        families,
        crosswalk,
        scope: scoped::scope(r),
    }
}

/// `--kind soa --format json`: the Statement of Applicability alone, same schema id.
pub fn soa(r: &Report) -> SoaReport {
    SoaReport {
        schema: SchemaId::V1,
        kind: SoaKind::Soa,
        generated_at: r.generated_at.clone(),
        soa: r.soa.iter().map(soa_row).collect(),
    }
}
