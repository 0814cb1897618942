//! The `maillage` command: check a territory bundle and diagnose it.

mod import;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use maillage::io::{
    actors_geojson, actors_table, directory_table, dispositifs_table, gaps_table, groups_table,
    load_bundle, network_geojson, network_gexf, network_graphml, suggestions_table, write_atomic,
    zones_geojson, zones_table, Problem,
};
use maillage::network::report::{BetweennessMode, NetworkOptions};
use maillage::report::{report_html, ReportOptions};
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
        /// Actor attribute that defines groups (sector, kind, family or a column of
        /// actors.csv; default: the manifest's partition).
        #[arg(long)]
        partition: Option<String>,
        /// Estimate betweenness from K seeded pivots instead of exactly (default: exact
        /// up to 5,000 actors, 256 pivots above).
        #[arg(long, value_name = "K")]
        betweenness_pivots: Option<usize>,
        /// Seed of every random choice (pivots, communities, key players).
        #[arg(long, default_value_t = maillage::network::report::DEFAULT_SEED)]
        seed: u64,
        /// Show individual professionals in the presentation outputs (actors.geojson,
        /// network.geojson); by default they are only counted in their zone.
        #[arg(long)]
        include_individuals: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Import a national open-data file (FINESS, RPPS, data·inclusion, QPV, IRIS,
    /// communes) into a bundle, filtered to a territory, keeping what was entered by hand.
    Import(import::ImportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Import(args) => import::run(args),
        Command::Validate { bundle, json } => validate(&bundle_path(bundle), json),
        Command::Diagnose {
            bundle,
            out,
            indicator,
            partition,
            betweenness_pivots,
            seed,
            include_individuals,
            quiet,
        } => {
            let choices = Choices {
                indicator,
                partition,
                betweenness_pivots,
                seed,
                include_individuals,
            };
            diagnose(&bundle_path(bundle), &out, &choices, quiet)
        }
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

/// The user's choices for a diagnosis.
struct Choices {
    indicator: Option<String>,
    partition: Option<String>,
    betweenness_pivots: Option<usize>,
    seed: u64,
    include_individuals: bool,
}

fn diagnose(bundle: &Path, out: &Path, choices: &Choices, quiet: bool) -> ExitCode {
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
    let mut options = NetworkOptions::for_territory(&territory);
    if let Some(p) = &choices.partition {
        if !territory.has_partition(p) {
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            eprintln!("error: --partition {p}: no such actor attribute (expected sector, kind, family or a column of actors.csv)");
            return ExitCode::from(2);
        }
        options.partition = p.clone();
    }
    if let Some(k) = choices.betweenness_pivots {
        options.betweenness = BetweennessMode::Sampled { k };
    }
    options.seed = choices.seed;
    step(&bar, "diagnosing the network and the zones");
    let diagnosis = Diagnosis::with_options(&territory, &options);
    step(&bar, "writing the outputs");
    let written = write_outputs(&territory, &diagnosis, out, choices);
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
    choices: &Choices,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder {}: {e}", out.display()))?;
    let json = |fc: &geojson::FeatureCollection| -> Result<Vec<u8>, String> {
        serde_json::to_string(fc)
            .map(String::into_bytes)
            .map_err(|e| e.to_string())
    };
    let report = &diagnosis.network;
    let individuals = choices.include_individuals;
    let report_options = ReportOptions {
        indicator: choices.indicator.clone(),
        include_individuals: individuals,
    };
    let zones = json(&zones_geojson(
        territory,
        diagnosis,
        choices.indicator.as_deref(),
    ))?;
    // Every file is rendered before the first is written, and each is written
    // atomically: a failure leaves the previous outputs in place, never half a file.
    let files = [
        ("zones.geojson", zones),
        ("actors.csv", actors_table(&diagnosis.network)),
        ("groups.csv", groups_table(&diagnosis.network)),
        ("dispositifs.csv", dispositifs_table(territory, report)),
        ("zones.csv", zones_table(territory, diagnosis)),
        ("gaps.csv", gaps_table(diagnosis)),
        ("suggestions.csv", suggestions_table(territory, diagnosis)),
        ("directory.csv", directory_table(territory, report)),
        (
            "actors.geojson",
            json(&actors_geojson(territory, report, individuals))?,
        ),
        (
            "network.geojson",
            json(&network_geojson(territory, report, individuals))?,
        ),
        ("network.graphml", network_graphml(territory, report)),
        ("network.gexf", network_gexf(territory, report)),
        (
            "report.html",
            report_html(territory, diagnosis, &report_options).into_bytes(),
        ),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = out.join(name);
        write_atomic(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
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
    print_network(t, d);
    print_coverage(t, d);
    print_gaps(t, d);
}

fn kind_label<'a>(t: &'a Territory, kind: &'a str) -> &'a str {
    t.taxonomy.kind(kind).map_or(kind, |k| k.label.as_str())
}

fn print_coverage(t: &Territory, d: &Diagnosis) {
    let c = &d.coverage;
    let required = &c.required;
    println!(
        "coverage of layer {} (access: {} per 10,000 inhabitants within {} m):",
        c.layer,
        maillage::model::AccessMethod::NAMES
            .iter()
            .find(|(_, m)| *m == c.access_method)
            .map_or("2sfca", |(n, _)| n)
            .to_uppercase(),
        c.catchment_m
    );
    let mut header = format!("  {:<28} {:>8} {:>6}", "zone", "pop.", "actors");
    for k in required {
        header.push_str(&format!(" {:>14}", truncate(kind_label(t, k), 14)));
    }
    println!("{header}");
    for z in &c.zones {
        let mut line = format!(
            "  {:<28} {:>8} {:>6}",
            truncate(&z.name, 28),
            format!("{}", z.population.round()),
            z.actors
        );
        for k in required {
            let n = z.count_by_kind.get(k).copied().unwrap_or(0);
            let access = z.access.get(k).copied().unwrap_or(0.0);
            line.push_str(&format!(" {:>14}", format!("{n} · {access:.1}")));
        }
        if z.priority {
            line.push_str("  priority");
        }
        println!("{line}");
    }
    let cmp = &c.comparison;
    if cmp.priority_zones > 0 && cmp.other_zones > 0 {
        println!(
            "priority zones ({}, {} inh.) versus elsewhere ({}, {} inh.), population-weighted:",
            cmp.priority_zones,
            cmp.priority_population.round(),
            cmp.other_zones,
            cmp.other_population.round()
        );
        for i in cmp
            .indicators
            .iter()
            .filter(|i| i.indicator.starts_with("access"))
        {
            let show = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"));
            println!(
                "  {:<40} {:>8} {:>8}",
                i.indicator,
                show(i.priority),
                show(i.other)
            );
        }
    }
    for note in &c.notes {
        println!("note: {note}");
    }
}

fn print_gaps(t: &Territory, d: &Diagnosis) {
    let g = &d.gaps;
    let out_of_reach = g
        .service
        .iter()
        .filter(|s| s.gap.as_str() == "out_of_reach")
        .count();
    println!(
        "gaps: {} service gaps ({} out of reach), {} of {} needs uncovered, {} pairs of groups without a tie, {} isolated actors, {} unarticulated pairs of dispositifs",
        g.service.len(),
        out_of_reach,
        g.needs.iter().filter(|n| matches!(n.status, maillage::gaps::NeedStatus::Uncovered)).count(),
        g.needs.len(),
        g.groups.len(),
        g.isolated_actors.len(),
        g.unarticulated_dispositifs.len()
    );
    for n in g
        .needs
        .iter()
        .filter(|n| !matches!(n.status, maillage::gaps::NeedStatus::Covered))
    {
        let status = match n.status {
            maillage::gaps::NeedStatus::Uncovered => "uncovered",
            _ => "no joint action",
        };
        println!(
            "  need {:<28} in {:<28} {status}",
            truncate(&n.theme, 28),
            truncate(&n.zone_name, 28)
        );
    }
    let name = |id: &str| {
        t.actor_with_id(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    };
    if !g.suggested_links.is_empty() {
        println!("suggested links (who should meet whom):");
        for l in g.suggested_links.iter().take(5) {
            println!(
                "  {} – {} ({:.2}: {})",
                name(&l.a),
                name(&l.b),
                l.score,
                l.shared_themes.join(", ")
            );
        }
    }
}

/// At most `n` characters, with an ellipsis when cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn print_network(t: &Territory, d: &Diagnosis) {
    let r = &d.network;
    let label = |id: &str| {
        t.actor_with_id(id)
            .map_or_else(|| id.to_owned(), |a| format!("{} ({id})", a.name))
    };
    match r.ei_index {
        Some(ei) => println!(
            "E-I index by {}: {ei:+.3} (−1: ties stay inside groups, +1: every tie crosses)",
            r.partition
        ),
        None => println!("E-I index by {}: no tie", r.partition),
    }
    for g in &r.groups {
        let ei = g
            .ei_index
            .map_or_else(|| "—".to_owned(), |x| format!("{x:+.3}"));
        println!(
            "  {:<40} E-I {ei:>7}  inside {:>4}  outside {:>4}",
            t.group_label(&r.partition, &g.group),
            g.internal_edges,
            g.external_edges
        );
    }
    let mut by_betweenness: Vec<_> = r.actor_metrics.iter().collect();
    by_betweenness.sort_by(|a, b| {
        b.betweenness
            .total_cmp(&a.betweenness)
            .then(a.id.cmp(&b.id))
    });
    println!(
        "actors holding the network together (betweenness, {}):",
        r.betweenness
    );
    for a in by_betweenness.iter().take(5) {
        println!(
            "  {:<60} {:.3}{}",
            label(&a.id),
            a.betweenness,
            if a.articulation_point {
                format!("  would cut off {} actors", a.fragility)
            } else {
                String::new()
            }
        );
    }
    println!(
        "{} articulation points, {} bridges; the {} departures that would hurt most: {} (fragmentation {:.3} → {:.3})",
        r.articulation_points.len(),
        r.bridges.len(),
        r.key_players.actors.len(),
        r.key_players.actors.iter().map(|a| label(a)).collect::<Vec<_>>().join(", "),
        r.key_players.fragmentation_before,
        r.key_players.fragmentation_after
    );
    println!(
        "{} Louvain communities, modularity {:.3}",
        r.communities.len(),
        r.modularity
    );
    if !r.dispositifs.is_empty() {
        println!("articulation between dispositifs:");
        for p in &r.dispositifs {
            let bridging: Vec<String> =
                p.bridging_actors.iter().take(4).map(|a| label(a)).collect();
            println!(
                "  {} – {}: {}; {} shared members, {} cross ties, {} joint actions{}",
                label(&p.a),
                label(&p.b),
                if p.articulated {
                    "articulated"
                } else {
                    "NOT articulated"
                },
                p.shared_members.len(),
                p.cross_ties.len(),
                p.joint_actions.len(),
                if bridging.is_empty() {
                    String::new()
                } else {
                    format!("; bridged by {}", bridging.join(", "))
                }
            );
        }
    }
    for note in &r.notes {
        println!("note: {note}");
    }
}
