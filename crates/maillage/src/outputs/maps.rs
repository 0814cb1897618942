//! GeoJSON maps (RFC 7946) for QGIS, uMap, geojson.io and geopandas: WGS84, 6 decimals,
//! counter-clockwise exterior rings, no `crs`, numbers as numbers, simplestyle keys and
//! the legend as a foreign member (docs/outputs.md).

use super::confidentiality::{mapped_kinds, Suppression};
use super::style::{class_color, quantile_classes, Class, Palettes};
use super::write::OutputOptions;
use crate::diagnosis::Diagnosis;
use crate::model::Territory;
use geo::orient::{Direction, Orient};
use geo::{MapCoords, MultiPolygon};
use geojson::{Feature, Geometry, JsonObject, JsonValue};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use std::io::{self, Write};

/// Rounds a coordinate to 6 decimals (about 0.1 m), as RFC 7946 advises.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A zone outline as RFC 7946 wants it: exterior rings counter-clockwise, holes
/// clockwise, 6 decimals; a single polygon as a `Polygon`.
pub fn rfc7946_geometry(g: &MultiPolygon<f64>) -> Geometry {
    let g = rfc7946_outline(g);
    let value = if g.0.len() == 1 {
        geojson::GeometryValue::from(&g.0[0])
    } else {
        geojson::GeometryValue::from(&g)
    };
    Geometry::new(value)
}

/// A zone outline as `zones.geojson` writes it: 6 decimals, exterior rings
/// counter-clockwise, holes clockwise; the GIS layers write the same outline.
pub(crate) fn rfc7946_outline(g: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    g.map_coords(|c| geo::Coord {
        x: round6(c.x),
        y: round6(c.y),
    })
    .orient(Direction::Default)
}

/// The map's legend: which indicator colours the zones, and its classes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Legend {
    /// Title shown above the legend (French).
    pub title: String,
    /// The property mapped.
    pub property: String,
    /// Quantile classes, lowest first.
    pub classes: Vec<Class>,
    /// Colour of zones with no value.
    pub missing: String,
    /// The threshold under which counts are suppressed, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u64>,
}

impl Legend {
    /// The label of each class, lowest first, as the report's legend shows it (`0,5 à
    /// 1,2`, or one number when both ends read the same): the report and the QGIS styles
    /// of `diagnostic.gpkg` name the classes with these.
    pub fn class_labels(&self) -> Vec<String> {
        use super::report::text::{decimals_for, french_number};
        let bounds: Vec<f64> = self.classes.iter().flat_map(|c| [c.min, c.max]).collect();
        let decimals = decimals_for(
            &bounds,
            if bounds.iter().any(|b| b.abs() >= 100.0) {
                0
            } else {
                1
            },
        );
        self.classes
            .iter()
            .map(|c| {
                let (min, max) = (
                    french_number(c.min, decimals),
                    french_number(c.max, decimals),
                );
                if min == max {
                    min
                } else {
                    format!("{min} à {max}")
                }
            })
            .collect()
    }
}

/// How a suppressed count reads in a pop-up or a table.
pub(crate) const SECRET: &str = "secret statistique";

/// The names of the zone properties that depend on the territory (`count_<kind>`,
/// `density_<kind>`...), made once rather than for every zone.
struct ZoneKeys {
    /// (kind, `count_<kind>`) for the mapped kinds.
    counts: Vec<(String, String)>,
    /// The required kinds with their properties.
    required: Vec<RequiredKeys>,
    /// (sector, `count_<sector>`).
    sectors: Vec<(String, String)>,
}

struct RequiredKeys {
    kind: String,
    density: String,
    access: String,
    access_accepting: String,
    nearest: String,
}

impl ZoneKeys {
    fn new(territory: &Territory, kinds: &[String]) -> Self {
        Self {
            counts: kinds
                .iter()
                .map(|k| (k.clone(), format!("count_{k}")))
                .collect(),
            required: territory
                .analysis
                .required
                .iter()
                .map(|k| RequiredKeys {
                    kind: k.clone(),
                    density: format!("density_{k}"),
                    access: format!("access_{k}"),
                    access_accepting: format!("access_accepting_{k}"),
                    nearest: format!("nearest_m_{k}"),
                })
                .collect(),
            sectors: territory
                .taxonomy
                .sectors
                .keys()
                .map(|s| (s.clone(), format!("count_{s}")))
                .collect(),
        }
    }
}

/// Properties of one zone, in a fixed order so the output is byte-identical across runs:
/// id, name, population, priority, actors, `count_<kind>` for the mapped kinds,
/// `density_<k>`, `access_<k>`, `nearest_m_<k>` for the required kinds, `count_<sector>`,
/// overlap, dispositifs, actions, gaps, then the coverage layer's declared indicators
/// (docs/outputs.md).
fn zone_properties(
    territory: &Territory,
    diagnosis: &Diagnosis,
    i: usize,
    keys: &ZoneKeys,
    suppression: &Suppression,
    gaps: &ZoneGaps<'_>,
) -> JsonObject {
    let z = &diagnosis.coverage.zones[i];
    // A suppressed count (and its density) is written null.
    let count = |property: &str, value: JsonValue| {
        if suppression.is_suppressed(i, property) {
            JsonValue::Null
        } else {
            value
        }
    };
    let mut p = JsonObject::new();
    p.insert("id".into(), json!(z.id));
    p.insert("name".into(), json!(z.name));
    p.insert("population".into(), json!(z.population));
    if let Some(demand) = z.demand {
        p.insert("demand".into(), json!(demand));
    }
    p.insert("priority".into(), json!(z.priority));
    p.insert("actors".into(), count("actors", json!(z.actors)));
    for (k, property) in &keys.counts {
        let value = count(
            property,
            json!(z.count_by_kind.get(k).copied().unwrap_or(0)),
        );
        p.insert(property.clone(), value);
    }
    for r in &keys.required {
        let k = &r.kind;
        let value = count(&r.density, json!(z.density.get(k).copied().flatten()));
        p.insert(r.density.clone(), value);
        p.insert(r.access.clone(), json!(z.access.get(k)));
        if let Some(a) = z.access_accepting.get(k) {
            p.insert(r.access_accepting.clone(), json!(a));
        }
        p.insert(
            r.nearest.clone(),
            json!(z.nearest_m.get(k).copied().flatten()),
        );
    }
    for (s, property) in &keys.sectors {
        let value = count(
            property,
            json!(z.count_by_sector.get(s).copied().unwrap_or(0)),
        );
        p.insert(property.clone(), value);
    }
    p.insert("overlap".into(), json!(z.overlap));
    p.insert("dispositifs".into(), json!(z.dispositifs));
    p.insert("actions".into(), json!(z.actions));
    p.insert(
        "gaps".into(),
        json!(gaps.get(z.id.as_str()).map_or(&[][..], Vec::as_slice)),
    );
    if suppression.is_active() {
        p.insert(
            "suppressed".into(),
            json!(suppression.zone_has_suppressed(i)),
        );
    }
    let indicators = &territory.coverage_layer().indicators;
    if !indicators.is_empty() {
        let values = &territory.zone(diagnosis.zone_ref(territory, i)).indicators;
        for d in indicators {
            let value = values.get(&d.property).copied().flatten();
            p.insert(d.property.clone(), json!(value));
        }
    }
    p
}

/// The service gaps of the zones (`<gap>:<kind>`), by zone id, in the order of the
/// diagnosis: found once rather than by a pass over every gap for each zone.
type ZoneGaps<'d> = HashMap<&'d str, Vec<String>>;

fn zone_gaps(diagnosis: &Diagnosis) -> ZoneGaps<'_> {
    let mut gaps: ZoneGaps<'_> = HashMap::new();
    for g in &diagnosis.gaps.service {
        gaps.entry(g.zone.as_str())
            .or_default()
            .push(format!("{}:{}", g.gap.as_str(), g.kind));
    }
    gaps
}

/// The default indicator of the zone map: the access (2SFCA) of the first required
/// kind, else the number of located actors (docs/outputs.md).
pub fn default_indicator(territory: &Territory) -> String {
    territory
        .analysis
        .required
        .first()
        .map_or_else(|| "actors".to_owned(), |k| format!("access_{k}"))
}

/// The zone properties a map can be coloured by: the numeric properties of
/// `zones.geojson` (`population`, `actors`, `count_<kind>`, `density_<kind>`,
/// `access_<kind>`, `nearest_m_<kind>`, `count_<sector>`, `overlap`...), in their order.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let diagnosis = maillage::Diagnosis::of(&territory);
/// let names = maillage::outputs::zone_indicators(&territory, &diagnosis);
/// assert!(names.contains(&"access_medecin_generaliste".to_owned()));
/// assert!(!names.contains(&"name".to_owned()));
/// ```
pub fn zone_indicators(territory: &Territory, diagnosis: &Diagnosis) -> Vec<String> {
    let keys = ZoneKeys::new(territory, &mapped_kinds(territory, diagnosis));
    let none = Suppression::default();
    // The gaps are an array whatever they hold: none need be listed here.
    let no_gaps = ZoneGaps::new();
    let row = |i| zone_properties(territory, diagnosis, i, &keys, &none, &no_gaps);
    let zones = diagnosis.coverage.zones.len();
    if zones == 0 {
        return Vec::new();
    }
    // The first zone's properties, kept while every zone holds a number (or null) there;
    // one zone's properties at a time.
    let mut numeric: Vec<String> = row(0).keys().cloned().collect();
    for i in 0..zones {
        let r = row(i);
        numeric.retain(|k| r.get(k).is_some_and(|v| v.is_number() || v.is_null()));
    }
    numeric
}

/// Writes `zones.geojson` ([`zones_geojson`]) to `out`, one zone at a time.
pub(crate) fn write_zones_geojson<W: Write>(
    territory: &Territory,
    diagnosis: &Diagnosis,
    options: &OutputOptions,
    out: &mut W,
) -> io::Result<()> {
    let suppression = Suppression::of(territory, diagnosis, options.min_count);
    let indicator = options.indicators(territory).swap_remove(0);
    let map = ZonesMap::new(territory, diagnosis, &indicator, &suppression);
    write_feature_collection(out, map.features(), &map.foreign_members())
}

/// Writes a FeatureCollection one feature at a time, each serialised by serde_json as
/// it comes: the same bytes as serde_json gives for the [`FeatureCollection`] built
/// whole (`type`, `features`, then the foreign members in order).
pub(crate) fn write_feature_collection<W: Write>(
    out: &mut W,
    features: impl Iterator<Item = Feature>,
    foreign_members: &JsonObject,
) -> io::Result<()> {
    write_collection_start(out)?;
    for (i, feature) in features.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &feature)?;
    }
    write_collection_end(out, foreign_members)
}

/// Writes what a FeatureCollection's features follow.
pub(crate) fn write_collection_start<W: Write>(out: &mut W) -> io::Result<()> {
    out.write_all(br#"{"type":"FeatureCollection","features":["#)
}

/// Writes what follows a FeatureCollection's features: the end of the list, then the
/// foreign members in order.
pub(crate) fn write_collection_end<W: Write>(
    out: &mut W,
    foreign_members: &JsonObject,
) -> io::Result<()> {
    out.write_all(b"]")?;
    for (key, value) in foreign_members {
        out.write_all(b",")?;
        serde_json::to_writer(&mut *out, key)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut *out, value)?;
    }
    out.write_all(b"}")
}

/// `zones.geojson` coloured by one indicator, with the counts of a suppression hidden:
/// the classes are found first (from every zone's value), then each zone's feature is
/// made on demand, so that the collection is never held whole.
pub(crate) struct ZonesMap<'a> {
    territory: &'a Territory,
    diagnosis: &'a Diagnosis,
    suppression: &'a Suppression,
    keys: ZoneKeys,
    gaps: ZoneGaps<'a>,
    indicator: String,
    /// The indicator's value in each zone.
    values: Vec<Option<f64>>,
    legend: Legend,
}

impl<'a> ZonesMap<'a> {
    /// The map of `indicator`, its classes found.
    pub(crate) fn new(
        territory: &'a Territory,
        diagnosis: &'a Diagnosis,
        indicator: &str,
        suppression: &'a Suppression,
    ) -> Self {
        let keys = ZoneKeys::new(territory, &mapped_kinds(territory, diagnosis));
        let gaps = zone_gaps(diagnosis);
        let no_gaps = ZoneGaps::new();
        let values: Vec<Option<f64>> = (0..diagnosis.coverage.zones.len())
            .map(|i| {
                zone_properties(territory, diagnosis, i, &keys, suppression, &no_gaps)
                    .get(indicator)
                    .and_then(JsonValue::as_f64)
            })
            .collect();
        let palettes = Palettes::builtin();
        let classes = quantile_classes(&values, &palette(territory, indicator, &palettes));
        let legend = Legend {
            title: indicator_title(territory, indicator),
            property: indicator.to_owned(),
            classes,
            missing: palettes.defaults.missing.clone(),
            min_count: suppression.is_active().then(|| suppression.min_count()),
        };
        Self {
            territory,
            diagnosis,
            suppression,
            keys,
            gaps,
            indicator: indicator.to_owned(),
            values,
            legend,
        }
    }

    /// How many zones (features) the map has.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// The legend: the indicator, its classes and the colour of no value.
    pub(crate) fn legend(&self) -> &Legend {
        &self.legend
    }

    /// The fill of the zone at index `i` of the coverage: its class's colour.
    pub(crate) fn fill(&self, i: usize) -> &str {
        class_color(&self.legend.classes, self.values[i], &self.legend.missing)
    }

    /// The number a reader of the zone's properties finds under the indicator's name:
    /// the indicator's value, unless the name is one of the styling keys, whose values
    /// come after and replace it (found here without making the properties).
    pub(crate) fn read_value(&self, i: usize) -> Option<f64> {
        let priority = self.diagnosis.coverage.zones[i].priority;
        match self.indicator.as_str() {
            "fill-opacity" => Some(0.7),
            "stroke-width" => Some(if priority { 2.5 } else { 1.0 }),
            "fill" | "stroke" | "title" | "description" => None,
            _ => self.values[i],
        }
    }

    /// The properties of the zone at index `i` of the coverage, styling keys included.
    pub(crate) fn properties(&self, i: usize) -> JsonObject {
        let (diagnosis, suppression) = (self.diagnosis, self.suppression);
        let mut p = zone_properties(
            self.territory,
            diagnosis,
            i,
            &self.keys,
            suppression,
            &self.gaps,
        );
        let z = &diagnosis.coverage.zones[i];
        let value = self.values[i];
        let legend = &self.legend;
        p.insert("fill".into(), json!(self.fill(i)));
        p.insert("fill-opacity".into(), json!(0.7));
        p.insert(
            "stroke".into(),
            json!(if z.priority { "#d7301f" } else { "#555555" }),
        );
        p.insert(
            "stroke-width".into(),
            json!(if z.priority { 2.5 } else { 1.0 }),
        );
        p.insert("title".into(), json!(z.name));
        let value = match value {
            Some(v) => format!("{v}"),
            None if suppression.is_suppressed(i, &self.indicator) => SECRET.to_owned(),
            None => "non renseigné".to_owned(),
        };
        let population = format!("{}", z.population.round());
        let actors = if suppression.is_suppressed(i, "actors") {
            SECRET.to_owned()
        } else {
            z.actors.to_string()
        };
        p.insert(
            "description".into(),
            json!(format!(
                "{} : {value}\nPopulation : {population}\nActeurs localisés : {actors}{}",
                legend.title,
                if z.priority { "\nZone prioritaire" } else { "" }
            )),
        );
        p
    }

    /// The feature of the zone at index `i` of the coverage.
    pub(crate) fn feature(&self, i: usize) -> Feature {
        let (t, d) = (self.territory, self.diagnosis);
        Feature {
            bbox: None,
            geometry: Some(rfc7946_geometry(&t.zone(d.zone_ref(t, i)).geometry)),
            id: None,
            properties: Some(self.properties(i)),
            foreign_members: None,
        }
    }

    /// Every zone's feature, in coverage order, one at a time.
    pub(crate) fn features(&self) -> impl Iterator<Item = Feature> + '_ {
        (0..self.len()).map(|i| self.feature(i))
    }

    /// The collection's foreign members: `name` and `legend`.
    pub(crate) fn foreign_members(&self) -> JsonObject {
        let t = self.territory;
        let mut foreign = JsonObject::new();
        foreign.insert(
            "name".into(),
            json!(format!("{} : {}", t.name, t.coverage_layer().name)),
        );
        foreign.insert(
            "legend".into(),
            serde_json::to_value(&self.legend).unwrap_or(JsonValue::Null),
        );
        foreign
    }
}

/// The palette of a map, lightest first: the default sequential palette, reversed for a
/// declared indicator of which a higher value is better, so that a darker zone is
/// always a worse-off one (docs/outputs.md).
fn palette(territory: &Territory, indicator: &str, palettes: &Palettes) -> Vec<String> {
    let mut colours = palettes.default_sequential().to_vec();
    let declared = territory.coverage_layer().indicators.iter();
    if declared
        .filter(|i| i.property == indicator)
        .any(|i| i.better == crate::model::Better::Higher)
    {
        colours.reverse();
    }
    colours
}

/// A French title for an indicator property.
fn indicator_title(territory: &Territory, indicator: &str) -> String {
    if let Some(i) = territory
        .coverage_layer()
        .indicators
        .iter()
        .find(|i| i.property == indicator)
    {
        return i.header();
    }
    if indicator == "actors" {
        return "Acteurs localisés".to_owned();
    }
    for (prefix, what) in [
        (
            "access_accepting_",
            "Accès (2SFCA, acceptant de nouveaux patients) pour 10 000 hab.",
        ),
        ("access_", "Accès (2SFCA) pour 10 000 hab."),
        ("density_", "Densité pour 10 000 hab."),
        ("nearest_m_", "Distance au plus proche (m)"),
    ] {
        if let Some(k) = indicator
            .strip_prefix(prefix)
            .and_then(|id| territory.taxonomy.kind(id))
        {
            return format!("{what} : {}", k.label);
        }
    }
    if let Some(id) = indicator.strip_prefix("count_") {
        if let Some(k) = territory.taxonomy.kind(id) {
            return format!("Nombre : {}", k.label);
        }
        if let Some(s) = territory.taxonomy.sector(id) {
            return format!("Acteurs du secteur : {}", s.label);
        }
    }
    indicator.to_owned()
}
