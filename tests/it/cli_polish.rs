//! Issue 17, "CLI polish": init names the user's broken file once, report infers its format
//! from `-o`'s extension and refuses one it cannot write, every argument is described,
//! `--theme` only where the wizard opens, diagnostics on stderr, completions and a man page.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use clap::CommandFactory;

const MINI: &str = include_str!("../fixtures/mini.toml");

fn mini_workspace(home: &std::path::Path) -> std::path::PathBuf {
    let file = home.join("mini.toml");
    std::fs::write(&file, MINI).unwrap();
    let ws = home.join("ws");
    let (code, _, err) = common::run(home, &["init", ws.to_str().unwrap(), "--questionnaire", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = common::run(home, &["-w", ws.to_str().unwrap(), "answer", "plan-govern-policy", "3"]);
    assert_eq!(code, 0, "{err}");
    ws
}

#[test]
fn init_with_a_broken_questionnaire_names_the_users_file_once() {
    let home = tempfile::tempdir().unwrap();
    let broken = home.path().join("broken.toml");
    std::fs::write(&broken, "format = 1\n[questionnaire]\nid = \"x\"\ntitle = 3\n").unwrap();
    let ws = home.path().join("ws");
    let (code, out, err) =
        common::run(home.path(), &["init", ws.to_str().unwrap(), "--questionnaire", broken.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    let name = broken.display().to_string();
    assert!(err.contains(&format!("{name}:4:9: ")), "names the user's file with line:col: {err}");
    assert!(!err.contains("questionnaire.toml"), "not the copy it would have made: {err}");
    assert_eq!(err.matches("must be a string").count(), 1, "said once: {err}");
    assert!(!ws.join("workspace.toml").exists(), "nothing created");
}

#[test]
fn report_takes_its_format_from_the_extension_and_refuses_one_it_cannot_write() {
    let home = tempfile::tempdir().unwrap();
    let ws = mini_workspace(home.path());
    let run = |args: &[&str]| {
        let mut all = vec!["-w", ws.to_str().unwrap(), "report"];
        all.extend_from_slice(args);
        common::run(home.path(), &all)
    };
    let at = |name: &str| home.path().join(name).to_str().unwrap().to_owned();
    for (file, starts) in
        [("r.md", "# "), ("r.html", "<!doctype html"), ("r.json", "{"), ("r.csv", "id,"), ("r.xlsx", "PK")]
    {
        let (code, _, err) = run(&["-o", &at(file)]);
        assert_eq!(code, 0, "{file}: {err}");
        let bytes = std::fs::read(at(file)).unwrap();
        assert!(bytes.to_ascii_lowercase().starts_with(starts.to_ascii_lowercase().as_bytes()), "{file}");
    }
    for file in ["x.txt", "x.odt", "noextension"] {
        let (code, out, err) = run(&["-o", &at(file)]);
        assert_eq!(code, 1, "{file} refused: {out}{err}");
        assert!(
            err.contains("--format") && err.contains("md, html, csv, json, xlsx, oscal, oscal-ap, pdf, typ, docx"),
            "{err}"
        );
        assert!(!home.path().join(file).exists(), "{file} not written");
    }
    // An explicit --format wins over an extension that names no format…
    let (code, _, err) = run(&["--format", "md", "-o", &at("notes.txt")]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(at("notes.txt")).unwrap().starts_with("# "));
    // …but a pair that contradicts itself is refused rather than guessed.
    let (code, _, err) = run(&["--format", "html", "-o", &at("other.md")]);
    assert_eq!(code, 1);
    assert!(err.contains("other.md") && err.contains("html"), "{err}");
    assert!(!home.path().join("other.md").exists());
    // The typeset formats are named by their extensions too.
    let (code, _, err) = run(&["-o", &at("r.pdf")]);
    assert_eq!(code, 0, "pdf: {err}");
    assert!(std::fs::read(at("r.pdf")).unwrap().starts_with(b"%PDF"), "a PDF from its extension");
    // OSCAL is JSON: tools expect `ar.json`, so a `.json` name fits both OSCAL formats.
    for f in ["oscal", "oscal-ap"] {
        let (code, _, err) = run(&["--format", f, "-o", &at("ar.json")]);
        assert_eq!(code, 0, "{f}: {err}");
        assert!(std::fs::read_to_string(at("ar.json")).unwrap().contains("\"oscal-version\""), "{f}");
    }
}

/// Every argument of every command, with the command path it belongs to.
fn every_arg(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Arg)>) {
    for a in cmd.get_arguments() {
        out.push((path.clone(), a.clone()));
    }
    for sub in cmd.get_subcommands() {
        every_arg(sub, format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn every_argument_is_described_and_theme_is_only_where_the_wizard_opens() {
    let mut cmd = aira::cli::Cli::command();
    cmd.build();
    let mut args = Vec::new();
    every_arg(&cmd, "aira".into(), &mut args);
    let undescribed: Vec<String> = args
        .iter()
        .filter(|(_, a)| !["help", "version"].contains(&a.get_id().as_str()))
        .filter(|(_, a)| a.get_help().is_none() && a.get_long_help().is_none())
        .map(|(p, a)| format!("{p} {}", a.get_id()))
        .collect();
    assert!(undescribed.is_empty(), "arguments without a description: {undescribed:?}");
    let mut with_theme: Vec<&str> =
        args.iter().filter(|(_, a)| a.get_id() == "theme").map(|(p, _)| p.as_str()).collect();
    with_theme.dedup();
    assert_eq!(with_theme, ["aira", "aira start"]);
    let home = tempfile::tempdir().unwrap();
    let (_, help, _) = common::run(home.path(), &["answer", "--help"]);
    assert!(!help.contains("--theme"), "{help}");
    let (_, help, _) = common::run(home.path(), &["respondent", "add", "--help"]);
    assert!(help.contains("--role <ROLE>") && !help.contains("--theme"), "{help}");
    let (_, help, _) = common::run(home.path(), &["start", "--help"]);
    assert!(help.contains("--theme"), "{help}");
}

#[test]
fn check_and_import_diagnostics_go_to_stderr() {
    let home = tempfile::tempdir().unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let (code, out, err) = common::run(home.path(), &["check", &format!("{root}/check/broken.toml")]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "nothing on stdout: {out}");
    assert!(err.contains("error: id `Broken_Questionnaire`") && err.contains("1 file(s) checked"), "{err}");
    let dest = home.path().join("bad.toml");
    let (code, out, err) =
        common::run(home.path(), &["import", "csv", &format!("{root}/csv/bad.csv"), "-o", dest.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "nothing on stdout: {out}");
    assert!(err.contains("error") && err.contains("not imported"), "{err}");
    // A report to stdout stays on stdout.
    let ws = mini_workspace(home.path());
    let (code, out, _) = common::run(home.path(), &["-w", ws.to_str().unwrap(), "report", "--format", "md"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# "), "{out}");
}

#[test]
fn completions_and_a_man_page_come_from_the_clap_definitions() {
    let home = tempfile::tempdir().unwrap();
    let shells = [
        ("bash", "complete -F _aira", "--questionnaire"),
        ("zsh", "#compdef aira", "--questionnaire"),
        ("fish", "complete -c aira", "-l questionnaire"),
    ];
    for (shell, mark, flag) in shells {
        let (code, out, err) = common::run(home.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(mark), "{shell}: {}", &out[..out.len().min(300)]);
        // Subcommands and their flags are in it: generated from the definitions, not by hand.
        assert!(out.contains("upgrade") && out.contains(flag), "{shell}");
    }
    let (code, _, err) = common::run(home.path(), &["completions", "tcsh-or-so"]);
    assert_eq!(code, 2, "{err}");
    let (code, man, err) = common::run(home.path(), &["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(man.contains(".TH aira 1") && man.contains(".SH SUBCOMMANDS"), "{man}");
    assert!(man.contains("report") && man.contains("completions"), "{man}");
}
