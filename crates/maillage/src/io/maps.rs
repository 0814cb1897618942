//! GeoJSON maps (RFC 7946) for QGIS, uMap, geojson.io and geopandas: WGS84, 6 decimals,
//! counter-clockwise exterior rings, no `crs`, numbers as numbers, simplestyle keys and
//! the legend as a foreign member (spec/OUTPUTS.md).

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
}

/// Properties of one zone, in a fixed order so the output is byte-identical across runs:
/// id, name, population, priority, actors, `count_<kind>` for the mapped kinds,
/// `density_<k>`, `access_<k>`, `nearest_m_<k>` for the required kinds, `count_<sector>`,
/// overlap, dispositifs, actions and gaps (spec/OUTPUTS.md).
fn zone_properties(
    territory: &Territory,
    diagnosis: &Diagnosis,
    i: usize,
    kinds: &[String],
) -> JsonObject {
    let z = &diagnosis.coverage.zones[i];
    let mut p = JsonObject::new();
    p.insert("id".into(), json!(z.id));
    p.insert("name".into(), json!(z.name));
    p.insert("population".into(), json!(z.population));
    p.insert("priority".into(), json!(z.priority));
    p.insert("actors".into(), json!(z.actors));
    for k in kinds {
        p.insert(
            format!("count_{k}"),
            json!(z.count_by_kind.get(k).copied().unwrap_or(0)),
        );
    }
    for k in &territory.analysis.required {
        p.insert(
            format!("density_{k}"),
            json!(z.density.get(k).copied().flatten()),
        );
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
        p.insert(
            format!("count_{s}"),
            json!(z.count_by_sector.get(s).copied().unwrap_or(0)),
        );
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
    p
}

/// Kinds that get a `count_<kind>` column: the required kinds, then every kind with a
/// located actor, in taxonomy order.
fn mapped_kinds(territory: &Territory, diagnosis: &Diagnosis) -> Vec<String> {
    let present = |k: &str| {
        diagnosis
            .coverage
            .zones
            .iter()
            .any(|z| z.count_by_kind.contains_key(k))
    };
    let mut kinds = territory.analysis.required.clone();
    kinds.extend(
        territory
            .taxonomy
            .kinds
            .keys()
            .filter(|k| present(k) && !territory.analysis.required.contains(k))
            .cloned(),
    );
    kinds
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

/// `zones.geojson`: one feature per zone of the coverage layer with its population,
/// priority flag and actor counts by kind and sector, coloured by `indicator` (a
/// numeric property; `None` for the default).
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let diagnosis = maillage::Diagnosis::of(&territory);
/// let fc = maillage::io::zones_geojson(&territory, &diagnosis, None);
/// assert_eq!(fc.features.len(), 24);
/// assert!(fc.foreign_members.unwrap().contains_key("legend"));
/// ```
pub fn zones_geojson(
    territory: &Territory,
    diagnosis: &Diagnosis,
    indicator: Option<&str>,
) -> FeatureCollection {
    let kinds = mapped_kinds(territory, diagnosis);
    let mut properties: Vec<JsonObject> = (0..diagnosis.coverage.zones.len())
        .map(|i| zone_properties(territory, diagnosis, i, &kinds))
        .collect();
    let indicator = indicator.map_or_else(|| default_indicator(territory), str::to_owned);
    let values: Vec<Option<f64>> = properties
        .iter()
        .map(|p| p.get(&indicator).and_then(JsonValue::as_f64))
        .collect();
    let palettes = Palettes::builtin();
    let classes = quantile_classes(&values, palettes.default_sequential());
    let missing = palettes.defaults.missing.clone();
    let title = indicator_title(territory, &indicator);
    for ((p, value), z) in properties
        .iter_mut()
        .zip(&values)
        .zip(&diagnosis.coverage.zones)
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
        let value = value.map_or_else(|| "non renseigné".to_owned(), |v| format!("{v}"));
        let population = format!("{}", z.population.round());
        p.insert(
            "description".into(),
            json!(format!(
                "{title} : {value}\nPopulation : {population}\nActeurs localisés : {}{}",
                z.actors,
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
