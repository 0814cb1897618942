//! `maillage geocode`: place the actors of a bundle at their address, against the
//! Base Adresse Nationale files (offline) or an addok-compatible server.

use crate::{plural, print_error, print_json, print_problems, say, warn};
use clap::Args;
use maillage::geocode::{
    geocode_bundle, Addok, BanIndex, BundleGeocoding, GeocodeOptions, MatchType,
};
use maillage::lang::{Message, Msg};
use maillage::msg;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `maillage geocode`.
#[derive(Args)]
pub struct GeocodeArgs {
    /// The bundle folder: actors.csv is rewritten in place (atomically), with x, y,
    /// geocode_score, geocode_type and geocode_label.
    pub bundle: PathBuf,
    /// A Base Adresse Nationale file (adresses-NN.csv or .csv.gz), a Base Adresse
    /// Locale or a BANO file; repeat it for several departments.
    #[arg(long, value_name = "FILE", required_unless_present = "api")]
    pub ban: Vec<PathBuf>,
    /// Geocode through an addok-compatible server instead (for example
    /// https://api-adresse.data.gouv.fr): the addresses leave the machine.
    #[arg(long, value_name = "URL", conflicts_with = "ban")]
    pub api: Option<String>,
    /// Replace the coordinates already in actors.csv (by default a point entered by
    /// hand is kept).
    #[arg(long)]
    pub overwrite: bool,
    /// Points found with a lower score (0 to 1) are listed as warnings to check.
    #[arg(long, value_name = "S", default_value_t = 0.6)]
    pub min_score: f64,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the geocoding; exit code 0 on success (warnings included), 1 when the address
/// files, the server or the bundle have errors (the bundle is then untouched), 2 on a
/// usage error.
pub fn run(args: GeocodeArgs) -> ExitCode {
    if !(0.0..=1.0).contains(&args.min_score) {
        print_error(msg!(MinScoreRange, value = args.min_score));
        return ExitCode::from(2);
    }
    let options = GeocodeOptions {
        overwrite: args.overwrite,
        low_score: args.min_score,
    };
    let outcome = match &args.api {
        Some(url) => geocode_bundle(&args.bundle, &Addok::new(url.clone()), &options),
        None => {
            let index = match BanIndex::read(&args.ban) {
                Ok(index) => index,
                Err(e) => {
                    print_problems(Msg::AddressFilesErrorsTitle, &e.errors);
                    for p in &e.warnings {
                        warn(msg!(IndentedWarning, problem = p.to_string()));
                    }
                    warn(msg!(
                        NothingWrittenTo,
                        path = args.bundle.display().to_string()
                    ));
                    return ExitCode::from(1);
                }
            };
            if !args.json {
                for w in &index.warnings {
                    warn(msg!(WarningLine, problem = w.to_string()));
                }
                say(msg!(
                    AddressFilesRead,
                    addresses = index.len(),
                    streets = index.streets(),
                    communes = index.communes()
                ));
            }
            geocode_bundle(&args.bundle, &index, &options)
        }
    };
    match outcome {
        Ok(report) => {
            if args.json {
                print_json(&report);
            } else {
                print_report(&report, &args.bundle, options.low_score);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_problems(Msg::ErrorsTitle, &e.errors);
            warn(msg!(
                ActorsCsvUnchangedAfterErrors,
                path = args.bundle.display().to_string()
            ));
            ExitCode::from(1)
        }
    }
}

/// A score as the language writes it: "0,45" in French, "0.45" in English.
fn score_text(score: f64) -> String {
    let text = format!("{score:.2}");
    match maillage::lang::language() {
        maillage::lang::Lang::Fr => text.replace('.', ","),
        maillage::lang::Lang::En => text,
    }
}

/// The words of a type of match.
fn match_words(t: MatchType) -> Msg {
    match t {
        MatchType::HouseNumber => Msg::MatchAtHouseNumber,
        MatchType::Street => Msg::MatchAtStreet,
        MatchType::Locality => Msg::MatchAtLocality,
        MatchType::Municipality => Msg::MatchAtMunicipality,
    }
}

fn print_report(r: &BundleGeocoding, bundle: &Path, low_score: f64) {
    say(msg!(
        ActorsPlacedOf,
        path = bundle.join("actors.csv").display().to_string(),
        count = r.geocoded(),
        count_s = plural(r.geocoded()),
        rows = r.rows.len()
    ));
    let label = |key: Msg| Message::new(key).to_string();
    for t in MatchType::ALL {
        println!(
            "  {:<24} {:>6}  ({t})",
            label(match_words(t)),
            r.counts.get(&t).copied().unwrap_or(0)
        );
    }
    println!(
        "  {:<24} {:>6}",
        label(Msg::AddressNotFoundCount),
        r.unresolved.len()
    );
    println!(
        "  {:<24} {:>6}  {}",
        label(Msg::KeptAsTheyWere),
        r.kept,
        label(Msg::KeptAsTheyWereWhy)
    );
    println!(
        "  {:<24} {:>6}",
        label(Msg::WithoutAddress),
        r.without_address
    );
    let unresolved: Vec<_> = r.rows.iter().filter(|row| row.found.is_none()).collect();
    let low: Vec<_> = r
        .rows
        .iter()
        .filter(|row| row.found.as_ref().is_some_and(|g| g.score < low_score))
        .collect();
    if !unresolved.is_empty() || !low.is_empty() {
        say(msg!(WarningsTitle, count = unresolved.len() + low.len()));
    }
    for row in unresolved {
        say(msg!(
            AddressNotFoundRow,
            line = row.line,
            address = &row.address,
            id = id_of(&row.id)
        ));
    }
    for row in low {
        if let Some(g) = &row.found {
            say(msg!(
                LowScoreRow,
                line = row.line,
                score = score_text(g.score),
                address = &row.address,
                id = id_of(&row.id),
                kind = Message::new(match_words(g.kind)),
                label = &g.label
            ));
        }
    }
    if r.written {
        say(msg!(ActorsCsvRewritten));
    } else {
        say(msg!(ActorsCsvNothingToGeocode));
    }
}

fn id_of(id: &str) -> String {
    if id.is_empty() {
        String::new()
    } else {
        format!(" ({id})")
    }
}
