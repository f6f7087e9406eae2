//! The engagement part of the TUI's state: the questionnaire, the answers, the workspace's
//! engagement data, and what is derived from them (scores, spreads, scope, progress). Fields
//! are private: every change goes through a method that keeps the derived figures current.

mod archived;
mod edit;
mod evidence;
mod facts;
mod facts_snapshot;
mod targets;
mod undo;
mod undo_apply;
mod vote;

pub use edit::Added;
pub use facts_snapshot::Facts;
pub use undo::{Done, Revert, Subject, Undone};
pub use vote::{VoteChange, same_name};

use super::derived::Derived;
use super::plans::Plans;
pub use super::scoped::InScope;
use aira_core::assessment::{Assessment, Respondent, Status};
use aira_core::engagement::Engagement;
use aira_core::questionnaire::{Function, Phase, Question, Questionnaire};
use aira_core::scoring::{CellFigures, QuestionFacts, Scores};
use aira_core::search::Index;

/// A heatmap cell: its phase row and function column (`None`: the "other" lane).
pub type Cell = (Option<Phase>, Option<Function>);

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

pub struct Session {
    questionnaire: Questionnaire,
    meta: Engagement,
    assessment: Assessment,
    scores: Scores,
    search: Index,
    /// Per-frame figures kept current one question at a time (see `derived`).
    derived: Derived,
    /// Index into `assessment.respondents`: whose answers the keys record.
    respondent: usize,
    /// Per heatmap cell (row-major over the grid), every figure it shows, by the reports'
    /// function (`scoring::cell_figures`), recomputed after each change like `scores`.
    cells: Vec<CellFigures>,
    /// Per question of the full questionnaire: its target by the reports' rule
    /// (`scoring::targets`), kept current one question at a time.
    targets: Vec<Option<f64>>,
    /// Per question, the same widest spread (`None` until two respondents answered it).
    question_spreads: Vec<Option<u8>>,
    /// Scores of the baseline assessment, when workspace.toml names one.
    baseline: Option<Scores>,
    /// Per question: walked and scored for the workspace's profiles and classifications
    /// (aira_core::scope); the walk, the counters and the live scores skip the rest.
    scope: InScope,
    /// Per question of the full questionnaire: its status (scores hold the scored ones only).
    statuses: Vec<Status>,
    /// Changes made in this session with their history entry numbers, newest last, for undo
    /// and redo (see `undo`).
    undo: Vec<Done>,
    /// Entries history.toml will hold once every pending save is written (saves are applied
    /// in order by one worker, and the lock keeps other writers out).
    history_len: usize,
    save: SaveState,
    /// Why the workspace is read-only (another aira holds it), if it is.
    read_only: Option<String>,
    /// Who is typing: recorded as `answered_by`.
    user: String,
    /// The clock, injectable so tests are deterministic.
    now: fn() -> String,
    /// What the SoA screen keeps between openings (reference index and scores).
    plans: Plans,
    /// Archived respondents' headers (see `archived`).
    archived: Vec<Respondent>,
}

impl Session {
    pub fn new(questionnaire: Questionnaire, meta: Engagement, assessment: Assessment, user: String) -> Session {
        let respondent = assessment.respondents.iter().position(|r| r.id == meta.default_respondent).unwrap_or(0);
        let statuses = assessment.statuses(&questionnaire);
        let scope = InScope::new(&questionnaire, &assessment, &meta.profiles);
        let scores = scope.score(&questionnaire, &statuses, meta.aggregation);
        let derived = Derived::new(&questionnaire, &scope, assessment.respondents.get(respondent));
        let mut s = Session {
            questionnaire,
            meta,
            assessment,
            scores,
            search: Index::default(),
            derived,
            respondent,
            cells: Vec::new(),
            targets: Vec::new(),
            question_spreads: Vec::new(),
            baseline: None,
            scope,
            statuses,
            undo: Vec::new(),
            history_len: 0,
            save: SaveState::default(),
            read_only: None,
            user,
            now: aira_store::workspace::now_rfc3339,
            plans: Plans::default(),
            archived: Vec::new(),
        };
        s.refresh_spreads(None);
        s.refresh_targets(None);
        s.refresh_cells();
        s
    }

    /// Change the questionnaire or the answers wholesale (a hand-built state in tests and
    /// tools), then recompute everything derived from them.
    pub fn rebuild_with(&mut self, change: impl FnOnce(&mut Questionnaire, &mut Assessment)) {
        change(&mut self.questionnaire, &mut self.assessment);
        self.search = Index::default();
        self.plans = Plans::default();
        self.respondent = self.respondent.min(self.assessment.respondents.len().saturating_sub(1));
        self.rescore();
    }

    // --- set once, when the workspace is opened ---

    pub fn set_read_only(&mut self, why: Option<String>) {
        self.read_only = why;
    }

    pub fn set_history_len(&mut self, n: usize) {
        self.history_len = n;
    }

    pub fn set_clock(&mut self, now: fn() -> String) {
        self.now = now;
    }

    pub fn set_baseline(&mut self, scores: Option<Scores>) {
        self.baseline = scores;
    }

    // --- reading ---

    pub fn questionnaire(&self) -> &Questionnaire {
        &self.questionnaire
    }

    pub fn meta(&self) -> &Engagement {
        &self.meta
    }

    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    pub fn scores(&self) -> &Scores {
        &self.scores
    }

    pub fn search_index(&self) -> &Index {
        &self.search
    }

    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    pub fn baseline(&self) -> Option<&Scores> {
        self.baseline.as_ref()
    }

    /// Everything heatmap cell `cell` shows (its score, target, gap, spread), as the reports
    /// compute it; `None` for a cell not on the grid.
    pub fn cell(&self, cell: Cell) -> Option<&CellFigures> {
        self.cells.iter().find(|c| (c.phase, c.function) == cell)
    }

    /// The widest spread between respondents on one question of the cell, if two answered one.
    pub fn cell_spread(&self, cell: Cell) -> Option<u8> {
        self.cell(cell).and_then(|c| c.spread)
    }

    /// Question `i`'s target by the reports' rule (`scoring::targets`).
    pub fn target(&self, i: usize) -> Option<f64> {
        self.targets.get(i).copied().flatten()
    }

    /// The cell's widest spread while a strong disagreement in it has no agreed level yet (what
    /// the room still has to discuss: the heatmap's `!`); `None` once every one is agreed.
    pub fn cell_open_spread(&self, cell: Cell) -> Option<u8> {
        self.cell(cell).filter(|c| c.unresolved > 0).and_then(|c| c.spread)
    }

    /// The widest spread between respondents on question `i`, if two answered it.
    pub fn question_spread(&self, i: usize) -> Option<u8> {
        self.question_spreads.get(i).copied().flatten()
    }

    /// Is question `i` walked (in profile and not excluded by a classification answered no)?
    pub fn in_scope(&self, i: usize) -> bool {
        self.scope.walked.get(i).copied().unwrap_or(true)
    }

    /// The questionnaire the live scores and the heatmap's grid are built from: the scored
    /// questions only, as the reports narrow it.
    pub fn scored_questionnaire(&self) -> &Questionnaire {
        self.scope.questionnaire(&self.questionnaire)
    }

    pub fn save_state(&self) -> &SaveState {
        &self.save
    }

    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// The time now, as the answers record it.
    pub fn now(&self) -> String {
        (self.now)()
    }

    pub fn history_len(&self) -> usize {
        self.history_len
    }

    /// Index into the assessment's respondents of the one whose answers the keys record.
    pub fn respondent_index(&self) -> usize {
        self.respondent.min(self.assessment.respondents.len().saturating_sub(1))
    }

    /// Whose answers the keys record; with every respondent archived, no one (an empty
    /// respondent nothing is recorded as: see `has_respondent`).
    pub fn current_respondent(&self) -> &Respondent {
        self.assessment.respondents.get(self.respondent_index()).unwrap_or_else(|| Session::no_one())
    }

    pub fn question(&self, i: usize) -> Option<&Question> {
        self.questionnaire.questions.get(i)
    }

    pub fn first_unanswered_from(&self, start: usize) -> Option<usize> {
        let n = self.questionnaire.questions.len();
        (0..n).map(|i| (start + i) % n).find(|&i| !self.derived.is_answered(i) && self.in_scope(i))
    }

    /// Walked questions answered (a level or N/A) by the current respondent, and their number.
    pub fn progress(&self) -> (usize, usize) {
        (self.derived.done, self.derived.walked)
    }

    pub fn heat_grid(&self) -> (Vec<Option<Phase>>, Vec<Option<Function>>) {
        (self.derived.rows.clone(), self.derived.cols.clone())
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

    /// The save worker reported: one pending change is durable, or it failed and will retry.
    pub fn saved(&mut self, result: Result<String, String>) {
        match result {
            Ok(time) => {
                self.save.pending = self.save.pending.saturating_sub(1);
                self.save.error = None;
                self.save.last_saved = Some(time);
            }
            Err(e) => self.save.error = Some(e),
        }
    }

    // --- keeping the derived figures current ---

    /// Work out again which questions apply (after a classification answer, or at open).
    /// True when the scope changed: the progress and the grid are then rebuilt by the caller.
    fn refresh_scope(&mut self) -> bool {
        let scope = InScope::new(&self.questionnaire, &self.assessment, &self.meta.profiles);
        let changed = !scope.same_as(&self.scope) || scope.walked.len() != self.questionnaire.questions.len();
        if changed {
            // The SoA's reference index is built over the scored questions.
            self.plans = Plans::default();
        }
        self.scope = scope;
        changed
    }

    /// Every score, spread and the scope again (an agreed level, or data changed wholesale).
    fn rescore(&mut self) {
        self.refresh_scope();
        self.statuses = self.assessment.statuses(&self.questionnaire);
        self.scores = self.scope.score(&self.questionnaire, &self.statuses, self.meta.aggregation);
        self.refresh_spreads(None);
        self.refresh_targets(None);
        self.respondent_changed();
        self.refresh_cells();
    }

    /// One question's answers changed: its status and what depends on it, not every question's.
    fn rescore_question(&mut self, i: usize) {
        self.rescore_questions(&[i]);
    }

    /// These questions' answers changed (a group of votes): each one's status and figures,
    /// then the scores and the grid once for all of them, which cost as much as every
    /// question's figures together.
    fn rescore_questions(&mut self, changed: &[usize]) {
        let mut classification = false;
        for &i in changed {
            let Some(q) = self.questionnaire.questions.get(i) else { continue };
            classification |= q.is_classification();
            if let Some(st) = self.statuses.get_mut(i) {
                *st = self.assessment.status(&q.id);
            }
        }
        // A classification answer can move questions in or out of scope: the grid, the
        // progress and the scores then follow it at once.
        if classification && self.refresh_scope() {
            self.respondent_changed();
            self.refresh_spreads(None);
            self.refresh_targets(None);
        } else {
            for &i in changed {
                let r = self.assessment.respondents.get(self.respondent_index());
                self.derived.question_changed(i, &self.questionnaire, r);
                self.refresh_spreads(Some(i));
                self.refresh_targets(Some(i));
            }
        }
        self.scores = self.scope.score(&self.questionnaire, &self.statuses, self.meta.aggregation);
        self.refresh_cells();
    }

    /// Another respondent's answers are shown: rebuild their progress and targets.
    fn respondent_changed(&mut self) {
        let r = self.assessment.respondents.get(self.respondent_index());
        self.derived = Derived::new(&self.questionnaire, &self.scope, r);
    }

    /// Recompute the spreads: every question's, or only question `changed`'s (an answer changed).
    fn refresh_spreads(&mut self, changed: Option<usize>) {
        let n = self.questionnaire.questions.len();
        match changed.and_then(|i| self.questionnaire.questions.get(i).map(|q| (i, q))) {
            Some((i, q)) if self.question_spreads.len() == n => {
                self.question_spreads[i] = self.assessment.question_spread(&q.id);
            }
            _ => self.question_spreads = self.assessment.spreads(&self.questionnaire),
        }
    }

    /// Recompute the targets: every question's, or only question `changed`'s.
    fn refresh_targets(&mut self, changed: Option<usize>) {
        let n = self.questionnaire.questions.len();
        let fallback = self.meta.default_target();
        match changed.and_then(|i| self.questionnaire.questions.get(i).map(|q| (i, q))) {
            Some((i, q)) if self.targets.len() == n => {
                let t = aira_core::scoring::question_target(&q.id, &self.assessment, fallback);
                self.targets[i] = t;
            }
            _ => self.targets = aira_core::scoring::targets(&self.questionnaire, &self.assessment, fallback),
        }
    }

    /// Every cell's figures again, from the statuses, targets and spreads kept current above.
    fn refresh_cells(&mut self) {
        let agreed: Vec<bool> =
            self.questionnaire.questions.iter().map(|x| self.assessment.agreed.contains_key(&x.id)).collect();
        let facts = QuestionFacts {
            statuses: &self.statuses,
            targets: &self.targets,
            spreads: &self.question_spreads,
            agreed: &agreed,
        };
        self.cells = self.scope.cells(&self.questionnaire, facts, self.meta.aggregation);
    }
}
