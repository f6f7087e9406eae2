//! The charts every format shares, as standalone SVG: a radar of the four functions, bars per
//! phase against target, the trend against the baseline. HTML inlines them, the PDF draws them
//! as vectors, the DOCX embeds them as PNG (`raster`). Labels are our own words, never user text.

use std::fmt::Write;

use super::fmt;
use aira_core::report::model::Report;

/// The font the charts name first: shipped in the binary for the PDF and the PNGs.
pub const FONT: &str = "Carlito, Calibri, Segoe UI, Helvetica Neue, Arial, DejaVu Sans, sans-serif";
const INK: &str = "#1f2933";
const MUTED: &str = "#616e7c";
const LINE: &str = "#d9e2ec";
const ACCENT: &str = "#1d4e89";
const TARGET: &str = "#c2410c";

fn open(out: &mut String, w: u32, h: u32, label: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" \
         aria-label=\"{label}\" font-family=\"{FONT}\"><rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    );
}

/// 0..=1 along the scale.
fn unit(r: &Report, v: f64) -> f64 {
    let s = &r.questionnaire.scale;
    let span = f64::from(s.max.saturating_sub(s.min)).max(1.0);
    ((v - f64::from(s.min)) / span).clamp(0.0, 1.0)
}

/// The four (or more) NIST AI RMF functions on axes from the centre; the score polygon filled,
/// the target dashed.
pub fn radar(r: &Report) -> String {
    let (w, h, cx, cy, rad) = (400u32, 360u32, 200.0, 170.0, 112.0);
    let mut out = String::new();
    open(&mut out, w, h, "Radar of scores by NIST AI RMF function");
    let fs = &r.scores.functions;
    let n = fs.len().max(3) as f64;
    let at = |i: usize, f: f64| {
        let a = -std::f64::consts::FRAC_PI_2 + (i as f64) * std::f64::consts::TAU / n;
        (cx + rad * f * a.cos(), cy + rad * f * a.sin())
    };
    let s = &r.questionnaire.scale;
    for v in s.values() {
        let f = unit(r, f64::from(v));
        let pts: Vec<String> = (0..fs.len()).map(|i| at(i, f)).map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ =
            write!(out, "<polygon points=\"{}\" fill=\"none\" stroke=\"{LINE}\" stroke-width=\"1\"/>", pts.join(" "));
        let (x, y) = at(0, f);
        let _ =
            write!(out, "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"{MUTED}\">{v}</text>", x + 4.0, y + 3.0);
    }
    for (i, (f, _)) in fs.iter().enumerate() {
        let (x, y) = at(i, 1.0);
        let _ = write!(out, "<line x1=\"{cx}\" y1=\"{cy}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"{LINE}\"/>");
        let (lx, ly) = at(i, 1.18);
        let anchor = if (lx - cx).abs() < 1.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            out,
            "<text x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"13\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
            ly + 4.0,
            fmt::html(fmt::function(*f))
        );
    }
    let poly = |vals: &[Option<f64>]| -> Option<String> {
        if vals.iter().all(Option::is_none) {
            return None;
        }
        let pts: Vec<String> = vals
            .iter()
            .enumerate()
            .map(|(i, v)| at(i, v.map_or(0.0, |v| unit(r, v))))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        Some(pts.join(" "))
    };
    let targets: Vec<Option<f64>> = r.function_gaps.iter().map(|g| g.target).collect();
    if let Some(p) = poly(&targets) {
        let _ = write!(
            out,
            "<polygon points=\"{p}\" fill=\"none\" stroke=\"{TARGET}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
        );
    }
    let scores: Vec<Option<f64>> = fs.iter().map(|(_, t)| t.score).collect();
    if let Some(p) = poly(&scores) {
        let _ = write!(
            out,
            "<polygon points=\"{p}\" fill=\"{ACCENT}\" fill-opacity=\"0.25\" stroke=\"{ACCENT}\" stroke-width=\"2.5\"/>"
        );
    }
    for (i, v) in scores.iter().enumerate() {
        if let Some(v) = v {
            let (x, y) = at(i, unit(r, *v));
            let _ = write!(out, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{ACCENT}\"/>");
        }
    }
    legend(&mut out, 20, h - 14, !targets.iter().all(Option::is_none));
    out.push_str("</svg>");
    out
}

fn legend(out: &mut String, x: u32, y: u32, target: bool) {
    let _ = write!(
        out,
        "<rect x=\"{x}\" y=\"{}\" width=\"14\" height=\"8\" fill=\"{ACCENT}\"/><text x=\"{}\" y=\"{y}\" font-size=\"11\" fill=\"{MUTED}\">current score</text>",
        y - 8,
        x + 20
    );
    if target {
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{TARGET}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\
             <text x=\"{}\" y=\"{y}\" font-size=\"11\" fill=\"{MUTED}\">target</text>",
            x + 120,
            y - 4,
            x + 146,
            y - 4,
            x + 152
        );
    }
}

/// Horizontal bars: one row per (label, value, target), on the scale's axis.
fn bars(r: &Report, label: &str, rows: &[(String, Option<f64>, Option<f64>)], second: Option<&str>) -> String {
    // Paired bars (baseline, now) sit close together with a gap between pairs: at one bar per
    // 34 units the trend's 18 bars made a chart a page tall.
    let (lw, bw) = (70u32, 250u32);
    let (rh, bar, pair_gap) = if second.is_some() { (20u32, 16u32, 10u32) } else { (34, 18, 0) };
    let y_of = |i: usize| 26 + i as u32 * rh + (i as u32 / 2) * pair_gap;
    let h = 40 + rows.len() as u32 * rh + (rows.len() as u32 / 2) * pair_gap + 24;
    let w = lw + bw + 40;
    let mut out = String::new();
    open(&mut out, w, h, label);
    let s = &r.questionnaire.scale;
    let x_of = |v: f64| f64::from(lw) + unit(r, v) * f64::from(bw);
    for v in s.values() {
        let x = x_of(f64::from(v));
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" y1=\"20\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"{LINE}\"/><text x=\"{x:.1}\" y=\"14\" text-anchor=\"middle\" font-size=\"10\" fill=\"{MUTED}\">{v}</text>",
            h - 28
        );
    }
    for (i, (name, v, t)) in rows.iter().enumerate() {
        let y = y_of(i);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"{INK}\">{}</text>",
            lw - 8,
            // A pair's name sits between its two bars.
            if second.is_some() { y + rh + 4 } else { y + 15 },
            fmt::html(name)
        );
        let (fill, pale) = if second.is_some() && i % 2 == 0 { ("#9fb3c8", true) } else { (ACCENT, false) };
        match v {
            Some(v) => {
                let (bg, _) = if pale { (fill, "") } else { fmt::level_colours(Some(*v), s.min, s.max) };
                let _ = write!(
                    out,
                    "<rect x=\"{lw}\" y=\"{}\" width=\"{:.1}\" height=\"{bar}\" rx=\"2\" fill=\"{bg}\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\" fill=\"{INK}\">{}</text>",
                    y + 2,
                    (x_of(*v) - f64::from(lw)).max(1.0),
                    x_of(*v) + 4.0,
                    y + bar - 3,
                    aira_core::number::one_decimal(*v)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{MUTED}\">no answers</text>",
                    lw + 4,
                    y + 15
                );
            }
        }
        if let Some(t) = t {
            let x = x_of(*t);
            let _ = write!(
                out,
                "<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"{TARGET}\" stroke-width=\"2.5\"/>",
                y - 1,
                y + 23
            );
        }
    }
    let ly = h - 8;
    match second {
        Some(_) => {
            let _ = write!(
                out,
                "<rect x=\"{lw}\" y=\"{}\" width=\"14\" height=\"8\" fill=\"#9fb3c8\"/><text x=\"{}\" y=\"{ly}\" font-size=\"11\" fill=\"{MUTED}\">baseline</text>\
                 <text x=\"{}\" y=\"{ly}\" font-size=\"11\" fill=\"{MUTED}\">now, by level:</text>",
                ly - 8,
                lw + 20,
                lw + 80,
            );
            // The "now" swatch: the scale's own colours, lowest to highest, as the bars use them.
            for (k, v) in s.values().enumerate() {
                let (bg, _) = fmt::level_colours(Some(f64::from(v)), s.min, s.max);
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"{bg}\"/>",
                    lw + 165 + k as u32 * 9,
                    ly - 8
                );
            }
        }
        None => {
            let target = rows.iter().any(|x| x.2.is_some());
            if target {
                let _ = write!(
                    out,
                    "<line x1=\"{lw}\" y1=\"{}\" x2=\"{lw}\" y2=\"{}\" stroke=\"{TARGET}\" stroke-width=\"2.5\"/><text x=\"{}\" y=\"{ly}\" font-size=\"11\" fill=\"{MUTED}\">target</text>",
                    ly - 10,
                    ly + 2,
                    lw + 8
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// Each PDCA phase's score as a bar, its target as a tick.
pub fn phases(r: &Report) -> String {
    let rows: Vec<(String, Option<f64>, Option<f64>)> = r
        .scores
        .phases
        .iter()
        .zip(&r.phase_gaps)
        .map(|((p, t), g)| (fmt::phase(*p).to_owned(), t.score, g.target))
        .collect();
    bars(r, "Scores by ISO/IEC 42001 phase", &rows, None)
}

/// Baseline and current score per phase and function, in pairs; `None` without a baseline.
pub fn trend(r: &Report) -> Option<String> {
    let (_, d) = r.trend.as_ref()?;
    let mut rows = Vec::new();
    let mut pair = |name: String, x: &aira_core::scoring::Delta| {
        // The name sits between the baseline bar and the "now" bar under it (see the legend).
        rows.push((name, x.base, None));
        rows.push((String::new(), x.current, None));
    };
    pair("Overall".into(), &d.overall);
    for p in &d.phases {
        pair(fmt::phase(p.phase).to_owned(), &p.delta);
    }
    for f in &d.functions {
        pair(fmt::function(f.function).to_owned(), &f.delta);
    }
    Some(bars(r, "Scores now against the baseline", &rows, Some("baseline")))
}
