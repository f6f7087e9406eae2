//! The deliverable's parts that the HTML report shares with the PDF and DOCX (executive
//! summary, findings, roadmap, evidence, methodology) as typed values, formatted once. The
//! HTML writer lays them out directly; `document` serialises the same values into its JSON, so
//! the three formats keep the same words without the HTML paying for a JSON tree (at 10,000
//! questions building that tree was about half of the HTML report's time, BENCHMARKS.md).
//! Field order is the JSON's key order (serde_json keeps insertion order here).

use serde::Serialize;

use crate::fmt;
use aira_core::report::model::Report;
use aira_core::report::{findings, method, register, summary};
use aira_core::scoring::roadmap::Term;

pub fn area(p: Option<aira_core::questionnaire::Phase>, f: Option<aira_core::questionnaire::Function>) -> String {
    format!("{} × {}", fmt::phase(p), fmt::function(f))
}

fn day(s: Option<&str>) -> String {
    s.map(|x| fmt::when(x).get(..10).unwrap_or("").to_owned()).unwrap_or_default()
}

/// A score's chip colours: background and ink.
#[derive(Serialize)]
pub struct Colours {
    pub bg: &'static str,
    pub ink: &'static str,
}

pub fn colours(r: &Report, score: Option<f64>) -> Colours {
    let s = &r.questionnaire.scale;
    let (bg, ink) = fmt::level_colours(score, s.min, s.max);
    Colours { bg, ink }
}

#[derive(Serialize)]
pub struct Finding {
    #[serde(rename = "ref")]
    pub reference: String,
    pub question: String,
    pub area: String,
    pub term: &'static str,
    pub current: String,
    pub target: String,
    pub gap: String,
    pub weight: String,
    pub priority: String,
    pub action: String,
    pub action_from_scale: bool,
    pub owner: String,
    pub due: String,
    pub evidence: Vec<String>,
    pub hints: Vec<String>,
    /// The horizon the roadmap files it under (`term` is its label).
    #[serde(skip)]
    pub horizon: Term,
}

fn finding(r: &Report, f: findings::Finding) -> Finding {
    Finding {
        area: area(f.phase, f.function),
        term: f.term.label(),
        current: r.level_name(f.current),
        target: r.level_name(f.target),
        gap: fmt::gap(Some(f.gap)),
        weight: if f.weight == 1.0 { String::new() } else { format!("×{}", f.weight) },
        priority: aira_core::number::one_decimal(f.priority),
        action_from_scale: f.action_source == findings::ActionSource::ScaleTarget,
        owner: f.owner.unwrap_or_else(|| "not assigned".to_owned()),
        due: f.due.unwrap_or_else(|| "not set".to_owned()),
        horizon: f.term,
        reference: f.reference,
        question: f.question,
        action: f.action,
        evidence: f.evidence,
        hints: f.evidence_hints,
    }
}

/// A finding as a roadmap line (what the roadmap tables show of it).
#[derive(Serialize)]
pub struct RoadmapItem<'a> {
    #[serde(rename = "ref")]
    pub reference: &'a str,
    pub action: &'a str,
    pub question: &'a str,
    pub owner: &'a str,
    pub due: &'a str,
}

impl<'a> From<&'a Finding> for RoadmapItem<'a> {
    fn from(f: &'a Finding) -> Self {
        RoadmapItem { reference: &f.reference, action: &f.action, question: &f.question, owner: &f.owner, due: &f.due }
    }
}

/// One horizon of the roadmap: its label and its findings (indices into `Parts::findings`).
pub struct Horizon {
    pub term: &'static str,
    pub items: Vec<usize>,
}

#[derive(Serialize)]
pub struct Kpi {
    pub label: &'static str,
    pub value: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct Area {
    pub area: String,
    pub score: String,
    pub basis: String,
}

#[derive(Serialize)]
pub struct Control {
    pub control: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct Short {
    pub control: String,
    pub title: String,
    pub why: String,
}

#[derive(Serialize)]
pub struct Readiness {
    pub rule: String,
    pub met: bool,
    pub ready: Vec<Control>,
    pub short: Vec<Short>,
    pub not_assessed: Vec<Control>,
}

pub struct Summary {
    pub paragraphs: Vec<String>,
    pub kpis: Vec<Kpi>,
    pub strongest: Option<Area>,
    pub weakest: Option<Area>,
    /// Indices into `Parts::findings`.
    pub top_actions: Vec<usize>,
    pub readiness: Readiness,
}

fn summary_part(r: &Report, s: summary::Summary) -> Summary {
    let title = |id: &str| aira_core::frameworks::title(id).unwrap_or("").to_owned();
    let control = |c: String| Control { title: title(&c), control: c };
    let shown = |a: &summary::Area| Area {
        area: summary::area_name(a),
        score: aira_core::number::one_decimal(a.score),
        basis: summary::rests_on(a),
    };
    let o = &r.scores.overall;
    let scale = &r.questionnaire.scale;
    let x = s.readiness;
    let kpis = vec![
        Kpi {
            label: "Overall readiness",
            value: format!("{} / {}", fmt::score(o.score), scale.max),
            note: o
                .score
                .map(|v| r.level_name(f64::from(aira_core::number::band(v, scale.min, scale.max))))
                .unwrap_or_default(),
        },
        Kpi {
            label: "Target",
            value: fmt::score(r.overall_gap.target),
            note: format!("gap {}", fmt::gap(r.overall_gap.gap)),
        },
        Kpi {
            label: "Answered",
            value: fmt::percent(o.completeness()),
            note: format!("{} of {} applicable questions", o.answered, o.applicable()),
        },
        Kpi {
            label: "Controls ready",
            value: format!("{} of {}", x.ready.len(), x.ready.len() + x.short.len() + x.not_assessed.len()),
            note: "applicable Annex A controls".to_owned(),
        },
    ];
    Summary {
        paragraphs: s.paragraphs,
        kpis,
        strongest: s.strongest.as_ref().map(shown),
        weakest: s.weakest.as_ref().map(shown),
        top_actions: s.top_actions,
        readiness: Readiness {
            met: x.met(),
            rule: x.rule,
            ready: x.ready.into_iter().map(control).collect(),
            short: x.short.into_iter().map(|(c, why)| Short { title: title(&c), control: c, why }).collect(),
            not_assessed: x.not_assessed.into_iter().map(control).collect(),
        },
    }
}

#[derive(Serialize)]
pub struct Evidence {
    pub question: String,
    pub reference: String,
    pub by: String,
    pub at: String,
    pub hash: String,
}

#[derive(Serialize)]
pub struct Request {
    pub question: String,
    pub reason: &'static str,
    pub hints: Vec<String>,
}

#[derive(Serialize)]
pub struct Level {
    pub value: String,
    pub name: String,
    pub description: String,
    pub colour: Colours,
}

/// A respondent's or a role's own scores, as the methodology's tables show them.
#[derive(Serialize)]
pub struct View {
    pub name: String,
    pub detail: String,
    pub score: String,
    pub answered: String,
    pub phases: Vec<String>,
    pub flagged: String,
    pub period: String,
}

fn view(v: method::View) -> View {
    View {
        score: fmt::score(v.overall.score),
        answered: format!("{} of {}", v.overall.answered, v.overall.applicable()),
        phases: v.phases.iter().map(|t| fmt::score(t.score)).collect(),
        flagged: v.flagged.to_string(),
        period: match (day(v.first.as_deref()), day(v.last.as_deref())) {
            (a, b) if a == b => a,
            (a, b) => format!("{a} – {b}"),
        },
        name: v.name,
        detail: v.detail,
    }
}

#[derive(Serialize)]
pub struct Method {
    pub scale_text: String,
    pub levels: Vec<Level>,
    pub aggregation: String,
    pub weighting: String,
    pub agreed: String,
    pub period: String,
    pub phases: Vec<&'static str>,
    pub respondents: Vec<View>,
    pub roles: Vec<View>,
}

fn method_part(r: &Report) -> Method {
    let m = method::methodology(r);
    let s = &r.questionnaire.scale;
    let levels = s
        .values()
        .map(|v| {
            let l = s.level(v);
            Level {
                value: v.to_string(),
                name: l.map_or("", |l| l.name.as_str()).to_owned(),
                description: l.map_or("", |l| l.description.as_str()).to_owned(),
                colour: colours(r, Some(f64::from(v))),
            }
        })
        .collect();
    Method {
        scale_text: s.description.clone(),
        levels,
        period: match (&m.first, &m.last) {
            (Some(a), Some(b)) => format!("Answers were recorded from {} to {}.", fmt::when(a), fmt::when(b)),
            _ => "No answer carries a time.".to_owned(),
        },
        aggregation: m.aggregation,
        weighting: m.weighting,
        agreed: m.agreed_text,
        phases: r.scores.phases.iter().map(|(p, _)| fmt::phase(*p)).collect(),
        respondents: m.respondents.into_iter().map(view).collect(),
        roles: m.roles.into_iter().map(view).collect(),
    }
}

/// Everything the HTML report takes from the deliverable.
pub struct Parts {
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub roadmap: Vec<Horizon>,
    pub evidence: Vec<Evidence>,
    pub requests: Vec<Request>,
    pub method: Method,
}

pub fn parts(r: &Report) -> Parts {
    let all = findings::findings(r);
    let summary = summary_part(r, summary::summary(r, &all));
    let findings: Vec<Finding> = all.into_iter().map(|f| finding(r, f)).collect();
    let roadmap = r
        .roadmap
        .iter()
        .map(|h| Horizon {
            term: h.term.label(),
            items: findings.iter().enumerate().filter(|(_, f)| f.horizon == h.term).map(|(i, _)| i).collect(),
        })
        .collect();
    let evidence = register::evidence(r)
        .into_iter()
        .map(|e| Evidence {
            at: e.added_at.as_deref().map_or_else(|| super::NOT_RECORDED.to_owned(), fmt::when),
            hash: e.hash_shown().to_owned(),
            question: e.question,
            reference: e.reference,
            by: e.added_by,
        })
        .collect();
    let requests = register::requests(r)
        .into_iter()
        .map(|q| Request { question: q.question, reason: q.reason, hints: q.hints })
        .collect();
    Parts { findings, summary, roadmap, evidence, requests, method: method_part(r) }
}
