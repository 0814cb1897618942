//! GeoJSON maps of the network (spec/OUTPUTS.md "GeoJSON"): `actors.geojson`, one
//! point per located actor, and `network.geojson`, one line per tie between two located
//! actors; RFC 7946 (WGS84, 6 decimals, no `crs`, numbers as numbers), simplestyle keys
//! for geojson.io and uMap, and a legend as a foreign member.
//!
//! Privacy (spec/OUTPUTS.md "Privacy"): an actor of family `professional` (one person)
//! is shown only when the caller asks (`include_individuals`); a tie with a hidden end
//! is dropped with it.

use super::maps::round6;
use super::style::Palettes;
use crate::model::{Actor, ActorIx, RelationKind, Territory};
use crate::network::report::{ActorMetrics, NetworkReport};
use crate::network::Network;
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Maki icon (simplestyle `marker-symbol`) of each family of actors.
const FAMILY_SYMBOLS: &[(&str, &str)] = &[
    ("professional", "doctor"),
    ("structure", "building"),
    ("association", "heart"),
    ("institution", "town-hall"),
    ("dispositif", "star"),
    ("working_group", "circle-stroked"),
    ("population", "village"),
];

/// Icon of a family the table does not name.
const OTHER_SYMBOL: &str = "marker";

/// Colour of a tie between two groups of the partition (the ties the E-I index counts
/// as external), and of a tie inside one group.
const CROSSING_COLOR: &str = "#cc3311";
const WITHIN_COLOR: &str = "#7f7f7f";

/// A legend of categories: which colour stands for which value of a property.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryLegend {
    /// Title shown above the legend (French).
    pub title: String,
    /// The property the colours stand for.
    pub property: String,
    /// One entry per value, in display order.
    pub items: Vec<LegendItem>,
}

/// One entry of a [`CategoryLegend`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendItem {
    /// The property's value.
    pub value: JsonValue,
    /// What it means (French).
    pub label: String,
    /// Its colour, `#rrggbb`.
    pub color: String,
}

/// Whether a presentation output shows an actor: located, and not an individual unless
/// asked.
fn shown(actor: &Actor, include_individuals: bool) -> bool {
    actor.location.is_some() && (include_individuals || !actor.is_individual())
}

/// A number written the French way, with `decimals` decimals and a decimal comma.
fn french_number(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}").replace('.', ",")
}

/// The median of the positive betweenness values: actors above it get large markers.
fn broker_median(report: &NetworkReport) -> Option<f64> {
    let mut v: Vec<f64> = report
        .actor_metrics
        .iter()
        .map(|m| m.betweenness)
        .filter(|&b| b > 0.0)
        .collect();
    v.sort_by(f64::total_cmp);
    (!v.is_empty()).then(|| v[(v.len() - 1) / 2])
}

/// `marker-size` from betweenness: `small` when the actor brokers no path, `medium` up
/// to the median of the positive values, `large` above.
fn marker_size(betweenness: Option<f64>, median: Option<f64>) -> &'static str {
    match (betweenness, median) {
        (Some(b), Some(m)) if b > m => "large",
        (Some(b), _) if b > 0.0 => "medium",
        _ => "small",
    }
}

fn point(actor: &Actor) -> Option<Geometry> {
    actor
        .location
        .map(|p| Geometry::new_point([round6(p.lon), round6(p.lat)]))
}

fn collection(features: Vec<Feature>, name: String, legend: &CategoryLegend) -> FeatureCollection {
    let mut foreign = JsonObject::new();
    foreign.insert("name".into(), json!(name));
    foreign.insert(
        "legend".into(),
        serde_json::to_value(legend).unwrap_or(JsonValue::Null),
    );
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: Some(foreign),
    }
}

/// `actors.geojson`: one Point per located actor, in bundle order; an actor of family
/// `professional` only when `include_individuals`.
///
/// Properties, in this order: `id`, `name`, `kind`, `kind_label`, `sector`, `themes`
/// (array of strings), `degree`, `betweenness` (from the report; `null` for an actor it
/// does not hold), then the simplestyle keys: `marker-color` (the sector's colour of
/// `data/palettes.toml`), `marker-symbol` (a Maki icon by family: `doctor` for a
/// professional, `building` for a structure, `star` for a dispositif...),
/// `marker-size` (`small` for an actor on no shortest path, `medium` up to the median
/// of the positive betweenness values, `large` above), `title` (the name) and
/// `description` (kind, sector, themes, partners and betweenness, in French). The
/// collection's foreign members: `name`, and `legend`, a [`CategoryLegend`] of the
/// sectors shown with their French labels and colours, in taxonomy order.
///
/// # Arguments
/// * `territory`: the territory.
/// * `report`: its network report (figures matched to actors by id).
/// * `include_individuals`: show the actors of family `professional`.
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let d = maillage::Diagnosis::of(&territory);
/// let public = maillage::io::actors_geojson(&territory, &d.network, false);
/// let all = maillage::io::actors_geojson(&territory, &d.network, true);
/// assert!(public.features.len() < all.features.len());
/// let located = territory.actors.iter().filter(|a| a.location.is_some()).count();
/// assert_eq!(all.features.len(), located);
/// assert!(public.foreign_members.unwrap().contains_key("legend"));
/// ```
pub fn actors_geojson(
    territory: &Territory,
    report: &NetworkReport,
    include_individuals: bool,
) -> FeatureCollection {
    let metrics: HashMap<&str, &ActorMetrics> = report
        .actor_metrics
        .iter()
        .map(|m| (m.id.as_str(), m))
        .collect();
    let palettes = Palettes::builtin();
    let taxonomy = &territory.taxonomy;
    let median = broker_median(report);
    let mut sectors_shown: BTreeSet<&str> = BTreeSet::new();
    let features = territory
        .actors
        .iter()
        .filter(|a| shown(a, include_individuals))
        .map(|a| {
            sectors_shown.insert(&a.sector);
            let m = metrics.get(a.id.as_str());
            let kind_label = taxonomy.kind(&a.kind).map(|k| k.label.as_str());
            let sector_label = taxonomy
                .sector(&a.sector)
                .map_or(a.sector.as_str(), |s| s.label.as_str());
            let themes: Vec<&str> = a.themes.iter().map(|t| t.label()).collect();
            let mut p = JsonObject::new();
            p.insert("id".into(), json!(a.id));
            p.insert("name".into(), json!(a.name));
            p.insert("kind".into(), json!(a.kind));
            p.insert("kind_label".into(), json!(kind_label));
            p.insert("sector".into(), json!(a.sector));
            p.insert("themes".into(), json!(themes));
            p.insert("degree".into(), json!(m.map(|m| m.degree)));
            p.insert("betweenness".into(), json!(m.map(|m| m.betweenness)));
            p.insert(
                "marker-color".into(),
                json!(palettes.sector_color(&a.sector)),
            );
            let symbol = FAMILY_SYMBOLS
                .iter()
                .find(|(f, _)| *f == a.family)
                .map_or(OTHER_SYMBOL, |(_, s)| s);
            p.insert("marker-symbol".into(), json!(symbol));
            p.insert(
                "marker-size".into(),
                json!(marker_size(m.map(|m| m.betweenness), median)),
            );
            p.insert("title".into(), json!(a.name));
            let mut description = vec![
                kind_label.unwrap_or(&a.kind).to_owned(),
                format!("Secteur : {sector_label}"),
            ];
            if !themes.is_empty() {
                description.push(format!("Thèmes : {}", themes.join(", ")));
            }
            if let Some(m) = m {
                description.push(format!("Partenaires directs : {}", m.degree));
                description.push(format!(
                    "Intermédiarité : {}",
                    french_number(m.betweenness, 3)
                ));
            }
            p.insert("description".into(), json!(description.join("\n")));
            Feature {
                bbox: None,
                geometry: point(a),
                id: None,
                properties: Some(p),
                foreign_members: None,
            }
        })
        .collect();
    let legend = CategoryLegend {
        title: "Secteurs".to_owned(),
        property: "sector".to_owned(),
        items: taxonomy
            .sectors
            .iter()
            .filter(|(id, _)| sectors_shown.contains(id.as_str()))
            .map(|(id, s)| LegendItem {
                value: json!(id),
                label: s.label.clone(),
                color: palettes.sector_color(id).to_owned(),
            })
            .collect(),
    };
    collection(features, format!("{} : acteurs", territory.name), &legend)
}

/// `network.geojson`: one LineString per edge of the network (the undirected projection
/// of the relations valid on the report's date), from the actor of smaller bundle index
/// to the other, in that order, when both ends are located and shown (an edge to a
/// hidden `professional` is dropped unless `include_individuals`).
///
/// Properties, in this order: `source`, `target` (actor ids), `kinds` (ids of the
/// relation kinds between the two on the date, in the order of the bundle format),
/// `weight` (the summed relation weights), `crosses_groups` (whether the two ends are
/// in different groups of the report's partition), then the simplestyle keys: `stroke`
/// (red across groups, grey inside one), `stroke-width` (1 to 4 px: 1 + 3·weight / the
/// largest weight of the network), `stroke-opacity`, `title` (the two names) and
/// `description` (relation kinds, weight and groups, in French). Foreign members:
/// `name`, and `legend`, a [`CategoryLegend`] of the two stroke colours.
///
/// # Arguments
/// * `territory`: the territory.
/// * `report`: its network report (its date and partition).
/// * `include_individuals`: show the ties of the actors of family `professional`.
///
/// # Complexity
/// O(r log r) for r relations (the projection is made again on the report's date).
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let d = maillage::Diagnosis::of(&territory);
/// let public = maillage::io::network_geojson(&territory, &d.network, false);
/// let all = maillage::io::network_geojson(&territory, &d.network, true);
/// assert!(!public.features.is_empty());
/// assert!(public.features.len() < all.features.len());
/// assert!(all.features.len() <= d.network.edges);
/// ```
pub fn network_geojson(
    territory: &Territory,
    report: &NetworkReport,
    include_individuals: bool,
) -> FeatureCollection {
    let network = Network::project(territory, report.date);
    let mut kinds: BTreeMap<(u32, u32), BTreeSet<RelationKind>> = BTreeMap::new();
    for r in &territory.relations {
        if r.source == r.target || report.date.is_some_and(|d| !r.validity.contains(d)) {
            continue;
        }
        let key = (r.source.0.min(r.target.0), r.source.0.max(r.target.0));
        kinds.entry(key).or_default().insert(r.kind);
    }
    let max_weight = network
        .graph
        .edge_references()
        .map(|e| *e.weight())
        .fold(0.0_f64, f64::max);
    let partition = report.partition.as_str();
    let relation_label = |k: RelationKind| {
        territory
            .taxonomy
            .relation_kinds
            .get(k.as_str())
            .map_or(k.as_str(), |l| l.label.as_str())
    };
    let features = network
        .graph
        .edge_references()
        .filter_map(|e| {
            let (a, b) = {
                let (u, v) = (e.source().index() as u32, e.target().index() as u32);
                (ActorIx(u.min(v)), ActorIx(u.max(v)))
            };
            let (actor_a, actor_b) = (territory.actor(a), territory.actor(b));
            if !shown(actor_a, include_individuals) || !shown(actor_b, include_individuals) {
                return None;
            }
            let (pa, pb) = (actor_a.location?, actor_b.location?);
            let weight = *e.weight();
            let edge_kinds: Vec<RelationKind> = kinds
                .get(&(a.0, b.0))
                .map(|k| k.iter().copied().collect())
                .unwrap_or_default();
            let (ga, gb) = (
                territory.group_of(a, partition),
                territory.group_of(b, partition),
            );
            let crosses = ga != gb;
            let mut p = JsonObject::new();
            p.insert("source".into(), json!(actor_a.id));
            p.insert("target".into(), json!(actor_b.id));
            p.insert(
                "kinds".into(),
                json!(edge_kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>()),
            );
            p.insert("weight".into(), json!(weight));
            p.insert("crosses_groups".into(), json!(crosses));
            p.insert(
                "stroke".into(),
                json!(if crosses {
                    CROSSING_COLOR
                } else {
                    WITHIN_COLOR
                }),
            );
            let width = if max_weight > 0.0 {
                1.0 + 3.0 * weight / max_weight
            } else {
                1.0
            };
            p.insert(
                "stroke-width".into(),
                json!((width * 100.0).round() / 100.0),
            );
            p.insert("stroke-opacity".into(), json!(0.7));
            p.insert(
                "title".into(),
                json!(format!("{} – {}", actor_a.name, actor_b.name)),
            );
            let labels: Vec<&str> = edge_kinds.iter().map(|&k| relation_label(k)).collect();
            let groups = if crosses {
                format!(
                    "{} / {}",
                    territory.group_label(partition, ga),
                    territory.group_label(partition, gb)
                )
            } else {
                territory.group_label(partition, ga).to_owned()
            };
            p.insert(
                "description".into(),
                json!(format!(
                    "Relations : {}\nPoids : {}\nGroupes : {groups}",
                    labels.join(", "),
                    french_number(weight, if weight.fract() == 0.0 { 0 } else { 2 })
                )),
            );
            Some(Feature {
                bbox: None,
                geometry: Some(Geometry::new_line_string([
                    [round6(pa.lon), round6(pa.lat)],
                    [round6(pb.lon), round6(pb.lat)],
                ])),
                id: None,
                properties: Some(p),
                foreign_members: None,
            })
        })
        .collect();
    let legend = CategoryLegend {
        title: "Liens".to_owned(),
        property: "crosses_groups".to_owned(),
        items: vec![
            LegendItem {
                value: json!(true),
                label: "Entre groupes différents".to_owned(),
                color: CROSSING_COLOR.to_owned(),
            },
            LegendItem {
                value: json!(false),
                label: "Au sein d’un même groupe".to_owned(),
                color: WITHIN_COLOR.to_owned(),
            },
        ],
    };
    collection(features, format!("{} : réseau", territory.name), &legend)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_markers_by_brokerage() {
        assert_eq!(marker_size(Some(0.0), Some(0.1)), "small");
        assert_eq!(marker_size(Some(0.05), Some(0.1)), "medium");
        assert_eq!(marker_size(Some(0.1), Some(0.1)), "medium");
        assert_eq!(marker_size(Some(0.2), Some(0.1)), "large");
        assert_eq!(marker_size(None, Some(0.1)), "small");
    }

    #[test]
    fn writes_french_decimals() {
        assert_eq!(french_number(0.1234, 3), "0,123");
        assert_eq!(french_number(2.0, 0), "2");
    }
}
