//! `aira import csv`: one question per row under a header naming the columns (`HEADER`, and
//! one per reference family such as `eu`; any order and case; `id` and `text` required); id
//! lists inside a cell are split on `;` or `,`, evidence on line breaks (or `;` on one line).
//! The dialect is `csv_dialect`'s.
//! Every bad row is reported with its line in the file and its column.

use std::collections::HashMap;

pub use super::csv_dialect::HEADER;
use super::csv_dialect::{Layout, delimiter, layout};
use super::refs::{iso_id, nist_id, slug};
use super::{Imported, MAX_INPUT_BYTES, Problem, render, verify};
use aira_core::questionnaire::refs::{RefKind, classify};
use aira_core::questionnaire::{
    Function, Kind, MAX_FIELD_BYTES, MAX_QUESTIONS, Phase, Question, Questionnaire, Scale, is_valid_id,
};
use aira_core::text::find_forbidden_control;

/// What the CSV cannot say about itself.
#[derive(Clone, Debug)]
pub struct CsvOptions {
    pub id: String,
    pub title: String,
    pub version: String,
    /// Shown in the output's leading comment (usually the file name).
    pub source: String,
}

struct Row<'a> {
    line: u64,
    problems: &'a mut Vec<Problem>,
    layout: &'a Layout,
}

impl Row<'_> {
    fn error(&mut self, col: usize, msg: String) {
        self.problems.push(Problem::error(Some(self.line), self.layout.column(col), msg));
    }

    fn warning(&mut self, col: usize, msg: String) {
        self.problems.push(Problem::warning(Some(self.line), self.layout.column(col), msg));
    }

    /// A cell's text with Windows line ends folded, refusing control characters (newlines and
    /// tabs only where `multiline`).
    fn text(&mut self, col: usize, raw: &str, multiline: bool) -> String {
        let s = raw.replace("\r\n", "\n").trim().to_owned();
        if s.len() > MAX_FIELD_BYTES {
            self.error(col, format!("{} bytes; the limit is {MAX_FIELD_BYTES}", s.len()));
        } else if let Some((_, c)) = find_forbidden_control(&s, multiline) {
            self.error(col, format!("contains the control character U+{:04X}", c as u32));
        }
        s
    }
}

/// Convert a CSV text into questionnaire TOML; all problems at once when it cannot.
pub fn from_csv(text: &str, opts: &CsvOptions) -> Result<Imported, Vec<Problem>> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(vec![Problem::error(None, None, format!("{} bytes; the limit is {MAX_INPUT_BYTES}", text.len()))]);
    }
    // Spreadsheets often save a byte-order mark before the header.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (delim, mut sep_line) = delimiter(text);
    let mut reader =
        ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delim).from_reader(text.as_bytes());
    let mut columns: Option<Layout> = None;
    let mut problems = Vec::new();
    let mut questions: Vec<Question> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut record = ::csv::StringRecord::new();
    let mut first = true;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| line_at(text, p));
                problems.push(Problem::error(line, None, format!("unreadable CSV: {e}")));
                break;
            }
        }
        let line = record.position().map_or(0, |p| line_at(text, p));
        if std::mem::take(&mut sep_line) {
            continue;
        }
        if first {
            first = false;
            match layout(&record.iter().collect::<Vec<_>>(), line, &mut problems) {
                Some(l) => columns = Some(l),
                None => return Err(problems),
            }
            continue;
        }
        let Some(columns) = columns.as_ref() else { break };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if questions.len() >= MAX_QUESTIONS {
            problems.push(Problem::error(Some(line), None, format!("more than {MAX_QUESTIONS} questions")));
            break;
        }
        let mut row = Row { line, problems: &mut problems, layout: columns };
        if record.len() != columns.names.len() {
            let (n, want) = (record.len(), columns.names.len());
            row.problems.push(Problem::error(
                Some(line),
                None,
                format!("{n} fields; every row needs {want}, as many as the header"),
            ));
            continue;
        }
        if let Some(&at) = columns.blank.iter().find(|&&at| record.get(at).is_some_and(|c| !c.trim().is_empty())) {
            let msg = format!(
                "column {} has no header but holds `{}`; name it or empty it",
                at + 1,
                record.get(at).unwrap_or_default()
            );
            row.problems.push(Problem::error(Some(line), None, msg));
            continue;
        }
        if let Some(q) = parse_row(&record, &mut row, &mut seen) {
            questions.push(q);
        }
    }
    if first {
        problems.push(Problem::error(
            Some(1),
            None,
            format!("empty file; a header naming the columns (`{}`) is missing", HEADER.join(",")),
        ));
    } else if questions.is_empty() && problems.is_empty() {
        problems.push(Problem::error(None, None, "no questions: the file has a header but no rows"));
    }
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    let q = Questionnaire {
        id: opts.id.clone(),
        title: opts.title.clone(),
        version: opts.version.clone(),
        description: String::new(),
        scale: Scale::default(),
        roles: Vec::new(),
        profiles: Vec::new(),
        questions,
        ids: Default::default(),
    };
    let header = format!("Imported from {} by `aira import csv`. Check it with `aira check`.", opts.source);
    let mut imported = verify(render(&q, &header))?;
    // Row-level warnings carry the CSV line; the loader's would only repeat them.
    imported.warnings = problems;
    Ok(imported)
}

/// The 1-based line a record starts on. The csv crate's own count falls behind on CRLF files
/// (Excel's): its position sits on the `\n` of the previous record's `\r\n`, so line breaks
/// there are skipped (a record never starts with one) before counting.
fn line_at(text: &str, p: &::csv::Position) -> u64 {
    let b = text.as_bytes();
    let mut start = usize::try_from(p.byte()).unwrap_or(usize::MAX).min(b.len());
    while b.get(start).is_some_and(|c| matches!(c, b'\r' | b'\n')) {
        start += 1;
    }
    1 + b[..start].iter().filter(|&&c| c == b'\n').count() as u64
}

fn parse_row(rec: &::csv::StringRecord, row: &mut Row<'_>, seen: &mut HashMap<String, u64>) -> Option<Question> {
    let at = row.layout.columns;
    let cell = |i: usize| at[i].and_then(|c| rec.get(c)).unwrap_or_default();
    let errors_before = row.problems.iter().filter(|p| p.is_error()).count();
    let id = row.text(0, cell(0), false);
    if !is_valid_id(&id) {
        let hint = slug(&id);
        let hint = if hint.is_empty() { String::new() } else { format!(" (try `{hint}`)") };
        row.error(0, format!("id `{id}` must be 1-128 characters of a-z, 0-9 and -{hint}"));
    } else if let Some(first) = seen.get(&id) {
        row.error(0, format!("duplicate id `{id}` (first on line {first})"));
    } else {
        seen.insert(id.clone(), row.line);
    }
    let text = row.text(1, cell(1), true);
    if text.is_empty() {
        row.error(1, "the question text is empty".into());
    }
    let phase = match row.text(2, cell(2), false).to_ascii_lowercase().as_str() {
        "" => None,
        p => Phase::parse(p).or_else(|| {
            row.error(2, format!("unknown phase `{p}`; expected plan, do, check, act or empty"));
            None
        }),
    };
    let function = match row.text(3, cell(3), false).to_ascii_lowercase().as_str() {
        "" => None,
        f => Function::parse(f).or_else(|| {
            row.error(3, format!("unknown function `{f}`; expected govern, map, measure, manage or empty"));
            None
        }),
    };
    let nist = references(row, 4, cell(4), RefKind::Nist);
    let iso = references(row, 5, cell(5), RefKind::Iso);
    let guidance = row.text(6, cell(6), true);
    let weight = match row.text(7, cell(7), false).as_str() {
        "" => 1.0,
        w => match w.parse::<f64>() {
            Ok(n) if n > 0.0 && n.is_finite() => n,
            _ => {
                row.error(7, format!("weight must be a number greater than 0, found `{w}`"));
                1.0
            }
        },
    };
    let mut q = Question::new(&id, phase, function, &text);
    q.section = row.text(8, cell(8), false);
    q.kind = match row.text(9, cell(9), false).to_ascii_lowercase().as_str() {
        "" | "maturity" => Kind::Maturity,
        "classification" => Kind::Classification,
        k => {
            row.error(9, format!("unknown kind `{k}`; expected maturity, classification or empty"));
            Kind::Maturity
        }
    };
    for (col, list) in [(10, &mut q.applies_if), (11, &mut q.profiles), (12, &mut q.roles), (15, &mut q.replaces)] {
        *list = ids(row, col, cell(col));
    }
    let evidence = row.text(13, cell(13), true);
    let sep: &[char] = if evidence.contains('\n') { &['\n'] } else { &[';'] };
    q.evidence = evidence.split(sep).map(str::trim).filter(|e| !e.is_empty()).map(str::to_owned).collect();
    q.action = row.text(14, cell(14), true);
    for (key, at) in &row.layout.families {
        let cited = family_refs(row, key, *at, rec.get(*at).unwrap_or_default());
        if !cited.is_empty() {
            q.cites.push((key.clone(), cited));
        }
    }
    // The questionnaire keeps families in their order, whatever the sheet's column order.
    let reg = aira_core::frameworks::registry();
    q.cites.sort_by_key(|(k, _)| reg.families().iter().position(|f| f.key == *k));
    let errors_after = row.problems.iter().filter(|p| p.is_error()).count();
    if errors_after > errors_before {
        return None;
    }
    q.nist = nist;
    q.iso = iso;
    q.guidance = guidance;
    q.weight = weight;
    Some(q)
}

/// A `;`- or `,`-separated list of ids (roles, profiles, question ids), kept as written.
fn ids(row: &mut Row<'_>, col: usize, raw: &str) -> Vec<String> {
    row.text(col, raw, false).split([';', ',']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// The ids a question cites in the family `key` (a file column), with a warning for an id the
/// family does not have, as `aira check` gives.
fn family_refs(row: &mut Row<'_>, key: &str, at: usize, raw: &str) -> Vec<String> {
    let list: Vec<String> = raw.split([';', ',']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let family = aira_core::frameworks::registry().family(key);
    for id in &list {
        if family.is_some_and(|f| f.entry(id).is_none()) {
            let name = family.map_or(key, |f| f.name.as_str());
            let col = Some(super::Column::Field(at + 1, row.layout.names.get(at).cloned().unwrap_or_default()));
            row.problems.push(Problem::warning(Some(row.line), col, format!("`{id}` is not an entry of {name}")));
        }
    }
    list
}

/// A `;`- or `,`-separated list of reference ids, normalised where the framework's own form is
/// obvious; anything else is kept as written with a warning, as `aira check` would give.
fn references(row: &mut Row<'_>, col: usize, raw: &str, want: RefKind) -> Vec<String> {
    let raw = row.text(col, raw, false);
    let mut out = Vec::new();
    for item in raw.split([';', ',']).map(str::trim).filter(|s| !s.is_empty()) {
        let normal = match want {
            RefKind::Nist => nist_id(item),
            RefKind::Iso => iso_id(item),
        };
        let id = normal.unwrap_or_else(|| item.to_owned());
        let kind = classify(&id);
        if let Some(k) = kind.filter(|&k| k != want) {
            row.warning(col, format!("`{id}` looks like {} but is listed under `{}`", k.describe(), HEADER[col]));
        } else if kind.is_none() {
            row.warning(col, format!("`{id}` looks like neither a NIST AI RMF subcategory nor an ISO/IEC 42001 id"));
        } else if !aira_core::frameworks::exists(&id) {
            row.warning(col, format!("`{id}` is not in aira's NIST AI RMF 1.0 or ISO/IEC 42001:2023 lists"));
        }
        out.push(id);
    }
    out
}
