//! Travel costs between the zones of the coverage layer and the suppliers, read from a
//! cost table (docs/bundle.md, "Travel costs"): road minutes or metres that replace
//! the straight-line distances of access (docs/analyses.md §2).

use super::{ActorIx, ZoneIx};
use serde::Serialize;

/// The steps of the DREES's APL (accessibilité potentielle localisée) for general
/// practitioners: weight 1 up to 10 minutes, 2/3 up to 15, 1/3 up to 20, 0 beyond, as
/// (upper bound in minutes, weight), from the DREES file
/// `crates/maillage/data/apl/drees_apl_mg_decroissance_distance.csv` (its SOURCES.md
/// gives the source).
///
/// # Example
/// ```
/// use maillage::model::APL_STEPS;
/// assert_eq!(APL_STEPS[1], (15.0, 2.0 / 3.0));
/// ```
pub const APL_STEPS: [(f64, f64); 3] = [(10.0, 1.0), (15.0, 2.0 / 3.0), (20.0, 1.0 / 3.0)];

/// The catchment of a cost table in minutes when the manifest gives none: 20, where the
/// APL's steps end.
pub const DEFAULT_CATCHMENT_MIN: f64 = 20.0;

/// The unit of a cost table's costs (its `minutes` or `metres` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CostUnit {
    /// Travel time, in minutes.
    Minutes,
    /// Travel distance along the network, in metres.
    Metres,
}

impl CostUnit {
    /// The column of the cost table (and the manifest's `unit`): `minutes` or `metres`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Minutes => "minutes",
            Self::Metres => "metres",
        }
    }
}

/// How supply and demand weigh with the cost in the access of a cost table
/// (`[analysis.costs] decay`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CostDecay {
    /// `"none"`: plain 2SFCA, every pair within the catchment weighted 1.
    Flat,
    /// `"apl"`: E2SFCA with the APL's steps ([`APL_STEPS`]); minutes only.
    Apl,
    /// `"gaussian"`: E2SFCA with exp(−c² / (2σ²)).
    Gaussian {
        /// σ, in the table's unit (`sigma`); `None`: half the catchment.
        sigma: Option<f64>,
    },
    /// `[[upper, weight], …]`: E2SFCA with the user's steps, the weight of the first
    /// band (by increasing upper bound) whose upper bound is at least the cost.
    Steps {
        /// (upper bound in the table's unit, weight ≥ 0), sorted by upper bound.
        bands: Vec<(f64, f64)>,
    },
}

/// What the manifest's `[analysis.costs]` says, before a cost table is read: the
/// settings `maillage diagnose --costs FILE` applies to its file too.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CostSettings {
    /// `file`: the cost table, relative to the bundle.
    pub file: Option<String>,
    /// `unit`: which column holds the costs; default: `minutes` when the table has
    /// that column, else `metres`.
    pub unit: Option<CostUnit>,
    /// `catchment`: the largest cost in reach, in the unit; default: the last upper
    /// bound of user steps, else 20 minutes, or `[analysis] catchment_m` metres.
    pub catchment: Option<f64>,
    /// `decay` (and `sigma`): default, the weights of `[analysis] access`, in the unit.
    pub decay: Option<CostDecay>,
}

impl CostSettings {
    /// Whether the manifest said nothing of a cost table.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Where a row of the cost table leads: one actor, or every supplier placed in a zone
/// of the coverage layer (a commune-to-commune matrix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Destination {
    /// An actor, by its id.
    Actor(ActorIx),
    /// A zone of the coverage layer: every supplier the coverage places in it.
    Zone(ZoneIx),
}

/// A cost table, read and checked: for each zone of the coverage layer (the origin),
/// the destinations it reaches and their cost, with the settings it is used with.
///
/// # Example
/// ```
/// use maillage::model::{ActorIx, CostDecay, CostUnit, Destination, TravelCosts, ZoneIx};
/// let costs = TravelCosts::new(
///     "costs.csv",
///     CostUnit::Minutes,
///     20.0,
///     Some(CostDecay::Apl),
///     2,
///     vec![
///         (ZoneIx(1), Destination::Actor(ActorIx(0)), 12.5),
///         (ZoneIx(0), Destination::Zone(ZoneIx(1)), 8.0),
///     ],
/// );
/// assert_eq!(costs.entry_count(), 2);
/// assert_eq!(costs.from_zone(ZoneIx(1)).collect::<Vec<_>>(), [(Destination::Actor(ActorIx(0)), 12.5)]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TravelCosts {
    /// The file the table was read from.
    pub file: String,
    /// The unit of the costs.
    pub unit: CostUnit,
    /// The largest cost in reach, in the unit: a pair costing more, or absent from the
    /// table, is out of reach.
    pub catchment: f64,
    /// The decay; `None`: the weights of `[analysis] access`, in the unit.
    pub decay: Option<CostDecay>,
    /// Where each origin's rows start in `destinations` and `costs` (zones + 1).
    #[serde(skip)]
    origin_start: Vec<usize>,
    #[serde(skip)]
    destinations: Vec<Destination>,
    #[serde(skip)]
    costs: Vec<f64>,
}

impl TravelCosts {
    /// A table from (origin zone, destination, cost) rows, for a layer of `zones`
    /// zones; the rows of each origin keep their order.
    ///
    /// # Panics
    /// When an origin is not below `zones`.
    ///
    /// # Complexity
    /// O(zones + rows).
    pub fn new(
        file: &str,
        unit: CostUnit,
        catchment: f64,
        decay: Option<CostDecay>,
        zones: usize,
        rows: Vec<(ZoneIx, Destination, f64)>,
    ) -> Self {
        let mut origin_start = vec![0usize; zones + 1];
        for &(z, _, _) in &rows {
            origin_start[z.0 as usize + 1] += 1;
        }
        for i in 1..origin_start.len() {
            origin_start[i] += origin_start[i - 1];
        }
        let mut next = origin_start.clone();
        let placeholder = Destination::Zone(ZoneIx(0));
        let mut destinations = vec![placeholder; rows.len()];
        let mut costs = vec![0.0; rows.len()];
        for (z, d, c) in rows {
            let at = &mut next[z.0 as usize];
            destinations[*at] = d;
            costs[*at] = c;
            *at += 1;
        }
        Self {
            file: file.to_owned(),
            unit,
            catchment,
            decay,
            origin_start,
            destinations,
            costs,
        }
    }

    /// Number of rows.
    pub fn entry_count(&self) -> usize {
        self.costs.len()
    }

    /// Number of zones of the layer the origins belong to.
    pub fn zone_count(&self) -> usize {
        self.origin_start.len() - 1
    }

    /// The rows whose origin is `zone`, as (destination, cost), in file order.
    pub fn from_zone(&self, zone: ZoneIx) -> impl Iterator<Item = (Destination, f64)> + '_ {
        let z = zone.0 as usize;
        let range = self.origin_start[z]..self.origin_start[z + 1];
        self.destinations[range.clone()]
            .iter()
            .copied()
            .zip(self.costs[range].iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The steps are those of the DREES file, value for value.
    #[test]
    fn apl_steps_are_the_drees_published_ones() {
        let text = include_str!("../../data/apl/drees_apl_mg_decroissance_distance.csv");
        let weights: Vec<f64> = text
            .lines()
            .skip(1)
            .map(|l| l.rsplit(',').next().unwrap().trim().parse().unwrap())
            .collect();
        let mut expected: Vec<f64> = APL_STEPS.iter().map(|s| s.1).collect();
        expected.push(0.0); // beyond the last step
        assert_eq!(weights, expected);
        let bounds: Vec<f64> = APL_STEPS.iter().map(|s| s.0).collect();
        assert_eq!(bounds, [10.0, 15.0, 20.0]);
        for (row, bound) in text.lines().skip(1).zip(["10", "15", "20"]) {
            assert!(row.contains(bound), "{row}");
        }
    }
}
