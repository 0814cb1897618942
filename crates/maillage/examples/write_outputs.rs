//! Writes the network outputs of a bundle to a folder: `network.graphml`,
//! `network.gexf`, `actors.geojson`, `network.geojson`, `directory.csv`, and
//! `actors.csv` (the figures the graph files carry, for comparison).
//!
//! Run with `cargo run -p maillage --example write_outputs -- BUNDLE OUT_DIR
//! [--include-individuals]`.

use maillage::atomic::write_atomic;
use maillage::bundle::load_bundle;
use maillage::outputs::{
    actors_geojson, actors_table, directory_table, network_geojson, network_gexf, network_graphml,
};
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
    let report = &diagnosis.network;
    std::fs::create_dir_all(&out)?;
    let files: [(&str, Vec<u8>); 6] = [
        ("network.graphml", network_graphml(&territory, report)),
        ("network.gexf", network_gexf(&territory, report)),
        (
            "actors.geojson",
            serde_json::to_vec(&actors_geojson(&territory, report, include_individuals))?,
        ),
        (
            "network.geojson",
            serde_json::to_vec(&network_geojson(
                &territory,
                &diagnosis,
                include_individuals,
            ))?,
        ),
        ("directory.csv", directory_table(&territory, &diagnosis)),
        ("actors.csv", actors_table(report)),
    ];
    for (name, bytes) in files {
        write_atomic(&out.join(name), &bytes)?;
        println!("written: {}", out.join(name).display());
    }
    Ok(())
}
