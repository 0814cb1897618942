//! One error type for the crate's users: whatever stage failed, with its own typed
//! error inside, so that a program (the command line, the Python package) maps errors
//! to exit codes or exceptions in one place.

use crate::bundle::BundleErrors;
use crate::diagnosis::OptionsError;
use crate::geocode::GeocodeBundleError;
use crate::model::UnknownName;
use crate::outputs::OutputError;

/// Any error of maillage.
///
/// # Example
/// ```
/// fn diagnose(path: &str) -> Result<maillage::Diagnosis, maillage::Error> {
///     let loaded = maillage::load_bundle(path.as_ref())?;
///     let options = maillage::diagnosis::DiagnosisOptions::default();
///     Ok(maillage::Diagnosis::run(&loaded.territory, &options)?)
/// }
/// assert!(matches!(diagnose("no/such/bundle"), Err(maillage::Error::Bundle(_))));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bundle that breaks the format: every problem found (docs/bundle.md).
    #[error(transparent)]
    Bundle(#[from] BundleErrors),
    /// A choice of options the territory cannot take.
    #[error(transparent)]
    Options(#[from] OptionsError),
    /// Outputs that could not be written; the previous ones are unchanged.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A bundle that could not be geocoded; its actors.csv is unchanged.
    #[error(transparent)]
    Geocode(#[from] GeocodeBundleError),
    /// A name that is not one of those accepted.
    #[error(transparent)]
    UnknownName(#[from] UnknownName),
}
