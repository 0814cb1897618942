//! data·inclusion structures (the social and inclusion sector's shared directory), in
//! its published schema: `id`, `source`, `nom`, `typologie`, `code_insee`, `commune`,
//! `adresse`, `code_postal`, `longitude`, `latitude`, `siret`, `telephone`, `courriel`,
//! `site_web`, `thematiques`... as CSV (`,` or `;`) or JSON (an array of structures, or
//! an object whose `items` is one).

use super::mapping::{CategoryMap, Mapped};
use super::national::ActorReading;
use super::zones::read_file;
use super::{
    category_map, display_name, ImportOptions, Imported, ImportedActor, DATA_INCLUSION_TYPOLOGIES,
};
use crate::bundle::{parse_number, BundleErrors, CsvTable, Location, Problem, ProblemCode};
use crate::model::LonLat;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

type Record = HashMap<String, String>;

/// Reads data·inclusion structures of the territory (`code_insee` in it), their
/// `typologie` mapped to kinds, located by `longitude`/`latitude` when given, else
/// attached to their commune. Ids are `dinclusion:<source>:<id>`.
///
/// # Errors
/// Unreadable file, missing `id`/`nom`/`code_insee` columns, bad coordinates.
///
/// # Example
/// ```
/// use maillage::import::{read_data_inclusion, ImportOptions, TerritoryFilter};
/// let got = read_data_inclusion("../../tests/import/data_inclusion/structures.csv".as_ref(),
///     &ImportOptions::new(TerritoryFilter::communes(["30269", "30140"]))).unwrap();
/// assert!(got.actors.iter().any(|a| a.kind == "ccas"));
/// ```
pub fn read_data_inclusion(file: &Path, options: &ImportOptions) -> Result<Imported, BundleErrors> {
    let map = category_map(DATA_INCLUSION_TYPOLOGIES, options)?;
    let mut reading = ActorReading::new("data-inclusion", file, options);
    let records = read_records(
        file,
        &reading.file,
        &["id", "nom", "code_insee"],
        &mut reading.problems,
    );
    let services = options
        .services
        .as_ref()
        .map(|f| read_services(f, &mut reading.problems))
        .unwrap_or_default();
    let mut actors = Vec::new();
    for (location, r) in records {
        reading.report.rows += 1;
        actors.extend(structure(
            location,
            &r,
            &map,
            &services,
            options,
            &mut reading,
        ));
    }
    reading.finish(actors)
}

/// The actor of a structure of the territory whose typologie the table maps.
fn structure(
    location: Location,
    r: &Record,
    map: &CategoryMap,
    services: &Services,
    options: &ImportOptions,
    reading: &mut ActorReading,
) -> Option<ImportedActor> {
    let get = |k: &str| r.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    let commune = get("code_insee").unwrap_or("");
    if !options.territory.contains(commune) {
        return None;
    }
    reading.report.in_territory += 1;
    let (Some(id), Some(nom)) = (get("id"), get("nom")) else {
        reading.error(
            location,
            Some(if get("id").is_none() { "id" } else { "nom" }),
            ProblemCode::MissingValue,
            crate::msg!(
                EmptyValue,
                expected = crate::msg!(ExpectedStructureIdAndName)
            ),
        );
        return None;
    };
    let typologie = get("typologie").unwrap_or("");
    let mapped = map.get(typologie);
    // a structure without typologie is counted as "(none)" among the unmapped codes
    let counted = match mapped {
        Mapped::Unmapped if typologie.is_empty() => "(none)",
        _ => typologie,
    };
    let kind = reading.kind(mapped, counted, "")?;
    let location_ll = match (get("longitude"), get("latitude")) {
        (Some(x), Some(y)) => match (parse_number(x), parse_number(y)) {
            (Some(lon), Some(lat))
                if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) =>
            {
                Some(LonLat { lon, lat })
            }
            _ => {
                reading.error(
                    location,
                    Some("longitude"),
                    ProblemCode::BadCoordinates,
                    crate::msg!(NotWgs84Degrees, x = x, y = y),
                );
                return None;
            }
        },
        _ => None,
    };
    let source = get("source").unwrap_or("inconnue");
    let placement = reading.placement(location_ll.is_some());
    let (service_names, service_themes) = services
        .get(&(source.to_owned(), id.to_owned()))
        .map(|s| {
            (
                s.0.join("|"),
                s.1.iter().cloned().collect::<Vec<_>>().join("|"),
            )
        })
        .unwrap_or_default();
    // the street address apart from the postcode and commune, as the geocoder
    // reads them (`maillage import --ban`, `maillage geocode`)
    let address = [get("adresse"), get("complement_adresse")]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Some(ImportedActor {
        id: format!("dinclusion:{source}:{id}"),
        name: nom.to_owned(),
        kind: kind.to_owned(),
        location: location_ll,
        commune: commune.to_owned(),
        placement,
        columns: vec![
            ("typologie", typologie.to_owned()),
            ("siret", get("siret").unwrap_or("").to_owned()),
            ("address", address),
            ("postcode", get("code_postal").unwrap_or("").to_owned()),
            ("citycode", commune.to_owned()),
            ("city", get("commune").unwrap_or("").to_owned()),
            ("phone", get("telephone").unwrap_or("").to_owned()),
            ("email", get("courriel").unwrap_or("").to_owned()),
            ("website", get("site_web").unwrap_or("").to_owned()),
            (
                "thematiques",
                list(get("thematiques").unwrap_or("")).join("|"),
            ),
            ("services", service_names),
            ("services_thematiques", service_themes),
        ],
    })
}

/// The items of a list cell: `a|b`, `a,b`, or a rendered array `["a", "b"]`.
fn list(cell: &str) -> Vec<String> {
    cell.trim_matches(['[', ']', '{', '}'])
        .split([',', '|'])
        .map(|s| s.trim().trim_matches(['"', '\'']).trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Services by (source, structure id): their names, and the union of their themes.
type Services = HashMap<(String, String), (Vec<String>, std::collections::BTreeSet<String>)>;

/// Reads a data·inclusion services file (columns `structure_id`, `source`, `nom`,
/// `thematiques`...).
fn read_services(file: &Path, problems: &mut Vec<Problem>) -> Services {
    let name = display_name(file);
    let mut out: Services = HashMap::new();
    for (location, r) in read_records(file, &name, &["structure_id", "nom"], problems) {
        let get = |k: &str| r.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
        let Some(structure) = get("structure_id") else {
            problems.push(Problem::error(
                &name,
                location,
                Some("structure_id"),
                ProblemCode::MissingValue,
                crate::msg!(EmptyValue, expected = crate::msg!(ExpectedServiceStructure)),
            ));
            continue;
        };
        let source = get("source").unwrap_or("inconnue");
        let e = out
            .entry((source.to_owned(), structure.to_owned()))
            .or_default();
        if let Some(n) = get("nom") {
            e.0.push(n.to_owned());
        }
        e.1.extend(list(get("thematiques").unwrap_or("")));
    }
    out
}

/// Rows of a CSV or JSON file as column → text, with their location.
fn read_records(
    file: &Path,
    name: &str,
    required: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<(Location, Record)> {
    let Some(bytes) = read_file(file, crate::msg!(ExpectedDataInclusion), problems) else {
        return vec![];
    };
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if matches!(first, Some(b'[') | Some(b'{')) {
        let json: Value = match serde_json::from_slice(&bytes) {
            Ok(v) => v,
            Err(e) => {
                problems.push(Problem::error(
                    name,
                    Location::Line(e.line() as u64),
                    None,
                    ProblemCode::InvalidJson,
                    crate::msg!(InvalidJsonStructures, detail = e.to_string()),
                ));
                return vec![];
            }
        };
        let items = json
            .as_array()
            .or_else(|| json["items"].as_array())
            .cloned()
            .unwrap_or_default();
        return items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let rec = item
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .map(|(k, v)| {
                                let text = match v {
                                    Value::String(s) => s.clone(),
                                    Value::Null => String::new(),
                                    Value::Array(a) => a
                                        .iter()
                                        .map(|x| {
                                            x.as_str().map_or_else(|| x.to_string(), str::to_owned)
                                        })
                                        .collect::<Vec<_>>()
                                        .join("|"),
                                    other => other.to_string(),
                                };
                                (k.clone(), text)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                (Location::Feature(i), rec)
            })
            .collect();
    }
    let Some(table) = CsvTable::parse(name, &bytes, problems) else {
        return vec![];
    };
    if !table.require_columns(required, problems) {
        return vec![];
    }
    table
        .rows()
        .map(|row| {
            let rec = table
                .headers
                .iter()
                .cloned()
                .zip(row.cells().map(str::to_owned))
                .collect();
            (Location::Line(row.line), rec)
        })
        .collect()
}
