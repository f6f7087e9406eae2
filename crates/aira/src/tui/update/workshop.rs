//! Workshop voting keys and what arrives from the room: `V` opens or closes voting, `L` asks
//! before opening it to the network, `space` reveals; votes come in as events (no terminal
//! needed), and the room follows the card's question.

use super::Effect;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::room::{LAN_LISTEN, RoomVote};
use crate::tui::session::{VoteChange, same_name};
use crate::tui::state::AppState;
use crate::tui::voting::question_view;
use aira_core::assessment::Value;
use aira_vote::{Event, Level};

/// The workshop view's own actions; `false` for any other (the card handles it).
pub(super) fn update(s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> bool {
    if action != Action::VoteOnNetwork {
        s.room.asking_lan = false;
    }
    match action {
        Action::ToggleVoting if s.room.is_open() => fx.push(Effect::CloseVoting),
        Action::ToggleVoting => open(s, s.room.listen, fx),
        Action::VoteOnNetwork if s.room.asking_lan => {
            s.room.asking_lan = false;
            if s.room.is_open() {
                fx.push(Effect::CloseVoting);
            }
            open(s, LAN_LISTEN, fx);
        }
        Action::VoteOnNetwork => {
            s.room.asking_lan = true;
            let key = s.ui.key_name(Context::Workshop, Action::VoteOnNetwork);
            s.ui.say(format!(
                "Open voting on the network ({LAN_LISTEN})? Anyone on this network who has the link can \
                 join and vote. {key} again opens it; any other key cancels"
            ));
        }
        Action::Reveal if !s.room.is_open() => {
            let key = s.ui.key_name(Context::Workshop, Action::ToggleVoting);
            s.ui.say(format!("Voting is closed: {key} opens it"));
        }
        Action::Reveal => {
            let on = !s.room.revealed();
            s.room.set_revealed(on);
            fx.push(Effect::Reveal(on));
        }
        // The room agreed a level: record it, then ask why, in the status bar of this view.
        Action::SetAgreed(_) | Action::AgreeNa => {
            let value = match action {
                Action::SetAgreed(l) => Value::Level(l),
                _ => Value::NotApplicable,
            };
            let saved = super::interview::set_agreed(s, Some(value));
            if let Some(Effect::SaveAgreed { question, .. }) = saved.first() {
                super::interview::ask_rationale(s, question.clone());
            }
            fx.extend(saved);
        }
        _ => return false,
    }
    true
}

fn open(s: &mut AppState, listen: std::net::SocketAddr, fx: &mut Vec<Effect>) {
    if let Some(why) = s.session.read_only() {
        s.ui.say(format!("Read-only: votes could not be saved ({why})"));
        return;
    }
    fx.push(Effect::OpenVoting(listen));
}

/// The loop opened voting (a new link) or could not.
pub fn voting_opened(s: &mut AppState, result: Result<(String, String), String>) {
    match result {
        Ok((url, question)) => {
            s.room.opened(url);
            s.room.show(question);
            let key = s.ui.key_name(Context::Workshop, Action::ToggleVoting);
            s.ui.say(format!("Voting open: phones open the link or scan the code ({key} closes it)"));
        }
        Err(e) => s.ui.say(format!("Voting did not open: {e}")),
    }
}

pub fn voting_closed(s: &mut AppState) {
    s.room.closed();
    s.ui.say("Voting closed: the link no longer works");
}

/// After any action: with voting open, the page shows the card's question.
pub(super) fn follow(s: &mut AppState, fx: &mut Vec<Effect>) {
    if !s.room.is_open() || fx.iter().any(|e| matches!(e, Effect::OpenVoting(_) | Effect::CloseVoting)) {
        return;
    }
    let Some(view) = question_view(s, s.ui.cursor()) else { return };
    if s.room.shown() != Some(view.id.as_str()) {
        s.room.show(view.id.clone());
        fx.push(Effect::RoomQuestion(Box::new(view)));
    }
}

/// A phone's vote, before it is durable: `votes` with one.
pub fn vote(s: &mut AppState, name: &str, question: &str, level: Level) -> Option<VoteChange> {
    votes(s, [(name, question, level)]).pop().flatten()
}

/// Phones' votes that arrived together, before they are durable: applied like a key's
/// change, scored once for the group; the caller hands each to the saver. `None` for a vote
/// that cannot be recorded (read-only, a question this questionnaire lacks).
pub fn votes<'a>(
    s: &mut AppState,
    votes: impl IntoIterator<Item = (&'a str, &'a str, Level)>,
) -> Vec<Option<VoteChange>> {
    let values = votes.into_iter().map(|(name, question, level)| {
        let value = match level {
            Level::Value(v) => Value::Level(v),
            Level::NotApplicable => Value::NotApplicable,
        };
        (name, question, value)
    });
    let recorded = s.session.record_votes(values);
    for v in recorded.iter().flatten() {
        s.room.in_flight.push((v.change.respondent.id.clone(), v.change.clone()));
    }
    recorded
}

/// What the vote server reports, in order.
pub fn room_event(s: &mut AppState, event: Event) {
    match event {
        Event::Joined { participant, name } => s.room.join(participant, name),
        Event::Voted { participant, name, question, level } => {
            landed(s, &name, &question);
            s.room.vote(RoomVote { participant, name, question, level });
        }
        Event::NotSaved { name, question, error, .. } => {
            if let Some(change) = landed(s, &name, &question) {
                s.session.unvote(&change);
            }
            s.ui.say(format!("{name}'s vote was not saved (their phone says so): {error}"));
        }
    }
}

/// The in-flight vote of `name` on `question`, now settled one way or the other.
fn landed(s: &mut AppState, name: &str, question: &str) -> Option<aira_store::workspace::Change> {
    let at =
        s.room.in_flight.iter().position(|(_, c)| c.question == question && same_name(&c.respondent.name, name))?;
    Some(s.room.in_flight.remove(at).1)
}

#[cfg(test)]
#[path = "workshop_tests.rs"]
mod tests;
