use proptest::prelude::*;

use super::*;

fn scale() -> Scale {
    Scale::default()
}

fn round_trip(r: &Respondent) -> Respondent {
    let mut doc = new_document(r);
    for (i, (qid, a)) in r.answers.iter().enumerate() {
        set_answer(&mut doc, qid, Some(a), i);
    }
    let text = doc.to_string();
    parse(Path::new("a.toml"), &r.id, &text, &scale()).unwrap_or_else(|e| panic!("{e}\n{text}")).0
}

#[test]
fn comments_survive_an_answer_change() {
    let text = "# my notes on this file\nformat = 1\n[respondent]\nname = \"Ann\" # the CISO\n\n\
                # asked twice, she was sure\n[answers.q1]\nlevel = 2 # was 1 last year\n";
    let (r, mut doc) = parse(Path::new("a.toml"), "ann", text, &scale()).unwrap();
    let mut a = r.answers["q1"].clone();
    a.value = Some(Value::Level(4));
    set_answer(&mut doc, "q1", Some(&a), 0);
    let out = doc.to_string();
    for kept in ["# my notes on this file", "# the CISO", "# asked twice, she was sure", "# was 1 last year"] {
        assert!(out.contains(kept), "lost {kept:?}:\n{out}");
    }
    assert!(out.contains("level = 4"), "{out}");
}

#[test]
fn tables_follow_questionnaire_order() {
    let r = Respondent::new("x", "X");
    let mut doc = new_document(&r);
    let a = Answer { value: Some(Value::Level(1)), ..Default::default() };
    set_answer(&mut doc, "third", Some(&a), 2);
    set_answer(&mut doc, "first", Some(&a), 0);
    set_answer(&mut doc, "second", Some(&a), 1);
    let out = doc.to_string();
    let pos = |k: &str| out.find(&format!("[answers.{k}]")).unwrap();
    assert!(pos("first") < pos("second") && pos("second") < pos("third"), "{out}");
}

#[test]
fn bad_values_are_located() {
    let text = "format = 1\n[answers.q1]\nlevel = 9\n";
    let e = parse(Path::new("a.toml"), "x", text, &scale()).unwrap_err().to_string();
    assert_eq!(e, "a.toml:3:9: `level` of `q1` must be a level from 0 to 5");
    let e = parse(Path::new("a.toml"), "x", "[answers\n", &scale()).unwrap_err().to_string();
    assert!(e.starts_with("a.toml:1:"), "{e}");
    let e = parse(Path::new("a.toml"), "x", "format = 7\n", &scale()).unwrap_err().to_string();
    assert!(e.contains("newer"), "{e}");
}

#[test]
fn removing_an_answer_drops_its_table() {
    let mut r = Respondent::new("x", "X");
    r.answers.insert("q".into(), Answer { value: Some(Value::NotApplicable), ..Default::default() });
    let mut doc = new_document(&r);
    set_answer(&mut doc, "q", r.answers.get("q"), 0);
    assert!(doc.to_string().contains("not_applicable = true"));
    set_answer(&mut doc, "q", None, 0);
    assert!(!doc.to_string().contains("[answers.q]"));
}

fn answer() -> impl Strategy<Value = Answer> {
    let value =
        prop_oneof![Just(None), Just(Some(Value::NotApplicable)), (0u8..=5).prop_map(|l| Some(Value::Level(l)))];
    // Arbitrary Unicode without control characters (bidi overrides count) other than newline
    // and tab, as notes allow.
    let note =
        "[^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}]{0,40}(\n[^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}]{0,20}){0,3}";
    let line = "[^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}]{1,20}";
    let entry =
        ("[0-9:TZ-]{1,25}", line, note).prop_map(|(at, by, text)| aira_core::assessment::LogEntry { at, by, text });
    let log = prop::collection::vec(entry, 0..3);
    // Plain items (older files) and hashed ones with a note, mixed. A hashed item's `ref` is
    // never blank (the store refuses one before writing: strings.rs), so it starts with a
    // character that `trim` keeps; U+202F alone, say, is no reference.
    let reference = "[^\\p{Cc}\\p{White_Space}\u{202a}-\u{202e}\u{2066}-\u{2069}][^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}]{0,19}";
    let item = (reference, prop::option::of((any::<u32>(), note))).prop_map(|(r, file)| match file {
        None => aira_core::assessment::Evidence::new(&r),
        Some((size, n)) => aira_core::assessment::Evidence {
            size: Some(u64::from(size)),
            sha256: Some(format!("{size:064x}")),
            added_at: "2026-11-22T10:00:00+00:00".into(),
            added_by: "tester".into(),
            note: n,
            ..aira_core::assessment::Evidence::new(&r)
        },
    });
    (value, prop::option::of(0u8..=5), note, prop::collection::vec(item, 0..3), any::<bool>(), log).prop_map(
        |(value, target, note, evidence, flag, log)| Answer {
            value,
            target,
            note,
            evidence,
            flag,
            answered_at: "2026-11-22T10:00:00+00:00".into(),
            answered_by: "tester".into(),
            log,
        },
    )
}

proptest! {
    #[test]
    fn answers_round_trip_through_toml(answers in prop::collection::btree_map("[a-z0-9-]{1,12}", answer(), 0..8), name in "[^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}]{1,20}") {
        let mut r = Respondent::new("someone", &name);
        r.answers = answers.into_iter().filter(|(_, a)| !a.is_empty()).collect();
        let back = round_trip(&r);
        prop_assert_eq!(back, r);
    }
}

#[test]
fn log_entries_round_trip_and_bad_ones_are_located() {
    let text = "format = 1\n[answers.q1]\nlevel = 2\nlog = [\n  { at = \"2026-01-01T10:00:00Z\", by = \"alex\", text = \"said two\\nthen three\" },\n  { at = \"2026-01-01T09:00:00Z\", by = \"alex\", text = 5 },\n]\n";
    let e = parse(Path::new("a.toml"), "x", text, &scale()).unwrap_err().to_string();
    assert_eq!(e, "a.toml:6:3: a `log` entry of `q1` needs a string `text`");
    let e = parse(Path::new("a.toml"), "x", "[answers.q1]\nlog = 3\n", &scale()).unwrap_err().to_string();
    assert!(e.starts_with("a.toml:2:7: `log` of `q1` must be a list"), "{e}");
    let e = parse(
        Path::new("a.toml"),
        "x",
        "[answers.q1]\nlog = [{ at = \"x\", by = \"y\", text = \"\\u001b[2J\" }]\n",
        &scale(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("a.toml:2:8: `log` text of `q1` contains control character U+001B"), "{e}");
    let ok = text.replace("text = 5", "text = \"first\"");
    let (r, _) = parse(Path::new("a.toml"), "x", &ok, &scale()).unwrap();
    let a = &r.answers["q1"];
    assert_eq!(a.log.len(), 2);
    assert_eq!(a.log[0].text, "said two\nthen three");
    let ordered: Vec<&str> = a.log_in_order().iter().map(|e| e.text.as_str()).collect();
    assert_eq!(ordered, ["first", "said two\nthen three"]);
    assert_eq!(round_trip(&r), r);
}

#[test]
fn a_changed_answer_keeps_its_place_in_the_file() {
    let text = "format = 1\n[respondent]\nname = \"Ann\"\n\n[answers.q1]\nlevel = 1\n\n[answers.q2]\nlevel = 2\n\n\
                [answers.q3]\nlevel = 3\n";
    let (r, mut doc) = parse(Path::new("a.toml"), "ann", text, &scale()).unwrap();
    let mut a = r.answers["q1"].clone();
    a.value = Some(Value::Level(4));
    set_answer(&mut doc, "q1", Some(&a), 0);
    let out = doc.to_string();
    let pos = |k: &str| out.find(&format!("[answers.{k}]")).unwrap();
    assert!(pos("q1") < pos("q2") && pos("q2") < pos("q3"), "{out}");
    assert!(out.contains("level = 4"), "{out}");
}

/// Issue 19: evidence items are plain strings in older files (read and written back as they
/// were) or tables with a hash; both kinds in one list round-trip through the file and history.
#[test]
fn evidence_plain_strings_and_hashed_items_round_trip() {
    use aira_core::assessment::Evidence;
    let old = "format = 1\n[answers.q1]\nlevel = 2\nevidence = [\"AI policy v0.3\", \"Board minutes\"]\n";
    let (r, mut doc) = parse(Path::new("a.toml"), "x", old, &scale()).unwrap();
    assert_eq!(r.answers["q1"].evidence, vec![Evidence::new("AI policy v0.3"), Evidence::new("Board minutes")]);
    set_answer(&mut doc, "q1", Some(&r.answers["q1"]), 0);
    assert_eq!(doc.to_string(), old, "an old file is written back unchanged");
    let hashed = Evidence {
        reference: "evidence/policy.pdf".into(),
        size: Some(1234),
        sha256: Some("ab".repeat(32)),
        added_at: "2026-11-22T10:05:13.412+00:00".into(),
        added_by: "alex".into(),
        note: "signed\ncopy".into(),
    };
    let mut a = r.answers["q1"].clone();
    a.evidence.push(hashed.clone());
    let mut x = Respondent::new("x", "X");
    x.answers.insert("q1".into(), a.clone());
    assert_eq!(round_trip(&x).answers["q1"], a);
    let table = crate::workspace::history::answer_inline(&a);
    let back: toml::Table = toml::from_str(&format!("t = {table}")).unwrap();
    assert_eq!(crate::workspace::history::answer_from_table(back["t"].as_table().unwrap()).evidence, a.evidence);
}

#[test]
fn bad_evidence_items_are_located() {
    let e = |item: &str| {
        let text = format!("format = 1\n[answers.q1]\nevidence = [{item}]\n");
        parse(Path::new("a.toml"), "x", &text, &scale()).unwrap_err().to_string()
    };
    assert!(e("1").starts_with("a.toml:3:13: `evidence` of `q1` must be a list of strings or of"), "{}", e("1"));
    assert_eq!(e("{ ref = \"\" }"), "a.toml:3:13: an `evidence` item of `q1` needs a non-empty string `ref`");
    assert_eq!(
        e("{ ref = \"x\", sha256 = \"ABC\" }"),
        "a.toml:3:13: `sha256` of an `evidence` item of `q1` must be 64 lowercase hex digits"
    );
    assert_eq!(
        e("{ ref = \"x\", size = -1 }"),
        "a.toml:3:13: `size` of an `evidence` item of `q1` must be a whole number ≥ 0"
    );
    assert!(e("{ ref = \"x\", hash = \"y\" }").contains("unknown key `hash`"));
    assert!(e("{ ref = \"x\\u001b[2J\" }").contains("control character U+001B"));
    assert!(e("\"x\", { ref = \"y\\ny\" }").starts_with("a.toml:3:18:"), "{}", e("\"x\", { ref = \"y\\ny\" }"));
}
