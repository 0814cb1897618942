//! Speed and memory of the offline geocoder: writes a synthetic 1,000,000-row BAN
//! department file (deterministic from its seed), indexes it and geocodes 10,000 of
//! its addresses written as coordinators would. Figures in benches/README.md.
//!
//! `cargo run --release -p maillage --example geocode_speed -- [ROWS] [QUERIES] [FILE]`
//! (peak memory: run it under `/usr/bin/time -v`). FILE keeps the synthetic file and
//! a `FILE.queries.csv` of the addresses asked, for `benches/geocode_peers.py`.

use maillage::geocode::{write_synthetic_ban, BanIndex};
use std::io::Write;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rows: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let asked: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let path = args
        .get(3)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("maillage-synthetic-ban.csv"));
    let started = Instant::now();
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let queries = write_synthetic_ban(&mut out, rows, 2024, asked).unwrap();
    out.flush().unwrap();
    drop(out);
    let mut q = std::io::BufWriter::new(
        std::fs::File::create(format!("{}.queries.csv", path.display())).unwrap(),
    );
    writeln!(q, "address").unwrap();
    for query in &queries {
        writeln!(q, "\"{}\"", query.address.replace('"', "\"\"")).unwrap();
    }
    drop(q);
    println!(
        "wrote {rows} rows to {} in {:.2} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let index = BanIndex::read(&[&path]).unwrap();
    let indexing = started.elapsed().as_secs_f64();
    println!(
        "indexed {} points, {} streets, {} communes in {indexing:.2} s",
        index.len(),
        index.streets(),
        index.communes()
    );

    let started = Instant::now();
    let found = index.geocode_many(&queries);
    let geocoding = started.elapsed().as_secs_f64();
    let mut by_type = std::collections::BTreeMap::new();
    for g in &found {
        *by_type
            .entry(g.as_ref().map_or("none", |g| g.kind.as_str()))
            .or_insert(0) += 1;
    }
    println!(
        "geocoded {} addresses in {geocoding:.3} s: {by_type:?}",
        queries.len()
    );
    if args.get(3).is_none() {
        let _ = std::fs::remove_file(&path);
    }
}
