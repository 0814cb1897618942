//! Python bindings of `maillage`, built by maturin into the module `maillage._maillage`.
//!
//! The bindings hold no analysis: they load a bundle with the GIL released, convert the
//! core's types to Python objects (lists, dicts, `datetime.date`) and map the core's
//! errors to Python exceptions (in one place, `errors.rs`). Every figure comes from
//! the core crate.
//!
//! They give plain data only (records, bytes) and import no Python module: the methods
//! that build DataFrames, GeoDataFrames and networkx graphs (`Territory.from_frames`,
//! `to_networkx`, `NetworkReport.to_pandas`, `Diagnosis.to_geojson`, `to_geopandas`)
//! are written in Python, in `python/maillage` (`_methods.py` attaches them to the
//! classes), over the private `_load_bundle_bytes`, `NetworkReport._table` and
//! `Diagnosis._geojson`.

mod compare;
mod convert;
mod diagnosis;
mod errors;
mod geocode;
mod import;
mod network;
mod problem;
mod territory;

use errors::BundleError;
use maillage::lang::Lang;
use maillage::{BundleErrors, Loaded};
use problem::Problem;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::collections::BTreeMap;
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
    territory(py, py.detach(|| maillage::load_bundle(&path)))
}

/// Loads a bundle from its files in memory (``{"territory.toml": b"...",
/// "actors.csv": b"...", "zones/iris.geojson": b"..."}``), checked as a bundle folder
/// is, with the GIL released: the loader of :meth:`Territory.from_frames`.
///
/// Raises:
///     BundleError: the files break the bundle format.
#[pyfunction]
#[pyo3(name = "_load_bundle_bytes")]
fn load_bundle_bytes(py: Python<'_>, files: BTreeMap<String, Vec<u8>>) -> PyResult<Territory> {
    territory(
        py,
        py.detach(|| maillage::bundle::load_bundle_bytes(&files)),
    )
}

/// A loaded bundle as a `Territory`, or its problems as a `BundleError`.
fn territory(py: Python<'_>, loaded: Result<Loaded, BundleErrors>) -> PyResult<Territory> {
    loaded
        .map(Territory::new)
        .map_err(|e| errors::bundle_error(py, e))
}

/// Runs the `maillage` command (the same as the binary of `maillage-cli`) on ``argv``,
/// the program's name first, with the GIL released, and gives its exit status: the
/// ``maillage`` entry point of the wheel and ``python -m maillage``.
#[pyfunction]
#[pyo3(name = "_run_command")]
fn run_command(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> u8 {
    // the command sets the language of its own run; the session keeps its own
    let session = maillage::lang::language();
    let status = py.detach(|| maillage_cli::run(argv));
    maillage::lang::set_language(session);
    status
}

/// Sets the language of the messages from now on: ``"fr"`` (French, the default) or
/// ``"en"``. Problems, exceptions and the summary are shown in it; problem codes never
/// change. At import, the language is the environment's (``LC_ALL``, ``LC_MESSAGES``,
/// ``LANG``: English for ``en*``, French otherwise).
///
/// Raises:
///     ValueError: the language is neither ``"fr"`` nor ``"en"``.
///
/// Example:
///     >>> maillage.set_language("en")
///     >>> maillage.get_language()
///     'en'
///     >>> maillage.set_language("fr")
#[pyfunction]
fn set_language(lang: &str) -> PyResult<()> {
    let lang: Lang = lang
        .parse()
        .map_err(|m: maillage::lang::Message| PyValueError::new_err(m.to_string()))?;
    maillage::lang::set_language(lang);
    Ok(())
}

/// The language of the messages: ``"fr"`` or ``"en"``.
#[pyfunction]
fn get_language() -> &'static str {
    maillage::lang::language().code()
}

/// Core of the `maillage` package, written in Rust. Import `maillage` rather than this.
#[pymodule]
fn _maillage(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    maillage::lang::set_language(Lang::from_env());
    m.add_function(wrap_pyfunction!(set_language, m)?)?;
    m.add_function(wrap_pyfunction!(get_language, m)?)?;
    m.add("BundleError", m.py().get_type::<BundleError>())?;
    m.add_class::<Problem>()?;
    m.add_class::<Territory>()?;
    m.add_class::<diagnosis::Diagnosis>()?;
    m.add_class::<network::NetworkReport>()?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    // Private (Territory.from_frames is its public face): set, not added to `__all__`.
    m.setattr(
        "_load_bundle_bytes",
        wrap_pyfunction!(load_bundle_bytes, m)?,
    )?;
    // Private (the `maillage` command is its public face).
    m.setattr("_run_command", wrap_pyfunction!(run_command, m)?)?;
    m.add_function(wrap_pyfunction!(import::import_file, m)?)?;
    m.add_class::<compare::KeyFigures>()?;
    m.add_function(wrap_pyfunction!(compare::territory_key_figures, m)?)?;
    m.add_function(wrap_pyfunction!(compare::write_comparison_py, m)?)?;
    // Private (`maillage.compare_territories` is their public face).
    m.setattr("_compare_plan", wrap_pyfunction!(compare::compare_plan, m)?)?;
    m.setattr(
        "_compare_local",
        wrap_pyfunction!(compare::compare_local, m)?,
    )?;
    m.add_function(wrap_pyfunction!(geocode::geocode_bundle, m)?)?;
    m.add_function(wrap_pyfunction!(geocode::geocode_rows, m)?)?;
    Ok(())
}
