//! `maillage import`: turn a national open-data file into (or merge it into) a bundle.

use crate::{print_error, print_json, say, warn};
use clap::Args;
use maillage::import::{
    import_indicators, import_into, ImportOptions, ImportReport, IndicatorOptions, IndicatorReport,
    Source, TerritoryFilter,
};
use maillage::model::{Better, Date, UnknownName};
use maillage::msg;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `maillage import`.
#[derive(Args)]
pub struct ImportArgs {
    /// What FILE is: finess (etalab cs1100507 stock file), rpps
    /// (PS_LibreAcces_Personne_activite), data-inclusion (structures), qpv (QPV 2024
    /// outlines), iris (IRIS outlines, with --population) or communes (commune outlines,
    /// with --population), or indicators (an INSEE-style table of indicators by zone,
    /// with --into, --layer and --key).
    pub source: What,
    /// The national file.
    pub file: PathBuf,
    /// The territory: comma-separated INSEE commune codes (30269,30140,30311), or the
    /// name of a layer of the bundle whose ids are commune (or IRIS) codes.
    #[arg(long, short)]
    pub territory: Option<String>,
    /// The bundle folder to merge into (created when absent). Hand-entered rows and
    /// columns are kept; actors the file no longer holds are marked vanished.
    #[arg(long, visible_alias = "bundle")]
    pub into: PathBuf,
    /// A category table (TOML, the layout of crates/maillage/data/import/*.toml) overriding the built-in.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// Date written in import_date (default: the file's extraction date, else today).
    #[arg(long)]
    pub date: Option<Date>,
    /// Population table joined to IRIS, commune or QPV outlines.
    #[arg(long)]
    pub population: Option<PathBuf>,
    /// data·inclusion services file: each structure gets its services' names and themes.
    #[arg(long)]
    pub services: Option<PathBuf>,
    /// Name of the layer written by qpv, iris or communes (default: the source's name).
    #[arg(long)]
    pub layer_name: Option<String>,
    /// Layer of commune outlines that actors without a point are attached to.
    #[arg(long, default_value = "communes")]
    pub commune_layer: String,
    /// Base Adresse Nationale file(s) (adresses-NN.csv.gz, BAL or BANO): the imported
    /// actors without a point (RPPS professionals without a FINESS site of the bundle,
    /// data·inclusion structures without coordinates) are placed at their address in
    /// the same run. Repeat for several departments.
    #[arg(long, value_name = "FILE")]
    pub ban: Vec<PathBuf>,
    /// indicators: the layer whose zones get the values.
    #[arg(long)]
    pub layer: Option<String>,
    /// indicators: the table's column holding the zone id (CODE_IRIS, CODGEO).
    #[arg(long)]
    pub key: Option<String>,
    /// indicators: the columns to import (default: every numeric column but the key).
    #[arg(long, value_delimiter = ',')]
    pub columns: Vec<String>,
    /// indicators: label of a new indicator, COLUMN=TEXT.
    #[arg(long, value_name = "COLUMN=TEXT")]
    pub label: Vec<String>,
    /// indicators: unit of a new indicator, COLUMN=TEXT.
    #[arg(long, value_name = "COLUMN=TEXT")]
    pub unit: Vec<String>,
    /// indicators: COLUMN=higher or COLUMN=lower, for each column not declared yet.
    #[arg(long, value_name = "COLUMN=higher|lower")]
    pub better: Vec<String>,
    /// indicators: import COLUMN as the property NAME, COLUMN=NAME.
    #[arg(long = "as", value_name = "COLUMN=NAME")]
    pub rename: Vec<String>,
    /// indicators: write the values only, declaring no indicator.
    #[arg(long)]
    pub values_only: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// What `maillage import` reads: a national file, or a table of indicators.
#[derive(Clone, Copy)]
pub enum What {
    /// A national file.
    Source(Source),
    /// A table of indicators by zone.
    Indicators,
}

impl std::str::FromStr for What {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, UnknownName> {
        if s.trim().eq_ignore_ascii_case("indicators") {
            Ok(Self::Indicators)
        } else {
            s.parse().map(Self::Source)
        }
    }
}

/// Runs the import; exit code 0 on success, 1 when the file or the bundle has errors.
pub fn run(args: ImportArgs) -> ExitCode {
    let source = match args.source {
        What::Indicators => return run_indicators(args),
        What::Source(source) => source,
    };
    let Some(territory) = &args.territory else {
        print_error(msg!(
            ImportNeedsOption,
            option = "--territory",
            source = source.name()
        ));
        return ExitCode::from(2);
    };
    let territory = match TerritoryFilter::parse(territory, &args.into) {
        Ok(t) => t,
        Err(p) => {
            print_error(p);
            return ExitCode::from(2);
        }
    };
    // the address files are read first: a bad one stops before anything is written
    let index = if args.ban.is_empty() {
        None
    } else {
        match maillage::geocode::BanIndex::read(&args.ban) {
            Ok(index) => Some(index),
            Err(e) => {
                eprintln!("{e}");
                warn(msg!(
                    NothingImported,
                    path = args.into.display().to_string()
                ));
                return ExitCode::from(1);
            }
        }
    };
    let options = ImportOptions {
        territory,
        mapping: args.mapping,
        date: args.date,
        commune_layer: args.commune_layer,
        layer_name: args.layer_name,
        population: args.population,
        services: args.services,
    };
    match import_into(&args.into, source, &args.file, &options) {
        Ok(report) => {
            let geocoded = match &index {
                None => None,
                Some(index) => match maillage::geocode::geocode_bundle(
                    &args.into,
                    index,
                    &maillage::geocode::GeocodeOptions::default(),
                ) {
                    Ok(g) => Some(g),
                    Err(e) => {
                        print_report(&report, &args.into);
                        eprintln!("{e}");
                        warn(msg!(ImportWrittenNotGeocoded));
                        return ExitCode::from(1);
                    }
                },
            };
            if args.json {
                let value = serde_json::json!({ "import": report, "geocode": geocoded });
                let value = if geocoded.is_some() {
                    value
                } else {
                    serde_json::to_value(&report).unwrap_or_default()
                };
                print_json(&value);
            } else {
                print_report(&report, &args.into);
                if let Some(g) = &geocoded {
                    print!("{}", msg!(ImportGeocoded, report = g.to_string()));
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            for w in &e.warnings {
                warn(msg!(IndentedWarning, problem = w.to_string()));
            }
            ExitCode::from(1)
        }
    }
}

fn print_report(r: &ImportReport, bundle: &std::path::Path) {
    say(msg!(
        ImportRead,
        source = r.source.to_string(),
        file = &r.file,
        rows = r.rows,
        in_territory = r.in_territory,
        imported = r.imported,
        bundle = bundle.display().to_string()
    ));
    say(msg!(
        ImportChanges,
        added = r.added,
        updated = r.updated,
        vanished = r.vanished,
        returned = r.returned
    ));
    if r.placed_by_coordinates + r.placed_at_site + r.placed_at_commune > 0 {
        say(msg!(
            ImportPlaced,
            coordinates = r.placed_by_coordinates,
            site = r.placed_at_site,
            commune = r.placed_at_commune
        ));
    }
    if r.kept_points > 0 {
        say(msg!(ImportKeptPoints, count = r.kept_points));
    }
    for c in &r.unmapped {
        say(msg!(
            ImportUnmapped,
            code = &c.code,
            label = &c.label,
            count = c.count
        ));
    }
    for c in &r.skipped {
        say(msg!(
            ImportSkipped,
            code = &c.code,
            label = &c.label,
            count = c.count
        ));
    }
    for w in &r.warnings {
        say(msg!(IndentedWarning, problem = w.to_string()));
    }
}

/// `COLUMN=TEXT` pairs of an option; `None`, once the bad one is said, when one has no `=`.
fn pairs(option: &str, values: &[String]) -> Option<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for v in values {
        let Some((column, text)) = v.split_once('=') else {
            print_error(msg!(ImportBadIndicatorOption, option = option, value = v));
            return None;
        };
        out.insert(column.trim().to_owned(), text.trim().to_owned());
    }
    Some(out)
}

/// `maillage import indicators`: the table's columns joined to a layer's zones.
fn run_indicators(args: ImportArgs) -> ExitCode {
    let (Some(layer), Some(key)) = (args.layer.clone(), args.key.clone()) else {
        let option = if args.layer.is_none() {
            "--layer"
        } else {
            "--key"
        };
        print_error(msg!(
            ImportNeedsOption,
            option = option,
            source = "indicators"
        ));
        return ExitCode::from(2);
    };
    let (Some(labels), Some(units), Some(better), Some(rename)) = (
        pairs("--label", &args.label),
        pairs("--unit", &args.unit),
        pairs("--better", &args.better),
        pairs("--as", &args.rename),
    ) else {
        return ExitCode::from(2);
    };
    let mut directions = BTreeMap::new();
    for (column, text) in better {
        let b = match text.to_ascii_lowercase().as_str() {
            "higher" => Better::Higher,
            "lower" => Better::Lower,
            _ => {
                print_error(msg!(ImportBadBetter, value = format!("{column}={text}")));
                return ExitCode::from(2);
            }
        };
        directions.insert(column, b);
    }
    let options = IndicatorOptions {
        layer,
        key,
        columns: args.columns.iter().map(|c| c.trim().to_owned()).collect(),
        labels,
        units,
        better: directions,
        rename,
        values_only: args.values_only,
    };
    match import_indicators(&args.into, &args.file, &options) {
        Ok(report) => {
            if args.json {
                print_json(&report);
            } else {
                print_indicator_report(&report, &args.into);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            for w in &e.warnings {
                warn(msg!(IndentedWarning, problem = w.to_string()));
            }
            warn(msg!(
                IndicatorsNothingWritten,
                bundle = args.into.display().to_string()
            ));
            ExitCode::from(1)
        }
    }
}

/// At most the first 20 of a list, then "…".
fn first_20(items: &[String]) -> String {
    let mut s = items
        .iter()
        .take(20)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > 20 {
        s.push_str(", …");
    }
    s
}

fn print_indicator_report(r: &IndicatorReport, bundle: &std::path::Path) {
    say(msg!(
        IndicatorsRead,
        file = &r.file,
        rows = r.rows,
        matched = r.matched_rows,
        layer = &r.layer,
        bundle = bundle.display().to_string(),
        with_row = r.zones_with_row,
        zones = r.zones
    ));
    if r.level == "commune" {
        say(msg!(IndicatorsCommuneLevel));
    }
    say(msg!(
        IndicatorsColumns,
        columns = r.columns.join(", "),
        declared = if r.declared.is_empty() {
            "—".to_owned()
        } else {
            r.declared.join(", ")
        }
    ));
    if r.secret_cells > 0 {
        say(msg!(IndicatorsSecretCells, count = r.secret_cells));
    }
    if !r.zones_without_row.is_empty() {
        say(msg!(
            IndicatorsZonesWithoutRow,
            count = r.zones_without_row.len(),
            zones = first_20(&r.zones_without_row)
        ));
    }
    if !r.unmatched_keys.is_empty() {
        say(msg!(
            IndicatorsUnmatchedKeys,
            count = r.unmatched_keys.len(),
            keys = first_20(&r.unmatched_keys)
        ));
    }
}
