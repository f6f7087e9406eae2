//! The TUI without a terminal: an arbitrary sequence of key presses, pastes and resizes goes
//! through `handle_key` / `handle_paste`, and every frame renders into a `TestBackend` of
//! arbitrary size (1..300 × 1..120). Nothing may panic.
#![no_main]

use std::path::Path;

use aira_core::assessment::{Assessment, Respondent};
use aira::tui::state::AppState;
use aira::tui::update::{handle_key, handle_paste};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const QUESTIONNAIRE: &str = include_str!("../../tests/fixtures/mini.toml");
const META: &str = "format = 1\n[questionnaire]\nid = \"mini\"\nversion = \"0.1.0\"\nsha256 = \"x\"\n[targets]\ndefault = 3\n";

fn state() -> Option<AppState> {
    let q = aira_core::questionnaire::parse("mini", QUESTIONNAIRE).ok()?;
    let (meta, _) = aira_store::workspace::meta::parse(Path::new("workspace.toml"), META).ok()?;
    let assessment = Assessment { respondents: vec![Respondent::new("default", "Default")], ..Default::default() };
    let mut s = AppState::new(q, meta, assessment, "fuzz".into());
    s.now = || "2026-11-22T10:00:00.000+00:00".to_owned();
    Some(s)
}

/// Reads the fuzz input as a little program of operations.
struct Ops<'a>(&'a [u8]);

impl Ops<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let n = n.min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }
}

fn key_code(ops: &mut Ops<'_>) -> Option<KeyCode> {
    const NAMED: [KeyCode; 16] = [
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Insert,
        KeyCode::F(1),
    ];
    let b = ops.byte()?;
    Some(match b {
        // Mostly the printable keys the keymap uses, so the fuzzer reaches every mode.
        0..=95 => KeyCode::Char(char::from(b + 32)),
        96..=111 => NAMED[usize::from(b - 96)],
        _ => {
            let raw = ops.take(3);
            let n = raw.iter().fold(0u32, |acc, &x| (acc << 8) | u32::from(x));
            KeyCode::Char(char::from_u32(n).unwrap_or('\u{1b}'))
        }
    })
}

fn draw(s: &AppState, w: u16, h: u16) {
    let Ok(mut t) = Terminal::new(TestBackend::new(w, h));
    let _ = t.draw(|f| aira::tui::view::render(s, f));
}

fuzz_target!(|data: &[u8]| {
    let Some(mut s) = state() else { return };
    let mut ops = Ops(data);
    let (Some(w), Some(h)) = (ops.byte(), ops.byte()) else { return };
    let (mut w, mut h) = (u16::from(w) % 300 + 1, u16::from(h) % 120 + 1);
    let mut steps = 0;
    while let Some(op) = ops.byte() {
        steps += 1;
        if steps > 400 {
            break;
        }
        match op % 8 {
            0..=4 => {
                let Some(code) = key_code(&mut ops) else { break };
                let mods = KeyModifiers::from_bits_truncate(ops.byte().unwrap_or(0) & 0b111);
                let _ = handle_key(&mut s, KeyEvent::new(code, mods));
            }
            5 => {
                let n = usize::from(ops.byte().unwrap_or(0));
                let text = String::from_utf8_lossy(ops.take(n)).into_owned();
                // Sometimes a long paste: repeat the chunk to cross the note limit.
                let times = if op >= 128 { 1 + (1024 * 1024 + 4096) / text.len().max(1) } else { 1 };
                let _ = handle_paste(&mut s, &text.repeat(times.min(1 << 20)));
            }
            6 => {
                w = u16::from(ops.byte().unwrap_or(0)) % 300 + 1;
                h = u16::from(ops.byte().unwrap_or(0)) % 120 + 1;
                draw(&s, w, h);
            }
            _ => draw(&s, w, h),
        }
    }
    draw(&s, w, h);
});
