//! The sections every format shares for scope and generic reference families, as plain grids:
//! the scope (profiles, classification answers, out-of-scope questions), one coverage table
//! per family (with application dates), and the crosswalk. Markdown and HTML lay them out.

use aira_core::report::Report;
use aira_core::report::scope::{RULE, ScopeSummary};
use aira_core::scope::Outcome;

use super::fmt;

/// One table: a header, string cells, and the score behind the "Score" column if any (HTML
/// colours it).
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub score_col: Option<usize>,
    pub scores: Vec<Option<f64>>,
}

/// A titled section: its anchor, heading, lead sentences and tables (each with a caption).
pub struct Section {
    pub id: String,
    pub title: String,
    pub lead: Vec<String>,
    pub grids: Vec<(String, Grid)>,
}

fn grid(header: &[&str], rows: Vec<Vec<String>>) -> Grid {
    Grid { header: header.iter().map(|h| (*h).to_owned()).collect(), rows, score_col: None, scores: Vec::new() }
}

/// "yes", "no", "not answered yet", or why a classification was not asked.
pub fn outcome_label(outcome: Outcome, asked: bool) -> &'static str {
    match (outcome, asked) {
        (_, false) => "no (outside the chosen profiles)",
        (Outcome::Yes, _) => "yes",
        (Outcome::No, _) => "no",
        (Outcome::Unknown, _) => "unknown (not answered)",
    }
}

/// "applies from 2 August 2026", or "" without a date.
pub fn applies_from(date: Option<&str>) -> String {
    date.map_or_else(String::new, |d| format!("applies from {}", aira_core::frameworks::long_date(d)))
}

/// The scope section; None when nothing is scoped (reports then look as before profiles).
pub fn scope(r: &Report) -> Option<Section> {
    let s: &ScopeSummary = r.scope.as_ref()?;
    let mut lead = Vec::new();
    lead.push(if s.profiles.is_empty() {
        "Profiles: none chosen, so every question is in profile.".to_owned()
    } else {
        let names: Vec<String> = s.profiles.iter().map(|(id, name)| format!("{name} ({id})")).collect();
        format!("Profiles covered: {}.", names.join(", "))
    });
    if s.out_of_profile > 0 {
        lead.push(format!(
            "{} question(s) belong only to other profiles: not walked, scored or counted.",
            s.out_of_profile
        ));
    }
    if !s.classifications.is_empty() {
        lead.push(format!("{RULE} Classification questions are not scored."));
    }
    for h in &s.hints {
        lead.push(format!(
            "`{}` was answered yes, but the questions it brings in belong to profile(s) not chosen: {}. \
             Add them with `aira profile set` if the organisation holds that role.",
            h.classification,
            h.profiles.join(", ")
        ));
    }
    let mut grids = Vec::new();
    if !s.classifications.is_empty() {
        let rows = s
            .classifications
            .iter()
            .map(|c| vec![c.id.clone(), c.text.clone(), outcome_label(c.outcome, c.asked).to_owned()])
            .collect();
        grids.push(("Classification answers".to_owned(), grid(&["Id", "Question", "Answer"], rows)));
    }
    if !s.out_of_scope.is_empty() {
        let rows = s.out_of_scope.iter().map(|x| vec![x.id.clone(), x.text.clone(), x.by.join(", ")]).collect();
        let caption = "Out of scope by classification (answers kept, not scored)".to_owned();
        grids.push((caption, grid(&["Id", "Question", "Excluded by (answered no)"], rows)));
    }
    Some(Section { id: "scope".into(), title: "Scope".into(), lead, grids })
}

/// One coverage section per family without a dedicated one, each cited entry with its score.
pub fn families(r: &Report) -> Vec<Section> {
    r.families
        .iter()
        .map(|f| {
            let mut header = vec!["Id", "Title"];
            if f.has_dates {
                header.push("Application");
            }
            header.extend(["Score", "Questions", "Answered"]);
            let mut g = grid(&header, Vec::new());
            g.score_col = Some(header.len() - 3);
            for row in &f.rows {
                let t = &row.score.tally;
                let mut cells = vec![row.id.clone(), row.title.clone()];
                if f.has_dates {
                    cells.push(applies_from(row.applies_from.as_deref()));
                }
                cells.extend([
                    fmt::score(t.score),
                    t.total.to_string(),
                    format!("{} of {}", t.answered, t.applicable()),
                ]);
                g.rows.push(cells);
                g.scores.push(t.score);
            }
            let lead =
                vec![format!("Each cited entry of {} scored from the questions in scope that cite it.", f.edition)];
            Section {
                id: format!("cov-{}", f.key),
                title: format!("{} coverage", f.name),
                lead,
                grids: vec![(String::new(), g)],
            }
        })
        .collect()
}

/// The crosswalk: what each answered question evidences in every family it cites.
pub fn crosswalk(r: &Report) -> Option<Section> {
    if r.families.is_empty() {
        return None;
    }
    let cw = &r.crosswalk;
    let mut header = vec!["Question", "Level"];
    header.extend(cw.families.iter().map(|(_, name)| name.as_str()));
    let mut g = grid(&header, Vec::new());
    g.score_col = Some(1);
    for &i in &cw.rows {
        let Some(row) = r.rows.get(i) else { continue };
        let q = row.question;
        let mut cells = vec![format!("{}: {}", q.id, q.text), fmt::score(row.status.score())];
        cells.extend(cw.families.iter().map(|(key, _)| q.cited(key).join(", ")));
        g.rows.push(cells);
        g.scores.push(row.status.score());
    }
    let lead = if g.rows.is_empty() {
        vec!["No question has a level yet.".to_owned()]
    } else {
        vec![
            "Each answered question and the references it evidences: one answer counts towards all of them.".to_owned(),
        ]
    };
    Some(Section { id: "crosswalk".into(), title: "Crosswalk".into(), lead, grids: vec![(String::new(), g)] })
}
