//! GitHub-flavoured Markdown: the full report and the Statement of Applicability. Every table
//! cell passes through `fmt::md_cell`, so typed text cannot break a table or inject markup.

use std::fmt::Write;

use super::fmt::{self, md_cell, md_text};
use aira_core::report::model::{Report, Row};
use aira_core::report::register::capturer;
use aira_core::scoring::{RefScore, Tally};

/// A table whose every cell is escaped.
fn table<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) -> String {
    let mut out = format!("| {} |\n", header.iter().map(|h| md_cell(h)).collect::<Vec<_>>().join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        out.push_str(&format!("| {} |\n", row.iter().map(|c| md_cell(c.as_ref())).collect::<Vec<_>>().join(" | ")));
    }
    out.push('\n');
    out
}

fn cover(r: &Report, what: &str) -> String {
    let q = r.questionnaire;
    let m = r.meta;
    let mut out = format!("# {}: {}\n\n", md_text(what), md_text(if m.name.is_empty() { &q.title } else { &m.name }));
    let mut facts = Vec::new();
    if !m.organisation.is_empty() {
        facts.push(format!("**Organisation:** {}", md_text(&m.organisation)));
    }
    if !m.scope.is_empty() {
        facts.push(format!("**Scope:** {}", md_text(&m.scope)));
    }
    // The engagement facts as the PDF's cover has them (set with `aira engagement set` or the wizard's form).
    let f = &r.facts;
    if !f.assessors.is_empty() {
        facts.push(format!("**Assessors:** {}", md_text(&f.assessors.join(", "))));
    }
    if !f.contact.is_empty() {
        facts.push(format!("**Client contact:** {}", md_text(&f.contact)));
    }
    if let Some((start, end)) = &f.period {
        facts.push(format!("**Assessment period:** {} to {}", md_text(start), md_text(end)));
    }
    facts.push(format!("**Report:** {}, version {}", md_text(&f.status), md_text(&f.version)));
    facts.push(format!("**Questionnaire:** {} {}", md_text(&q.title), md_text(&q.version)));
    facts.push(format!("**Generated:** {}", md_text(&fmt::when(&r.generated_at))));
    let people: Vec<String> =
        r.respondents()
            .iter()
            .map(|p| {
                if p.role.is_empty() {
                    md_text(&p.name)
                } else {
                    format!("{} ({})", md_text(&p.name), md_text(&p.role))
                }
            })
            .collect();
    if !people.is_empty() {
        facts.push(format!("**Respondents:** {}", people.join(", ")));
    }
    out.push_str(&facts.join("  \n"));
    out.push_str("\n\n");
    out
}

fn summary(r: &Report) -> String {
    let o = &r.scores.overall;
    let scale = &r.questionnaire.scale;
    let mut rows = vec![
        vec!["Overall score".to_owned(), format!("{} of {}", fmt::score(o.score), scale.max)],
        vec![
            "Completeness".to_owned(),
            format!(
                "{} of {} applicable questions answered ({})",
                o.answered,
                o.applicable(),
                fmt::percent(o.completeness())
            ),
        ],
        vec!["Not applicable".to_owned(), o.not_applicable.to_string()],
        vec![
            "Target / gap".to_owned(),
            format!("{} / {}", fmt::score(r.overall_gap.target), fmt::gap(r.overall_gap.gap)),
        ],
        vec!["Follow-ups".to_owned(), format!("{} flagged answer(s)", r.follow_ups().len())],
        vec![
            "Annex A controls".to_owned(),
            r.soa_counts().iter().map(|(l, n)| format!("{n} {l}")).collect::<Vec<_>>().join(", "),
        ],
        vec!["Aggregation".to_owned(), r.aggregation_label().to_owned()],
    ];
    if let Some((best, worst)) = r.extremes() {
        let name = |c: &aira_core::scoring::Cell| format!("{} × {}", fmt::phase(c.phase), fmt::function(c.function));
        rows.push(vec!["Strongest cell".into(), format!("{} ({})", name(best), fmt::score(best.tally.score))]);
        rows.push(vec!["Weakest cell".into(), format!("{} ({})", name(worst), fmt::score(worst.tally.score))]);
    }
    format!("## Summary\n\n{}", table(&["Measure", "Value"], &rows))
}

fn heatmap(r: &Report) -> String {
    let s = &r.scores;
    let cols = s.functions.len();
    let mut header = vec!["Phase"];
    header.extend(s.functions.iter().map(|(f, _)| fmt::function(*f)));
    header.push("All functions");
    let mut rows: Vec<Vec<String>> = s
        .phases
        .iter()
        .enumerate()
        .map(|(i, (p, t))| {
            let mut row = vec![fmt::phase(*p).to_owned()];
            row.extend(s.cells[i * cols..(i + 1) * cols].iter().map(|c| {
                let mark = if r.disagreement(c.phase, c.function).is_some() { " ⚠" } else { "" };
                format!("{}{mark}", fmt::score(c.tally.score))
            }));
            row.push(fmt::score(t.score));
            row
        })
        .collect();
    let mut last = vec!["All phases".to_owned()];
    last.extend(s.functions.iter().map(|(_, t)| fmt::score(t.score)));
    last.push(fmt::score(s.overall.score));
    rows.push(last);
    format!(
        "## Heatmap\n\nScores from {} to {} per ISO/IEC 42001 phase and NIST AI RMF function; – means nothing answered.\n\n{}",
        r.questionnaire.scale.min,
        r.questionnaire.scale.max,
        table(&header, &rows)
    )
}

fn group_row(name: &str, t: &Tally, g: &aira_core::scoring::GroupGap) -> Vec<String> {
    vec![
        name.to_owned(),
        fmt::score(t.score),
        fmt::score(g.target),
        fmt::gap(g.gap),
        t.answered.to_string(),
        t.not_applicable.to_string(),
        t.unanswered.to_string(),
        fmt::percent(t.completeness()),
    ]
}

const GROUP_HEADER: [&str; 8] = ["", "Score", "Target", "Gap", "Answered", "N/A", "Unanswered", "Complete"];

fn groups(r: &Report) -> String {
    let s = &r.scores;
    let phases: Vec<_> =
        s.phases.iter().zip(&r.phase_gaps).map(|((p, t), g)| group_row(fmt::phase(*p), t, g)).collect();
    let functions: Vec<_> =
        s.functions.iter().zip(&r.function_gaps).map(|((f, t), g)| group_row(fmt::function(*f), t, g)).collect();
    let mut ph = GROUP_HEADER;
    ph[0] = "Phase";
    let mut fh = GROUP_HEADER;
    fh[0] = "Function";
    format!("## Scores by phase and function\n\n{}{}", table(&ph, &phases), table(&fh, &functions))
}

fn ref_table(what: &str, list: &[RefScore]) -> String {
    let cited: Vec<Vec<String>> = list
        .iter()
        .filter(|x| x.tally.total > 0)
        .map(|x| {
            vec![
                x.id.clone(),
                aira_core::frameworks::title(&x.id).unwrap_or("").to_owned(),
                fmt::score(x.tally.score),
                x.tally.total.to_string(),
                format!("{} of {}", x.tally.answered, x.tally.applicable()),
            ]
        })
        .collect();
    let missing = aira_core::report::model::uncovered(list);
    let mut out = format!("### {what}\n\n");
    if cited.is_empty() {
        out.push_str("No question cites any of these.\n\n");
    } else {
        out.push_str(&table(&["Id", "Title", "Score", "Questions", "Answered"], &cited));
    }
    if !missing.is_empty() {
        let _ = write!(out, "Not covered by any question: {}.\n\n", md_text(&missing.join(", ")));
    }
    out
}

fn coverage(r: &Report) -> String {
    let x = &r.refs;
    format!(
        "## ISO/IEC 42001 coverage\n\n{}{}## NIST AI RMF coverage\n\n{}{}{}",
        ref_table("Clauses", &x.iso_clauses),
        ref_table("Annex A controls", &x.iso_controls),
        ref_table("Functions", &x.nist_functions),
        ref_table("Categories", &x.nist_categories),
        ref_table("Subcategories", &x.nist_subcategories),
    )
}

fn question_text(r: &Report, id: &str) -> String {
    r.row_of(id).map(|row| row.question.text.clone()).unwrap_or_default()
}

fn gaps_and_roadmap(r: &Report) -> String {
    let header = ["#", "Question", "Phase × function", "Current", "Target", "Gap", "Weight", "Priority"];
    let top: Vec<Vec<String>> = r
        .top_gaps()
        .iter()
        .enumerate()
        .map(|(n, i)| {
            vec![
                (n + 1).to_string(),
                format!("{}: {}", i.id, question_text(r, &i.id)),
                format!("{} × {}", fmt::phase(i.phase), fmt::function(i.function)),
                fmt::score(Some(i.current)),
                fmt::score(Some(i.target)),
                fmt::gap(Some(i.gap)),
                format!("{}", i.weight),
                aira_core::number::one_decimal(i.priority),
            ]
        })
        .collect();
    let mut out = String::from("## Top gaps\n\nRanked by priority = (target − current) × weight.\n\n");
    out.push_str(&if top.is_empty() {
        "No question is below its target.\n\n".to_owned()
    } else {
        table(&header, &top)
    });
    out.push_str("## Roadmap\n\nPlan-phase foundations come first, then the rest by priority.\n\n");
    for h in &r.roadmap {
        let _ = write!(out, "### {}\n\n", h.term.label());
        if h.items.is_empty() {
            out.push_str("Nothing planned in this horizon.\n\n");
            continue;
        }
        let rows: Vec<Vec<String>> = h
            .items
            .iter()
            .map(|i| {
                vec![
                    format!("{}: {}", i.id, question_text(r, &i.id)),
                    format!("{} × {}", fmt::phase(i.phase), fmt::function(i.function)),
                    format!("{} → {}", fmt::score(Some(i.current)), fmt::score(Some(i.target))),
                    aira_core::number::one_decimal(i.priority),
                ]
            })
            .collect();
        out.push_str(&table(&["Question", "Phase × function", "Current → target", "Priority"], &rows));
    }
    out
}

fn answer_value(r: &Report, v: Option<aira_core::assessment::Value>) -> String {
    match v {
        Some(aira_core::assessment::Value::Level(l)) => r.level_name(f64::from(l)),
        Some(aira_core::assessment::Value::NotApplicable) => "not applicable".to_owned(),
        None => "–".to_owned(),
    }
}

fn answer(r: &Report, row: &Row) -> String {
    let q = row.question;
    let mut out = format!("#### {}\n\n{}\n\n", md_text(&q.id), md_text(&q.text));
    let status = match row.status.score() {
        Some(s) => r.level_name(s),
        None => aira_core::report::model::status_label(row.status).to_owned(),
    };
    let refs: Vec<String> = q.references().map(fmt::reference).collect();
    let _ = write!(
        out,
        "**Score:** {} · **Target:** {} · **Gap:** {}{}  \n**References:** {}\n\n",
        md_text(&status),
        fmt::score(row.target),
        fmt::gap(row.gap),
        if row.flag { " · **Flagged for follow-up**" } else { "" },
        if refs.is_empty() { "none".to_owned() } else { md_text(&refs.join("; ")) }
    );
    // The score above is the agreed one when there is one: say so, with the rationale.
    if let Some(line) = aira_core::report::consensus::agreed_line(r.assessment, &q.id) {
        let _ = write!(out, "**Consensus:** {}\n\n", md_text(&line));
    }
    if !row.answers.is_empty() {
        let rows: Vec<Vec<String>> = row
            .answers
            .iter()
            .map(|(who, a)| {
                vec![
                    who.name.clone(),
                    answer_value(r, a.value),
                    a.note.clone(),
                    a.evidence.join("; "),
                    if a.flag { "yes" } else { "" }.to_owned(),
                    format!("{} {}", fmt::when(&a.answered_at), capturer(&a.answered_by).unwrap_or(""))
                        .trim()
                        .to_owned(),
                ]
            })
            .collect();
        out.push_str(&table(&["Respondent", "Answer", "Note", "Evidence", "Flag", "Answered"], &rows));
    }
    out.push_str(&super::interviews::md_log(r, row));
    out
}

fn answers(r: &Report) -> String {
    let mut out = String::from("## Answers\n\n");
    for (p, _) in &r.scores.phases {
        let _ = write!(out, "### {}\n\n", fmt::phase(*p));
        let (shown, open): (Vec<&Row>, Vec<&Row>) =
            r.rows.iter().filter(|x| x.question.phase == *p).partition(|x| x.is_answered());
        for row in shown {
            out.push_str(&answer(r, row));
        }
        if !open.is_empty() {
            let rows: Vec<Vec<String>> =
                open.iter().map(|x| vec![x.question.id.clone(), x.question.text.clone()]).collect();
            let _ = write!(out, "#### Not yet answered ({})\n\n{}", open.len(), table(&["Question", "Text"], &rows));
        }
    }
    out
}

fn follow_up(r: &Report) -> String {
    let rows: Vec<Vec<String>> = r
        .follow_ups()
        .iter()
        .map(|(row, who, a)| {
            vec![format!("{}: {}", row.question.id, row.question.text), who.name.clone(), a.note.clone()]
        })
        .collect();
    let body = if rows.is_empty() {
        "Nothing is flagged.\n".to_owned()
    } else {
        table(&["Question", "Respondent", "Note"], &rows)
    };
    format!("## Follow-up\n\n{body}")
}

/// A shared section (scope, a family's coverage, the crosswalk) as Markdown.
fn section(s: &super::scoped::Section) -> String {
    let mut out = format!(
        "## {}

",
        md_text(&s.title)
    );
    for l in &s.lead {
        let _ = write!(
            out,
            "{}

",
            md_text(l)
        );
    }
    for (caption, g) in &s.grids {
        if !caption.is_empty() {
            let _ = write!(
                out,
                "### {}

",
                md_text(caption)
            );
        }
        let header: Vec<&str> = g.header.iter().map(String::as_str).collect();
        if !g.rows.is_empty() {
            out.push_str(&table(&header, &g.rows));
        }
    }
    out
}

pub fn full(r: &Report) -> String {
    use super::scoped;
    let mut out = cover(r, "AI management system readiness");
    let scope = scoped::scope(r).map(|s| section(&s)).unwrap_or_default();
    let families: String = scoped::families(r).iter().map(section).collect();
    let crosswalk = scoped::crosswalk(r).map(|s| section(&s)).unwrap_or_default();
    let parts = [
        summary(r),
        scope,
        heatmap(r),
        super::interviews::md_disagreements(r),
        super::interviews::md_trend(r),
        groups(r),
        coverage(r),
        families,
        crosswalk,
        gaps_and_roadmap(r),
        answers(r),
        follow_up(r),
    ];
    for part in parts {
        out.push_str(&part);
    }
    out.trim_end().to_owned() + "\n"
}

pub fn soa(r: &Report) -> String {
    let mut out = cover(r, "Statement of Applicability");
    out.push_str(
        "ISO/IEC 42001 Annex A controls, whether each applies, and how far it is implemented as judged from the \
         questions that cite it.\n\n",
    );
    let rows: Vec<Vec<String>> = r
        .soa
        .iter()
        .map(|s| {
            vec![
                s.control.clone(),
                s.title.clone(),
                s.applicability.label().to_owned(),
                s.justification_shown().to_owned(),
                s.owner_shown().to_owned(),
                s.status_label().to_owned(),
                fmt::score(s.score),
                s.questions.join(", "),
            ]
        })
        .collect();
    out.push_str(&table(
        &["Control", "Title", "Applicable", "Justification", "Owner", "Status", "Score", "Questions"],
        &rows,
    ));
    out.trim_end().to_owned() + "\n"
}
