//! `maillage geocode`: place the actors of a bundle at their address, against the
//! Base Adresse Nationale files (offline) or an addok-compatible server.

use clap::Args;
use maillage::geocode::{
    geocode_bundle, Addok, BanIndex, BundleGeocoding, GeocodeOptions, MatchType,
};
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
        eprintln!(
            "erreur : --min-score {} : le score va de 0 à 1",
            args.min_score
        );
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
                    eprintln!(
                        "erreurs ({}) dans les fichiers d'adresses :",
                        e.errors.len()
                    );
                    for p in &e.errors {
                        eprintln!("  {p}");
                    }
                    for p in &e.warnings {
                        eprintln!("  avertissement : {p}");
                    }
                    eprintln!("{} : rien n'a été écrit", args.bundle.display());
                    return ExitCode::from(1);
                }
            };
            if !args.json {
                for w in &index.warnings {
                    eprintln!("avertissement : {w}");
                }
                println!(
                    "fichiers d'adresses : {} adresses, {} voies, {} communes",
                    index.len(),
                    index.streets(),
                    index.communes()
                );
            }
            geocode_bundle(&args.bundle, &index, &options)
        }
    };
    match outcome {
        Ok(report) => {
            if args.json {
                match serde_json::to_string_pretty(&report) {
                    Ok(s) => println!("{s}"),
                    Err(e) => eprintln!("erreur : {e}"),
                }
            } else {
                print_report(&report, &args.bundle, options.low_score);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("erreurs ({}) :", e.errors.len());
            for p in &e.errors {
                eprintln!("  {p}");
            }
            eprintln!("{} : actors.csv n'a pas été modifié", args.bundle.display());
            ExitCode::from(1)
        }
    }
}

/// "1 acteur placé", "2 acteurs placés".
fn placed(n: usize) -> String {
    let s = if n > 1 { "s" } else { "" };
    format!("{n} acteur{s} placé{s}")
}

/// A score with a decimal comma, "0,45".
fn score_fr(score: f64) -> String {
    format!("{score:.2}").replace('.', ",")
}

/// The French name of a type of match.
fn type_fr(t: MatchType) -> &'static str {
    match t {
        MatchType::HouseNumber => "au numéro",
        MatchType::Street => "à la voie",
        MatchType::Locality => "au lieu-dit",
        MatchType::Municipality => "à la commune seulement",
    }
}

fn print_report(r: &BundleGeocoding, bundle: &Path, low_score: f64) {
    println!(
        "{} : {} sur {} avec une adresse à géocoder",
        bundle.join("actors.csv").display(),
        placed(r.geocoded()),
        r.rows.len()
    );
    for t in MatchType::ALL {
        println!(
            "  {:<24} {:>6}  ({t})",
            type_fr(t),
            r.counts.get(&t).copied().unwrap_or(0)
        );
    }
    println!("  {:<24} {:>6}", "adresse introuvable", r.unresolved.len());
    println!(
        "  {:<24} {:>6}  (coordonnées déjà saisies, gardées ; --overwrite pour les remplacer)",
        "gardés tels quels", r.kept
    );
    println!("  {:<24} {:>6}", "sans adresse", r.without_address);
    let unresolved: Vec<_> = r.rows.iter().filter(|row| row.found.is_none()).collect();
    let low: Vec<_> = r
        .rows
        .iter()
        .filter(|row| row.found.as_ref().is_some_and(|g| g.score < low_score))
        .collect();
    if !unresolved.is_empty() || !low.is_empty() {
        println!("avertissements ({}) :", unresolved.len() + low.len());
    }
    for row in unresolved {
        println!(
            "  actors.csv:{} : adresse introuvable « {} »{} : corriger l'adresse ou saisir x, y à la main",
            row.line,
            row.address,
            id_of(&row.id)
        );
    }
    for row in low {
        if let Some(g) = &row.found {
            println!(
                "  actors.csv:{} : score faible {} : « {} »{} placé {} « {} » : à vérifier",
                row.line,
                score_fr(g.score),
                row.address,
                id_of(&row.id),
                type_fr(g.kind),
                g.label
            );
        }
    }
    if r.written {
        println!("actors.csv réécrit (x, y, geocode_score, geocode_type, geocode_label)");
    } else {
        println!("actors.csv inchangé : rien à géocoder");
    }
}

fn id_of(id: &str) -> String {
    if id.is_empty() {
        String::new()
    } else {
        format!(" ({id})")
    }
}
