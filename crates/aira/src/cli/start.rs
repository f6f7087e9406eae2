//! `aira start`: the start screen, then the wizard on the workspace chosen or created there.
//! Loads the recent list and the questionnaires for the screen, and carries out its outcome
//! (the screen itself touches no files).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::questionnaires;
use crate::tui::start::state::{Choice, Item, builtin_choices};
use crate::tui::start::{StartOutcome, StartState};
use aira_core::text::sanitize;
use aira_store::recent::{self, Entry};
use aira_store::workspace;

pub fn run(cli: &super::Cli, color: bool) -> Result<i32> {
    if !std::io::stdout().is_terminal() {
        bail!("the start screen needs a terminal; for scripts use `aira init` and `aira -w DIR`");
    }
    let file = recent::file();
    // A broken recent.toml is shown, and then left alone: `d` must not rewrite it.
    let (entries, message, writable) = match file.as_deref().map(recent::load) {
        Some(Ok(entries)) => (entries, None, true),
        Some(Err(e)) => (Vec::new(), Some(e.to_string()), false),
        None => (Vec::new(), Some("No home folder: recent workspaces are not kept".to_owned()), false),
    };
    let items = entries
        .into_iter()
        .map(|e| Item {
            available: workspace::is_workspace(&e.path),
            path: e.path,
            name: e.name,
            opened_at: e.opened_at,
        })
        .collect();
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_owned());
    let mut state = StartState::new(items, choices(), home);
    let config = aira_store::config::load()?;
    state.theme = super::tui::theme(cli, &config, color);
    // The same source as `aira init` without --respondent: the prompt offers the user.
    state.user = aira_store::config::first_respondent(&config);
    state.message = message;
    // Which outcome opened the wizard: `edit_facts` opens it with the facts form on top.
    let mut facts = false;
    let chosen = crate::tui::start::run(&mut state, |o| {
        facts = matches!(o, StartOutcome::EditFacts(_));
        perform(o)
    })?;
    if state.forgot
        && writable
        && let Some(file) = &file
    {
        let kept: Vec<Entry> = state
            .entries
            .iter()
            .map(|i| Entry { path: i.path.clone(), name: i.name.clone(), opened_at: i.opened_at.clone() })
            .collect();
        if let Err(e) = recent::save(file, &kept) {
            super::errln!("aira: could not update the recent workspaces: {e}");
        }
    }
    match chosen {
        Some(dir) if facts => super::tui::run_first(cli, &dir, color, &[crate::tui::action::Action::EditFacts]),
        Some(dir) => super::tui::run_on(cli, &dir, color),
        None => Ok(0),
    }
}

/// Built-in questionnaires, then the valid ones in the user's data folder (by path, so the
/// one shown is the one used even when two files share an id).
fn choices() -> Vec<Choice> {
    let mut out = builtin_choices();
    out.extend(questionnaires::all().into_iter().filter(|f| f.source != "built-in").filter_map(|f| {
        let q = f.parsed.ok()?;
        Some(Choice::new(f.source.clone(), q, f.source))
    }));
    out
}

/// Carry out what the user chose; a refusal is a message for the screen.
pub fn perform(outcome: &StartOutcome) -> Result<PathBuf, String> {
    let shown = |p: &Path| sanitize(&p.display().to_string(), false).into_owned();
    match outcome {
        StartOutcome::Open(dir) | StartOutcome::EditFacts(dir) if workspace::is_workspace(dir) => Ok(dir.clone()),
        StartOutcome::Open(dir) | StartOutcome::EditFacts(dir) => {
            Err(format!("{} is not an aira workspace (no workspace.toml)", shown(dir)))
        }
        StartOutcome::Create { dir, name, organisation, questionnaire_id_or_path, profiles, respondent } => {
            // The name is checked as `aira init --respondent` checks it, before anything is written.
            super::init::first_respondent(Some(respondent)).map_err(|e| format!("{e:#}"))?;
            check_free(dir)?;
            let found = questionnaires::find(questionnaire_id_or_path).map_err(|e| format!("{e:#}"))?;
            // Checked before anything is written, as `aira init --profile` does, and `name,
            // role` as the wizard's `+` takes it (the role against this questionnaire's).
            let q = aira_core::questionnaire::parse("questionnaire", &found.text);
            let (chosen, typed) = match &q {
                Ok(q) => {
                    (aira_core::scope::choose_profiles(q, profiles)?, crate::tui::who::parse(&q.roles, respondent)?)
                }
                Err(_) => (Vec::new(), crate::tui::who::Typed { name: respondent.clone(), role: String::new() }),
            };
            let mut first = super::init::first_respondent(Some(&typed.name)).map_err(|e| format!("{e:#}"))?;
            first.role = typed.role;
            workspace::create(dir, &found.text, (name, organisation), &first).map_err(|e| e.to_string())?;
            if !chosen.is_empty() {
                let mut ws = workspace::open(dir, workspace::Access::Write).map_err(|e| format!("{e:#}"))?;
                let store = ws.store.as_mut().ok_or_else(|| format!("{}: cannot write workspace.toml", shown(dir)))?;
                store.set_profiles(&chosen).map_err(|e| format!("{e:#}"))?;
            }
            Ok(dir.clone())
        }
        StartOutcome::Quit => Err("nothing to do".into()),
    }
}

/// A new workspace goes in a new or empty folder: never into an existing workspace, and never
/// scattered among someone's other files.
pub fn check_free(dir: &Path) -> Result<(), String> {
    let shown = sanitize(&dir.display().to_string(), false).into_owned();
    if workspace::is_workspace(dir) {
        return Err(format!("{shown} is already an aira workspace: Esc, then o, opens it"));
    }
    match std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()) {
        Ok(true) => Err(format!("{shown} is not empty; choose a new or empty folder")),
        Ok(false) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if dir.exists() && !dir.is_dir() => Err(format!("{shown} is a file, not a folder")),
        Err(e) => Err(format!("{shown}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create(dir: &Path) -> StartOutcome {
        StartOutcome::Create {
            dir: dir.to_owned(),
            name: "Acme".into(),
            organisation: "Acme Ltd".into(),
            questionnaire_id_or_path: aira_core::questionnaire::default_builtin().id.into(),
            profiles: Vec::new(),
            respondent: "Dana Ruiz".into(),
        }
    }

    /// The workspace starts with the respondent asked for, never the placeholder `default`;
    /// a name that makes no id is refused before anything is written.
    #[test]
    fn creates_with_the_first_respondent_asked_for() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("acme");
        assert_eq!(perform(&create(&dir)), Ok(dir.clone()));
        assert!(dir.join("answers/dana-ruiz.toml").is_file());
        assert!(!dir.join("answers/default.toml").exists());
        let ws = workspace::open(&dir, workspace::Access::ReadOnly).unwrap();
        assert_eq!(ws.meta.default_respondent, "dana-ruiz");
        let other = tmp.path().join("other");
        let StartOutcome::Create { name, organisation, questionnaire_id_or_path, .. } = create(&other) else {
            unreachable!()
        };
        let bad = StartOutcome::Create {
            dir: other.clone(),
            name,
            organisation,
            questionnaire_id_or_path,
            profiles: Vec::new(),
            respondent: "  ".into(),
        };
        assert!(perform(&bad).unwrap_err().contains("must name someone"));
        assert!(!other.exists(), "nothing is created without a respondent");
    }

    /// The prompt takes what the wizard's `+` takes: `name, role`, the role checked against the
    /// questionnaire with the closest one suggested, and nothing written for a typo.
    #[test]
    fn the_first_respondent_may_carry_a_checked_role() {
        let tmp = tempfile::tempdir().unwrap();
        let with = |dir: &Path, who: &str| {
            let StartOutcome::Create { name, organisation, questionnaire_id_or_path, .. } = create(dir) else {
                unreachable!()
            };
            let dir = dir.to_owned();
            StartOutcome::Create {
                dir,
                name,
                organisation,
                questionnaire_id_or_path,
                profiles: Vec::new(),
                respondent: who.into(),
            }
        };
        let typo = tmp.path().join("typo");
        let err = perform(&with(&typo, "Ann Lee, riks")).unwrap_err();
        assert!(err.contains("`risk`"), "{err}");
        assert!(!typo.exists(), "nothing is created for an unknown role");
        let dir = tmp.path().join("acme");
        assert_eq!(perform(&with(&dir, " Ann Lee , risk ")), Ok(dir.clone()));
        let ws = workspace::open(&dir, workspace::Access::ReadOnly).unwrap();
        let first = ws.assessment.respondent("ann-lee").expect("named Ann Lee, not `Ann Lee, risk`");
        assert_eq!((first.name.as_str(), first.role.as_str()), ("Ann Lee", "risk"));
    }

    #[test]
    fn creates_in_a_new_or_empty_folder_and_refuses_a_workspace() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("acme");
        assert_eq!(perform(&create(&dir)), Ok(dir.clone()));
        assert!(workspace::is_workspace(&dir));
        let err = perform(&create(&dir)).unwrap_err();
        assert!(err.contains("is already an aira workspace"), "{err}");
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert_eq!(perform(&create(&empty)), Ok(empty.clone()));
    }

    #[test]
    fn refuses_busy_folders_files_and_unknown_questionnaires() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("notes.txt"), "x").unwrap();
        let err = check_free(tmp.path()).unwrap_err();
        assert!(err.contains("is not empty"), "{err}");
        let err = check_free(&tmp.path().join("notes.txt")).unwrap_err();
        assert!(err.contains("is a file"), "{err}");
        let dir = tmp.path().join("new");
        let StartOutcome::Create { name, organisation, .. } = create(&dir) else { unreachable!() };
        let bad = StartOutcome::Create {
            dir: dir.clone(),
            name,
            organisation,
            questionnaire_id_or_path: "nope".into(),
            profiles: Vec::new(),
            respondent: "Dana Ruiz".into(),
        };
        assert!(perform(&bad).unwrap_err().contains("no questionnaire `nope`"));
        assert!(!dir.exists(), "nothing is created when the questionnaire is unknown");
    }

    /// The form's profiles are saved as `aira init --profile` saves them, and checked first.
    #[test]
    fn creates_with_the_chosen_profiles() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("eu");
        let with = |p: &str| StartOutcome::Create {
            dir: dir.clone(),
            name: "EU".into(),
            organisation: String::new(),
            questionnaire_id_or_path: "eu-ai-act-readiness".into(),
            profiles: vec![p.into()],
            respondent: "Dana Ruiz".into(),
        };
        let err = perform(&with("deployr")).unwrap_err();
        assert!(err.contains("did you mean `deployer`"), "{err}");
        assert!(!dir.exists(), "nothing is created for an unknown profile");
        assert_eq!(perform(&with("deployer")), Ok(dir.clone()));
        let ws = workspace::open(&dir, workspace::Access::ReadOnly).unwrap();
        assert_eq!(ws.meta.profiles, ["deployer"]);
    }

    #[test]
    fn open_refuses_a_folder_that_is_not_a_workspace() {
        let tmp = tempfile::tempdir().unwrap();
        let err = perform(&StartOutcome::Open(tmp.path().to_owned())).unwrap_err();
        assert!(err.contains("is not an aira workspace"), "{err}");
    }
}
