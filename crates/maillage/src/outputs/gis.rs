//! The layers of the GIS formats (docs/outputs.md, "GeoPackage", "GeoParquet"): the
//! maps `zones`, `actors` and `ties`, with the geometries and properties of
//! `zones.geojson`, `actors.geojson` and `network.geojson` (the same features, the same
//! privacy rules, the same classes and colours), and the tables of the diagnosis
//! workbook, typed; in WGS84 lon/lat or Lambert-93. `gpkg` and `geoparquet` write them.

use super::confidentiality::Suppression;
use super::maps::{rfc7946_outline, round6, Legend, ZonesMap};
use super::network_maps::{actor_features, tie_features, CategoryLegend, MapFeatures};
use super::wkb::{union, Envelope, Shape, ShapeKind};
use super::workbook::{column, diagnosis_tables, Cells};
use super::write::OutputOptions;
use crate::crs::{Crs, Projections};
use crate::diagnosis::Diagnosis;
use crate::model::{LonLat, Territory, UnknownName};
use geo::{Coord, LineString};
use geojson::{JsonObject, JsonValue};
use indexmap::IndexMap;
use std::io;

/// The map layers, in the order the GeoPackage lists them.
pub const MAP_LAYERS: [&str; 3] = ["zones", "actors", "ties"];

/// What a table's name starts with in the GIS formats, before its CSV file's name
/// (`table_actors` is `actors.csv`): the map layers keep the short names.
const TABLE_PREFIX: &str = "table_";

/// The names of every layer and table of the GIS formats: the map layers
/// ([`MAP_LAYERS`]), then `table_<csv>` for each table of the diagnosis workbook
/// (`table_actors`, `table_zones`, `table_gaps`...).
///
/// # Example
/// ```
/// let names = maillage::outputs::gis_layer_names();
/// assert_eq!(&names[..4], ["zones", "actors", "ties", "table_actors"]);
/// assert!(names.contains(&"table_dispositifs"));
/// ```
pub fn gis_layer_names() -> &'static [&'static str] {
    &GIS_LAYERS
}

/// [`gis_layer_names`]; the tables' names are checked against `diagnosis_tables` by a
/// unit test.
const GIS_LAYERS: [&str; 11] = [
    "zones",
    "actors",
    "ties",
    "table_actors",
    "table_zones",
    "table_gaps",
    "table_suggestions",
    "table_directory",
    "table_dispositifs",
    "table_groups",
    "table_solicitation",
];

/// A cell of a layer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Boolean(bool),
    Text(String),
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnType {
    Integer,
    Real,
    Boolean,
    Text,
}

/// A column: its name (the GeoJSON property's or the CSV header's) and its type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub(crate) name: String,
    pub(crate) kind: ColumnType,
}

/// One class of a layer's style: the features its QGIS filter expression selects take
/// its colour.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StyleRule {
    /// The legend's label.
    pub(crate) label: String,
    /// A QGIS expression (`ELSE` for the features no other rule takes).
    pub(crate) filter: String,
    /// `#rrggbb`.
    pub(crate) color: String,
}

/// A layer of the GIS formats: a map (with geometries and a style) or a table.
#[derive(Debug, Clone)]
pub(crate) struct GisLayer {
    /// The table's name.
    pub(crate) name: String,
    /// Its title (French), shown by QGIS.
    pub(crate) title: String,
    /// What it holds (French).
    pub(crate) description: String,
    /// The geometry type, for a map.
    pub(crate) shape: Option<ShapeKind>,
    pub(crate) columns: Vec<Column>,
    /// The geometry (for a map) and the cells of each row.
    pub(crate) rows: Vec<(Option<Shape>, Vec<Value>)>,
    /// The style of a map: its legend's title and its classes, in order.
    pub(crate) style: Option<(String, Vec<StyleRule>)>,
    /// The CRS of the geometries.
    pub(crate) crs: Crs,
}

impl GisLayer {
    /// The box holding every geometry; `None` for a table or an empty map.
    pub(crate) fn envelope(&self) -> Option<Envelope> {
        self.rows
            .iter()
            .filter_map(|(g, _)| g.as_ref()?.envelope())
            .fold(None, |e, b| Some(union(e, b)))
    }
}

/// Every layer of the GIS formats, in order ([`gis_layer_names`]).
pub(crate) fn gis_layers(
    territory: &Territory,
    diagnosis: &Diagnosis,
    options: &OutputOptions,
) -> io::Result<Vec<GisLayer>> {
    let mut layers = Vec::new();
    for name in MAP_LAYERS {
        layers.push(map_layer(name, territory, diagnosis, options)?);
    }
    layers.extend(table_layers(territory, diagnosis, None));
    Ok(layers)
}

/// One layer or table by its name.
///
/// # Errors
/// [`UnknownName`] for a name [`gis_layer_names`] does not give; an I/O error for a
/// point that cannot be projected.
pub(crate) fn gis_layer(
    name: &str,
    territory: &Territory,
    diagnosis: &Diagnosis,
    options: &OutputOptions,
) -> Result<io::Result<GisLayer>, UnknownName> {
    if MAP_LAYERS.contains(&name) {
        return Ok(map_layer(name, territory, diagnosis, options));
    }
    match table_layers(territory, diagnosis, Some(name)).pop() {
        Some(layer) => Ok(Ok(layer)),
        None => Err(UnknownName::new(
            crate::lang::Msg::WhatGisLayer,
            name,
            gis_layer_names(),
        )),
    }
}

/// A map layer: `zones`, `actors` or `ties`.
fn map_layer(
    name: &str,
    territory: &Territory,
    diagnosis: &Diagnosis,
    options: &OutputOptions,
) -> io::Result<GisLayer> {
    let individuals = options.include_individuals;
    let (shape, features, legend_title, rules, what): (_, Vec<(Shape, JsonObject)>, _, _, _) =
        match name {
            "zones" => {
                let suppression = Suppression::of(territory, diagnosis, options.min_count);
                let indicator = options.indicators(territory).swap_remove(0);
                let map = ZonesMap::new(territory, diagnosis, &indicator, &suppression);
                let features = (0..map.len())
                    .map(|i| {
                        let outline = &territory.zone(diagnosis.zone_ref(territory, i)).geometry;
                        (Shape::Zone(rfc7946_outline(outline)), map.properties(i))
                    })
                    .collect();
                let legend = map.legend();
                (
                    ShapeKind::Zone,
                    features,
                    legend.title.clone(),
                    class_rules(legend),
                    format!(
                        "les zones de la couche « {} » et leurs indicateurs, colorées par « {} » (zones.geojson)",
                        territory.coverage_layer().name,
                        legend.property
                    ),
                )
            }
            "actors" => {
                let (features, legend) = actor_features(territory, &diagnosis.network, individuals);
                (
                    ShapeKind::Point,
                    points(features),
                    legend.title.clone(),
                    category_rules(&legend),
                    "les acteurs localisés et leurs indicateurs de réseau (actors.geojson)"
                        .to_owned(),
                )
            }
            _ => {
                let (features, legend) = tie_features(territory, diagnosis, individuals);
                (
                    ShapeKind::Line,
                    lines(features),
                    legend.title.clone(),
                    category_rules(&legend),
                    "les liens entre acteurs localisés (network.geojson)".to_owned(),
                )
            }
        };
    let (columns, cells) = json_columns(features.iter().map(|(_, p)| p));
    let mut projections = Projections::default();
    let crs = options.crs;
    let mut rows = Vec::with_capacity(features.len());
    for ((geometry, _), cells) in features.into_iter().zip(cells) {
        rows.push((
            Some(project(&geometry, crs, name, &mut projections)?),
            cells,
        ));
    }
    Ok(GisLayer {
        name: name.to_owned(),
        title: format!("{} : {name}", territory.name),
        description: format!("{} : {what}", territory.name),
        shape: Some(shape),
        columns,
        rows,
        style: Some((legend_title, rules)),
        crs,
    })
}

fn points(features: MapFeatures) -> Vec<(Shape, JsonObject)> {
    features
        .into_iter()
        .map(|(p, properties)| (Shape::Point(coord(p[0])), properties))
        .collect()
}

fn lines(features: MapFeatures) -> Vec<(Shape, JsonObject)> {
    features
        .into_iter()
        .map(|(p, properties)| {
            let line = LineString(p.into_iter().map(coord).collect());
            (Shape::Line(line), properties)
        })
        .collect()
}

fn coord([x, y]: [f64; 2]) -> Coord<f64> {
    Coord { x, y }
}

/// A geometry of WGS84 lon/lat in `crs`.
fn project(
    shape: &Shape,
    crs: Crs,
    layer: &str,
    projections: &mut Projections,
) -> io::Result<Shape> {
    if crs == Crs::Wgs84 {
        return Ok(shape.clone());
    }
    let mut failed = None;
    let projected = shape.try_map(|c| {
        let p = projections.from_wgs84(2154, LonLat { lon: c.x, lat: c.y });
        if p.is_none() {
            failed = Some(c);
        }
        p.map(|(x, y)| Coord { x, y })
    });
    projected.ok_or_else(|| {
        let c = failed.unwrap_or(Coord {
            x: f64::NAN,
            y: f64::NAN,
        });
        io::Error::other(
            crate::msg!(
                GisNotProjectable,
                layer = layer,
                lon = c.x.to_string(),
                lat = c.y.to_string(),
                crs = crs.code()
            )
            .to_string(),
        )
    })
}

/// Checks that every geometry of the map layers can be written in `crs`: every
/// located actor (and so every tie) and every zone of the coverage layer.
///
/// # Errors
/// The first point that cannot be projected.
pub(crate) fn check_projection(
    territory: &Territory,
    diagnosis: &Diagnosis,
    crs: Crs,
) -> io::Result<()> {
    if crs == Crs::Wgs84 {
        return Ok(());
    }
    let mut projections = Projections::default();
    for a in &territory.actors {
        if let Some(l) = a.location {
            let point = Shape::Point(coord([round6(l.lon), round6(l.lat)]));
            project(&point, crs, "actors", &mut projections)?;
        }
    }
    for i in 0..diagnosis.coverage.zones.len() {
        let outline = &territory.zone(diagnosis.zone_ref(territory, i)).geometry;
        project(
            &Shape::Zone(rfc7946_outline(outline)),
            crs,
            "zones",
            &mut projections,
        )?;
    }
    Ok(())
}

/// The QGIS expression naming a field.
fn field(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The rules of a choropleth: one per class (a value up to the class's maximum, above
/// the previous one's, as `class_color` colours it), then the zones with no value.
fn class_rules(legend: &Legend) -> Vec<StyleRule> {
    let f = field(&legend.property);
    let n = legend.classes.len();
    let mut rules: Vec<StyleRule> = legend
        .classes
        .iter()
        .zip(legend.class_labels())
        .enumerate()
        .map(|(j, (class, label))| {
            let above = (j > 0).then(|| format!("{f} > {}", legend.classes[j - 1].max));
            let below = (j + 1 < n).then(|| format!("{f} <= {}", class.max));
            let filter = match (above, below) {
                (Some(a), Some(b)) => format!("{a} AND {b}"),
                (Some(a), None) => a,
                (None, Some(b)) => b,
                (None, None) => format!("{f} IS NOT NULL"),
            };
            StyleRule {
                label,
                filter,
                color: class.color.clone(),
            }
        })
        .collect();
    rules.push(StyleRule {
        label: "non renseigné".to_owned(),
        filter: "ELSE".to_owned(),
        color: legend.missing.clone(),
    });
    rules
}

/// The rules of a legend of categories: one per value.
fn category_rules(legend: &CategoryLegend) -> Vec<StyleRule> {
    let f = field(&legend.property);
    legend
        .items
        .iter()
        .map(|item| StyleRule {
            label: item.label.clone(),
            filter: match &item.value {
                JsonValue::Bool(true) => f.clone(),
                JsonValue::Bool(false) => format!("NOT {f}"),
                JsonValue::String(s) => format!("{f} = '{}'", s.replace('\'', "''")),
                other => format!("{f} = {other}"),
            },
            color: item.color.clone(),
        })
        .collect()
}

/// What the values of a property were, across the features.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Seen {
    Nothing,
    Boolean,
    Integer,
    Real,
    Text,
    /// Arrays, objects or values of several kinds: JSON text.
    Json,
}

fn seen(v: &JsonValue) -> Seen {
    match v {
        JsonValue::Null => Seen::Nothing,
        JsonValue::Bool(_) => Seen::Boolean,
        JsonValue::Number(n) if n.is_i64() => Seen::Integer,
        JsonValue::Number(_) => Seen::Real,
        JsonValue::String(_) => Seen::Text,
        _ => Seen::Json,
    }
}

fn merge(a: Seen, b: Seen) -> Seen {
    match (a, b) {
        (Seen::Nothing, x) | (x, Seen::Nothing) => x,
        (x, y) if x == y => x,
        (Seen::Integer, Seen::Real) | (Seen::Real, Seen::Integer) => Seen::Real,
        _ => Seen::Json,
    }
}

/// The columns of features' properties (every property, in the order it first comes)
/// and each feature's cells: numbers, flags and text as they are, a property with no
/// value as null, lists (and a property holding values of several kinds) as JSON text.
fn json_columns<'p>(
    features: impl Iterator<Item = &'p JsonObject> + Clone,
) -> (Vec<Column>, Vec<Vec<Value>>) {
    let mut kinds: IndexMap<&str, Seen> = IndexMap::new();
    for p in features.clone() {
        for (k, v) in p {
            let s = kinds.entry(k.as_str()).or_insert(Seen::Nothing);
            *s = merge(*s, seen(v));
        }
    }
    let columns = kinds
        .iter()
        .map(|(name, s)| Column {
            name: (*name).to_owned(),
            kind: match s {
                Seen::Boolean => ColumnType::Boolean,
                Seen::Integer => ColumnType::Integer,
                Seen::Real => ColumnType::Real,
                Seen::Nothing | Seen::Text | Seen::Json => ColumnType::Text,
            },
        })
        .collect();
    let cells = features
        .map(|p| {
            kinds
                .iter()
                .map(|(name, s)| match (p.get(*name), s) {
                    (None | Some(JsonValue::Null), _) => Value::Null,
                    (Some(v), Seen::Json) => Value::Text(v.to_string()),
                    (Some(JsonValue::Bool(b)), _) => Value::Boolean(*b),
                    (Some(JsonValue::Number(n)), Seen::Integer) => {
                        n.as_i64().map_or(Value::Null, Value::Integer)
                    }
                    (Some(JsonValue::Number(n)), _) => n.as_f64().map_or(Value::Null, Value::Real),
                    (Some(JsonValue::String(t)), _) => Value::Text(t.clone()),
                    (Some(v), _) => Value::Text(v.to_string()),
                })
                .collect()
        })
        .collect();
    (columns, cells)
}

/// The tables of the diagnosis workbook as layers without geometry (only the one named
/// `only`, when given): `table_<csv>`, the CSV's columns, typed as the workbook types
/// them (whole numbers as integers, figures as reals, `true`/`false` as flags, ids as
/// text), an empty cell as null.
fn table_layers(territory: &Territory, diagnosis: &Diagnosis, only: Option<&str>) -> Vec<GisLayer> {
    diagnosis_tables(territory, diagnosis)
        .into_iter()
        .filter(|(_, stem, _, _)| only.is_none_or(|o| o.strip_prefix(TABLE_PREFIX) == Some(*stem)))
        .map(|(sheet, stem, what, table)| {
            let header = table.header;
            let rows: Vec<Vec<String>> = table.rows.collect();
            let columns: Vec<Column> = header
                .iter()
                .enumerate()
                .map(|(c, name)| {
                    let cells = || {
                        rows.iter()
                            .filter_map(|r| r.get(c))
                            .filter(|x| !x.is_empty())
                    };
                    let all = |ok: &dyn Fn(&str) -> bool| cells().all(|x| ok(x));
                    let integer = |x: &str| x.parse::<i64>().is_ok();
                    let real = |x: &str| x.parse::<f64>().is_ok();
                    let kind = match column(sheet, name, territory).1 {
                        Cells::Count if all(&integer) => ColumnType::Integer,
                        Cells::Count | Cells::Figure if all(&real) => ColumnType::Real,
                        Cells::YesNo if all(&|x| x == "true" || x == "false") => {
                            ColumnType::Boolean
                        }
                        _ => ColumnType::Text,
                    };
                    Column {
                        name: name.clone(),
                        kind,
                    }
                })
                .collect();
            let rows = rows
                .into_iter()
                .map(|row| {
                    let cells = columns
                        .iter()
                        .zip(row)
                        .map(|(c, cell)| match c.kind {
                            _ if cell.is_empty() => Value::Null,
                            ColumnType::Integer => cell.parse().map_or(Value::Null, Value::Integer),
                            ColumnType::Real => cell.parse().map_or(Value::Null, Value::Real),
                            ColumnType::Boolean => Value::Boolean(cell == "true"),
                            ColumnType::Text => Value::Text(cell),
                        })
                        .collect();
                    (None, cells)
                })
                .collect();
            GisLayer {
                name: format!("{TABLE_PREFIX}{stem}"),
                title: format!("{} : {stem}.csv", territory.name),
                description: format!("{} : {what}", territory.name),
                shape: None,
                columns,
                rows,
                style: None,
                crs: Crs::Wgs84,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_table_names_are_the_workbooks() {
        let t = crate::bundle::load_bundle("../../data/lyon7".as_ref())
            .unwrap()
            .territory;
        let d = Diagnosis::of(&t);
        let names: Vec<String> = diagnosis_tables(&t, &d)
            .iter()
            .map(|x| format!("{TABLE_PREFIX}{}", x.1))
            .collect();
        assert_eq!(names, GIS_LAYERS[MAP_LAYERS.len()..]);
        assert_eq!(GIS_LAYERS[..MAP_LAYERS.len()], MAP_LAYERS);
    }

    #[test]
    fn types_the_properties() {
        let a = json!({"n": 1, "x": 1, "b": true, "s": "a", "l": ["a"], "z": null});
        let b = json!({"n": 2, "x": 1.5, "b": null, "s": "b", "l": [], "m": "late"});
        let (a, b) = (a.as_object().unwrap(), b.as_object().unwrap());
        let (columns, cells) = json_columns([a, b].into_iter());
        let kinds: Vec<(&str, ColumnType)> =
            columns.iter().map(|c| (c.name.as_str(), c.kind)).collect();
        use ColumnType::*;
        assert_eq!(
            kinds,
            [
                ("n", Integer),
                ("x", Real),
                ("b", Boolean),
                ("s", Text),
                ("l", Text),
                ("z", Text),
                ("m", Text)
            ]
        );
        assert_eq!(cells[0][1], Value::Real(1.0));
        assert_eq!(cells[0][4], Value::Text("[\"a\"]".into()));
        assert_eq!(cells[1][2], Value::Null);
        assert_eq!(cells[0][6], Value::Null);
        assert_eq!(cells[1][6], Value::Text("late".into()));
    }

    #[test]
    fn projects_to_lambert93_or_says_which_point_cannot() {
        let mut p = Projections::default();
        let origin = Shape::Point(Coord { x: 3.0, y: 46.5 });
        let Shape::Point(c) = project(&origin, Crs::Lambert93, "actors", &mut p).unwrap() else {
            panic!()
        };
        assert!((c.x - 700_000.0).abs() < 1e-6 && (c.y - 6_600_000.0).abs() < 1e-6);
        let pole = Shape::Point(Coord {
            x: f64::NAN,
            y: 95.0,
        });
        let e = project(&pole, Crs::Lambert93, "actors", &mut p).unwrap_err();
        assert!(e.to_string().contains("EPSG:2154"), "{e}");
    }
}
