//! Need gaps: for each need found by the local diagnosis (a theme in a zone), the
//! actors and actions that answer it.

use super::reach::Reach;
use crate::model::{Date, LayerIx, Territory};
use crate::spatial::{assign_actors, ActorPlacement};
use serde::Serialize;
use std::collections::BTreeMap;

/// How well a need is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedStatus {
    /// No actor with the theme is located in or serves the zone, and no action with the
    /// theme is held there.
    Uncovered,
    /// Actors with the theme are there, but no action with the theme.
    NoJointAction,
    /// An action with the theme is held in the zone.
    Covered,
}

/// One need and what answers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedGap {
    /// The zone, written `layer:id` as in the bundle.
    pub zone: String,
    /// The zone's name.
    pub zone_name: String,
    /// The theme, as written in `needs.csv`.
    pub theme: String,
    /// 1 (watch) to 3 (priority).
    pub level: u8,
    /// Where the finding comes from.
    pub source: Option<String>,
    /// Uncovered, without joint action, or covered.
    pub status: NeedStatus,
    /// Ids of the actors with the theme located in or serving the zone, in bundle
    /// order.
    pub actors: Vec<String>,
    /// Ids of the actions with the theme held in the zone (valid on the date), in
    /// bundle order.
    pub actions: Vec<String>,
}

/// Need gaps (spec/ANALYSES.md §3): for each need (z, theme), the actors with that
/// theme located in z or serving z, and the actions with that theme held in z.
///
/// An actor serves z, and an action is held in z, when its `serves` (`zones`) names z
/// or names a zone of another layer containing z's anchor point (spec §2). Themes
/// compare without case or accents.
///
/// # Arguments
/// * `territory`: the territory.
/// * `date`: actions are those valid on this date (every action when `None`).
///
/// # Returns
/// One [`NeedGap`] per need, in bundle order.
///
/// # Complexity
/// O(a log z) to place the actors, then O(N · (a_z + s + c)) for N needs, a_z actors
/// located in the need's zone, s actors serving zones and c action zones, each named
/// zone being resolved once per layer.
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::{need_gaps, NeedStatus};
/// let needs = need_gaps(&territory, territory.date);
/// let diabetes = needs.iter().find(|n| n.zone == "qpv:QP069033" && n.theme == "diabète").unwrap();
/// assert_eq!(diabetes.status, NeedStatus::Covered);
/// ```
pub fn need_gaps(territory: &Territory, date: Option<Date>) -> Vec<NeedGap> {
    let mut reach = Reach::new(territory);
    let mut placements: BTreeMap<LayerIx, (ActorPlacement, Vec<Vec<usize>>)> = BTreeMap::new();
    // the actors that serve zones are few (schemes, institutions): each need looks at
    // them and at the actors located in its zone, not at every actor
    let serving: Vec<usize> = (0..territory.actors.len())
        .filter(|&i| !territory.actors[i].serves.is_empty())
        .collect();
    let has_theme =
        |themes: &[crate::model::Theme], key: &str| themes.iter().any(|t| t.key() == key);
    territory
        .needs
        .iter()
        .map(|need| {
            let key = need.theme.key();
            let zone = need.zone;
            let (placement, located_in) = placements.entry(zone.layer).or_insert_with(|| {
                let placement = assign_actors(territory, zone.layer);
                let mut located_in = vec![Vec::new(); territory.layer(zone.layer).zones.len()];
                for (i, z) in placement.iter().enumerate() {
                    if let Some(z) = z {
                        located_in[z.0 as usize].push(i);
                    }
                }
                (placement, located_in)
            });
            let mut candidates: Vec<usize> = located_in[zone.zone.0 as usize]
                .iter()
                .chain(&serving)
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let actors: Vec<String> = candidates
                .into_iter()
                .map(|i| (i, &territory.actors[i]))
                .filter(|(i, a)| {
                    has_theme(&a.themes, key)
                        && (placement[*i] == Some(zone.zone)
                            || a.serves.iter().any(|&n| reach.reaches(n, zone)))
                })
                .map(|(_, a)| a.id.clone())
                .collect();
            let actions: Vec<String> = territory
                .actions
                .iter()
                .filter(|a| {
                    date.is_none_or(|d| a.validity.contains(d))
                        && has_theme(&a.themes, key)
                        && a.zones.iter().any(|&n| reach.reaches(n, zone))
                })
                .map(|a| a.id.clone())
                .collect();
            let status = match (actors.is_empty(), actions.is_empty()) {
                (_, false) => NeedStatus::Covered,
                (false, true) => NeedStatus::NoJointAction,
                (true, true) => NeedStatus::Uncovered,
            };
            NeedGap {
                zone: territory.zone_label(zone),
                zone_name: territory.zone(zone).name.clone(),
                theme: need.theme.label().to_owned(),
                level: need.level,
                source: need.source.clone(),
                status,
                actors,
                actions,
            }
        })
        .collect()
}
