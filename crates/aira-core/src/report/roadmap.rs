//! The roadmap for a workspace's parts: targets resolved from answers and workspace.toml, then
//! `scoring::roadmap::plan` (the rule lives there and in docs/scoring.md). The TUI calls this.

use crate::assessment::Assessment;
use crate::engagement::Engagement;
use crate::questionnaire::Questionnaire;
use crate::scoring::{self, roadmap::Horizon};

/// The three horizons (0–3, 3–6, 6–12 months), always in that order.
pub fn build(q: &Questionnaire, a: &Assessment, meta: &Engagement) -> Vec<Horizon> {
    let statuses = a.statuses(q);
    let targets = scoring::targets(q, a, meta.default_target());
    scoring::roadmap::plan(q, &statuses, &targets)
}
