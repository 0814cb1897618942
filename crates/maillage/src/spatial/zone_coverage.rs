//! What each zone of the coverage layer holds and reaches (docs/analyses.md §2):
//! population, actors by kind and sector, density, 2SFCA access and nearest distance
//! for the required kinds, the dispositifs serving it and the actions held in it, and
//! the comparison of priority zones (QPV-like) with the others.

use super::access::{
    enhanced_two_step_fca, nearest_distance, two_step_fca, Acceptance, CostMatrix, DistanceDecay,
    Suppliers, PER_INHABITANTS,
};
use super::coverage::zone_counts_placed;
use super::declared::{declared_indicators, DeclaredIndicator};
use super::{assign_actors, is_priority, ActorPlacement, ZoneCounts};
use crate::model::{AccessMethod, LayerIx, LonLat, Territory, ZoneIx, ZoneRef};
use crate::model::{AnchorIndex, ZoneIndex};
use crate::model::{CostDecay, CostUnit, APL_STEPS};
use indexmap::IndexMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What the supply of a kind is measured in, for access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyBasis {
    /// Each actor's `capacity` (full-time equivalents).
    Capacity,
    /// Each actor's `capacity` read as yearly consultations, visits and
    /// teleconsultations, counted within the DREES APL activity bounds
    /// ([`apl_activity`](super::apl_activity)): `[analysis.capacity_unit]` says
    /// `"consultations"` for the kind.
    Consultations,
    /// One per site: used when no actor of the kind has a positive capacity (the
    /// default capacity of structures such as pharmacies is 0, which would make the
    /// access figure 0 everywhere).
    Sites,
}

impl SupplyBasis {
    /// The supply of each site of `s` on this basis.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// use maillage::spatial::{Acceptance, Suppliers, SupplyBasis};
    /// let gps = Suppliers::of_kind(&territory, "medecin_generaliste", Acceptance::Any);
    /// assert_eq!(SupplyBasis::Capacity.supply(&gps), gps.capacity);
    /// assert!(SupplyBasis::Sites.supply(&gps).iter().all(|&s| s == 1.0));
    /// ```
    pub fn supply(self, s: &Suppliers) -> Vec<f64> {
        match self {
            SupplyBasis::Capacity => s.capacity.clone(),
            SupplyBasis::Consultations => {
                s.capacity.iter().map(|&c| super::apl_activity(c)).collect()
            }
            SupplyBasis::Sites => vec![1.0; s.len()],
        }
    }
}

/// The indicators of one zone of the coverage layer.
///
/// Maps keyed by kind or sector have the same keys in every zone of a [`Coverage`]:
/// every kind (sector) with a located actor in the layer, plus the required kinds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZoneIndicators {
    /// Zone id.
    pub id: String,
    /// Zone name.
    pub name: String,
    /// Population (0 when the layer gives none).
    pub population: f64,
    /// The age-weighted demand (population standardised by age), when the layer
    /// declares demand by age (`[layers.NAME.demand]`): access is then per
    /// standardised inhabitant, density still per inhabitant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand: Option<f64>,
    /// Whether the zone is a priority zone: its layer is marked `priority`, or its
    /// anchor point lies in a zone of such a layer.
    pub priority: bool,
    /// Located actors in the zone.
    pub actors: u32,
    /// Located actors per kind id.
    pub count_by_kind: BTreeMap<String, u32>,
    /// Located actors per sector id.
    pub count_by_sector: BTreeMap<String, u32>,
    /// Actors of each kind per 10,000 inhabitants; `None` when the population is 0.
    pub density: BTreeMap<String, Option<f64>>,
    /// 2SFCA access per required kind: supply per 10,000 inhabitants within the
    /// catchment (see [`Coverage::supply`] for the unit of supply).
    pub access: BTreeMap<String, f64>,
    /// 2SFCA access counting only the actors that take new patients (`accepting`), for
    /// the required kinds where at least one actor states it (*médecin traitant*).
    pub access_accepting: BTreeMap<String, f64>,
    /// Distance from the anchor point to the nearest actor of each required kind;
    /// `None` when the territory has none.
    ///
    /// # Units
    /// Metres.
    pub nearest_m: BTreeMap<String, Option<f64>>,
    /// Ids of the dispositifs serving the zone, in bundle order.
    pub dispositifs: Vec<String>,
    /// Number of dispositifs serving the zone (the "millefeuille").
    pub overlap: usize,
    /// Ids of the actions held in the zone (valid on the territory's date), in bundle
    /// order.
    pub actions: Vec<String>,
}

/// One indicator, averaged over priority zones and over the other zones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorComparison {
    /// The indicator, written as in docs/analyses.md §2: `actors`,
    /// `count[medecin_generaliste]`, `count_sector[social]`, `density[k]`, `access[k]`,
    /// `access_accepting[k]`, `nearest_m[k]`, `overlap`, `actions`.
    pub indicator: String,
    /// Population-weighted mean over priority zones; `None` when none has both a
    /// population and a value.
    pub priority: Option<f64>,
    /// Population-weighted mean over the other zones.
    pub other: Option<f64>,
    /// Priority zones where the indicator has a value (a zone without population
    /// counts here and weighs nothing in the mean).
    pub priority_with_value: usize,
    /// Other zones where the indicator has a value.
    pub other_with_value: usize,
}

/// Priority zones against the others: each indicator's population-weighted mean
/// Σ P_z·x_z / Σ P_z over the zones where it has a value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityComparison {
    /// Number of priority zones.
    pub priority_zones: usize,
    /// Number of other zones.
    pub other_zones: usize,
    /// Population of the priority zones.
    pub priority_population: f64,
    /// Population of the other zones.
    pub other_population: f64,
    /// The indicators, in the order of [`IndicatorComparison::indicator`]'s list.
    pub indicators: Vec<IndicatorComparison>,
}

/// The coverage of every zone of a layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// The layer's name.
    pub layer: String,
    /// The catchment distance of access.
    ///
    /// # Units
    /// Metres.
    pub catchment_m: f64,
    /// How access was computed (`[analysis] access`).
    pub access_method: AccessMethod,
    /// The required kinds, as in the manifest.
    pub required: Vec<String>,
    /// The unit of supply of each required kind's access.
    pub supply: BTreeMap<String, SupplyBasis>,
    /// One entry per zone, in file order: `zones[i]` is zone `ZoneIx(i)`.
    pub zones: Vec<ZoneIndicators>,
    /// The cost table access was computed with, when one was given (docs/analyses.md
    /// §2, "With a cost table"); `None`: straight-line distances within `catchment_m`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub travel_costs: Option<AccessCosts>,
    /// With a cost table, each required kind's access by the table beside its access by
    /// straight line as without it: the zones ranked both ways and the worst served
    /// that change (docs/analyses.md §2, "With a cost table"); `None` without a table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub road_comparison: Option<super::road::RoadComparison>,
    /// Priority zones against the others.
    pub comparison: PriorityComparison,
    /// The layer's declared indicators (docs/bundle.md, "Zone indicators"), in
    /// manifest order: priority zones against the others and the zones ranked.
    pub declared: Vec<DeclaredIndicator>,
    /// What qualifies the figures (zones without population, ...).
    pub notes: Vec<String>,
}

/// The cost table behind a coverage's access: its file, unit, catchment and weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccessCosts {
    /// The file the table was read from.
    pub file: String,
    /// The unit of the costs and of the catchment.
    pub unit: CostUnit,
    /// The largest cost in reach, in the unit.
    pub catchment: f64,
    /// The weights of E2SFCA; `None`: plain 2SFCA.
    pub decay: Option<DistanceDecay>,
    /// Number of rows of the table.
    pub entries: usize,
}

/// The weights of access: `None` for plain 2SFCA, else those of E2SFCA. Without a cost
/// table (or with one that names no `decay`), those of `[analysis] access` over the
/// catchment `d0`; with a cost table's `decay`, its own.
fn access_weights(territory: &Territory, d0: f64) -> Option<DistanceDecay> {
    let decay = territory
        .analysis
        .costs
        .as_ref()
        .and_then(|c| c.decay.as_ref());
    match decay {
        None => straight_line_weights(territory, d0),
        Some(CostDecay::Flat) => None,
        Some(CostDecay::Apl) => Some(DistanceDecay::steps(&APL_STEPS)),
        Some(CostDecay::Gaussian { sigma }) => {
            Some(DistanceDecay::gaussian(sigma.unwrap_or(d0 / 2.0)))
        }
        Some(CostDecay::Steps { bands }) => Some(DistanceDecay::steps(bands)),
    }
}

/// The weights of `[analysis] access` over the catchment `d0`: those of access by
/// straight line.
fn straight_line_weights(territory: &Territory, d0: f64) -> Option<DistanceDecay> {
    match territory.analysis.access {
        AccessMethod::TwoStep => None,
        AccessMethod::EnhancedSteps => Some(e2sfca_steps(d0)),
        AccessMethod::EnhancedGaussian => Some(DistanceDecay::gaussian(d0 / 2.0)),
    }
}

/// The step weights of `[analysis] access = "e2sfca"`: 1, 0.68 and 0.22 over the thirds
/// of the catchment (the band shape of PySAL access's example, stretched to `d0`).
pub fn e2sfca_steps(d0: f64) -> DistanceDecay {
    DistanceDecay::steps(&[(d0 / 3.0, 1.0), (2.0 * d0 / 3.0, 0.68), (d0, 0.22)])
}

/// The coverage of every zone of `layer` (docs/analyses.md §2), with the territory's
/// catchment and required kinds; actions are those valid on the territory's date.
///
/// # Arguments
/// * `territory`: the territory.
/// * `layer`: the layer to describe, usually `territory.analysis.coverage_layer`.
///
/// # Returns
/// A [`Coverage`] with one [`ZoneIndicators`] per zone, in file order.
///
/// # Complexity
/// O((z + a) log z + k) for z zones, a actors and k zone–actor pairs within the
/// catchment, plus the outline tests of `serves` and action zones.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::spatial::zone_coverage;
/// let coverage = zone_coverage(&territory, territory.analysis.coverage_layer);
/// assert_eq!(coverage.zones.len(), 24);
/// let gerland = coverage.zones.iter().find(|z| z.priority).unwrap();
/// assert!(gerland.dispositifs.contains(&"asv_gerland".to_owned()));
/// assert!(gerland.access["medecin_generaliste"] > 0.0);
/// ```
pub fn zone_coverage(territory: &Territory, layer: LayerIx) -> Coverage {
    zone_coverage_placed(territory, layer, &assign_actors(territory, layer))
}

/// [`zone_coverage`] with the actors already placed in the zones of `layer` (the
/// diagnosis places them once for every output).
pub(crate) fn zone_coverage_placed(
    territory: &Territory,
    layer: LayerIx,
    placement: &ActorPlacement,
) -> Coverage {
    let zones = &territory.layer(layer).zones;
    let catchment = territory.analysis.catchment_m;
    let required = &territory.analysis.required;
    let mut notes = Vec::new();

    let anchors: Vec<LonLat> = zones.iter().map(|z| z.anchor).collect();
    let population: Vec<f64> = zones.iter().map(|z| z.population.unwrap_or(0.0)).collect();
    let missing: Vec<&str> = zones
        .iter()
        .filter(|z| z.population.is_none())
        .map(|z| z.id.as_str())
        .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "{} zone(s) of layer {} have no population and count as 0 (density empty, no demand in access): {}",
            missing.len(),
            territory.layer(layer).name,
            missing.join(", ")
        ));
    }

    let demand = weighted_demand(territory, layer, &population, &mut notes);
    let counts = zone_counts_placed(territory, layer, placement);
    let access = AccessFigures::new(territory, layer, placement, &anchors, &demand, &mut notes);
    let reached = ServedAndHeld::new(territory, layer);
    let rows = ZoneRows::new(territory, &counts);
    let road_comparison = access.road_comparison(territory, layer, &population);
    let indicators: Vec<ZoneIndicators> = counts
        .iter()
        .enumerate()
        .map(|(i, c)| rows.row(territory, layer, i, population[i], c, &access, &reached))
        .collect();

    Coverage {
        layer: territory.layer(layer).name.clone(),
        catchment_m: catchment,
        access_method: territory.analysis.access,
        required: required.clone(),
        supply: access.supply_basis,
        travel_costs: access.travel_costs,
        road_comparison,
        comparison: compare_priority(&indicators),
        declared: declared_indicators(territory.layer(layer), &indicators),
        zones: indicators,
        notes,
    }
}

/// The demand of access, one value per zone: the age-weighted demand when the layer
/// declares one (with a note saying access is then per standardised inhabitant, and
/// naming the zones whose demand is estimated), else the population.
fn weighted_demand(
    territory: &Territory,
    layer: LayerIx,
    population: &[f64],
    notes: &mut Vec<String>,
) -> Vec<f64> {
    let layer = territory.layer(layer);
    let Some(declared) = &layer.demand else {
        return population.to_vec();
    };
    let weights = match &declared.weights {
        crate::model::DemandWeights::Preset(p) => p.name().to_owned(),
        crate::model::DemandWeights::Given(_) => crate::msg!(UserDemandWeights).to_string(),
    };
    notes.push(crate::msg!(CoverageDemandNote, layer = &layer.name, weights = weights).to_string());
    let estimated: Vec<&str> = layer
        .zones
        .iter()
        .filter(|z| z.demand.is_some_and(|d| d.estimated))
        .map(|z| z.id.as_str())
        .collect();
    if !estimated.is_empty() {
        let ratio = crate::model::mean_demand_weight(&layer.zones);
        notes.push(
            crate::msg!(
                CoverageDemandEstimated,
                count = estimated.len(),
                layer = &layer.name,
                ratio = format!("{ratio:.4}"),
                zones = estimated.join(", ")
            )
            .to_string(),
        );
    }
    layer
        .zones
        .iter()
        .map(|z| z.demand.map_or(0.0, |d| d.weighted))
        .collect()
}

/// Access and nearest distance of every zone, per required kind.
struct AccessFigures<'t> {
    supply_basis: BTreeMap<String, SupplyBasis>,
    access: BTreeMap<&'t str, Vec<f64>>,
    access_accepting: BTreeMap<&'t str, Vec<f64>>,
    nearest: BTreeMap<&'t str, Vec<Option<f64>>>,
    travel_costs: Option<AccessCosts>,
    /// With a cost table, each required kind's access by straight line, as without it.
    straight_line: BTreeMap<&'t str, Vec<f64>>,
}

impl<'t> AccessFigures<'t> {
    fn new(
        territory: &'t Territory,
        layer: LayerIx,
        placement: &ActorPlacement,
        anchors: &[LonLat],
        demand: &[f64],
        notes: &mut Vec<String>,
    ) -> Self {
        // a cost table's origins are the zones of the coverage layer
        let table = territory.analysis.costs.as_deref().filter(|t| {
            layer == territory.analysis.coverage_layer && t.zone_count() == anchors.len()
        });
        let catchment = table.map_or(territory.analysis.catchment_m, |t| t.catchment);
        let weights = access_weights(territory, catchment);
        let mut figures = Self {
            supply_basis: BTreeMap::new(),
            access: BTreeMap::new(),
            access_accepting: BTreeMap::new(),
            nearest: BTreeMap::new(),
            straight_line: BTreeMap::new(),
            travel_costs: table.map(|t| AccessCosts {
                file: t.file.clone(),
                unit: t.unit,
                catchment,
                decay: weights.clone(),
                entries: t.entry_count(),
            }),
        };
        for kind in &territory.analysis.required {
            let all = Suppliers::of_kind(territory, kind, Acceptance::Any);
            let consultations = territory.analysis.capacity_units.get(kind)
                == Some(&crate::model::CapacityUnit::Consultations);
            let basis = if all.capacity.iter().any(|&c| c > 0.0) || all.is_empty() {
                if consultations {
                    SupplyBasis::Consultations
                } else {
                    SupplyBasis::Capacity
                }
            } else {
                notes.push(format!(
                    "no actor of kind {kind} has a capacity: its access counts sites (1 per actor)"
                ));
                SupplyBasis::Sites
            };
            figures.supply_basis.insert(kind.clone(), basis);
            let fca = |s: &Suppliers| {
                let supply = basis.supply(s);
                let cost = match table {
                    Some(t) => CostMatrix::from_travel_costs(t, s, placement, catchment),
                    None => CostMatrix::haversine_within(anchors, &s.locations, catchment),
                };
                access_per_inhabitants(demand, &supply, &cost, catchment, weights.as_ref())
            };
            figures.access.insert(kind, fca(&all));
            if table.is_some() {
                // the same access by straight line, as without the table
                let d0 = territory.analysis.catchment_m;
                let cost = CostMatrix::haversine_within(anchors, &all.locations, d0);
                let w = straight_line_weights(territory, d0);
                let line =
                    access_per_inhabitants(demand, &basis.supply(&all), &cost, d0, w.as_ref());
                figures.straight_line.insert(kind, line);
            }
            let states_acceptance = territory
                .actors
                .iter()
                .any(|a| a.kind == *kind && a.accepting.is_some());
            if states_acceptance {
                let open = Suppliers::of_kind(territory, kind, Acceptance::AcceptingOnly);
                figures.access_accepting.insert(kind, fca(&open));
            }
            figures
                .nearest
                .insert(kind, nearest_distance(anchors, &all.locations));
        }
        figures
    }
}

/// 2SFCA (`weights` `None`) or E2SFCA access per [`PER_INHABITANTS`].
fn access_per_inhabitants(
    demand: &[f64],
    supply: &[f64],
    cost: &CostMatrix,
    catchment: f64,
    weights: Option<&DistanceDecay>,
) -> Vec<f64> {
    match weights {
        None => two_step_fca(demand, supply, cost, catchment),
        Some(w) => enhanced_two_step_fca(demand, supply, cost, catchment, w),
    }
    .into_iter()
    .map(|a| a * PER_INHABITANTS)
    .collect()
}

impl AccessFigures<'_> {
    /// With a cost table, each required kind's access by it against access by straight
    /// line, over the zones with a population (`None` without a table).
    fn road_comparison(
        &self,
        territory: &Territory,
        layer: LayerIx,
        population: &[f64],
    ) -> Option<super::road::RoadComparison> {
        self.travel_costs.as_ref()?;
        let zones: Vec<(usize, &str, &str)> = territory
            .layer(layer)
            .zones
            .iter()
            .enumerate()
            .filter(|&(i, _)| population[i] > 0.0)
            .map(|(i, z)| (i, z.id.as_str(), z.name.as_str()))
            .collect();
        let worst = super::road::worst_count(zones.len());
        let kinds = territory
            .analysis
            .required
            .iter()
            .filter_map(|k| {
                let (road, line) = (
                    self.access.get(k.as_str())?,
                    self.straight_line.get(k.as_str())?,
                );
                Some(super::road::road_access(k, &zones, road, line, worst))
            })
            .collect();
        Some(super::road::RoadComparison { worst, kinds })
    }
}

/// The dispositifs serving each zone of a layer and the actions (valid on the
/// territory's date) held in it.
struct ServedAndHeld {
    served: Vec<(usize, ZoneRef)>,
    dispositifs_of: Vec<Vec<usize>>,
    held: Vec<(usize, ZoneRef)>,
    actions_of: Vec<Vec<usize>>,
}

impl ServedAndHeld {
    fn new(territory: &Territory, layer: LayerIx) -> Self {
        let index = AnchorIndex::new(territory, layer);
        let mut served: Vec<(usize, ZoneRef)> = Vec::new();
        for (i, a) in territory.actors.iter().enumerate() {
            if a.is_dispositif() {
                served.extend(a.serves.iter().map(|&z| (i, z)));
            }
        }
        let named: Vec<ZoneRef> = served.iter().map(|&(_, z)| z).collect();
        let dispositifs_of = index.reached_by_each(&named);
        let date = territory.date;
        let mut held: Vec<(usize, ZoneRef)> = Vec::new();
        for (i, a) in territory.actions.iter().enumerate() {
            if date.is_none_or(|d| a.validity.contains(d)) {
                held.extend(a.zones.iter().map(|&z| (i, z)));
            }
        }
        let named: Vec<ZoneRef> = held.iter().map(|&(_, z)| z).collect();
        let actions_of = index.reached_by_each(&named);
        Self {
            served,
            dispositifs_of,
            held,
            actions_of,
        }
    }

    /// The dispositifs serving zone `i` and the actions held in it, by index, once each.
    fn of_zone(&self, i: usize) -> (Vec<usize>, Vec<usize>) {
        let mut dispositifs: Vec<usize> = self.dispositifs_of[i]
            .iter()
            .map(|&j| self.served[j].0)
            .collect();
        dispositifs.sort_unstable();
        dispositifs.dedup();
        let mut actions: Vec<usize> = self.actions_of[i].iter().map(|&j| self.held[j].0).collect();
        actions.sort_unstable();
        actions.dedup();
        (dispositifs, actions)
    }
}

/// What every zone's row shares: the same kind and sector keys in every zone, and the
/// priority layers' outlines.
struct ZoneRows<'t> {
    kinds: BTreeSet<String>,
    sectors: BTreeSet<String>,
    priority_indexes: Vec<ZoneIndex<'t>>,
}

impl<'t> ZoneRows<'t> {
    fn new(territory: &'t Territory, counts: &[ZoneCounts]) -> Self {
        Self {
            kinds: counts
                .iter()
                .flat_map(|c| c.by_kind.keys().cloned())
                .chain(territory.analysis.required.iter().cloned())
                .collect(),
            sectors: counts
                .iter()
                .flat_map(|c| c.by_sector.keys().cloned())
                .collect(),
            priority_indexes: territory
                .layers
                .iter()
                .filter(|l| l.priority)
                .map(ZoneIndex::new)
                .collect(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        territory: &Territory,
        layer: LayerIx,
        i: usize,
        p: f64,
        c: &ZoneCounts,
        access: &AccessFigures,
        reached: &ServedAndHeld,
    ) -> ZoneIndicators {
        let zone = &territory.layer(layer).zones[i];
        let count_by_kind: BTreeMap<String, u32> = self
            .kinds
            .iter()
            .map(|k| (k.clone(), c.by_kind.get(k).copied().unwrap_or(0)))
            .collect();
        let density = count_by_kind
            .iter()
            .map(|(k, &n)| {
                let d = (p > 0.0).then(|| f64::from(n) / p * PER_INHABITANTS);
                (k.clone(), d)
            })
            .collect();
        let (dispositifs, actions) = reached.of_zone(i);
        let zone_ref = ZoneRef {
            layer,
            zone: ZoneIx(i as u32),
        };
        let at = |figures: &BTreeMap<&str, Vec<f64>>| {
            figures
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v[i]))
                .collect()
        };
        ZoneIndicators {
            id: zone.id.clone(),
            name: zone.name.clone(),
            population: p,
            demand: zone.demand.map(|d| d.weighted),
            priority: is_priority(territory, zone_ref, &self.priority_indexes),
            actors: c.total,
            count_by_sector: self
                .sectors
                .iter()
                .map(|s| (s.clone(), c.by_sector.get(s).copied().unwrap_or(0)))
                .collect(),
            count_by_kind,
            density,
            access: at(&access.access),
            access_accepting: at(&access.access_accepting),
            nearest_m: access
                .nearest
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v[i]))
                .collect(),
            overlap: dispositifs.len(),
            dispositifs: dispositifs
                .into_iter()
                .map(|a| territory.actors[a].id.clone())
                .collect(),
            actions: actions
                .into_iter()
                .map(|a| territory.actions[a].id.clone())
                .collect(),
        }
    }
}

/// The indicators of a zone as (name, value) pairs, in a fixed order.
fn indicator_values(z: &ZoneIndicators) -> Vec<(String, Option<f64>)> {
    let mut v = vec![("actors".to_owned(), Some(f64::from(z.actors)))];
    v.extend(
        z.count_by_kind
            .iter()
            .map(|(k, &n)| (format!("count[{k}]"), Some(f64::from(n)))),
    );
    v.extend(
        z.count_by_sector
            .iter()
            .map(|(s, &n)| (format!("count_sector[{s}]"), Some(f64::from(n)))),
    );
    v.extend(z.density.iter().map(|(k, &d)| (format!("density[{k}]"), d)));
    v.extend(
        z.access
            .iter()
            .map(|(k, &a)| (format!("access[{k}]"), Some(a))),
    );
    v.extend(
        z.access_accepting
            .iter()
            .map(|(k, &a)| (format!("access_accepting[{k}]"), Some(a))),
    );
    v.extend(
        z.nearest_m
            .iter()
            .map(|(k, &d)| (format!("nearest_m[{k}]"), d)),
    );
    v.push(("overlap".to_owned(), Some(z.overlap as f64)));
    v.push(("actions".to_owned(), Some(z.actions.len() as f64)));
    v
}

/// Population-weighted means of every indicator over priority zones and the others.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::spatial::{compare_priority, zone_coverage};
/// let coverage = zone_coverage(&territory, territory.analysis.coverage_layer);
/// let c = compare_priority(&coverage.zones);
/// assert_eq!(c.priority_zones + c.other_zones, 24);
/// let overlap = c.indicators.iter().find(|i| i.indicator == "overlap").unwrap();
/// assert!(overlap.priority.unwrap() > overlap.other.unwrap()); // the ASV serves the QPV
/// ```
pub fn compare_priority(zones: &[ZoneIndicators]) -> PriorityComparison {
    let side_population = |priority: bool| {
        zones
            .iter()
            .filter(|z| z.priority == priority)
            // fold from +0.0: an empty f64 sum is -0.0, which reads "-0" in a table
            .fold(0.0, |total, z| total + z.population)
    };
    PriorityComparison {
        priority_zones: zones.iter().filter(|z| z.priority).count(),
        other_zones: zones.iter().filter(|z| !z.priority).count(),
        priority_population: side_population(true),
        other_population: side_population(false),
        indicators: priority_means(zones.iter().map(|z| (z, indicator_values(z)))),
    }
}

/// The population-weighted mean Σ P_z·x_z / Σ P_z of each named value over the
/// priority zones and over the others, and how many zones of each side have a value:
/// the one computation of [`compare_priority`] and of the declared indicators
/// (`declared::declared_indicators`). Names keep the order they first come in.
pub(super) fn priority_means<'z>(
    zones: impl Iterator<Item = (&'z ZoneIndicators, Vec<(String, Option<f64>)>)>,
) -> Vec<IndicatorComparison> {
    // (Σ P·x, Σ P, zones with a value) per indicator and side
    let mut sums: IndexMap<String, [(f64, f64, usize); 2]> = IndexMap::new();
    for (z, values) in zones {
        let side = usize::from(!z.priority);
        for (name, value) in values {
            let sum = &mut sums.entry(name).or_insert([(0.0, 0.0, 0); 2])[side];
            if let Some(x) = value {
                sum.2 += 1;
                if z.population > 0.0 {
                    sum.0 += z.population * x;
                    sum.1 += z.population;
                }
            }
        }
    }
    let mean = |(sx, sp, _): (f64, f64, usize)| (sp > 0.0).then(|| sx / sp);
    sums.into_iter()
        .map(|(indicator, [p, o])| IndicatorComparison {
            indicator,
            priority: mean(p),
            other: mean(o),
            priority_with_value: p.2,
            other_with_value: o.2,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(priority: bool, population: f64, overlap: usize) -> ZoneIndicators {
        ZoneIndicators {
            id: String::new(),
            name: String::new(),
            population,
            demand: None,
            priority,
            actors: 0,
            count_by_kind: BTreeMap::new(),
            count_by_sector: BTreeMap::new(),
            density: BTreeMap::from([("x".to_owned(), (population > 0.0).then_some(1.0))]),
            access: BTreeMap::new(),
            access_accepting: BTreeMap::new(),
            nearest_m: BTreeMap::new(),
            dispositifs: Vec::new(),
            overlap,
            actions: Vec::new(),
        }
    }

    #[test]
    fn weighs_each_zone_by_its_population() {
        let zones = [
            zone(true, 1000.0, 3),
            zone(false, 1000.0, 1),
            zone(false, 3000.0, 2),
            zone(false, 0.0, 10),
        ];
        let c = compare_priority(&zones);
        assert_eq!((c.priority_zones, c.other_zones), (1, 3));
        assert_eq!(c.other_population, 4000.0);
        let overlap = c
            .indicators
            .iter()
            .find(|i| i.indicator == "overlap")
            .unwrap();
        assert_eq!(overlap.priority, Some(3.0));
        assert_eq!(overlap.other, Some(1.75)); // (1000 + 6000) / 4000
                                               // the zone without population has a value, and weighs nothing
        assert_eq!(
            (overlap.priority_with_value, overlap.other_with_value),
            (1, 3)
        );
        let density = &c.indicators[1];
        assert_eq!(density.indicator, "density[x]");
        assert_eq!(density.other, Some(1.0));
    }

    #[test]
    fn a_side_without_zones_has_a_population_of_plus_zero() {
        let c = compare_priority(&[zone(true, 1000.0, 3)]);
        assert_eq!(c.other_zones, 0);
        assert!(c.other_population == 0.0 && c.other_population.is_sign_positive());
    }
}
