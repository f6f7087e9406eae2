//! Workspaces the benchmarks run against: the built-in questionnaire and a generated
//! 10,000-question bank, each with one respondent who answered everything (the issue's
//! "1 respondent answered" column). Built once per bench binary in a temp folder.
#![allow(dead_code)]

use std::path::Path;

use aira::tui::{Options, keymap::Keymap};
use aira_store::workspace::{self, Access, Workspace};
use aira_testgen::{Spec, questionnaire_text, write_workspace};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const LARGE: usize = 10_000;

pub struct Fixture {
    pub name: String,
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn open(&self, access: Access) -> Workspace {
        workspace::open(self.path(), access).unwrap()
    }
}

fn make(name: &str, text: &str, spec: &Spec) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    write_workspace(dir.path(), text, spec).unwrap();
    Fixture { name: name.to_owned(), dir }
}

pub fn builtin() -> Fixture {
    let spec = Spec::new(0, 1, 1);
    make("builtin", aira_core::questionnaire::default_builtin().text, &spec)
}

pub fn large(respondents: usize, answered: usize) -> Fixture {
    let spec = Spec::new(LARGE, respondents, answered);
    make(&format!("10k-{answered}of{respondents}r"), &questionnaire_text(&spec), &spec)
}

/// The two columns of the issue's target table.
pub fn sizes() -> Vec<Fixture> {
    vec![builtin(), large(1, 1)]
}

pub fn options() -> Options {
    Options { theme: Default::default(), user: "bench".into(), keymap: Keymap::defaults(), first: Vec::new() }
}

pub fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// The five queries of the issue: a word, an ISO control, a NIST subcategory, two words, a word.
pub const QUERIES: [&str; 5] = ["incident", "A.6.2", "MS-2.7", "bias testing", "supplier"];
