//! The workbook a client's team works from: Summary (with a coloured heatmap), Answers,
//! ISO 42001, NIST AI RMF and Roadmap sheets; or the Statement of Applicability alone. Text
//! cells are neutralised against formula injection; numbers stay numbers.

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::fmt::{self, neutralise};
use aira_core::report::model::Report;
use aira_core::scoring::{RefScore, Status, Tally};

/// Excel's limit on the characters in one cell.
const MAX_CELL: usize = 32_767;

struct Styles {
    head: Format,
    title: Format,
    wrap: Format,
    bold: Format,
}

fn styles() -> Styles {
    Styles {
        head: Format::new().set_bold().set_background_color(Color::RGB(0x1d4e89)).set_font_color(Color::White),
        title: Format::new().set_bold().set_font_size(16).set_font_color(Color::RGB(0x1d4e89)),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        bold: Format::new().set_bold(),
    }
}

fn rgb(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0xffffff))
}

fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, f: Option<&Format>) -> Result<(), XlsxError> {
    let s = neutralise(s);
    let s: String = aira_core::text::sanitize(&s, true).chars().take(MAX_CELL).collect();
    match f {
        Some(f) => ws.write_string_with_format(row, col, s, f)?,
        None => ws.write_string(row, col, s)?,
    };
    Ok(())
}

fn num(ws: &mut Worksheet, row: u32, col: u16, v: Option<f64>) -> Result<(), XlsxError> {
    if let Some(v) = v {
        ws.write_number(row, col, v)?;
    }
    Ok(())
}

/// Column names in `row`, and `id` the column that names each line (repeated on every printed
/// page, like the names).
fn header(ws: &mut Worksheet, row: u32, names: &[&str], widths: &[f64], id: u16, st: &Styles) -> Result<(), XlsxError> {
    for (c, (name, w)) in names.iter().zip(widths).enumerate() {
        ws.write_string_with_format(row, c as u16, *name, &st.head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(row + 1, 0)?;
    ws.set_repeat_rows(row, row)?;
    ws.set_repeat_columns(id, id)?;
    Ok(())
}

/// Make a row tall enough for its wrapped cells: (column width in characters, text) each.
/// Excel does not size rows to wrapped text written by a library, so printed notes overlapped.
fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(f64, &str)]) -> Result<(), XlsxError> {
    let lines = cells
        .iter()
        .map(|(width, text)| {
            let per_line = (width * 1.1).max(1.0);
            text.split('\n').map(|l| ((l.chars().count() as f64) / per_line).ceil().max(1.0)).sum::<f64>()
        })
        .fold(1.0, f64::max);
    if lines > 1.0 {
        ws.set_row_height(row, (lines * 15.0).min(409.0))?;
    }
    Ok(())
}

/// Reports get printed for workshops: landscape pages, every sheet one page wide (as many
/// pages down as it needs), column names and ids repeated on each page.
fn print_ready(mut wb: Workbook) -> Result<Vec<u8>, XlsxError> {
    for ws in wb.worksheets_mut() {
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
    }
    wb.save_to_buffer()
}

fn level_cell(r: &Report, ws: &mut Worksheet, row: u32, col: u16, t: &Tally) -> Result<(), XlsxError> {
    let scale = &r.questionnaire.scale;
    let (bg, ink) = fmt::level_colours(t.score, scale.min, scale.max);
    let f = Format::new()
        .set_background_color(rgb(bg))
        .set_font_color(rgb(ink))
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::White)
        .set_num_format("0.0");
    // The rounded value, not the raw mean under a "0.0" format: a spreadsheet's own rounding
    // must not show 2.25 differently from the other formats (aira_core::number).
    match t.score {
        Some(v) => ws.write_number_with_format(row, col, aira_core::number::rounded(v), &f)?,
        None => ws.write_string_with_format(row, col, "–", &f)?,
    };
    Ok(())
}

fn summary(r: &Report, ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Summary")?;
    ws.set_column_width(0, 22)?;
    let name = if r.meta.name.is_empty() { &r.questionnaire.title } else { &r.meta.name };
    text(ws, 0, 0, &format!("AI management system readiness: {name}"), Some(&st.title))?;
    let o = &r.scores.overall;
    let facts: [(&str, String); 8] = [
        ("Organisation", r.meta.organisation.clone()),
        ("Scope", r.meta.scope.clone()),
        ("Questionnaire", format!("{} {}", r.questionnaire.title, r.questionnaire.version)),
        ("Generated", fmt::when(&r.generated_at)),
        ("Overall score", fmt::score(o.score)),
        (
            "Completeness",
            format!("{} ({} of {} applicable)", fmt::percent(o.completeness()), o.answered, o.applicable()),
        ),
        ("Target / gap", format!("{} / {}", fmt::score(r.overall_gap.target), fmt::gap(r.overall_gap.gap))),
        ("Aggregation", r.aggregation_label().to_owned()),
    ];
    for (i, (k, v)) in facts.iter().enumerate() {
        text(ws, 2 + i as u32, 0, k, Some(&st.bold))?;
        text(ws, 2 + i as u32, 1, v, None)?;
    }
    let top = 12;
    text(ws, top - 1, 0, "Heatmap", Some(&st.title))?;
    let s = &r.scores;
    let cols = s.functions.len();
    for (c, (f, _)) in s.functions.iter().enumerate() {
        ws.write_string_with_format(top, 1 + c as u16, fmt::function(*f), &st.head)?;
        ws.set_column_width(1 + c as u16, 14)?;
    }
    ws.write_string_with_format(top, 1 + cols as u16, "All functions", &st.head)?;
    ws.set_column_width(1 + cols as u16, 14)?;
    for (ri, (p, t)) in s.phases.iter().enumerate() {
        let row = top + 1 + ri as u32;
        ws.write_string_with_format(row, 0, fmt::phase(*p), &st.head)?;
        ws.set_row_height(row, 28)?;
        for ci in 0..cols {
            level_cell(r, ws, row, 1 + ci as u16, &s.cells[ri * cols + ci].tally)?;
        }
        level_cell(r, ws, row, 1 + cols as u16, t)?;
    }
    let last = top + 1 + s.phases.len() as u32;
    ws.write_string_with_format(last, 0, "All phases", &st.head)?;
    ws.set_row_height(last, 28)?;
    for (ci, (_, t)) in s.functions.iter().enumerate() {
        level_cell(r, ws, last, 1 + ci as u16, t)?;
    }
    level_cell(r, ws, last, 1 + cols as u16, o)?;
    let soa_row = last + 2;
    text(ws, soa_row, 0, "Annex A controls", Some(&st.bold))?;
    for (i, (label, n)) in r.soa_counts().iter().enumerate() {
        text(ws, soa_row + 1 + i as u32, 0, label, None)?;
        ws.write_number(soa_row + 1 + i as u32, 1, *n as f64)?;
    }
    Ok(())
}

fn answers(r: &Report, ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Answers")?;
    let cols = crate::columns::answers_with_question();
    let widths = [28.0, 8.0, 10.0, 50.0, 16.0, 16.0, 7.0, 8.0, 7.0, 7.0, 45.0, 26.0, 6.0, 24.0, 16.0, 40.0];
    header(ws, 0, &cols, &widths, 0, st)?;
    for (i, row) in r.rows.iter().enumerate() {
        let y = 1 + i as u32;
        let q = row.question;
        text(ws, y, 0, &q.id, None)?;
        text(ws, y, 1, q.phase.map_or("", |p| p.as_str()), None)?;
        text(ws, y, 2, q.function.map_or("", |f| f.as_str()), None)?;
        text(ws, y, 3, &q.text, Some(&st.wrap))?;
        text(ws, y, 4, &q.nist.join(";"), None)?;
        text(ws, y, 5, &q.iso.join(";"), None)?;
        num(ws, y, 6, row.status.score())?;
        ws.write_boolean(y, 7, row.status == Status::NotApplicable)?;
        num(ws, y, 8, row.target)?;
        num(ws, y, 9, row.gap)?;
        let (note, evidence) = (row.note(), row.evidence.join(";"));
        let agreed = aira_core::report::consensus::agreed_line(r.assessment, &q.id).unwrap_or_default();
        text(ws, y, 10, &note, Some(&st.wrap))?;
        text(ws, y, 11, &evidence, Some(&st.wrap))?;
        fit_row(ws, y, &[(widths[3], &q.text), (widths[10], &note), (widths[11], &evidence), (widths[15], &agreed)])?;
        ws.write_boolean(y, 12, row.flag)?;
        text(ws, y, 13, &row.answered_at, None)?;
        text(ws, y, 14, &row.answered_by, None)?;
        text(ws, y, 15, &agreed, Some(&st.wrap))?;
    }
    ws.autofilter(0, 0, r.rows.len() as u32, cols.len() as u16 - 1)?;
    Ok(())
}

fn refs(r: &Report, ws: &mut Worksheet, y: &mut u32, kind: &str, list: &[RefScore]) -> Result<(), XlsxError> {
    for x in list {
        text(ws, *y, 0, kind, None)?;
        text(ws, *y, 1, &x.id, None)?;
        text(ws, *y, 2, aira_core::frameworks::title(&x.id).unwrap_or(""), None)?;
        num(ws, *y, 3, x.tally.score)?;
        ws.write_number(*y, 4, x.tally.answered as f64)?;
        ws.write_number(*y, 5, x.tally.applicable() as f64)?;
        let qs: Vec<&str> = x.questions.iter().map(|&i| r.questionnaire.questions[i].id.as_str()).collect();
        text(ws, *y, 6, &qs.join(";"), None)?;
        if let Some(s) = r.soa.iter().find(|s| s.control == x.id) {
            text(ws, *y, 7, s.applicability.label(), None)?;
            text(ws, *y, 8, s.status_label(), None)?;
            text(ws, *y, 9, &s.justification, None)?;
            text(ws, *y, 10, s.owner_shown(), None)?;
        }
        *y += 1;
    }
    Ok(())
}

const REF_COLS: [&str; 7] = ["type", "id", "title", "score", "answered", "applicable", "questions"];
const REF_WIDTHS: [f64; 11] = [12.0, 10.0, 50.0, 7.0, 9.0, 10.0, 50.0, 10.0, 16.0, 40.0, 20.0];

fn iso(r: &Report, ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("ISO 42001")?;
    let mut cols = REF_COLS.to_vec();
    cols.extend(["soa_applicable", "soa_status", "justification", "soa_owner"]);
    header(ws, 0, &cols, &REF_WIDTHS, 1, st)?;
    let mut y = 1;
    refs(r, ws, &mut y, "clause", &r.refs.iso_clauses)?;
    refs(r, ws, &mut y, "control", &r.refs.iso_controls)
}

fn nist(r: &Report, ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("NIST AI RMF")?;
    header(ws, 0, &REF_COLS, &REF_WIDTHS, 1, st)?;
    let mut y = 1;
    refs(r, ws, &mut y, "function", &r.refs.nist_functions)?;
    refs(r, ws, &mut y, "category", &r.refs.nist_categories)?;
    refs(r, ws, &mut y, "subcategory", &r.refs.nist_subcategories)
}

fn roadmap(r: &Report, ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Roadmap")?;
    let cols =
        ["horizon", "rank", "id", "question", "phase", "function", "current", "target", "gap", "weight", "priority"];
    const QUESTION_W: f64 = 60.0;
    header(ws, 0, &cols, &[12.0, 6.0, 28.0, QUESTION_W, 8.0, 10.0, 8.0, 8.0, 7.0, 7.0, 8.0], 2, st)?;
    let mut y = 1;
    for h in &r.roadmap {
        for (n, i) in h.items.iter().enumerate() {
            text(ws, y, 0, h.term.label(), None)?;
            ws.write_number(y, 1, (n + 1) as f64)?;
            text(ws, y, 2, &i.id, None)?;
            let question = r.questionnaire.questions.get(i.index).map_or("", |q| q.text.as_str());
            text(ws, y, 3, question, Some(&st.wrap))?;
            fit_row(ws, y, &[(QUESTION_W, question)])?;
            text(ws, y, 4, i.phase.map_or("", |p| p.as_str()), None)?;
            text(ws, y, 5, i.function.map_or("", |f| f.as_str()), None)?;
            for (c, v) in [i.current, i.target, i.gap, i.weight, i.priority].into_iter().enumerate() {
                ws.write_number(y, 6 + c as u16, v)?;
            }
            y += 1;
        }
    }
    Ok(())
}

fn workbook(r: &Report) -> Workbook {
    let mut wb = Workbook::new();
    // The creation time is the report's, not the clock's, so the same report gives the same file.
    let ts = r.generated_at.parse::<jiff::Timestamp>().map_or(0, |t| t.as_second());
    if let Ok(dt) = ExcelDateTime::from_timestamp(ts) {
        let props = rust_xlsxwriter::DocProperties::new().set_creation_datetime(&dt).set_title("aira report");
        wb.set_properties(&props);
    }
    wb
}

pub fn full(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = workbook(r);
    summary(r, wb.add_worksheet(), &st)?;
    answers(r, wb.add_worksheet(), &st)?;
    iso(r, wb.add_worksheet(), &st)?;
    nist(r, wb.add_worksheet(), &st)?;
    roadmap(r, wb.add_worksheet(), &st)?;
    for (n, f) in r.families.iter().enumerate() {
        family(r, f, n, wb.add_worksheet(), &st)?;
    }
    if let Some(s) = crate::scoped::crosswalk(r) {
        grid_sheet(&s, "Crosswalk", wb.add_worksheet(), &st)?;
    }
    if let Some(s) = crate::scoped::scope(r) {
        scope_sheet(&s, wb.add_worksheet(), &st)?;
    }
    print_ready(wb)
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`; numbered on clash.
fn sheet_name(name: &str, n: usize) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    if ["Summary", "Answers", "ISO 42001", "NIST AI RMF", "Roadmap", "Crosswalk", "Scope"].contains(&clean.as_str()) {
        format!("{clean} {}", n + 1)
    } else {
        clean
    }
}

/// One generic family's coverage: every cited entry with its date, score and questions.
fn family(
    r: &Report,
    f: &aira_core::report::families::FamilyCoverage,
    n: usize,
    ws: &mut Worksheet,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(sheet_name(&f.name, n))?;
    let cols = ["id", "title", "applies_from", "score", "answered", "applicable", "questions"];
    header(ws, 0, &cols, &[10.0, 50.0, 12.0, 7.0, 9.0, 10.0, 50.0], 0, st)?;
    for (i, x) in f.rows.iter().enumerate() {
        let y = 1 + i as u32;
        text(ws, y, 0, &x.id, None)?;
        text(ws, y, 1, &x.title, None)?;
        text(ws, y, 2, x.applies_from.as_deref().unwrap_or(""), None)?;
        num(ws, y, 3, x.score.tally.score)?;
        ws.write_number(y, 4, x.score.tally.answered as f64)?;
        ws.write_number(y, 5, x.score.tally.applicable() as f64)?;
        let qs: Vec<&str> = x.score.questions.iter().map(|&i| r.questionnaire.questions[i].id.as_str()).collect();
        text(ws, y, 6, &qs.join(";"), None)?;
    }
    Ok(())
}

/// A shared section's grids one under the other, each with its caption.
fn grid_sheet(s: &crate::scoped::Section, name: &str, ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let mut y = 0;
    for (caption, g) in &s.grids {
        if !caption.is_empty() {
            text(ws, y, 0, caption, Some(&st.bold))?;
            y += 1;
        }
        let cols: Vec<&str> = g.header.iter().map(String::as_str).collect();
        let widths: Vec<f64> = cols.iter().enumerate().map(|(i, _)| if i == 0 { 40.0 } else { 24.0 }).collect();
        header(ws, y, &cols, &widths, 0, st)?;
        y += 1;
        for row in &g.rows {
            for (c, cell) in row.iter().enumerate() {
                text(ws, y, c as u16, cell, Some(&st.wrap))?;
            }
            let fit: Vec<(f64, &str)> = widths.iter().copied().zip(row.iter().map(String::as_str)).collect();
            fit_row(ws, y, &fit)?;
            y += 1;
        }
        y += 1;
    }
    Ok(())
}

fn scope_sheet(s: &crate::scoped::Section, ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    grid_sheet(s, "Scope", ws, st)?;
    let start = s.grids.iter().map(|(c, g)| g.rows.len() + 2 + usize::from(!c.is_empty())).sum::<usize>() as u32;
    for (i, l) in s.lead.iter().enumerate() {
        text(ws, start + i as u32, 0, l, None)?;
    }
    Ok(())
}

pub fn soa(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = workbook(r);
    let ws = wb.add_worksheet();
    ws.set_name("Statement of Applicability")?;
    let cols = crate::columns::SOA;
    header(ws, 0, &cols, &[10.0, 50.0, 10.0, 50.0, 16.0, 7.0, 50.0, 20.0], 0, &st)?;
    for (i, s) in r.soa.iter().enumerate() {
        let y = 1 + i as u32;
        text(ws, y, 0, &s.control, None)?;
        text(ws, y, 1, &s.title, None)?;
        text(ws, y, 2, s.applicability.label(), None)?;
        text(ws, y, 3, s.justification_shown(), Some(&st.wrap))?;
        fit_row(ws, y, &[(50.0, s.justification_shown())])?;
        text(ws, y, 4, s.status_label(), None)?;
        num(ws, y, 5, s.score)?;
        text(ws, y, 6, &s.questions.join(";"), None)?;
        text(ws, y, 7, s.owner_shown(), None)?;
    }
    print_ready(wb)
}
