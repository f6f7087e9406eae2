//! What the SoA screen keeps between openings: the reference index (fixed for the session)
//! and the reference scores its rows were last built from. The rows themselves belong to the
//! screen (`screens::SoaScreen`).

use aira_core::scoring::ReferenceIndex;
use aira_core::scoring::ReferenceScores;

#[derive(Default)]
pub struct Plans {
    /// The reference scores the SoA rows were built from.
    pub(crate) soa_refs: ReferenceScores,
    /// Which references each question cites: fixed for the session, built on first use.
    pub(crate) index: Option<ReferenceIndex>,
}
