//! Accessible mode in a real terminal: the terminal's own cursor sits on the focused item
//! (screen readers follow it), and moves with the selection.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::Pty;

/// The text of the line the cursor is on, once the cursor is shown there and `ok` holds.
fn cursor_line(p: &Pty, ok: impl Fn(&str) -> bool, what: &str) -> String {
    let start = std::time::Instant::now();
    loop {
        let (shown, line) = {
            let parser = p.parser.lock().unwrap();
            let screen = parser.screen();
            let (row, _) = screen.cursor_position();
            let line = screen.contents().lines().nth(usize::from(row)).unwrap_or_default().to_owned();
            (!screen.hide_cursor(), line)
        };
        if shown && ok(&line) {
            return line;
        }
        assert!(start.elapsed().as_secs() < 20, "cursor not on {what}: shown {shown}, line {line:?}\n{}", p.screen());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn the_real_cursor_follows_the_focus_in_accessible_mode() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(home.path(), &["--accessible"], 100, 30);
    p.wait_for("1 of ");
    let screen = p.screen();
    assert!(!screen.contains('┌') && !screen.contains('│'), "no box drawing:\n{screen}");
    // On the card: the focused level line (none answered yet: the scale's first level), and
    // the level answered once there is one.
    cursor_line(&p, |l| l.starts_with("  0 "), "the first level");
    p.send("3k");
    cursor_line(&p, |l| l.starts_with("▶ 3 "), "the level answered");
    // A status-bar prompt: no drawn caret, the cursor on the bottom line.
    p.send("lhi");
    let bar = cursor_line(&p, |l| l.contains("Log: hi"), "the log prompt");
    assert!(!bar.contains('▏'), "no drawn caret: {bar}");
    p.send("\x1b");
    // The heatmap as a table; the cursor on the selected cell's line, and on the next after Down.
    p.send("h");
    cursor_line(&p, |l| l.starts_with("> Plan") && l.contains("Govern"), "Plan × Govern");
    p.send("\x1b[B");
    cursor_line(&p, |l| l.starts_with("> Do") && l.contains("Govern"), "Do × Govern after Down");
    p.send("\x1b[C");
    cursor_line(&p, |l| l.starts_with("> Do") && l.contains("Map"), "Do × Map after Right");
    // The cell's questions: the cursor on the chosen one.
    p.send("\r");
    cursor_line(&p, |l| l.starts_with("> ") && l.contains("do-map-"), "the first question of the cell");
    p.send("\x1b");
    cursor_line(&p, |l| l.starts_with("> Do") && l.contains("Map"), "back on the table");
    p.send("h");
    cursor_line(&p, |l| l.starts_with("▶ 3 "), "the level answered again");
    p.send("q");
    assert!(p.wait_exit().success());
}

#[test]
fn accessible_is_refused_by_commands_that_draw_nothing() {
    let home = tempfile::tempdir().unwrap();
    let (code, _, err) = common::run(home.path(), &["--accessible", "score"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--accessible is for the wizard only"), "{err}");
}
