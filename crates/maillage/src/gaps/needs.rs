//! Need gaps: for each need found by the local diagnosis (a theme in a zone), the
//! actors and actions that answer it.

use crate::model::Reach;
use crate::model::{Date, LayerIx, Territory};
use crate::spatial::{assign_actors, ActorPlacement};
use serde::Serialize;
use std::borrow::Cow;
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

impl NeedStatus {
    /// Its name in the tables and in serde: `uncovered`, `no_joint_action`, `covered`.
    pub fn as_str(self) -> &'static str {
        match self {
            NeedStatus::Uncovered => "uncovered",
            NeedStatus::NoJointAction => "no_joint_action",
            NeedStatus::Covered => "covered",
        }
    }
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
    /// Whether the need was raised from an indicator by a rule of the manifest
    /// (`[[needs_from_indicators]]`, its source saying which indicator and threshold)
    /// rather than written in `needs.csv`.
    pub raised: bool,
    /// Uncovered, without joint action, or covered.
    pub status: NeedStatus,
    /// Ids of the actors with the theme located in or serving the zone, in bundle
    /// order.
    pub actors: Vec<String>,
    /// Ids of the actions with the theme held in the zone (valid on the date), in
    /// bundle order.
    pub actions: Vec<String>,
}

/// Need gaps (docs/analyses.md §3): for each need (z, theme), the actors with that
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
/// O(a log z) to place the actors in the layers that needs name, O(s + c) to list, per
/// zone of those layers, the actors serving it and the actions held there (s and c
/// zones reached by `serves` and by actions' `zones`, each named zone being resolved
/// once per layer), then O(a_z + s_z + c_z) per need for the actors located in its
/// zone, serving it and the actions held there.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::{need_gaps, NeedStatus};
/// let needs = need_gaps(&territory, territory.date);
/// let diabetes = needs.iter().find(|n| n.zone == "qpv:QP069033" && n.theme == "diabète").unwrap();
/// assert_eq!(diabetes.status, NeedStatus::Covered);
/// ```
pub fn need_gaps(territory: &Territory, date: Option<Date>) -> Vec<NeedGap> {
    need_gaps_placed(territory, date, |layer| {
        Cow::Owned(assign_actors(territory, layer))
    })
}

/// [`need_gaps`] with the actors' placement in a layer given by `placement` (the
/// diagnosis has placed them once in every layer).
pub(crate) fn need_gaps_placed<'p>(
    territory: &Territory,
    date: Option<Date>,
    placement: impl Fn(LayerIx) -> Cow<'p, ActorPlacement>,
) -> Vec<NeedGap> {
    let mut reach = Reach::new(territory);
    let mut layers: BTreeMap<LayerIx, ByZone> = BTreeMap::new();
    let has_theme =
        |themes: &[crate::model::Theme], key: &str| themes.iter().any(|t| t.key() == key);
    territory
        .needs
        .iter()
        .map(|need| {
            let key = need.theme.key();
            let zone = need.zone;
            let by_zone = layers.entry(zone.layer).or_insert_with(|| {
                ByZone::new(
                    territory,
                    date,
                    zone.layer,
                    &placement(zone.layer),
                    &mut reach,
                )
            });
            let z = zone.zone.0 as usize;
            let mut candidates: Vec<u32> = by_zone.located[z]
                .iter()
                .chain(&by_zone.serving[z])
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let actors: Vec<String> = candidates
                .into_iter()
                .map(|i| &territory.actors[i as usize])
                .filter(|a| has_theme(&a.themes, key))
                .map(|a| a.id.clone())
                .collect();
            let mut held = by_zone.actions[z].clone();
            held.dedup();
            let actions: Vec<String> = held
                .into_iter()
                .map(|i| &territory.actions[i as usize])
                .filter(|a| has_theme(&a.themes, key))
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
                raised: need.raised_by.is_some(),
                status,
                actors,
                actions,
            }
        })
        .collect()
}

/// For each zone of one layer: the actors located in it, the actors serving it and the
/// actions (valid on the date) held in it, each by increasing index (serving actors
/// and actions may repeat, when several of their named zones reach the zone).
struct ByZone {
    located: Vec<Vec<u32>>,
    serving: Vec<Vec<u32>>,
    actions: Vec<Vec<u32>>,
}

impl ByZone {
    fn new(
        territory: &Territory,
        date: Option<Date>,
        layer: LayerIx,
        placement: &ActorPlacement,
        reach: &mut Reach,
    ) -> Self {
        let zones = territory.layer(layer).zones.len();
        let mut located = vec![Vec::new(); zones];
        for (i, z) in placement.iter().enumerate() {
            if let Some(z) = z {
                located[z.0 as usize].push(i as u32);
            }
        }
        let mut serving = vec![Vec::new(); zones];
        for (i, a) in territory.actors.iter().enumerate() {
            for &named in &a.serves {
                for z in reach.zones(named, layer) {
                    serving[z.0 as usize].push(i as u32);
                }
            }
        }
        let mut actions = vec![Vec::new(); zones];
        for (i, a) in territory.actions.iter().enumerate() {
            if date.is_some_and(|d| !a.validity.contains(d)) {
                continue;
            }
            for &named in &a.zones {
                for z in reach.zones(named, layer) {
                    actions[z.0 as usize].push(i as u32);
                }
            }
        }
        Self {
            located,
            serving,
            actions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NeedStatus;

    #[test]
    fn the_tables_name_a_status_as_serde_does() {
        for s in [
            NeedStatus::Uncovered,
            NeedStatus::NoJointAction,
            NeedStatus::Covered,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
