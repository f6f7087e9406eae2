//! `aira export csv`: a questionnaire as the sheet `aira import csv` reads, so a consultant can
//! edit questions in a spreadsheet and bring them back. UTF-8 with a BOM and CRLF, as Excel
//! expects; lists joined by "; "; cells with delimiters, quotes or line breaks quoted.

use super::csv::HEADER;
use aira_core::questionnaire::Questionnaire;

/// The CSV text of a questionnaire's questions (the columns `HEADER` names; the scale,
/// roles, evidence and actions have no column and are not exported).
pub fn to_csv(q: &Questionnaire) -> Result<String, ::csv::Error> {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(HEADER)?;
    for x in &q.questions {
        let weight = x.weight.to_string();
        w.write_record([
            x.id.as_str(),
            &x.text,
            x.phase.map_or("", |p| p.as_str()),
            x.function.map_or("", |f| f.as_str()),
            &x.nist.join("; "),
            &x.iso.join("; "),
            &x.guidance,
            &weight,
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}
