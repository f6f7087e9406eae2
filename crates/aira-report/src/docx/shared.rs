//! The sections every format shares (scope, a reference family's coverage, the crosswalk) in
//! the Word document: the same lead sentences and tables the PDF shows, from the same data.

use serde_json::Value;

use super::{Doc, arr, heading, para, s, table};

/// Relative column weights from the data's widths ("auto" for a short column, else a share).
fn weights(g: &Value) -> Vec<usize> {
    arr(&g["widths"]).iter().map(|w| w.as_f64().map_or(1, |x| (x * 2.0).round().max(1.0) as usize)).collect()
}

/// One shared section under a heading of `level` (1 starts a page).
pub fn section(doc: &mut Doc, sec: &Value, level: usize) {
    if level == 1 {
        doc.h1(s(&sec["title"]));
    } else {
        doc.p(heading(level, s(&sec["title"])));
    }
    for l in arr(&sec["lead"]) {
        doc.p(para(s(l)));
    }
    for g in arr(&sec["grids"]) {
        if !s(&g["caption"]).is_empty() {
            doc.p(heading(level + 1, s(&g["caption"])));
        }
        let rows: Vec<Vec<String>> =
            arr(&g["rows"]).iter().map(|r| arr(r).iter().map(|c| s(c).to_owned()).collect()).collect();
        if rows.is_empty() {
            continue;
        }
        let head: Vec<&str> = arr(&g["header"]).iter().map(s).collect();
        doc.t(table(&head, rows, &weights(g)));
    }
}
