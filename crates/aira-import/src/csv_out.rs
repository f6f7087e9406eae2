//! `aira export csv`: a questionnaire as the sheet `aira import csv` reads, so a consultant can
//! edit questions in a spreadsheet and bring them back whole. UTF-8 with a BOM and CRLF, as
//! Excel expects; id lists joined by "; ", evidence one item per line; cells with delimiters,
//! quotes or line breaks quoted.

use super::csv::HEADER;
use super::csv_dialect::family_keys;
use aira_core::questionnaire::{Kind, Question, Questionnaire};

/// A question's cell in one column (`HEADER`'s or a family key).
fn cell(x: &Question, column: &str) -> String {
    let ids = |v: &[String]| v.join("; ");
    match column {
        "id" => x.id.clone(),
        "text" => x.text.clone(),
        "phase" => x.phase.map_or("", |p| p.as_str()).to_owned(),
        "function" => x.function.map_or("", |f| f.as_str()).to_owned(),
        "guidance" => x.guidance.clone(),
        "weight" => x.weight.to_string(),
        "section" => x.section.clone(),
        "kind" => if x.kind == Kind::Classification { "classification" } else { "" }.to_owned(),
        "applies_if" => ids(&x.applies_if),
        "profiles" => ids(&x.profiles),
        "roles" => ids(&x.roles),
        "evidence" => x.evidence.join("\n"),
        "action" => x.action.clone(),
        "replaces" => ids(&x.replaces),
        family => ids(x.cited(family)),
    }
}

/// The CSV text of a questionnaire's questions: the first eight columns of `HEADER` always,
/// the others and the family columns when some question fills them. The scale and the
/// declared role and profile vocabularies have no column and are not exported.
pub fn to_csv(q: &Questionnaire) -> Result<String, ::csv::Error> {
    let optional = HEADER[8..].iter().map(|h| (*h).to_owned()).chain(family_keys());
    let columns: Vec<String> = HEADER[..8]
        .iter()
        .map(|h| (*h).to_owned())
        .chain(optional.filter(|c| q.questions.iter().any(|x| !cell(x, c).is_empty())))
        .collect();
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(&columns)?;
    for x in &q.questions {
        w.write_record(columns.iter().map(|c| cell(x, c)))?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}
