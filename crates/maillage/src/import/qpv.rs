//! QPV outlines (quartiers prioritaires de la politique de la ville, 2024): the national
//! file has one feature per QPV–commune pair (`code_qp`, `lib_qp`, `insee_com`,
//! `lib_com`...); they are merged per QPV into one MultiPolygon and written as a
//! priority layer. The 2015 outlines' names (`nom_qp`, `code_commune`) are read too.

use super::zones::{find_text, read_zone_source, Outline, TerritoryZone, ZoneReading, ZoneSource};
use super::{ImportOptions, Imported};
use crate::bundle::{BundleErrors, Location};
use indexmap::IndexMap;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::Path;

/// Reads QPV outlines, keeps the QPV of which one commune is in the territory, merges
/// each QPV's parts, and joins an optional population table (`--population`, columns
/// `code_qp` and `population`/`pop_mun`/`pop`).
///
/// # Errors
/// Unreadable file, features without a QPV code or a polygon (each named by index).
///
/// # Example
/// ```
/// use maillage::import::{read_qpv, ImportOptions, TerritoryFilter};
/// let got = read_qpv("../../tests/import/qpv/qpv2024_extrait.geojson".as_ref(),
///     &ImportOptions::new(TerritoryFilter::communes(["38151"]))).unwrap();
/// let layer = got.layer.unwrap();
/// assert!(layer.priority);
/// assert_eq!(layer.collection.features.len(), 3); // QN03801M, QN03803M, QN03804I
/// ```
pub fn read_qpv(file: &Path, options: &ImportOptions) -> Result<Imported, BundleErrors> {
    let source = ZoneSource {
        source: "qpv",
        layer: "qpv",
        what: "QPV",
        id: "code_qp",
        name_property: "lib_qp",
        priority: true,
        population_ids: &["code_qp", "CODE_QP", "qp"],
        population_columns: &["population", "pop_mun", "pop"],
    };
    read_zone_source(file, options, &source, |outlines, reading| {
        merge_parts(outlines, reading)
            .into_iter()
            .filter(|(_, q)| q.communes.iter().any(|c| options.territory.contains(c)))
            .map(|(code, q)| {
                let mut properties = Map::new();
                properties.insert("code_qp".into(), Value::from(code.clone()));
                properties.insert("lib_qp".into(), Value::from(q.label));
                properties.insert(
                    "insee_com".into(),
                    Value::from(q.communes.into_iter().collect::<Vec<_>>().join("|")),
                );
                properties.insert(
                    "lib_com".into(),
                    Value::from(q.commune_names.into_iter().collect::<Vec<_>>().join("|")),
                );
                TerritoryZone {
                    code,
                    properties,
                    polygons: q.polygons,
                    location: Location::File,
                }
            })
            .collect()
    })
}

/// One QPV, its parts (one per commune in the national file) merged.
struct Qpv {
    label: String,
    communes: BTreeSet<String>,
    commune_names: BTreeSet<String>,
    polygons: Vec<Value>,
}

/// The QPV of the outlines by code, in the order of their first part.
fn merge_parts(outlines: Vec<Outline>, reading: &mut ZoneReading) -> IndexMap<String, Qpv> {
    let mut merged: IndexMap<String, Qpv> = IndexMap::new();
    for o in outlines {
        let Some(code) = reading.code(
            &o,
            &["code_qp", "code_quartier", "qp"],
            "code_qp",
            crate::msg!(NoQpvCode),
        ) else {
            continue;
        };
        let label = find_text(&o.properties, &["lib_qp", "nom_qp", "nom_quartier"])
            .unwrap_or_else(|| code.clone());
        let communes: Vec<String> = find_text(
            &o.properties,
            &["insee_com", "code_commune", "insee_comm", "code_insee"],
        )
        .map(|s| {
            s.split([',', '|', ' ', ';'])
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
        let commune_names: Vec<String> =
            find_text(&o.properties, &["lib_com", "nom_commune", "commune_qp"])
                .into_iter()
                .collect();
        let e = merged.entry(code).or_insert_with(|| Qpv {
            label,
            communes: BTreeSet::new(),
            commune_names: BTreeSet::new(),
            polygons: Vec::new(),
        });
        e.communes.extend(communes);
        e.commune_names.extend(commune_names);
        e.polygons.extend(o.polygons);
    }
    merged
}
