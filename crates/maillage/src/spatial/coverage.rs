//! Where actors are and what each zone holds (docs/analyses.md §2).

use crate::model::ZoneIndex;
use crate::model::{ActorIx, LayerIx, Territory, ZoneIx, ZoneRef};
use serde::Serialize;
use std::collections::BTreeMap;

/// The zone of a layer each actor is located in (`None`: no location, or outside every
/// zone), indexed by [`ActorIx`].
pub type ActorPlacement = Vec<Option<ZoneIx>>;

/// Places every located actor in a zone of `layer`, with the border rule of the spec
/// (first zone of the file wins).
///
/// # Complexity
/// O(a log z) with a actors and z zones, through the R-tree.
pub fn assign_actors(territory: &Territory, layer: LayerIx) -> ActorPlacement {
    let index = ZoneIndex::new(territory.layer(layer));
    territory
        .actors
        .iter()
        .map(|a| a.location.and_then(|p| index.locate(p)))
        .collect()
}

/// Actors located in one zone, counted by kind and by sector.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ZoneCounts {
    /// Located actors in the zone.
    pub total: u32,
    /// Count per kind id (kinds absent from the zone are absent here).
    pub by_kind: BTreeMap<String, u32>,
    /// Count per sector id.
    pub by_sector: BTreeMap<String, u32>,
    /// The actors, in index order.
    pub actors: Vec<ActorIx>,
}

/// Counts the actors of each zone of `layer`, in zone order.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::spatial::zone_counts;
/// let counts = zone_counts(&territory, territory.analysis.coverage_layer);
/// let located = territory.actors.iter().filter(|a| a.location.is_some()).count() as u32;
/// assert_eq!(counts.iter().map(|c| c.total).sum::<u32>(), located);
/// ```
pub fn zone_counts(territory: &Territory, layer: LayerIx) -> Vec<ZoneCounts> {
    zone_counts_placed(territory, layer, &assign_actors(territory, layer))
}

/// [`zone_counts`] with the actors already placed in the zones of `layer`.
pub(crate) fn zone_counts_placed(
    territory: &Territory,
    layer: LayerIx,
    placement: &ActorPlacement,
) -> Vec<ZoneCounts> {
    let mut counts = vec![ZoneCounts::default(); territory.layer(layer).zones.len()];
    for (i, zone) in placement.iter().enumerate() {
        let Some(zone) = zone else { continue };
        let actor = &territory.actors[i];
        let c = &mut counts[zone.0 as usize];
        c.total += 1;
        *c.by_kind.entry(actor.kind.clone()).or_default() += 1;
        *c.by_sector.entry(actor.sector.clone()).or_default() += 1;
        c.actors.push(ActorIx(i as u32));
    }
    counts
}

/// Whether a zone is a priority zone: its layer is marked `priority`, or its anchor
/// point lies in a zone of such a layer.
pub fn is_priority(territory: &Territory, zone: ZoneRef, priority_indexes: &[ZoneIndex]) -> bool {
    territory.layer(zone.layer).priority
        || priority_indexes
            .iter()
            .any(|ix| ix.locate(territory.zone(zone).anchor).is_some())
}
