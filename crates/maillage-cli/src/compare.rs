//! `maillage compare`: several bundles diagnosed in parallel and set side by side.

use crate::{report_error, say, warn, Choices};
use maillage::compare::{compare_bundles, write_comparison, CompareOptions};
use maillage::msg;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Diagnoses each bundle (in parallel), writes each territory's outputs into
/// `out/NAME` and the comparison into `out`; a bundle that fails is reported and the
/// others are compared. Exit code 0 when every bundle was compared, 1 when one failed
/// (the others written) or the comparison could not be written.
pub fn run(bundles: &[PathBuf], out: &Path, choices: &Choices, quiet: bool) -> ExitCode {
    let options = CompareOptions {
        diagnosis: choices.diagnosis_options(),
        outputs: choices.output_options(None),
    };
    let comparison = compare_bundles(bundles, &options, Some(out));
    for f in &comparison.failures {
        warn(msg!(
            CompareNotCompared,
            bundle = f.bundle.as_str(),
            detail = f.reason.render(maillage::lang::language())
        ));
    }
    match write_comparison(out, &comparison) {
        Ok(_) => {
            if !quiet {
                say(msg!(
                    CompareDone,
                    compared = comparison.territories.len(),
                    failed = comparison.failures.len(),
                    path = out.join("comparaison.html").display().to_string()
                ));
            }
            if comparison.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => report_error(&e.into()),
    }
}
