//! IRIS outlines (IGN "Contours… IRIS": `CODE_IRIS`, `NOM_IRIS`, `INSEE_COM`) joined
//! with INSEE's population by IRIS (the "base-ic-evol-struct-pop" table: `IRIS` and
//! `PNN_POP`).

use super::zones::{
    attach_population, collection, feature, find_key, property_text, read_outlines, read_population,
};
use super::{display_name, finish, ImportOptions, ImportReport, Imported, ImportedLayer};
use crate::bundle::{BundleErrors, Location, Problem, ProblemCode};
use serde_json::Value;
use std::path::Path;

/// Reads IRIS outlines of the territory's communes and joins their population from
/// `options.population` (an IRIS without a row is kept, with a warning).
///
/// # Errors
/// Unreadable files, features without an IRIS code or polygon, bad population cells.
///
/// # Example
/// ```
/// use maillage::import::{read_iris, ImportOptions, TerritoryFilter};
/// let mut options = ImportOptions::new(TerritoryFilter::communes(["69387"]));
/// options.population = Some("../../tests/import/iris/base-ic-evol-struct-pop-extrait.csv".into());
/// let got = read_iris("../../tests/import/iris/contours_iris_extrait.geojson".as_ref(), &options).unwrap();
/// let layer = got.layer.unwrap();
/// assert_eq!(layer.collection.features.len(), 3);
/// assert_eq!(layer.population.as_deref(), Some("population"));
/// ```
pub fn read_iris(file: &Path, options: &ImportOptions) -> Result<Imported, BundleErrors> {
    let name = display_name(file);
    let mut problems = Vec::new();
    let outlines = read_outlines(file, &mut problems).unwrap_or_default();
    let population = options
        .population
        .as_ref()
        .and_then(|p| read_population(p, &["IRIS", "CODE_IRIS"], &["population"], &mut problems));
    let mut report = ImportReport {
        source: "iris".into(),
        file: name.clone(),
        date: options.date,
        ..ImportReport::default()
    };
    let mut features = Vec::new();
    for o in outlines {
        report.rows += 1;
        let p = Value::Object(o.properties.clone());
        let Some(code) = find_key(&o.properties, &["CODE_IRIS", "code_iris", "iris", "id"])
            .and_then(|k| property_text(&p, &k))
        else {
            problems.push(Problem::error(
                &name,
                Location::Feature(o.index),
                Some("CODE_IRIS"),
                ProblemCode::MissingProperty,
                "no IRIS code (expected a property CODE_IRIS, e.g. 693870703)",
            ));
            continue;
        };
        let commune = find_key(&o.properties, &["INSEE_COM", "com", "code_insee", "depcom"])
            .and_then(|k| property_text(&p, &k))
            .unwrap_or_else(|| code.chars().take(5).collect());
        if !options.territory.contains(&commune) {
            continue;
        }
        report.in_territory += 1;
        let label = find_key(&o.properties, &["NOM_IRIS", "libiris", "nom"])
            .and_then(|k| property_text(&p, &k))
            .unwrap_or_else(|| code.clone());
        let mut props = o.properties.clone();
        props.insert("code_iris".into(), Value::from(code.clone()));
        props.insert("nom_iris".into(), Value::from(label));
        props.insert("insee_com".into(), Value::from(commune));
        attach_population(
            &mut props,
            population.as_ref(),
            &code,
            "IRIS",
            &name,
            Location::Feature(o.index),
            &mut problems,
        );
        features.push(feature(o.polygons, props));
    }
    report.imported = features.len();
    let layer = ImportedLayer {
        name: options.layer_name.clone().unwrap_or_else(|| "iris".into()),
        collection: collection(features),
        id: "code_iris".into(),
        name_property: "nom_iris".into(),
        population: population.as_ref().map(|_| "population".into()),
        priority: false,
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
