//! GeoJSON maps (RFC 7946) for QGIS, uMap, geojson.io and geopandas: WGS84, 6 decimals,
//! counter-clockwise exterior rings, no `crs`, numbers as numbers, simplestyle keys and
//! the legend as a foreign member (spec/OUTPUTS.md).

use super::confidentiality::{mapped_kinds, Suppression};
use super::outputs::OutputOptions;
use super::style::{class_color, quantile_classes, Class, Palettes};
use crate::diagnosis::Diagnosis;
use crate::model::Territory;
use geo::orient::{Direction, Orient};
use geo::{MapCoords, MultiPolygon};
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue};
use serde::Serialize;
use serde_json::json;

/// Rounds a coordinate to 6 decimals (about 0.1 m), as RFC 7946 advises.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A zone outline as RFC 7946 wants it: exterior rings counter-clockwise, holes
/// clockwise, 6 decimals; a single polygon as a `Polygon`.
pub fn rfc7946_geometry(g: &MultiPolygon<f64>) -> Geometry {
    let g = g
        .map_coords(|c| geo::Coord {
            x: round6(c.x),
            y: round6(c.y),
        })
        .orient(Direction::Default);
    let value = if g.0.len() == 1 {
        geojson::GeometryValue::from(&g.0[0])
    } else {
        geojson::GeometryValue::from(&g)
    };
    Geometry::new(value)
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

/// How a suppressed count reads in a pop-up or a table.
pub(crate) const SECRET: &str = "secret statistique";

/// Properties of one zone, in a fixed order so the output is byte-identical across runs:
/// id, name, population, priority, actors, `count_<kind>` for the mapped kinds,
/// `density_<k>`, `access_<k>`, `nearest_m_<k>` for the required kinds, `count_<sector>`,
/// overlap, dispositifs, actions and gaps (spec/OUTPUTS.md).
fn zone_properties(
    territory: &Territory,
    diagnosis: &Diagnosis,
    i: usize,
    kinds: &[String],
    suppression: &Suppression,
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
    p.insert("priority".into(), json!(z.priority));
    p.insert("actors".into(), count("actors", json!(z.actors)));
    for k in kinds {
        let property = format!("count_{k}");
        let value = count(
            &property,
            json!(z.count_by_kind.get(k).copied().unwrap_or(0)),
        );
        p.insert(property, value);
    }
    for k in &territory.analysis.required {
        let property = format!("density_{k}");
        let value = count(&property, json!(z.density.get(k).copied().flatten()));
        p.insert(property, value);
        p.insert(format!("access_{k}"), json!(z.access.get(k)));
        if let Some(a) = z.access_accepting.get(k) {
            p.insert(format!("access_accepting_{k}"), json!(a));
        }
        p.insert(
            format!("nearest_m_{k}"),
            json!(z.nearest_m.get(k).copied().flatten()),
        );
    }
    for s in territory.taxonomy.sectors.keys() {
        let property = format!("count_{s}");
        let value = count(
            &property,
            json!(z.count_by_sector.get(s).copied().unwrap_or(0)),
        );
        p.insert(property, value);
    }
    p.insert("overlap".into(), json!(z.overlap));
    p.insert("dispositifs".into(), json!(z.dispositifs));
    p.insert("actions".into(), json!(z.actions));
    let gaps: Vec<String> = diagnosis
        .gaps
        .service
        .iter()
        .filter(|g| g.zone == z.id)
        .map(|g| format!("{}:{}", g.gap.as_str(), g.kind))
        .collect();
    p.insert("gaps".into(), json!(gaps));
    if suppression.is_active() {
        p.insert(
            "suppressed".into(),
            json!(suppression.zone_has_suppressed(i)),
        );
    }
    p
}

/// The default indicator of the zone map: the access (2SFCA) of the first required
/// kind, else the number of located actors (spec/OUTPUTS.md).
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
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let diagnosis = maillage::Diagnosis::of(&territory);
/// let names = maillage::io::zone_indicators(&territory, &diagnosis);
/// assert!(names.contains(&"access_medecin_generaliste".to_owned()));
/// assert!(!names.contains(&"name".to_owned()));
/// ```
pub fn zone_indicators(territory: &Territory, diagnosis: &Diagnosis) -> Vec<String> {
    let kinds = mapped_kinds(territory, diagnosis);
    let none = Suppression::default();
    let rows: Vec<JsonObject> = (0..diagnosis.coverage.zones.len())
        .map(|i| zone_properties(territory, diagnosis, i, &kinds, &none))
        .collect();
    let Some(first) = rows.first() else {
        return Vec::new();
    };
    first
        .keys()
        .filter(|k| {
            rows.iter()
                .all(|r| r.get(*k).is_some_and(|v| v.is_number() || v.is_null()))
        })
        .cloned()
        .collect()
}

/// `zones.geojson`: one feature per zone of the coverage layer with its population,
/// priority flag and actor counts by kind and sector, coloured by the first of
/// `options.indicators` (the default indicator when there is none), with the counts
/// under `options.min_count` suppressed.
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::io::{zones_geojson, OutputOptions};
/// let diagnosis = maillage::Diagnosis::of(&territory);
/// let fc = zones_geojson(&territory, &diagnosis, &OutputOptions::default());
/// assert_eq!(fc.features.len(), 24);
/// assert!(fc.foreign_members.unwrap().contains_key("legend"));
/// // For publication: counts from 1 to 10 are written null.
/// let options = OutputOptions { min_count: 11, ..OutputOptions::default() };
/// let fc = zones_geojson(&territory, &diagnosis, &options);
/// let p = fc.features[0].properties.as_ref().unwrap();
/// assert!(p.contains_key("suppressed"));
/// ```
pub fn zones_geojson(
    territory: &Territory,
    diagnosis: &Diagnosis,
    options: &OutputOptions,
) -> FeatureCollection {
    let suppression = Suppression::of(territory, diagnosis, options.min_count);
    let indicator = options.indicators(territory).swap_remove(0);
    zones_map(territory, diagnosis, &indicator, &suppression)
}

/// `zones.geojson` coloured by `indicator`, with the counts of `suppression` hidden.
pub(crate) fn zones_map(
    territory: &Territory,
    diagnosis: &Diagnosis,
    indicator: &str,
    suppression: &Suppression,
) -> FeatureCollection {
    let kinds = mapped_kinds(territory, diagnosis);
    let mut properties: Vec<JsonObject> = (0..diagnosis.coverage.zones.len())
        .map(|i| zone_properties(territory, diagnosis, i, &kinds, suppression))
        .collect();
    let indicator = indicator.to_owned();
    let values: Vec<Option<f64>> = properties
        .iter()
        .map(|p| p.get(&indicator).and_then(JsonValue::as_f64))
        .collect();
    let palettes = Palettes::builtin();
    let classes = quantile_classes(&values, palettes.default_sequential());
    let missing = palettes.defaults.missing.clone();
    let title = indicator_title(territory, &indicator);
    for (i, ((p, value), z)) in properties
        .iter_mut()
        .zip(&values)
        .zip(&diagnosis.coverage.zones)
        .enumerate()
    {
        p.insert(
            "fill".into(),
            json!(class_color(&classes, *value, &missing)),
        );
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
            None if suppression.is_suppressed(i, &indicator) => SECRET.to_owned(),
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
                "{title} : {value}\nPopulation : {population}\nActeurs localisés : {actors}{}",
                if z.priority { "\nZone prioritaire" } else { "" }
            )),
        );
    }
    let features = properties
        .into_iter()
        .enumerate()
        .map(|(i, properties)| Feature {
            bbox: None,
            geometry: Some(rfc7946_geometry(
                &territory.zone(diagnosis.zone_ref(territory, i)).geometry,
            )),
            id: None,
            properties: Some(properties),
            foreign_members: None,
        })
        .collect();
    let legend = Legend {
        title,
        property: indicator,
        classes,
        missing,
        min_count: suppression.is_active().then(|| suppression.min_count()),
    };
    let mut foreign = JsonObject::new();
    foreign.insert(
        "name".into(),
        json!(format!(
            "{} : {}",
            territory.name,
            territory.coverage_layer().name
        )),
    );
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

/// A French title for an indicator property.
fn indicator_title(territory: &Territory, indicator: &str) -> String {
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
