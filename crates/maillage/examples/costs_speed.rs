//! The speed of a large cost table (benches/README.md, "A 10,000,000-row cost table"):
//! the generated L territory (seed 1), a table of `ROWS` rows written to `FOLDER/costs.csv`
//! (origin zone, destination actor, minutes: straight-line metres at 30 km/h, derived,
//! not routed; each zone to 1,992 actors spread over the territory), then, timed, the
//! table read and checked (`read_cost_table`) and the coverage computed with it (2SFCA,
//! 20 minutes, for the three required kinds, and the actors placed in the zones).
//! Prints the times and the peak resident memory (VmHWM) as JSON, and writes
//! `zones.csv` (id, population), `suppliers.csv` (the GPs: id, capacity) and
//! `access.csv` (our GP access per zone, × 10,000) for `benches/costs_peers.py`.
//!
//! Usage: `cargo run --release -p maillage --example costs_speed -- FOLDER [ROWS]`.

use maillage::bundle::read_cost_table;
use maillage::model::haversine_m;
use maillage::spatial::zone_coverage;
use maillage::synth::{generate, Size};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// The peak resident set of this process, in MB (`VmHWM` of /proc/self/status).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: costs_speed FOLDER [ROWS]")?,
    );
    let rows: usize = match std::env::args().nth(2) {
        Some(n) => n.parse()?,
        None => 10_000_000,
    };
    std::fs::create_dir_all(&folder)?;
    let mut territory = generate(&Size::L.spec(), 1);
    let layer = territory.coverage_layer();
    let (zones, actors) = (&layer.zones, &territory.actors);
    let path = folder.join("costs.csv");
    let generated = Instant::now();
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        writeln!(out, "origin,destination,minutes")?;
        let per_zone = rows.div_ceil(zones.len());
        let mut written = 0;
        'zones: for (z, zone) in zones.iter().enumerate() {
            for k in 0..per_zone {
                if written == rows {
                    break 'zones;
                }
                // distinct actors for one zone: 104,729 is prime, coprime with the count
                let j = (z * 7_919 + k * 104_729) % actors.len();
                let a = &actors[j];
                let minutes = a
                    .location
                    .map_or(90.0, |p| haversine_m(zone.anchor, p) / 500.0);
                writeln!(out, "{},{},{:.3}", zone.id, a.id, minutes)?;
                written += 1;
            }
        }
        out.flush()?;
    }
    let generated = generated.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&path)?.len();
    let before = peak_rss_mb();

    let start = Instant::now();
    let (table, _) = read_cost_table(&path, &territory)?;
    let read = start.elapsed().as_secs_f64();
    let entries = table.entry_count();
    territory.analysis.costs = Some(Arc::new(table));
    let covered = Instant::now();
    let coverage = zone_coverage(&territory, territory.analysis.coverage_layer);
    let coverage_s = covered.elapsed().as_secs_f64();
    let total = start.elapsed().as_secs_f64();

    let layer = territory.coverage_layer();
    let mut z_out = std::io::BufWriter::new(std::fs::File::create(folder.join("zones.csv"))?);
    writeln!(z_out, "id,population")?;
    for z in &layer.zones {
        writeln!(z_out, "{},{}", z.id, z.population.unwrap_or(0.0))?;
    }
    let mut s_out = std::io::BufWriter::new(std::fs::File::create(folder.join("suppliers.csv"))?);
    writeln!(s_out, "id,capacity")?;
    for a in territory
        .actors
        .iter()
        .filter(|a| a.kind == "medecin_generaliste" && a.location.is_some())
    {
        writeln!(s_out, "{},{}", a.id, a.capacity)?;
    }
    let mut a_out = std::io::BufWriter::new(std::fs::File::create(folder.join("access.csv"))?);
    writeln!(a_out, "id,access")?;
    for z in &coverage.zones {
        writeln!(a_out, "{},{:?}", z.id, z.access["medecin_generaliste"])?;
    }
    println!(
        "{}",
        serde_json::json!({
            "rows": entries,
            "file_bytes": bytes,
            "zones": layer.zones.len(),
            "actors": territory.actors.len(),
            "threads": rayon::current_num_threads(),
            "write_table_s": generated,
            "read_s": read,
            "coverage_s": coverage_s,
            "read_and_coverage_s": total,
            "peak_rss_before_mb": before,
            "peak_rss_mb": peak_rss_mb(),
        })
    );
    Ok(())
}
