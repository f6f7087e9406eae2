//! The Word document: the same deliverable data as the PDF, laid out with Word's own
//! "heading 1/2/3" styles (so its table of contents works), real tables, and the charts as PNG
//! drawn from the same SVG the HTML shows, with the fonts the PDF uses.

mod draw;
mod shared;

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts, Shading, Style,
    StyleType, Table, TableCell, TableCellMargins, TableOfContents, TableRow, WidthType,
};
use serde_json::Value;

const ACCENT: &str = "1D4E89";
const MUTED: &str = "52606D";
const SOFT: &str = "EEF2F7";
/// Text width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_TWIPS: usize = 9638;

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// Strings of a JSON array joined by `sep`.
fn join(v: &Value, sep: &str) -> String {
    arr(v).iter().map(s).collect::<Vec<_>>().join(sep)
}

fn heading(level: usize, text: &str) -> Paragraph {
    // Keep-with-next: a heading never ends a page without what it introduces.
    Paragraph::new().add_run(Run::new().add_text(text)).style(&format!("Heading{level}")).keep_next(true)
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn muted(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).color(MUTED).size(18))
}

/// A table with a shaded header row; widths are relative weights.
fn table(head: &[&str], rows: Vec<Vec<String>>, weights: &[usize]) -> Table {
    let total: usize = weights.iter().sum::<usize>().max(1);
    let widths: Vec<usize> = weights.iter().map(|w| TEXT_TWIPS * w / total).collect();
    let cell = |text: &str, w: usize, header: bool| {
        let mut run = Run::new().size(if header { 16 } else { 18 });
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(line);
        }
        if header {
            run = run.bold().color(MUTED);
        }
        let c = TableCell::new().add_paragraph(Paragraph::new().add_run(run)).width(w, WidthType::Dxa);
        if header { c.shading(Shading::new().fill(SOFT)) } else { c }
    };
    let mut out = vec![TableRow::new(head.iter().zip(&widths).map(|(h, w)| cell(h, *w, true)).collect()).cant_split()];
    for row in rows {
        out.push(TableRow::new(row.iter().zip(&widths).map(|(t, w)| cell(t, *w, false)).collect()).cant_split());
    }
    // Word's default cell margins (0 above and below) put the text against the rules.
    Table::new(out)
        .set_grid(widths)
        .width(TEXT_TWIPS, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(40, 85, 40, 85))
}

fn chart(svg: &str, width_cm: f64) -> Result<Paragraph, String> {
    let (png, w, h) = draw::png(svg)?;
    let emu_w = (width_cm * 360_000.0) as u32;
    let emu_h = (f64::from(emu_w) * f64::from(h) / f64::from(w.max(1))) as u32;
    Ok(Paragraph::new()
        .add_run(Run::new().add_image(Pic::new_with_dimensions(png, w, h).size(emu_w, emu_h)))
        .align(AlignmentType::Center))
}

fn styles(doc: Docx) -> Docx {
    let heading = |level: usize, size: usize| {
        Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level - 1)
            .size(size)
            .bold()
            .color(ACCENT)
    };
    doc.default_fonts(RunFonts::new().ascii("Carlito").hi_ansi("Carlito").cs("Carlito"))
        .default_size(21)
        .add_style(heading(1, 36))
        .add_style(heading(2, 28))
        .add_style(heading(3, 23))
}

struct Doc {
    docx: Docx,
}

impl Doc {
    fn p(&mut self, p: Paragraph) {
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }
    fn t(&mut self, t: Table) {
        self.docx = std::mem::take(&mut self.docx).add_table(t);
        self.p(Paragraph::new());
    }
    fn h1(&mut self, text: &str) {
        self.p(heading(1, text).page_break_before(true));
    }
}

/// The .docx bytes of one deliverable (`deliverable::document`).
pub fn render(d: &Value) -> Result<Vec<u8>, String> {
    let title = format!("{}: {}", s(&d["title"]), s(&d["name"]));
    let client = if s(&d["client"]).is_empty() { s(&d["name"]) } else { s(&d["client"]) };
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(format!("{client} · Confidential · Page ")).size(16).color(MUTED))
            .add_page_num(PageNum::new())
            .align(AlignmentType::Center),
    );
    let docx = styles(Docx::new())
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(1300).bottom(1300).left(1134).right(1134))
        .footer(footer);
    let mut doc = Doc { docx };
    cover(&mut doc, d, &title);
    if s(&d["kind"]) == "soa" {
        soa(&mut doc, d);
    } else {
        body(&mut doc, d)?;
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut xml = doc.docx.build();
    xml.document = split_field_runs(&xml.document);
    xml.settings = String::from_utf8_lossy(&xml.settings)
        .replacen("</w:settings>", "<w:updateFields w:val=\"true\" /></w:settings>", 1)
        .into_bytes();
    xml.pack(&mut buf).map_err(|e| e.to_string())?;
    Ok(buf.into_inner())
}

/// docx-rs writes a field's begin, instruction and separator in one run, which LibreOffice then
/// prints as text; Word's own files give each its run, so split them. The outer TOC field goes:
/// LibreOffice shows its instruction as text, while the entries with their live PAGEREF fields
/// (recomputed by LibreOffice, by Word on open through `updateFields`) are what a reader needs.
/// Word can still insert its own contents from the heading styles.
fn split_field_runs(document: &[u8]) -> Vec<u8> {
    let toc = "<w:r><w:rPr /><w:fldChar w:fldCharType=\"begin\" w:dirty=\"false\" /></w:r><w:r><w:instrText xml:space=\"preserve\">TOC \\o &quot;1-2&quot;</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\" w:dirty=\"false\" /></w:r>";
    let toc_end = "<w:r><w:rPr /><w:fldChar w:fldCharType=\"end\" w:dirty=\"false\" /></w:r></w:p></w:sdtContent>";
    String::from_utf8_lossy(document)
        .replace("/><w:instrText>", "/></w:r><w:r><w:instrText xml:space=\"preserve\">")
        .replace("</w:instrText><w:fldChar", "</w:instrText></w:r><w:r><w:fldChar")
        .replacen(toc, "", 1)
        .replacen(toc_end, "</w:p></w:sdtContent>", 1)
        // Plain paragraphs, not a content control: LibreOffice leaves the first entry's field
        // unevaluated inside one.
        .replacen("<w:sdt><w:sdtPr><w:rPr /></w:sdtPr><w:sdtContent><w:sdt><w:sdtPr /><w:sdtContent>", "", 1)
        .replacen("</w:sdtContent></w:sdt></w:sdtContent></w:sdt>", "", 1)
        .replace("w:leader=\"dot\" w:pos=\"80000\"", &format!("w:leader=\"dot\" w:pos=\"{TEXT_TWIPS}\""))
        // docx-rs cannot mark a header row: each table's first row repeats on every page it spans.
        .replace(
            "</w:tblGrid><w:tr><w:trPr><w:cantSplit /></w:trPr>",
            "</w:tblGrid><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>",
        )
        .into_bytes()
}

fn cover(doc: &mut Doc, d: &Value, title: &str) {
    doc.p(Paragraph::new().add_run(Run::new().add_text(s(&d["title"]).to_uppercase()).color(ACCENT).size(20)));
    doc.p(Paragraph::new().add_run(Run::new().add_text(s(&d["name"])).bold().size(52)));
    if !s(&d["client"]).is_empty() {
        doc.p(Paragraph::new().add_run(Run::new().add_text(s(&d["client"])).size(30)));
    }
    let mut rows: Vec<Vec<String>> =
        arr(&d["facts"]).iter().map(|f| vec![s(&f["label"]).to_owned(), s(&f["value"]).to_owned()]).collect();
    rows.push(vec!["Generated".into(), s(&d["generated"]).to_owned()]);
    doc.t(table(&["Engagement", ""], rows, &[1, 3]));
    let _ = title;
    if s(&d["kind"]) != "soa" {
        // Not a heading style: the contents must not list itself.
        doc.p(Paragraph::new()
            .add_run(Run::new().add_text("Contents").bold().size(36).color(ACCENT))
            .page_break_before(true));
        doc.docx = std::mem::take(&mut doc.docx)
            .add_table_of_contents(TableOfContents::new().heading_styles_range(1, 2).auto());
    }
}

fn finding_rows(list: &Value) -> Vec<Vec<String>> {
    arr(list)
        .iter()
        .map(|f| {
            vec![
                s(&f["ref"]).to_owned(),
                format!("{}\n{}", s(&f["action"]), s(&f["question"])),
                s(&f["area"]).to_owned(),
                s(&f["priority"]).to_owned(),
            ]
        })
        .collect()
}

fn soa(doc: &mut Doc, d: &Value) {
    doc.h1("Statement of Applicability");
    doc.p(para("The ISO/IEC 42001 Annex A controls, whether each applies, why, and how far it is implemented as judged from the answers to the questions that cite it. A control nobody has decided on yet is shown as undecided; a decision recorded without a justification is flagged."));
    let rows = arr(&d["soa"])
        .iter()
        .map(|x| {
            ["control", "title", "applicable", "justification"]
                .iter()
                .map(|k| s(&x[*k]).to_owned())
                .chain([
                    format!("{} ({})", s(&x["status"]), s(&x["score"])),
                    s(&x["owner"]).to_owned(),
                    join(&x["evidence"], "\n"),
                ])
                .collect()
        })
        .collect();
    doc.t(table(
        &["Control", "Title", "Applicable", "Justification", "Status", "Owner", "Evidence"],
        rows,
        &[3, 5, 4, 5, 4, 3, 4],
    ));
    doc.p(heading(2, "Certification readiness"));
    doc.p(para(s(&d["summary"]["readiness"]["rule"])));
    if let Some(last) = arr(&d["summary"]["paragraphs"]).last() {
        doc.p(para(s(last)));
    }
}

fn body(doc: &mut Doc, d: &Value) -> Result<(), String> {
    let sum = &d["summary"];
    doc.h1("Executive summary");
    for p in arr(&sum["paragraphs"]) {
        doc.p(para(s(p)));
    }
    let kpis = arr(&sum["kpis"])
        .iter()
        .map(|k| vec![s(&k["label"]).to_owned(), s(&k["value"]).to_owned(), s(&k["note"]).to_owned()])
        .collect();
    doc.t(table(&["Measure", "Value", ""], kpis, &[2, 1, 3]));
    if !arr(&sum["top_actions"]).is_empty() {
        doc.p(heading(2, "Top actions"));
        doc.t(table(
            &["Ref", "Recommended action", "Area", "Priority"],
            finding_rows(&sum["top_actions"]),
            &[2, 11, 5, 2],
        ));
    }
    doc.p(heading(2, "Certification readiness"));
    doc.p(para(s(&sum["readiness"]["rule"])));
    let short = arr(&sum["readiness"]["short"])
        .iter()
        .map(|c| vec![s(&c["control"]).to_owned(), s(&c["title"]).to_owned(), s(&c["why"]).to_owned()])
        .collect::<Vec<_>>();
    if !short.is_empty() {
        doc.t(table(&["Control", "Title", "Short of the rule"], short, &[1, 3, 4]));
    }
    if d["scope"].is_object() {
        shared::section(doc, &d["scope"], 1);
    }

    doc.h1("Scores");
    doc.p(chart(s(&d["charts"]["radar"]), 11.0)?);
    doc.p(chart(s(&d["charts"]["phases"]), 13.0)?);
    doc.p(heading(2, "Heatmap"));
    doc.p(chart(s(&d["charts"]["heatmap"]), 16.5)?);
    doc.p(heading(2, "By phase and function"));
    for (what, key) in [("Phase", "phases"), ("Function", "functions")] {
        let rows = arr(&d[key])
            .iter()
            .map(|g| {
                ["name", "score", "target", "gap", "answered", "na", "complete"]
                    .iter()
                    .map(|k| s(&g[*k]).to_owned())
                    .collect()
            })
            .collect();
        doc.t(table(&[what, "Score", "Target", "Gap", "Answered", "N/A", "Complete"], rows, &[3, 1, 1, 1, 2, 1, 1]));
    }
    if let Some(trend) = d["trend"].as_array() {
        doc.p(heading(2, "Trend against the baseline"));
        if let Some(svg) = d["charts"]["trend"].as_str() {
            doc.p(chart(svg, 13.0)?);
        }
        let rows = trend.iter().map(|r| arr(r).iter().map(|c| s(c).to_owned()).collect()).collect();
        doc.t(table(&["Group", "Baseline", "Now", "Change"], rows, &[3, 1, 1, 1]));
    }
    if !arr(&d["disagreements"]).is_empty() {
        doc.p(heading(2, "Where respondents disagree"));
        let rows = arr(&d["disagreements"]).iter().map(|r| arr(r).iter().map(|c| s(c).to_owned()).collect()).collect();
        doc.t(table(&["Area", "Question", "Range", "Levels", "Agreed"], rows, &[2, 5, 1, 3, 1]));
    }

    doc.h1("Findings and actions");
    doc.p(para("Every answered question below its target is a finding, numbered by priority (the gap multiplied by the question's weight). Each carries the recommended action, its horizon, and its owner and due date once they are agreed."));
    for f in arr(&d["findings"]) {
        doc.p(heading(3, &format!("{} {}", s(&f["ref"]), s(&f["question"]))).keep_next(true));
        doc.p(muted(&format!(
            "{} · now {}, target {} (gap {}) · priority {} · {}",
            s(&f["area"]),
            s(&f["current"]),
            s(&f["target"]),
            s(&f["gap"]),
            s(&f["priority"]),
            s(&f["term"])
        ))
        .keep_next(true));
        doc.p(Paragraph::new()
            .add_run(Run::new().add_text("Recommended action. ").bold())
            .add_run(Run::new().add_text(s(&f["action"])))
            .keep_next(true));
        doc.p(muted(&format!("Owner: {} · Due: {}", s(&f["owner"]), s(&f["due"]))));
    }
    doc.h1("Roadmap");
    for h in arr(&d["roadmap"]) {
        doc.p(heading(2, s(&h["term"])));
        let rows: Vec<Vec<String>> = arr(&h["items"])
            .iter()
            .map(|i| {
                vec![
                    s(&i["ref"]).to_owned(),
                    format!("{}\n{}", s(&i["action"]), s(&i["question"])),
                    s(&i["owner"]).to_owned(),
                    s(&i["due"]).to_owned(),
                ]
            })
            .collect();
        if rows.is_empty() {
            doc.p(muted("Nothing planned in this horizon."));
        } else {
            doc.t(table(&["Ref", "Action", "Owner", "Due"], rows, &[1, 7, 2, 2]));
        }
    }
    soa(doc, d);
    evidence(doc, d);
    appendices(doc, d);
    Ok(())
}

fn evidence(doc: &mut Doc, d: &Value) {
    doc.h1("Evidence");
    doc.p(heading(2, "Evidence register"));
    let rows: Vec<Vec<String>> = arr(&d["evidence"])
        .iter()
        .map(|e| ["question", "reference", "by", "at", "hash"].iter().map(|k| s(&e[*k]).to_owned()).collect())
        .collect();
    if rows.is_empty() {
        doc.p(para("No evidence has been recorded yet."));
    } else {
        doc.t(table(&["Question", "Evidence", "Added by", "When", "SHA-256"], rows, &[4, 3, 2, 2, 2]));
    }
    doc.p(heading(2, "Evidence requested"));
    let rows = arr(&d["requests"])
        .iter()
        .map(|q| vec![s(&q["question"]).to_owned(), s(&q["reason"]).to_owned(), join(&q["hints"], "\n")])
        .collect();
    doc.t(table(&["Question", "Why", "Evidence to provide"], rows, &[4, 2, 4]));
    if !arr(&d["follow_ups"]).is_empty() {
        doc.p(heading(2, "Follow-ups"));
        let rows = arr(&d["follow_ups"])
            .iter()
            .map(|x| vec![s(&x["question"]).to_owned(), s(&x["who"]).to_owned(), s(&x["note"]).to_owned()])
            .collect();
        doc.t(table(&["Question", "Flagged by", "Note"], rows, &[4, 2, 4]));
    }
}

fn appendices(doc: &mut Doc, d: &Value) {
    doc.h1("Framework coverage");
    for c in arr(&d["coverage"]) {
        doc.p(heading(2, s(&c["title"])));
        let rows: Vec<Vec<String>> = arr(&c["rows"])
            .iter()
            .map(|x| ["id", "title", "score", "answered"].iter().map(|k| s(&x[*k]).to_owned()).collect())
            .collect();
        if rows.is_empty() {
            doc.p(muted("No question cites any of these."));
        } else {
            doc.t(table(&["Id", "Title", "Score", "Answered"], rows, &[1, 5, 1, 1]));
        }
        if !s(&c["uncovered"]).is_empty() {
            doc.p(muted(&format!("Not covered by any question: {}.", s(&c["uncovered"]))));
        }
    }
    for f in arr(&d["families"]) {
        shared::section(doc, f, 2);
    }
    if d["crosswalk"].is_object() {
        shared::section(doc, &d["crosswalk"], 2);
    }
    let m = &d["method"];
    doc.h1("Methodology");
    doc.p(heading(2, "The scale"));
    if !s(&m["scale_text"]).is_empty() {
        doc.p(para(s(&m["scale_text"])));
    }
    let rows = arr(&m["levels"])
        .iter()
        .map(|l| vec![s(&l["value"]).to_owned(), s(&l["name"]).to_owned(), s(&l["description"]).to_owned()])
        .collect();
    doc.t(table(&["Level", "Name", "What it means"], rows, &[1, 2, 7]));
    doc.p(heading(2, "From answers to scores"));
    for k in ["aggregation", "weighting", "agreed", "period"] {
        doc.p(para(s(&m[k])));
    }
    doc.p(heading(2, "Respondents and roles"));
    let phases: Vec<String> = arr(&m["phases"]).iter().map(|p| s(p).to_owned()).collect();
    for (list, first, second) in [("respondents", "Respondent", "Role"), ("roles", "Role", "Respondents")] {
        if arr(&m[list]).is_empty() {
            continue;
        }
        let mut head = vec![first, second, "Answered", "Score"];
        head.extend(phases.iter().map(String::as_str));
        head.push("Answers recorded");
        let rows = arr(&m[list])
            .iter()
            .map(|v| {
                let mut row: Vec<String> =
                    ["name", "detail", "answered", "score"].iter().map(|k| s(&v[*k]).to_owned()).collect();
                row.extend(arr(&v["phases"]).iter().map(|p| s(p).to_owned()));
                row.push(s(&v["period"]).to_owned());
                row
            })
            .collect();
        let mut weights = vec![3, 3, 2, 1];
        weights.extend(phases.iter().map(|_| 1));
        weights.push(3);
        doc.t(table(&head, rows, &weights));
    }
    doc.h1("Answers");
    for ph in arr(&d["answers"]) {
        doc.p(heading(2, s(&ph["phase"])));
        for q in arr(&ph["questions"]) {
            doc.p(heading(3, s(&q["text"])).keep_next(true));
            doc.p(muted(&format!(
                "{} · score {} · target {} · gap {}{}",
                s(&q["area"]),
                s(&q["score"]),
                s(&q["target"]),
                s(&q["gap"]),
                if q["flag"].as_bool() == Some(true) { " · flagged for follow-up" } else { "" }
            ))
            .keep_next(true));
            let rows: Vec<Vec<String>> = arr(&q["answers"])
                .iter()
                .map(|a| ["who", "value", "note", "evidence", "when"].iter().map(|k| s(&a[*k]).to_owned()).collect())
                .collect();
            // The score above is the agreed one when there is one: say so, with the rationale.
            if !s(&q["agreed"]).is_empty() {
                doc.p(para(&format!("Consensus — {}", s(&q["agreed"]))).keep_next(!rows.is_empty()));
            }
            if !rows.is_empty() {
                doc.t(table(&["Respondent", "Answer", "Note", "Evidence", "Recorded"], rows, &[2, 2, 4, 2, 2]));
            }
        }
        if !arr(&ph["open"]).is_empty() {
            doc.p(heading(3, &format!("Not yet answered ({})", arr(&ph["open"]).len())));
            for q in arr(&ph["open"]) {
                doc.p(para(&format!("• {}", s(q))));
            }
        }
    }
}
