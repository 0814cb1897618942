//! Joint actions ("fiches action") and the needs found by the local diagnosis.

use super::{ActorIx, Theme, Validity, ZoneRef};
use serde::Serialize;

/// A joint action carried by several actors, a row of `actions.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// The user's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Themes of the action.
    pub themes: Vec<Theme>,
    /// Lead actors (at least one).
    pub lead: Vec<ActorIx>,
    /// Partner actors.
    pub partners: Vec<ActorIx>,
    /// Funding actors.
    pub funders: Vec<ActorIx>,
    /// Zones where the action takes place.
    pub zones: Vec<ZoneRef>,
    /// When the action runs: `since` is its `start`, `until` the day after its `end`
    /// (the `end` column names the last day, so a one-day event has `start = end`).
    pub validity: Validity,
    /// Other columns, in header order.
    pub attributes: Vec<(String, String)>,
    /// Line of the row in `actions.csv`.
    pub line: u64,
}

impl Action {
    /// The `start` column: the first day of the action.
    pub fn start(&self) -> Option<super::Date> {
        self.validity.since
    }

    /// The `end` column: the last day of the action.
    pub fn end(&self) -> Option<super::Date> {
        self.validity.until.map(super::Date::previous_day)
    }

    /// Every actor of the action (lead, partners, funders), sorted, without repeats.
    pub fn actors(&self) -> Vec<ActorIx> {
        let mut all: Vec<ActorIx> = self
            .lead
            .iter()
            .chain(&self.partners)
            .chain(&self.funders)
            .copied()
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// A need found by the diagnosis: a theme that needs an answer in a zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Need {
    /// Where.
    pub zone: ZoneRef,
    /// What.
    pub theme: Theme,
    /// 1 (watch) to 3 (priority).
    pub level: u8,
    /// Where the finding comes from.
    pub source: Option<String>,
    /// Other columns, in header order.
    pub attributes: Vec<(String, String)>,
    /// Line of the row in `needs.csv`; for a need raised from an indicator, the line of
    /// its rule in the manifest.
    pub line: u64,
    /// The rule that raised the need from an indicator: its index in
    /// [`AnalysisSettings::need_rules`](super::AnalysisSettings::need_rules); `None`
    /// for a need of `needs.csv`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raised_by: Option<usize>,
}
