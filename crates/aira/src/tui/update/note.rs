//! The note editor: a multi-line text area driven by the same [input] actions as every line
//! (plus [note]: newline, keep). Esc or Ctrl-S keeps the note; nothing is ever dropped.

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::edit::edit_answer_at;
use super::{Effect, MAX_NOTE_BYTES, ScreenKeys};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::{Nav, NoteScreen, Screen};
use crate::tui::state::AppState;

/// Open the note of `question` (the one just answered), or of the question on the card. The
/// card shows the question the note is for while it is open.
pub(super) fn start_note(s: &mut AppState, question: Option<usize>) {
    if s.session.read_only().is_some() || s.current_question().is_none() {
        s.ui.set_flash(s.session.read_only().as_ref().map(|w| format!("Read-only: {w}")));
        return;
    }
    let here = s.ui.cursor();
    let question = question.unwrap_or(here);
    let back_to = (question != here).then_some(here);
    s.ui.move_to(question);
    let note = s.current_answer().map(|a| a.note.clone()).unwrap_or_default();
    let mut editor = TextArea::new(note.split('\n').map(str::to_owned).collect());
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.move_cursor(CursorMove::Bottom);
    editor.move_cursor(CursorMove::End);
    s.ui.open(Screen::Note(Box::new(NoteScreen { editor, question, back_to })));
}

fn used(ed: &TextArea<'_>) -> usize {
    ed.lines().iter().map(|l| l.len() + 1).sum()
}

impl ScreenKeys for NoteScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Note, Context::Input]
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav {
        let ed = &mut self.editor;
        match action {
            Action::KeepNote | Action::Quit => {
                fx.extend(self.finish(s));
                if action == Action::Quit {
                    fx.push(Effect::Quit);
                }
                return Nav::Close;
            }
            Action::InsertChar(c) => {
                ed.insert_char(c);
            }
            Action::Newline => ed.insert_newline(),
            Action::DeleteBack => {
                ed.delete_char();
            }
            Action::DeleteForward => {
                ed.delete_next_char();
            }
            Action::ClearInput => {
                ed.delete_line_by_head();
            }
            Action::CursorLeft => ed.move_cursor(CursorMove::Back),
            Action::CursorRight => ed.move_cursor(CursorMove::Forward),
            Action::CursorHome => ed.move_cursor(CursorMove::Head),
            Action::CursorEnd => ed.move_cursor(CursorMove::End),
            Action::WordLeft => ed.move_cursor(CursorMove::WordBack),
            Action::WordRight => ed.move_cursor(CursorMove::WordForward),
            Action::Up => ed.move_cursor(CursorMove::Up),
            Action::Down => ed.move_cursor(CursorMove::Down),
            _ => {}
        }
        // Past the limit the last edit is taken back, visibly.
        if used(&self.editor) > MAX_NOTE_BYTES {
            self.editor.undo();
            s.ui.set_flash(Some("Notes are limited to 1 MB".into()));
        }
        Nav::Stay
    }

    fn on_paste(&mut self, s: &mut AppState, text: &str) {
        let room = MAX_NOTE_BYTES.saturating_sub(used(&self.editor));
        let mut cut = text.len().min(room);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        self.editor.insert_str(&text[..cut]);
        if cut < text.len() {
            s.ui.set_flash(Some(format!("Paste cut at the 1 MB note limit ({} bytes left out)", text.len() - cut)));
        }
    }
}

impl NoteScreen {
    fn finish(&mut self, s: &mut AppState) -> Vec<Effect> {
        let text = std::mem::take(&mut self.editor).into_lines().join("\n");
        let text = aira_core::text::strip_controls(text.trim_end(), true);
        let fx = edit_answer_at(s, self.question, |a| a.note = text);
        if let Some(i) = self.back_to {
            s.ui.move_to(i);
        }
        fx
    }
}
