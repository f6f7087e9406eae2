//! The EU AI Act questionnaire (questionnaires/eu-ai-act-readiness.toml) is complete, cites
//! real ids of every family, fills the heatmap, and is written in aira's own words. Read with
//! `toml` directly, independently of aira's loader, so the two check each other.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::family_support::{entries, families, read_toml, str_of, words};
use serde::Deserialize;
use toml::Value;

const FILE: &str = "questionnaires/eu-ai-act-readiness.toml";
const MUST_CITE: &[u32] = &[4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 17, 26, 27, 43, 49, 50, 53, 55, 72, 73];
const PHASES: [&str; 4] = ["plan", "do", "check", "act"];
const FUNCTIONS: [&str; 4] = ["govern", "map", "measure", "manage"];
const OPERATORS: [&str; 5] = ["provider", "deployer", "importer", "distributor", "gpai-provider"];
const CLASSIFICATION: &str = "classification";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: i64,
    questionnaire: Meta,
    scale: Scale,
    role: Vec<Decl>,
    profile: Vec<Decl>,
    question: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Meta {
    id: String,
    title: String,
    version: String,
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scale {
    min: i64,
    max: i64,
    level: Vec<Level>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Level {
    value: i64,
    name: String,
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Decl {
    id: String,
    name: String,
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Question {
    id: String,
    kind: Option<String>,
    phase: Option<String>,
    function: Option<String>,
    section: String,
    text: String,
    guidance: String,
    action: String,
    evidence: Vec<String>,
    roles: Vec<String>,
    profiles: Vec<String>,
    #[serde(default)]
    applies_if: Vec<String>,
    #[serde(default)]
    nist: Vec<String>,
    #[serde(default)]
    iso: Vec<String>,
    #[serde(default)]
    eu: Vec<String>,
    #[serde(default)]
    gai: Vec<String>,
    weight: Option<f64>,
}

impl Question {
    fn classifies(&self) -> bool {
        self.kind.as_deref() == Some(CLASSIFICATION)
    }
}

fn load() -> File {
    let text =
        std::fs::read_to_string(crate::family_support::root().join(FILE)).unwrap_or_else(|e| panic!("{FILE}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{FILE}: {e}"))
}

/// The cited ids of one family, read generically: the question field named by the family key.
fn cited<'q>(q: &'q Question, key: &str) -> &'q [String] {
    match key {
        "nist" => &q.nist,
        "iso" => &q.iso,
        "eu" => &q.eu,
        "gai" => &q.gai,
        other => panic!("a family `{other}` the test does not know; add its field"),
    }
}

#[test]
fn size_format_and_scale() {
    let f = load();
    assert_eq!(f.format, 1);
    assert_eq!(f.questionnaire.id, "eu-ai-act-readiness");
    assert!((40..=100).contains(&f.question.len()), "{} questions", f.question.len());
    assert_eq!((f.scale.min, f.scale.max), (0, 5));
    let names: Vec<&str> = f.scale.level.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Not started", "Initial", "Developing", "Defined", "Measured", "Optimising"]);
    assert!(f.scale.level.iter().enumerate().all(|(i, l)| l.value == i as i64 && !l.description.trim().is_empty()));
    let mut ids = BTreeSet::new();
    for q in &f.question {
        assert!(ids.insert(q.id.as_str()), "question id {} twice", q.id);
        assert!(q.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", q.id);
        assert!(q.weight.is_none_or(|w| w > 0.0 && w.is_finite()), "{}", q.id);
    }
}

#[test]
fn every_cell_of_the_grid_has_questions_and_the_walk_is_ordered() {
    let f = load();
    let mut cells: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut last = (0, 0);
    let mut seen_maturity = false;
    for q in &f.question {
        if q.classifies() {
            assert!(!seen_maturity, "classification question {} comes after maturity questions", q.id);
            assert!(q.phase.is_none() && q.function.is_none(), "{}: classification is not on the heatmap", q.id);
            continue;
        }
        seen_maturity = true;
        let p = PHASES.iter().position(|p| Some(*p) == q.phase.as_deref()).unwrap_or_else(|| panic!("{} phase", q.id));
        let fun = FUNCTIONS.iter().position(|x| Some(*x) == q.function.as_deref());
        let fun = fun.unwrap_or_else(|| panic!("{} function", q.id));
        assert!((p, fun) >= last, "{} is out of phase/function order", q.id);
        last = (p, fun);
        *cells.entry((p, fun)).or_default() += 1;
    }
    for (p, phase) in PHASES.iter().enumerate() {
        for (x, function) in FUNCTIONS.iter().enumerate() {
            let n = cells.get(&(p, x)).copied().unwrap_or_default();
            assert!(n >= 2, "{phase} x {function} has {n} questions");
        }
    }
}

#[test]
fn every_cited_id_exists_in_its_family() {
    let f = load();
    let fams = families();
    for q in &f.question {
        for fam in fams.values() {
            for id in cited(q, &fam.key) {
                assert!(fam.cite.contains(id), "{} cites {id} under `{}`, not in {}", q.id, fam.key, fam.file);
            }
        }
        assert!(!q.eu.is_empty(), "{} rests on no article", q.id);
    }
}

#[test]
fn cites_the_key_articles_and_every_generative_ai_risk() {
    let f = load();
    let eu: BTreeSet<&str> = f.question.iter().flat_map(|q| q.eu.iter().map(String::as_str)).collect();
    let missing: Vec<String> =
        MUST_CITE.iter().map(|n| format!("Art.{n}")).filter(|a| !eu.contains(a.as_str())).collect();
    assert!(missing.is_empty(), "articles no question cites: {missing:?}");
    let fams = families();
    let gai: BTreeSet<&str> = f.question.iter().flat_map(|q| q.gai.iter().map(String::as_str)).collect();
    let missing: Vec<&String> = fams["gai"].cite.iter().filter(|r| !gai.contains(r.as_str())).collect();
    assert!(missing.is_empty(), "GAI risks no question cites: {missing:?}");
    // A question citing a risk also cites a subcategory the risk is filed under, so the
    // answer counts where the profile puts the risk.
    let filed: HashMap<&str, Vec<&str>> = entries(&fams["gai"].doc, "risk")
        .into_iter()
        .map(|r| {
            let subs = r["nist"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
            (str_of(r, "id").unwrap(), subs)
        })
        .collect();
    for q in &f.question {
        for r in &q.gai {
            assert!(
                filed[r.as_str()].iter().any(|s| q.nist.iter().any(|n| n == s)),
                "{} cites {r} but none of {:?}",
                q.id,
                filed[r.as_str()]
            );
        }
    }
}

#[test]
fn every_question_is_complete() {
    let f = load();
    let roles: BTreeSet<&str> = f.role.iter().map(|r| r.id.as_str()).collect();
    let profiles: BTreeSet<&str> = f.profile.iter().map(|p| p.id.as_str()).collect();
    for d in f.role.iter().chain(&f.profile) {
        assert!(!d.name.trim().is_empty() && !d.description.trim().is_empty(), "declaration {} is bare", d.id);
    }
    assert_eq!(roles.len(), f.role.len(), "a role is declared twice");
    assert_eq!(profiles.into_iter().collect::<Vec<_>>(), {
        let mut o = OPERATORS.to_vec();
        o.sort_unstable();
        o
    });
    let mut used_roles = BTreeSet::new();
    for q in &f.question {
        let id = &q.id;
        assert_eq!(q.text.matches('?').count(), 1, "{id} should ask exactly one question");
        assert!(!q.section.trim().is_empty(), "{id} has no section");
        assert!((2..=4).contains(&q.evidence.len()), "{id} has {} evidence items", q.evidence.len());
        assert!(q.evidence.iter().all(|e| !e.trim().is_empty()), "{id} has a blank evidence item");
        assert!((1..=3).contains(&q.roles.len()), "{id} names {} roles", q.roles.len());
        for r in &q.roles {
            assert!(roles.contains(r.as_str()), "{id}: role {r} is not declared");
            used_roles.insert(r.as_str());
        }
        assert!(!q.profiles.is_empty(), "{id} is in no profile");
        assert!(q.profiles.iter().all(|p| OPERATORS.contains(&p.as_str())), "{id}: {:?}", q.profiles);
        // A sentence ends at ". " before a capital ("Art. 5" does not end one).
        let sentences = q.action.split(". ").skip(1).filter(|s| s.starts_with(char::is_uppercase)).count() + 1;
        assert!(!q.action.trim().is_empty() && sentences <= 2 && q.action.ends_with('.'), "{id}: action");
        if q.classifies() {
            let yes_no = ["Does ", "Do ", "Is ", "Are ", "Has ", "Have "];
            assert!(yes_no.iter().any(|s| q.text.starts_with(s)), "{id}: a classification asks yes or no");
        } else {
            assert!(q.kind.is_none(), "{id}: unknown kind {:?}", q.kind);
            assert!(q.text.starts_with("How ") || q.text.starts_with("To what extent "), "{id}: ask for maturity");
            for level in ["level 2", "level 3", "level 4"] {
                assert!(q.guidance.contains(level), "{id}: guidance has no anchor for {level}");
            }
        }
    }
    let unused: Vec<&&str> = roles.iter().filter(|r| !used_roles.contains(**r)).collect();
    assert!(unused.is_empty(), "declared roles no question uses: {unused:?}");
}

#[test]
fn profiles_are_operators_of_the_articles_cited() {
    let fams = families();
    let operators: HashMap<&str, Vec<&str>> = entries(&fams["eu"].doc, "article")
        .into_iter()
        .map(|a| {
            let ops = a.get("operators").and_then(Value::as_array).into_iter().flatten();
            (str_of(a, "id").unwrap(), ops.filter_map(Value::as_str).collect())
        })
        .collect();
    let f = load();
    for q in f.question.iter().filter(|q| !q.classifies()) {
        for p in &q.profiles {
            let carried = q.eu.iter().any(|a| operators[a.as_str()].contains(&p.as_str()));
            assert!(carried, "{}: no article it cites ({:?}) puts a duty on a {p}", q.id, q.eu);
        }
    }
    for op in OPERATORS {
        assert!(f.question.iter().any(|q| !q.classifies() && q.profiles.iter().any(|p| p == op)), "no {op} questions");
    }
}

/// Stricter than the test above: every obligation article a maturity question cites (one
/// with `operators` in assets/frameworks/eu-ai-act.toml) falls on at least one of the
/// question's profiles, so a deployer question never rests on a provider-only article.
#[test]
fn every_cited_obligation_falls_on_one_of_the_profiles() {
    let fams = families();
    let operators: HashMap<&str, Vec<&str>> = entries(&fams["eu"].doc, "article")
        .into_iter()
        .map(|a| {
            let ops = a.get("operators").and_then(Value::as_array).into_iter().flatten();
            (str_of(a, "id").unwrap(), ops.filter_map(Value::as_str).collect())
        })
        .collect();
    let f = load();
    let mut wrong = Vec::new();
    for q in f.question.iter().filter(|q| !q.classifies()) {
        for a in &q.eu {
            let ops = &operators[a.as_str()];
            if !ops.is_empty() && !ops.iter().any(|o| q.profiles.iter().any(|p| p == o)) {
                wrong.push(format!("{} ({:?}) cites {a}, a duty of {ops:?}", q.id, q.profiles));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn applies_if_names_a_classification_question() {
    let f = load();
    let classes: BTreeSet<&str> = f.question.iter().filter(|q| q.classifies()).map(|q| q.id.as_str()).collect();
    assert!(classes.len() >= 4, "{classes:?}");
    let mut used = BTreeSet::new();
    for q in &f.question {
        assert!(!q.classifies() || q.applies_if.is_empty(), "{}: classifications do not depend on others", q.id);
        for c in &q.applies_if {
            assert!(classes.contains(c.as_str()), "{}: applies_if names {c}, no classification question", q.id);
            used.insert(c.as_str());
        }
    }
    let idle: Vec<&&str> = classes.iter().filter(|c| !used.contains(**c)).collect();
    assert!(idle.len() <= 1, "classifications that decide nothing: {idle:?}");
}

#[test]
fn wording_is_original() {
    #[derive(Deserialize)]
    struct Texts {
        text: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Entry {
        id: String,
        text: String,
    }
    let texts: Texts = toml::from_str(
        &std::fs::read_to_string(crate::family_support::root().join("tests/fixtures/eu-ai-act-texts.toml")).unwrap(),
    )
    .unwrap();
    let f = load();
    // The fixture keeps exactly the articles the questionnaire cites (and the Annex III list
    // the classification paraphrases), so every cited text is checked and nothing else kept.
    let kept: BTreeSet<&str> = texts.text.iter().map(|t| t.id.as_str()).collect();
    let mut want: BTreeSet<&str> = f.question.iter().flat_map(|q| q.eu.iter().map(String::as_str)).collect();
    want.insert("AnnexIII");
    assert_eq!(kept, want, "tests/fixtures/eu-ai-act-texts.toml should hold the cited articles");
    let mut runs: HashMap<Vec<String>, &str> = HashMap::new();
    for t in &texts.text {
        assert!(words(&t.text).len() > 20, "{}: the text looks truncated", t.id);
        for w in words(&t.text).windows(8) {
            runs.insert(w.to_vec(), &t.id);
        }
    }
    for q in &f.question {
        for (field, text) in [("text", &q.text), ("guidance", &q.guidance), ("action", &q.action)] {
            for w in words(text).windows(8) {
                if let Some(id) = runs.get(w) {
                    panic!("{} {field} shares \"{}\" with {id}", q.id, w.join(" "));
                }
            }
        }
    }
}

#[test]
fn iso_references_follow_the_crosswalk_and_the_phase() {
    let cw = read_toml("assets/frameworks/crosswalk.toml");
    let links = cw["by_subcategory"].as_table().unwrap();
    let unlinked = ["4.2", "6.3", "7.5.1", "7.5.2", "8.1"];
    for q in load().question {
        let linked: BTreeSet<&str> = q
            .nist
            .iter()
            .flat_map(|n| links.get(n).and_then(Value::as_array).into_iter().flatten())
            .filter_map(Value::as_str)
            .collect();
        for iso in &q.iso {
            let clause = !iso.starts_with("A.");
            match q.phase.as_deref() {
                Some("check") if clause => assert!(iso.starts_with("9."), "{}: a Check question cites {iso}", q.id),
                Some("act") if clause => assert!(iso.starts_with("10."), "{}: an Act question cites {iso}", q.id),
                _ => {}
            }
            let purposeful = matches!(q.phase.as_deref(), Some("check" | "act")) && clause;
            assert!(
                linked.contains(iso.as_str()) || purposeful || unlinked.contains(&iso.as_str()) || q.nist.is_empty(),
                "{} cites {iso}, which none of its NIST ids {:?} links to",
                q.id,
                q.nist
            );
        }
    }
}

/// A fifth family file must not go unchecked: `cited` panics on a key it does not read.
#[test]
fn the_test_knows_every_family() {
    let q = load().question.into_iter().next().unwrap();
    for key in families().keys() {
        let _ = cited(&q, key);
    }
}
