//! Issue 17, "global flags only where they apply": `-w/--workspace` on the commands that open a
//! workspace and `--color` on the ones that print in colour, nowhere else (not in `aira
//! completions --help`, not on `aira check`); the old spellings keep working.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use clap::CommandFactory;

/// The command paths (`aira engagement show`) that take the argument `id`.
fn paths_with(cmd: &clap::Command, id: &str, path: String, out: &mut Vec<String>) {
    if cmd.get_arguments().any(|a| a.get_id() == id) {
        out.push(path.clone());
    }
    for sub in cmd.get_subcommands() {
        paths_with(sub, id, format!("{path} {}", sub.get_name()), out);
    }
}

fn top_level_with(id: &str) -> Vec<String> {
    let mut cmd = aira::cli::Cli::command();
    cmd.build();
    let mut all = Vec::new();
    paths_with(&cmd, id, "aira".into(), &mut all);
    // Under a command that takes it, every subcommand does too (`engagement show -w DIR`).
    let mut top: Vec<String> = all.iter().map(|p| p.split(' ').take(2).collect::<Vec<_>>().join(" ")).collect();
    top.dedup();
    for p in &all {
        let parent = p.split(' ').take(2).collect::<Vec<_>>().join(" ");
        assert!(all.contains(&parent), "{p} takes --{id} but {parent} does not");
    }
    top
}

#[test]
fn workspace_and_color_flags_are_only_on_the_commands_that_use_them() {
    let ws = top_level_with("workspace");
    let expected = [
        "aira",
        "engagement",
        "evidence",
        "roadmap",
        "workshop",
        "answer",
        "respondent",
        "agree",
        "target",
        "merge",
        "diff",
        "score",
        "undo",
        "redo",
        "log",
        "flag",
        "note",
        "heatmap",
        "report",
        "profile",
        "soa",
        "upgrade",
        "doctor",
        "export",
    ];
    let mut want: Vec<String> =
        expected.iter().map(|c| if *c == "aira" { "aira".into() } else { format!("aira {c}") }).collect();
    want.sort();
    let mut got = ws.clone();
    got.sort();
    assert_eq!(got, want, "commands taking -w/--workspace");
    let mut colour = top_level_with("color");
    colour.sort();
    assert_eq!(colour, ["aira", "aira check", "aira heatmap", "aira import", "aira start", "aira workshop"]);

    let home = tempfile::tempdir().unwrap();
    for (args, shows, hides) in [
        (&["completions", "--help"][..], &[][..], &["--workspace", "--color"][..]),
        (&["check", "--help"], &["--color"], &["--workspace"]),
        (&["init", "--help"], &[], &["--workspace", "--color"]),
        (&["score", "--help"], &["-w, --workspace <DIR>"], &["--color"]),
        (&["engagement", "show", "--help"], &["-w, --workspace <DIR>"], &["--color"]),
        (&["heatmap", "--help"], &["--workspace", "--color"], &[]),
    ] {
        let (code, help, err) = common::run(home.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
        for s in shows {
            assert!(help.contains(s), "{args:?} shows {s}\n{help}");
        }
        for s in hides {
            assert!(!help.contains(s), "{args:?} hides {s}\n{help}");
        }
    }
    // A flag given to a command that ignores it is refused, not silently dropped.
    let (code, _, err) = common::run(home.path(), &["completions", "bash", "-w", "x"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_workspace_is_found_the_same_ways_as_before() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("ws");
    let w = ws.to_str().unwrap();
    let mini = home.path().join("mini.toml");
    std::fs::write(&mini, include_str!("../fixtures/mini.toml")).unwrap();
    let (code, _, err) = common::run(home.path(), &["init", w, "--questionnaire", mini.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = common::run(home.path(), &["-w", w, "answer", "plan-govern-policy", "3"]);
    assert_eq!(code, 0, "before the command: {err}");
    let (code, before, err) = common::run(home.path(), &["score", "--workspace", w, "--format", "json"]);
    assert_eq!(code, 0, "after the command: {err}");
    let (code, nested, err) = common::run(home.path(), &["engagement", "show", "-w", w]);
    assert_eq!(code, 0, "after a subcommand: {err}");
    assert!(!nested.is_empty());
    let out = common::Aira::new(home.path()).env("AIRA_WORKSPACE", &ws).ok(&["score", "--format", "json"]);
    assert_eq!(out, before, "AIRA_WORKSPACE finds the same workspace");
}
