//! The interop tests' workspace: a built-in questionnaire (the flagship, or the EU AI Act one
//! for a provider) answered by three respondents through the real CLI, with notes that name
//! each other (in other cases, possessive, beside words that merely contain a name), agreed
//! levels, targets either side of the scores, and evidence and interview-log lines written
//! through the store as the wizard writes them (the CLI has no flag for those).

use std::path::{Path, PathBuf};

use aira_core::assessment::{Answer, LogEntry};
use aira_store::workspace::{self, Access, Change};

use crate::common::run;

/// Every name the workspace holds: respondents' first and last names, the facilitator who
/// wrote a log line, and the organisation.
/// Also the engagement's people: an assessor, the client contact and an action's owner.
pub const NAMES: [&str; 15] = [
    "Ann", "Lee", "Bob", "Stone", "Chidi", "Okafor", "Fran", "Facil", "Acme", "Dana", "Reyes", "Eve", "Moss", "Gus",
    "Hale",
];

pub struct Built {
    pub dir: PathBuf,
    /// The maturity questions answered, in questionnaire order.
    pub answered: Vec<String>,
}

pub fn ok(home: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(home, args);
    assert_eq!(code, 0, "aira {args:?}: {out}{err}");
    out
}

/// Build the workspace under `home/ws` on `questionnaire`, with `--profile` when given.
pub fn build(home: &Path, questionnaire: &str, profile: Option<&str>) -> Built {
    let dir = home.join("ws");
    let ws = dir.to_str().unwrap().to_owned();
    let mut init = vec!["init", &ws, "--questionnaire", questionnaire, "--name", "Acme readiness"];
    init.extend(["--organisation", "Acme Ltd", "--assessor", "Dana Reyes", "--contact", "Eve Moss"]);
    init.extend(["--period", "2026-01-05..2026-02-27"]);
    if let Some(p) = profile {
        init.extend(["--profile", p]);
    }
    ok(home, &init);
    for (name, role) in [("Ann Lee", "risk"), ("Bob Stone", "executive"), ("Chidi Okafor", "privacy")] {
        ok(home, &["-w", &ws, "respondent", "add", name, "--role", role]);
    }
    let opened = workspace::open(&dir, Access::ReadOnly).unwrap();
    let q = &opened.questionnaire;
    // Classifications first (EU): the first one no (so something is out of scope), the rest yes.
    let classes: Vec<&str> = q.questions.iter().filter(|x| x.is_classification()).map(|x| x.id.as_str()).collect();
    for (i, id) in classes.iter().enumerate() {
        ok(home, &["-w", &ws, "answer", id, if i == 0 { "0" } else { "1" }, "--respondent", "Ann Lee"]);
    }
    let after = workspace::open(&dir, Access::ReadOnly).unwrap();
    let scope = aira_core::scope::Scope::new(&after.questionnaire, &after.assessment, &after.meta.profiles);
    let narrowed = scope.narrow(&after.questionnaire);
    let answered: Vec<String> =
        narrowed.questions.iter().filter(|x| !x.is_classification()).take(4).map(|x| x.id.clone()).collect();
    let [q0, q1, q2, q3] = [0, 1, 2, 3].map(|i| answered[i].as_str());
    let answer = |who: &str, q: &str, level: &str, note: &str| {
        let mut args = vec!["-w", &ws, "answer", q, level, "--respondent", who];
        if !note.is_empty() {
            args.extend(["--note", note]);
        }
        ok(home, &args);
    };
    answer("Ann Lee", q0, "2", "Bob Stone said the policy is a draft; ann said sign-off is due.");
    answer("Bob Stone", q0, "4", "Disagrees with ANN LEE; chidi owns the register at Acme Ltd.");
    answer(
        "chidi okafor",
        q0,
        "3",
        "Okafor's team keeps it; LEE's team reviews it; see the Annex, Bobby and Stonehenge.",
    );
    answer("Ann Lee", q1, "3", "");
    answer("Bob Stone", q1, "1", "Stone thinks Chidi is optimistic.");
    answer("Ann Lee", q2, "na", "Not ours: Acme's parent runs it.");
    answer("Chidi Okafor", q3, "5", "");
    ok(home, &["-w", &ws, "agree", q1, "2", "--note", "Ann and Bob settled on 2 after Chidi Okafor's demo."]);
    ok(home, &["-w", &ws, "roadmap", "set", q1, "--owner", "Gus Hale", "--due", "2027-03-31"]);
    let file = home.join("minutes.txt");
    std::fs::write(&file, "Board minutes, signed by Ann Lee").unwrap();
    let file = file.to_str().unwrap().to_owned();
    ok(
        home,
        &["-w", &ws, "evidence", "add", q3, &file, "--respondent", "Chidi Okafor", "--note", "Signed by Eve Moss"],
    );
    let mut w = workspace::open(&dir, Access::Write).unwrap();
    let ann = w.assessment.respondents.iter().find(|r| r.name == "Ann Lee").unwrap().clone();
    let old = ann.answer(q0).unwrap().clone();
    let line = |at: &str, by: &str, text: &str| LogEntry { at: at.into(), by: by.into(), text: text.into() };
    let new = Answer {
        evidence: vec!["Minutes taken by Bob Stone".into(), "https://intra.example/acme/policy.pdf".into()],
        log: vec![
            line("2026-02-01T10:00:00+00:00", "Fran Facil", "Chidi and Ann disagree on ownership"),
            line("2026-02-01T10:05:00+00:00", "Fran Facil", "okafor to send the register to bob"),
        ],
        ..old.clone()
    };
    let change = Change {
        respondent: ann.clone(),
        question: q0.to_owned(),
        old: Some(old),
        new: Some(new),
        by: "Fran Facil".into(),
        at: "2026-02-01T10:05:00+00:00".into(),
        kind: "answer".into(),
        reverts: None,
    };
    w.store.as_mut().unwrap().apply(&change).unwrap();
    // Targets: q0 (mean 3) reaches 3, q1 (agreed 2) misses 3, q3 (5) reaches 4.
    w.store
        .as_mut()
        .unwrap()
        .edit_meta(|doc| {
            for (id, t) in [(q0, 3), (q1, 3), (q3, 4)] {
                doc["targets"]["questions"][id] = toml_edit::value(t);
            }
            doc["scope"] = toml_edit::value("Acme's chatbot, run by Bob Stone's team");
        })
        .unwrap();
    Built { dir, answered }
}

/// The words of `text` (letters and digits), lowercased: names are searched whole-word, the
/// rule `--anonymise` scrubs by (docs/interop.md).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}
