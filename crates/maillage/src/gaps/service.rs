//! Service gaps: zones where a required kind of actor is absent, or out of reach.

use crate::spatial::Coverage;
use serde::Serialize;

/// How a required kind is missing from a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceGapKind {
    /// No actor of the kind in the zone, but one within the catchment of its anchor.
    AbsentInZone,
    /// No actor of the kind in the zone, and none within the catchment (or none at all).
    OutOfReach,
}

impl ServiceGapKind {
    /// `absent_in_zone` or `out_of_reach`, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AbsentInZone => "absent_in_zone",
            Self::OutOfReach => "out_of_reach",
        }
    }
}

/// A required kind missing from a zone of the coverage layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceGap {
    /// Zone id.
    pub zone: String,
    /// Zone name.
    pub zone_name: String,
    /// The kind id.
    pub kind: String,
    /// Absent, or also out of reach.
    pub gap: ServiceGapKind,
    /// Distance from the zone's anchor point to the nearest actor of the kind; `None`
    /// when the territory has none.
    ///
    /// # Units
    /// Metres.
    pub nearest_m: Option<f64>,
    /// The zone's population.
    pub population: f64,
    /// Whether the zone is a priority zone.
    pub priority: bool,
}

/// Service gaps (docs/analyses.md §3): for each zone and each required kind k,
/// `absent_in_zone` when `count[k] = 0`, `out_of_reach` when also `nearest_m[k]` exceeds
/// the catchment or no actor of kind k has a location.
///
/// # Returns
/// The gaps by zone (file order), then by kind (manifest order).
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::service_gaps;
/// use maillage::spatial::zone_coverage;
/// let coverage = zone_coverage(&territory, territory.analysis.coverage_layer);
/// let gaps = service_gaps(&coverage);
/// assert!(gaps.iter().any(|g| g.kind == "orthophoniste"));
/// ```
pub fn service_gaps(coverage: &Coverage) -> Vec<ServiceGap> {
    let mut gaps = Vec::new();
    for zone in &coverage.zones {
        for kind in &coverage.required {
            if zone.count_by_kind.get(kind).copied().unwrap_or(0) > 0 {
                continue;
            }
            let nearest_m = zone.nearest_m.get(kind).copied().flatten();
            let gap = match nearest_m {
                Some(d) if d <= coverage.catchment_m => ServiceGapKind::AbsentInZone,
                _ => ServiceGapKind::OutOfReach,
            };
            gaps.push(ServiceGap {
                zone: zone.id.clone(),
                zone_name: zone.name.clone(),
                kind: kind.clone(),
                gap,
                nearest_m,
                population: zone.population,
                priority: zone.priority,
            });
        }
    }
    gaps
}
