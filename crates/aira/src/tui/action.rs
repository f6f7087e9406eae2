//! The app's vocabulary. Keys map to actions, `update` takes actions, and each action's doc
//! line is its help text: the help screen can never disagree with what a key does.

/// Declares the Action enum with its snake_case name (as used in keymap.toml) and help line.
macro_rules! actions {
    ($( $(#[doc = $doc:literal])+ $name:ident = $key:literal, )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action { $( $(#[doc = $doc])+ $name, )* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$name),*];

            /// The name used in keymap.toml.
            pub fn name(self) -> &'static str {
                match self { $(Action::$name => $key,)* }
            }

            /// One line for the help screen (the variant's doc comment).
            pub fn help(self) -> &'static str {
                match self { $(Action::$name => concat!($($doc),+).trim_ascii(),)* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($key => Some(Action::$name),)* _ => None }
            }
        }
    };
}

actions! {
    /// Quit (answers are already saved)
    Quit = "quit",
    /// Next question
    Next = "next",
    /// Previous question
    Prev = "prev",
    /// Jump ten questions forward
    PageDown = "page_down",
    /// Jump ten questions back
    PageUp = "page_up",
    /// First question
    First = "first",
    /// Last question
    Last = "last",
    /// Next unanswered question
    NextUnanswered = "next_unanswered",
    /// Set level 0 and move on
    Level0 = "level_0",
    /// Set level 1 and move on
    Level1 = "level_1",
    /// Set level 2 and move on
    Level2 = "level_2",
    /// Set level 3 and move on
    Level3 = "level_3",
    /// Set level 4 and move on
    Level4 = "level_4",
    /// Set level 5 and move on
    Level5 = "level_5",
    /// Mark not applicable and move on
    NotApplicable = "not_applicable",
    /// Clear this question's level
    ClearLevel = "clear_level",
    /// Set the target: press t, then a level
    Target = "target",
    /// Toggle the follow-up flag
    Flag = "flag",
    /// Edit the note (Esc or Ctrl-S keeps it)
    EditNote = "edit_note",
    /// Undo the last change
    Undo = "undo",
    /// Search questions, references and notes
    Search = "search",
    /// Full-screen heatmap
    Heatmap = "heatmap",
    /// Next respondent
    NextRespondent = "next_respondent",
    /// Show or hide this help
    Help = "help",
    /// Move the selection up
    Up = "up",
    /// Move the selection down
    Down = "down",
    /// Move the selection left
    Left = "left",
    /// Move the selection right
    Right = "right",
    /// Open the selection
    Select = "select",
    /// Close this view
    Back = "back",
    /// Cycle heatmap view: current, target, gap
    CycleView = "cycle_view",
    /// Scroll the question card down
    ScrollDown = "scroll_down",
    /// Scroll the question card up
    ScrollUp = "scroll_up",
    /// Suspend to the shell (fg resumes)
    Suspend = "suspend",
    /// Show the question tree (navigator)
    Navigator = "navigator",
    /// Filter: only unanswered questions (toggle)
    FilterUnanswered = "filter_unanswered",
    /// Filter: only flagged questions (toggle)
    FilterFlagged = "filter_flagged",
    /// Filter: only questions for the respondent's role (toggle)
    FilterRole = "filter_role",
    /// Filter: only the quick profile (toggle)
    FilterQuick = "filter_quick",
    /// Clear every filter
    FilterAll = "filter_all",
    /// Mouse on/off (off lets the terminal select text)
    ToggleMouse = "toggle_mouse",
    /// Roadmap: gaps ranked into 0–3, 3–6 and 6–12 months
    Roadmap = "roadmap",
    /// Statement of Applicability: which Annex A controls apply
    Soa = "soa",
    /// Mark the control applicable
    MarkApplicable = "mark_applicable",
    /// Workshop mode: a projector view of the question and everyone's levels
    Workshop = "workshop",
    /// Set the agreed level: press a, then a level (n: N/A, x: clear)
    Agree = "agree",
    /// Add a timestamped line to the interview log
    LogLine = "log_line",
    /// Add a respondent (type the name, Enter)
    AddRespondent = "add_respondent",
    /// Rename the current respondent
    RenameRespondent = "rename_respondent",
}

impl Action {
    /// The level a `level_N` action sets.
    pub fn level(self) -> Option<u8> {
        match self {
            Action::Level0 => Some(0),
            Action::Level1 => Some(1),
            Action::Level2 => Some(2),
            Action::Level3 => Some(3),
            Action::Level4 => Some(4),
            Action::Level5 => Some(5),
            _ => None,
        }
    }
}

/// What `update` asks the outside world to do. `update` itself never touches a file.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Write this change durably (the save worker reports back when it is on disk).
    Save(Box<aira_store::workspace::Change>),
    Quit,
    Suspend,
    /// Turn mouse capture on or off.
    Mouse(bool),
    /// Record a Statement of Applicability decision durably.
    SaveSoa {
        control: String,
        applicable: bool,
        justification: String,
    },
    /// Create or rename a respondent durably (their answers file).
    SaveRespondent(aira_core::assessment::Respondent),
    /// Record the agreed level of a question durably (None clears it).
    SaveAgreed {
        question: String,
        value: Option<aira_core::assessment::Value>,
    },
}
