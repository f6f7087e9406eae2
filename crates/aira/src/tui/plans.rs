//! The data of the roadmap and SoA screens, held in the state; `update::plans` fills it and
//! `view::plans` draws it.

use aira_core::report::model::SoaRow;
use aira_core::scoring::ReferenceIndex;
use aira_core::scoring::ReferenceScores;
use aira_core::scoring::roadmap::{Item, Term};

/// The lists behind the roadmap and SoA screens, kept while the screen is open: nothing on
/// those screens changes an answer, so only an SoA decision calls for new rows.
#[derive(Default)]
pub struct Plans {
    pub roadmap: Vec<(Term, Item)>,
    pub soa: Vec<SoaRow>,
    /// The reference scores the SoA rows were built from.
    pub(crate) soa_refs: ReferenceScores,
    /// Which references each question cites: fixed for the session, built on first use.
    pub(crate) index: Option<ReferenceIndex>,
}
