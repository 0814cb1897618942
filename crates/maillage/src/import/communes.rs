//! Commune outlines (IGN Admin Express `INSEE_COM`/`NOM`, or the france-geojson
//! `code`/`nom` files) joined with a population table (INSEE `COM`/`PMUN`, or a
//! `code_insee`/`population` table).

use super::zones::{
    attach_population, collection, feature, find_key, property_text, read_outlines, read_population,
};
use super::{display_name, finish, ImportOptions, ImportReport, Imported, ImportedLayer};
use crate::bundle::{BundleErrors, Location, Problem, ProblemCode};
use serde_json::Value;
use std::path::Path;

/// Reads the outlines of the territory's communes, with their population from
/// `options.population` when given. The layer is named `options.commune_layer` (default
/// `communes`) with properties `code`, `nom` and `population`, so that actors attached
/// to a commune (`serves = communes:CODE`) find it.
///
/// # Errors
/// Unreadable files, features without a commune code or polygon, bad population cells.
///
/// # Example
/// ```
/// use maillage::import::{read_communes, ImportOptions, TerritoryFilter};
/// let mut options = ImportOptions::new(TerritoryFilter::communes(["30269", "30140"]));
/// options.population = Some("../../data/cevennes/sources/population_communes.csv".into());
/// let got = read_communes("../../data/cevennes/sources/communes_cevennes_candidats_15km.geojson".as_ref(),
///     &options).unwrap();
/// let layer = got.layer.unwrap();
/// assert_eq!(layer.collection.features.len(), 2);
/// ```
pub fn read_communes(file: &Path, options: &ImportOptions) -> Result<Imported, BundleErrors> {
    let name = display_name(file);
    let mut problems = Vec::new();
    let outlines = read_outlines(file, &mut problems).unwrap_or_default();
    let population = options.population.as_ref().and_then(|p| {
        read_population(
            p,
            &["code_insee", "COM", "CODGEO", "INSEE_COM", "DEPCOM", "code"],
            &["population", "PMUN", "PTOT"],
            &mut problems,
        )
    });
    let mut report = ImportReport {
        source: "communes".into(),
        file: name.clone(),
        date: options.date,
        ..ImportReport::default()
    };
    let mut features = Vec::new();
    for o in outlines {
        report.rows += 1;
        let p = Value::Object(o.properties.clone());
        let Some(code) = find_key(
            &o.properties,
            &["INSEE_COM", "code", "code_insee", "insee", "codgeo"],
        )
        .and_then(|k| property_text(&p, &k)) else {
            problems.push(Problem::error(
                &name,
                Location::Feature(o.index),
                Some("code"),
                ProblemCode::MissingProperty,
                "no commune code (expected a property INSEE_COM or code, e.g. 30269)",
            ));
            continue;
        };
        if !options.territory.contains(&code) {
            continue;
        }
        report.in_territory += 1;
        let label = find_key(
            &o.properties,
            &["NOM", "nom", "NOM_COM", "libgeo", "nom_commune"],
        )
        .and_then(|k| property_text(&p, &k))
        .unwrap_or_else(|| code.clone());
        let mut props = o.properties.clone();
        props.insert("code".into(), Value::from(code.clone()));
        props.insert("nom".into(), Value::from(label));
        attach_population(
            &mut props,
            population.as_ref(),
            &code,
            "commune",
            &name,
            Location::Feature(o.index),
            &mut problems,
        );
        features.push(feature(o.polygons, props));
    }
    report.imported = features.len();
    let layer = ImportedLayer {
        name: options
            .layer_name
            .clone()
            .unwrap_or_else(|| options.commune_layer.clone()),
        collection: collection(features),
        id: "code".into(),
        name_property: "nom".into(),
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
