//! Issue 19: engagement facts, roadmap entries and SoA decisions in workspace.toml, each with
//! a history entry that `undo` reverts, and older files loading as they were.

use super::tests::new_ws;
use super::*;
use aira_core::engagement::{Applicability, FactsEdit, Period, ReportStatus, RoadmapEntry};

const AT: &str = "2026-11-22T10:00:00.000+00:00";

fn facts() -> FactsEdit {
    FactsEdit {
        scope: Some("Customer-facing ML\nand the data platform".into()),
        assessors: Some(vec!["Ann Lee".into(), "Bo Chen".into()]),
        contact: Some("Jo Bloggs, CISO".into()),
        period: Some("2026-11-01..2026-11-30".parse::<Period>().unwrap()),
        report_status: Some(ReportStatus::Final),
        report_version: Some("1.0".into()),
    }
}

#[test]
fn an_older_workspace_loads_with_the_defaults_and_soa_undecided() {
    let dir = new_ws();
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    assert_eq!((ws.meta.report_status, ws.meta.report_version.as_str()), (ReportStatus::Draft, "0.1"));
    assert!(ws.meta.assessors.is_empty() && ws.meta.contact.is_empty() && ws.meta.period.is_none());
    assert_eq!(ws.meta.soa_decision("A.2.2").applicability, Applicability::Undecided);
}

#[test]
fn facts_are_saved_with_comments_kept_and_undone_one_change_at_a_time() {
    let dir = new_ws();
    let path = dir.path().join(meta::FILE);
    let text = std::fs::read_to_string(&path).unwrap().replace("scope = \"\"", "# what we look at\nscope = \"\"");
    std::fs::write(&path, text).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let s = ws.store.as_mut().unwrap();
    let changed = s.set_facts(&facts().checked().unwrap(), "alex", AT).unwrap();
    assert_eq!(changed, ["scope", "assessors", "contact", "period", "report_status", "report_version"]);
    assert_eq!(s.set_facts(&facts(), "alex", AT).unwrap(), Vec::<&str>::new(), "the same again writes nothing");
    let v2 = FactsEdit { report_version: Some("1.1".into()), ..Default::default() };
    assert_eq!(s.set_facts(&v2, "alex", AT).unwrap(), ["report_version"]);
    drop(ws);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("# what we look at\nscope = "), "{after}");
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    assert_eq!(ws.meta.assessors, ["Ann Lee", "Bo Chen"]);
    assert_eq!(ws.meta.period.unwrap().to_string(), "2026-11-01..2026-11-30");
    assert_eq!((ws.meta.report_status, ws.meta.report_version.as_str()), (ReportStatus::Final, "1.1"));
    let h = read_history(dir.path()).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!((h[0].kind.as_str(), h[0].by.as_str(), h[0].question.as_str()), ("engagement", "alex", "engagement"));
    assert_eq!(h[1].old.as_ref().unwrap()["report_version"].as_str(), Some("1.0"));
    assert_eq!(h[1].new.as_ref().unwrap()["report_version"].as_str(), Some("1.1"));
    assert!(!h[0].old.as_ref().unwrap().contains_key("assessors"), "there were none: `old` lacks the key");
    drop(ws);
    let mut ws = open(dir.path(), Access::Write).unwrap();
    undo(&mut ws, "alex").unwrap().unwrap();
    assert_eq!(ws.meta.report_version, "1.0");
    undo(&mut ws, "alex").unwrap().unwrap();
    drop(ws);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "two undos give back the file as it was");
}

#[test]
fn undo_of_a_fact_refuses_after_a_hand_edit() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let c = FactsEdit { contact: Some("Jo".into()), ..Default::default() };
    ws.store.as_mut().unwrap().set_facts(&c, "alex", AT).unwrap();
    drop(ws);
    let path = dir.path().join(meta::FILE);
    let text = std::fs::read_to_string(&path).unwrap().replace("contact = \"Jo\"", "contact = \"Kim\"");
    std::fs::write(&path, &text).unwrap();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let e = undo(&mut ws, "alex").unwrap_err().to_string();
    assert!(e.contains("change 1 (the engagement facts) cannot be undone: it set { contact = \"Jo\" }"), "{e}");
    assert!(e.contains("now holds { contact = \"Kim\" }"), "{e}");
    drop(ws);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "nothing changed");
}

#[test]
fn roadmap_entries_and_soa_decisions_are_logged_and_undone() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let s = ws.store.as_mut().unwrap();
    let due = "2026-12-31".parse().ok();
    assert!(s.set_roadmap("do-map-inventory", &RoadmapEntry { owner: "Ann".into(), due }, "alex", AT).unwrap());
    assert!(!s.set_roadmap("do-map-inventory", &RoadmapEntry { owner: "Ann".into(), due }, "alex", AT).unwrap());
    s.decide_soa("A.2.2", Some((false, "No AI policy needed here")), "alex", AT).unwrap();
    s.decide_soa("A.2.3", Some((true, "")), "alex", AT).unwrap();
    s.decide_soa("A.2.3", None, "alex", AT).unwrap();
    drop(ws);
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    let e = ws.meta.roadmap_entry("do-map-inventory").unwrap();
    assert_eq!((e.owner.as_str(), e.due.unwrap().to_string().as_str()), ("Ann", "2026-12-31"));
    assert_eq!(ws.meta.soa_decision("A.2.2").applicability, Applicability::NotApplicable);
    assert_eq!(ws.meta.soa_decision("A.2.3").applicability, Applicability::Undecided);
    let kinds: Vec<String> = read_history(dir.path()).unwrap().into_iter().map(|c| c.kind).collect();
    assert_eq!(kinds, ["roadmap", "soa", "soa", "soa"]);
    drop(ws);
    let mut ws = open(dir.path(), Access::Write).unwrap();
    undo(&mut ws, "alex").unwrap();
    assert_eq!(ws.meta.soa_decision("A.2.3").applicability, Applicability::Applicable, "undecided undone");
    undo(&mut ws, "alex").unwrap();
    undo(&mut ws, "alex").unwrap();
    assert_eq!(ws.meta.soa_decision("A.2.2").applicability, Applicability::Undecided);
    undo(&mut ws, "alex").unwrap();
    assert!(ws.meta.roadmap_entry("do-map-inventory").is_none());
    let text = std::fs::read_to_string(dir.path().join(meta::FILE)).unwrap();
    assert!(!text.contains("[soa") && !text.contains("[roadmap"), "empty sections go:\n{text}");
}

#[test]
fn a_bad_date_in_workspace_toml_is_located() {
    let dir = new_ws();
    let path = dir.path().join(meta::FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    let text =
        text.replacen("scope = \"\"", "scope = \"\"\nperiod = { start = \"2026-11-30\", end = \"2026-11-01\" }", 1);
    std::fs::write(&path, &text).unwrap();
    let e = open(dir.path(), Access::ReadOnly).err().unwrap().to_string();
    assert!(e.contains("workspace.toml:6:10: the period ends (2026-11-01) before it starts (2026-11-30)"), "{e}");
    std::fs::write(&path, text.replace("2026-11-01\"", "2026-11-31\"")).unwrap();
    let e = open(dir.path(), Access::ReadOnly).err().unwrap().to_string();
    assert!(e.contains("`2026-11-31` is not a date"), "{e}");
}

#[test]
fn an_upgrade_moves_roadmap_entries_with_their_question() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let e = RoadmapEntry { owner: "Ann".into(), due: "2026-12-31".parse().ok() };
    ws.store.as_mut().unwrap().set_roadmap("do-map-inventory", &e, "alex", AT).unwrap();
    let taken = RoadmapEntry { owner: "Bo".into(), due: None };
    ws.store.as_mut().unwrap().set_roadmap("plan-map-context", &taken, "alex", AT).unwrap();
    let new = super::tests::MINI
        .replace("id = \"do-map-inventory\"", "id = \"do-map-ai-inventory\"\nreplaces = [\"do-map-inventory\"]")
        .replacen("version = \"", "version = \"9", 1);
    upgrade::upgrade(ws, &new, "alex").unwrap();
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    assert_eq!(ws.meta.roadmap_entry("do-map-ai-inventory"), Some(&e));
    assert_eq!(ws.meta.roadmap_entry("do-map-inventory"), None);
    assert_eq!(ws.meta.roadmap_entry("plan-map-context"), Some(&taken), "an entry not renamed stays");
}

/// The store never invents a respondent: the one given is written (answers/<id>.toml, named in
/// workspace.toml) and is the one answering on open; a bad id writes nothing.
#[test]
fn create_starts_with_the_respondent_given() {
    let dir = tempfile::tempdir().unwrap();
    let ann = aira_core::assessment::Respondent::new("ann-le", "Ann Le");
    super::create(dir.path(), super::tests::MINI, ("Test", "Org"), &ann).unwrap();
    assert!(dir.path().join("answers/ann-le.toml").is_file());
    assert!(!dir.path().join("answers/default.toml").exists());
    let ws = super::open(dir.path(), super::Access::ReadOnly).unwrap();
    assert_eq!(ws.meta.default_respondent, "ann-le");
    assert_eq!(ws.assessment.respondent("ann-le").map(|r| r.name.as_str()), Some("Ann Le"));
    let other = tempfile::tempdir().unwrap();
    let bad = aira_core::assessment::Respondent::new("Not An Id", "x");
    assert!(super::create(other.path(), super::tests::MINI, ("Test", "Org"), &bad).is_err());
    assert!(!super::is_workspace(other.path()));
}

/// The wizard's `u`/`U` on facts (`revert_facts_entry`) write what `aira undo`/`aira redo`
/// write: a fact that was unset goes again, the entry names the change it reverts.
#[test]
fn the_wizards_facts_undo_writes_what_aira_undo_writes() {
    let set = FactsEdit { scope: Some("HR models".into()), contact: Some("Jo".into()), ..Default::default() };
    let (wizard, cli) = (new_ws(), new_ws());
    let path = |d: &tempfile::TempDir| d.path().join(meta::FILE);
    let before = |d| std::fs::read_to_string(path(d)).unwrap();
    let (before_w, before_c) = (before(&wizard), before(&cli));
    assert!(!before_c.contains("contact"), "a new workspace has no contact: {before_c}");
    for d in [&wizard, &cli] {
        let mut ws = open(d.path(), Access::Write).unwrap();
        let s = ws.store.as_mut().unwrap();
        s.apply(&super::tests::change(&ws_of(d), "plan-govern-policy", 2)).unwrap();
        // As the wizard's save worker makes it: as the respondent answering.
        s.answer_as("default");
        s.set_facts(&set, "alex", AT).unwrap();
    }
    let mut ws = open(wizard.path(), Access::Write).unwrap();
    let s = ws.store.as_mut().unwrap();
    let e = s.revert_facts_entry(1, "undo", ("alex", AT)).unwrap_err().to_string();
    assert!(e.contains("history entry 1 is not an engagement facts change; nothing was undone"), "{e}");
    s.revert_facts_entry(2, "undo", ("alex", AT)).unwrap();
    drop(ws);
    let mut ws = open(cli.path(), Access::Write).unwrap();
    assert_eq!(undo_as(&mut ws, "default", "alex").unwrap().unwrap().reverts, 2);
    drop(ws);
    assert_eq!(before(&wizard), before_w, "the contact goes, the scope comes back");
    assert_eq!(before(&cli), before_c);
    let same = |h: &history::Change| (h.kind.clone(), h.as_.clone(), h.reverts, h.old.clone(), h.new.clone());
    let (hw, hc) = (read_history(wizard.path()).unwrap(), read_history(cli.path()).unwrap());
    // The answers' stamps differ (their clocks); the facts entry and its undo do not.
    assert_eq!(hw.iter().skip(1).map(same).collect::<Vec<_>>(), hc.iter().skip(1).map(same).collect::<Vec<_>>());
    assert_eq!((hw[2].kind.as_str(), hw[2].reverts), ("undo", Some(2)));

    // The redo from the wizard, then `aira undo` agrees it is the newest change.
    let mut ws = open(wizard.path(), Access::Write).unwrap();
    ws.store.as_mut().unwrap().revert_facts_entry(3, "redo", ("alex", AT)).unwrap();
    drop(ws);
    let mut ws = open(wizard.path(), Access::Write).unwrap();
    assert_eq!((ws.meta.scope.as_str(), ws.meta.contact.as_str()), ("HR models", "Jo"));
    let undone = undo_as(&mut ws, "default", "alex").unwrap().unwrap();
    assert_eq!((undone.reverts, undone.said.as_str()), (4, "Undid default's engagement facts change (scope, contact)"));
}

fn ws_of(d: &tempfile::TempDir) -> Workspace {
    open(d.path(), Access::ReadOnly).unwrap()
}
