//! `maillage generate`: write a seeded synthetic territory bundle, for benchmarks and
//! for trying the library at the scale of a region or of France.

use crate::{print_error, say};
use maillage::msg;
use maillage::synth::{generate, Size};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Draws a territory of `size` from `seed` and writes it as a bundle into `out`.
pub fn run(size: &str, seed: u64, out: &Path, quiet: bool) -> ExitCode {
    let size: Size = match size.parse() {
        Ok(s) => s,
        Err(e) => {
            print_error(msg!(SizeOption, detail = e.to_string()));
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let territory = generate(&size.spec(), seed);
    if let Err(e) = maillage::bundle::write_bundle(&territory, out) {
        print_error(msg!(
            BundleCannotBeWrittenTo,
            path = out.display().to_string(),
            detail = e.to_string()
        ));
        return ExitCode::from(1);
    }
    if !quiet {
        say(msg!(
            SyntheticTerritory,
            path = out.display().to_string(),
            size = size.name(),
            seed = seed,
            actors = territory.actors.len(),
            relations = territory.relations.len(),
            iris = territory.coverage_layer().zones.len(),
            qpv = territory
                .layers
                .iter()
                .filter(|l| l.priority)
                .map(|l| l.zones.len())
                .sum::<usize>(),
            seconds = format!("{:.1}", start.elapsed().as_secs_f64())
        ));
    }
    ExitCode::SUCCESS
}
