//! Zone layers: GeoJSON FeatureCollections of (Multi)Polygons, in WGS84 or Lambert-93.

use super::csv_table::ErrorBudget;
use super::manifest::LayerSpec;
use super::problem::clip;
use super::{decode_text, Location, Problem, ProblemCode};
use crate::crs::{Crs, ToWgs84};
use crate::lang::Message;
use crate::model::anchor_point;
use crate::model::{mean_demand_weight, BandValues, Demand, Layer, LonLat, Zone, ZoneDemand};
use geo::algorithm::validation::{InvalidMultiPolygon, InvalidPolygon, RingRole};
use geo::{Coord, LineString, MultiPolygon, Polygon, Validation};
use serde_json::Value;

/// The most features read in a layer: 200,000 (France has about 49,000 IRIS and 35,000
/// communes). More refuses the layer before any feature is read.
pub const MAX_FEATURES: usize = 200_000;

/// Reads one layer file's bytes into a [`Layer`], pushing every problem; `None` when
/// the file cannot be used (not JSON, not a FeatureCollection, or any feature refused).
pub fn parse_layer(spec: &LayerSpec, bytes: &[u8], problems: &mut Vec<Problem>) -> Option<Layer> {
    let file = spec.file.as_str();
    let (text, warning) = decode_text(file, bytes);
    problems.extend(warning);
    let json: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(Problem::error(
                file,
                Location::Line(e.line() as u64),
                None,
                ProblemCode::InvalidJson,
                crate::msg!(InvalidJson, detail = e.to_string()),
            ));
            return None;
        }
    };
    let features = features(file, &json, problems)?;
    let to_wgs84 = ToWgs84::new(layer_crs(spec, &json, problems)?);

    let errors_before = count_errors(problems);
    let mut zones: Vec<Zone> = Vec::with_capacity(features.len());
    let mut first_feature_of: std::collections::HashMap<String, usize> = Default::default();
    let mut band_rows: Vec<Option<Vec<Option<f64>>>> = Vec::with_capacity(features.len());
    let mut budget = ErrorBudget::new(file, problems);
    for (index, feature) in features.iter().enumerate() {
        if budget.exhausted(problems) {
            break;
        }
        let at = FeatureAt { file, index };
        let props = feature
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let id = match props.get(&spec.id).and_then(property_text) {
            Some(id) => Some(id),
            None => {
                problems.push(at.error(
                    Some(&spec.id),
                    ProblemCode::MissingProperty,
                    crate::msg!(MissingIdProperty, property = &spec.id),
                ));
                None
            }
        };
        if let Some(id) = &id {
            if let Some(first) = first_feature_of.get(id) {
                problems.push(at.error(
                    Some(&spec.id),
                    ProblemCode::DuplicateId,
                    crate::msg!(DuplicateZoneId, id = id, first = *first),
                ));
            } else {
                first_feature_of.insert(id.clone(), index);
            }
        }
        let name = spec
            .name_property
            .as_ref()
            .and_then(|p| props.get(p))
            .and_then(property_text);
        let population = population(spec, &props, at, problems);
        let indicators = indicator_values(spec, &props, id.as_deref(), at, problems);
        let bands = band_values(spec, &props, id.as_deref(), at, problems);
        let Some((geometry, anchor)) = geometry(feature, &to_wgs84, at, problems) else {
            continue;
        };
        if let Some(id) = id {
            zones.push(Zone {
                name: name.unwrap_or_else(|| id.clone()),
                id,
                population,
                geometry,
                anchor,
                properties: props,
                feature: index,
                indicators,
                demand: None,
            });
            band_rows.push(bands);
        }
    }
    if zones.is_empty() && count_errors(problems) == errors_before {
        problems.push(Problem::error(
            file,
            Location::File,
            None,
            ProblemCode::BadGeometry,
            crate::msg!(LayerWithoutFeature),
        ));
    }
    unknown_indicators(spec, features, problems);
    if let Some((demand, line)) = &spec.demand {
        unknown_band_properties(spec, demand, *line, features, problems);
        if count_errors(problems) == errors_before {
            weigh_demand(spec, demand, &mut zones, &band_rows, problems);
        }
    }
    (count_errors(problems) == errors_before).then(|| Layer {
        name: spec.name.clone(),
        file: spec.file.clone(),
        priority: spec.priority,
        zones,
        indicators: spec.indicators.iter().map(|(i, _)| i.clone()).collect(),
        demand: spec.demand.as_ref().map(|(d, _)| d.clone()),
    })
}

/// A zone's values of the layer's age bands (`[layers.NAME.demand]`), in the order of
/// the bands: `None` where the feature has none (or null); an error naming the zone
/// when a value is not a number, a count is negative, or a share is not in 0–100.
/// `None` altogether when the layer declares no demand.
fn band_values(
    spec: &LayerSpec,
    props: &serde_json::Map<String, Value>,
    id: Option<&str>,
    at: FeatureAt<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Option<f64>>> {
    let (demand, _) = spec.demand.as_ref()?;
    let feature = at.index.to_string();
    let id = id.unwrap_or(&feature);
    let mut values = Vec::with_capacity(demand.bands.len());
    for band in &demand.bands {
        let p = &band.property;
        let value = match props.get(p) {
            None | Some(Value::Null) => None,
            Some(v) => {
                let shown = || clip(&v.to_string(), 80);
                let message = match property_number(v).filter(|x| x.is_finite()) {
                    None => Some(crate::msg!(
                        BadDemandValue,
                        id = id,
                        property = p,
                        value = shown()
                    )),
                    Some(x) if x < 0.0 && demand.values == BandValues::Counts => Some(crate::msg!(
                        NegativeDemandCount,
                        id = id,
                        property = p,
                        value = shown()
                    )),
                    Some(x)
                        if demand.values == BandValues::Shares && !(0.0..=100.0).contains(&x) =>
                    {
                        Some(crate::msg!(
                            DemandShareOutOfRange,
                            id = id,
                            property = p,
                            value = shown()
                        ))
                    }
                    Some(_) => None,
                };
                match message {
                    Some(m) => {
                        problems.push(at.error(Some(p), ProblemCode::BadNumber, m));
                        None
                    }
                    None => property_number(v),
                }
            }
        };
        values.push(value);
    }
    Some(values)
}

/// Whether some feature of the layer holds the property (`null` included).
fn held_by_a_feature(features: &[Value], property: &str) -> bool {
    features.iter().any(|f| {
        f.get("properties")
            .and_then(Value::as_object)
            .is_some_and(|props| props.contains_key(property))
    })
}

/// An error in the manifest for each age band that no feature of the layer holds.
fn unknown_band_properties(
    spec: &LayerSpec,
    demand: &Demand,
    line: u64,
    features: &[Value],
    problems: &mut Vec<Problem>,
) {
    for band in &demand.bands {
        let p = &band.property;
        if !held_by_a_feature(features, p) {
            problems.push(Problem::error(
                super::MANIFEST_FILE,
                Location::Line(line),
                Some(&format!("layers.{}.demand", spec.name)),
                ProblemCode::MissingProperty,
                crate::msg!(
                    UnknownDemandProperty,
                    layer = &spec.name,
                    property = p,
                    file = &spec.file
                ),
            ));
        }
    }
}

/// Each zone's weighted demand: from its bands when it has them all; otherwise its
/// population × the layer's mean weight (Σ demand / Σ population over the zones with
/// every band and a population; 1 when there is none), with a warning naming the first
/// band missing. A negative part (a cumulative band smaller than one it holds) is an
/// error at the feature.
fn weigh_demand(
    spec: &LayerSpec,
    demand: &Demand,
    zones: &mut [Zone],
    band_rows: &[Option<Vec<Option<f64>>>],
    problems: &mut Vec<Problem>,
) {
    let file = spec.file.as_str();
    for (zone, row) in zones.iter_mut().zip(band_rows) {
        let values: Option<Vec<f64>> = row.as_ref().and_then(|r| r.iter().copied().collect());
        let population = zone.population.unwrap_or(0.0);
        zone.demand = values.and_then(|v| match demand.weighted(&v, population) {
            Ok(weighted) => Some(ZoneDemand {
                weighted,
                estimated: false,
            }),
            Err((ages, value)) => {
                let at = FeatureAt {
                    file,
                    index: zone.feature,
                };
                problems.push(at.error(
                    None,
                    ProblemCode::BadNumber,
                    crate::msg!(
                        NegativeDemandPart,
                        id = &zone.id,
                        ages = ages.to_string(),
                        value = value
                    ),
                ));
                None
            }
        });
    }
    let ratio = mean_demand_weight(zones);
    for (zone, row) in zones.iter_mut().zip(band_rows) {
        if zone.demand.is_some() {
            continue;
        }
        zone.demand = Some({
            let missing = row
                .as_ref()
                .and_then(|r| r.iter().position(Option::is_none))
                .map(|i| demand.bands[i].property.as_str());
            if let Some(property) = missing {
                let at = FeatureAt {
                    file,
                    index: zone.feature,
                };
                problems.push(at.warning(
                    Some(property),
                    ProblemCode::MissingAgeBand,
                    crate::msg!(
                        MissingDemandBand,
                        id = &zone.id,
                        property = property,
                        ratio = format!("{ratio:.4}")
                    ),
                ));
            }
            ZoneDemand {
                weighted: zone.population.unwrap_or(0.0) * ratio,
                estimated: true,
            }
        });
    }
}

/// A zone's values of the layer's declared indicators: `None` where the feature has
/// none (or null), an error naming the zone when a value is not a number.
fn indicator_values(
    spec: &LayerSpec,
    props: &serde_json::Map<String, Value>,
    id: Option<&str>,
    at: FeatureAt<'_>,
    problems: &mut Vec<Problem>,
) -> std::collections::BTreeMap<String, Option<f64>> {
    let mut values = std::collections::BTreeMap::new();
    for (indicator, _) in &spec.indicators {
        let p = &indicator.property;
        let value = match props.get(p) {
            None | Some(Value::Null) => None,
            Some(v) => match property_number(v).filter(|x| x.is_finite()) {
                Some(x) => Some(x),
                None => {
                    let feature = at.index.to_string();
                    problems.push(at.error(
                        Some(p),
                        ProblemCode::BadNumber,
                        crate::msg!(
                            BadIndicatorValue,
                            id = id.unwrap_or(&feature),
                            property = p,
                            value = clip(&v.to_string(), 80)
                        ),
                    ));
                    None
                }
            },
        };
        values.insert(p.clone(), value);
    }
    values
}

/// An error in the manifest for each declared indicator that no feature of the layer
/// holds: the manifest key and the layer file are named.
fn unknown_indicators(spec: &LayerSpec, features: &[Value], problems: &mut Vec<Problem>) {
    for (indicator, line) in &spec.indicators {
        let p = &indicator.property;
        if !held_by_a_feature(features, p) {
            problems.push(Problem::error(
                super::MANIFEST_FILE,
                Location::Line(*line),
                Some(&format!("layers.{}.indicators.{p}", spec.name)),
                ProblemCode::MissingProperty,
                crate::msg!(
                    UnknownIndicatorProperty,
                    layer = &spec.name,
                    property = p,
                    file = &spec.file
                ),
            ));
        }
    }
}

/// The features of a FeatureCollection of at most [`MAX_FEATURES`] features.
fn features<'j>(
    file: &str,
    json: &'j Value,
    problems: &mut Vec<Problem>,
) -> Option<&'j Vec<Value>> {
    let file_error =
        |code, message: Message| Problem::error(file, Location::File, None, code, message);
    if json.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        problems.push(file_error(
            ProblemCode::InvalidJson,
            crate::msg!(NotAFeatureCollection),
        ));
        return None;
    }
    let Some(features) = json.get("features").and_then(Value::as_array) else {
        problems.push(file_error(
            ProblemCode::InvalidJson,
            crate::msg!(NoFeaturesArray),
        ));
        return None;
    };
    if features.len() > MAX_FEATURES {
        problems.push(file_error(
            ProblemCode::TooLarge,
            crate::msg!(TooManyFeatures, count = features.len(), max = MAX_FEATURES),
        ));
        return None;
    }
    Some(features)
}

/// The CRS: the legacy GeoJSON "crs" member when present, else the manifest's.
fn layer_crs(spec: &LayerSpec, json: &Value, problems: &mut Vec<Problem>) -> Option<Crs> {
    let Some(name) = json.pointer("/crs/properties/name").and_then(Value::as_str) else {
        return Some(spec.crs.unwrap_or_default());
    };
    match name.parse::<Crs>() {
        Ok(c) => Some(c),
        Err(_) => {
            problems.push(Problem::error(
                spec.file.as_str(),
                Location::File,
                Some("crs"),
                ProblemCode::BadCrs,
                crate::msg!(LayerCrsUnsupported, crs = clip(name, 80)),
            ));
            None
        }
    }
}

/// A feature of a layer file, where its problems are reported.
#[derive(Clone, Copy)]
struct FeatureAt<'a> {
    file: &'a str,
    index: usize,
}

impl FeatureAt<'_> {
    fn error(self, field: Option<&str>, code: ProblemCode, message: Message) -> Problem {
        Problem::error(
            self.file,
            Location::Feature(self.index),
            field,
            code,
            message,
        )
    }

    fn warning(self, field: Option<&str>, code: ProblemCode, message: Message) -> Problem {
        Problem::warning(
            self.file,
            Location::Feature(self.index),
            field,
            code,
            message,
        )
    }
}

/// A zone's population, when the manifest names its property: a warning when the
/// feature has none (it counts as 0), an error when it is not a number ≥ 0.
fn population(
    spec: &LayerSpec,
    props: &serde_json::Map<String, Value>,
    at: FeatureAt<'_>,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    let p = spec.population.as_ref()?;
    match props.get(p) {
        None | Some(Value::Null) => {
            problems.push(at.warning(
                Some(p),
                ProblemCode::NoPopulation,
                crate::msg!(NoPopulation, property = p),
            ));
            None
        }
        Some(v) => match property_number(v) {
            Some(x) if x >= 0.0 => Some(x),
            _ => {
                problems.push(at.error(
                    Some(p),
                    ProblemCode::BadNumber,
                    crate::msg!(BadPopulation, value = clip(&v.to_string(), 80)),
                ));
                None
            }
        },
    }
}

/// A feature's geometry in WGS84, with its anchor point: an error when it is absent,
/// unreadable, flat or empty; a warning when it is not a valid polygon.
fn geometry(
    feature: &Value,
    to_wgs84: &ToWgs84,
    at: FeatureAt<'_>,
    problems: &mut Vec<Problem>,
) -> Option<(MultiPolygon<f64>, LonLat)> {
    let geometry = match feature.get("geometry") {
        None | Some(Value::Null) => {
            problems.push(at.error(
                Some("geometry"),
                ProblemCode::BadGeometry,
                crate::msg!(NoGeometry),
            ));
            return None;
        }
        Some(g) => match read_polygons(g, to_wgs84) {
            Ok(mp) => mp,
            Err(why) => {
                problems.push(at.error(Some("geometry"), ProblemCode::BadGeometry, why));
                return None;
            }
        },
    };
    if let Some(problem) = validity_warning(&geometry) {
        problems.push(at.warning(Some("geometry"), ProblemCode::InvalidPolygon, problem));
    }
    if !geometry.0.is_empty() && geometry.0.iter().all(is_flat) {
        problems.push(at.error(
            Some("geometry"),
            ProblemCode::BadGeometry,
            crate::msg!(FlatPolygon),
        ));
        return None;
    }
    let Some(anchor) = anchor_point(&geometry) else {
        problems.push(at.error(
            Some("geometry"),
            ProblemCode::BadGeometry,
            crate::msg!(EmptyGeometry),
        ));
        return None;
    };
    Some((geometry, anchor))
}

fn count_errors(problems: &[Problem]) -> usize {
    problems
        .iter()
        .filter(|p| p.severity == super::Severity::Error)
        .count()
}

/// A property as an id or name: strings as they are, integers without a decimal point.
pub(crate) fn property_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A property as a number: JSON numbers, or numeric strings (CSV joins often leave them).
fn property_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => super::csv_table::parse_number(s),
        _ => None,
    }
}

/// Reads a Polygon or MultiPolygon geometry and converts it to WGS84.
fn read_polygons(g: &Value, to_wgs84: &ToWgs84) -> Result<MultiPolygon<f64>, Message> {
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g
        .get("coordinates")
        .ok_or_else(|| crate::msg!(NoCoordinates, kind = clip(kind, 40)))?;
    let polygons = match kind {
        "Polygon" => vec![read_polygon(coords, to_wgs84)?],
        "MultiPolygon" => coords
            .as_array()
            .ok_or_else(|| crate::msg!(MultiPolygonNotArray))?
            .iter()
            .map(|p| read_polygon(p, to_wgs84))
            .collect::<Result<_, _>>()?,
        "" => return Err(crate::msg!(ZoneWithoutGeometryType)),
        other => return Err(crate::msg!(ZoneCannotBe, kind = clip(other, 40))),
    };
    Ok(MultiPolygon::new(polygons))
}

fn read_polygon(rings: &Value, to_wgs84: &ToWgs84) -> Result<Polygon<f64>, Message> {
    let rings = rings
        .as_array()
        .ok_or_else(|| crate::msg!(PolygonNotRings))?;
    let mut lines = rings.iter().map(|ring| read_ring(ring, to_wgs84));
    let exterior = lines
        .next()
        .ok_or_else(|| crate::msg!(PolygonWithoutRing))??;
    let interiors = lines.collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}

fn read_ring(ring: &Value, to_wgs84: &ToWgs84) -> Result<LineString<f64>, Message> {
    let positions = ring
        .as_array()
        .ok_or_else(|| crate::msg!(RingNotPositions))?;
    if positions.len() < 4 {
        return Err(crate::msg!(RingTooShort, count = positions.len()));
    }
    let mut coords = Vec::with_capacity(positions.len());
    for p in positions {
        let xy = p.as_array().filter(|a| a.len() >= 2);
        let (Some(x), Some(y)) = (
            xy.and_then(|a| a[0].as_f64()),
            xy.and_then(|a| a[1].as_f64()),
        ) else {
            return Err(crate::msg!(NotAPosition, value = clip(&p.to_string(), 80)));
        };
        if !to_wgs84.crs().in_range(x, y) {
            return Err(match to_wgs84.crs() {
                Crs::Wgs84 => crate::msg!(PositionOutOfWgs84, x = x, y = y),
                Crs::Lambert93 => crate::msg!(PositionOutOfLambert93, x = x, y = y),
            });
        }
        let (lon, lat) = to_wgs84
            .convert(x, y)
            .ok_or_else(|| crate::msg!(PositionNotConvertible, x = x, y = y))?;
        coords.push(Coord { x: lon, y: lat });
    }
    Ok(LineString::new(coords))
}

/// Whether every position of a polygon's exterior lies on one line (or one point): a
/// zone without area, that no point can lie in. A self-intersecting "bow tie", whose
/// signed areas cancel out, is not flat.
fn is_flat(p: &Polygon<f64>) -> bool {
    let ring = &p.exterior().0;
    let Some(&a) = ring.first() else { return true };
    let Some(&b) = ring.iter().find(|c| **c != a) else {
        return true;
    };
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let scale = dx.hypot(dy);
    ring.iter()
        .all(|c| (dx * (c.y - a.y) - dy * (c.x - a.x)).abs() <= 1e-12 * scale * scale.max(1.0))
}

/// Why a geometry is invalid (self-intersection, ring outside...), when it is.
fn validity_warning(g: &MultiPolygon<f64>) -> Option<Message> {
    let first = g.check_validation().err()?;
    Some(crate::msg!(InvalidPolygon, fault = geometry_fault(&first)))
}

/// The fault geo found in a multipolygon, in the catalogue's words.
fn geometry_fault(fault: &InvalidMultiPolygon) -> Message {
    let ring = |role: &RingRole| match role {
        RingRole::Exterior => crate::msg!(ExteriorRing),
        RingRole::Interior(index) => crate::msg!(InteriorRing, index = *index),
    };
    match fault {
        InvalidMultiPolygon::InvalidPolygon(index, reason) => {
            let reason = match reason {
                InvalidPolygon::TooFewPointsInRing(r) => {
                    crate::msg!(RingTooFewPoints, ring = ring(r))
                }
                InvalidPolygon::SelfIntersection(r) => {
                    crate::msg!(RingSelfIntersection, ring = ring(r))
                }
                InvalidPolygon::NonFiniteCoord(r, at) => {
                    crate::msg!(RingNonFinite, ring = ring(r), index = at.0)
                }
                InvalidPolygon::InteriorRingNotContainedInExteriorRing(r) => {
                    crate::msg!(RingOutsideExterior, ring = ring(r))
                }
                InvalidPolygon::IntersectingRingsOnALine(a, b) => {
                    crate::msg!(RingsMeetOnALine, first = ring(a), second = ring(b))
                }
                InvalidPolygon::IntersectingRingsOnAnArea(a, b) => {
                    crate::msg!(RingsMeetOnAnArea, first = ring(a), second = ring(b))
                }
            };
            crate::msg!(PolygonInvalidAt, index = index.0, reason = reason)
        }
        InvalidMultiPolygon::ElementsOverlaps(a, b) => {
            crate::msg!(PolygonsOverlap, first = a.0, second = b.0)
        }
        InvalidMultiPolygon::ElementsTouchOnALine(a, b) => {
            crate::msg!(PolygonsTouchOnALine, first = a.0, second = b.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn polygon(ring: &[(f64, f64)]) -> Polygon<f64> {
        Polygon::new(LineString::from(ring.to_vec()), vec![])
    }

    #[test]
    fn tells_flat_rings_from_bow_ties() {
        let diagonal = [(4.8, 45.7), (4.81, 45.71), (4.83, 45.73), (4.8, 45.7)];
        assert!(is_flat(&polygon(&diagonal)));
        assert!(is_flat(&polygon(&[(4.8, 45.7); 4])));
        let bow_tie = [(0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)];
        assert!(!is_flat(&polygon(&bow_tie)));
        let square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)];
        assert!(!is_flat(&polygon(&square)));
    }
}
