//! Importers of French open data into a bundle: the FINESS establishment file, the
//! Annuaire Santé / RPPS professionals' extract, data·inclusion structures, and the
//! QPV, IRIS and commune outlines, each filtered to a territory and merged into a
//! bundle without losing what was entered by hand.
//!
//! Imported actors have ids that stay the same from one yearly file to the next
//! (`finess:<nofinesset>`, `rpps:<Identifiant PP>`, `dinclusion:<source>:<id>`), so the
//! partnerships entered by hand keep pointing at them. An actor that a new file no
//! longer holds is not deleted: its `import_status` becomes `vanished` (see
//! [`merge`](merge_actors) and docs/import.md).
//!
//! # Example
//! ```
//! use maillage::import::{import_into, ImportOptions, Source, TerritoryFilter};
//! let dir = tempfile::tempdir().unwrap();
//! let options = ImportOptions::new(TerritoryFilter::communes(["01451"]));
//! let report = import_into(dir.path(), Source::Finess,
//!     "../../tests/import/finess/etalab-cs1100507-stock-extrait.csv".as_ref(), &options).unwrap();
//! assert_eq!(report.added, 1); // the CH de Fleyriat, Viriat
//! assert!(dir.path().join("actors.csv").exists());
//! ```

mod communes;
mod data_inclusion;
mod finess;
mod indicators;
mod iris;
mod mapping;
mod merge;
mod national;
mod qpv;
mod rpps;
mod zones;

pub use communes::read_communes;
pub use data_inclusion::read_data_inclusion;
pub use finess::{insee_of_finess, read_finess};
pub use indicators::{import_indicators, IndicatorOptions, IndicatorReport, COMMUNE_LEVEL_SUFFIX};
pub use iris::read_iris;
pub use mapping::{
    Category, CategoryMap, Mapped, DATA_INCLUSION_TYPOLOGIES, FINESS_CATEGORIES, RPPS_PROFESSIONS,
};
pub use merge::{merge_actors, merge_layer, ACTOR_IMPORT_COLUMNS};
pub use qpv::read_qpv;
pub use rpps::read_rpps;

use crate::bundle::{parse_manifest, BundleErrors, Location, Problem, ProblemCode, Severity};
use crate::lang::Message;
use crate::model::UnknownName;
use crate::model::{Date, LonLat};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A national file that can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// FINESS establishments (etalab "cs1100507" stock file, geolocated).
    Finess,
    /// Annuaire Santé / RPPS professionals (`PS_LibreAcces_Personne_activite`).
    Rpps,
    /// data·inclusion structures (its published schema, CSV or JSON).
    DataInclusion,
    /// QPV 2024 outlines, merged per QPV (a priority layer).
    Qpv,
    /// IRIS outlines joined with INSEE's population by IRIS.
    Iris,
    /// Commune outlines with their population.
    Communes,
}

impl Source {
    /// The command-line name: `finess`, `rpps`, `data-inclusion`, `qpv`, `iris`, `communes`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Finess => "finess",
            Self::Rpps => "rpps",
            Self::DataInclusion => "data-inclusion",
            Self::Qpv => "qpv",
            Self::Iris => "iris",
            Self::Communes => "communes",
        }
    }

    /// The prefix of the ids of the actors this source creates (`finess` → `finess:`);
    /// `None` for the layer sources.
    pub fn id_prefix(self) -> Option<&'static str> {
        match self {
            Self::Finess => Some("finess:"),
            Self::Rpps => Some("rpps:"),
            Self::DataInclusion => Some("dinclusion:"),
            _ => None,
        }
    }
}

impl FromStr for Source {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, UnknownName> {
        Ok(
            match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
                "finess" => Self::Finess,
                "rpps" | "annuaire-sante" => Self::Rpps,
                "data-inclusion" | "datainclusion" => Self::DataInclusion,
                "qpv" => Self::Qpv,
                "iris" => Self::Iris,
                "communes" | "commune" => Self::Communes,
                _ => {
                    return Err(UnknownName::new(
                        crate::lang::Msg::WhatSource,
                        s,
                        &[
                            "finess",
                            "rpps",
                            "data-inclusion",
                            "qpv",
                            "iris",
                            "communes",
                        ],
                    ))
                }
            },
        )
    }
}

/// The communes a territory is made of, by INSEE code: rows of a national file are kept
/// when their commune is one of them.
///
/// # Example
/// ```
/// use maillage::import::TerritoryFilter;
/// let t = TerritoryFilter::communes(["30269", "30140"]);
/// assert!(t.contains("30269") && !t.contains("30244"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TerritoryFilter {
    /// INSEE commune codes, sorted.
    pub codes: BTreeSet<String>,
}

impl TerritoryFilter {
    /// A territory of these commune codes.
    pub fn communes<S: Into<String>>(codes: impl IntoIterator<Item = S>) -> Self {
        Self {
            codes: codes.into_iter().map(Into::into).collect(),
        }
    }

    /// Whether a commune code belongs to the territory.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains(code)
    }

    /// Reads `--territory`: comma-separated commune codes (`30269,30140`), or the name of
    /// a layer of `bundle` whose zone ids are commune codes (5 characters) or IRIS codes
    /// (9 digits, the first 5 the commune).
    ///
    /// # Errors
    /// The text is neither, the layer is absent, or its ids are not commune or IRIS codes.
    pub fn parse(spec: &str, bundle: &Path) -> Result<Self, Problem> {
        let items: Vec<&str> = spec
            .split([',', ' ', '|'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if !items.is_empty() && items.iter().all(|s| is_commune_code(s)) {
            return Ok(Self::communes(items.iter().map(|s| s.to_string())));
        }
        Self::from_layer(bundle, spec.trim())
    }

    /// The communes of a layer of the bundle (see [`TerritoryFilter::parse`]).
    ///
    /// # Errors
    /// The manifest or the layer cannot be read, or its ids are not commune codes.
    pub fn from_layer(bundle: &Path, layer: &str) -> Result<Self, Problem> {
        let manifest_file = crate::bundle::MANIFEST_FILE;
        let bad = |message: Message| {
            Problem::error(
                "--territory",
                Location::File,
                None,
                ProblemCode::UnknownLayer,
                message,
            )
        };
        let text = std::fs::read(bundle.join(manifest_file)).map_err(|e| {
            bad(crate::msg!(
                TerritoryManifestUnreadable,
                layer = layer,
                manifest = manifest_file,
                detail = e.to_string()
            ))
        })?;
        let (text, _) = crate::bundle::decode_text(manifest_file, &text);
        let mut problems = Vec::new();
        let manifest = parse_manifest(&text, &mut problems).ok_or_else(|| {
            let first = problems.first().map(|p| p.message.clone());
            bad(crate::msg!(
                ManifestCannotBeRead,
                manifest = manifest_file,
                detail = first.map_or_else(|| crate::lang::Arg::text(""), Into::into)
            ))
        })?;
        let spec = manifest
            .layers
            .iter()
            .find(|l| l.name == layer)
            .ok_or_else(|| {
                bad(crate::msg!(
                    NotCodesNorLayer,
                    layer = layer,
                    layers = manifest
                        .layers
                        .iter()
                        .map(|l| l.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        let ids = zones::layer_ids(&bundle.join(&spec.file), &spec.id).map_err(bad)?;
        let mut codes = BTreeSet::new();
        for id in ids {
            if is_commune_code(&id) {
                codes.insert(id);
            } else if id.len() == 9 && id.chars().all(|c| c.is_ascii_alphanumeric()) {
                codes.insert(id[..5].to_owned());
            } else {
                return Err(bad(crate::msg!(
                    ZoneNotCommuneCode,
                    id = &id,
                    layer = layer
                )));
            }
        }
        Ok(Self { codes })
    }
}

/// An INSEE commune code: 5 characters, digits or Corsica's `2A`/`2B`.
fn is_commune_code(s: &str) -> bool {
    s.len() == 5
        && (s.chars().all(|c| c.is_ascii_digit())
            || ((s.starts_with("2A") || s.starts_with("2B"))
                && s[2..].chars().all(|c| c.is_ascii_digit())))
}

/// Choices of an import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The territory rows are filtered to.
    pub territory: TerritoryFilter,
    /// A user category table overriding the built-in one.
    pub mapping: Option<PathBuf>,
    /// The date recorded in `import_date` (default: the file's extraction date when it
    /// has one, else today).
    pub date: Option<Date>,
    /// The layer of commune outlines actors without coordinates are attached to
    /// (`serves = LAYER:CODE`), and the name the `communes` source writes.
    pub commune_layer: String,
    /// Name of the layer a layer source writes (default: `qpv`, `iris`, `communes`).
    pub layer_name: Option<String>,
    /// Population table joined to IRIS or commune outlines.
    pub population: Option<PathBuf>,
    /// data·inclusion services file: each structure gets the names and themes of its
    /// services (`services`, `services_thematiques`).
    pub services: Option<PathBuf>,
}

impl ImportOptions {
    /// Default choices for a territory.
    pub fn new(territory: TerritoryFilter) -> Self {
        Self {
            territory,
            mapping: None,
            date: None,
            commune_layer: "communes".to_owned(),
            layer_name: None,
            population: None,
            services: None,
        }
    }
}

/// One actor read from a national file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedActor {
    /// Stable id (`finess:010000024`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind, from the category table.
    pub kind: String,
    /// Location in WGS84, when the file gives one (or the FINESS site does).
    pub location: Option<LonLat>,
    /// INSEE code of the commune.
    pub commune: String,
    /// Where the location comes from: `coordinates` (the file's), `finess_site` (the
    /// establishment the professional works at), `commune` (no point: attached to the
    /// commune and counted there).
    pub placement: &'static str,
    /// Other columns written to actors.csv (`finess`, `categetab`, `address`...).
    pub columns: Vec<(&'static str, String)>,
}

/// A layer read from a national file, ready to be written into `zones/`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedLayer {
    /// The layer's name in the manifest.
    pub name: String,
    /// The GeoJSON, WGS84.
    pub collection: geojson::FeatureCollection,
    /// Property holding the zone id.
    pub id: String,
    /// Property holding the zone name.
    pub name_property: String,
    /// Property holding the population, if any.
    pub population: Option<String>,
    /// Whether it is a priority layer.
    pub priority: bool,
}

/// A code of the file and how many rows carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    /// The code (`categetab`, profession, typologie).
    pub code: String,
    /// Its label as read in the file.
    pub label: String,
    /// Rows in the territory with this code.
    pub count: usize,
}

/// What an import read, kept and changed.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ImportReport {
    /// Source name (`finess`...).
    pub source: String,
    /// The file read.
    pub file: String,
    /// Date recorded in `import_date`.
    pub date: Option<Date>,
    /// Data rows (or features) read.
    pub rows: usize,
    /// Rows in the territory.
    pub in_territory: usize,
    /// Actors (or zones) the file gives for the territory.
    pub imported: usize,
    /// Actors located by the file's own coordinates.
    pub placed_by_coordinates: usize,
    /// Professionals placed at their FINESS site.
    pub placed_at_site: usize,
    /// Actors without a point, attached to their commune (`serves`) and counted there:
    /// their place within the commune is lost.
    pub placed_at_commune: usize,
    /// Of those, the actors written at the anchor point of their commune in the bundle's
    /// commune layer (so that coverage counts them in it); the others stay without x/y.
    pub placed_at_commune_anchor: usize,
    /// Actors without a point in the source whose row already had a better one (geocoded
    /// from the address, or moved by hand): kept.
    pub kept_points: usize,
    /// Codes absent from the category table: their rows were not imported.
    pub unmapped: Vec<CodeCount>,
    /// Codes the table deliberately skips.
    pub skipped: Vec<CodeCount>,
    /// New actors (or zones) added to the bundle.
    pub added: usize,
    /// Actors already in the bundle, refreshed.
    pub updated: usize,
    /// Actors of this source in the bundle that the file no longer holds: marked
    /// `import_status = vanished`, never deleted.
    pub vanished: usize,
    /// Previously vanished actors that the file holds again.
    pub returned: usize,
    /// Warnings (kept rows with doubtful values, precision lost...).
    pub warnings: Vec<Problem>,
}

/// Actors or a layer read from a file, with the report of the reading.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Actors, sorted by id.
    pub actors: Vec<ImportedActor>,
    /// The layer, for the layer sources.
    pub layer: Option<ImportedLayer>,
    /// What was read.
    pub report: ImportReport,
}

/// What the reading of a file needs to know of the bundle it goes into.
#[derive(Debug, Clone, Default)]
pub struct BundleContext {
    /// WGS84 points of the establishments already in the bundle, by FINESS number
    /// (actors `finess:<n>` with a location): professionals working there are placed
    /// at them.
    pub sites: HashMap<String, LonLat>,
}

/// Reads a national file, filtered to the territory, without touching any bundle.
///
/// # Errors
/// Every problem of the file (each naming file, line and field), or of the mapping.
pub fn read_source(
    source: Source,
    file: &Path,
    options: &ImportOptions,
    context: &BundleContext,
) -> Result<Imported, BundleErrors> {
    let imported = match source {
        Source::Finess => read_finess(file, options),
        Source::Rpps => read_rpps(file, options, context),
        Source::DataInclusion => read_data_inclusion(file, options),
        Source::Qpv => read_qpv(file, options),
        Source::Iris => read_iris(file, options),
        Source::Communes => read_communes(file, options),
    }?;
    Ok(imported)
}

/// Imports a national file into a bundle folder (created when absent): reads it,
/// filtered to the territory, and merges its actors into `actors.csv` or its layer into
/// `zones/` and `territory.toml`, each file written atomically.
///
/// # Arguments
/// * `bundle`: the bundle folder; a new one gets a minimal manifest and empty relations.
/// * `source`, `file`: what to read.
/// * `options`: territory, mapping, date, layer names.
///
/// # Returns
/// The report: counts read, kept, added, updated, vanished, unmapped categories.
///
/// # Errors
/// Every problem of the file or of the bundle's actors.csv; nothing is written then.
///
/// # Example
/// See the [module](self) documentation.
pub fn import_into(
    bundle: &Path,
    source: Source,
    file: &Path,
    options: &ImportOptions,
) -> Result<ImportReport, BundleErrors> {
    merge::ensure_bundle(bundle).map_err(io_error(bundle))?;
    let context = merge::bundle_context(bundle);
    let imported = read_source(source, file, options, &context)?;
    let mut report = imported.report;
    if let Some(layer) = &imported.layer {
        merge_layer(bundle, layer, &mut report)?;
    } else if let Some(prefix) = source.id_prefix() {
        let date = report.date.unwrap_or_else(today);
        report.date = Some(date);
        merge_actors(
            bundle,
            prefix,
            &imported.actors,
            date,
            &options.commune_layer,
            &mut report,
        )?;
    }
    Ok(report)
}

fn io_error(bundle: &Path) -> impl Fn(std::io::Error) -> BundleErrors + '_ {
    move |e| BundleErrors {
        errors: vec![Problem::error(
            bundle.display().to_string(),
            Location::File,
            None,
            ProblemCode::MissingFile,
            crate::msg!(BundleNotWritable, detail = e.to_string()),
        )],
        warnings: vec![],
    }
}

/// Today's date (UTC), from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    // civil_from_days (H. Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Date::new(y, m, d).unwrap_or_else(|| Date::new(1970, 1, 1).expect("valid date"))
}

/// Splits problems into a result: errors refuse, warnings go to the report.
pub(crate) fn finish(
    problems: Vec<Problem>,
    mut imported: Imported,
) -> Result<Imported, BundleErrors> {
    let (errors, warnings): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|p| p.severity == Severity::Error);
    if errors.is_empty() {
        imported.report.warnings.extend(warnings);
        Ok(imported)
    } else {
        Err(BundleErrors { errors, warnings })
    }
}

/// The file name used in problems: the path as given.
pub(crate) fn display_name(file: &Path) -> String {
    file.display().to_string()
}

/// Reads a category table (built-in + user overrides), checked against the taxonomy.
pub(crate) fn category_map(
    builtin: &str,
    options: &ImportOptions,
) -> Result<CategoryMap, BundleErrors> {
    let one = |p: Problem| BundleErrors {
        errors: vec![p],
        warnings: vec![],
    };
    let map = CategoryMap::with_overrides(builtin, options.mapping.as_deref()).map_err(one)?;
    let name = options
        .mapping
        .as_ref()
        .map_or("built-in table".to_owned(), |p| p.display().to_string());
    let errors = map.check(&name, &crate::model::Taxonomy::builtin());
    if errors.is_empty() {
        Ok(map)
    } else {
        Err(BundleErrors {
            errors,
            warnings: vec![],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_source_names() {
        assert_eq!("data_inclusion".parse(), Ok(Source::DataInclusion));
        assert_eq!("FINESS".parse(), Ok(Source::Finess));
        assert!("sae".parse::<Source>().is_err());
    }

    #[test]
    fn reads_territory_codes() {
        let t = TerritoryFilter::parse("30269, 30140,2A004", Path::new("/nonexistent")).unwrap();
        assert_eq!(t.codes.len(), 3);
        let e = TerritoryFilter::parse("cevennes", Path::new("/nonexistent")).unwrap_err();
        assert_eq!(e.code, ProblemCode::UnknownLayer);
    }

    #[test]
    fn today_is_a_plausible_date() {
        assert!(today() > Date::new(2024, 1, 1).unwrap());
    }
}
