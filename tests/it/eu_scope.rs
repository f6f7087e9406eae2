//! Issue 20 end to end: the walk covers only the chosen profiles and the classifications'
//! scope, a provider's report shows every cited article with its score and date, and a fourth
//! reference family is scored and reported from a data file alone.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use aira::tui::{navigator, state::AppState};
use aira_core::assessment::{Answer, Assessment, Respondent, Value};
use aira_core::frameworks::{self, Registry};
use aira_core::questionnaire::{self, Questionnaire};

const EU: &str = "eu-ai-act-readiness";

fn eu() -> Questionnaire {
    let b = questionnaire::builtin(EU).unwrap();
    questionnaire::parse(b.file, b.text).unwrap()
}

fn aira(home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = common::Aira::new(home).run(args);
    (out.code, out.stdout, out.stderr)
}

fn state(profiles: &[&str]) -> AppState {
    let meta: aira_core::engagement::Engagement = toml::from_str(&format!(
        "format = 1\nprofiles = {profiles:?}\n[questionnaire]\nid = \"{EU}\"\nversion = \"1.0.0\"\nsha256 = \"x\"\n"
    ))
    .unwrap();
    let a = Assessment { respondents: vec![Respondent::new("default", "Default")], ..Default::default() };
    AppState::new(eu(), meta, a, "tester".into())
}

/// The ids the wizard walks from the first question, with the navigator's own next().
fn walk(s: &AppState) -> Vec<String> {
    let mut at = (0..s.session.questionnaire().questions.len()).find(|&i| navigator::admits(s, i));
    let mut out = Vec::new();
    while let Some(i) = at {
        out.push(s.session.questionnaire().questions[i].id.clone());
        at = navigator::next(s, i);
    }
    out
}

fn answer(s: &mut AppState, id: &str, level: u8) {
    assert!(s.session.questionnaire().index_of(id).is_some(), "{id} is in the questionnaire");
    s.session.rebuild_with(|_, a| {
        a.respondents[0].answers.insert(id.into(), Answer { value: Some(Value::Level(level)), ..Default::default() });
    });
}

#[test]
fn a_deployer_walks_only_deployer_questions() {
    let mut s = state(&["deployer"]);
    let walked = walk(&s);
    let q = eu();
    let deployer: Vec<String> =
        q.questions.iter().filter(|x| x.profiles.iter().any(|p| p == "deployer")).map(|x| x.id.clone()).collect();
    assert_eq!(walked, deployer, "nothing answered: every deployer question, in file order, and nothing else");
    assert_eq!(walked.len(), 6 + 37, "docs/eu-ai-act.md: 6 classification + 37 maturity questions for deployers");
    assert!(walked[..6].iter().all(|id| q.question(id).unwrap().is_classification()), "classifications first");
    // The cursor opens on the first question in scope.
    assert!(deployer.contains(&s.session.questionnaire().questions[s.ui.cursor()].id));

    // Both high-risk classifications answered no: the high-risk questions leave the walk ...
    let both = ["classify-annex-iii", "classify-product-safety"];
    let hr: BTreeSet<String> =
        q.questions.iter().filter(|x| x.applies_if == both && deployer.contains(&x.id)).map(|x| x.id.clone()).collect();
    assert!(hr.len() >= 3, "{hr:?}");
    let kept = hr.iter().next().unwrap().clone();
    answer(&mut s, &kept, 2);
    answer(&mut s, "classify-annex-iii", 0);
    let after_one = walk(&s);
    assert!(hr.iter().all(|id| after_one.contains(id)), "one no of two keeps them (the other is unknown)");
    for x in q.questions.iter().filter(|x| x.applies_if == [both[0]]) {
        assert!(!after_one.contains(&x.id), "{} depends on classify-annex-iii alone", x.id);
    }
    answer(&mut s, "classify-product-safety", 0);
    let narrowed = walk(&s);
    assert!(hr.iter().all(|id| !narrowed.contains(id)), "{narrowed:?}");
    assert!(s.session.assessment().respondents[0].answers.contains_key(&kept), "an excluded question keeps its answer");
    // ... and come back at once when one is changed to yes; no answer was lost meanwhile.
    answer(&mut s, "classify-product-safety", 1);
    let back = walk(&s);
    assert!(hr.iter().all(|id| back.contains(id)), "{back:?}");
    assert_eq!(s.session.assessment().respondents[0].answers.len(), 3);
}

#[test]
fn no_profile_chosen_walks_everything() {
    assert_eq!(walk(&state(&[])).len(), eu().questions.len());
}

#[test]
fn a_providers_report_shows_every_cited_article_with_score_and_date() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("ws");
    let w = ws.to_str().unwrap();
    let (code, _, err) = aira(home.path(), &["init", w, "--questionnaire", EU, "--profile", "provider"]);
    assert_eq!(code, 0, "{err}");
    for (id, level) in [("plan-govern-operator-roles", "3"), ("classify-annex-iii", "yes")] {
        let (code, _, err) = aira(home.path(), &["-w", w, "answer", id, level]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, md, err) = aira(home.path(), &["-w", w, "report", "--format", "md"]);
    assert_eq!(code, 0, "{err}");
    let q = eu();
    let eu_family = frameworks::registry().family("eu").unwrap();
    let section = &md[md.find("## EU AI Act coverage").unwrap()..];
    let section = &section[..section[3..].find("\n## ").unwrap()];
    // In scope for a provider with nothing answered no: in profile, and naming no
    // classification or one a provider is asked (one outside the profile counts as no).
    let provider = |x: &questionnaire::Question| x.profiles.iter().any(|p| p == "provider");
    let asked = |c: &String| q.question(c).is_some_and(provider);
    let mut cited = BTreeSet::new();
    // Classification questions are not scored, so the articles only they cite (Art.51) have
    // no row.
    let scored = |x: &&questionnaire::Question| !x.is_classification() && provider(x);
    for x in q.questions.iter().filter(scored).filter(|x| x.applies_if.is_empty() || x.applies_if.iter().any(asked)) {
        cited.extend(x.cited("eu").iter().cloned());
    }
    assert!(cited.len() >= 20, "{cited:?}");
    assert!(!section.contains("| Art.51 |"), "cited by classification questions only");
    for art in &cited {
        let e = eu_family.entry(art).unwrap();
        let date = frameworks::long_date(e.applies_from.as_deref().unwrap());
        let row = section.lines().find(|l| l.starts_with(&format!("| {art} |"))).unwrap_or_else(|| panic!("{art}"));
        assert!(row.contains(&format!("| applies from {date} |")), "{row}");
    }
    // The answered article carries its score: Art.2 and Art.25 from plan-govern-operator-roles.
    let art2 = section.lines().find(|l| l.starts_with("| Art.2 |")).unwrap();
    assert!(art2.contains("| 3.0 | 1 | 1 of 1 |"), "{art2}");
    assert!(md.contains("| classify-annex-iii |") && md.contains("| yes |"), "classification answers shown");
    assert!(md.contains("## Crosswalk") && md.contains("| GV-1.1 | 4.1 | Art.2, Art.25 |"), "{md}");
    // Classifications are not scored: the provider's total is its maturity questions only.
    let (_, json, _) = aira(home.path(), &["-w", w, "score", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["overall"]["total"], 51, "docs/eu-ai-act.md: 51 maturity questions for providers");
    assert_eq!(v["overall"]["answered"], 1);
}

#[test]
fn profiles_are_chosen_at_init_and_changed_later() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("ws");
    let w = ws.to_str().unwrap();
    let args = ["init", w, "--questionnaire", EU, "--profile", "provider", "--profile", "deployer,importer"];
    assert_eq!(aira(home.path(), &args).0, 0);
    let meta = std::fs::read_to_string(ws.join("workspace.toml")).unwrap();
    assert!(meta.contains("profiles = [\"provider\", \"deployer\", \"importer\"]"), "{meta}");
    let (code, _, err) = aira(home.path(), &["-w", w, "profile", "set", "deployr"]);
    assert_eq!(code, 1);
    assert!(err.contains("no profile `deployr` (did you mean `deployer`?)"), "{err}");
    assert!(std::fs::read_to_string(ws.join("workspace.toml")).unwrap().contains("\"importer\""), "unchanged");
    let (code, out, _) = aira(home.path(), &["-w", w, "profile", "set", "deployer"]);
    assert_eq!(code, 0);
    assert!(out.contains("[x] deployer") && out.contains("[ ] provider"), "{out}");
    let (_, json, _) = aira(home.path(), &["-w", w, "score", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["overall"]["total"], 37);
    // A typo at init leaves no workspace behind.
    let bad = home.path().join("bad");
    assert_eq!(aira(home.path(), &["init", bad.to_str().unwrap(), "--questionnaire", EU, "--profile", "x"]).0, 1);
    assert!(!bad.join("workspace.toml").exists());
    // Classification answers are yes or no.
    let (code, _, err) = aira(home.path(), &["-w", w, "answer", "classify-annex-iii", "3"]);
    assert_eq!(code, 1);
    assert!(err.contains("is a classification question: answer `yes` or `no`"), "{err}");
}

#[test]
fn a_fourth_family_is_scored_and_reported_from_a_data_file_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let zed = std::fs::read_to_string(root.join("tests/fixtures/frameworks/zed.toml")).unwrap();
    let text = std::fs::read_to_string(root.join("tests/fixtures/zed-questionnaire.toml")).unwrap();
    // Without the data file the key means nothing: the loader refuses it.
    assert!(questionnaire::parse("zed-questionnaire.toml", &text).is_err());
    let families = Registry::from_files(frameworks::FILES.iter().copied().chain([("zed.toml", zed.as_str())])).unwrap();
    let q = questionnaire::parse_with("zed-questionnaire.toml", &text, &families).unwrap();
    let meta: aira_core::engagement::Engagement =
        toml::from_str("format = 1\n[questionnaire]\nid = \"zed-check\"\nversion = \"1\"\nsha256 = \"x\"\n").unwrap();
    let mut r = Respondent::new("ann", "Ann");
    for (id, l) in [("register", 2), ("testing", 4)] {
        r.answers.insert(id.into(), Answer { value: Some(Value::Level(l)), ..Default::default() });
    }
    let a = Assessment { respondents: vec![r], ..Default::default() };
    let report = aira_core::report::Report::with_families(&meta, &q, &a, "2030-01-01T00:00:00Z", &families);
    let z = report.families.iter().find(|f| f.key == "zed").unwrap();
    let scores: Vec<(&str, Option<f64>)> = z.rows.iter().map(|x| (x.id.as_str(), x.score.tally.score)).collect();
    // Z-1: (2×1 + 4×3) / 4 = 3.5; Z-2: 4.
    assert_eq!(scores, [("Z-1", Some(3.5)), ("Z-2", Some(4.0))]);
    let md = aira_report::markdown::full(&report);
    assert!(md.contains("## Zed Code of Practice coverage"), "{md}");
    assert!(md.contains("| Z-1 | Keep a register | applies from 2 January 2030 | 3.5 | 2 | 2 of 2 |"), "{md}");
    assert!(md.contains("| Z-2 | Test before release | applies from 30 June 2031 | 4.0 | 1 | 1 of 1 |"), "{md}");
    assert!(md.contains("| Question | Level | NIST AI RMF | Zed Code of Practice |"), "crosswalk column");
    let html = aira_report::html::full(&report);
    assert!(html.contains("<section id=\"cov-zed\"><h2>Zed Code of Practice coverage</h2>"));
    let json = serde_json::to_value(aira_report::json::full(&report)).unwrap();
    assert_eq!(json["families"][0]["key"], "zed");
    assert_eq!(json["families"][0]["entries"][1]["applies_from"], "2031-06-30");
}
