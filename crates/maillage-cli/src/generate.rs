//! `maillage generate`: write a seeded synthetic territory bundle, for benchmarks and
//! for trying the library at the scale of a region or of France.

use maillage::synth::{generate, Size};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Draws a territory of `size` from `seed` and writes it as a bundle into `out`.
pub fn run(size: &str, seed: u64, out: &Path, quiet: bool) -> ExitCode {
    let size: Size = match size.parse() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: --size: {e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let territory = generate(&size.spec(), seed);
    if let Err(e) = maillage::bundle::write_bundle(&territory, out) {
        eprintln!("error: cannot write the bundle to {}: {e}", out.display());
        return ExitCode::from(1);
    }
    if !quiet {
        println!(
            "{}: synthetic territory {} (seed {seed}): {} actors, {} relations, {} IRIS, {} QPV ({:.1} s)",
            out.display(),
            size.name(),
            territory.actors.len(),
            territory.relations.len(),
            territory.coverage_layer().zones.len(),
            territory
                .layers
                .iter()
                .filter(|l| l.priority)
                .map(|l| l.zones.len())
                .sum::<usize>(),
            start.elapsed().as_secs_f64()
        );
    }
    ExitCode::SUCCESS
}
