//! Everything the screen shows, in one place. `update` changes it; views only read it.

use super::derived::Derived;
use super::keymap::{Keymap, Pending};
use super::screens::Screen;
use aira_core::assessment::{Answer, Assessment, Respondent};
use aira_core::engagement::Engagement;
use aira_core::questionnaire::Questionnaire;
use aira_core::scoring::{self, Scores};
use aira_core::search::Index;

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

/// Where the save worker is: the status bar says "Saved" only when nothing is pending.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveState {
    /// Changes handed to the worker and not yet reported durable.
    pub pending: usize,
    /// Local time (HH:MM:SS) of the last change that became durable.
    pub last_saved: Option<String>,
    /// The last failure; the worker keeps retrying while this is set.
    pub error: Option<String>,
}

pub struct AppState {
    pub questionnaire: Questionnaire,
    pub meta: Engagement,
    pub assessment: Assessment,
    pub scores: Scores,
    pub search: Index,
    /// Per-frame figures kept current by `update` (see `derived`).
    pub derived: Derived,
    /// Index into `assessment.respondents`: whose answers the keys record.
    pub respondent: usize,
    /// Index into `questionnaire.questions`.
    pub cursor: usize,
    pub card_scroll: u16,
    /// The screens over the question card, top last (empty: the card has the keys).
    screens: Vec<Screen>,
    /// A chord under way on the card (`t` pressed, its level not yet).
    pub pending: Option<Pending>,
    pub save: SaveState,
    /// Why the workspace is read-only (another aira holds it), if it is.
    pub read_only: Option<String>,
    pub notices: Vec<String>,
    /// A one-off message for the status bar (cleared by the next key).
    pub flash: Option<String>,
    /// Who is typing: recorded as `answered_by`.
    pub user: String,
    pub keymap: Keymap,
    pub theme: super::theme::Theme,
    /// Changes made in this session with their history entry numbers, newest last, for `u`.
    pub undo: Vec<(aira_store::workspace::Change, usize)>,
    /// Entries history.toml will hold once every pending save is written (saves are applied
    /// in order by one worker, and the lock keeps other writers out).
    pub history_len: usize,
    /// Per heatmap cell, the widest spread between respondents' levels on one question
    /// (cells with no question answered by two respondents are absent).
    pub spreads: std::collections::HashMap<
        (Option<aira_core::questionnaire::Phase>, Option<aira_core::questionnaire::Function>),
        u8,
    >,
    /// Per question, the same widest spread (`None` until two respondents answered it).
    question_spreads: Vec<Option<u8>>,
    /// Scores of the baseline assessment, when workspace.toml names one.
    pub baseline: Option<Scores>,
    /// Workshop mode: the projector view of the current question and everyone's levels.
    pub workshop: bool,
    /// Which questions the walk and the navigator show.
    pub filter: super::filter::Filter,
    /// Mouse capture on (click, wheel) or off (the terminal's own text selection works).
    pub mouse: bool,
    /// The clock, injectable so tests are deterministic.
    pub now: fn() -> String,
    /// The roadmap and SoA lists, built when their screen opens (at 10,000 questions each
    /// takes milliseconds, too long to redo for every frame and arrow key).
    pub plans: super::plans::Plans,
    /// Per question: in scope for the workspace's profiles and classifications
    /// (aira_core::scope); the walk and the navigator skip the rest.
    pub in_scope: Vec<bool>,
}

impl AppState {
    pub fn new(questionnaire: Questionnaire, meta: Engagement, assessment: Assessment, user: String) -> AppState {
        let respondent = assessment.respondents.iter().position(|r| r.id == meta.default_respondent).unwrap_or(0);
        let statuses = assessment.statuses(&questionnaire);
        let scores = scoring::score(&questionnaire, &statuses, meta.aggregation);
        let search = Index::default();
        let derived = Derived::new(&questionnaire, &meta, assessment.respondents.get(respondent));
        let mut s = AppState {
            questionnaire,
            meta,
            assessment,
            scores,
            search,
            derived,
            respondent,
            cursor: 0,
            card_scroll: 0,
            screens: Vec::new(),
            pending: None,
            save: SaveState::default(),
            read_only: None,
            notices: Vec::new(),
            flash: None,
            user,
            keymap: Keymap::defaults(),
            theme: Default::default(),
            undo: Vec::new(),
            history_len: 0,
            filter: Default::default(),
            baseline: None,
            spreads: Default::default(),
            question_spreads: Vec::new(),
            workshop: false,
            mouse: true,
            now: aira_store::workspace::now_rfc3339,
            plans: Default::default(),
            in_scope: Vec::new(),
        };
        s.refresh_scope();
        s.refresh_spreads(None);
        // Resume where the work stopped: the first question this respondent has not answered.
        s.cursor = s.first_unanswered_from(0).unwrap_or(0);
        s
    }

    /// The screen that has the keys (`None`: the question card).
    pub fn screen(&self) -> Option<&Screen> {
        self.screens.last()
    }

    /// Open a screen over whatever is shown.
    pub fn open(&mut self, screen: Screen) {
        self.pending = None;
        self.screens.push(screen);
    }

    /// Take the top screen off to hand it an action (`update` puts it back or not).
    pub(crate) fn take_screen(&mut self) -> Option<Screen> {
        self.screens.pop()
    }

    /// Back to the question card.
    pub fn close_all(&mut self) {
        self.screens.clear();
    }

    /// Recompute the spreads: every question's and cell's, or only question `changed`'s and its
    /// cell's (an answer changed). With fewer than two respondents there is nothing to compare.
    pub fn refresh_spreads(&mut self, changed: Option<usize>) {
        let n = self.questionnaire.questions.len();
        if self.assessment.respondents.len() < 2 {
            // Nothing to compare; a later change rebuilds from scratch (the lengths differ).
            self.question_spreads.clear();
            self.spreads.clear();
            return;
        }
        let cell = match changed.and_then(|i| self.questionnaire.questions.get(i).map(|q| (i, q))) {
            Some((i, q)) if self.question_spreads.len() == n => {
                self.question_spreads[i] = self.assessment.question_spread(&q.id);
                Some((q.phase, q.function))
            }
            _ => {
                self.question_spreads = self.assessment.spreads(&self.questionnaire);
                None
            }
        };
        match cell {
            Some(c) => self.spreads.remove(&c),
            None => {
                self.spreads.clear();
                None
            }
        };
        for (q, spread) in self.questionnaire.questions.iter().zip(&self.question_spreads) {
            let key = (q.phase, q.function);
            if let Some(spread) = *spread
                && cell.is_none_or(|c| c == key)
            {
                let e = self.spreads.entry(key).or_insert(spread);
                *e = (*e).max(spread);
            }
        }
    }

    pub fn current_respondent(&self) -> &Respondent {
        &self.assessment.respondents[self.respondent.min(self.assessment.respondents.len().saturating_sub(1))]
    }

    pub fn current_question(&self) -> Option<&aira_core::questionnaire::Question> {
        self.questionnaire.questions.get(self.cursor)
    }

    /// The current respondent's answer to the question at the cursor.
    pub fn current_answer(&self) -> Option<&Answer> {
        let q = self.current_question()?;
        self.current_respondent().answer(&q.id)
    }

    pub fn first_unanswered_from(&self, start: usize) -> Option<usize> {
        let n = self.questionnaire.questions.len();
        let in_scope = |i: usize| self.in_scope.get(i).copied().unwrap_or(true);
        (0..n).map(|i| (start + i) % n).find(|&i| !self.derived.is_answered(i) && in_scope(i))
    }

    /// Answered (a level or N/A) by the current respondent, and the total.
    pub fn progress(&self) -> (usize, usize) {
        (self.derived.done, self.questionnaire.questions.len())
    }

    /// Work out again which questions apply (after a classification answer, or at open).
    pub fn refresh_scope(&mut self) {
        let scope = aira_core::scope::Scope::new(&self.questionnaire, &self.assessment, &self.meta.profiles);
        self.in_scope = (0..self.questionnaire.questions.len()).map(|i| scope.applies(i)).collect();
    }

    pub fn rescore(&mut self) {
        self.refresh_scope();
        let statuses = self.assessment.statuses(&self.questionnaire);
        self.scores = scoring::score(&self.questionnaire, &statuses, self.meta.aggregation);
        self.refresh_spreads(None);
        self.respondent_changed();
    }

    /// One question's answers changed: its status and what depends on it, not every question's.
    pub fn rescore_question(&mut self, i: usize) {
        let Some(q) = self.questionnaire.questions.get(i) else { return };
        let classification = q.is_classification();
        if let Some(st) = self.scores.questions.get_mut(i) {
            *st = self.assessment.status(&q.id);
        }
        self.scores = scoring::score(&self.questionnaire, &self.scores.questions, self.meta.aggregation);
        let r =
            self.assessment.respondents.get(self.respondent.min(self.assessment.respondents.len().saturating_sub(1)));
        self.derived.question_changed(i, &self.questionnaire, &self.meta, r);
        self.refresh_spreads(Some(i));
        if classification {
            self.refresh_scope();
        }
    }

    /// Another respondent's answers are shown: rebuild their progress and targets.
    pub fn respondent_changed(&mut self) {
        let r =
            self.assessment.respondents.get(self.respondent.min(self.assessment.respondents.len().saturating_sub(1)));
        self.derived = Derived::new(&self.questionnaire, &self.meta, r);
    }

    /// How the keymap writes the key for `action` in `ctx` right now, for hints and prompts
    /// (a chord as its keys in turn; "unbound" when the user's keymap took it away).
    pub fn key_name(&self, ctx: super::keymap::Context, action: super::action::Action) -> String {
        self.keymap.chord_for(ctx, action).map_or_else(|| "unbound".to_owned(), ToString::to_string)
    }

    /// The status-bar text about saving.
    pub fn save_label(&self) -> String {
        if self.read_only.is_some() {
            return "Read-only".into();
        }
        match (&self.save.error, self.save.pending, &self.save.last_saved) {
            (Some(e), _, _) => format!("NOT SAVED, retrying: {e}"),
            (None, 0, Some(t)) => format!("Saved {t}"),
            (None, 0, None) => "No changes yet".into(),
            (None, _, _) => "Saving…".into(),
        }
    }

    pub fn heat_grid(
        &self,
    ) -> (Vec<Option<aira_core::questionnaire::Phase>>, Vec<Option<aira_core::questionnaire::Function>>) {
        (self.derived.rows.clone(), self.derived.cols.clone())
    }
}
