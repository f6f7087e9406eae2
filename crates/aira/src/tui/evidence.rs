//! The evidence prompt (`add_evidence`): typed in the status bar, first the file or URL, which
//! the disk looks at (`Effect::InspectEvidence`: a file is checked and hashed by the store's
//! `evidence::inspect`, as `aira evidence add` does), then an optional note; the answer change
//! is the store's too (`Session::add_evidence`). A screen in one file: its keys and its view.

use std::path::{Path, PathBuf};

use super::action::{Action, Effect};
use super::keymap::Context;
use super::screens::{EvidenceScreen, MAX_EVIDENCE_LINE, Nav, Screen};
use super::state::AppState;
use super::update::ScreenKeys;
use super::view::ScreenView;
use super::view::status::typing;
use aira_store::workspace::evidence::{self, Source};

/// What was typed as a path, as the disk should read it: `~` is the home folder, and a
/// relative path is taken from the workspace folder (where the register's paths start too).
pub fn resolve(ws_dir: &Path, home: Option<&Path>, typed: &str) -> String {
    let typed = typed.trim();
    if aira_core::assessment::is_url(typed) {
        return typed.to_owned();
    }
    let path = match (home, typed.strip_prefix('~')) {
        (Some(h), Some("")) => h.to_owned(),
        (Some(h), Some(rest)) if rest.starts_with('/') => h.join(rest.trim_start_matches('/')),
        _ => ws_dir.join(typed),
    };
    path.to_string_lossy().into_owned()
}

/// The disk's side of `Effect::InspectEvidence`: the store's checks and hash, nothing written.
pub fn inspect(ws_dir: &Path, typed: &str) -> Result<Source, String> {
    let home: Option<PathBuf> = directories::BaseDirs::new().map(|b| b.home_dir().to_owned());
    let full = resolve(ws_dir, home.as_deref(), typed);
    // Said with the path as typed: the status bar has no room for the workspace's full path.
    evidence::inspect(ws_dir, &full).map_err(|e| e.to_string().replace(&full, typed.trim()))
}

/// What the disk said of the typed path: accepted, the note is asked next; refused, the
/// reason is shown and the path stays to be corrected.
pub fn inspected(s: &mut AppState, result: Result<Source, String>) {
    let Some(mut top) = s.ui.take_screen() else { return };
    if let Screen::Evidence(e) = &mut top {
        match result {
            Ok(source) => e.accepted(source),
            Err(why) => s.ui.set_flash(Some(why)),
        }
    }
    s.ui.open(top);
}

impl ScreenKeys for EvidenceScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Input]
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav {
        match action {
            Action::Cancel => Nav::Close,
            Action::Submit => match &self.source {
                None if self.input.text().trim().is_empty() => {
                    let esc = s.ui.key_name(Context::Input, Action::Cancel);
                    s.ui.set_flash(Some(format!("Type a file's path or an http(s) URL ({esc} cancels)")));
                    Nav::Stay
                }
                None => {
                    fx.push(Effect::InspectEvidence(self.input.text().trim().to_owned()));
                    Nav::Stay
                }
                Some(source) => match s.session.add_evidence(self.question, source, self.input.text()) {
                    Ok(change) => {
                        let n = change.new.as_ref().map_or(0, |a| a.evidence.len());
                        let id = aira_core::text::sanitize(&change.question, false).into_owned();
                        s.ui.set_flash(Some(format!("Evidence {n} of {id} recorded")));
                        fx.push(Effect::Save(Box::new(change)));
                        Nav::Close
                    }
                    Err(why) => {
                        s.ui.set_flash(Some(why));
                        Nav::Stay
                    }
                },
            },
            other => {
                self.input.apply(other);
                Nav::Stay
            }
        }
    }

    fn on_paste(&mut self, s: &mut AppState, text: &str) {
        // Cut, a pasted path would name another file: a paste that does not fit goes in whole or not at all.
        if self.input.text().len() + text.len() > MAX_EVIDENCE_LINE {
            s.ui.set_flash(Some(format!(
                "Not pasted: {} bytes, and a path, URL or note here holds at most {MAX_EVIDENCE_LINE}",
                text.len()
            )));
            return;
        }
        self.input.paste(text);
    }
}

impl ScreenView for EvidenceScreen {
    fn hints(&self, s: &AppState) -> String {
        let id = s.session.questionnaire().questions.get(self.question).map_or("", |q| q.id.as_str());
        let id = aira_core::text::sanitize(id, false);
        match &self.source {
            None => typing(
                s,
                &format!("Evidence for {id}, a file (from the workspace folder) or URL"),
                &self.input,
                "cancels",
            ),
            Some(src) => {
                let what = match (&src.size, src.sha256.as_deref()) {
                    (Some(n), Some(h)) => format!("{n} bytes, sha256 {}", h.get(..12).unwrap_or(h)),
                    _ => "URL".to_owned(),
                };
                let shown = aira_core::text::sanitize(&src.reference, false);
                typing(s, &format!("Note for {shown} ({what}), optional"), &self.input, "cancels")
            }
        }
    }
}
