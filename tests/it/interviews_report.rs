//! Reports show disagreements, interview logs in time order, and the trend since a baseline.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as run};

#[test]
fn reports_mark_disagreement_list_logs_and_show_the_trend() {
    let home = tempfile::tempdir().unwrap();
    let (base, cur) = (home.path().join("base"), home.path().join("cur"));
    for dir in [&base, &cur] {
        common::init(home.path(), dir, None);
    }
    run(home.path(), &base, &["answer", "plan-govern-policy", "1"]);
    run(home.path(), &cur, &["respondent", "add", "Ann"]);
    run(home.path(), &cur, &["respondent", "add", "Bo"]);
    run(home.path(), &cur, &["answer", "--respondent", "Ann", "plan-govern-policy", "1"]);
    run(home.path(), &cur, &["answer", "--respondent", "Bo", "plan-govern-policy", "4"]);
    let ann = cur.join("answers/ann.toml");
    let log = "log = [\n  { at = \"2026-03-02T10:00:00Z\", by = \"sam\", text = \"second | <b>\" },\n  \
               { at = \"2026-03-01T10:00:00+01:00\", by = \"alex\", text = \"first\" },\n]\n";
    std::fs::write(&ann, std::fs::read_to_string(&ann).unwrap() + log).unwrap();
    let meta = cur.join("workspace.toml");
    let text = std::fs::read_to_string(&meta)
        .unwrap()
        .replace("aggregation = \"mean\"", "aggregation = \"mean\"\nbaseline = \"../base\"");
    std::fs::write(&meta, text).unwrap();

    let md = run(home.path(), &cur, &["report", "--format", "md"]);
    assert!(md.contains("| Plan | 2.5 ⚠ |"), "{md}");
    assert!(
        md.contains(
            "| Plan × Govern | Is there a written AI policy that leadership has approved? | 3 | Ann 1, Bo 4 | not yet |"
        ),
        "{md}"
    );
    let first = md.find("Ann (noted by alex): first").expect("log line");
    let second = md.find("Ann (noted by sam): second").expect("log line");
    assert!(!md.contains("<b>"), "log text is escaped");
    assert!(first < second, "time order");
    assert!(
        md.contains("Compared with the baseline assessment") && md.contains("| Plan × Govern | 1.0 | 2.5 | +1.5 |"),
        "{md}"
    );

    let html = run(home.path(), &cur, &["report", "--format", "html"]);
    assert!(html.contains("<section id=\"disagreements\">") && html.contains("<section id=\"trend\">"));
    assert!(html.contains("second | &lt;b&gt;") && !html.contains("<b>"), "log text is escaped");
    assert!(html.contains("⚠<title>"));

    let json: serde_json::Value =
        serde_json::from_str(&run(home.path(), &cur, &["report", "--format", "json"])).unwrap();
    assert_eq!(json["disagreements"][0]["questions"], serde_json::json!(["plan-govern-policy"]));
    assert_eq!(json["disagreements"][0]["max_spread"], 3);
    assert_eq!(json["questions"][0]["spread"], 3);
    assert_eq!(json["questions"][0]["answers"][0]["log"][0]["text"], "first");
    assert_eq!(json["trend"]["baseline"], "../base");
    assert_eq!(json["trend"]["cells"][0]["delta"], 1.5);

    // A baseline that cannot be opened warns but still writes the report.
    let text = std::fs::read_to_string(&meta).unwrap().replace("../base", "../gone");
    std::fs::write(&meta, text).unwrap();
    let (code, out, err) = common::run(home.path(), &["-w", cur.to_str().unwrap(), "report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: baseline ../gone"), "{err}");
    assert!(serde_json::from_str::<serde_json::Value>(&out).unwrap()["trend"].is_null());
}
