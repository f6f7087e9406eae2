use proptest::prelude::*;

use super::*;

/// The fast reader's one promise: whatever it accepts, toml reads as the same data.
fn agrees(text: &str) -> Result<bool, TestCaseError> {
    let Some(fast) = parse_fast(text) else { return Ok(false) };
    match parse_toml(text) {
        Ok(slow) => prop_assert_eq!(fast, slow, "{:?}", text),
        Err(e) => prop_assert!(false, "fast reader accepted what toml refuses ({}): {:?}", e, text),
    }
    Ok(true)
}

fn accepted(text: &str) -> bool {
    agrees(text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn reads_what_aira_writes() {
    let text = "# comment\nformat = 1\n\n[respondent]\nname = \"Ann \\\"A\\\" \\u00e9\"\nrole = 'risk'\n\n\
                [answers.q-1]\nlevel = 3 # said three\nnote = \"\"\"\nline one\n\"two\"\"\"\"\nevidence = [\n  \"a\", # first\n  \"b\",\n]\n\
                log = [{ at = \"x\", by = \"y\", text = \"z\" }]\nweight = -1.5e3\nflag = true\n";
    assert!(accepted(text));
    let t = parse_fast(text).unwrap();
    let Value::Table(q) = &t.get("answers").unwrap().value else { panic!() };
    let Value::Table(q) = &q.get("q-1").unwrap().value else { panic!() };
    assert_eq!(q.get("note").unwrap().value, Value::String("line one\n\"two\"".into()));
    assert_eq!(q.get("weight").unwrap().value, Value::Float(Some(-1500.0)));
}

#[test]
fn the_built_in_questionnaire_takes_the_fast_path() {
    // If this fails the reader still works (toml reads it), but opening is slower: a change to
    // the fast reader or to the file made it decline.
    for b in crate::questionnaire::BUILTINS {
        assert!(accepted(b.text), "{}", b.id);
    }
}

#[test]
fn declines_what_it_does_not_cover_and_toml_still_reads() {
    for text in [
        "a.b = 1\n",                                                                     // dotted key
        "a = 1979-05-27\n",                                                              // date
        "a = 0x1F\n",                                                                    // hex
        "a = 1_000\n",                                                                   // underscore
        "a = inf\n",                                                                     // special float
        "a = \"\\e\"\n",                                                                 // TOML 1.1 escape
        "a = { b = 1, }\n",                                                              // TOML 1.1 trailing comma
        "a = \"\"\"x\r\ny\"\"\"\n", // carriage return inside a multi-line string
        "a = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n", // deep
    ] {
        assert!(parse_fast(text).is_none(), "{text:?}");
        assert!(parse_toml(text).is_ok(), "{text:?}");
    }
}

#[test]
fn declines_everything_toml_refuses() {
    for text in [
        "a = 1\na = 2\n",
        "[a]\n[a]\n",
        "[a]\nb = 1\n[a.b]\n",
        "[[a]]\n[a]\n",
        "[a]\n[[a]]\n",
        "a = {}\n[a.b]\n",
        "a = [1]\n[[a]]\n",
        "a = 01\n",
        "a = 1.\n",
        "a = .5\n",
        "a = \"x\ny\"\n",
        "a = \"\x07\"\n",
        "# bell \x07\n",
        "a = 1 b = 2\n",
        "a = \"\\uD800\"\n",
        "a = \"\"\"x\"\"\"\"\"\"\n",
        "a = 99999999999999999999\n",
        "a = tru\n",
        "[a\n",
        "a = 1\r",
    ] {
        assert!(parse_fast(text).is_none(), "{text:?}");
    }
    // A header path past toml's recursion limit (found by the fuzzer); a long one it takes.
    let path = |n: usize| vec!["k"; n].join(".");
    assert!(parse_fast(&format!("[{}]\n", path(100))).is_none());
    assert!(parse_toml(&format!("[{}]\n", path(100))).is_err());
    assert!(accepted(&format!("[{}]\nx = 1\n", path(20))));
}

#[test]
fn implicit_tables_can_be_defined_once_later() {
    assert!(accepted("[a.b]\nx = 1\n[a]\ny = 2\n"));
    // Defining it moves it after tables defined in between, as toml orders them.
    assert!(accepted("[a.a]\n[b]\n[a]\n"));
    assert!(accepted("[[q]]\nid = 1\n[q.sub]\nx = 1\n[[q]]\nid = 2\n"));
    assert!(parse_fast("[a.b]\n[a]\n[a]\n").is_none());
}

#[test]
fn the_answers_table_of_many_questions_is_indexed_and_equal() {
    let text: String = (0..200).map(|i| format!("[answers.q{i}]\nlevel = {}\n", i % 6)).collect();
    assert!(accepted(&text));
    assert!(parse_fast(&format!("{text}[answers.q7]\n")).is_none());
}

/// Values from every corner of the syntax; the first `VALID` are in the fast reader's subset.
const VALUES: &[&str] = &[
    "1",
    "-0",
    "+7",
    "3.25",
    "1e3",
    "1.5E-2",
    "true",
    "false",
    "\"plain\"",
    "\"esc \\\" \\\\ \\n \\t \\u00e9 \\U0001F600\"",
    "'lit \\n'",
    "\"\"",
    "''",
    "\"\"\"\nmulti\nline\"\"\"",
    "\"\"\"a\\\n   b\"\"\"",
    "\"\"\"q\"\"\"\"\"",
    "'''\nraw ''x'''",
    "[]",
    "[1, 2,]",
    "[\n  \"a\", # c\n  \"b\"\n]",
    "[1, \"a\"]",
    "[[1], [2]]",
    "{}",
    "{ x = 1, y = \"z\" }",
    "[ { x = 1 } ]",
    "\"tab\tin\"",
    "\"rtl \u{202e}\"",
    "\"\"\"\n\"\"\"",
    // Outside the subset, or not TOML at all.
    "01",
    "1_0",
    "1.",
    "0x10",
    "inf",
    "nan",
    "tru",
    "1979-05-27",
    "07:32:00",
    "\"bad \\q\"",
    "\"\\e\"",
    "\"\"\"x\"\"\"\"\"\"",
    "{ x = 1, }",
    "{ x = 1, x = 2 }",
    "{ a.b = 1 }",
    "\"bell\u{7}\"",
    "\"del\u{7f}\"",
];
const VALID: usize = 28;

/// Lines from a small alphabet: few key names, so tables collide and redefine each other.
fn lines_from(values: &'static [&'static str]) -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec!["a", "b", "q", "\"a\"", "'b'", "\"x.y\"", "a.b", "1", "-"]);
    let value = prop::sample::select(values);
    prop_oneof![
        (key.clone(), value).prop_map(|(k, v)| format!("{k} = {v}")),
        prop::collection::vec(key.clone(), 1..3).prop_map(|ks| format!("[{}]", ks.join("."))),
        prop::collection::vec(key, 1..3).prop_map(|ks| format!("[[{}]]", ks.join("."))),
        prop::sample::select(vec!["", "# note", "   ", "\t# tab", "a = 1 # trailing", "[a] # c", "x = 1 y = 2"])
            .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn fast_reader_agrees_with_toml(lines in prop::collection::vec(lines_from(VALUES), 0..12), crlf: bool) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        agrees(&text)?;
        agrees(&format!("{text}\n"))?;
    }

    /// Only values inside the subset: long documents get through and are compared.
    #[test]
    fn fast_reader_agrees_on_long_documents(lines in prop::collection::vec(lines_from(&VALUES[..VALID]), 0..40)) {
        agrees(&lines.join("\n"))?;
    }
}
