//! Pathway gaps (docs/analyses.md §3 and §5): the zones of the coverage layer whose
//! residents have no chain of referrals to specialised care in reach.

use crate::model::Territory;
use crate::network::Pathway;
use crate::spatial::{nearest_distance, ActorPlacement, Coverage};
use serde::Serialize;

/// A zone of the coverage layer with no entry point of a pathway that leads to
/// specialised care, neither in the zone nor within the catchment distance of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathwayGap {
    /// The pathway's name.
    pub pathway: String,
    /// Zone id.
    pub zone: String,
    /// Zone name.
    pub zone_name: String,
    /// Entry points of the pathway located in the zone (none of which leads anywhere).
    pub entry_points: u32,
    /// Distance from the zone's anchor point to the nearest located entry point with a
    /// chain; `None` when there is none.
    ///
    /// # Units
    /// Metres.
    pub nearest_m: Option<f64>,
    /// The zone's population.
    pub population: f64,
    /// Whether the zone is a priority zone.
    pub priority: bool,
}

/// For each pathway, in order, the zones of the coverage layer (file order) where no
/// entry point with a chain to specialised care is located, and none lies within the
/// catchment distance of the zone's anchor point. `coverage` is the coverage of the
/// coverage layer, `placement` the actors' placement in it.
///
/// # Complexity
/// O((z + e) log e) per pathway for z zones and e entry points, through an R-tree.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::pathway_gaps;
/// use maillage::network::{default_pathways, pathways};
/// use maillage::spatial::{assign_actors, zone_coverage};
/// let layer = territory.analysis.coverage_layer;
/// let followed = pathways(&territory, territory.date, &default_pathways());
/// let gaps = pathway_gaps(&territory, &followed, &zone_coverage(&territory, layer), &assign_actors(&territory, layer));
/// assert!(gaps.iter().all(|g| g.nearest_m.is_none_or(|d| d > territory.analysis.catchment_m)));
/// ```
pub fn pathway_gaps(
    territory: &Territory,
    pathways: &[Pathway],
    coverage: &Coverage,
    placement: &ActorPlacement,
) -> Vec<PathwayGap> {
    let layer = territory.layer(territory.analysis.coverage_layer);
    let anchors: Vec<_> = layer.zones.iter().map(|z| z.anchor).collect();
    let mut gaps = Vec::new();
    for pathway in pathways {
        let mut entry_points = vec![0u32; layer.zones.len()];
        let mut with_chain = vec![false; layer.zones.len()];
        let mut sites = Vec::new();
        for e in &pathway.entries {
            let leads = !e.reached.is_empty();
            if let Some(zone) = placement[e.entry.index()] {
                entry_points[zone.0 as usize] += 1;
                with_chain[zone.0 as usize] |= leads;
            }
            if let (true, Some(at)) = (leads, territory.actor(e.entry).location) {
                sites.push(at);
            }
        }
        let nearest = nearest_distance(&anchors, &sites);
        for (z, zone) in coverage.zones.iter().enumerate() {
            if with_chain[z] || nearest[z].is_some_and(|d| d <= coverage.catchment_m) {
                continue;
            }
            gaps.push(PathwayGap {
                pathway: pathway.definition.name.clone(),
                zone: zone.id.clone(),
                zone_name: zone.name.clone(),
                entry_points: entry_points[z],
                nearest_m: nearest[z],
                population: zone.population,
                priority: zone.priority,
            });
        }
    }
    gaps
}
