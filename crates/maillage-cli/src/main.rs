//! The `maillage` command: check a territory bundle and diagnose it.

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use maillage::io::{load_bundle, write_atomic, zones_geojson, Problem};
use maillage::{Diagnosis, Loaded, Territory};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// The example bundle the commands use when none is given.
const EXAMPLE_BUNDLE: &str = "data/lyon7";

#[derive(Parser)]
#[command(
    name = "maillage",
    version,
    about = "Maps the actors of local health coordination and their partnerships, and diagnoses the network of a territory.",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a bundle: print every error and warning. Exit code 0 when it loads, 1 when
    /// it has errors, 2 on a usage error.
    Validate {
        /// Bundle folder (default: the example data/lyon7).
        bundle: Option<PathBuf>,
        /// Print the problems as JSON (one object with `errors` and `warnings`).
        #[arg(long)]
        json: bool,
    },
    /// Diagnose a bundle: print a summary and write the outputs (zones.geojson).
    Diagnose {
        /// Bundle folder (default: the example data/lyon7).
        bundle: Option<PathBuf>,
        /// Output folder, created if needed.
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        /// Zone property that colours the map (default: count of the first required kind).
        #[arg(long)]
        indicator: Option<String>,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { bundle, json } => validate(&bundle_path(bundle), json),
        Command::Diagnose {
            bundle,
            out,
            indicator,
            quiet,
        } => diagnose(&bundle_path(bundle), &out, indicator.as_deref(), quiet),
    }
}

/// The bundle given, or the example: `data/lyon7` under the working folder, else the
/// one of the source tree this binary was built from.
fn bundle_path(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| {
        let local = PathBuf::from(EXAMPLE_BUNDLE);
        if local.is_dir() {
            return local;
        }
        let built = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(EXAMPLE_BUNDLE);
        if built.is_dir() {
            built
        } else {
            local
        }
    })
}

/// A spinner on a terminal; nothing when stderr is redirected.
fn progress(quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(100));
    Some(bar)
}

fn step(bar: &Option<ProgressBar>, message: &'static str) {
    if let Some(b) = bar {
        b.set_message(message);
    }
}

fn print_problems(title: &str, problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    eprintln!("{title} ({}):", problems.len());
    for p in problems {
        eprintln!("  {p}");
    }
}

fn validate(bundle: &Path, json: bool) -> ExitCode {
    let (errors, warnings, loaded) = match load_bundle(bundle) {
        Ok(Loaded {
            territory,
            warnings,
        }) => (Vec::new(), warnings, Some(territory)),
        Err(e) => (e.errors, e.warnings, None),
    };
    if json {
        let value = serde_json::json!({ "bundle": bundle, "errors": errors, "warnings": warnings });
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        print_problems("errors", &errors);
        print_problems("warnings", &warnings);
        match &loaded {
            Some(t) => println!(
                "{}: valid ({} actors, {} relations, {} actions, {} needs, {} layers; {} warning{})",
                bundle.display(),
                t.actors.len(),
                t.relations.len(),
                t.actions.len(),
                t.needs.len(),
                t.layers.len(),
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" }
            ),
            None => println!("{}: {} error{}, not loaded", bundle.display(), errors.len(), if errors.len() == 1 { "" } else { "s" }),
        }
    }
    if loaded.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn diagnose(bundle: &Path, out: &Path, indicator: Option<&str>, quiet: bool) -> ExitCode {
    let bar = progress(quiet);
    step(&bar, "loading the bundle");
    let loaded = load_bundle(bundle);
    let Loaded {
        territory,
        warnings,
    } = match loaded {
        Ok(l) => l,
        Err(e) => {
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            print_problems("errors", &e.errors);
            print_problems("warnings", &e.warnings);
            eprintln!(
                "{}: {} error{}, nothing written",
                bundle.display(),
                e.errors.len(),
                if e.errors.len() == 1 { "" } else { "s" }
            );
            return ExitCode::from(1);
        }
    };
    step(&bar, "diagnosing the network and the zones");
    let diagnosis = Diagnosis::of(&territory);
    step(&bar, "writing the outputs");
    let written = write_outputs(&territory, &diagnosis, out, indicator);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !quiet {
        print_problems("warnings", &warnings);
        print_summary(&territory, &diagnosis);
    }
    match written {
        Ok(files) => {
            if !quiet {
                for f in files {
                    println!("written: {}", f.display());
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn write_outputs(
    territory: &Territory,
    diagnosis: &Diagnosis,
    out: &Path,
    indicator: Option<&str>,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder {}: {e}", out.display()))?;
    let zones = zones_geojson(territory, diagnosis, indicator);
    let path = out.join("zones.geojson");
    let text = serde_json::to_string(&zones).map_err(|e| e.to_string())?;
    write_atomic(&path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(vec![path])
}

fn print_summary(t: &Territory, d: &Diagnosis) {
    let s = &d.summary;
    let date = s
        .date
        .map_or_else(|| "all dates".to_owned(), |d| d.to_string());
    println!("{}: network on {date}", s.territory);
    println!("actors: {} ({} located)", s.actors, s.located_actors);
    for (sector, n) in &s.actors_by_sector {
        let label = t
            .taxonomy
            .sector(sector)
            .map_or(sector.as_str(), |x| x.label.as_str());
        println!("  {label:<40} {n:>6}");
    }
    println!(
        "relations valid on {date}: {} of {}",
        s.relations, s.relations_total
    );
    for (kind, n) in &s.relations_by_kind {
        let label = t
            .taxonomy
            .relation_kinds
            .get(kind)
            .map_or(kind.as_str(), |x| x.label.as_str());
        println!("  {label:<40} {n:>6}");
    }
    println!(
        "network: {} ties between actors, density {:.4}, {} component{} (largest {} actors, {:.1} %), {} isolated actor{}",
        s.edges,
        s.density,
        s.components,
        if s.components == 1 { "" } else { "s" },
        s.largest_component,
        100.0 * s.largest_component_share,
        s.isolated_actors,
        if s.isolated_actors == 1 { "" } else { "s" }
    );
    println!("located actors per zone of layer {}:", d.coverage_layer);
    for z in &d.zones {
        let population = z
            .population
            .map_or_else(|| "—".to_owned(), |p| format!("{}", p.round()));
        println!(
            "  {:<40} {:>6}   population {population}{}",
            z.name,
            z.actors,
            if z.priority { "   (priority)" } else { "" }
        );
    }
}
