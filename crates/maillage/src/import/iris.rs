//! IRIS outlines (IGN "Contours… IRIS": `CODE_IRIS`, `NOM_IRIS`, `INSEE_COM`) joined
//! with INSEE's population by IRIS (the "base-ic-evol-struct-pop" table: `IRIS` and
//! `PNN_POP`).

use super::zones::{find_text, read_zone_source, TerritoryZone, ZoneSource};
use super::{ImportOptions, Imported};
use crate::bundle::BundleErrors;
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
    let source = ZoneSource {
        source: "iris",
        layer: "iris",
        what: "IRIS",
        id: "code_iris",
        name_property: "nom_iris",
        priority: false,
        population_ids: &["IRIS", "CODE_IRIS"],
        population_columns: &["population"],
    };
    read_zone_source(file, options, &source, |outlines, reading| {
        let mut zones = Vec::new();
        for o in outlines {
            let Some(code) = reading.code(
                &o,
                &["CODE_IRIS", "code_iris", "iris", "id"],
                "CODE_IRIS",
                crate::msg!(NoIrisCode),
            ) else {
                continue;
            };
            let commune = find_text(&o.properties, &["INSEE_COM", "com", "code_insee", "depcom"])
                .unwrap_or_else(|| code.chars().take(5).collect());
            if !options.territory.contains(&commune) {
                continue;
            }
            let label = find_text(&o.properties, &["NOM_IRIS", "libiris", "nom"])
                .unwrap_or_else(|| code.clone());
            let set = [
                ("code_iris", code.clone()),
                ("nom_iris", label),
                ("insee_com", commune),
            ];
            zones.push(TerritoryZone::of_outline(o, code, set));
        }
        zones
    })
}
