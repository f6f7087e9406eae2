//! `aira upgrade` and `aira doctor` on real workspaces, through the binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

const MINI: &str = include_str!("../fixtures/mini.toml");

fn aira(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = common::Aira::new(dir).no_color().cwd(dir).run(args);
    (out.code, out.text())
}

/// Version 0.2.0 of mini: one question renamed, one gone, one new.
fn mini_v2() -> String {
    MINI.replace("version = \"0.1.0\"", "version = \"0.2.0\"")
        .replace("id = \"plan-govern-policy\"", "id = \"plan-govern-ai-policy\"\nreplaces = [\"plan-govern-policy\"]")
        .replace("id = \"act-manage-corrective\"", "id = \"act-manage-lessons\"")
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("mini.toml"), MINI).unwrap();
    std::fs::write(d.join("mini2.toml"), mini_v2()).unwrap();
    assert_eq!(aira(d, &["init", "ws", "--questionnaire", "mini.toml", "--respondent", "facilitator"]).0, 0);
    assert_eq!(aira(d, &["-w", "ws", "respondent", "add", "alice"]).0, 0);
    for (q, level, who) in [
        ("plan-govern-policy", "3", "facilitator"),
        ("act-manage-corrective", "2", "facilitator"),
        ("do-map-inventory", "4", "facilitator"),
        ("plan-govern-policy", "1", "alice"),
    ] {
        let (code, out) = aira(d, &["-w", "ws", "answer", q, level, "--respondent", who]);
        assert_eq!(code, 0, "{out}");
    }
    dir
}

#[test]
fn upgrade_moves_renamed_answers_keeps_orphans_and_the_old_copy() {
    let dir = setup();
    let d = dir.path();
    let ws = d.join("ws");
    let answers = ws.join("answers/facilitator.toml");
    let with_comment = std::fs::read_to_string(&answers)
        .unwrap()
        .replace("[answers.plan-govern-policy]", "# why 3\n[answers.plan-govern-policy]");
    std::fs::write(&answers, with_comment).unwrap();
    let (code, out) = aira(d, &["-w", "ws", "upgrade", "--questionnaire", "mini2.toml"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "Upgraded mini from version 0.1.0 to 0.2.0: moved 2 answer(s), kept 1 orphan(s), 1 new question(s).",
            "Orphaned answers are kept in the answer files; `aira doctor` lists them.",
            "The previous questionnaire is kept as questionnaire.0.1.0.toml.",
        ]
    );
    assert_eq!(std::fs::read_to_string(ws.join("questionnaire.0.1.0.toml")).unwrap(), MINI);
    assert_eq!(std::fs::read_to_string(ws.join("questionnaire.toml")).unwrap(), mini_v2());
    let text = std::fs::read_to_string(&answers).unwrap();
    assert!(text.contains("# why 3\n[answers.plan-govern-ai-policy]\nlevel = 3"), "{text}");
    assert!(text.contains("[answers.act-manage-corrective]\nlevel = 2"), "orphan kept: {text}");
    assert!(!text.contains("[answers.plan-govern-policy]"));
    let alice = std::fs::read_to_string(ws.join("answers/alice.toml")).unwrap();
    assert!(alice.contains("[answers.plan-govern-ai-policy]\nlevel = 1"), "{alice}");
    let meta = std::fs::read_to_string(ws.join("workspace.toml")).unwrap();
    assert!(meta.contains("version = \"0.2.0\""), "{meta}");
    let history = std::fs::read_to_string(ws.join("history.toml")).unwrap();
    assert!(history.contains("kind = \"upgrade\", questionnaire = \"mini\", from_version = \"0.1.0\""), "{history}");

    // The workspace opens cleanly apart from the orphan, and scores the moved answers.
    let (code, out) = aira(d, &["-w", "ws", "doctor"]);
    assert_eq!(code, 0);
    assert!(out.contains("  answers/facilitator.toml: `act-manage-corrective` (level 2)"), "{out}");
    let (_, out) = aira(d, &["-w", "ws", "score", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let q = json["questions"].as_array().unwrap().iter().find(|q| q["id"] == "plan-govern-ai-policy").unwrap();
    assert_eq!(q["level"], 2.0, "mean of 3 and 1 after the move");
    assert_eq!(json["questionnaire"]["version"], "0.2.0");

    // Running it again is refused, and never touches the kept copy.
    let (code, out) = aira(d, &["-w", "ws", "upgrade", "--questionnaire", "mini2.toml"]);
    assert_eq!(code, 1);
    assert!(out.contains("already at this exact questionnaire (mini 0.2.0)"), "{out}");
    assert_eq!(std::fs::read_to_string(ws.join("questionnaire.0.1.0.toml")).unwrap(), MINI);
}

#[test]
fn upgrade_to_another_questionnaire_is_refused() {
    let dir = setup();
    let d = dir.path();
    let (code, out) = aira(d, &["-w", "ws", "upgrade", "--questionnaire", "ai-governance-readiness"]);
    assert_eq!(code, 1);
    assert!(out.contains("the new questionnaire is `ai-governance-readiness` but this workspace uses `mini`"), "{out}");
    assert!(!d.join("ws/questionnaire.0.1.0.toml").exists());
}

#[test]
fn upgrade_refuses_a_scale_that_drops_given_levels() {
    let dir = setup();
    let d = dir.path();
    let narrow = mini_v2().replace("max = 5", "max = 3").split("[[scale.level]]\nvalue = 4").next().unwrap().to_owned()
        + &mini_v2()[mini_v2().find("[[question]]").unwrap()..];
    std::fs::write(d.join("narrow.toml"), narrow).unwrap();
    let (code, out) = aira(d, &["-w", "ws", "upgrade", "--questionnaire", "narrow.toml"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("uses level 4, outside the new scale 0..3; upgrade refused"), "{out}");
}

#[test]
fn upgrade_finds_the_new_version_by_id_in_the_data_folder() {
    let dir = setup();
    let d = dir.path();
    let folder = d.join("data/aira/questionnaires");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("mini-0.2.0.toml"), mini_v2()).unwrap();
    let (code, out) = aira(d, &["-w", "ws", "upgrade", "--questionnaire", "mini"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("Upgraded mini from version 0.1.0 to 0.2.0"), "{out}");
}

#[test]
fn doctor_on_a_clean_workspace() {
    let dir = setup();
    let (code, out) = aira(dir.path(), &["-w", "ws", "doctor"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().last(), Some("No problems found."));
}

/// A workspace on version 1.0.0 of the built-in questionnaire, every question answered, moves to
/// the built-in version 2: each answer is carried to its question or listed as an orphan.
#[test]
fn flagship_v1_workspace_upgrades_to_v2_without_losing_an_answer() {
    let v1_text = include_str!("../fixtures/ai-governance-readiness-1.0.0.toml");
    let v1 = aira_core::questionnaire::parse("v1.toml", v1_text).unwrap();
    let v2 = aira_core::questionnaire::parse("v2.toml", aira_core::questionnaire::default_builtin().text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("v1.toml"), v1_text).unwrap();
    assert_eq!(aira(d, &["init", "ws", "--questionnaire", "v1.toml", "--respondent", "facilitator"]).0, 0);
    let given: Vec<(String, u8)> =
        v1.questions.iter().enumerate().map(|(i, q)| (q.id.clone(), (i % 6) as u8)).collect();
    for (id, level) in &given {
        let (code, out) = aira(d, &["-w", "ws", "answer", id, &level.to_string()]);
        assert_eq!(code, 0, "{out}");
    }
    let (code, out) = aira(d, &["-w", "ws", "upgrade", "--questionnaire", "ai-governance-readiness"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("Upgraded ai-governance-readiness from version 1.0.0 to 2.0.0: moved "), "{out}");

    let (_, doctor) = aira(d, &["-w", "ws", "doctor"]);
    let (_, score) = aira(d, &["-w", "ws", "score", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&score).unwrap();
    let level_of = |id: &str| {
        json["questions"].as_array().unwrap().iter().find(|q| q["id"] == id).and_then(|q| q["level"].as_f64())
    };
    let (mut carried, mut orphans) = (0, 0);
    for (old, level) in &given {
        let new = v2.questions.iter().find(|q| q.id == *old || q.replaces.contains(old)).map(|q| q.id.as_str());
        let orphan_line = format!("answers/facilitator.toml: `{old}` (level {level})");
        if new.is_some_and(|n| level_of(n) == Some(f64::from(*level))) && !doctor.contains(&orphan_line) {
            carried += 1;
        } else {
            assert!(doctor.contains(&orphan_line), "{old} (level {level}) was neither carried nor listed:\n{doctor}");
            assert!(out.contains(&format!("answer to `{old}` stayed under its old id")), "{out}");
            orphans += 1;
        }
    }
    assert_eq!(carried + orphans, v1.questions.len());
    assert!(out.contains(&format!("kept {orphans} orphan(s)")), "{out}");
    // Only the two merged pairs lose their second answer to the first.
    assert_eq!(orphans, 2, "{doctor}");
}
