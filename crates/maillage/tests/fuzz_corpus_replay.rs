//! Replays the fuzz corpora (`fuzz/corpus/<target>/*`, minimised with `cargo fuzz cmin`)
//! through the same entry points as the fuzz targets, on stable Rust: every input that
//! once crashed the loader, and every input that reached new code, must load or be
//! refused with located, explained problems, never panic.

#[path = "../../../fuzz/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::path::{Path, PathBuf};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "empty corpus {}", dir.display());
    files
}

fn replay(target: &str, entry: fn(&[u8])) {
    for file in corpus(target) {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| entry(&data));
        assert!(outcome.is_ok(), "{} panicked", file.display());
    }
}

#[test]
fn the_fixed_bundle_of_the_fuzz_targets_loads_cleanly() {
    let loaded = maillage::bundle::load_bundle_bytes(&harness::base_bundle()).unwrap();
    let unexpected: Vec<String> = loaded
        .warnings
        .iter()
        .filter(|w| w.code != maillage::bundle::ProblemCode::OutsideZones)
        .map(|w| w.to_string())
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
    assert_eq!(loaded.territory.actors.len(), 6);
    assert_eq!(loaded.territory.coverage_layer().zones.len(), 2);
}

#[test]
fn replays_the_csv_tables_corpus() {
    replay("csv_tables", harness::csv_tables);
}

#[test]
fn replays_the_geojson_layer_corpus() {
    replay("geojson_layer", harness::geojson_layer);
}

#[test]
fn replays_the_manifest_corpus() {
    replay("manifest", harness::manifest);
}

#[test]
fn replays_the_import_files_corpus() {
    replay("import_files", harness::import_files);
}

#[test]
fn replays_the_geocode_address_corpus() {
    replay("geocode_address", harness::geocode_address);
}

#[test]
fn replays_the_ban_reader_corpus() {
    replay("ban_reader", harness::ban_reader);
}

#[test]
fn replays_the_cost_table_corpus() {
    replay("cost_table", harness::cost_table);
}

#[test]
fn replays_the_workbook_corpus() {
    replay("workbook", harness::workbook);
}

#[test]
fn replays_the_indicators_corpus() {
    replay("indicators", harness::indicators);
}
