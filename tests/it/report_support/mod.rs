//! A fixture workspace for the report tests: the mini questionnaire answered by two people,
//! with fixed timestamps, a flag, evidence, targets, a not-applicable answer, SoA decisions and
//! (optionally) hostile notes, so that goldens never depend on the clock.

use std::path::Path;

use aira_core::assessment::{Answer, Respondent, Value};
use aira_store::workspace::{self, Access, Change, Workspace};

pub const GENERATED_AT: &str = "2026-01-15T09:30:00+00:00";
pub const HOSTILE: &str = "=HYPERLINK(\"http://evil.example\",\"x\") | <script>alert(1)</script>\n- second line \
                             #set text(red) [x] $x^2$ @ref <lbl> *b* _i_ \\ `raw` // not a comment";

fn put(ws: &mut Workspace, who: &Respondent, q: &str, answer: Answer, minute: u32) {
    let at = format!("2026-01-{:02}T10:{minute:02}:00+01:00", 10 + minute % 3);
    let new = Answer { answered_at: at.clone(), answered_by: who.name.clone(), ..answer };
    let change = Change {
        respondent: who.clone(),
        question: q.to_owned(),
        old: None,
        new: Some(new),
        by: who.name.clone(),
        at,
        kind: "answer".into(),
        reverts: None,
    };
    ws.store.as_mut().unwrap().apply(&change).unwrap();
}

fn level(l: u8) -> Answer {
    Answer { value: Some(Value::Level(l)), ..Default::default() }
}

/// Build the fixture in `dir` and open it read-only, as `aira report` does.
pub fn workspace(dir: &Path, hostile: bool) -> Workspace {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/mini.toml")).unwrap();
    workspace::create(
        dir,
        &text,
        ("Example Ltd readiness", "Example Ltd"),
        &aira_core::assessment::Respondent::new("default", "default"),
    )
    .unwrap();
    let mut ws = workspace::open(dir, Access::Write).unwrap();
    let alice =
        Respondent { id: "alice".into(), name: "Alice Moreau".into(), role: "CISO".into(), ..Default::default() };
    let bob = Respondent {
        id: "bob".into(),
        name: "Bob Okafor".into(),
        role: "Data science lead".into(),
        ..Default::default()
    };
    ws.store.as_mut().unwrap().save_respondent(&alice).unwrap();
    ws.store.as_mut().unwrap().save_respondent(&bob).unwrap();
    let note = |s: &str| if hostile { HOSTILE.to_owned() } else { s.to_owned() };
    let policy = Answer {
        note: note("Draft policy; board sign-off planned for March."),
        evidence: vec!["AI policy v0.3".into(), "Board minutes 2025-12".into()],
        flag: true,
        target: Some(4),
        ..level(1)
    };
    put(&mut ws, &alice, "plan-govern-policy", policy, 1);
    put(&mut ws, &bob, "plan-govern-policy", Answer { note: "Only covers ML models.".into(), ..level(2) }, 2);
    put(&mut ws, &alice, "plan-map-context", Answer { note: note("Contexts written for two systems."), ..level(3) }, 3);
    put(&mut ws, &alice, "plan-measure-metrics", level(0), 4);
    put(&mut ws, &alice, "do-govern-roles", level(4), 5);
    put(&mut ws, &bob, "do-map-inventory", Answer { evidence: vec!["-inventory.xlsx".into()], ..level(2) }, 6);
    put(&mut ws, &alice, "do-measure-testing", Answer { value: Some(Value::NotApplicable), ..Default::default() }, 7);
    put(&mut ws, &bob, "check-govern-audit", level(1), 8);
    put(
        &mut ws,
        &bob,
        "check-measure-review-metrics",
        Answer { flag: true, note: "Ask the auditors.".into(), ..level(5) },
        9,
    );
    put(&mut ws, &alice, "act-manage-corrective", level(3), 10);
    ws.store
        .as_mut()
        .unwrap()
        .edit_meta(|doc| {
            doc["scope"] = toml_edit::value("Customer-facing AI systems");
            doc["targets"]["questions"]["do-govern-roles"] = toml_edit::value(5);
            let soa = "[soa.\"A.10.3\"]\napplicable = false\njustification = \"No AI suppliers in scope.\"\n";
            let extra: toml_edit::DocumentMut = soa.parse().unwrap();
            for (k, v) in extra.iter() {
                doc.insert(k, v.clone());
            }
        })
        .unwrap();
    drop(ws);
    workspace::open(dir, Access::ReadOnly).unwrap()
}
