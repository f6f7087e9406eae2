//! Issue 17, "Numbers that disagree": one rounding rule, one signed form and one value → band
//! rule in every output of the real binary (score, heatmap, md, html, xlsx, diff).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as run_ok};

use std::path::{Path, PathBuf};

const MINI: &str = include_str!("../fixtures/mini.toml");

/// A workspace of the mini questionnaire whose answers are `answers`: per question id, one
/// value per respondent (`r0`, `r1`, …; "na" for not applicable).
fn workspace(home: &Path, name: &str, answers: &[(&str, &[&str])]) -> PathBuf {
    let file = home.join("mini.toml");
    std::fs::write(&file, MINI).unwrap();
    let dir = home.join(name);
    let (code, _, err) = common::run(home, &["init", dir.to_str().unwrap(), "--questionnaire", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let most = answers.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    for r in 0..most {
        let mut text = format!("format = 1\n\n[respondent]\nname = \"r{r}\"\n");
        for (id, values) in answers {
            let Some(v) = values.get(r) else { continue };
            let value = if *v == "na" { "not_applicable = true".to_owned() } else { format!("level = {v}") };
            text.push_str(&format!(
                "\n[answers.{id}]\n{value}\nanswered_at = \"2026-03-01T10:00:00Z\"\nanswered_by = \"r{r}\"\n"
            ));
        }
        std::fs::write(dir.join("answers").join(format!("r{r}.toml")), text).unwrap();
    }
    dir
}

/// `number` printed on its own (not inside an id such as `GV-2.2` or a longer number).
fn shows(out: &str, number: &str) -> bool {
    let part = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    out.match_indices(number)
        .any(|(at, _)| !part(out[..at].chars().last()) && !part(out[at + number.len()..].chars().next()))
}

/// Every number of the Summary sheet's heatmap cells.
fn xlsx_summary_numbers(path: &Path) -> Vec<f64> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range("Summary").unwrap();
    range.cells().filter_map(|(_, _, c)| if let Data::Float(f) = c { Some(*f) } else { None }).collect()
}

#[test]
fn a_tie_rounds_half_away_from_zero_in_every_output() {
    let home = tempfile::tempdir().unwrap();
    // 2, 2, 2, 3: a mean of exactly 2.25 in Plan × Govern, Plan, Govern and overall.
    let ws = workspace(home.path(), "ws", &[("plan-govern-policy", &["2", "2", "2", "3"])]);
    let outputs = [
        ("score", run_ok(home.path(), &ws, &["score"])),
        ("heatmap", run_ok(home.path(), &ws, &["heatmap", "--color", "never"])),
        ("md", run_ok(home.path(), &ws, &["report", "--format", "md"])),
        ("html", run_ok(home.path(), &ws, &["report", "--format", "html"])),
    ];
    for (what, out) in &outputs {
        assert!(shows(out, "2.3") && !shows(out, "2.2"), "{what}: 2.25 must show as 2.3\n{out}");
    }
    let xlsx = home.path().join("r.xlsx");
    run_ok(home.path(), &ws, &["report", "-o", xlsx.to_str().unwrap()]);
    let near: Vec<f64> = xlsx_summary_numbers(&xlsx).into_iter().filter(|v| (2.0..2.5).contains(v)).collect();
    assert!(!near.is_empty() && near.iter().all(|v| *v == 2.3), "XLSX heatmap cells carry 2.3: {near:?}");
}

#[test]
fn the_band_follows_the_printed_value_in_html_and_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    // Plan × Govern: nine 2s and a 1 = 1.9 (band 1). Do × Map: 23 2s and a 1 = 1.958 (prints 2.0, band 2).
    let (nine, twenty_three) = (vec!["2"; 9], vec!["2"; 23]);
    let plan: Vec<&str> = nine.iter().copied().chain(["1"]).collect();
    let do_map: Vec<&str> = twenty_three.iter().copied().chain(["1"]).collect();
    let ws = workspace(home.path(), "ws", &[("plan-govern-policy", &plan), ("do-map-inventory", &do_map)]);
    let only_plan = workspace(home.path(), "plan", &[("plan-govern-policy", &plan)]);
    let html = run_ok(home.path(), &only_plan, &["report", "--format", "html"]);
    // The summary names the band its own heatmap colours 1.9 with.
    let note = html.split("Overall readiness</div>").nth(1).and_then(|s| s.split("class=\"note\">").nth(1)).unwrap();
    assert!(note.starts_with("1 Initial<"), "the summary labels 1.9 as its heatmap colours it: {}", &note[..40]);
    let html = run_ok(home.path(), &ws, &["report", "--format", "html"]);
    let fill_of = |text: &str| {
        let at = html.find(&format!(">{text}</text>")).unwrap_or_else(|| panic!("{text} in the heatmap"));
        let rect = html[..at].rfind("<rect").unwrap();
        let fill = rect + html[rect..].find("fill=\"").unwrap();
        html[fill + 6..fill + 13].to_owned()
    };
    assert_eq!(fill_of("1.9"), "#ef6c00", "1.9 is band 1");
    assert_eq!(fill_of("2.0"), "#f9a825", "1.958 prints 2.0 and is coloured as 2");
    let coloured = run_ok(home.path(), &ws, &["heatmap", "--color", "always"]);
    let two = coloured.lines().find(|l| l.starts_with("Do")).unwrap();
    assert!(two.contains("\x1b[30;43m   2.0"), "1.958 in the terminal heatmap takes band 2's colour: {two:?}");
}

#[test]
fn diff_prints_no_signed_zero_omits_unchanged_rows_and_lists_new_answers() {
    let home = tempfile::tempdir().unwrap();
    let base = workspace(
        home.path(),
        "base",
        &[
            ("plan-govern-policy", &["2", "2", "2", "3"]),
            ("plan-map-context", &["2"]),
            ("plan-measure-metrics", &["3"]),
        ],
    );
    // 2.25 → 29/13 = 2.23 (−0.02); plan-map-context unchanged; a second respondent agrees on
    // plan-measure-metrics (score unchanged, answers new); do-govern-roles newly not applicable.
    let cur = workspace(
        home.path(),
        "cur",
        &[
            ("plan-govern-policy", &["2", "2", "2", "2", "2", "2", "2", "2", "2", "2", "3", "3", "3"]),
            ("plan-map-context", &["2"]),
            ("plan-measure-metrics", &["3", "3"]),
            ("do-govern-roles", &["na"]),
        ],
    );
    let out = run_ok(home.path(), &cur, &["diff", base.to_str().unwrap()]);
    assert!(!out.contains("-0.0") && !out.contains("+0.0"), "no signed zero:\n{out}");
    assert!(out.contains("Plan × Govern") && out.contains("2.3 → 2.2"), "{out}");
    assert!(!out.contains("Plan × Map") && !out.contains("Act × Map"), "unchanged rows omitted:\n{out}");
    for id in ["plan-govern-policy", "plan-measure-metrics", "do-govern-roles"] {
        assert!(out.contains(&format!("  {id} ")), "{id} is among the changed questions:\n{out}");
    }
    assert!(!out.contains("plan-map-context"), "{out}");
    let all = run_ok(home.path(), &cur, &["diff", base.to_str().unwrap(), "--all"]);
    assert!(!all.contains("-0.0") && !all.contains("+0.0"), "{all}");
    assert!(all.contains("Plan × Map") && all.contains("2.0 → 2.0") && all.contains("plan-map-context"), "{all}");
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(home.path(), &cur, &["diff", base.to_str().unwrap(), "--format", "json"]))
            .unwrap();
    let q = json["questions"].as_array().unwrap();
    let changed = |id: &str| q.iter().find(|x| x["id"] == id).unwrap()["answers_changed"].clone();
    assert_eq!((changed("plan-measure-metrics"), changed("plan-map-context")), (true.into(), false.into()));
}

/// The wizard's full heatmap: 1.958 prints "2.0" and takes 2's colour; the gap view shows
/// target − current with its sign, and "0.0" (not "-0.0") for a cell above target.
#[test]
fn the_wizard_heatmap_colours_the_printed_value_and_signs_the_gap() {
    use crate::hardening_support::{render, rows, state};
    use aira_core::assessment::{Answer, Respondent, Value};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut s = state();
    let level = |l| Answer { value: Some(Value::Level(l)), ..Default::default() };
    // Plan × Govern: 23 respondents at 2 and one at 1 = 1.958; Do × Map: 2.0; Check × Govern: 5.
    s.session.rebuild_with(|_, a| {
        for i in 0..24 {
            let mut r = Respondent::new(&format!("r{i}"), &format!("R{i}"));
            r.answers.insert("plan-govern-policy".into(), level(if i == 0 { 1 } else { 2 }));
            a.respondents.push(r);
        }
        a.respondents[0].answers.insert("do-map-inventory".into(), level(2));
        a.respondents[0].answers.insert("check-govern-audit".into(), level(5));
    });
    let key = |s: &mut aira::tui::state::AppState, c: char| {
        aira::tui::update::handle_key(s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    };
    key(&mut s, 'h');
    let buf = render(&s, 120, 40);
    let text = rows(&buf);
    let mut twos = Vec::new();
    for (y, row) in text.iter().enumerate() {
        let mut from = 0;
        while let Some(at) = row[from..].find("2.0") {
            let x = row[..from + at].chars().count();
            twos.push(buf[(x as u16, y as u16)].bg);
            from += at + 3;
        }
    }
    assert!(twos.len() >= 2, "both cells show 2.0:\n{}", text.join("\n"));
    assert!(twos.iter().all(|c| *c == twos[0]), "every printed 2.0 has one colour: {twos:?}\n{}", text.join("\n"));
    key(&mut s, 'v');
    key(&mut s, 'v');
    let gap = rows(&render(&s, 120, 40)).join("\n");
    assert!(gap.contains("target − current"), "{gap}");
    // Check × Govern is above its target: -2.0, as every report prints it (never floored).
    assert!(gap.contains("+1.0") && gap.contains("-2.0"), "{gap}");
    assert!(!gap.contains("-0.0") && !gap.contains("-1.0"), "the gap's sign matches target − current:\n{gap}");
}
