//! The evidence prompt's data: the question it is for, the line being typed (first the file or
//! URL, then the note), and the file or URL once the disk has looked at it.

use crate::tui::input::{Limit, LineInput};
use aira_store::workspace::evidence::Source;

/// Longest path, URL or note typed here: a path is at most 4096 bytes on Linux (PATH_MAX),
/// and a longer paste is refused whole, with a message, rather than cut into another path.
pub const MAX_EVIDENCE_LINE: usize = 4096;

pub struct EvidenceScreen {
    /// The question the evidence is for (where the card was when the prompt opened).
    pub question: usize,
    pub input: LineInput,
    /// The file or URL looked at and accepted: the note is being typed. None: the path is.
    pub source: Option<Source>,
}

impl EvidenceScreen {
    pub fn new(question: usize) -> EvidenceScreen {
        EvidenceScreen { question, input: LineInput::new(Limit::Bytes(MAX_EVIDENCE_LINE)), source: None }
    }

    /// The path was accepted: the note comes next, on a fresh line.
    pub fn accepted(&mut self, source: Source) {
        self.source = Some(source);
        self.input = LineInput::new(Limit::Bytes(MAX_EVIDENCE_LINE));
    }
}
