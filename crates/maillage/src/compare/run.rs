//! Each bundle diagnosed on its own, its outputs written into its own folder, its key
//! figures kept; the bundles in parallel.

use super::write::COMPARISON_FILES;
use super::{Comparison, FailureReason, KeyFigures, Outcome};
use crate::bundle::load_bundle;
use crate::diagnosis::{Diagnosis, DiagnosisOptions};
use crate::outputs::{write_outputs, OutputFile, OutputOptions};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The choices of every diagnosis of a comparison, and of each territory's outputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareOptions {
    /// The diagnosis of each territory.
    pub diagnosis: DiagnosisOptions,
    /// The outputs of each territory (maps, report), when they are written.
    pub outputs: OutputOptions,
}

/// A bundle given to a comparison, with its name there, or why it is refused before
/// being read.
#[derive(Debug)]
pub struct Planned {
    /// The bundle as given (its path).
    pub bundle: String,
    /// Its path.
    pub path: PathBuf,
    /// Its name in the comparison (its folder's name), or why it cannot be compared:
    /// another bundle given before has the same name, or the name is one of the
    /// comparison's files.
    pub name: Result<String, FailureReason>,
}

/// The bundles' names in a comparison, in the order given: each folder's own name
/// (`data/lyon7` is `lyon7`), which names the folder of its outputs; a bundle whose
/// name an earlier one already has is refused, as is a name of the comparison's files.
///
/// # Example
/// ```
/// use maillage::compare::plan;
/// let p = plan(&["data/lyon7".into(), "copie/lyon7/".into(), "data/cevennes".into()]);
/// assert_eq!(p[0].name.as_deref().ok(), Some("lyon7"));
/// assert!(p[1].name.is_err());
/// assert_eq!(p[2].name.as_deref().ok(), Some("cevennes"));
/// ```
pub fn plan(paths: &[PathBuf]) -> Vec<Planned> {
    let mut taken: Vec<(String, String)> = Vec::new();
    paths
        .iter()
        .map(|path| {
            let bundle = path.display().to_string();
            let own = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .or_else(|| {
                    std::fs::canonicalize(path)
                        .ok()
                        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                })
                .unwrap_or_else(|| bundle.clone());
            let name = if let Some((_, first)) = taken.iter().find(|(n, _)| *n == own) {
                Err(FailureReason::Other(crate::msg!(
                    CompareDuplicateName,
                    bundle = bundle.as_str(),
                    name = own.as_str(),
                    first = first.as_str()
                )))
            } else if COMPARISON_FILES.contains(&own.as_str()) {
                Err(FailureReason::Other(crate::msg!(
                    CompareReservedName,
                    bundle = bundle.as_str(),
                    name = own.as_str()
                )))
            } else {
                taken.push((own.clone(), bundle.clone()));
                Ok(own)
            };
            Planned {
                bundle,
                path: path.clone(),
                name,
            }
        })
        .collect()
}

/// One territory of a comparison: loads the bundle at `path`, diagnoses it with the
/// options, writes every output of its own into `out/name` when `out` is given (as
/// `maillage diagnose` would), and gives its key figures. What a worker of a cluster
/// runs on each bundle.
///
/// # Errors
/// A bundle that cannot be loaded (every problem), an option the territory cannot
/// take, outputs that could not be written (the folder's previous files unchanged).
///
/// # Example
/// ```
/// use maillage::compare::{territory_figures, CompareOptions};
/// let k = territory_figures("../../data/cevennes".as_ref(), "cevennes", &CompareOptions::default(), None)
///     .unwrap();
/// assert_eq!(k.name, "cevennes");
/// assert!(territory_figures("no/such".as_ref(), "x", &CompareOptions::default(), None).is_err());
/// ```
pub fn territory_figures(
    path: &Path,
    name: &str,
    options: &CompareOptions,
    out: Option<&Path>,
) -> Outcome {
    let failed = |e: crate::Error| FailureReason::Error(e);
    let loaded = load_bundle(path).map_err(|e| failed(e.into()))?;
    let territory = match options.diagnosis.observed(&loaded.territory) {
        std::borrow::Cow::Borrowed(_) => loaded.territory,
        std::borrow::Cow::Owned(confirmed) => confirmed,
    };
    let diagnosis = Diagnosis::run(&territory, &options.diagnosis).map_err(|e| failed(e.into()))?;
    if let Some(out) = out {
        options
            .outputs
            .check(&territory, &diagnosis)
            .map_err(|e| failed(e.into()))?;
        write_outputs(
            &out.join(name),
            &territory,
            &diagnosis,
            &OutputFile::ALL,
            &options.outputs,
        )
        .map_err(|e| failed(e.into()))?;
    }
    Ok(KeyFigures::of(name, &territory, &diagnosis))
}

/// Diagnoses every bundle, in parallel on rayon's threads (`RAYON_NUM_THREADS`), each
/// territory's outputs written into `out/NAME` when `out` is given, and puts them
/// side by side. A bundle that fails (a missing folder, a bundle refused, a name
/// already taken) is in [`Comparison::failures`]; the others are compared. The
/// comparison's own files are written by [`super::write_comparison`].
///
/// # Example
/// ```
/// use maillage::compare::{compare_bundles, CompareOptions};
/// let c = compare_bundles(
///     &["../../data/lyon7".into(), "../../data/grenoble_sud".into(), "no/such".into()],
///     &CompareOptions::default(),
///     None,
/// );
/// assert_eq!(c.territories.len(), 2);
/// assert_eq!(c.failures[0].bundle, "no/such");
/// ```
pub fn compare_bundles(
    paths: &[PathBuf],
    options: &CompareOptions,
    out: Option<&Path>,
) -> Comparison {
    let outcomes: Vec<(String, Outcome)> = plan(paths)
        .into_par_iter()
        // one bundle a task: a territory is diagnosed on the threads left free too
        .with_max_len(1)
        .map(|p| {
            let outcome = p
                .name
                .and_then(|name| territory_figures(&p.path, &name, options, out));
            (p.bundle, outcome)
        })
        .collect();
    Comparison::assemble(outcomes)
}
