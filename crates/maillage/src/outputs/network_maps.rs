//! GeoJSON maps of the network (docs/outputs.md "GeoJSON"): `actors.geojson`, one
//! point per located actor, and `network.geojson`, one line per tie between two located
//! actors; RFC 7946 (WGS84, 6 decimals, no `crs`, numbers as numbers), simplestyle keys
//! for geojson.io and uMap, and a legend as a foreign member.
//!
//! Privacy (docs/outputs.md "Privacy"): an actor of family `professional` (one person)
//! is shown only when the caller asks (`include_individuals`); a tie with a hidden end
//! is dropped with it.

use super::maps::{round6, write_collection_end, write_collection_start};
use super::style::Palettes;
use crate::diagnosis::Diagnosis;
use crate::model::{Actor, ActorIx, LonLat, RelationKind, Territory};
use crate::network::analysis::{ActorMetrics, NetworkReport};
use crate::network::{Tie, Ties};
use geojson::{JsonObject, JsonValue};
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

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

/// Where the properties of a feature go, one at a time and in order: a JSON object in
/// memory (the features callers get), or straight into the file as serde_json writes
/// that object (each value serialised by serde_json alone), so that both hold the same
/// properties from the same code.
trait Properties {
    fn text(&mut self, key: &str, value: &str);
    fn opt_text(&mut self, key: &str, value: Option<&str>);
    fn texts(&mut self, key: &str, values: &[&str]);
    fn number(&mut self, key: &str, value: f64);
    fn opt_number(&mut self, key: &str, value: Option<f64>);
    fn opt_count(&mut self, key: &str, value: Option<usize>);
    fn flag(&mut self, key: &str, value: bool);
}

impl Properties for JsonObject {
    fn text(&mut self, key: &str, value: &str) {
        self.insert(key.into(), json!(value));
    }
    fn opt_text(&mut self, key: &str, value: Option<&str>) {
        self.insert(key.into(), json!(value));
    }
    fn texts(&mut self, key: &str, values: &[&str]) {
        self.insert(key.into(), json!(values));
    }
    fn number(&mut self, key: &str, value: f64) {
        self.insert(key.into(), json!(value));
    }
    fn opt_number(&mut self, key: &str, value: Option<f64>) {
        self.insert(key.into(), json!(value));
    }
    fn opt_count(&mut self, key: &str, value: Option<usize>) {
        self.insert(key.into(), json!(value));
    }
    fn flag(&mut self, key: &str, value: bool) {
        self.insert(key.into(), json!(value));
    }
}

/// A feature's properties written as serde_json writes a [`JsonObject`] of them:
/// `"key":value` pairs, comma-separated, no space.
struct WrittenProperties<'b> {
    out: &'b mut Vec<u8>,
    first: bool,
}

impl WrittenProperties<'_> {
    fn pair(&mut self, key: &str, value: &(impl Serialize + ?Sized)) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        json_to(self.out, key);
        self.out.push(b':');
        json_to(self.out, value);
    }
}

/// Appends a value as serde_json writes it.
fn json_to(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) {
    // Strings, numbers, flags and lists of them always serialise, and into memory.
    let _ = serde_json::to_writer(out, value);
}

impl Properties for WrittenProperties<'_> {
    fn text(&mut self, key: &str, value: &str) {
        self.pair(key, value);
    }
    fn opt_text(&mut self, key: &str, value: Option<&str>) {
        self.pair(key, &value);
    }
    fn texts(&mut self, key: &str, values: &[&str]) {
        self.pair(key, values);
    }
    fn number(&mut self, key: &str, value: f64) {
        self.pair(key, &value);
    }
    fn opt_number(&mut self, key: &str, value: Option<f64>) {
        self.pair(key, &value);
    }
    fn opt_count(&mut self, key: &str, value: Option<usize>) {
        self.pair(key, &value);
    }
    fn flag(&mut self, key: &str, value: bool) {
        self.pair(key, &value);
    }
}

/// A feature of points or lines, made for a [`FeatureCollection`] or written.
trait FeatureSource {
    /// The item each feature is made of.
    type Item;
    /// The positions: one for a Point, several for a LineString.
    fn positions(&self, item: &Self::Item) -> Vec<[f64; 2]>;
    /// The properties, in order.
    fn properties(&self, item: &Self::Item, p: &mut dyn Properties);

    /// Appends the feature as serde_json writes [`FeatureSource::feature`].
    fn write_feature(&self, item: &Self::Item, out: &mut Vec<u8>) {
        out.extend_from_slice(br#"{"type":"Feature","geometry":{"type":""#);
        let positions = self.positions(item);
        let position = |out: &mut Vec<u8>, [x, y]: [f64; 2]| {
            out.push(b'[');
            json_to(out, &x);
            out.push(b',');
            json_to(out, &y);
            out.push(b']');
        };
        match positions.as_slice() {
            [p] => {
                out.extend_from_slice(br#"Point","coordinates":"#);
                position(out, *p);
            }
            line => {
                out.extend_from_slice(br#"LineString","coordinates":["#);
                for (i, p) in line.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    position(out, *p);
                }
                out.push(b']');
            }
        }
        out.extend_from_slice(br#"},"properties":{"#);
        self.properties(item, &mut WrittenProperties { out, first: true });
        out.extend_from_slice(b"}}");
    }
}

/// Writes a collection of features one at a time, each made into `buf` and written.
fn write_features<W: Write, S: FeatureSource>(
    out: &mut W,
    source: &S,
    items: impl Iterator<Item = S::Item>,
    foreign_members: &JsonObject,
) -> io::Result<()> {
    write_collection_start(out)?;
    let mut buf = Vec::new();
    for (i, item) in items.enumerate() {
        buf.clear();
        if i > 0 {
            buf.push(b',');
        }
        source.write_feature(&item, &mut buf);
        out.write_all(&buf)?;
    }
    write_collection_end(out, foreign_members)
}

/// The foreign members of a map: `name` and `legend`.
fn foreign_members(name: String, legend: &CategoryLegend) -> JsonObject {
    let mut foreign = JsonObject::new();
    foreign.insert("name".into(), json!(name));
    foreign.insert(
        "legend".into(),
        serde_json::to_value(legend).unwrap_or(JsonValue::Null),
    );
    foreign
}

/// Writes `actors.geojson` ([`actors_geojson`]) to `out`, one actor at a time.
pub(crate) fn write_actors_geojson<W: Write>(
    territory: &Territory,
    report: &NetworkReport,
    include_individuals: bool,
    out: &mut W,
) -> io::Result<()> {
    let map = ActorsMap::new(territory, report, include_individuals);
    write_features(out, &map, map.shown(), &map.foreign_members())
}

/// What every feature of `actors.geojson` reads, found once.
struct ActorsMap<'a> {
    territory: &'a Territory,
    include_individuals: bool,
    metrics: HashMap<&'a str, &'a ActorMetrics>,
    palettes: Palettes,
    median: Option<f64>,
}

impl<'a> ActorsMap<'a> {
    fn new(territory: &'a Territory, report: &'a NetworkReport, include_individuals: bool) -> Self {
        Self {
            territory,
            include_individuals,
            metrics: report
                .actor_metrics
                .iter()
                .map(|m| (m.id.as_str(), m))
                .collect(),
            palettes: Palettes::builtin(),
            median: broker_median(report),
        }
    }

    /// The actors shown, in bundle order.
    fn shown(&self) -> impl Iterator<Item = &'a Actor> + '_ {
        let include_individuals = self.include_individuals;
        self.territory
            .actors
            .iter()
            .filter(move |a| shown(a, include_individuals))
    }

    /// `name`, and the legend of the sectors shown.
    fn foreign_members(&self) -> JsonObject {
        foreign_members(format!("{} : acteurs", self.territory.name), &self.legend())
    }

    /// The legend of the sectors shown: the colour of each.
    fn legend(&self) -> CategoryLegend {
        let sectors_shown: BTreeSet<&str> = self.shown().map(|a| a.sector.as_str()).collect();
        CategoryLegend {
            title: "Secteurs".to_owned(),
            property: "sector".to_owned(),
            items: self
                .territory
                .taxonomy
                .sectors
                .iter()
                .filter(|(id, _)| sectors_shown.contains(id.as_str()))
                .map(|(id, s)| LegendItem {
                    value: json!(id),
                    label: s.label.clone(),
                    color: self.palettes.sector_color(id).to_owned(),
                })
                .collect(),
        }
    }
}

impl<'a> FeatureSource for ActorsMap<'a> {
    type Item = &'a Actor;

    fn positions(&self, a: &&'a Actor) -> Vec<[f64; 2]> {
        // Shown actors are located.
        let p = a.location.unwrap_or(LonLat { lon: 0.0, lat: 0.0 });
        vec![[round6(p.lon), round6(p.lat)]]
    }

    fn properties(&self, a: &&'a Actor, p: &mut dyn Properties) {
        let a = *a;
        let taxonomy = &self.territory.taxonomy;
        let palettes = &self.palettes;
        let m = self.metrics.get(a.id.as_str());
        let kind_label = taxonomy.kind(&a.kind).map(|k| k.label.as_str());
        let sector_label = taxonomy
            .sector(&a.sector)
            .map_or(a.sector.as_str(), |s| s.label.as_str());
        let themes: Vec<&str> = a.themes.iter().map(|t| t.label()).collect();
        p.text("id", &a.id);
        p.text("name", &a.name);
        p.text("kind", &a.kind);
        p.opt_text("kind_label", kind_label);
        p.text("sector", &a.sector);
        p.texts("themes", &themes);
        p.opt_count("degree", m.map(|m| m.degree));
        p.opt_number("betweenness", m.map(|m| m.betweenness));
        p.text("marker-color", palettes.sector_color(&a.sector));
        let symbol = FAMILY_SYMBOLS
            .iter()
            .find(|(f, _)| *f == a.family)
            .map_or(OTHER_SYMBOL, |(_, s)| s);
        p.text("marker-symbol", symbol);
        p.text(
            "marker-size",
            marker_size(m.map(|m| m.betweenness), self.median),
        );
        p.text("title", &a.name);
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
        p.text("description", &description.join("\n"));
    }
}

/// Writes `network.geojson` ([`network_geojson`]) to `out`, one tie at a time.
pub(crate) fn write_network_geojson<W: Write>(
    territory: &Territory,
    diagnosis: &Diagnosis,
    include_individuals: bool,
    out: &mut W,
) -> io::Result<()> {
    let map = NetworkMap::new(territory, diagnosis, include_individuals);
    write_features(out, &map, map.shown(), &map.foreign_members())
}

/// What every feature of `network.geojson` reads, found once.
struct NetworkMap<'a> {
    territory: &'a Territory,
    /// Whether each actor is shown, by index.
    shown: Vec<bool>,
    partition: &'a str,
    ties: &'a Ties,
    max_weight: f64,
}

impl<'a> NetworkMap<'a> {
    fn new(territory: &'a Territory, diagnosis: &'a Diagnosis, include_individuals: bool) -> Self {
        let ties = &diagnosis.ties;
        let report = &diagnosis.network;
        Self {
            territory,
            shown: territory
                .actors
                .iter()
                .map(|a| shown(a, include_individuals))
                .collect(),
            partition: report.partition.as_str(),
            max_weight: ties.max_weight(),
            ties,
        }
    }

    /// The ties whose two ends are shown.
    fn shown(&self) -> impl Iterator<Item = Tie> + '_ {
        self.ties
            .iter()
            .filter(|tie| self.shown[tie.a.index()] && self.shown[tie.b.index()])
    }

    /// `name`, and the legend of the two stroke colours.
    fn foreign_members(&self) -> JsonObject {
        foreign_members(format!("{} : réseau", self.territory.name), &self.legend())
    }

    /// The legend of the two stroke colours.
    fn legend(&self) -> CategoryLegend {
        CategoryLegend {
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
        }
    }
}

impl FeatureSource for NetworkMap<'_> {
    type Item = Tie;

    fn positions(&self, tie: &Tie) -> Vec<[f64; 2]> {
        let t = self.territory;
        // Shown actors are located.
        let at = |a: ActorIx| {
            let p = t.actor(a).location.unwrap_or(LonLat { lon: 0.0, lat: 0.0 });
            [round6(p.lon), round6(p.lat)]
        };
        vec![at(tie.a), at(tie.b)]
    }

    fn properties(&self, tie: &Tie, p: &mut dyn Properties) {
        let territory = self.territory;
        let (a, b) = (tie.a, tie.b);
        let (actor_a, actor_b) = (territory.actor(a), territory.actor(b));
        let weight = tie.weight;
        let edge_kinds: Vec<RelationKind> = tie.kinds().collect();
        let partition = self.partition;
        let (ga, gb) = (
            territory.group_of(a, partition),
            territory.group_of(b, partition),
        );
        let crosses = ga != gb;
        p.text("source", &actor_a.id);
        p.text("target", &actor_b.id);
        let kind_ids: Vec<&str> = edge_kinds.iter().map(|k| k.as_str()).collect();
        p.texts("kinds", &kind_ids);
        p.number("weight", weight);
        p.flag("crosses_groups", crosses);
        p.text(
            "stroke",
            if crosses {
                CROSSING_COLOR
            } else {
                WITHIN_COLOR
            },
        );
        let width = if self.max_weight > 0.0 {
            1.0 + 3.0 * weight / self.max_weight
        } else {
            1.0
        };
        p.number("stroke-width", (width * 100.0).round() / 100.0);
        p.number("stroke-opacity", 0.7);
        p.text("title", &format!("{} – {}", actor_a.name, actor_b.name));
        let relation_label = |k: RelationKind| {
            territory
                .taxonomy
                .relation_kinds
                .get(k.as_str())
                .map_or(k.as_str(), |l| l.label.as_str())
        };
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
        p.text(
            "description",
            &format!(
                "Relations : {}\nPoids : {}\nGroupes : {groups}",
                labels.join(", "),
                french_number(weight, if weight.fract() == 0.0 { 0 } else { 2 })
            ),
        );
    }
}

/// The features of a map as the GIS layers take them: each one's positions and
/// properties (the same as its GeoJSON feature's), in the map's order.
pub(crate) type MapFeatures = Vec<(Vec<[f64; 2]>, JsonObject)>;

fn features_of<S: FeatureSource>(source: &S, items: impl Iterator<Item = S::Item>) -> MapFeatures {
    items
        .map(|item| {
            let mut properties = JsonObject::new();
            source.properties(&item, &mut properties);
            (source.positions(&item), properties)
        })
        .collect()
}

/// The features of `actors.geojson` and its legend of sectors.
pub(crate) fn actor_features(
    territory: &Territory,
    report: &NetworkReport,
    include_individuals: bool,
) -> (MapFeatures, CategoryLegend) {
    let map = ActorsMap::new(territory, report, include_individuals);
    (features_of(&map, map.shown()), map.legend())
}

/// The features of `network.geojson` and its legend of ties.
pub(crate) fn tie_features(
    territory: &Territory,
    diagnosis: &Diagnosis,
    include_individuals: bool,
) -> (MapFeatures, CategoryLegend) {
    let map = NetworkMap::new(territory, diagnosis, include_individuals);
    (features_of(&map, map.shown()), map.legend())
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
