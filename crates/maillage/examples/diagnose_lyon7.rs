//! A diagnosis from Rust: load the example bundle of Lyon 7e, print its headline
//! figures and the coverage of each IRIS, and write every output (maps, tables, graph
//! files, the report) when an output folder is given.
//!
//! Run with `cargo run -p maillage --example diagnose_lyon7 [BUNDLE] [OUT_DIR]`.

use maillage::bundle::load_bundle;
use maillage::outputs::{write_outputs, OutputFile, OutputOptions};
use maillage::Diagnosis;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let bundle = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7"));

    // Every problem of the bundle at once, or the whole territory.
    let loaded = load_bundle(&bundle)?;
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    let territory = loaded.territory;
    let diagnosis = Diagnosis::of(&territory);

    let s = &diagnosis.summary;
    let date = s
        .date
        .map_or_else(|| "every date".to_owned(), |d| d.to_string());
    println!(
        "{}: {} actors, {} relations valid on {date}",
        s.territory, s.actors, s.relations
    );
    println!(
        "density {:.4}, {} components, largest holds {:.1} % of the actors",
        s.density,
        s.components,
        100.0 * s.largest_component_share
    );
    let gp = "medecin_generaliste";
    println!(
        "{:<28} {:>5} {:>10} {:>10}",
        "IRIS", "GPs", "access", "nearest"
    );
    for zone in &diagnosis.coverage.zones {
        let gps = zone.count_by_kind.get(gp).copied().unwrap_or(0);
        // 2SFCA: GP full-time equivalents within reach per 10,000 inhabitants
        let access = zone.access.get(gp).copied().unwrap_or(0.0);
        let nearest = zone.nearest_m.get(gp).copied().flatten();
        println!(
            "{:<28} {:>5} {:>10.1} {:>9}{}",
            zone.name,
            gps,
            access,
            nearest.map_or("—".to_owned(), |d| format!("{d:.0} m")),
            if zone.priority { "  QPV" } else { "" }
        );
    }
    for need in diagnosis
        .gaps
        .needs
        .iter()
        .filter(|n| n.actors.is_empty() && n.actions.is_empty())
    {
        println!("uncovered need: {} in {}", need.theme, need.zone_name);
    }

    if let Some(out) = args.next().map(PathBuf::from) {
        // Every file rendered, then all renamed into place together: an error leaves
        // the previous outputs as they were.
        let options = OutputOptions::default();
        for path in write_outputs(&out, &territory, &diagnosis, &OutputFile::ALL, &options)? {
            println!("written: {}", path.display());
        }
    }
    Ok(())
}
