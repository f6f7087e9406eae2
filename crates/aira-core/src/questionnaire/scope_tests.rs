//! The keys of issue 20 in the loader: family citations by key, `kind`, `applies_if` and the
//! `[[profile]]` vocabulary, each problem located.

use super::*;

const HEAD: &str = "format = 1\n[questionnaire]\nid = \"x\"\ntitle = \"X\"\nversion = \"1\"\n";

/// Every diagnostic as `line:col: severity: message`.
fn diags(text: &str) -> Vec<String> {
    let (_, ds) = check(text);
    ds.iter()
        .map(|d| {
            let (l, c) = crate::diag::line_col(text, d.span.clone().map_or(0, |s| s.start));
            format!("{l}:{c}: {}: {}", if d.is_error() { "error" } else { "warning" }, d.message)
        })
        .collect()
}

#[test]
fn every_family_is_cited_by_its_key_and_checked() {
    let text = format!(
        "{HEAD}[[question]]\nid = \"a\"\ntext = \"t\"\neu = [\"Art.9\", \"Art.999\", \"GV-1.1\"]\ngai = [\"GAI-2\", \"banana\"]\nnist = [\"GV-1.1\"]\n"
    );
    let (q, _) = check(&text);
    let q = q.unwrap();
    let a = &q.questions[0];
    assert_eq!(a.cited("eu"), ["Art.9", "Art.999", "GV-1.1"]);
    assert_eq!(a.cited("gai"), ["GAI-2", "banana"]);
    assert_eq!(a.cited("nist"), ["GV-1.1"]);
    assert_eq!(a.references().collect::<Vec<_>>(), ["GV-1.1", "Art.9", "Art.999", "GV-1.1", "GAI-2", "banana"]);
    assert_eq!(
        diags(&text),
        [
            "9:16: warning: `Art.999` looks like an EU AI Act article but is not one in Regulation (EU) 2024/1689",
            "9:27: warning: `GV-1.1` looks like a NIST AI RMF subcategory but is listed under `eu`",
            "10:17: warning: `banana` looks like none of: a NIST AI RMF subcategory (GV-1.1), an ISO/IEC 42001 clause or \
             Annex A control (6.1.2), an EU AI Act article (Art.9), a NIST AI 600-1 generative-AI risk (GAI-2)",
        ]
    );
}

#[test]
fn an_unknown_key_is_still_an_error() {
    let text = format!("{HEAD}[[question]]\nid = \"a\"\ntext = \"t\"\nzed = [\"Z-1\"]\n");
    assert_eq!(diags(&text).len(), 1);
    assert!(diags(&text)[0].starts_with("9:1: error: unknown key `zed` in [[question]]"), "{:?}", diags(&text));
}

#[test]
fn a_family_added_as_data_is_citable_without_code() {
    let tiny = "[family]\nkey = \"zed\"\nname = \"Zed\"\nedition = \"Zed 1\"\nnoun = \"a Zed clause\"\n\
                example = \"Z-1\"\nid_patterns = [\"Z-#\"]\norder = 9\n[[family.table]]\nname = \"clause\"\n\
                cite = true\n[[clause]]\nid = \"Z-1\"\ntitle = \"One\"\n";
    let families =
        crate::frameworks::Registry::from_files(crate::frameworks::FILES.iter().copied().chain([("zed.toml", tiny)]))
            .unwrap();
    let text = format!("{HEAD}[[question]]\nid = \"a\"\ntext = \"t\"\nzed = [\"Z-1\", \"Z-7\"]\n");
    let (q, ds) = check_with(&text, &families);
    assert_eq!(q.unwrap().questions[0].cited("zed"), ["Z-1", "Z-7"]);
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].message, "`Z-7` looks like a Zed clause but is not one in Zed 1");
}

const CLASSIFY: &str = "[[question]]\nid = \"classify-x\"\nkind = \"classification\"\ntext = \"Is it x?\"\n";

#[test]
fn kind_and_applies_if_are_read() {
    let text = format!("{HEAD}{CLASSIFY}[[question]]\nid = \"b\"\ntext = \"t\"\napplies_if = [\"classify-x\"]\n");
    assert_eq!(diags(&text), Vec::<String>::new());
    let q = parse("q.toml", &text).unwrap();
    assert!(q.questions[0].is_classification() && !q.questions[1].is_classification());
    assert_eq!(q.questions[1].applies_if, ["classify-x"]);
}

#[test]
fn scope_key_mistakes_are_located_errors() {
    let text = format!(
        "{HEAD}{CLASSIFY}phase = \"plan\"\napplies_if = [\"classify-x\"]\n[[question]]\nid = \"b\"\ntext = \"t\"\nkind = \"fact\"\n\
         applies_if = [\"b\", \"classify-y\", \"nothing-like-it\"]\n"
    );
    assert_eq!(
        diags(&text),
        [
            "10:9: error: a classification question has no `phase` (it is not scored and depends on nothing)",
            "11:14: error: a classification question has no `applies_if` (it is not scored and depends on nothing)",
            "15:8: error: unknown kind `fact`; expected \"classification\" or no `kind` (a maturity question)",
            "16:15: error: `applies_if` names `b`, which is not a classification question (add kind = \"classification\" to it)",
            "16:20: error: `applies_if` names `classify-y`, which is no question of this file (did you mean `classify-x`?)",
            "16:34: error: `applies_if` names `nothing-like-it`, which is no classification question of this file",
        ]
    );
}

#[test]
fn declared_profiles_hold_question_profiles_to_them() {
    let text = format!(
        "{HEAD}[[profile]]\nid = \"deployer\"\nname = \"Deployer\"\n[[profile]]\nid = \"deployer\"\nname = \"Again\"\n\
         [[question]]\nid = \"a\"\ntext = \"t\"\nprofiles = [\"deployr\", \"deployer\"]\n"
    );
    assert_eq!(
        diags(&text),
        [
            "10:6: error: duplicate profile id `deployer` (first defined on line 7)",
            "15:13: error: profile `deployr` is not declared in a [[profile]] table (did you mean `deployer`?)",
        ]
    );
    let ok = text.replace("[[profile]]\nid = \"deployer\"\nname = \"Again\"\n", "").replace("\"deployr\", ", "");
    let q = parse("q.toml", &ok).unwrap();
    assert_eq!(q.profiles.len(), 1);
    assert_eq!(q.profiles[0].name, "Deployer");
}

#[test]
fn the_eu_questionnaire_is_built_in_and_loads() {
    let b = builtin("eu-ai-act-readiness").unwrap();
    let q = parse(b.file, b.text).unwrap();
    assert_eq!(q.questions.iter().filter(|x| x.is_classification()).count(), 8);
    assert_eq!(
        q.profiles.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["provider", "deployer", "importer", "distributor", "gpai-provider"]
    );
    assert!(q.questions.iter().any(|x| x.cited("eu").contains(&"Art.50".to_owned())));
}
