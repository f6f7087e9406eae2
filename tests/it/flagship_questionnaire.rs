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

/// Where a lead auditor's reading of what a question asks beats the crosswalk (which links a
/// NIST subcategory to ISO text, not to our questions): (question, ISO ref, why).
const DEPARTURES: &[(&str, &str, &str)] = &[
    (
        "do-govern-raising-concerns",
        "A.3.3",
        "staff concerns: GV-4.3/GV-2.1 fit; the crosswalk ties A.3.3 to MG-2.2 (sustaining value) only",
    ),
    ("do-manage-incident-communication", "A.8.4", "telling people about incidents is A.8.4 itself"),
    ("check-manage-incident-review", "A.8.4", "the review checks incident communication"),
    (
        "do-govern-documented-information",
        "7.5.3",
        "versions, access and retention are control of documented information",
    ),
    ("do-measure-security", "A.6.2.4", "security testing is verification and validation"),
    ("do-measure-transparency", "A.8.2", "telling users about AI is information for users"),
    ("do-measure-accountability", "A.6.2.8", "tracing an outcome needs the event logs"),
    ("do-manage-residual-risk", "8.3", "residual risk is accepted as part of risk treatment"),
    ("do-manage-residual-risk-disclosure", "A.10.4", "customers are told what risk remains"),
    ("do-map-data-rights", "A.7.3", "the right to use data is settled when it is acquired"),
    ("check-govern-policy-review", "5.2", "the review keeps the 5.2 policy current"),
];

fn departs(q: &str, iso: &str) -> bool {
    DEPARTURES.iter().any(|(id, r, _)| *id == q && *r == iso)
}

#[test]
fn reference_lists_agree_with_the_crosswalk_phase() {
    // Check and Act questions cite clause 9 and 10 respectively when they cite clauses at all.
    for q in flagship().questions {
        let clauses: Vec<&str> =
            q.iso.iter().map(String::as_str).filter(|r| !r.starts_with("A.") && !departs(&q.id, r)).collect();
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
                linked.contains(iso.as_str())
                    || purposeful
                    || unlinked.contains(&iso.as_str())
                    || q.nist.is_empty()
                    || departs(&q.id, iso),
                "{} cites {iso}, which none of its NIST ids {:?} links to",
                q.id,
                q.nist
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Version 2 (issue 18): lead-auditor grade.
// ---------------------------------------------------------------------------------------------

const V1: &str = include_str!("../fixtures/ai-governance-readiness-1.0.0.toml");

fn v1() -> Questionnaire {
    parse("ai-governance-readiness-1.0.0.toml", V1).unwrap()
}

/// v1 questions split in two: the new question that is not the old one's own successor.
const SPLITS: &[(&str, &str)] = &[
    ("plan-govern-risk-method", "plan-govern-risk-tiering"),
    ("plan-measure-metric-selection", "plan-measure-unmeasured-risks"),
    ("do-govern-testing-incident-culture", "do-govern-incident-reporting"),
    ("do-govern-documented-information", "do-govern-documentation-set"),
    ("do-govern-training-awareness", "do-govern-policy-awareness"),
    ("do-map-data-acquisition", "do-map-data-rights"),
    ("do-measure-transparency-accountability", "do-measure-accountability"),
    ("do-measure-human-subjects", "do-measure-participant-representativeness"),
    ("do-measure-explainability", "do-measure-output-interpretation"),
    ("do-measure-user-feedback-appeals", "do-measure-feedback-in-metrics"),
    ("do-manage-residual-risk", "do-manage-residual-risk-disclosure"),
    ("do-manage-resources-and-alternatives", "do-manage-non-ai-alternatives"),
    ("do-manage-incident-response", "do-manage-incident-communication"),
    ("check-govern-management-review", "check-govern-review-inputs"),
    ("act-map-reassess-after-change", "do-map-planned-change-reassessment"),
];

/// The v2 questions that carry on v1 question `old`: itself, the one that replaces it, and the
/// other half of a split.
fn successors<'q>(q: &'q Questionnaire, old: &str) -> Vec<&'q aira_core::questionnaire::Question> {
    let split: Vec<&str> = SPLITS.iter().filter(|(o, _)| *o == old).map(|(_, n)| *n).collect();
    let found: Vec<_> = q
        .questions
        .iter()
        .filter(|x| x.id == old || x.replaces.iter().any(|r| r == old) || split.contains(&x.id.as_str()))
        .collect();
    assert!(!found.is_empty(), "v1 question {old} has no successor");
    found
}

fn cites(qs: &[&aira_core::questionnaire::Question], r: &str) -> bool {
    qs.iter().any(|x| x.references().any(|y| y == r))
}

fn quick(q: &aira_core::questionnaire::Question) -> bool {
    q.profiles.iter().any(|p| p == "quick")
}

#[test]
fn version_two_with_a_scale_that_says_what_ready_means() {
    let q = flagship();
    assert_eq!(q.version, "2.0.0");
    assert_eq!(q.scale.name(4), "Measured", "level 4 is not CMMI's 'Managed' (its level 2)");
    let zero = &q.scale.level(0).unwrap().description;
    assert!(!zero.to_lowercase().contains("risk"), "level 0 must fit questions that are not about risk: {zero}");
    let d = q.scale.description.to_lowercase();
    assert!(d.contains("certification") && d.contains("level 3") && d.contains("record"), "{d}");
}

#[test]
fn the_reference_fixes_of_issue_18_hold() {
    let q = flagship();
    // (v1 question, refs its successors must cite, refs none of them may cite)
    let fixes: &[(&str, &[&str], &[&str])] = &[
        ("do-manage-raising-concerns", &["GV-4.3", "GV-2.1", "A.3.3"], &["MG-2.2"]),
        ("do-manage-incident-response", &["A.8.4"], &[]),
        ("check-manage-incident-review", &["A.8.4"], &[]),
        ("plan-measure-policy-alignment", &["A.2.3"], &["A.5.2"]),
        ("act-map-scope-gaps", &["GV-1.6"], &["MP-3.3"]),
        ("do-measure-security", &["A.6.2.4", "A.2.3"], &["A.6.2.3", "A.7.2"]),
        ("do-measure-transparency-accountability", &["A.8.2", "A.6.2.8"], &["A.5.5"]),
        ("do-measure-expert-informed", &[], &["A.8.3"]),
        ("check-measure-field-validation", &[], &["9.2.1"]),
        ("act-measure-new-methods", &[], &["A.6.2.8"]),
        ("do-manage-residual-risk", &["8.3", "A.10.4"], &[]),
        ("do-map-people-and-society", &["MP-5.1"], &["MP-1.6"]),
        ("plan-measure-acceptance-criteria", &["MP-1.6", "A.6.2.2"], &[]),
        ("plan-map-use-case-purpose", &["MP-1.1", "MP-1.4"], &[]),
        ("do-map-data-acquisition", &["MP-4.1"], &[]),
        ("check-govern-policy-review", &["GV-1.5", "5.2", "A.2.4"], &[]),
        ("do-map-context-awareness", &["7.3"], &["7.5.3"]),
    ];
    for (old, must, never) in fixes {
        let s = successors(&q, old);
        for r in *must {
            assert!(cites(&s, r), "{old} (now {:?}) should cite {r}", s.iter().map(|x| &x.id).collect::<Vec<_>>());
        }
        for r in *never {
            assert!(!cites(&s, r), "{old} should no longer cite {r}");
        }
    }
    // 7.5.3 (control: versions, access, retention) is on the question that asks about it.
    let docs = q.question("do-govern-documented-information").unwrap();
    assert!(docs.iso.iter().any(|r| r == "7.5.3"), "{:?}", docs.iso);
    let policy = q.question("check-govern-policy-review").unwrap();
    assert!(!policy.text.starts_with("When was"), "a maturity, not a date: {}", policy.text);
}

#[test]
fn moved_questions_sit_where_they_belong() {
    let q = flagship();
    for old in ["do-manage-raising-concerns", "plan-measure-policy-alignment", "do-map-context-awareness"] {
        let s = successors(&q, old);
        assert!(s.iter().all(|x| x.function == Some(Function::Govern)), "{old} belongs to Govern");
    }
    // Planned change is done in Do (8.2/8.4, 6.3); reassessment after an incident is Act (10.2).
    let s = successors(&q, "act-map-reassess-after-change");
    let planned = s.iter().find(|x| x.phase == Some(Phase::Do)).expect("a Do half");
    assert!(planned.iso.iter().any(|r| r == "6.3") && planned.iso.iter().any(|r| r == "8.2" || r == "8.4"));
    let after = s.iter().find(|x| x.phase == Some(Phase::Act)).expect("an Act half");
    assert!(after.iso.iter().any(|r| r == "10.2"), "{:?}", after.iso);
}

#[test]
fn every_question_asks_one_thing() {
    // The joins that made v1 texts ask two questions at once (many after a compound NIST sentence).
    let joins = [" and how ", " and who ", " and what ", " and whether ", " and which ", " and when ", ", and how"];
    for x in flagship().questions {
        let t = x.text.to_lowercase();
        for j in joins {
            assert!(!t.contains(j), "{} asks two things (`{}`): {}", x.id, j.trim(), x.text);
        }
        assert!(!t.starts_with("when was"), "{}: a fact, not a maturity", x.id);
    }
}

/// Words that carry meaning, for comparing two question texts.
fn content_words(s: &str) -> BTreeSet<String> {
    const STOP: &[&str] = &[
        "about",
        "after",
        "their",
        "there",
        "these",
        "those",
        "which",
        "would",
        "could",
        "other",
        "every",
        "where",
        "while",
        "with",
        "your",
        "from",
        "into",
        "that",
        "this",
        "what",
        "when",
        "does",
        "have",
        "they",
        "them",
        "well",
        "much",
        "many",
        "each",
        "such",
        "than",
        "then",
        "will",
        "been",
        "being",
        "over",
        "only",
        "also",
        "system",
        "systems",
        "organisation",
        "organisation's",
    ];
    words(s).into_iter().filter(|w| w.len() > 3 && !STOP.contains(&w.as_str())).collect()
}

#[test]
fn no_near_duplicate_questions() {
    let q = flagship();
    for (a, b) in [
        ("act-govern-feedback-integration", "act-map-requirements-feedback"),
        ("check-measure-metric-effectiveness", "act-measure-improve-metrics"),
    ] {
        assert!(q.question(a).is_none() || q.question(b).is_none(), "{a} and {b} ask the same thing");
    }
    let sets: Vec<(&str, BTreeSet<String>)> =
        q.questions.iter().map(|x| (x.id.as_str(), content_words(&x.text))).collect();
    for (i, (a, wa)) in sets.iter().enumerate() {
        for (b, wb) in &sets[i + 1..] {
            let shared = wa.intersection(wb).count() as f64;
            let jaccard = shared / wa.union(wb).count().max(1) as f64;
            assert!(jaccard < 0.4, "{a} and {b} read alike ({jaccard:.2}): {wa:?} / {wb:?}");
        }
    }
}

#[test]
fn every_question_has_an_action_a_section_and_roles_that_filter() {
    let q = flagship();
    assert!(q.roles.len() >= 8, "the questionnaire declares its role vocabulary");
    let mut per_role: HashMap<&str, usize> = HashMap::new();
    for x in &q.questions {
        let a = x.action.trim();
        assert!(!a.is_empty(), "{} has no recommended action", x.id);
        let sentences = a.matches(['.', '!', '?']).count();
        assert!((1..=2).contains(&sentences) && a.ends_with('.'), "{}: action in one or two sentences: {a}", x.id);
        assert!((1..=3).contains(&x.roles.len()), "{} names {} roles", x.id, x.roles.len());
        for r in &x.roles {
            *per_role.entry(r.as_str()).or_default() += 1;
        }
        // `section` is "<id> <title>" of an ISO ref the question cites, or of its clause or group.
        let (id, title) = x.section.split_once(' ').unwrap_or_else(|| panic!("{}: section `{}`", x.id, x.section));
        assert_eq!(aira_core::frameworks::title(id), Some(title), "{}: section `{}`", x.id, x.section);
        let covers = |r: &String| r == id || r.starts_with(&format!("{id}."));
        assert!(x.iso.iter().any(covers), "{}: section {id} is not among or above {:?}", x.id, x.iso);
    }
    let n = q.questions.len();
    for role in &q.roles {
        let used = per_role.get(role.id.as_str()).copied().unwrap_or(0);
        assert!(used > 0, "role {} is declared but no question uses it", role.id);
        assert!(used * 10 <= n * 4, "role {} is on {used} of {n} questions: the filter would not narrow", role.id);
    }
}

#[test]
fn guidance_anchors_the_levels() {
    for x in flagship().questions {
        let g = x.guidance.to_lowercase();
        for level in ["level 1", "level 3", "level 4", "level 5"] {
            assert!(g.contains(level), "{} guidance does not anchor {level}", x.id);
        }
        assert!(g.find("level 3") < g.find("level 4"), "{}: 3 is described before 4", x.id);
    }
}

#[test]
fn quick_profile_asks_what_a_stage_one_audit_asks_first() {
    let q = flagship();
    let cited: BTreeSet<&str> =
        q.questions.iter().filter(|x| quick(x)).flat_map(|x| x.iso.iter().map(String::as_str)).collect();
    for r in ["4.3", "5.3", "6.1.4", "6.2", "6.1.3"] {
        assert!(cited.contains(r), "the quick profile does not cite {r}");
    }
    assert!(cited.iter().any(|r| r.starts_with("7.5.")), "the quick profile does not cite 7.5");
}

#[test]
fn stage_one_topics_are_asked() {
    let q = flagship();
    let asks = |words: &[&str], r: &str| {
        q.questions.iter().any(|x| {
            let t = x.text.to_lowercase();
            words.iter().all(|w| t.contains(w)) && x.iso.iter().any(|y| y == r)
        })
    };
    assert!(asks(&["statement of applicability"], "6.1.3"), "SoA");
    assert!(asks(&["provider", "deployer", "eu ai act"], "4.1"), "the organisation's AI role(s)");
    assert!(asks(&["opportunities"], "6.1.1"), "risks and opportunities");
    assert!(asks(&["objective"], "6.2"), "planning to achieve objectives");
    assert!(asks(&["management review"], "9.3.2"), "management review inputs");
    assert!(asks(&["internal audit", "management review", "cycle"], "9.2.1"), "one full cycle before stage 2");
    assert!(asks(&["customer"], "A.10.4"), "customer-side duties");
    assert!(asks(&["acceptable"], "A.9.2"), "acceptable use");
    assert!(asks(&["public generative-ai"], "A.9.2"), "staff use of public generative-AI tools");
}

#[test]
fn every_v1_question_lives_on_or_is_replaced() {
    let q = flagship();
    let old = v1();
    assert_eq!(old.questions.len(), 107);
    for x in &old.questions {
        let kept = q.question(&x.id).is_some() || q.questions.iter().any(|y| y.replaces.contains(&x.id));
        assert!(kept, "v1 question {} is neither in v2 nor in any `replaces`: its answers would be orphaned", x.id);
    }
}

#[test]
fn aira_check_finds_nothing() {
    let b = default_builtin();
    let (_, diags) = aira_core::questionnaire::check(b.text);
    assert_eq!(diags, [], "`aira check` must report no error and no warning");
}

/// Found walking the quick profile in the wizard as a stage 1 interview: it should open with
/// who the organisation is in AI terms (4.1), and ask for the risk assessment method itself.
#[test]
fn quick_profile_reads_like_a_stage_one_interview() {
    let q = flagship();
    let walk: Vec<_> = q.questions.iter().filter(|x| quick(x)).collect();
    assert!(walk[0].iso.iter().any(|r| r == "4.1"), "the walk opens with {}", walk[0].id);
    let method = walk.iter().any(|x| ["6.1.2", "6.1.3"].iter().all(|r| x.iso.iter().any(|y| y == r)));
    assert!(method, "no quick question asks for the risk assessment and treatment method (6.1.2 with 6.1.3)");
}
