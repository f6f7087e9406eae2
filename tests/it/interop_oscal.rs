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
