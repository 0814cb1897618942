//! What the layer importers (commune, IRIS and QPV outlines) share: reading a GeoJSON
//! FeatureCollection of national outlines (WGS84, or Lambert-93 named by its `crs`
//! member), reprojecting it, picking properties by their usual names, reading a
//! population table, and the one reader shape, [`read_zone_source`], each of them fills
//! with the zones of its territory.

use super::{display_name, finish, ImportOptions, ImportReport, Imported, ImportedLayer};
use crate::bundle::{parse_number, BundleErrors, CsvTable, Location, Problem, ProblemCode};
use crate::crs::Projections;
use crate::lang::Message;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;

/// One feature: its index in the file, properties, and WGS84 polygons (each a list of
/// rings of `[lon, lat]`).
pub(crate) struct Outline {
    pub index: usize,
    pub properties: Map<String, Value>,
    pub polygons: Vec<Value>,
}

/// The zone ids of a layer file (the `id` property of each feature), for the territory
/// filter.
pub(crate) fn layer_ids(file: &Path, id: &str) -> Result<Vec<String>, Message> {
    let bytes = std::fs::read(file).map_err(|e| {
        crate::msg!(
            FileCannotBeRead,
            file = file.display().to_string(),
            detail = e.to_string()
        )
    })?;
    let json: Value = serde_json::from_slice(&bytes).map_err(|e| {
        crate::msg!(
            FileNotJson,
            file = file.display().to_string(),
            detail = e.to_string()
        )
    })?;
    Ok(json["features"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter_map(|f| property_text(&f["properties"], id))
                .collect()
        })
        .unwrap_or_default())
}

/// A property as text (numbers written without a fractional part when whole).
pub(crate) fn property_text(properties: &Value, key: &str) -> Option<String> {
    properties.get(key).and_then(crate::bundle::property_text)
}

/// The first of `candidates` present in `properties`, case-insensitively.
pub(crate) fn find_key(properties: &Map<String, Value>, candidates: &[&str]) -> Option<String> {
    for c in candidates {
        if let Some(k) = properties.keys().find(|k| k.eq_ignore_ascii_case(c)) {
            return Some(k.clone());
        }
    }
    None
}

/// The text of the first of `candidates` present in `properties` (case-insensitively),
/// when it holds one.
pub(crate) fn find_text(properties: &Map<String, Value>, candidates: &[&str]) -> Option<String> {
    find_key(properties, candidates)
        .and_then(|k| properties.get(&k).and_then(crate::bundle::property_text))
}

/// What a zone source (commune, IRIS or QPV outlines) is: the names its reader gives
/// the report and the layer, and the columns of its population table.
pub(crate) struct ZoneSource<'a> {
    /// The report's source name (`communes`, `iris`, `qpv`).
    pub source: &'static str,
    /// The layer's name unless `options.layer_name` gives one.
    pub layer: &'a str,
    /// The zone in messages: "commune", "IRIS", "QPV".
    pub what: &'static str,
    /// The properties written for the zone's id and name.
    pub id: &'static str,
    pub name_property: &'static str,
    /// Whether the layer marks priority zones.
    pub priority: bool,
    /// The population table's code and population columns, by their usual names.
    pub population_ids: &'static [&'static str],
    pub population_columns: &'static [&'static str],
}

/// A zone of the territory, as a zone source's reader makes it from the outlines.
pub(crate) struct TerritoryZone {
    /// The zone's code: the population table's key.
    pub code: String,
    pub properties: Map<String, Value>,
    /// WGS84 polygons, written as one MultiPolygon.
    pub polygons: Vec<Value>,
    /// Where a zone without a population row is reported.
    pub location: Location,
}

impl TerritoryZone {
    /// The zone of an outline, with the properties `set` written over the outline's.
    pub fn of_outline(
        outline: Outline,
        code: String,
        set: impl IntoIterator<Item = (&'static str, String)>,
    ) -> Self {
        let mut properties = outline.properties;
        for (key, value) in set {
            properties.insert(key.into(), Value::from(value));
        }
        Self {
            code,
            properties,
            polygons: outline.polygons,
            location: Location::Feature(outline.index),
        }
    }
}

/// The file a zone source reads, and the problems found in it.
pub(crate) struct ZoneReading {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl ZoneReading {
    /// The code of an outline, the first of `keys` that it holds; an error naming
    /// `field` and saying `expected` (the code's usual property, with an example)
    /// when it holds none.
    pub fn code(
        &mut self,
        outline: &Outline,
        keys: &[&str],
        field: &str,
        expected: Message,
    ) -> Option<String> {
        let code = find_text(&outline.properties, keys);
        if code.is_none() {
            self.problems.push(Problem::error(
                &self.file,
                Location::Feature(outline.index),
                Some(field),
                ProblemCode::MissingProperty,
                expected,
            ));
        }
        code
    }
}

/// Reads a zone source: its outlines, converted to WGS84, and its population table when
/// `options.population` names one; `zones` keeps the zones of the territory, each with
/// its properties; their population is joined by code and they become the layer.
///
/// # Errors
/// Every error of the outlines, the population table, or `zones`.
pub(crate) fn read_zone_source(
    file: &Path,
    options: &ImportOptions,
    source: &ZoneSource<'_>,
    zones: impl FnOnce(Vec<Outline>, &mut ZoneReading) -> Vec<TerritoryZone>,
) -> Result<Imported, BundleErrors> {
    let mut reading = ZoneReading {
        file: display_name(file),
        problems: Vec::new(),
    };
    let outlines = read_outlines(file, &mut reading.problems).unwrap_or_default();
    let population = options.population.as_ref().and_then(|p| {
        read_population(
            p,
            source.population_ids,
            source.population_columns,
            &mut reading.problems,
        )
    });
    let mut report = ImportReport {
        source: source.source.into(),
        file: reading.file.clone(),
        date: options.date,
        rows: outlines.len(),
        ..ImportReport::default()
    };
    let zones = zones(outlines, &mut reading);
    report.in_territory = zones.len();
    let features: Vec<geojson::Feature> = zones
        .into_iter()
        .map(|mut z| {
            attach_population(
                &mut z.properties,
                population.as_ref(),
                &z.code,
                source.what,
                &reading.file,
                z.location,
                &mut reading.problems,
            );
            feature(z.polygons, z.properties)
        })
        .collect();
    report.imported = features.len();
    let layer = ImportedLayer {
        name: options
            .layer_name
            .clone()
            .unwrap_or_else(|| source.layer.to_owned()),
        collection: collection(features),
        id: source.id.into(),
        name_property: source.name_property.into(),
        population: population.as_ref().map(|_| "population".into()),
        priority: source.priority,
    };
    finish(
        reading.problems,
        Imported {
            actors: vec![],
            layer: Some(layer),
            report,
        },
    )
}

/// The bytes of a national file; `None`, with an error saying what was `expected`, when
/// it cannot be read.
pub(crate) fn read_file(
    file: &Path,
    expected: Message,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u8>> {
    std::fs::read(file)
        .map_err(|e| {
            problems.push(Problem::error(
                display_name(file),
                Location::File,
                None,
                ProblemCode::MissingFile,
                crate::msg!(
                    CannotBeReadExpected,
                    detail = e.to_string(),
                    expected = expected
                ),
            ));
        })
        .ok()
}

/// Parses a JSON file's text, or says where it is not JSON.
pub(crate) fn parse_json(name: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Value> {
    serde_json::from_str(text)
        .map_err(|e| {
            problems.push(Problem::error(
                name,
                Location::Line(e.line() as u64),
                None,
                ProblemCode::InvalidJson,
                crate::msg!(InvalidJson, detail = e.to_string()),
            ));
        })
        .ok()
}

/// The problem of a GeoJSON file without a `features` array.
pub(crate) fn no_features_array(name: &str) -> Problem {
    Problem::error(
        name,
        Location::File,
        Some("features"),
        ProblemCode::InvalidJson,
        crate::msg!(NoFeaturesArrayInFile),
    )
}

/// Reads the outlines of a GeoJSON file, converted to WGS84.
pub(crate) fn read_outlines(file: &Path, problems: &mut Vec<Problem>) -> Option<Vec<Outline>> {
    let name = file.display().to_string();
    let bytes = read_file(file, crate::msg!(ExpectedFeatureCollection), problems)?;
    let (text, warning) = crate::bundle::decode_text(&name, &bytes);
    problems.extend(warning);
    let json = parse_json(&name, &text, problems)?;
    let Some(features) = json["features"].as_array() else {
        problems.push(no_features_array(&name));
        return None;
    };
    let declared = json["crs"]["properties"]["name"].as_str().map(|s| {
        let s = s.to_ascii_uppercase();
        if s.contains("2154") {
            2154
        } else {
            4326
        }
    });
    let mut projections = Projections::default();
    let mut out = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        let properties = f["properties"].as_object().cloned().unwrap_or_default();
        let geometry = &f["geometry"];
        let polygons: Vec<Value> = match geometry["type"].as_str() {
            Some("Polygon") => vec![geometry["coordinates"].clone()],
            Some("MultiPolygon") => geometry["coordinates"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
            _ => {
                problems.push(Problem::error(
                    &name,
                    Location::Feature(i),
                    Some("geometry"),
                    ProblemCode::BadGeometry,
                    crate::msg!(NoPolygon),
                ));
                continue;
            }
        };
        let first = polygons
            .first()
            .and_then(|p| p.get(0))
            .and_then(|r| r.get(0))
            .and_then(|pt| pt.get(0))
            .and_then(Value::as_f64);
        let epsg = declared.unwrap_or(if first.is_some_and(|x| x.abs() > 360.0) {
            2154
        } else {
            4326
        });
        let mut converted = Vec::with_capacity(polygons.len());
        let mut bad = false;
        for poly in polygons {
            let mut rings = Vec::new();
            for ring in poly.as_array().into_iter().flatten() {
                let mut pts = Vec::new();
                for pt in ring.as_array().into_iter().flatten() {
                    let (Some(x), Some(y)) = (
                        pt.get(0).and_then(Value::as_f64),
                        pt.get(1).and_then(Value::as_f64),
                    ) else {
                        bad = true;
                        continue;
                    };
                    match projections.to_wgs84(epsg, x, y) {
                        Some(p) => pts.push(Value::from(vec![p.lon, p.lat])),
                        None => bad = true,
                    }
                }
                rings.push(Value::from(pts));
            }
            converted.push(Value::from(rings));
        }
        if bad {
            problems.push(Problem::error(
                &name,
                Location::Feature(i),
                Some("geometry"),
                ProblemCode::BadCoordinates,
                crate::msg!(PositionUnreadable, epsg = epsg),
            ));
            continue;
        }
        out.push(Outline {
            index: i,
            properties,
            polygons: converted,
        });
    }
    Some(out)
}

/// A feature with a MultiPolygon geometry of `polygons` and these properties.
pub(crate) fn feature(polygons: Vec<Value>, properties: Map<String, Value>) -> geojson::Feature {
    let geometry = serde_json::json!({"type": "MultiPolygon", "coordinates": polygons});
    geojson::Feature {
        bbox: None,
        geometry: serde_json::from_value(geometry).ok(),
        id: None,
        properties: Some(properties),
        foreign_members: None,
    }
}

/// A collection of features.
pub(crate) fn collection(features: Vec<geojson::Feature>) -> geojson::FeatureCollection {
    geojson::FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    }
}

/// Reads a population table: the first of `ids` as key, the first of `pops` (or a column
/// `PNN_POP`, INSEE's naming) as population. CSV with `,` or `;`, UTF-8 or
/// Windows-1252; decimal populations (INSEE's IRIS tables) are kept as read.
pub(crate) fn read_population(
    file: &Path,
    ids: &[&str],
    pops: &[&str],
    problems: &mut Vec<Problem>,
) -> Option<HashMap<String, f64>> {
    let name = file.display().to_string();
    let bytes = read_file(file, crate::msg!(ExpectedPopulationTable), problems)?;
    let table = CsvTable::parse(&name, &bytes, problems)?;
    let find = |cands: &[&str]| {
        cands
            .iter()
            .find_map(|c| table.headers.iter().position(|h| h.eq_ignore_ascii_case(c)))
    };
    let id = find(ids);
    let pop = find(pops).or_else(|| {
        table.headers.iter().position(|h| {
            let h = h.to_ascii_uppercase();
            h.len() == 7 && h.starts_with('P') && h.ends_with("_POP")
        })
    });
    let (Some(id), Some(pop)) = (id, pop) else {
        problems.push(Problem::error(
            &name,
            Location::Line(1),
            None,
            ProblemCode::MissingColumn,
            crate::msg!(
                NoPopulationColumn,
                column = if id.is_none() { "code" } else { "population" },
                ids = ids.join(", "),
                pops = pops.join(", "),
                found = table.headers.join(", ")
            ),
        ));
        return None;
    };
    let mut out = HashMap::new();
    for row in table.rows() {
        let (key, value) = (row.cell(id), row.cell(pop));
        if key.is_empty() || value.is_empty() {
            continue;
        }
        match parse_number(value) {
            Some(v) if v >= 0.0 => {
                out.insert(key.to_owned(), v);
            }
            _ => problems.push(Problem::error(
                &name,
                Location::Line(row.line),
                Some(&table.headers[pop]),
                ProblemCode::BadNumber,
                crate::msg!(BadPopulation, value = format!("« {value} »")),
            )),
        }
    }
    Some(out)
}

/// Sets the `population` property of a zone from the population table, or warns that
/// the table has no row for it (the zone is kept without population). `what` names the
/// zone in the message ("IRIS", "QPV", "commune").
pub(crate) fn attach_population(
    props: &mut Map<String, Value>,
    population: Option<&HashMap<String, f64>>,
    code: &str,
    what: &str,
    file: &str,
    location: Location,
    problems: &mut Vec<Problem>,
) {
    let Some(population) = population else {
        return;
    };
    match population.get(code) {
        Some(&v) => {
            props.insert("population".into(), population_value(v));
        }
        None => problems.push(Problem::warning(
            file,
            location,
            Some("population"),
            ProblemCode::NoPopulation,
            crate::msg!(NoPopulationRow, zone = what, code = code),
        )),
    }
}

/// A population as a JSON number: whole numbers as integers.
pub(crate) fn population_value(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}
