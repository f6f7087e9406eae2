//! The JSON Schemas shipped in docs/schemas: regenerated from the Rust types (they must equal
//! the shipped files), and checked against the real binary's output on the report fixture.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

fn docs(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schemas").join(name)
}

fn shipped(name: &str) -> Json {
    let text = std::fs::read_to_string(docs(name)).unwrap_or_else(|e| panic!("docs/schemas/{name}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// The text a schema is shipped as (pretty, one newline at the end).
fn text_of(schema: &schemars::Schema) -> String {
    serde_json::to_string_pretty(schema).unwrap() + "\n"
}

#[test]
fn shipped_schemas_are_the_ones_the_types_derive() {
    for (name, schema) in [
        ("aira-report.schema.json", aira_report::json::schema()),
        ("aira-score.schema.json", aira_report::score::schema()),
    ] {
        let fresh = text_of(&schema);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(docs("")).unwrap();
            std::fs::write(docs(name), &fresh).unwrap();
            continue;
        }
        let old = std::fs::read_to_string(docs(name)).unwrap_or_default();
        assert!(
            old == fresh,
            "docs/schemas/{name} is stale: run UPDATE_GOLDEN=1 cargo test -p aira --test it interop_schemas"
        );
    }
}

/// Run the binary on a workspace with the fixture's fixed time; its stdout as JSON.
pub(crate) fn aira(dir: &Path, args: &[&str]) -> Json {
    let home = tempfile::tempdir().unwrap();
    let aira = crate::common::Aira::new(home.path()).ws(dir);
    serde_json::from_str(&aira.env("AIRA_GENERATED_AT", crate::report_support::GENERATED_AT).ok(args)).unwrap()
}

fn errors(schema: &Json, doc: &Json) -> Vec<String> {
    let v = jsonschema::validator_for(schema).unwrap();
    v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn real_outputs_validate_against_the_shipped_schemas_and_wrong_ones_do_not() {
    let tmp = tempfile::tempdir().unwrap();
    drop(crate::report_support::workspace(tmp.path(), true));
    let report = shipped("aira-report.schema.json");
    let score = shipped("aira-score.schema.json");
    let full = aira(tmp.path(), &["report", "--format", "json"]);
    let soa = aira(tmp.path(), &["report", "--format", "json", "--kind", "soa"]);
    let scores = aira(tmp.path(), &["score", "--format", "json"]);
    assert_eq!(full["schema"], "aira-report/1");
    assert_eq!(scores["schema"], "aira-score/1");
    assert!(full["questions"][0]["answers"].as_array().is_some_and(|a| !a.is_empty()), "the fixture has answers");
    assert_eq!(errors(&report, &full), Vec::<String>::new());
    assert_eq!(errors(&report, &soa), Vec::<String>::new());
    assert_eq!(errors(&score, &scores), Vec::<String>::new());
    // The schemas are not vacuous: a wrong version, a wrong type and a missing key all fail.
    let mut bad = full.clone();
    bad["schema"] = "aira-report/2".into();
    assert!(!errors(&report, &bad).is_empty());
    let mut bad = full.clone();
    bad["questions"][0]["answers"][0]["value"] = "high".into();
    assert!(!errors(&report, &bad).is_empty());
    let mut bad = scores.clone();
    bad["overall"].as_object_mut().unwrap().remove("answered");
    assert!(!errors(&score, &bad).is_empty());
    assert!(!errors(&score, &full).is_empty(), "a report is not a score document");
}

#[test]
fn builtin_questionnaires_reports_validate_including_the_eu_sections() {
    let report = shipped("aira-report.schema.json");
    let score = shipped("aira-score.schema.json");
    for (questionnaire, profile) in [("ai-governance-readiness", None), ("eu-ai-act-readiness", Some("provider"))] {
        let home = tempfile::tempdir().unwrap();
        let built = crate::interop_support::build(home.path(), questionnaire, profile);
        for anonymise in [false, true] {
            let mut args = vec!["report", "--format", "json"];
            if anonymise {
                args.push("--anonymise");
            }
            let full = aira(&built.dir, &args);
            assert_eq!(errors(&report, &full), Vec::<String>::new(), "{questionnaire} anonymise={anonymise}");
            let eu = profile.is_some();
            for key in ["families", "crosswalk", "scope"] {
                assert_eq!(
                    full.get(key).is_some(),
                    eu,
                    "{questionnaire}: `{key}` present only for the EU questionnaire"
                );
            }
            // A key printed as null is still a key the schema requires.
            let mut bad = full.clone();
            bad["questions"][0].as_object_mut().unwrap().remove("target");
            assert!(!errors(&report, &bad).is_empty(), "a question without its (null) target");
            if eu {
                let fam = full["families"].as_array().unwrap();
                assert!(fam.iter().any(|f| f["key"] == "eu"), "{fam:?}");
                let art9 = fam.iter().flat_map(|f| f["entries"].as_array().unwrap()).find(|e| e["id"] == "Art.9");
                assert!(art9.is_some_and(|e| e["applies_from"].is_string()), "Art.9 with its date");
                assert!(full["crosswalk"].as_array().unwrap().iter().any(|r| r["cites"]["eu"].is_array()));
                assert_eq!(full["scope"]["profiles"], serde_json::json!(["provider"]));
                assert!(full["scope"]["classifications"].as_array().unwrap().iter().any(|c| c["outcome"] == "no"));
                assert!(!full["scope"]["out_of_scope"].as_array().unwrap().is_empty(), "a no excludes something");
                // The EU sections are checked, not merely allowed.
                let mut bad = full.clone();
                bad["families"][0]["entries"][0].as_object_mut().unwrap().remove("applies_from");
                assert!(!errors(&report, &bad).is_empty(), "an entry without applies_from");
                let mut bad = full.clone();
                bad["scope"]["classifications"][0]["outcome"] = "maybe".into();
                assert!(!errors(&report, &bad).is_empty(), "an outcome outside yes/no/unknown");
                let mut bad = full.clone();
                bad["crosswalk"][0]["cites"]["eu"] = "Art.9".into();
                assert!(!errors(&report, &bad).is_empty(), "cites are lists");
            }
        }
        let scores = aira(&built.dir, &["score", "--format", "json"]);
        assert_eq!(errors(&score, &scores), Vec::<String>::new(), "{questionnaire} score");
    }
}
