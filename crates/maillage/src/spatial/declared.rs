//! The declared indicators of the coverage layer (docs/analyses.md §2, "Declared zone
//! indicators"): each one's population-weighted mean over the priority zones and over
//! the others, and the zones ranked from the worst off, with what serves them beside.

use super::zone_coverage::{priority_means, IndicatorComparison, ZoneIndicators};
use crate::model::{Better, Layer};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// One declared indicator of the coverage layer, compared and ranked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeclaredIndicator {
    /// The property of the layer's features holding the value.
    pub property: String,
    /// Its label, as declared.
    pub label: String,
    /// Its unit, when declared.
    pub unit: Option<String>,
    /// Whether a higher value is better.
    pub better: Better,
    /// Priority zones against the others: population-weighted means and the zones of
    /// each side with a value (`indicator` is the property).
    pub comparison: IndicatorComparison,
    /// The zones with a value, the worst off first (the highest value when a lower one
    /// is better, the lowest when a higher one is), equal values in the order of their
    /// zone ids.
    pub ranking: Vec<RankedZone>,
    /// The ids of the zones without a value, in file order: left out of the ranking.
    pub without_value: Vec<String>,
}

/// A zone in the ranking of a declared indicator, with its priority status and what
/// serves it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedZone {
    /// 1 for the worst-off zone, then 2, 3... (no two zones share a rank).
    pub rank: usize,
    /// The zone's index in [`Coverage::zones`](super::Coverage::zones).
    pub zone: usize,
    /// Zone id.
    pub id: String,
    /// Zone name.
    pub name: String,
    /// Whether it is a priority zone.
    pub priority: bool,
    /// Its population (0 when the layer gives none).
    pub population: f64,
    /// The indicator's value.
    pub value: f64,
    /// Located actors in the zone.
    pub actors: u32,
    /// Located actors of each required kind.
    pub count: BTreeMap<String, u32>,
    /// Access to each required kind (per 10,000 inhabitants, as
    /// [`ZoneIndicators::access`]).
    pub access: BTreeMap<String, f64>,
}

/// The declared indicators of `layer` (in manifest order), compared between priority
/// zones and the others with [`compare_priority`](super::compare_priority)'s means, and
/// ranked from the worst-off zone.
///
/// # Arguments
/// * `layer`: the coverage layer, whose zones hold the values.
/// * `zones`: its coverage, one entry per zone in file order.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::spatial::{declared_indicators, zone_coverage};
/// let layer = territory.analysis.coverage_layer;
/// let coverage = zone_coverage(&territory, layer);
/// let declared = declared_indicators(territory.layer(layer), &coverage.zones);
/// let tchom = &declared[0]; // unemployment, better lower: the highest rate first
/// assert_eq!((tchom.ranking[0].name.as_str(), tchom.ranking[0].value), ("Cite-Jardin", 22.3));
/// assert!(tchom.comparison.priority.unwrap() > tchom.comparison.other.unwrap());
/// ```
pub fn declared_indicators(layer: &Layer, zones: &[ZoneIndicators]) -> Vec<DeclaredIndicator> {
    let value = |i: usize, property: &str| {
        layer
            .zones
            .get(i)
            .and_then(|z| z.indicators.get(property).copied().flatten())
    };
    let comparisons = priority_means(zones.iter().enumerate().map(|(i, z)| {
        let values = layer
            .indicators
            .iter()
            .map(|d| (d.property.clone(), value(i, &d.property)))
            .collect();
        (z, values)
    }));
    layer
        .indicators
        .iter()
        .zip(comparisons)
        .map(|(d, comparison)| {
            let mut valued: Vec<(usize, f64)> = (0..zones.len())
                .filter_map(|i| value(i, &d.property).map(|v| (i, v)))
                .collect();
            valued.sort_by(|&(i, x), &(j, y)| {
                worse_first(d.better, x, y).then_with(|| zones[i].id.cmp(&zones[j].id))
            });
            let ranking = valued
                .into_iter()
                .enumerate()
                .map(|(r, (i, v))| ranked(r + 1, i, &zones[i], v))
                .collect();
            let without_value = (0..zones.len())
                .filter(|&i| value(i, &d.property).is_none())
                .map(|i| zones[i].id.clone())
                .collect();
            DeclaredIndicator {
                property: d.property.clone(),
                label: d.label.clone(),
                unit: d.unit.clone(),
                better: d.better,
                comparison,
                ranking,
                without_value,
            }
        })
        .collect()
}

/// The order that puts the worse of two values first.
fn worse_first(better: Better, x: f64, y: f64) -> Ordering {
    match better {
        Better::Lower => y.total_cmp(&x),
        Better::Higher => x.total_cmp(&y),
    }
}

fn ranked(rank: usize, zone: usize, z: &ZoneIndicators, value: f64) -> RankedZone {
    RankedZone {
        rank,
        zone,
        id: z.id.clone(),
        name: z.name.clone(),
        priority: z.priority,
        population: z.population,
        value,
        actors: z.actors,
        // the required kinds: those with an access figure
        count: z
            .access
            .keys()
            .map(|k| (k.clone(), z.count_by_kind.get(k).copied().unwrap_or(0)))
            .collect(),
        access: z.access.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, LonLat, Zone};

    fn zone(id: &str, priority: bool, population: f64) -> ZoneIndicators {
        ZoneIndicators {
            id: id.to_owned(),
            name: id.to_uppercase(),
            population,
            demand: None,
            priority,
            actors: 2,
            count_by_kind: BTreeMap::from([("mg".to_owned(), 1), ("other".to_owned(), 1)]),
            count_by_sector: BTreeMap::new(),
            density: BTreeMap::new(),
            access: BTreeMap::from([("mg".to_owned(), 0.5)]),
            access_accepting: BTreeMap::new(),
            nearest_m: BTreeMap::new(),
            dispositifs: Vec::new(),
            overlap: 0,
            actions: Vec::new(),
        }
    }

    fn layer(values: &[Option<f64>], better: Better) -> Layer {
        Layer {
            name: "iris".into(),
            file: String::new(),
            priority: false,
            zones: values
                .iter()
                .enumerate()
                .map(|(i, v)| Zone {
                    id: format!("z{i}"),
                    name: String::new(),
                    population: None,
                    geometry: geo::MultiPolygon(Vec::new()),
                    anchor: LonLat { lon: 0.0, lat: 0.0 },
                    properties: serde_json::Map::new(),
                    feature: i,
                    indicators: BTreeMap::from([("x".to_owned(), *v)]),
                    demand: None,
                })
                .collect(),
            indicators: vec![Indicator {
                property: "x".into(),
                label: "X".into(),
                unit: None,
                better,
            }],
            demand: None,
        }
    }

    /// Five zones: z0 and z3 tie at 5, z2 has no value, z4 is the priority zone.
    fn five(better: Better) -> DeclaredIndicator {
        let values = [Some(5.0), Some(1.0), None, Some(5.0), Some(9.0)];
        let zones: Vec<ZoneIndicators> = (0..5)
            .map(|i| zone(&format!("z{i}"), i == 4, 1000.0 * (i + 1) as f64))
            .collect();
        declared_indicators(&layer(&values, better), &zones).remove(0)
    }

    fn order(d: &DeclaredIndicator) -> Vec<&str> {
        d.ranking.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn ranks_the_worst_off_first_ties_by_zone_id() {
        let lower = five(Better::Lower);
        assert_eq!(order(&lower), ["z4", "z0", "z3", "z1"]);
        assert_eq!(
            lower.ranking.iter().map(|r| r.rank).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        let higher = five(Better::Higher);
        assert_eq!(order(&higher), ["z1", "z0", "z3", "z4"]);
        for d in [&lower, &higher] {
            assert_eq!(d.without_value, ["z2"]);
        }
    }

    #[test]
    fn compares_priority_zones_weighted_by_population() {
        let d = five(Better::Lower);
        let c = &d.comparison;
        assert_eq!(c.indicator, "x");
        assert_eq!(c.priority, Some(9.0));
        // (1000·5 + 2000·1 + 4000·5) / 7000; z2 (3000 inhabitants) has no value
        assert_eq!(c.other, Some(27_000.0 / 7000.0));
        assert_eq!((c.priority_with_value, c.other_with_value), (1, 3));
    }

    #[test]
    fn keeps_the_figures_of_the_required_kinds_beside_each_zone() {
        let d = five(Better::Lower);
        let first = &d.ranking[0];
        assert_eq!(
            (first.zone, first.priority, first.population),
            (4, true, 5000.0)
        );
        assert_eq!(first.count, BTreeMap::from([("mg".to_owned(), 1)]));
        assert_eq!(first.access["mg"], 0.5);
    }
}
