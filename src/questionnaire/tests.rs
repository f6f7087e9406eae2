use super::*;

const MINI: &str = include_str!("../../tests/fixtures/mini.toml");

fn errors_of(text: &str) -> Vec<String> {
    match parse("q.toml", text) {
        Ok(_) => Vec::new(),
        Err(e) => e.located().filter(|l| l.diagnostic.is_error()).map(|l| l.short()).collect(),
    }
}

#[test]
fn mini_fixture_loads() {
    let q = parse("mini.toml", MINI).unwrap();
    assert_eq!(q.id, "mini");
    assert_eq!(q.questions.len(), 16);
    assert_eq!(q.scale.name(3), "Defined");
    assert_eq!(q.questions[0].weight, 2.0);
    assert_eq!(q.questions[0].nist, vec!["GV-1.2"]);
}

#[test]
fn invalid_toml_is_located() {
    let e = errors_of("format = 1\n[questionnaire\nid = \"x\"\n");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("q.toml:2:"), "{e:?}");
    assert!(e[0].contains("invalid TOML"), "{e:?}");
}

const HEAD: &str = "format = 1\n[questionnaire]\nid = \"x\"\ntitle = \"X\"\nversion = \"1\"\n";

#[test]
fn duplicate_id_points_at_second_and_names_first_line() {
    let text = format!("{HEAD}[[question]]\nid = \"a\"\ntext = \"one\"\n[[question]]\nid = \"a\"\ntext = \"two\"\n");
    let e = errors_of(&text);
    assert_eq!(e, vec!["q.toml:10:6: duplicate question id `a` (first defined on line 7)"]);
}

#[test]
fn unknown_phase_and_function_are_errors_with_positions() {
    let text = format!("{HEAD}[[question]]\nid = \"a\"\nphase = \"plann\"\nfunction = \"rule\"\ntext = \"t\"\n");
    let e = errors_of(&text);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].starts_with("q.toml:8:9: unknown phase `plann`"), "{e:?}");
    assert!(e[1].starts_with("q.toml:9:12: unknown function `rule`"), "{e:?}");
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let text = format!(
        "{HEAD}[[question]]\nid = \"Bad Id\"\ntext = \"\"\nweight = 0\nguidence = \"typo\"\n[[question]]\ntext = \"no id\"\n"
    );
    let (_, diags) = check(&text);
    let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("unknown key `guidence`") && m.contains("did you mean `guidance`")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("must be 1-128 characters")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("empty text")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("weight must be a number greater than 0")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("missing required key `id`")), "{msgs:?}");
}

#[test]
fn control_characters_are_errors() {
    let text = format!("{HEAD}[[question]]\nid = \"a\"\ntext = \"hi\\u001b[2J\"\n");
    let e = errors_of(&text);
    assert!(e.iter().any(|m| m.contains("control character U+001B")), "{e:?}");
}

#[test]
fn scale_problems_are_reported() {
    let text = format!(
        "{HEAD}[scale]\nmin = 3\nmax = 2\n[[scale.level]]\nvalue = 9\nname = \"x\"\n[[question]]\nid = \"a\"\ntext = \"t\"\n"
    );
    let e = errors_of(&text);
    assert!(e.iter().any(|m| m.contains("must be below max")), "{e:?}");
    assert!(e.iter().any(|m| m.contains("outside the scale")), "{e:?}");
}

#[test]
fn odd_references_warn_but_load() {
    let text =
        format!("{HEAD}[[question]]\nid = \"a\"\ntext = \"t\"\nnist = [\"GV-1.1\", \"XYZ\"]\niso = [\"GV-1.2\"]\n");
    let (q, diags) = check(&text);
    assert!(q.is_some());
    assert_eq!(diags.iter().filter(|d| !d.is_error()).count(), 2, "{diags:?}");
    assert!(parse("q.toml", &text).is_ok());
}

#[test]
fn newer_format_is_refused() {
    let text = HEAD.replace("format = 1", "format = 2") + "[[question]]\nid = \"a\"\ntext = \"t\"\n";
    let e = errors_of(&text);
    assert!(e[0].contains("format 2 is not supported"), "{e:?}");
}

#[test]
fn deeply_nested_toml_does_not_crash() {
    let text = format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(parse("q.toml", &text).is_err());
}
