//! Carrying out what `update` asks (saves, voting, the terminal's modes), and feeding in what
//! the room sends: the wizard loop's side of effects and votes.

use super::action::Effect;
use super::saver::{Saver, Work};
use super::state::AppState;
use super::voting::{Voting, room_view};
use super::{terminal, update};

/// Who types, now, and the respondent answering: what a change that names no respondent of
/// its own (an agreed level, an SoA decision, a roadmap entry) records.
fn made_by(state: &AppState) -> (String, String, String) {
    (state.session.user().to_owned(), state.session.now(), state.current_respondent().id.clone())
}

/// Do each effect in order; `true` when one of them quits.
pub(super) fn apply(
    state: &mut AppState,
    effects: Vec<Effect>,
    saver: Option<&Saver>,
    voting: &mut Option<Voting>,
    guard: &mut terminal::Guard,
) -> std::io::Result<bool> {
    for fx in effects {
        let work = match fx {
            Effect::Save(change) => Some((Work::Change(change), "this change")),
            Effect::SaveRespondent { old, new, as_ } => {
                let (by, at, _) = made_by(state);
                Some((Work::Respondent { old, new, as_, by, at }, "the respondent"))
            }
            Effect::SaveAgreed { question, value } => {
                let (by, at, as_) = made_by(state);
                Some((Work::Agree { question, value, by, at, as_ }, "the agreed level"))
            }
            Effect::SaveTarget { question, level } => {
                let (by, at, as_) = made_by(state);
                Some((Work::Target { question, level, by, at, as_ }, "the target"))
            }
            Effect::SaveAgreedNote { question, note } => {
                let (by, at, as_) = made_by(state);
                Some((Work::AgreeNote { question, note, by, at, as_ }, "the reason for the agreed level"))
            }
            Effect::SaveSoa { control, applicable, justification, owner } => {
                let (by, at, as_) = made_by(state);
                Some((Work::Soa { control, applicable, justification, owner, by, at, as_ }, "this decision"))
            }
            Effect::Revert(revert) => {
                let (by, at, _) = made_by(state);
                Some((Work::Revert { revert, by, at }, "this undo"))
            }
            Effect::SaveRoadmap { question, entry } => {
                let (by, at, as_) = made_by(state);
                Some((Work::Roadmap { question, entry, by, at, as_ }, "the roadmap item"))
            }
            Effect::SaveFacts(edit) => {
                let (by, at, as_) = made_by(state);
                Some((Work::Facts { edit, by, at, as_ }, "the engagement facts"))
            }
            Effect::InspectEvidence(typed) => {
                // Looked at here, between keys: a file is read once to hash it.
                let result = match saver {
                    Some(sv) => super::evidence::inspect(sv.dir(), &typed),
                    None => Err("Read-only: the evidence was not recorded".to_owned()),
                };
                super::evidence::inspected(state, result);
                None
            }
            Effect::Quit => return Ok(true),
            Effect::Suspend => {
                guard.suspend()?;
                None
            }
            Effect::Mouse(on) => {
                guard.set_mouse(on)?;
                None
            }
            Effect::OpenVoting(listen) => {
                if let Some(old) = voting.take() {
                    old.close();
                }
                let opened = Voting::open(listen, room_view(state));
                let result = match opened {
                    Ok(v) => {
                        let url = v.server().url().to_owned();
                        *voting = Some(v);
                        let shown = state.current_question().map(|q| q.id.clone()).unwrap_or_default();
                        Ok((url, shown))
                    }
                    Err(e) => Err(e.to_string()),
                };
                update::voting_opened(state, result);
                None
            }
            Effect::CloseVoting => {
                if let Some(v) = voting.take() {
                    v.close();
                }
                update::voting_closed(state);
                None
            }
            Effect::RoomQuestion(q) => {
                if let Some(v) = voting.as_ref() {
                    v.server().set_question(*q);
                }
                None
            }
            Effect::Reveal(on) => {
                if let Some(v) = voting.as_ref() {
                    v.server().reveal(on);
                }
                None
            }
        };
        if let Some((work, what)) = work {
            match saver {
                Some(sv) => sv.send(work),
                None => state.ui.set_flash(Some(format!("Read-only: {what} was not saved"))),
            }
        }
    }
    Ok(false)
}

/// Take what the room sent since the last look: votes to save (each answered once durable)
/// and the server's events. `true` when anything arrived (the screen is to be drawn again).
pub(super) fn from_room(state: &mut AppState, saver: Option<&Saver>, voting: Option<&Voting>) -> bool {
    let Some(v) = voting else { return false };
    let requests: Vec<_> = v.requests.try_iter().collect();
    let mut any = !requests.is_empty();
    let recorded = update::votes(state, requests.iter().map(|r| (r.name.as_str(), r.question.as_str(), r.level)));
    for (req, vc) in requests.into_iter().zip(recorded) {
        match (saver, vc) {
            (Some(sv), Some(vc)) => {
                sv.send(Work::Vote { respondent: vc.new_respondent, change: Box::new(vc.change), done: req.done })
            }
            (None, _) => {
                let _ = req.done.send(Err("the workspace is read-only".into()));
            }
            (Some(_), None) => {
                let _ = req.done.send(Err(format!("question {} is not in this questionnaire", req.question)));
            }
        }
    }
    while let Ok(event) = v.server().events().try_recv() {
        any = true;
        update::room_event(state, event);
    }
    any
}
