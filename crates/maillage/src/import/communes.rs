//! Commune outlines (IGN Admin Express `INSEE_COM`/`NOM`, or the france-geojson
//! `code`/`nom` files) joined with a population table (INSEE `COM`/`PMUN`, or a
//! `code_insee`/`population` table).

use super::zones::{find_text, read_zone_source, TerritoryZone, ZoneSource};
use super::{ImportOptions, Imported};
use crate::bundle::BundleErrors;
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
    let source = ZoneSource {
        source: "communes",
        layer: &options.commune_layer,
        what: "commune",
        id: "code",
        name_property: "nom",
        priority: false,
        population_ids: &["code_insee", "COM", "CODGEO", "INSEE_COM", "DEPCOM", "code"],
        population_columns: &["population", "PMUN", "PTOT"],
    };
    read_zone_source(file, options, &source, |outlines, reading| {
        let mut zones = Vec::new();
        for o in outlines {
            let Some(code) = reading.code(
                &o,
                &["INSEE_COM", "code", "code_insee", "insee", "codgeo"],
                "code",
                crate::msg!(NoCommuneCode),
            ) else {
                continue;
            };
            if !options.territory.contains(&code) {
                continue;
            }
            let label = find_text(
                &o.properties,
                &["NOM", "nom", "NOM_COM", "libgeo", "nom_commune"],
            )
            .unwrap_or_else(|| code.clone());
            let set = [("code", code.clone()), ("nom", label)];
            zones.push(TerritoryZone::of_outline(o, code, set));
        }
        zones
    })
}
