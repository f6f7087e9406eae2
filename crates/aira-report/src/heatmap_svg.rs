//! The heatmap as inline SVG: phases down, functions across, each cell coloured by its score
//! with its completeness underneath; row and column totals at the edges. No script, no fonts
//! fetched: it prints and converts to PDF as drawn.

use std::fmt::Write;

use super::fmt::{self, html};
use aira_core::report::model::Report;
use aira_core::scoring::Tally;

const LABEL_W: u32 = 120;
const CELL_W: u32 = 150;
const CELL_H: u32 = 64;
const HEAD_H: u32 = 34;
const GAP: u32 = 4;

fn cell(out: &mut String, r: &Report, x: u32, y: u32, t: &Tally, total: bool) {
    let scale = &r.questionnaire.scale;
    let (bg, ink) = fmt::level_colours(t.score, scale.min, scale.max);
    let stroke = if total { " stroke=\"#1f2933\" stroke-width=\"1.5\"" } else { "" };
    let _ = write!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{CELL_W}\" height=\"{CELL_H}\" rx=\"5\" fill=\"{bg}\"{stroke}/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"22\" font-weight=\"600\" fill=\"{ink}\">{}</text>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{ink}\">{} of {} answered</text>",
        x + CELL_W / 2,
        y + 30,
        fmt::score(t.score),
        x + CELL_W / 2,
        y + 50,
        t.answered,
        t.applicable(),
    );
}

pub fn heatmap(r: &Report) -> String {
    let s = &r.scores;
    let cols = s.functions.len() as u32;
    let rows = s.phases.len() as u32;
    let width = LABEL_W + (cols + 1) * (CELL_W + GAP) + GAP * 2;
    let height = HEAD_H + (rows + 1) * (CELL_H + GAP) + GAP * 2;
    let mut out = format!(
        "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" \
         height=\"{height}\" role=\"img\" aria-label=\"Heatmap of scores by phase and function\" \
         font-family=\"{}\">",
        super::charts::FONT
    );
    let col_x = |c: u32| LABEL_W + GAP + c * (CELL_W + GAP) + if c == cols { GAP * 2 } else { 0 };
    let row_y = |r: u32| HEAD_H + r * (CELL_H + GAP) + if r == rows { GAP * 2 } else { 0 };
    let heads = s.functions.iter().map(|(f, _)| fmt::function(*f)).chain(["All functions"]);
    for (c, name) in heads.enumerate() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\" fill=\"#616e7c\">{}</text>",
            col_x(c as u32) + CELL_W / 2,
            HEAD_H - 12,
            html(name)
        );
    }
    for (ri, (p, t)) in s.phases.iter().enumerate() {
        let y = row_y(ri as u32);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\" font-weight=\"600\" fill=\"#1f2933\">{}</text>",
            LABEL_W - 8,
            y + CELL_H / 2 + 5,
            html(fmt::phase(*p))
        );
        for ci in 0..cols {
            let c = &s.cells[ri * cols as usize + ci as usize];
            cell(&mut out, r, col_x(ci), y, &c.tally, false);
            if r.disagreement(c.phase, c.function).is_some() {
                // Strong disagreement among respondents (see the Disagreements section).
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"15\" fill=\"#1f2933\">⚠<title>respondents disagree by 2 levels or more</title></text>",
                    col_x(ci) + CELL_W - 6,
                    y + 18
                );
            }
        }
        cell(&mut out, r, col_x(cols), y, t, true);
    }
    let y = row_y(rows);
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\" font-weight=\"600\" fill=\"#1f2933\">All phases</text>",
        LABEL_W - 8,
        y + CELL_H / 2 + 5
    );
    for (ci, (_, t)) in s.functions.iter().enumerate() {
        cell(&mut out, r, col_x(ci as u32), y, t, true);
    }
    cell(&mut out, r, col_x(cols), y, &s.overall, true);
    out.push_str("</svg>");
    out
}

/// The colour bands under the heatmap, named by the scale's levels where it has names.
pub fn legend(r: &Report) -> String {
    let scale = &r.questionnaire.scale;
    let mut out = String::from("<div class=\"legend\">");
    for v in scale.values() {
        let (bg, _) = fmt::level_colours(Some(f64::from(v)), scale.min, scale.max);
        let _ = write!(
            out,
            "<span><span class=\"sw\" style=\"background:{bg}\"></span>{}</span>",
            html(&r.level_name(f64::from(v)))
        );
    }
    let (bg, _) = fmt::level_colours(None, scale.min, scale.max);
    let _ = write!(out, "<span><span class=\"sw\" style=\"background:{bg}\"></span>not answered</span></div>");
    out
}
