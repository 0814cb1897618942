//! Writes the network outputs of a bundle to a folder: `network.graphml`,
//! `network.gexf`, `actors.geojson`, `network.geojson`, `directory.csv`, and
//! `actors.csv` (the figures the graph files carry, for comparison), all renamed into
//! place together.
//!
//! Run with `cargo run -p maillage --example write_outputs -- BUNDLE OUT_DIR
//! [--include-individuals]`.

use maillage::bundle::load_bundle;
use maillage::outputs::{write_outputs, OutputFile, OutputOptions};
use maillage::Diagnosis;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let include_individuals = args.iter().any(|a| a == "--include-individuals");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [bundle, out] = paths[..] else {
        return Err("usage: write_outputs BUNDLE OUT_DIR [--include-individuals]".into());
    };
    let (bundle, out) = (PathBuf::from(bundle), PathBuf::from(out));

    let territory = load_bundle(&bundle)?.territory;
    let diagnosis = Diagnosis::of(&territory);
    let options = OutputOptions {
        include_individuals,
        ..OutputOptions::default()
    };
    let files = [
        OutputFile::NetworkGraphml,
        OutputFile::NetworkGexf,
        OutputFile::ActorsGeojson,
        OutputFile::NetworkGeojson,
        OutputFile::DirectoryCsv,
        OutputFile::ActorsCsv,
    ];
    for path in write_outputs(&out, &territory, &diagnosis, &files, &options)? {
        println!("written: {}", path.display());
    }
    Ok(())
}
