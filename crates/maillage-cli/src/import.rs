//! `maillage import`: turn a national open-data file into (or merge it into) a bundle.

use crate::{print_error, say, warn};
use clap::Args;
use maillage::import::{import_into, ImportOptions, ImportReport, Source, TerritoryFilter};
use maillage::model::Date;
use maillage::msg;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `maillage import`.
#[derive(Args)]
pub struct ImportArgs {
    /// What FILE is: finess (etalab cs1100507 stock file), rpps
    /// (PS_LibreAcces_Personne_activite), data-inclusion (structures), qpv (QPV 2024
    /// outlines), iris (IRIS outlines, with --population) or communes (commune outlines,
    /// with --population).
    pub source: Source,
    /// The national file.
    pub file: PathBuf,
    /// The territory: comma-separated INSEE commune codes (30269,30140,30311), or the
    /// name of a layer of the bundle whose ids are commune (or IRIS) codes.
    #[arg(long, short)]
    pub territory: String,
    /// The bundle folder to merge into (created when absent). Hand-entered rows and
    /// columns are kept; actors the file no longer holds are marked vanished.
    #[arg(long)]
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
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the import; exit code 0 on success, 1 when the file or the bundle has errors.
pub fn run(args: ImportArgs) -> ExitCode {
    let territory = match TerritoryFilter::parse(&args.territory, &args.into) {
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
    match import_into(&args.into, args.source, &args.file, &options) {
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
                match serde_json::to_string_pretty(&value) {
                    Ok(s) => println!("{s}"),
                    Err(e) => print_error(e),
                }
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
