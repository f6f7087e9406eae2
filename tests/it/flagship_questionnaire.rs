//! The built-in questionnaire covers both frameworks completely, fills every heatmap cell,
//! and is written in aira's own words.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeSet, HashMap};

use aira_core::questionnaire::{Function, Phase, Questionnaire, default_builtin, parse};

fn flagship() -> Questionnaire {
    let b = default_builtin();
    parse(b.file, b.text).unwrap_or_else(|e| panic!("{e}"))
}

const ISO_CLAUSES: &[&str] = &[
    "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2", "6.3", "7.1", "7.2",
    "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2", "8.3", "8.4", "9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2",
    "9.3.3", "10.1", "10.2",
];

#[test]
fn covers_every_nist_subcategory() {
    let q = flagship();
    let cited: BTreeSet<&str> = q.questions.iter().flat_map(|x| x.nist.iter().map(String::as_str)).collect();
    let all = &aira_core::frameworks::get().nist.subcategory;
    assert_eq!(all.len(), 72);
    let missing: Vec<&str> = all.iter().map(|s| s.id.as_str()).filter(|id| !cited.contains(id)).collect();
    assert!(missing.is_empty(), "NIST subcategories no question cites: {missing:?}");
}

#[test]
fn covers_every_iso_clause_and_annex_a_control() {
    let q = flagship();
    let cited: BTreeSet<&str> = q.questions.iter().flat_map(|x| x.iso.iter().map(String::as_str)).collect();
    let missing: Vec<&&str> = ISO_CLAUSES.iter().filter(|c| !cited.contains(**c)).collect();
    assert!(missing.is_empty(), "ISO clauses no question cites: {missing:?}");
    let controls = &aira_core::frameworks::get().iso.control;
    assert_eq!(controls.len(), 38);
    let missing: Vec<&str> = controls.iter().map(|c| c.id.as_str()).filter(|id| !cited.contains(id)).collect();
    assert!(missing.is_empty(), "Annex A controls no question cites: {missing:?}");
}

#[test]
fn every_cited_reference_exists() {
    for q in flagship().questions {
        for r in q.references() {
            assert!(aira_core::frameworks::exists(r), "{} cites unknown reference {r}", q.id);
        }
    }
}

#[test]
fn heatmap_has_no_hole_and_size_is_right() {
    let q = flagship();
    assert!((90..=140).contains(&q.questions.len()), "{} questions", q.questions.len());
    let mut cells: HashMap<(Phase, Function), (usize, usize)> = HashMap::new();
    for x in &q.questions {
        let key = (x.phase.expect("every question has a phase"), x.function.expect("and a function"));
        let e = cells.entry(key).or_default();
        e.0 += 1;
        if x.profiles.iter().any(|p| p == "quick") {
            e.1 += 1;
        }
    }
    for p in Phase::ALL {
        for f in Function::ALL {
            let (all, quick) = cells.get(&(p, f)).copied().unwrap_or_default();
            assert!(all >= 3, "{p:?} × {f:?} has {all} questions");
            assert!(quick >= 1, "{p:?} × {f:?} has no quick-profile question");
        }
    }
    let quick = q.questions.iter().filter(|x| x.profiles.iter().any(|p| p == "quick")).count();
    assert!((20..=30).contains(&quick), "quick profile has {quick}");
}

#[test]
fn every_question_is_complete() {
    let q = flagship();
    assert_eq!((q.scale.min, q.scale.max), (0, 5));
    assert_eq!(q.scale.levels.len(), 6);
    assert!(q.scale.levels.iter().all(|l| !l.name.is_empty() && !l.description.is_empty()));
    for x in &q.questions {
        assert!(!x.guidance.is_empty(), "{} has no guidance", x.id);
        assert!((2..=4).contains(&x.evidence.len()), "{} has {} evidence items", x.id, x.evidence.len());
        assert!(!x.roles.is_empty(), "{} names no role", x.id);
        assert!(!x.nist.is_empty() || !x.iso.is_empty(), "{} cites nothing", x.id);
        assert_eq!(x.text.matches('?').count(), 1, "{} should ask exactly one question", x.id);
    }
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[test]
fn wording_is_original() {
    #[derive(serde::Deserialize)]
    struct Texts {
        text: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        id: String,
        text: String,
    }
    let nist: Texts = toml::from_str(include_str!("../fixtures/nist-core-texts.toml")).unwrap();
    let mut runs: HashMap<Vec<String>, String> = HashMap::new();
    for e in &nist.text {
        for w in words(&e.text).windows(8) {
            runs.insert(w.to_vec(), e.id.clone());
        }
    }
    for q in flagship().questions {
        for (field, text) in [("text", &q.text), ("guidance", &q.guidance)] {
            for w in words(text).windows(8) {
                if let Some(id) = runs.get(w) {
                    panic!("{} {field} shares \"{}\" with NIST {id}", q.id, w.join(" "));
                }
            }
        }
    }
}

#[test]
fn reference_lists_agree_with_the_crosswalk_phase() {
    // Check and Act questions cite clause 9 and 10 respectively when they cite clauses at all.
    for q in flagship().questions {
        let clauses: Vec<&str> = q.iso.iter().map(String::as_str).filter(|r| !r.starts_with("A.")).collect();
        match q.phase {
            Some(Phase::Check) => assert!(clauses.iter().all(|c| c.starts_with("9.")), "{}: {clauses:?}", q.id),
            Some(Phase::Act) => assert!(clauses.iter().all(|c| c.starts_with("10.")), "{}: {clauses:?}", q.id),
            _ => {}
        }
    }
}

#[test]
fn iso_references_follow_the_crosswalk() {
    #[derive(serde::Deserialize)]
    struct Crosswalk {
        by_subcategory: HashMap<String, Vec<String>>,
    }
    let cw: Crosswalk = toml::from_str(include_str!("../../assets/frameworks/crosswalk.toml")).unwrap();
    // Clauses no crosswalk link cites still need questions; they cannot follow a link.
    let unlinked = ["4.2", "6.3", "7.5.1", "7.5.2", "8.1"];
    for q in flagship().questions {
        let linked: BTreeSet<&str> =
            q.nist.iter().flat_map(|n| cw.by_subcategory.get(n).into_iter().flatten()).map(String::as_str).collect();
        for iso in &q.iso {
            let purposeful = match q.phase {
                Some(Phase::Check) => iso.starts_with("9."),
                Some(Phase::Act) => iso.starts_with("10."),
                _ => false,
            };
            assert!(
                linked.contains(iso.as_str()) || purposeful || unlinked.contains(&iso.as_str()) || q.nist.is_empty(),
                "{} cites {iso}, which none of its NIST ids {:?} links to",
                q.id,
                q.nist
            );
        }
    }
}
