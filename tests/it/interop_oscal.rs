//! `aira report --format oscal|oscal-ap` from the real binary, validated against NIST's
//! complete OSCAL 1.1.2 JSON schema (tests/fixtures/oscal), and read back for the mapping rules.

use std::path::Path;

use serde_json::Value as Json;

fn nist() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/oscal/oscal_complete_schema.json"
    ))
    .unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &Json) -> Vec<String> {
    v.iter_errors(doc).map(|e| format!("{e} at {}", e.instance_path())).take(20).collect()
}

fn report(dir: &Path, args: &[&str]) -> Json {
    crate::interop_schemas::aira(dir, &[&["report"][..], args].concat())
}

#[test]
fn results_and_plan_validate_against_nists_schema() {
    let v = nist();
    for hostile in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        drop(crate::report_support::workspace(tmp.path(), hostile));
        for args in [&["--format", "oscal"][..], &["--format", "oscal-ap"], &["--format", "oscal", "--anonymise"]] {
            let doc = report(tmp.path(), args);
            assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{args:?} hostile={hostile}");
        }
    }
    // The schema is not vacuous: a version-1 UUID and a missing `collected` are refused.
    let tmp = tempfile::tempdir().unwrap();
    drop(crate::report_support::workspace(tmp.path(), false));
    let doc = report(tmp.path(), &["--format", "oscal"]);
    let mut bad = doc.clone();
    bad["assessment-results"]["uuid"] = "6fa459ea-ee8a-11d3-a8b6-00c04fd430c8".into();
    assert!(!errors(&v, &bad).is_empty());
    let mut bad = doc.clone();
    bad["assessment-results"]["results"][0]["observations"][0].as_object_mut().unwrap().remove("collected");
    assert!(!errors(&v, &bad).is_empty());
}

#[test]
fn results_follow_the_mapping_rules() {
    let tmp = tempfile::tempdir().unwrap();
    drop(crate::report_support::workspace(tmp.path(), false));
    let doc = report(tmp.path(), &["--format", "oscal"]);
    let full = report(tmp.path(), &["--format", "json"]);
    let ar = &doc["assessment-results"];
    assert_eq!(ar["import-ap"]["href"], "assessment-plan.json");
    assert_eq!(ar["metadata"]["oscal-version"], "1.1.2");
    let results = ar["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let result = &results[0];
    // One finding per scored question, satisfied exactly when level >= target.
    let scored: Vec<&Json> =
        full["questions"].as_array().unwrap().iter().filter(|q| q["status"] == "answered").collect();
    let findings = result["findings"].as_array().unwrap();
    assert_eq!(findings.len(), scored.len());
    for (f, q) in findings.iter().zip(&scored) {
        assert_eq!(f["target"]["target-id"], q["id"]);
        let satisfied = q["target"].as_f64().is_some_and(|t| q["level"].as_f64().unwrap() >= t);
        assert_eq!(
            f["target"]["status"]["state"],
            if satisfied { "satisfied" } else { "not-satisfied" },
            "{}",
            q["id"]
        );
    }
    assert!(findings.iter().any(|f| f["target"]["status"]["state"] == "satisfied"));
    assert!(findings.iter().any(|f| f["target"]["status"]["state"] == "not-satisfied"));
    let obs = result["observations"].as_array().unwrap();
    assert!(obs.iter().all(|o| o["methods"] == serde_json::json!(["INTERVIEW"]) && o["collected"].is_string()));
    let evidence: Vec<&str> = obs
        .iter()
        .flat_map(|o| o["relevant-evidence"].as_array().into_iter().flatten())
        .map(|e| e["description"].as_str().unwrap())
        .collect();
    let recorded: Vec<&str> = scored
        .iter()
        .flat_map(|q| q["answers"].as_array().unwrap())
        .flat_map(|a| a["evidence"].as_array().unwrap())
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(recorded.contains(&"AI policy v0.3"), "{recorded:?}");
    assert_eq!(evidence, recorded, "every recorded evidence label, in order");
    assert!(obs.iter().any(|o| o["description"] == "Draft policy; board sign-off planned for March."));
    // Controls cited by the questionnaire, ISO clause numbers made tokens.
    let ids: Vec<&str> = result["reviewed-controls"]["control-selections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["include-controls"].as_array().unwrap())
        .map(|c| c["control-id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"A.2.2") && ids.iter().any(|i| i.starts_with("clause-")), "{ids:?}");
    assert!(result["start"].as_str().unwrap() <= result["end"].as_str().unwrap());
    // Object UUIDs are stable across exports; the document's follows the generated time.
    let again = report(tmp.path(), &["--format", "oscal"]);
    assert_eq!(again, doc);
}

/// The ids a question cites in every family, as OSCAL tokens (docs/interop.md: ISO clause
/// numbers get `clause-`).
fn cited_tokens(q: &aira_core::questionnaire::Question) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (key, ids) in
        [("nist", &q.nist), ("iso", &q.iso)].into_iter().chain(q.cites.iter().map(|(k, v)| (k.as_str(), v)))
    {
        for id in ids {
            let tok = if id.starts_with(|c: char| c.is_ascii_digit()) { format!("clause-{id}") } else { id.clone() };
            out.push((key.to_owned(), tok));
        }
    }
    out
}

#[test]
fn both_builtin_questionnaires_export_valid_results_and_plan_with_every_cited_reference() {
    let v = nist();
    for (questionnaire, profile) in [("ai-governance-readiness", None), ("eu-ai-act-readiness", Some("provider"))] {
        let home = tempfile::tempdir().unwrap();
        let built = crate::interop_support::build(home.path(), questionnaire, profile);
        let ws = built.dir.to_str().unwrap();
        let out = home.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let (ar_file, ap_file) = (out.join("ar.json"), out.join("assessment-plan.json"));
        for (format, file) in [("oscal", &ar_file), ("oscal-ap", &ap_file)] {
            crate::interop_support::ok(
                home.path(),
                &["-w", ws, "report", "--format", format, "-o", file.to_str().unwrap()],
            );
        }
        let read = |p: &Path| -> Json { serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap() };
        let (doc, plan) = (read(&ar_file), read(&ap_file));
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{questionnaire} results");
        assert_eq!(errors(&v, &plan), Vec::<String>::new(), "{questionnaire} plan");
        for args in [&["--format", "oscal", "--anonymise"][..], &["--format", "oscal-ap", "--anonymise"]] {
            assert_eq!(errors(&v, &report(&built.dir, args)), Vec::<String>::new(), "{questionnaire} {args:?}");
        }
        // import-ap resolves, beside the results, to the plan written under the documented name.
        let href = doc["assessment-results"]["import-ap"]["href"].as_str().unwrap();
        assert_eq!(read(&ar_file.parent().unwrap().join(href)), plan, "{questionnaire}: import-ap is the plan");
        let result = &doc["assessment-results"]["results"][0];
        assert_eq!(
            result["reviewed-controls"], plan["assessment-plan"]["reviewed-controls"],
            "results review the plan's controls"
        );
        // Every id an in-scope question cites is a reviewed control, under its family's selection.
        let w = aira_store::workspace::open(&built.dir, aira_store::workspace::Access::ReadOnly).unwrap();
        let scope = aira_core::scope::Scope::new(&w.questionnaire, &w.assessment, &w.meta.profiles);
        let narrowed = scope.narrow(&w.questionnaire);
        let mut reviewed: Vec<(String, String)> = Vec::new();
        for sel in result["reviewed-controls"]["control-selections"].as_array().unwrap() {
            let family = sel["props"][0]["value"].as_str().unwrap().to_owned();
            for c in sel["include-controls"].as_array().unwrap() {
                reviewed.push((family.clone(), c["control-id"].as_str().unwrap().to_owned()));
            }
        }
        let cited: Vec<(String, String)> = narrowed.questions.iter().flat_map(cited_tokens).collect();
        for c in &cited {
            assert!(reviewed.contains(c), "{questionnaire}: {c:?} cited but not reviewed");
        }
        assert!(reviewed.iter().all(|r| cited.contains(r)), "{questionnaire}: nothing reviewed that is not cited");
        if profile.is_some() {
            assert!(
                reviewed.iter().any(|(f, id)| f == "eu" && id == "Art.9"),
                "EU articles are reviewed: {reviewed:?}"
            );
        }
        // Findings: one per scored question, satisfied exactly when score >= target, each
        // naming what it rests on in every family it cites.
        let full = report(&built.dir, &["--format", "json"]);
        let scored: Vec<&Json> =
            full["questions"].as_array().unwrap().iter().filter(|q| q["status"] == "answered").collect();
        let findings = result["findings"].as_array().unwrap();
        assert_eq!(findings.len(), scored.len(), "{questionnaire}");
        assert_eq!(scored.len(), 3, "q0, q1 (agreed) and q3 are scored; q2 is n/a");
        let mut states = Vec::new();
        for (f, q) in findings.iter().zip(&scored) {
            assert_eq!(f["target"]["target-id"], q["id"]);
            let satisfied = q["target"].as_f64().is_some_and(|t| q["level"].as_f64().unwrap() >= t);
            let state = f["target"]["status"]["state"].as_str().unwrap();
            assert_eq!(state, if satisfied { "satisfied" } else { "not-satisfied" }, "{}", q["id"]);
            states.push(state.to_owned());
            let question = narrowed.questions.iter().find(|x| x.id == q["id"]).unwrap();
            let props: Vec<(String, String)> = f["props"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (p["name"].as_str().unwrap().to_owned(), p["value"].as_str().unwrap().to_owned()))
                .collect();
            for (key, id) in cited_tokens(question) {
                let name = match key.as_str() {
                    "nist" => "nist-ai-rmf".to_owned(),
                    "iso" => "iso-42001".to_owned(),
                    k => k.to_owned(),
                };
                assert!(props.contains(&(name, id.clone())), "{questionnaire} {}: {id} missing in {props:?}", q["id"]);
            }
        }
        assert_eq!(
            states,
            ["satisfied", "not-satisfied", "satisfied"],
            "{questionnaire}: q0 3>=3, q1 agreed 2<3, q3 5>=4"
        );
        // Observations: answers, notes, both log lines, the agreed value; evidence with its link.
        let obs = result["observations"].as_array().unwrap();
        let said = |s: &str| obs.iter().any(|o| o["description"] == s);
        assert!(said("Chidi and Ann disagree on ownership") && said("okafor to send the register to bob"));
        assert!(said("Stone thinks Chidi is optimistic."));
        assert!(obs.iter().any(|o| o["description"].as_str().unwrap().starts_with("Agreed after discussion: level 2")));
        let ev: Vec<&Json> = obs.iter().flat_map(|o| o["relevant-evidence"].as_array().into_iter().flatten()).collect();
        assert!(ev.iter().any(|e| e["description"] == "Minutes taken by Bob Stone"));
        assert!(ev.iter().any(|e| e["href"] == "https://intra.example/acme/policy.pdf"));
        // A file recorded by `aira evidence add` carries its SHA-256 and size.
        let hashed = ev.iter().find(|e| e["description"].as_str().unwrap().ends_with("minutes.txt")).unwrap();
        let props = hashed["props"].as_array().unwrap();
        let sha = props.iter().find(|p| p["name"] == "sha256").unwrap()["value"].as_str().unwrap();
        assert!(sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()), "{sha}");
        assert!(props.iter().any(|p| p["name"] == "size-bytes" && p["value"] == "32"));
        // The result spans the engagement's recorded assessment period.
        assert_eq!(
            (result["start"].as_str(), result["end"].as_str()),
            (Some("2026-01-05T00:00:00Z"), Some("2026-02-27T23:59:59Z"))
        );
        let log_at = obs.iter().find(|o| o["description"] == "Chidi and Ann disagree on ownership").unwrap();
        assert_eq!(log_at["collected"], "2026-02-01T10:00:00Z");
        assert!(obs.iter().all(|o| o["methods"] == serde_json::json!(["INTERVIEW"])));
    }
}
