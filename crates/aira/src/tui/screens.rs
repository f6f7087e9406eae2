//! The screens the wizard stacks over the question card: each a type that owns its data (its
//! list, its cursor, what is being typed). What a screen does with keys is its `ScreenKeys`
//! (update), how it is drawn its `ScreenView` (view); an empty stack is the question card.

use ratatui_textarea::TextArea;

mod evidence;
mod facts;
pub use evidence::{EvidenceScreen, MAX_EVIDENCE_LINE};
pub use facts::{FIELDS as FACT_FIELDS, FactsScreen, label as fact_label};

use super::cursor::ListCursor;
use super::input::LineInput;
use aira_core::report::model::SoaRow;
use aira_core::scoring::roadmap::{Item, Term};
use aira_core::search::Hit;

/// What the heatmap's cells show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeatView {
    Current,
    Target,
    Gap,
    /// The widest spread between respondents' levels in each cell.
    Disagreement,
    /// Change since the baseline assessment (workspace.toml `baseline`).
    Trend,
}

impl HeatView {
    pub fn title(self) -> &'static str {
        match self {
            HeatView::Current => "current",
            HeatView::Target => "target",
            HeatView::Gap => "gap",
            HeatView::Disagreement => "disagreement",
            HeatView::Trend => "change since baseline",
        }
    }
}

pub enum Screen {
    Help(HelpScreen),
    Heatmap(HeatmapScreen),
    CellList(CellListScreen),
    Search(SearchScreen),
    /// Boxed: a text area is ten times the size of any other screen.
    Note(Box<NoteScreen>),
    Navigator(NavigatorScreen),
    Roadmap(RoadmapScreen),
    Soa(SoaScreen),
    Prompt(PromptScreen),
    Log(LogScreen),
    Respondents(RespondentsScreen),
    /// A file or URL recorded as evidence for a question, then its note (`tui/evidence.rs`).
    Evidence(EvidenceScreen),
    /// The engagement facts form (`tui/facts.rs`).
    Facts(FactsScreen),
}

/// `each_screen!(screen, x => expr)`: `expr` with `x` bound to whichever screen `screen` holds.
/// The one place besides the enum that names every screen: `update` (keys, paste) and `view`
/// (drawing, hints) dispatch through it to the screen's `ScreenKeys` and `ScreenView`
/// implementations, so a screen that lacks one does not compile.
macro_rules! each_screen {
    ($screen:expr, $x:ident => $body:expr) => {
        match $screen {
            Screen::Help($x) => $body,
            Screen::Heatmap($x) => $body,
            Screen::CellList($x) => $body,
            Screen::Search($x) => $body,
            Screen::Note($x) => $body,
            Screen::Navigator($x) => $body,
            Screen::Roadmap($x) => $body,
            Screen::Soa($x) => $body,
            Screen::Prompt($x) => $body,
            Screen::Log($x) => $body,
            Screen::Respondents($x) => $body,
            Screen::Evidence($x) => $body,
            Screen::Facts($x) => $body,
        }
    };
}
pub(crate) use each_screen;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HelpScreen {
    pub scroll: u16,
}

/// The full-screen heatmap with a selected cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeatmapScreen {
    pub row: usize,
    pub col: usize,
    pub view: HeatView,
}

/// The questions of one heatmap cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellListScreen {
    pub row: usize,
    pub col: usize,
    pub view: HeatView,
    /// Question indices in the cell, in questionnaire order (fixed while the list is open).
    pub members: Vec<usize>,
    pub cursor: ListCursor,
}

pub struct SearchScreen {
    pub query: LineInput,
    pub cursor: ListCursor,
    /// The hits shown, and every matching question index (a longer query narrows from them).
    pub hits: Vec<Hit>,
    pub matching: Option<Vec<usize>>,
}

/// The note editor over the card (multi-line: a text area, driven by the same actions).
pub struct NoteScreen {
    pub editor: TextArea<'static>,
    /// The question the note is for (shown on the card while the note is open).
    pub question: usize,
    /// Where the walk was, to return to when the note was for the question just answered.
    pub back_to: Option<usize>,
}

/// The navigator tree has the keys; the cursor is a row of `navigator::rows`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NavigatorScreen {
    pub cursor: ListCursor,
}

/// The roadmap; its items (horizon by horizon) are built when it opens.
pub struct RoadmapScreen {
    pub items: Vec<(Term, Item)>,
    pub cursor: ListCursor,
    /// The owner or the due date of the selected item, being typed.
    pub typing: Option<(RoadmapField, LineInput)>,
}

/// What is typed for a roadmap item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoadmapField {
    Owner,
    Due,
}

/// The Statement of Applicability; `typing` is the justification of a "not applicable",
/// `owner` the owner of the selected (decided) control, each being typed.
pub struct SoaScreen {
    pub rows: Vec<SoaRow>,
    pub cursor: ListCursor,
    pub typing: Option<LineInput>,
    pub owner: Option<LineInput>,
}

/// A respondent's name (and, after a comma, role) typed in the status bar: a new one, or the
/// current one's new name; `error` says why the last Enter was refused (the line is kept).
pub struct PromptScreen {
    pub rename: bool,
    pub input: LineInput,
    pub error: Option<String>,
}

/// A line for the interview log, typed in the status bar; or, with `why`, the reason the
/// room agreed the level of that question (asked after `a` and a level in the workshop view).
pub struct LogScreen {
    pub input: LineInput,
    pub why: Option<String>,
}

/// The respondents, to choose whose answers the keys record (`respondents.rs`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RespondentsScreen {
    pub cursor: ListCursor,
}

/// What a screen asks of the stack after an action.
pub enum Nav {
    Stay,
    /// Close this screen: the one under it (or the card) comes back.
    Close,
    /// Open a screen over this one.
    Push(Screen),
    /// Put a screen in this one's place.
    Replace(Screen),
    /// Close every screen and show this question on the card.
    Jump(usize),
}
