//! What the start screen knows: the recent workspaces, the filter, the selection, and the
//! two small forms (new workspace, open by path). Built by the caller from disk; changed only
//! by `update`; read by `view`.

use std::path::{Path, PathBuf};

use fuzzy_matcher::FuzzyMatcher;

use crate::tui::cursor::ListCursor;
use crate::tui::input::{Limit, LineInput};
use crate::tui::keymap::Keymap;

/// One recently opened workspace as the screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub path: PathBuf,
    pub name: String,
    pub opened_at: String,
    /// False when the folder is no longer a workspace: shown dimmed, can be forgotten.
    pub available: bool,
}

/// A questionnaire the new workspace can start from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// What `init --questionnaire` accepts: a built-in id, or the file's path.
    pub spec: String,
    pub title: String,
    pub id: String,
    pub version: String,
    /// `built-in` or the file it came from.
    pub source: String,
    /// The questionnaire's declared profiles (id, name): a new workspace picks which apply.
    pub profiles: Vec<(String, String)>,
    /// Its role vocabulary, which the first respondent's `name, role` is checked against.
    pub roles: Vec<aira_core::questionnaire::Role>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Folder,
    Name,
    Organisation,
    Questionnaire,
    /// Which of the questionnaire's profiles apply (skipped when it declares none).
    Profiles,
}

impl Field {
    pub const ALL: [Field; 5] =
        [Field::Folder, Field::Name, Field::Organisation, Field::Questionnaire, Field::Profiles];

    pub fn label(self) -> &'static str {
        match self {
            Field::Folder => "Folder",
            Field::Name => "Name",
            Field::Organisation => "Organisation",
            Field::Questionnaire => "Questionnaire",
            Field::Profiles => "Profiles",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewForm {
    pub folder: LineInput,
    pub name: LineInput,
    pub organisation: LineInput,
    /// Who answers first, asked after the form (Mode::Respondent) and kept with it so a
    /// refusal back in the form loses nothing.
    pub respondent: LineInput,
    /// Index into `StartState::questionnaires`.
    pub questionnaire: usize,
    /// The profile under the cursor, and the ids ticked (in the questionnaire's order).
    pub profile: usize,
    pub profiles: Vec<String>,
    pub focus: usize,
    pub error: Option<String>,
}

impl Default for NewForm {
    fn default() -> NewForm {
        let line = || LineInput::new(Limit::None);
        NewForm {
            folder: line(),
            name: line(),
            organisation: line(),
            respondent: line(),
            questionnaire: 0,
            profile: 0,
            profiles: Vec::new(),
            focus: 0,
            error: None,
        }
    }
}

impl NewForm {
    pub fn focused(&self) -> Field {
        Field::ALL[self.focus.min(Field::ALL.len() - 1)]
    }

    pub fn text_mut(&mut self) -> Option<&mut LineInput> {
        match self.focused() {
            Field::Folder => Some(&mut self.folder),
            Field::Name => Some(&mut self.name),
            Field::Organisation => Some(&mut self.organisation),
            Field::Questionnaire | Field::Profiles => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    List,
    New(NewForm),
    /// The form passed: who answers first (a new workspace never starts with a placeholder).
    Respondent(NewForm),
    OpenPath {
        input: LineInput,
        error: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartOutcome {
    Open(PathBuf),
    /// Open it with the engagement facts form on top (`edit_facts` on the list).
    EditFacts(PathBuf),
    /// `profiles`: the ids ticked, saved in workspace.toml as `aira init --profile` saves them.
    Create {
        dir: PathBuf,
        name: String,
        organisation: String,
        questionnaire_id_or_path: String,
        profiles: Vec<String>,
        /// The first respondent's name, trimmed and not empty.
        respondent: String,
    },
    Quit,
}

pub struct StartState {
    pub entries: Vec<Item>,
    pub query: LineInput,
    /// Keys go to the filter (after `/` or a first letter) rather than being commands.
    pub filtering: bool,
    /// Into `visible()`.
    pub cursor: ListCursor,
    pub mode: Mode,
    pub questionnaires: Vec<Choice>,
    /// For `~` in typed paths and for showing paths shorter.
    pub home: Option<PathBuf>,
    /// One line for the user: a refused key, a broken recent.toml, a failed open.
    pub message: Option<String>,
    /// Entries were forgotten (removed from the list): recent.toml needs writing.
    pub forgot: bool,
    /// Removal asked for and not yet confirmed: the entry it would remove.
    pub confirm_forget: Option<usize>,
    pub theme: crate::tui::theme::Theme,
    pub keymap: Keymap,
    /// The user's name (config user.name, the account's full name, $USER), which prefills the
    /// first-respondent prompt; None: nothing known, the prompt starts empty.
    pub user: Option<String>,
}

/// An entry that passes the filter, with the matched characters of its name and path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visible {
    pub entry: usize,
    pub name_hits: Vec<usize>,
    pub path_hits: Vec<usize>,
}

impl StartState {
    pub fn new(entries: Vec<Item>, questionnaires: Vec<Choice>, home: Option<PathBuf>) -> StartState {
        StartState {
            entries,
            query: LineInput::new(Limit::None),
            filtering: false,
            cursor: ListCursor::default(),
            mode: Mode::List,
            questionnaires,
            home,
            message: None,
            forgot: false,
            confirm_forget: None,
            theme: crate::tui::theme::Theme { color: false, ..Default::default() },
            keymap: Keymap::defaults(),
            user: None,
        }
    }

    /// How the keymap writes the key for `action` in `ctx` right now (for hints and messages).
    pub fn key_name(&self, ctx: crate::tui::keymap::Context, action: crate::tui::action::Action) -> String {
        self.keymap.chord_for(ctx, action).map_or_else(|| "unbound".to_owned(), ToString::to_string)
    }

    /// The path as shown: the home folder written `~`.
    pub fn display_path(&self, p: &Path) -> String {
        if let Some(home) = &self.home
            && let Ok(rest) = p.strip_prefix(home)
        {
            return if rest.as_os_str().is_empty() { "~".into() } else { format!("~/{}", rest.display()) };
        }
        p.display().to_string()
    }

    /// Entries matching the filter, best match first (recency breaks ties); all of them,
    /// newest first, when the filter is empty. Name and path are matched as one line so a
    /// query may span both.
    pub fn visible(&self) -> Vec<Visible> {
        let query = self.query.text().trim();
        if query.is_empty() {
            return (0..self.entries.len())
                .map(|entry| Visible { entry, name_hits: Vec::new(), path_hits: Vec::new() })
                .collect();
        }
        static SKIM: std::sync::OnceLock<fuzzy_matcher::skim::SkimMatcherV2> = std::sync::OnceLock::new();
        let skim = SKIM.get_or_init(|| fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case());
        let mut hits: Vec<(i64, Visible)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(entry, item)| {
                let path = self.display_path(&item.path);
                let name_len = item.name.chars().count();
                let (score, positions) = skim.fuzzy_indices(&format!("{} {path}", item.name), query)?;
                let (name_hits, path_hits) = positions.iter().partition::<Vec<usize>, _>(|&&p| p < name_len);
                let path_hits = path_hits.into_iter().filter_map(|p| p.checked_sub(name_len + 1)).collect();
                Some((score, Visible { entry, name_hits, path_hits }))
            })
            .collect();
        hits.sort_by_key(|(score, v)| (std::cmp::Reverse(*score), v.entry));
        hits.into_iter().map(|(_, v)| v).collect()
    }

    pub fn selected_entry(&self) -> Option<usize> {
        let visible = self.visible();
        visible.get(self.cursor.get(visible.len())).map(|v| v.entry)
    }

    /// `~` and `~/x` become the home folder; anything else is taken as typed.
    pub fn expand(&self, typed: &str) -> PathBuf {
        let typed = typed.trim();
        match (&self.home, typed.strip_prefix('~')) {
            (Some(home), Some("")) => home.clone(),
            (Some(home), Some(rest)) if rest.starts_with('/') => home.join(rest.trim_start_matches('/')),
            _ => PathBuf::from(typed),
        }
    }

    /// Check the new-workspace form. What needs the disk (is the folder free?) is checked
    /// by whoever creates it; this refuses what can be seen without looking.
    pub fn validate(&self, form: &NewForm) -> Result<StartOutcome, (Field, String)> {
        if form.folder.text().trim().is_empty() {
            return Err((Field::Folder, "Choose a folder for the workspace (e.g. ~/assessments/acme)".into()));
        }
        if form.name.text().trim().is_empty() {
            return Err((Field::Name, "Give the assessment a name".into()));
        }
        let Some(choice) = self.questionnaires.get(form.questionnaire) else {
            return Err((Field::Questionnaire, "No questionnaire to choose from".into()));
        };
        // As `aira init` without `--profile`, none ticked covers every question; say so
        // rather than guess, since a wrong role walks the wrong questions.
        if !choice.profiles.is_empty() && form.profiles.is_empty() {
            let tick = self.key_name(crate::tui::keymap::Context::Form, crate::tui::action::Action::ToggleChoice);
            return Err((Field::Profiles, format!("Tick the roles the organisation holds ({tick}), at least one")));
        }
        Ok(StartOutcome::Create {
            dir: self.expand(form.folder.text()),
            name: form.name.text().trim().to_owned(),
            organisation: form.organisation.text().trim().to_owned(),
            questionnaire_id_or_path: choice.spec.clone(),
            profiles: form.profiles.clone(),
            respondent: form.respondent.text().trim().to_owned(),
        })
    }
}

impl Choice {
    pub fn new(spec: String, q: aira_core::questionnaire::Questionnaire, source: String) -> Choice {
        let profiles = q.profiles.iter().map(|p| (p.id.clone(), p.name.clone())).collect();
        Choice { spec, title: q.title, id: q.id, version: q.version, source, profiles, roles: q.roles }
    }
}

/// The built-in questionnaires as choices (the caller adds the user's own).
pub fn builtin_choices() -> Vec<Choice> {
    aira_core::questionnaire::BUILTINS
        .iter()
        .filter_map(|b| {
            let q = aira_core::questionnaire::parse(b.file, b.text).ok()?;
            Some(Choice::new(b.id.into(), q, "built-in".into()))
        })
        .collect()
}
