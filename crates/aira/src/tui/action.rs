//! The app's vocabulary. Keys map to actions, `update` takes actions, and each action's doc
//! line is its help text: the help screen can never disagree with what a key does.

/// Declares the Action enum with its snake_case name (as used in keymap.toml) and help line.
macro_rules! actions {
    ($( $(#[doc = $doc:literal])+ $name:ident = $key:literal, )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[doc = $doc])+ $name, )*
            /// Set the target to this level (a chord: `target_3` in keymap.toml)
            SetTarget(u8),
            /// Set the agreed level to this level (a chord: `agree_3` in keymap.toml)
            SetAgreed(u8),
            /// Type this character (any printable key while text is being typed)
            InsertChar(char),
        }

        impl Action {
            /// Every bindable action without data (`target_N` and `agree_N` come on top).
            pub const ALL: &'static [Action] = &[$(Action::$name),*];

            /// The name used in keymap.toml.
            pub fn name(self) -> std::borrow::Cow<'static, str> {
                match self {
                    $(Action::$name => $key.into(),)*
                    Action::SetTarget(n) => format!("target_{n}").into(),
                    Action::SetAgreed(n) => format!("agree_{n}").into(),
                    Action::InsertChar(_) => "insert_char".into(),
                }
            }

            /// One line for the help screen (the variant's doc comment).
            pub fn help(self) -> std::borrow::Cow<'static, str> {
                match self {
                    $(Action::$name => concat!($($doc),+).trim_ascii().into(),)*
                    Action::SetTarget(n) => format!("Set the target to {n}").into(),
                    Action::SetAgreed(n) => format!("Set the agreed level to {n}").into(),
                    Action::InsertChar(_) => "Type the character".into(),
                }
            }

            /// The action a keymap.toml name stands for. `insert_char` is not bindable: it is
            /// what any printable key does where text is typed.
            pub fn from_name(name: &str) -> Option<Action> {
                let level = |rest: &str| rest.parse::<u8>().ok().filter(|n| *n <= 9 && rest.len() == 1);
                match name {
                    $($key => Some(Action::$name),)*
                    _ => {
                        if let Some(n) = name.strip_prefix("target_").and_then(level) {
                            Some(Action::SetTarget(n))
                        } else {
                            name.strip_prefix("agree_").and_then(level).map(Action::SetAgreed)
                        }
                    }
                }
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
    /// Clear the target (a chord, like the target levels)
    ClearTarget = "clear_target",
    /// Toggle the follow-up flag
    Flag = "flag",
    /// Edit the note (Esc or Ctrl-S keeps it)
    EditNote = "edit_note",
    /// Undo your last change
    Undo = "undo",
    /// Redo what your last undo reverted
    Redo = "redo",
    /// Search questions, references and notes
    Search = "search",
    /// Full-screen heatmap
    Heatmap = "heatmap",
    /// Next respondent
    NextRespondent = "next_respondent",
    /// Choose the respondent from a list
    Respondents = "respondents",
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
    /// Cycle heatmap view: current, target, gap, disagreement, change since baseline
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
    /// Roadmap, SoA: type who owns the selected action or control (empty clears it)
    SetOwner = "set_owner",
    /// Roadmap: type when the selected action is due, YYYY-MM-DD (empty clears it)
    SetDue = "set_due",
    /// Mark the control applicable
    MarkApplicable = "mark_applicable",
    /// Workshop mode: a projector view of the question and everyone's levels
    Workshop = "workshop",
    /// Workshop: open voting from phones (a new link each time), or close it
    ToggleVoting = "toggle_voting",
    /// Workshop: open voting to the local network (asks first: phones on it can reach the page)
    VoteOnNetwork = "vote_on_network",
    /// Workshop: show or hide how the room voted (the distribution and its range)
    Reveal = "reveal",
    /// Agree the question is not applicable (a chord)
    AgreeNa = "agree_na",
    /// Clear the agreed level (a chord)
    ClearAgreed = "clear_agreed",
    /// Add a timestamped line to the interview log
    LogLine = "log_line",
    /// Add a respondent (type the name, Enter)
    AddRespondent = "add_respondent",
    /// Rename the current respondent
    RenameRespondent = "rename_respondent",
    /// Record evidence for this question: a file (hashed) or an http(s) URL, then a note
    AddEvidence = "add_evidence",
    /// Edit the engagement facts: scope, assessors, contact, period, report status, version
    EditFacts = "edit_facts",
    /// Keep what was typed
    Submit = "submit",
    /// Drop what was typed
    Cancel = "cancel",
    /// Delete the character before the cursor
    DeleteBack = "delete_back",
    /// Delete the character under the cursor
    DeleteForward = "delete_forward",
    /// Cursor one character left
    CursorLeft = "cursor_left",
    /// Cursor one character right
    CursorRight = "cursor_right",
    /// Cursor to the start of the line
    CursorHome = "cursor_home",
    /// Cursor to the end of the line
    CursorEnd = "cursor_end",
    /// Cursor one word left
    WordLeft = "word_left",
    /// Cursor one word right
    WordRight = "word_right",
    /// Clear the line
    ClearInput = "clear_input",
    /// Start a new line in the note
    Newline = "newline",
    /// Keep the note and close the editor
    KeepNote = "keep_note",
    /// Create a new workspace
    NewWorkspace = "new_workspace",
    /// Open a workspace by its folder
    OpenPath = "open_path",
    /// Forget the selected workspace (its folder is left alone)
    Forget = "forget",
    /// Filter the list by typing
    Filter = "filter",
    /// Next field of the form
    NextField = "next_field",
    /// Previous field of the form
    PrevField = "prev_field",
    /// Next choice
    NextChoice = "next_choice",
    /// Previous choice
    PrevChoice = "prev_choice",
    /// Tick or untick the choice (a profile of the new workspace); next questionnaire
    ToggleChoice = "toggle_choice",
}

impl Action {
    /// The `level_N` action of a level (levels 0 to 5 have one).
    pub fn for_level(level: u8) -> Option<Action> {
        [Action::Level0, Action::Level1, Action::Level2, Action::Level3, Action::Level4, Action::Level5]
            .get(usize::from(level))
            .copied()
    }

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
        /// Who is accountable for the control ("" for nobody): saved with the decision.
        owner: String,
    },
    /// Record the owner and due date of a question's roadmap action durably, in history.
    SaveRoadmap {
        question: String,
        entry: aira_core::engagement::RoadmapEntry,
    },
    /// Create (`old` None) or rename a respondent durably: their answers file's header and a
    /// `respondent` history entry, made as respondent `as_` (whoever was answering when the
    /// key was pressed; a first respondent named when no one answers, themselves).
    SaveRespondent {
        old: Option<aira_core::assessment::Respondent>,
        new: aira_core::assessment::Respondent,
        as_: String,
    },
    /// Write what an undo or redo of an agreed level or SoA decision put back, durably.
    Revert(Box<crate::tui::session::Revert>),
    /// Record the agreed level of a question durably (None clears it).
    SaveAgreed {
        question: String,
        value: Option<aira_core::assessment::Value>,
    },
    /// Record a question's engagement target durably (None clears it): targets.toml.
    SaveTarget {
        question: String,
        level: Option<u8>,
    },
    /// Record durably why the room agreed the level of a question (the decision's note).
    SaveAgreedNote {
        question: String,
        note: String,
    },
    /// Open voting from phones on this address (a new token).
    OpenVoting(std::net::SocketAddr),
    /// Close voting: the port closes and the token is dead.
    CloseVoting,
    /// The room moves to this question.
    RoomQuestion(Box<aira_vote::QuestionView>),
    /// Show (true) or hide the room's votes on the vote page.
    Reveal(bool),
    /// Look at the file or URL typed as evidence (a file is hashed); the answer comes back
    /// through `update::evidence_inspected`.
    InspectEvidence(String),
    /// Record changed engagement facts durably (checked already), in history.
    SaveFacts(aira_core::engagement::FactsEdit),
}
