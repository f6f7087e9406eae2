use super::*;

const MINI: &str = include_str!("../../../../tests/fixtures/mini.toml");

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

/// A questionnaire past the size at which it is read in pieces on two threads.
fn big() -> String {
    let text = aira_testgen::questionnaire_text(&aira_testgen::Spec::new(1500, 1, 1));
    assert!(text.len() > 1 << 20, "{} bytes: too small to be read in pieces", text.len());
    text
}

/// The same data in a spelling only toml's reader takes (a hex 1), so it is read the slow way.
fn read_slowly(text: &str) -> (Option<Questionnaire>, Vec<crate::diag::Diagnostic>) {
    let slow = text.replacen("format = 1", "format = 0x1", 1);
    assert!(crate::tomltree::parse_fast(&slow).is_none());
    check(&slow)
}

#[test]
fn big_files_read_in_pieces_equal_the_slow_reading() {
    let text = big();
    let (fast, diags) = check(&text);
    assert!(diags.is_empty(), "{diags:?}");
    let fast = fast.unwrap();
    assert_eq!(fast.questions.len(), 1500);
    assert_eq!(Some(fast), read_slowly(&text).0);
}

#[test]
fn big_files_keep_every_rule_across_the_cut() {
    let text = big();
    let q = parse("q.toml", &text).unwrap();
    // A duplicate id, one in the first piece and one in the last: found, and located where the slow reading puts it.
    let (first, last) = (&q.questions[0].id, &q.questions[1499].id);
    let dup = text.replacen(&format!("id = \"{last}\""), &format!("id = \"{first}\""), 1);
    let e = errors_of(&dup);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains(&format!("duplicate question id `{first}` (first defined on line ")), "{e:?}");
    let slow = dup.replacen("format = 1", "format = 0x1", 1);
    assert_eq!(e, read_slowly(&dup).1.iter().map(|d| located(&slow, d)).collect::<Vec<_>>());
    // The scale after the questions: the last piece is not questions alone; still read right.
    let (start, end) = (text.find("\n[scale]").unwrap(), text.find("\n[[question]]").unwrap());
    let scale_last = format!("{}{}{}", &text[..start], &text[end..], &text[start..end]);
    let (q2, d2) = check(&scale_last);
    assert!(d2.is_empty(), "{d2:?}");
    assert_eq!(q2.as_ref().map(|q| q.scale.levels.len()), Some(6));
    assert_eq!(q2, read_slowly(&scale_last).0);
    // The middle of the file inside a multi-line string full of `[[question]]` lines: the cut
    // lands on one of those, the piece before it does not end, and the file is read in one piece.
    let at = text[..text.len() / 2].rfind("\nguidance = \"").unwrap() + 1;
    let end = at + text[at..].find("\"\n").unwrap();
    let fake = "[[question]]\nid = \"not-a-question\"\n".repeat(10_000);
    let tricky = format!("{}guidance = \"\"\"\n{fake}\"\"\"{}", &text[..at], &text[end + 1..]);
    let middle = tricky.len() / 2;
    assert!(at < middle && middle < at + fake.len(), "the middle must fall inside the string");
    let (q3, d3) = check(&tricky);
    assert!(d3.is_empty(), "{d3:?}");
    let q3 = q3.unwrap();
    assert_eq!(q3.questions.len(), 1500);
    assert!(q3.questions.iter().any(|q| q.guidance.contains("id = \"not-a-question\"")));
    assert_eq!(Some(q3), read_slowly(&tricky).0);
}

fn located(text: &str, d: &crate::diag::Diagnostic) -> String {
    crate::diag::Located { file: "q.toml", text, diagnostic: d }.short()
}

#[test]
fn action_and_scale_description_are_read() {
    let text = format!(
        "{HEAD}[scale]\ndescription = \"\"\"\nReady means 3.\nWith records.\"\"\"\n[[question]]\nid = \"a\"\ntext = \"t\"\naction = \"Write it down.\"\n[[question]]\nid = \"b\"\ntext = \"t\"\n"
    );
    let q = parse("q.toml", &text).unwrap();
    assert_eq!(q.scale.description, "Ready means 3.\nWith records.");
    assert_eq!(q.questions[0].action, "Write it down.");
    assert_eq!(q.questions[1].action, "", "action is optional");
    let bad = format!("{HEAD}[[question]]\nid = \"a\"\ntext = \"t\"\naction = \"x\\u001b[2J\"\n");
    assert!(errors_of(&bad).iter().any(|m| m.contains("`action` contains the control character U+001B")));
    let typed = format!("{HEAD}[[question]]\nid = \"a\"\ntext = \"t\"\naction = 3\n");
    assert!(errors_of(&typed).iter().any(|m| m.contains("`action` must be a string")), "{:?}", errors_of(&typed));
}

const ROLES: &str = "[[role]]\nid = \"risk\"\nname = \"Risk manager\"\ndescription = \"Owns the AI risk register.\"\n[[role]]\nid = \"data-science\"\nname = \"Data scientist\"\n";

#[test]
fn declared_roles_are_in_the_model() {
    let text = format!("{HEAD}{ROLES}[[question]]\nid = \"a\"\ntext = \"t\"\nroles = [\"risk\", \"data-science\"]\n");
    let q = parse("q.toml", &text).unwrap();
    let ids: Vec<&str> = q.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["risk", "data-science"]);
    assert_eq!(q.roles[0].name, "Risk manager");
    assert_eq!(q.roles[0].description, "Owns the AI risk register.");
    assert_eq!(q.role("data-science").map(|r| r.name.as_str()), Some("Data scientist"));
    assert_eq!(q.suggest_role("datascience"), Some("data-science"));
    assert_eq!(q.suggest_role("riks"), Some("risk"));
    assert_eq!(q.suggest_role("executive"), None);
}

#[test]
fn an_undeclared_role_is_an_error_with_position_and_closest_match() {
    let text = format!(
        "{HEAD}{ROLES}[[question]]\nid = \"a\"\ntext = \"t\"\nroles = [\"risk\", \"riks\"]\n[[question]]\nid = \"b\"\ntext = \"t\"\nroles = [\"legal\"]\n"
    );
    let e = errors_of(&text);
    assert_eq!(
        e,
        [
            "q.toml:16:18: role `riks` is not declared in a [[role]] table (did you mean `risk`?)",
            "q.toml:20:10: role `legal` is not declared in a [[role]] table; declared: risk, data-science",
        ]
    );
}

#[test]
fn without_declared_roles_roles_stay_free_form() {
    let text = format!("{HEAD}[[question]]\nid = \"a\"\ntext = \"t\"\nroles = [\"Anyone at all\"]\n");
    let q = parse("q.toml", &text).unwrap();
    assert!(q.roles.is_empty());
    assert_eq!(q.questions[0].roles, ["Anyone at all"]);
}

#[test]
fn role_tables_are_checked() {
    let text = format!(
        "{HEAD}[[role]]\nid = \"Risk Team\"\nname = \"R\"\n[[role]]\nid = \"a\"\nname = \" \"\n[[role]]\nid = \"a\"\nname = \"Again\"\nnmae = \"typo\"\n[[role]]\nname = \"No id\"\n[[question]]\nid = \"q\"\ntext = \"t\"\n"
    );
    let e = errors_of(&text);
    assert!(e.iter().any(|m| m.starts_with("q.toml:7:6: ") && m.contains("must be 1-128 characters")), "{e:?}");
    assert!(e.iter().any(|m| m.contains("role `a` has an empty name")), "{e:?}");
    assert!(e.iter().any(|m| m.starts_with("q.toml:13:6: duplicate role id `a` (first defined on line 10)")), "{e:?}");
    assert!(e.iter().any(|m| m.contains("unknown key `nmae` in [[role]] (did you mean `name`?)")), "{e:?}");
    assert!(e.iter().any(|m| m.contains("missing required key `id` in [[role]]")), "{e:?}");
}

#[test]
fn big_files_check_roles_across_the_cut() {
    // testgen copies the built-in's header, which may declare roles (with `risk`) already.
    let big = big();
    let text = if big.contains("\n[[role]]\n") {
        big
    } else {
        big.replacen("[[question]]", &format!("{ROLES}[[question]]"), 1)
    };
    assert!(parse("q.toml", &text).is_ok(), "testgen's questions all name `risk`");
    let at = text.rfind("roles = [\"risk\"]").unwrap();
    let bad = format!("{}roles = [\"rsk\"]{}", &text[..at], &text[at + "roles = [\"risk\"]".len()..]);
    let e = errors_of(&bad);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("role `rsk` is not declared in a [[role]] table (did you mean `risk`?)"), "{e:?}");
    let slow = bad.replacen("format = 1", "format = 0x1", 1);
    assert_eq!(e, read_slowly(&bad).1.iter().map(|d| located(&slow, d)).collect::<Vec<_>>());
}

#[test]
fn ids_are_found_through_the_index_and_after_the_questions_change() {
    let mut q = parse("q.toml", MINI).unwrap();
    let last = q.questions.last().unwrap().id.clone();
    assert_eq!(q.index_of(&last), Some(q.questions.len() - 1));
    assert_eq!(q.question(&last).map(|x| x.id.as_str()), Some(last.as_str()));
    assert_eq!(q.index_of("no-such-question"), None);
    // A question dropped after the index was built: the rest move up, the dropped one is gone.
    let first = q.questions.remove(0).id;
    assert_eq!(q.index_of(&last), Some(q.questions.len() - 1));
    assert_eq!(q.question(&first), None);
}
