//! The one list cursor every list uses (navigator, search hits, a heatmap cell's questions,
//! roadmap, SoA, the start screen's recent workspaces): a selection kept inside the list.

use super::action::Action;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListCursor {
    selected: usize,
}

/// How far PageUp / PageDown move.
const PAGE: usize = 10;

impl ListCursor {
    pub fn at(selected: usize) -> ListCursor {
        ListCursor { selected }
    }

    /// The selection inside a list of `len` rows (0 for an empty list).
    pub fn get(&self, len: usize) -> usize {
        self.selected.min(len.saturating_sub(1))
    }

    /// The raw selection, for lists that clamp themselves when drawn.
    pub fn raw(&self) -> usize {
        self.selected
    }

    pub fn set(&mut self, selected: usize) {
        self.selected = selected;
    }

    /// Move for a list action; false when `action` does not move a list.
    pub fn apply(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        let at = self.get(len);
        self.selected = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down => (at + 1).min(last),
            Action::PageUp => at.saturating_sub(PAGE),
            Action::PageDown => (at + PAGE).min(last),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_inside_the_list() {
        let mut c = ListCursor::default();
        assert!(c.apply(Action::Up, 3));
        assert_eq!(c.get(3), 0);
        c.apply(Action::Down, 3);
        c.apply(Action::Down, 3);
        c.apply(Action::Down, 3);
        assert_eq!(c.get(3), 2);
        c.apply(Action::PageUp, 30);
        assert_eq!(c.get(30), 0);
        c.apply(Action::PageDown, 30);
        assert_eq!(c.get(30), 10);
        c.apply(Action::Last, 30);
        assert_eq!(c.get(30), 29);
        assert_eq!(c.get(5), 4, "a list that shrank keeps the cursor on its last row");
        c.apply(Action::Up, 5);
        assert_eq!(c.get(5), 3, "moving from a row past the end starts at the last row");
        c.apply(Action::First, 0);
        assert_eq!(c.get(0), 0);
        assert!(!c.apply(Action::Select, 3));
    }
}
