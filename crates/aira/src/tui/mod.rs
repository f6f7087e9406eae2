//! The terminal UI: state, update and view, and the loop that feeds them. Nothing in the rest
//! of aira depends on this module.

pub mod action;
pub mod cursor;
pub mod derived;
mod effects;
mod evidence;
mod facts;
pub mod filter;
pub mod input;
pub(crate) mod key;
pub mod keymap;
pub mod layout;
pub mod navigator;
pub mod pacing;
pub mod plans;
mod respondents;
pub mod room;
pub mod saver;
pub mod scoped;
pub mod screens;
pub mod session;
pub mod start;
pub mod state;
pub(crate) mod terminal;
#[cfg(test)]
pub(crate) mod testing;
pub mod theme;
pub mod ui;
pub mod update;
pub mod view;
pub mod voting;
pub mod who;

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};

use state::AppState;

use aira_store::workspace::Workspace;

pub struct Options {
    pub theme: theme::Theme,
    pub user: String,
    pub keymap: keymap::Keymap,
    /// Actions taken before the first frame, as if their keys were pressed.
    pub first: Vec<action::Action>,
}

/// Build the state for a workspace, copying what it holds (tests and benchmarks keep `ws`).
pub fn state_for(ws: &Workspace, opts: &Options) -> AppState {
    let s = AppState::new(ws.questionnaire.clone(), ws.meta.clone(), ws.assessment.clone(), opts.user.clone());
    finish_state(s, ws, opts)
}

/// Build the state by moving the questionnaire and answers out of the workspace: at 10,000
/// questions a copy costs time before the first frame and tens of MB held twice.
pub fn state_from(mut ws: Workspace, opts: &Options) -> AppState {
    let questionnaire = std::mem::take(&mut ws.questionnaire);
    let assessment = std::mem::take(&mut ws.assessment);
    let s = AppState::new(questionnaire, ws.meta.clone(), assessment, opts.user.clone());
    finish_state(s, &ws, opts)
}

fn finish_state(mut s: AppState, ws: &Workspace, opts: &Options) -> AppState {
    // Read-only because another aira holds the lock, or because a file must be mended first
    // (a history.toml broken in its middle): the reason is what an edit is answered with.
    s.session.set_read_only(ws.held_by.as_ref().map(|h| format!("open in another aira ({h})")).or_else(|| {
        ws.notices.iter().find_map(|n| n.strip_prefix("Read-only: ").filter(|_| ws.store.is_none()).map(str::to_owned))
    }));
    s.ui.set_notices(ws.notices.iter().filter(|n| !n.starts_with("Read-only")).cloned().collect());
    s.ui.set_theme(opts.theme);
    s.session.set_history_len(ws.history_len);
    s.ui.set_keymap(opts.keymap.clone());
    s.session.set_archived(ws.archived.clone());
    // Every respondent archived: the wizard asks who answers before anything (issue 16).
    update::ask_who_answers(&mut s);
    s
}

/// Run the UI until the user quits. Returns changes that could not be saved (to be printed).
/// `beside` runs on its own thread while the wizard starts; a notice it returns is shown.
pub fn run(
    ws: Workspace,
    opts: Options,
    beside: impl FnOnce() -> Option<String> + Send + 'static,
) -> anyhow::Result<Vec<saver::Work>> {
    run_with(ws, opts, None, beside)
}

/// As `run`; with `workshop`, the wizard starts in the workshop view with voting open on that
/// address (`aira workshop`).
pub fn run_with(
    mut ws: Workspace,
    opts: Options,
    workshop: Option<std::net::SocketAddr>,
    beside: impl FnOnce() -> Option<String> + Send + 'static,
) -> anyhow::Result<Vec<saver::Work>> {
    let (tell, notices) = std::sync::mpsc::channel();
    let beside = std::thread::spawn(move || {
        if let Some(notice) = beside() {
            let _ = tell.send(notice);
        }
    });
    let saver = ws.store.take().map(saver::Saver::start);
    let dir = ws.dir.clone();
    let mut state = state_from(ws, &opts);
    load_baseline(&mut state, &dir);
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut guard = terminal::Guard::new()?;
    let mut voting = None;
    if let Some(listen) = workshop {
        state.room.listen = listen;
        state.ui.toggle_workshop();
        let open = vec![action::Effect::OpenVoting(listen)];
        effects::apply(&mut state, open, saver.as_ref(), &mut voting, &mut guard)?;
    }
    for a in &opts.first {
        let fx = update::update(&mut state, *a);
        effects::apply(&mut state, fx, saver.as_ref(), &mut voting, &mut guard)?;
    }
    let result = event_loop(&mut state, &mut guard, saver.as_ref(), &mut voting, &stop, &notices);
    // The port closes before the terminal is given back: the room's link is dead once aira is.
    if let Some(v) = voting.take() {
        v.close();
    }
    drop(guard);
    // A panic there has already been reported by the hook; nothing is lost if it did not finish.
    let _ = beside.join();
    // Whatever ended the loop (quit, a signal, a terminal that hung up), queued changes are
    // written before we go.
    let (unsaved, not_folded) = saver.map(saver::Saver::finish).unwrap_or_default();
    if let Some(why) = not_folded {
        // Saved, but still in the journal: say so, or the next open's error would be a surprise.
        let _ = writeln!(
            std::io::stderr(),
            "aira: every change is saved in the answers journal, but could not be written into the answers file: {why}\n\
             aira: it will be, the next time the workspace is opened with that file readable"
        );
    }
    match result {
        Ok(()) => Ok(unsaved),
        // The terminal went away (SSH dropped): not an error, there is nobody to tell.
        Err(e) if is_hangup(&e) => Ok(unsaved),
        Err(e) => Err(e.into()),
    }
}

/// Scores of the baseline named in workspace.toml, for the heatmap's trend view. A baseline
/// that cannot be opened is a notice, not a reason to refuse to start.
fn load_baseline(state: &mut AppState, dir: &std::path::Path) {
    // A blank `baseline = ""` means none here (the report's trend does not skip it).
    if state.session.meta().baseline.as_deref().is_some_and(|b| b.trim().is_empty()) {
        return;
    }
    let Some((rel, opened)) = aira_store::workspace::open_baseline(dir, state.session.meta()) else { return };
    match opened {
        Ok(base) => {
            let statuses = base.assessment.statuses(&base.questionnaire);
            state.session.set_baseline(Some(aira_core::scoring::score(
                &base.questionnaire,
                &statuses,
                base.meta.aggregation,
            )));
        }
        Err(e) => state.ui.notify(format!("baseline {rel} not loaded: {e}")),
    }
}

pub(crate) fn is_hangup(e: &std::io::Error) -> bool {
    // EIO is what reading a hung-up terminal gives on Unix.
    e.raw_os_error() == Some(5) || e.kind() == std::io::ErrorKind::UnexpectedEof
}

fn event_loop(
    state: &mut AppState,
    guard: &mut terminal::Guard,
    saver: Option<&saver::Saver>,
    voting: &mut Option<voting::Voting>,
    stop: &AtomicBool,
    notices: &std::sync::mpsc::Receiver<String>,
) -> std::io::Result<()> {
    let mut pace = pacing::Pacer::new(pacing::ROOM_FRAME);
    // crossterm opens its input reader on the first poll. Before the first frame, while the
    // terminal is surely there: made after it, a hang-up in between (an SSH drop as the screen
    // appears) failed as "Failed to initialize input reader" rather than ending as a hang-up.
    event::poll(Duration::ZERO)?;
    loop {
        // Votes go to the saver at once (a phone waits for each one's 200); only their
        // frames are paced.
        if effects::from_room(state, saver, voting.as_ref()) {
            pace.room_changed();
        }
        while let Ok(notice) = notices.try_recv() {
            state.ui.notify(notice);
            pace.user_changed();
        }
        if let Some(sv) = saver {
            while let Ok(report) = sv.reports.try_recv() {
                update::saved(state, report);
                // With voting open most saves are votes: their "Saved" is the room's news.
                if voting.is_some() { pace.room_changed() } else { pace.user_changed() }
            }
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // A key already waiting goes first: the frame drawn for it shows the room's news too.
        if pace.due(Instant::now()) && (pace.user_waiting() || !event::poll(Duration::ZERO)?) {
            draw(state, guard, &mut pace)?;
        }
        // While a save is pending its report must reach the screen as soon as it arrives,
        // so look again every millisecond; otherwise sleep longer between checks.
        // Votes arrive between keys: look for them every few milliseconds while voting is open.
        let idle = if state.session.save_state().pending > 0 {
            Duration::from_millis(1)
        } else if voting.is_some() {
            Duration::from_millis(5)
        } else {
            Duration::from_millis(50)
        };
        if !event::poll(pace.wait(Instant::now(), idle))? {
            continue;
        }
        // Handle every event already waiting, then draw at once, before looking at the room:
        // piled-up frames are dropped and no vote's work comes between a key and its frame.
        loop {
            let fx = match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => update::handle_key(state, k),
                Event::Paste(text) => update::handle_paste(state, &text),
                Event::Mouse(m) => update::handle_mouse(state, m, guard.terminal.size()?.into()),
                _ => Vec::new(),
            };
            pace.user_changed();
            if effects::apply(state, fx, saver, voting, guard)? {
                return Ok(());
            }
            if stop.load(Ordering::Relaxed) || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        draw(state, guard, &mut pace)?;
    }
}

fn draw(state: &AppState, guard: &mut terminal::Guard, pace: &mut pacing::Pacer) -> std::io::Result<()> {
    guard.terminal.draw(|f| view::render(state, f))?;
    pace.drawn(Instant::now());
    Ok(())
}
