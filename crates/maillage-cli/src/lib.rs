//! The `maillage` command: check a territory bundle and diagnose it.
//!
//! The command is a library so that its two front doors run the same code: the
//! `maillage` binary of this crate and the `maillage` entry point of the Python wheel
//! (`maillage._maillage.run_command`), which a coordinator gets from `pip install`
//! without Rust.

mod compare;
mod geocode;
mod import;

mod generate;
mod help;
mod survey;
mod workbook;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use maillage::atomic::write_atomic;
use maillage::bundle::{error_count, load_bundle, Problem};
use maillage::crs::Crs;
use maillage::diagnosis::DiagnosisOptions;
use maillage::lang::{set_language, Lang, Message, Msg};
use maillage::msg;
use maillage::outputs::{write_outputs, OutputFile, OutputOptions};
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
    /// Language of the messages: fr or en (default: LC_ALL, LC_MESSAGES or LANG,
    /// French unless en*).
    #[arg(long, global = true, value_name = "fr|en", value_parser = parse_lang)]
    lang: Option<Lang>,
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
    /// Diagnose a bundle: print a summary and write every output (maps, tables, graph
    /// files, the report).
    Diagnose {
        /// Bundle folder (default: the example data/lyon7).
        bundle: Option<PathBuf>,
        /// Output folder, created if needed.
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        choices: Choices,
        /// A cost table (CSV: origin, destination, minutes and/or metres; docs/bundle.md,
        /// "Travel costs"): road times or distances from each zone of the coverage
        /// layer to actors, or to the suppliers of a zone, replacing the straight-line
        /// distances of access (2SFCA, E2SFCA). A pair absent from the table is out of
        /// reach. The manifest's [analysis.costs] settings (unit, catchment, decay)
        /// apply to it; replaces the manifest's own file. The report, the summary and
        /// access_road.csv then compare access by road with access by straight line.
        #[arg(long, value_name = "FILE")]
        costs: Option<PathBuf>,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Also write a GIS format: gpkg (diagnostic.gpkg, with QGIS styles) or parquet
        /// (zones.parquet, actors.parquet, ties.parquet); repeat it for both.
        #[arg(long, value_name = "gpkg|parquet", value_parser = ["gpkg", "parquet"])]
        format: Vec<String>,
    },
    /// Compare territories: diagnose each bundle (in parallel), write its outputs into
    /// OUT/NAME (NAME: the bundle folder's name) and the comparison into OUT
    /// (comparaison.html, comparaison.csv, comparaison_figures.csv,
    /// comparaison_chevauchements.csv, comparaison_echecs.csv). A bundle that fails
    /// is reported and the others are compared. Exit code 0 when all were compared, 1
    /// when one failed (the others written), 2 on a usage error.
    Compare {
        /// Bundle folders (each folder's name must be unique).
        #[arg(required = true, num_args = 1..)]
        bundles: Vec<PathBuf>,
        /// Output folder, created if needed.
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        choices: Choices,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write one output of a diagnosis, to a file or to the standard output.
    Export {
        /// The output: zones.geojson, actors.geojson, network.geojson, network.graphml,
        /// network.gexf, actors.csv, groups.csv, dispositifs.csv, zones.csv, gaps.csv,
        /// suggestions.csv, directory.csv, solicitation.csv, pathways.csv, report.html,
        /// summary.txt or diagnostic.xlsx.
        #[arg(value_parser = parse_output_file)]
        format: OutputFile,
        /// Bundle folder (default: the example data/lyon7).
        bundle: Option<PathBuf>,
        /// File written (atomically); `-` for the standard output. Default: the
        /// output's name in the current folder.
        #[arg(long, short)]
        out: Option<PathBuf>,
        #[command(flatten)]
        choices: Choices,
        /// A cost table (CSV: origin, destination, minutes and/or metres; docs/bundle.md,
        /// "Travel costs"): road times or distances from each zone of the coverage
        /// layer to actors, or to the suppliers of a zone, replacing the straight-line
        /// distances of access (2SFCA, E2SFCA). A pair absent from the table is out of
        /// reach. The manifest's [analysis.costs] settings (unit, catchment, decay)
        /// apply to it; replaces the manifest's own file. The report, the summary and
        /// access_road.csv then compare access by road with access by straight line.
        #[arg(long, value_name = "FILE")]
        costs: Option<PathBuf>,
    },
    /// Import a national open-data file (FINESS, RPPS, data·inclusion, QPV, IRIS,
    /// communes) into a bundle, filtered to a territory, keeping what was entered by hand.
    Import(import::ImportArgs),
    /// Place the actors of a bundle at their address (address, postcode, citycode or
    /// commune columns of actors.csv), against Base Adresse Nationale files (offline)
    /// or an addok-compatible server; writes x, y, geocode_score, geocode_type and
    /// geocode_label into actors.csv. Exit code 0 when done, 1 on errors (nothing
    /// written), 2 on a usage error.
    Geocode(geocode::GeocodeArgs),
    /// Écrit un classeur vierge à remplir (.xlsx) : feuilles acteurs, relations,
    /// actions, besoins aux en-têtes français, listes déroulantes des types, feuille
    /// Lisez-moi.
    Template(workbook::TemplateArgs),
    /// Convertit un bundle en bundle classeur (OUT.xlsx : le classeur, avec
    /// territory.toml et les couches copiés à côté) ou le remet en CSV (OUT_DIR).
    Convert(workbook::ConvertArgs),
    /// Enquête sur les partenariats : `survey BUNDLE --out DOSSIER` écrit un
    /// questionnaire par structure et dispositif ; `survey merge BUNDLE DOSSIER`
    /// fusionne les questionnaires rendus dans relations.csv et en fait le rapport.
    Survey(survey::SurveyArgs),
    /// Write a seeded synthetic territory bundle (for benchmarks): sizes S (500 actors),
    /// M (5,000), L (50,000), XL (500,000 actors, 4,000,000 relations, 50,000 IRIS).
    Generate {
        /// S, M, L or XL.
        #[arg(long, default_value = "S")]
        size: String,
        /// Seed of every random choice: the same seed writes the same bundle.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Bundle folder, created if needed.
        #[arg(long, short)]
        out: PathBuf,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
}

/// The user's choices for a diagnosis and its presentation.
#[derive(Args)]
pub(crate) struct Choices {
    /// Zone property that colours the map; repeat it for several maps in the report
    /// (zones.geojson takes the first). Default: access of the first required kind.
    #[arg(long, value_name = "PROPERTY")]
    indicator: Vec<String>,
    /// Actor attribute that defines groups (sector, kind, family or a column of
    /// actors.csv; default: the manifest's partition).
    #[arg(long)]
    partition: Option<String>,
    /// Estimate betweenness from K seeded pivots instead of exactly (default: exact
    /// up to 2e10 actors × ties, about a department of 50,000 actors, above: 1,024
    /// pivots for betweenness, 256 per component for closeness).
    #[arg(long, value_name = "K")]
    betweenness_pivots: Option<usize>,
    /// Seed of every random choice (pivots, communities, key players).
    #[arg(long, default_value_t = maillage::network::DEFAULT_SEED)]
    seed: u64,
    /// How many links to suggest in suggestions.csv and the report, best first.
    #[arg(long, value_name = "N", default_value_t = maillage::gaps::DEFAULT_SUGGESTIONS)]
    suggestions: usize,
    /// Show individual professionals in the presentation outputs (actors.geojson,
    /// network.geojson, report.html); by default they are only counted in their zone.
    #[arg(long)]
    include_individuals: bool,
    /// For publication: suppress zone counts from 1 to N-1 in zones.geojson and the
    /// report (shown null / "s", with what would give them back). Without N: 11, the
    /// French health-data rule. Default: nothing suppressed (the tables keep every
    /// count).
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "11")]
    min_count: Option<u64>,
    /// Diagnose the confirmed ties only: relations entered by hand, and those of a
    /// survey that both sides named (docs/analyses.md, "Confirmed ties and
    /// reciprocity").
    #[arg(long)]
    confirmed_only: bool,
    /// An earlier date (YYYY-MM-DD): the summary, the report and evolution.csv say what
    /// changed since (docs/analyses.md §4, "Before and after").
    #[arg(long, value_name = "DATE")]
    since: Option<maillage::model::Date>,
    /// Coordinates of the GIS formats (diagnostic.gpkg, *.parquet): EPSG:2154
    /// (Lambert-93) or EPSG:4326 (WGS84 lon/lat). Default: the bundle's CRS.
    #[arg(long, value_name = "EPSG:2154|EPSG:4326", value_parser = parse_crs)]
    crs: Option<Crs>,
}

impl Choices {
    pub(crate) fn diagnosis_options(&self) -> DiagnosisOptions {
        DiagnosisOptions {
            partition: self.partition.clone(),
            betweenness_pivots: self.betweenness_pivots,
            seed: self.seed,
            suggestions: self.suggestions,
            confirmed_only: self.confirmed_only,
            since: self.since,
            ..DiagnosisOptions::default()
        }
    }

    /// The options of the outputs; `gis_crs`, the CRS of the GIS formats when some are
    /// written (`--crs`, else the bundle's), `None` when none is.
    pub(crate) fn output_options(&self, gis_crs: Option<Crs>) -> OutputOptions {
        OutputOptions {
            indicators: self.indicator.clone(),
            include_individuals: self.include_individuals,
            min_count: self.min_count.unwrap_or(0),
            crs: gis_crs.unwrap_or_default(),
        }
    }
}

/// Prints an error for the user and gives the exit code of its kind: 1 for a bundle or
/// a write that failed, 2 for a usage error (an option the territory cannot take).
pub(crate) fn report_error(error: &maillage::Error) -> ExitCode {
    use maillage::diagnosis::OptionsError;
    use maillage::outputs::OutputError;
    match error {
        maillage::Error::Options(OptionsError::UnknownPartition(p)) => {
            print_error(msg!(OptionUnknownPartition, value = p));
            ExitCode::from(2)
        }
        maillage::Error::Options(OptionsError::TooFewPivots(k)) => {
            print_error(msg!(OptionTooFewPivots, count = *k));
            ExitCode::from(2)
        }
        maillage::Error::Options(e @ OptionsError::SinceNotBefore { .. }) => {
            print_error(e);
            ExitCode::from(2)
        }
        maillage::Error::Output(OutputError::UnknownIndicator {
            indicator,
            available,
        }) => {
            print_error(msg!(
                OptionUnknownIndicator,
                indicator = indicator,
                available = available.join(", ")
            ));
            ExitCode::from(2)
        }
        maillage::Error::Output(e) => {
            print_error(msg!(PreviousOutputsUnchanged, detail = e.to_string()));
            ExitCode::from(1)
        }
        e => {
            print_error(e);
            ExitCode::from(1)
        }
    }
}

/// Prints "error: ..." (« erreur : ... ») on the standard error, in the current
/// language.
pub(crate) fn print_error(detail: impl std::fmt::Display) {
    eprintln!("{}", msg!(CommandError, detail = detail.to_string()));
}

/// Prints a report as indented JSON on the standard output (`--json`).
pub(crate) fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => print_error(e),
    }
}

/// Prints a line of the catalogue on the standard output, in the current language.
pub(crate) fn say(message: Message) {
    println!("{message}");
}

/// Prints a line of the catalogue on the standard error, in the current language.
pub(crate) fn warn(message: Message) {
    eprintln!("{message}");
}

fn parse_output_file(s: &str) -> Result<OutputFile, String> {
    s.parse::<OutputFile>().map_err(|e| e.to_string())
}

fn parse_crs(s: &str) -> Result<Crs, String> {
    s.parse::<Crs>().map_err(|e| e.to_string())
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.to_string())
}

/// The language the arguments ask for (`--lang fr`, `--lang=en`), read before clap
/// parses them so that its help and errors are in that language too; else the
/// environment's ([`Lang::from_env`]). A value that is no language is left to clap,
/// which refuses it.
fn requested_language(args: &[std::ffi::OsString]) -> Lang {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        if let Some(lang) = value.and_then(|v| v.parse().ok()) {
            return lang;
        }
    }
    Lang::from_env()
}

/// Runs the command on its arguments, the first being the program's name as in
/// [`std::env::args_os`], and gives its exit status: 0 done, 1 a bundle or a write that
/// failed, 2 a usage error (`--help` and `--version` print and give 0). Its messages
/// are in the language of `--lang`, else of the environment (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`), French unless English is asked for; the process's language
/// ([`maillage::lang::set_language`]) is set to it.
///
/// # Example
/// ```
/// let status = maillage_cli::run(["maillage", "validate", "../../data/lyon7"]);
/// assert_eq!(status, 0);
/// assert_eq!(maillage_cli::run(["maillage", "no-such-command"]), 2);
/// ```
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let lang = requested_language(&args);
    set_language(lang);
    let parsed = help::localized(Cli::command(), lang)
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let status = match parsed {
        Ok(cli) => run_parsed(cli),
        Err(e) => {
            // Help and version go to the standard output with status 0, usage errors
            // to the standard error with status 2, as clap's own `exit` would.
            let _ = e.print();
            return u8::try_from(e.exit_code()).unwrap_or(2);
        }
    };
    // What `print!` left in the buffer of the standard output goes out before the
    // caller exits (Python's entry point does not run Rust's exit handlers).
    use std::io::Write;
    let _ = std::io::stdout().flush();
    exit_status(status)
}

/// The number behind an [`ExitCode`]: the command's functions build theirs from the
/// numbers 0 to 2, and a caller outside a `main` (Python's entry point) needs the
/// number to exit with.
fn exit_status(code: ExitCode) -> u8 {
    (0..=u8::MAX)
        .find(|&n| ExitCode::from(n) == code)
        .unwrap_or(1)
}

fn run_parsed(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Generate {
            size,
            seed,
            out,
            quiet,
        } => generate::run(&size, seed, &out, quiet),
        Command::Import(args) => import::run(args),
        Command::Template(args) => workbook::template(args),
        Command::Convert(args) => workbook::convert(args),
        Command::Survey(args) => survey::run(args),
        Command::Geocode(args) => geocode::run(args),
        Command::Validate { bundle, json } => validate(&bundle_path(bundle), json),
        Command::Diagnose {
            bundle,
            out,
            choices,
            costs,
            quiet,
            format,
        } => {
            let mut files = OutputFile::ALL.to_vec();
            for f in OutputFile::GIS {
                let asked = if f == OutputFile::DiagnosisGpkg {
                    "gpkg"
                } else {
                    "parquet"
                };
                if format.iter().any(|g| g == asked) {
                    files.push(f);
                }
            }
            diagnose(
                &bundle_path(bundle),
                &out,
                &choices,
                costs.as_deref(),
                quiet,
                &files,
            )
        }
        Command::Compare {
            bundles,
            out,
            choices,
            quiet,
        } => compare::run(&bundles, &out, &choices, quiet),
        Command::Export {
            format,
            bundle,
            out,
            choices,
            costs,
        } => export(
            &bundle_path(bundle),
            format,
            out,
            &choices,
            costs.as_deref(),
        ),
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

fn step(bar: &Option<ProgressBar>, message: Msg) {
    if let Some(b) = bar {
        b.set_message(Message::new(message).to_string());
    }
}

/// The problems under their title (`ErrorsTitle` or `WarningsTitle`), one a line.
pub(crate) fn print_problems(title: Msg, problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    warn(Message::new(title).arg("count", problems.len()));
    for p in problems {
        eprintln!("  {p}");
    }
}

fn validate(bundle: &Path, json: bool) -> ExitCode {
    let (errors, warnings, loaded) = match load_bundle(bundle) {
        Ok(Loaded {
            territory,
            warnings,
            ..
        }) => (Vec::new(), warnings, Some(territory)),
        Err(e) => (e.errors, e.warnings, None),
    };
    if json {
        print_json(
            &serde_json::json!({ "bundle": bundle, "errors": errors, "warnings": warnings }),
        );
    } else {
        print_problems(Msg::ErrorsTitle, &errors);
        print_problems(Msg::WarningsTitle, &warnings);
        match &loaded {
            Some(t) => say(msg!(
                BundleValid,
                bundle = bundle.display().to_string(),
                actors = t.actors.len(),
                relations = t.relations.len(),
                actions = t.actions.len(),
                needs = t.needs.len(),
                layers = t.layers.len(),
                warnings = warnings.len(),
                warnings_s = plural(warnings.len())
            )),
            None => say(msg!(
                BundleNotLoaded,
                bundle = bundle.display().to_string(),
                errors = error_count(errors.len())
            )),
        }
    }
    if loaded.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Says why a bundle, or a file given beside it, was refused and that nothing was
/// written; the exit code of a refused input.
fn refused(e: &maillage::BundleErrors, input: &std::path::Path) -> ExitCode {
    print_problems(Msg::ErrorsTitle, &e.errors);
    print_problems(Msg::WarningsTitle, &e.warnings);
    warn(msg!(
        BundleNothingWritten,
        bundle = input.display().to_string(),
        errors = error_count(e.errors.len())
    ));
    ExitCode::from(1)
}

/// Loads a bundle and diagnoses it with the user's choices; on failure, the message
/// has been printed and the exit code is returned.
/// The options of the outputs are returned too: the CRS of the GIS formats (when
/// `gis`, some are written) is `--crs`, else the bundle's.
fn load_and_diagnose(
    bundle: &Path,
    choices: &Choices,
    costs: Option<&Path>,
    bar: &Option<ProgressBar>,
    gis: bool,
) -> Result<(Territory, Vec<Problem>, Diagnosis, OutputOptions), ExitCode> {
    let finish = || {
        if let Some(b) = bar {
            b.finish_and_clear();
        }
    };
    step(bar, Msg::StepLoading);
    let Loaded {
        mut territory,
        mut warnings,
        crs,
    } = match load_bundle(bundle) {
        Ok(l) => l,
        Err(e) => {
            finish();
            return Err(refused(&e, bundle));
        }
    };
    if let Some(path) = costs {
        match maillage::bundle::read_cost_table(path, &territory) {
            Ok((table, more)) => {
                territory.analysis.costs = Some(std::sync::Arc::new(table));
                warnings.extend(more);
            }
            Err(e) => {
                finish();
                return Err(refused(&e, path));
            }
        }
    }
    step(bar, Msg::StepDiagnosing);
    let options = choices.diagnosis_options();
    // the outputs are written from the territory the diagnosis reads
    let territory = match options.observed(&territory) {
        std::borrow::Cow::Borrowed(_) => territory,
        std::borrow::Cow::Owned(confirmed) => confirmed,
    };
    let output_options = choices.output_options(gis.then(|| choices.crs.unwrap_or(crs)));
    let diagnosed = Diagnosis::run(&territory, &options)
        .map_err(maillage::Error::from)
        .and_then(|diagnosis| {
            output_options.check(&territory, &diagnosis)?;
            Ok(diagnosis)
        });
    match diagnosed {
        Ok(diagnosis) => Ok((territory, warnings, diagnosis, output_options)),
        Err(e) => {
            finish();
            Err(report_error(&e))
        }
    }
}

fn diagnose(
    bundle: &Path,
    out: &Path,
    choices: &Choices,
    costs: Option<&Path>,
    quiet: bool,
    files: &[OutputFile],
) -> ExitCode {
    let bar = progress(quiet);
    let gis = files.iter().any(|f| OutputFile::GIS.contains(f));
    let (territory, warnings, diagnosis, options) =
        match load_and_diagnose(bundle, choices, costs, &bar, gis) {
            Ok(done) => done,
            Err(code) => return code,
        };
    step(&bar, Msg::StepWriting);
    let written = write_outputs(out, &territory, &diagnosis, files, &options);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !quiet {
        print_problems(Msg::WarningsTitle, &warnings);
        let summary = OutputFile::SummaryTxt.render(&territory, &diagnosis, &options);
        print!("{}", String::from_utf8_lossy(&summary));
    }
    let code = match written {
        Ok(files) => {
            if !quiet {
                for f in files {
                    say(msg!(Written, path = f.display().to_string()));
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => report_error(&e.into()),
    };
    // The process ends here: the system takes back the memory at once, where freeing
    // the millions of strings of a national territory one by one takes a second.
    std::mem::forget((territory, diagnosis));
    code
}

fn export(
    bundle: &Path,
    format: OutputFile,
    out: Option<PathBuf>,
    choices: &Choices,
    costs: Option<&Path>,
) -> ExitCode {
    let bar = progress(false);
    let gis = OutputFile::GIS.contains(&format);
    let (territory, warnings, diagnosis, options) =
        match load_and_diagnose(bundle, choices, costs, &bar, gis) {
            Ok(done) => done,
            Err(code) => return code,
        };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    print_problems(Msg::WarningsTitle, &warnings);
    let bytes = format.render(&territory, &diagnosis, &options);
    let out = out.unwrap_or_else(|| PathBuf::from(format.file_name()));
    let written = if out.as_os_str() == "-" {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&bytes).and_then(|()| stdout.flush())
    } else {
        write_atomic(&out, &bytes)
    };
    match written {
        Ok(()) => {
            if out.as_os_str() != "-" {
                warn(msg!(Written, path = out.display().to_string()));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_error(msg!(
                CannotWriteFile,
                path = out.display().to_string(),
                detail = e.to_string()
            ));
            ExitCode::from(1)
        }
    }
}

/// The plural ending of the catalogue's `{..._s}` placeholders.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
