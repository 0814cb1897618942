//! Python bindings of `maillage`, built by maturin into the module `maillage._maillage`.
//!
//! The bindings hold no analysis: they load a bundle with the GIL released, convert the
//! core's types to Python objects (lists, dicts, `datetime.date`) and map the core's
//! errors to Python exceptions (in one place, `errors.rs`). Every figure comes from
//! the core crate.

mod convert;
mod diagnosis;
mod errors;
mod geocode;
mod import;
mod network;
mod problem;
mod territory;

use errors::BundleError;
use problem::Problem;
use pyo3::prelude::*;
use std::path::PathBuf;
use territory::Territory;

/// Loads a territory bundle folder (docs/bundle.md).
///
/// The folder is read and checked with the GIL released, so other Python threads run
/// meanwhile.
///
/// Returns:
///     Territory: the whole territory, with its warnings in ``Territory.warnings``.
///
/// Raises:
///     BundleError: the bundle breaks the format; ``.errors`` lists every problem
///         found (file, line or feature, field, message), ``.warnings`` the warnings.
///
/// Example:
///     >>> t = maillage.load("data/lyon7")
///     >>> len(t), t.coverage_layer
///     (206, 'iris')
#[pyfunction]
fn load(py: Python<'_>, path: PathBuf) -> PyResult<Territory> {
    match py.detach(|| maillage::load_bundle(&path)) {
        Ok(loaded) => Ok(Territory::new(loaded)),
        Err(e) => Err(errors::bundle_error(py, e)),
    }
}

/// Core of the `maillage` package, written in Rust. Import `maillage` rather than this.
#[pymodule]
fn _maillage(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("BundleError", m.py().get_type::<BundleError>())?;
    m.add_class::<Problem>()?;
    m.add_class::<Territory>()?;
    m.add_class::<diagnosis::Diagnosis>()?;
    m.add_class::<network::NetworkReport>()?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(import::import_file, m)?)?;
    m.add_function(wrap_pyfunction!(geocode::geocode_bundle, m)?)?;
    m.add_function(wrap_pyfunction!(geocode::geocode_rows, m)?)?;
    Ok(())
}
