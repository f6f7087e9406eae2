//! `aira merge` of three copies of one assessment: overlapping respondents, one real conflict
//! (same respondent and question, different levels), an agreed value on one side only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

fn init(home: &Path, name: &str) -> std::path::PathBuf {
    let dir = home.join(name);
    common::init(home, &dir, None);
    dir
}

fn answers(dir: &Path, id: &str, text: &str) {
    std::fs::write(dir.join("answers").join(format!("{id}.toml")), text).unwrap();
}

const ANN_A: &str = "# Ann, captured by alex\nformat = 1\n[respondent]\nname = \"Ann Lee\"\n\n\
[answers.plan-govern-policy]\nlevel = 2\nanswered_at = \"2026-03-01T10:00:00+00:00\"\nanswered_by = \"alex\"\n\
log = [{ at = \"2026-03-01T10:00:00+00:00\", by = \"alex\", text = \"no board approval yet\" }]\n";

// The same answer re-rated later on laptop B (a real conflict), plus a question A lacks.
const ANN_B: &str = "format = 1\n[respondent]\nname = \"Ann Lee\"\n\n\
[answers.plan-govern-policy]\nlevel = 3\nanswered_at = \"2026-03-02T09:00:00+01:00\"\nanswered_by = \"sam\"\n\
log = [{ at = \"2026-03-02T09:00:00+01:00\", by = \"sam\", text = \"approved last week\" }]\n\
[answers.plan-map-context]\nlevel = 1\nanswered_at = \"2026-03-02T09:05:00+01:00\"\nanswered_by = \"sam\"\n";

const BO: &str = "format = 1\n[respondent]\nname = \"Bo Chen\"\nrole = \"engineering\"\n\
[answers.plan-govern-policy]\nlevel = 4\nanswered_at = \"2026-03-02T11:00:00+00:00\"\nanswered_by = \"sam\"\n";

// C has the same Bo answer (identical: a no-op) and a third respondent.
const CY: &str = "# interviewed on site\nformat = 1\n[respondent]\nname = \"Cy Diaz\"\n\
[answers.do-govern-roles]\nnot_applicable = true\nanswered_at = \"2026-03-03T11:00:00+00:00\"\nanswered_by = \"kim\"\n";

#[test]
fn three_copies_merge_with_one_conflict_listed_and_recorded() {
    let home = tempfile::tempdir().unwrap();
    let (a, b, c) = (init(home.path(), "a"), init(home.path(), "b"), init(home.path(), "c"));
    answers(&a, "ann-lee", ANN_A);
    answers(&b, "ann-lee", ANN_B);
    answers(&b, "bo-chen", BO);
    answers(&c, "bo-chen", BO);
    answers(&c, "cy-diaz", CY);
    std::fs::write(
        c.join("consensus.toml"),
        "format = 1\n[agreed.plan-govern-policy]\nlevel = 3\ndecided_at = \"2026-03-04T10:00:00Z\"\ndecided_by = \"kim\"\nnote = \"workshop 4 March\"\n",
    )
    .unwrap();

    let (code, out, err) =
        common::run(home.path(), &["-w", a.to_str().unwrap(), "merge", b.to_str().unwrap(), c.to_str().unwrap()]);
    assert_eq!(code, 3, "conflicts resolved → exit 3\n{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    let (bs, cs) = (b.display().to_string(), c.display().to_string());
    assert_eq!(lines[0], format!("{bs}: 2 addition(s), 1 conflict(s), 0 identical"), "{out}");
    assert_eq!(
        lines[1],
        format!(
            "  CONFLICT ann-lee / plan-govern-policy (level changed on both sides): kept level 3 (2026-03-02T09:00:00+01:00 by sam, {bs}); \
             other level 2 (2026-03-01T10:00:00+00:00 by alex, here) recorded in history"
        )
    );
    assert_eq!(lines[2], "  added ann-lee / plan-map-context");
    assert_eq!(lines[3], "  added respondent bo-chen (Bo Chen) with 1 answer(s)");
    assert_eq!(lines[4], format!("{cs}: 2 addition(s), 0 conflict(s), 1 identical"));
    assert_eq!(lines[5], "  added respondent cy-diaz (Cy Diaz) with 1 answer(s)");
    assert_eq!(lines[6], "  added agreed value of plan-govern-policy");
    assert_eq!(
        lines[7],
        "Merged 2 source(s): 4 addition(s), 1 identical, 1 conflict(s) resolved by keeping the newest"
    );

    // Resulting files: the newest level with both interview logs, in time order; comments kept.
    let ann = std::fs::read_to_string(a.join("answers/ann-lee.toml")).unwrap();
    assert!(ann.starts_with("# Ann, captured by alex"), "{ann}");
    let ws = aira_store::workspace::open(&a, aira_store::workspace::Access::ReadOnly).unwrap();
    let pol = ws.assessment.respondent("ann-lee").unwrap().answer("plan-govern-policy").unwrap();
    assert_eq!(pol.level(), Some(3));
    let log: Vec<&str> = pol.log.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(log, ["no board approval yet", "approved last week"]);
    assert_eq!(std::fs::read_to_string(a.join("answers/cy-diaz.toml")).unwrap(), CY, "copied verbatim");
    assert_eq!(ws.assessment.respondent("bo-chen").unwrap().role, "engineering");
    assert_eq!(ws.assessment.agreed["plan-govern-policy"], aira_core::assessment::Value::Level(3));
    assert_eq!(ws.assessment.agreed_meta["plan-govern-policy"].note, "workshop 4 March");

    // History: the conflict's losing answer is kept as `old`; every addition has an entry.
    let h = aira_store::workspace::read_history(&a).unwrap();
    let merges: Vec<_> = h.iter().filter(|c| c.kind == "merge").collect();
    assert_eq!(merges.len(), 5, "{h:#?}");
    let conflict = merges.iter().find(|c| c.respondent == "ann-lee" && c.question == "plan-govern-policy").unwrap();
    let old = aira_store::workspace::history::answer_from_table(conflict.old.as_ref().unwrap());
    assert_eq!((old.level(), old.answered_by.as_str()), (Some(2), "alex"));
    assert!(merges.iter().any(|c| c.respondent.is_empty() && c.question == "plan-govern-policy"), "agreed value");

    // Merging again changes nothing and reports no conflict.
    let (code, out, _) =
        common::run(home.path(), &["-w", a.to_str().unwrap(), "merge", b.to_str().unwrap(), c.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("0 addition(s), 6 identical, 0 conflict(s) resolved by keeping the newest\n"), "{out}");
    assert_eq!(aira_store::workspace::read_history(&a).unwrap().len(), h.len());
}

#[test]
fn another_questionnaire_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let a = init(home.path(), "a");
    let other = home.path().join("other");
    let (code, _, err) = common::run(home.path(), &["init", other.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = common::run(home.path(), &["-w", a.to_str().unwrap(), "merge", other.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("only copies of the same assessment can be merged"), "{err}");
    let (code, _, err) = common::run(home.path(), &["-w", a.to_str().unwrap(), "merge", a.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("into itself"), "{err}");
}
