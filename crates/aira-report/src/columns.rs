//! The column lists the CSV and XLSX writers share. The CSV layout is a documented format
//! (docs/report-schema.md): change a list here and both writers change together.

/// The columns of `aira report --format csv`, in order.
pub const ANSWERS: [&str; 15] = [
    "id",
    "phase",
    "function",
    "nist",
    "iso",
    "level",
    "not_applicable",
    "target",
    "gap",
    "note",
    "evidence",
    "flag",
    "answered_at",
    "answered_by",
    // The agreed value worded as every answer section words it (`report::consensus`), "" if none.
    "agreed",
];

/// Where the workbook's Answers sheet adds the question text (after `function`): a spreadsheet
/// is read by people, the CSV by tools that look the question up by id.
pub const QUESTION_AT: usize = 3;

/// The Statement of Applicability's columns, in CSV and in the workbook (`owner` last: added
/// after the others, so a tool reading columns by position still finds them where they were).
pub const SOA: [&str; 8] = ["control", "title", "applicable", "justification", "status", "score", "questions", "owner"];

/// The workbook's Answers columns: `ANSWERS` with `question` at `QUESTION_AT`.
pub fn answers_with_question() -> [&'static str; 16] {
    let mut out = [""; 16];
    out[..QUESTION_AT].copy_from_slice(&ANSWERS[..QUESTION_AT]);
    out[QUESTION_AT] = "question";
    out[QUESTION_AT + 1..].copy_from_slice(&ANSWERS[QUESTION_AT..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_workbook_has_the_csv_columns_and_the_question_text() {
        let cols = super::answers_with_question();
        assert_eq!(cols[..3], ["id", "phase", "function"]);
        assert_eq!(cols[3], "question");
        assert_eq!(cols[4..], super::ANSWERS[3..]);
    }
}
