//! QPV outlines (quartiers prioritaires de la politique de la ville, 2024): the national
//! file has one feature per QPV–commune pair (`code_qp`, `lib_qp`, `insee_com`,
//! `lib_com`...); they are merged per QPV into one MultiPolygon and written as a
//! priority layer. The 2015 outlines' names (`nom_qp`, `code_commune`) are read too.

use super::zones::{
    attach_population, collection, feature, find_key, property_text, read_outlines, read_population,
};
use super::{display_name, finish, ImportOptions, ImportReport, Imported, ImportedLayer};
use crate::bundle::{BundleErrors, Location, Problem, ProblemCode};
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
    let name = display_name(file);
    let mut problems = Vec::new();
    let outlines = read_outlines(file, &mut problems).unwrap_or_default();
    let population = options.population.as_ref().and_then(|p| {
        read_population(
            p,
            &["code_qp", "CODE_QP", "qp"],
            &["population", "pop_mun", "pop"],
            &mut problems,
        )
    });
    let mut report = ImportReport {
        source: "qpv".into(),
        file: name.clone(),
        date: options.date,
        ..ImportReport::default()
    };
    struct Qpv {
        label: String,
        communes: BTreeSet<String>,
        commune_names: BTreeSet<String>,
        polygons: Vec<Value>,
    }
    let mut merged: IndexMap<String, Qpv> = IndexMap::new();
    for o in outlines {
        report.rows += 1;
        let p = Value::Object(o.properties.clone());
        let code_key = find_key(&o.properties, &["code_qp", "code_quartier", "qp"]);
        let Some(code) = code_key.and_then(|k| property_text(&p, &k)) else {
            problems.push(Problem::error(
                &name,
                Location::Feature(o.index),
                Some("code_qp"),
                ProblemCode::MissingProperty,
                "no QPV code (expected a property code_qp, e.g. QN03002M)",
            ));
            continue;
        };
        let label = find_key(&o.properties, &["lib_qp", "nom_qp", "nom_quartier"])
            .and_then(|k| property_text(&p, &k))
            .unwrap_or_else(|| code.clone());
        let communes: Vec<String> = find_key(
            &o.properties,
            &["insee_com", "code_commune", "insee_comm", "code_insee"],
        )
        .and_then(|k| property_text(&p, &k))
        .map(|s| {
            s.split([',', '|', ' ', ';'])
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
        let commune_names: Vec<String> =
            find_key(&o.properties, &["lib_com", "nom_commune", "commune_qp"])
                .and_then(|k| property_text(&p, &k))
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
    let mut features = Vec::new();
    for (code, q) in merged {
        if !q.communes.iter().any(|c| options.territory.contains(c)) {
            continue;
        }
        report.in_territory += 1;
        let mut props = Map::new();
        props.insert("code_qp".into(), Value::from(code.clone()));
        props.insert("lib_qp".into(), Value::from(q.label));
        props.insert(
            "insee_com".into(),
            Value::from(q.communes.into_iter().collect::<Vec<_>>().join("|")),
        );
        props.insert(
            "lib_com".into(),
            Value::from(q.commune_names.into_iter().collect::<Vec<_>>().join("|")),
        );
        attach_population(
            &mut props,
            population.as_ref(),
            &code,
            "QPV",
            &name,
            Location::File,
            &mut problems,
        );
        features.push(feature(q.polygons, props));
    }
    report.imported = features.len();
    let layer = ImportedLayer {
        name: options.layer_name.clone().unwrap_or_else(|| "qpv".into()),
        collection: collection(features),
        id: "code_qp".into(),
        name_property: "lib_qp".into(),
        population: population.as_ref().map(|_| "population".into()),
        priority: true,
    };
    finish(
        problems,
        Imported {
            actors: vec![],
            layer: Some(layer),
            report,
        },
    )
}
