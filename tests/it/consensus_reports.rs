//! An agreed level is never shown as if a respondent gave it: every answer section says it is
//! agreed, with the facilitator's rationale and the respondents' own levels (issue 16 item 7).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as run};

const LINE: &str = "agreed: 2 (Board approval still missing) — respondents 2, 4, 1";

#[test]
fn answer_sections_say_the_level_is_agreed_why_and_what_respondents_said() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("ws");
    common::init(home.path(), &ws, None);
    for (who, level) in [("Ann", "2"), ("Bo", "4"), ("Cy", "1")] {
        run(home.path(), &ws, &["respondent", "add", who]);
        run(home.path(), &ws, &["answer", "--respondent", who, "plan-govern-policy", level]);
    }
    let md = run(home.path(), &ws, &["report", "--format", "md"]);
    assert!(!md.contains("agreed:"), "nothing agreed yet: {md}");
    run(home.path(), &ws, &["agree", "plan-govern-policy", "2", "--note", "Board approval still missing"]);
    let md = run(home.path(), &ws, &["report", "--format", "md"]);
    assert!(md.contains(&format!("**Consensus:** {LINE}\n")), "{md}");
    let html = run(home.path(), &ws, &["report", "--format", "html"]);
    assert!(html.contains(&format!("Consensus — {LINE}</div>")), "{html}");
    let csv = run(home.path(), &ws, &["report", "--format", "csv"]);
    let policy = csv.lines().find(|l| l.starts_with("plan-govern-policy,")).unwrap();
    // The line holds commas: quoted, as CSV quotes any such field.
    assert!(policy.ends_with(&format!(",\"{LINE}\"")), "{policy}");
    // The typeset deliverables: the template's data carries the line, the DOCX prints it, and
    // the PDF still typesets with the template that shows it.
    let typ = run(home.path(), &ws, &["report", "--format", "typ"]);
    assert!(typ.contains("Board approval still missing) — respondents 2, 4, 1"), "{typ}");
    let docx = home.path().join("r.docx");
    run(home.path(), &ws, &["report", "-o", docx.to_str().unwrap()]);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(&docx).unwrap())).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains(&format!("Consensus — {LINE}")), "docx");
    let pdf = home.path().join("r.pdf");
    run(home.path(), &ws, &["report", "-o", pdf.to_str().unwrap()]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let json: serde_json::Value =
        serde_json::from_str(&run(home.path(), &ws, &["report", "--format", "json"])).unwrap();
    let q0 = json["questions"].as_array().unwrap().iter().find(|x| x["id"] == "plan-govern-policy").unwrap();
    assert!(q0["agreed"].is_object(), "{q0}");
    assert_eq!(q0["agreed"]["note"], "Board approval still missing", "{q0}");
}
