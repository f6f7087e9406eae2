//! The TUI's state in two parts: the engagement (`session`: questionnaire, answers, scores,
//! saving) and the UI (`ui`: the card's question, the screen stack, messages, keymap, theme,
//! filters). Each keeps its fields private; `update` changes them through their methods and
//! views only read them.

// HeatView lives with the screens that show it; re-exported where it always was.
pub use super::screens::HeatView;
pub use super::session::{SaveState, Session};
pub use super::ui::Ui;
use aira_core::assessment::{Answer, Assessment, Respondent};
use aira_core::engagement::Engagement;
use aira_core::questionnaire::{Question, Questionnaire};

pub struct AppState {
    pub session: Session,
    pub ui: Ui,
    /// The workshop room while voting is open (votes themselves are saved as answers).
    pub room: super::room::Room,
}

impl AppState {
    pub fn new(questionnaire: Questionnaire, meta: Engagement, assessment: Assessment, user: String) -> AppState {
        let session = Session::new(questionnaire, meta, assessment, user);
        let mut ui = Ui::default();
        // Resume where the work stopped: the first question this respondent has not answered.
        ui.move_to(session.first_unanswered_from(0).unwrap_or(0));
        AppState { session, ui, room: Default::default() }
    }

    pub fn current_respondent(&self) -> &Respondent {
        self.session.current_respondent()
    }

    /// The question on the card.
    pub fn current_question(&self) -> Option<&Question> {
        self.session.question(self.ui.cursor())
    }

    /// The current respondent's answer to the question on the card.
    pub fn current_answer(&self) -> Option<&Answer> {
        let q = self.current_question()?;
        self.current_respondent().answer(&q.id)
    }
}
