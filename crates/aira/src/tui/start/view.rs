//! Drawing the start screen: the filter, the recent list with matched characters
//! highlighted, and the new-workspace and open-by-path forms on top. Borrows the state; every
//! string from disk or the user passes `sanitize`; any size down to 1×1 draws without panicking.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::state::{Field, Mode, NewForm, StartState};
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::keymap::Context;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH, too_small};
use crate::tui::theme::{self, Theme};
use aira_core::text::sanitize;

/// Columns before a form field's value: a space, the label, two spaces.
const LABEL_W: usize = 17;

/// The hint line for what has the keys, built from the keys bound right now.
pub fn hints(s: &StartState) -> String {
    let km = &s.keymap;
    let key = |ctx, a| km.key_for(ctx, a).map_or_else(String::new, |k| k.to_string());
    // The nth single key of an action (the form's Tab/↑↓ reads two actions' keys).
    let nth = |ctx, a, n: usize| {
        let (_, chords) = km.bindings(ctx).iter().find(|(x, _)| *x == a)?;
        chords.iter().filter(|c| c.keys().len() == 1).nth(n).map(ToString::to_string)
    };
    let plain = |ctx, a| {
        let (_, chords) = km.bindings(ctx).iter().find(|(x, _)| *x == a).cloned().unwrap_or((a, Vec::new()));
        let keys: Vec<String> = chords
            .iter()
            .filter(|c| c.keys().len() == 1 && !c.keys()[0].mods.contains(crossterm::event::KeyModifiers::CONTROL))
            .map(ToString::to_string)
            .collect();
        keys.join("/")
    };
    let choose = format!("{}{}", key(Context::Start, Action::Up), key(Context::Start, Action::Down));
    let open = key(Context::Start, Action::Select);
    match &s.mode {
        Mode::List if s.filtering => format!(
            "{choose} choose · {open} open · {} edits · {} clears the filter",
            key(Context::Input, Action::DeleteBack),
            key(Context::Input, Action::Cancel)
        ),
        Mode::List => format!(
            "{choose} choose · {open} open · typing filters · {} new · {} open path · {} facts · {} remove · {} quit",
            key(Context::Start, Action::NewWorkspace),
            key(Context::Start, Action::OpenPath),
            key(Context::Start, Action::EditFacts),
            key(Context::Start, Action::Forget),
            plain(Context::Start, Action::Quit),
        ),
        Mode::New(form) if form.focused() == Field::Profiles => format!(
            "{}{} move · {} tick or untick · {} next field · {} create · {} cancel",
            key(Context::Form, Action::PrevChoice),
            key(Context::Form, Action::NextChoice),
            key(Context::Form, Action::ToggleChoice),
            key(Context::Form, Action::NextField),
            key(Context::Form, Action::Submit),
            key(Context::Form, Action::Cancel)
        ),
        Mode::New(_) => {
            let (next, prev) = (Action::NextField, Action::PrevField);
            let field = match (nth(Context::Form, next, 0), nth(Context::Form, prev, 1), nth(Context::Form, next, 1)) {
                (Some(a), Some(b), Some(c)) => format!("{a}/{b}{c}"),
                (a, _, _) => a.unwrap_or_default(),
            };
            format!(
                "{field} field · {}{} questionnaire · {} create · {} cancel",
                key(Context::Form, Action::PrevChoice),
                key(Context::Form, Action::NextChoice),
                key(Context::Form, Action::Submit),
                key(Context::Form, Action::Cancel)
            )
        }
        Mode::Respondent(_) => format!(
            "{} create · {} cancel creating",
            key(Context::Input, Action::Submit),
            key(Context::Input, Action::Cancel)
        ),
        Mode::OpenPath { .. } => format!(
            "{} open · {} cancel · ~ is your home folder",
            key(Context::Input, Action::Submit),
            key(Context::Input, Action::Cancel)
        ),
    }
}

pub fn render(s: &StartState, f: &mut Frame) {
    let area = f.area();
    if too_small(area) {
        let msg = format!("Terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})", area.width, area.height);
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let hints = hints(s);
    let bar_h = if hints.width() > area.width as usize { 2 } else { 1 };
    let [title, filter, list, message, bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(bar_h),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(" aira — AI-governance readiness").style(theme::title(s.theme)), title);
    let (line, caret) = filter_line(s, filter.width as usize);
    f.render_widget(Paragraph::new(line), filter);
    if let Some(col) = caret.filter(|_| matches!(s.mode, Mode::List)) {
        real_cursor(s, f, filter, col, 0);
    }
    recent_list(s, f, list);
    if let Some(m) = &s.message {
        f.render_widget(Paragraph::new(format!(" {}", sanitize(m, false))).style(theme::warning(s.theme)), message);
    }
    f.render_widget(Paragraph::new(hints).style(theme::dim(s.theme)).wrap(Wrap { trim: true }), bar);
    match &s.mode {
        Mode::List => {}
        Mode::New(form) => new_form(s, form, f, area),
        Mode::Respondent(form) => {
            let title = " Who answers first? (others can be added later) ";
            let hint = "A name, or name and role: Ann Lee, risk";
            prompt(s, (title, "Respondent", hint), &form.respondent, form.error.as_deref(), f, area)
        }
        Mode::OpenPath { input, error } => {
            prompt(s, (" Open a workspace by path ", "Folder", ""), input, error.as_deref(), f, area)
        }
    }
}

/// The filter line, and where its caret is while a filter is typed.
fn filter_line(s: &StartState, width: usize) -> (Line<'static>, Option<usize>) {
    if !s.filtering && s.query.is_empty() {
        let new = s.key_name(Context::Start, Action::NewWorkspace);
        let hint = format!(" Type to filter, or press {new} to create a workspace");
        return (Line::styled(hint, theme::dim(s.theme)), None);
    }
    let label = " Filter: ";
    let mut spans = vec![Span::styled(label, theme::title(s.theme))];
    let (typed, col) = typed(&s.query, width.saturating_sub(label.len() + 1), s.theme);
    spans.extend(typed);
    (Line::from(spans), Some(label.len() + col))
}

fn recent_list(s: &StartState, f: &mut Frame, area: Rect) {
    let visible = s.visible();
    let title = if s.query.text().trim().is_empty() {
        format!(" Recent workspaces ({}) ", s.entries.len())
    } else {
        format!(" Recent workspaces ({} of {}) ", visible.len(), s.entries.len())
    };
    let block = crate::tui::view::frame(s.theme, title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    if s.entries.is_empty() {
        let (new, open) =
            (s.key_name(Context::Start, Action::NewWorkspace), s.key_name(Context::Start, Action::OpenPath));
        lines.push(Line::styled(
            format!("No recent workspaces yet: {new} creates one, {open} opens a folder."),
            theme::dim(s.theme),
        ));
    } else if visible.is_empty() {
        lines.push(Line::styled("Nothing matches the filter.", theme::dim(s.theme)));
    }
    let sel = s.cursor.get(visible.len());
    let height = inner.height as usize;
    let start = sel.saturating_sub(height.saturating_sub(1));
    let names: Vec<String> = s.entries.iter().map(|e| sanitize(&e.name, false).into_owned()).collect();
    let name_w = names.iter().map(|n| n.width()).max().unwrap_or(0).min(width * 2 / 5).max(4);
    let show_date = width >= 70;
    for (row, v) in visible.iter().enumerate().skip(start).take(height) {
        let item = &s.entries[v.entry];
        let base = if item.available { Style::new() } else { theme::dim(s.theme).add_modifier(Modifier::DIM) };
        let hit = theme::highlight(s.theme);
        // Accessible mode marks the selection in text, not by colour alone.
        let mark = if row == sel && s.theme.accessible { ">" } else { " " };
        let mut spans = vec![Span::raw(mark)];
        let name = if names[v.entry].is_empty() { "(unnamed)" } else { &names[v.entry] };
        let used = push_highlighted(&mut spans, name, &v.name_hits, base.add_modifier(Modifier::BOLD), hit, name_w);
        spans.push(Span::raw(" ".repeat(name_w.saturating_sub(used) + 2)));
        let date = if show_date { opened(&item.opened_at) } else { String::new() };
        let missing = if item.available { "" } else { " (missing)" };
        let room = width.saturating_sub(name_w + 3 + date.width() + missing.width() + 1);
        let path = sanitize(&s.display_path(&item.path), false).into_owned();
        let used = push_highlighted(&mut spans, &path, &v.path_hits, base.patch(theme::dim(s.theme)), hit, room);
        spans.push(Span::styled(missing, base));
        if !date.is_empty() {
            spans.push(Span::raw(" ".repeat(room.saturating_sub(used) + 1)));
            spans.push(Span::styled(date, theme::dim(s.theme)));
        }
        let mut line = Line::from(spans);
        if row == sel {
            line = line.style(theme::selected(s.theme));
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
    // The real cursor on the selected workspace (screen readers follow it), unless a line is
    // being typed: then it sits at that line's caret.
    if s.theme.accessible && !visible.is_empty() && !s.filtering && matches!(s.mode, Mode::List) {
        let y = inner.y + (sel - start) as u16;
        if y < inner.bottom() {
            f.set_cursor_position((inner.x, y));
        }
    }
}

/// `2026-11-22T10:00:00.000+01:00` → `2026-11-22 10:00` (as written: the local time it was).
fn opened(at: &str) -> String {
    let shown: String = sanitize(at, false).chars().take(16).collect();
    shown.replacen('T', " ", 1)
}

/// Push `text` char by char, highlighting the char indices in `hits`, within `width` columns
/// (an ellipsis marks a cut). Returns the columns used.
fn push_highlighted(
    spans: &mut Vec<Span<'static>>,
    text: &str,
    hits: &[usize],
    base: Style,
    hit: Style,
    width: usize,
) -> usize {
    let fits = text.width() <= width;
    let room = if fits { width } else { width.saturating_sub(1) };
    let mut used = 0;
    for (i, c) in text.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        let style = if hits.contains(&i) { base.patch(hit) } else { base };
        spans.push(Span::styled(c.to_string(), style));
        used += w;
    }
    if !fits && width > 0 {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    used
}

/// The start of `text` that fits in `width` columns, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    let mut spans = Vec::new();
    push_highlighted(&mut spans, text, &[], Style::new(), Style::new(), width);
    spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The end of `s` that fits in `width` columns: where the cursor is while typing.
fn tail_fit(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut out: Vec<char> = Vec::new();
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}

/// A box of at most `w`×`h` in the middle of `area`.
fn boxed(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// A line being typed in `width` columns: the end of what is before the cursor (where the
/// typing happens), the caret, then as much of the rest as fits.
/// In accessible mode there is no drawn caret: the caller puts the real cursor at the
/// returned column (the width of what is before it).
fn typed(input: &LineInput, width: usize, t: Theme) -> (Vec<Span<'static>>, usize) {
    let (before, after) = input.split();
    let before = tail_fit(&sanitize(before, false), width);
    let room = width.saturating_sub(before.width());
    let col = before.width();
    let mut spans = vec![Span::raw(before)];
    if !t.accessible {
        spans.push(Span::raw("▏"));
    }
    if !after.is_empty() {
        spans.push(Span::raw(fit(&sanitize(after, false), room)));
    }
    (spans, col)
}

fn input_line(label: &str, value: &LineInput, focused: bool, width: usize, t: Theme) -> Line<'static> {
    let label_style = if focused { theme::selected(t) } else { Style::new().add_modifier(Modifier::BOLD) };
    let room = width.saturating_sub(LABEL_W + 1);
    let mut spans = vec![Span::raw(" "), Span::styled(format!("{label:<14}"), label_style), Span::raw("  ")];
    if focused {
        spans.extend(typed(value, room, t).0);
    } else {
        spans.push(Span::raw(tail_fit(&sanitize(value.text(), false), room)));
    }
    Line::from(spans)
}

fn new_form(s: &StartState, form: &NewForm, f: &mut Frame, area: Rect) {
    // Two more rows for the profiles (they may wrap) when the questionnaire declares some.
    let has_profiles = s.questionnaires.get(form.questionnaire).is_some_and(|c| !c.profiles.is_empty());
    let rect = boxed(area, 76, if has_profiles { 14 } else { 12 });
    f.render_widget(Clear, rect);
    let block = crate::tui::view::frame(s.theme, " New workspace ");
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = [Field::Folder, Field::Name, Field::Organisation]
        .iter()
        .map(|&field| {
            let value = match field {
                Field::Folder => &form.folder,
                Field::Name => &form.name,
                _ => &form.organisation,
            };
            input_line(field.label(), value, form.focused() == field, width, s.theme)
        })
        .collect();
    let (title, detail) = match s.questionnaires.get(form.questionnaire) {
        Some(c) => (c.title.clone(), format!("{} {} · {}", c.id, c.version, c.source)),
        None => ("none found".to_owned(), String::new()),
    };
    let (open, close) = if s.questionnaires.len() > 1 { ("‹ ", " ›") } else { ("", "") };
    let label_style = if form.focused() == Field::Questionnaire {
        theme::selected(s.theme)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    let mut q = vec![
        Span::raw(" "),
        Span::styled(format!("{:<14}", Field::Questionnaire.label()), label_style),
        Span::raw("  "),
    ];
    q.extend([
        Span::raw(open),
        Span::raw(fit(&sanitize(&title, false), width.saturating_sub(LABEL_W + 4))),
        Span::raw(close),
    ]);
    lines.push(Line::from(q));
    let detail = fit(&sanitize(&detail, false), width.saturating_sub(LABEL_W));
    lines.push(Line::styled(format!("{:LABEL_W$}{detail}", ""), theme::dim(s.theme)));
    if let Some(c) = s.questionnaires.get(form.questionnaire).filter(|c| !c.profiles.is_empty()) {
        lines.push(profiles_line(s, form, &c.profiles));
    }
    lines.push(Line::raw(""));
    if form.focused() == Field::Folder && form.folder.is_empty() {
        lines.push(Line::styled(" A new or empty folder, e.g. ~/assessments/acme-2026", theme::dim(s.theme)));
    }
    if let Some(e) = &form.error {
        lines.push(Line::styled(format!(" {}", sanitize(e, false)), theme::warning(s.theme)));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    // The real cursor on the focused field: at the caret of a text field, else its value.
    let typing = |v: &LineInput| LABEL_W + typed(v, width.saturating_sub(LABEL_W + 1), s.theme).1;
    let (row, col) = match form.focused() {
        Field::Folder => (0, typing(&form.folder)),
        Field::Name => (1, typing(&form.name)),
        Field::Organisation => (2, typing(&form.organisation)),
        Field::Questionnaire => (3, LABEL_W),
        Field::Profiles => (5, LABEL_W - 2),
    };
    real_cursor(s, f, inner, col, row);
}

/// In accessible mode, the terminal's real cursor at column `col` of line `row` of `area`
/// (screen readers and magnifiers follow it; nothing is drawn to fake it).
fn real_cursor(s: &StartState, f: &mut Frame, area: Rect, col: usize, row: u16) {
    let (x, y) = (area.x.saturating_add(col as u16), area.y.saturating_add(row));
    if s.theme.accessible && x < area.right() && y < area.bottom() {
        f.set_cursor_position((x, y));
    }
}

/// The profiles as ticks, `[x] Deployer`, the one under the cursor highlighted while the
/// field has the focus (wrapped by the paragraph when they do not fit one line).
fn profiles_line(s: &StartState, form: &NewForm, profiles: &[(String, String)]) -> Line<'static> {
    let focused = form.focused() == Field::Profiles;
    let label_style = if focused { theme::selected(s.theme) } else { Style::new().add_modifier(Modifier::BOLD) };
    let mut spans = vec![Span::raw(" "), Span::styled(format!("{:<14}", Field::Profiles.label()), label_style)];
    for (i, (id, name)) in profiles.iter().enumerate() {
        let tick = if form.profiles.contains(id) { "x" } else { " " };
        let style = if focused && i == form.profile { theme::selected(s.theme) } else { Style::new() };
        spans.push(Span::raw("  "));
        spans.push(Span::styled(format!("[{tick}] {}", sanitize(name, false)), style));
    }
    Line::from(spans)
}

/// A one-line prompt in a box: the path to open, the first respondent.
fn prompt(
    s: &StartState,
    (title, label, hint): (&str, &str, &str),
    input: &LineInput,
    error: Option<&str>,
    f: &mut Frame,
    area: Rect,
) {
    let rect = boxed(area, 76, 7);
    f.render_widget(Clear, rect);
    let block = crate::tui::view::frame(s.theme, title);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let mut lines = vec![input_line(label, input, true, inner.width as usize, s.theme), Line::raw("")];
    let col = LABEL_W + typed(input, (inner.width as usize).saturating_sub(LABEL_W + 1), s.theme).1;
    real_cursor(s, f, inner, col, 0);
    match error {
        Some(e) => lines.push(Line::styled(format!(" {}", sanitize(e, false)), theme::warning(s.theme))),
        None if !hint.is_empty() => lines.push(Line::styled(format!(" {hint}"), theme::dim(s.theme))),
        None => {}
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
