//! Many territories at once (docs/compare.md): the key figures of one bundle, which a
//! worker of a Dask cluster computes and sends back pickled, and the comparison
//! assembled from them. `maillage.compare_territories` (Python) maps the first over a
//! cluster, or runs every bundle here in parallel (`_compare_local`).

use crate::convert::json_to_py;
use crate::errors::to_py_error;
use maillage::compare::{
    compare_bundles, plan, render_comparison_file, territory_figures, write_comparison,
    CompareOptions, Comparison, FailureReason, Outcome,
};
use maillage::diagnosis::DiagnosisOptions;
use maillage::outputs::OutputOptions;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple, PyType};
use std::path::PathBuf;

/// The key figures of one territory, read from its diagnosis (docs/compare.md): what a
/// comparison sets side by side. Built by :func:`territory_key_figures`; picklable
/// (so that a Dask worker sends it back), comparable with ``==``.
///
/// ``k["density"]`` and the other fields read as in a dict; :meth:`to_dict` gives the
/// whole as plain Python objects.
///
/// Example:
///     >>> k = maillage.territory_key_figures("data/lyon7")
///     >>> k.name, k["zones"]
///     ('lyon7', 24)
#[pyclass(frozen, module = "maillage._maillage", name = "KeyFigures")]
pub struct KeyFigures {
    inner: maillage::compare::KeyFigures,
}

impl KeyFigures {
    fn value(&self) -> PyResult<serde_json::Value> {
        serde_json::to_value(&self.inner).map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

#[pymethods]
impl KeyFigures {
    /// Key figures from their JSON text (:meth:`to_json`): how a pickled value comes
    /// back.
    ///
    /// Raises:
    ///     ValueError: the text is not the JSON of key figures.
    #[new]
    fn new(json: &str) -> PyResult<Self> {
        serde_json::from_str(json)
            .map(|inner| Self { inner })
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The territory's name in the comparison: its bundle folder's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The figures as JSON text, every number exactly.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The figures as plain Python objects (dicts, lists, numbers, strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.value()?)
    }

    /// One figure by its code, as a column of ``comparaison.csv`` names it
    /// (``"densite"``, ``"acteurs_pour_10000[social]"``, ``"lacunes[service]"``...);
    /// ``None`` when the territory has no value for it.
    fn figure(&self, code: &str) -> Option<f64> {
        self.inner.figure(code)
    }

    fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.value()?.get(key) {
            Some(v) => json_to_py(py, v),
            None => Err(pyo3::exceptions::PyKeyError::new_err(key.to_owned())),
        }
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<KeyFigures>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let json = slf.get().to_json()?;
        Ok((
            slf.get_type(),
            PyTuple::new(slf.py(), [PyString::new(slf.py(), &json)])?,
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "<KeyFigures of {:?}: {} actors, {} zones, density {:.4}>",
            self.inner.name, self.inner.actors, self.inner.zones, self.inner.density
        )
    }
}

/// The options of every diagnosis of a comparison and of each territory's outputs.
fn options(
    partition: Option<String>,
    betweenness_pivots: Option<usize>,
    seed: u64,
    suggestions: usize,
    confirmed_only: bool,
    include_individuals: bool,
    min_count: Option<u64>,
) -> CompareOptions {
    CompareOptions {
        diagnosis: DiagnosisOptions {
            partition,
            betweenness_pivots,
            seed,
            suggestions,
            confirmed_only,
            ..DiagnosisOptions::default()
        },
        outputs: OutputOptions {
            include_individuals,
            min_count: min_count.unwrap_or(0),
            ..OutputOptions::default()
        },
    }
}

/// A failure as the Python exception of its kind.
fn failure_to_py(reason: FailureReason) -> PyErr {
    match reason {
        FailureReason::Error(e) => to_py_error(e),
        FailureReason::Other(m) => PyValueError::new_err(m.to_string()),
    }
}

/// The key figures of one territory: loads the bundle, diagnoses it and reads its
/// figures, with the GIL released (what a Dask worker runs on each bundle); with
/// ``out``, writes every output of the territory into ``out/NAME`` first, as
/// ``maillage diagnose`` would.
///
/// Args:
///     path: the bundle folder.
///     out: the comparison's folder; default: nothing written.
///     name: the territory's name in the comparison; default: the folder's name.
///     partition, betweenness_pivots, seed, suggestions, confirmed_only: the
///         diagnosis's options, as in :meth:`Territory.diagnose`.
///     include_individuals, min_count: the outputs' options, as in
///         :meth:`Diagnosis.write`.
///
/// Returns:
///     KeyFigures: picklable.
///
/// Raises:
///     BundleError: the bundle is missing or breaks the format.
///     ValueError: an option the territory cannot take.
///     OSError: the outputs could not be written.
///
/// Example:
///     >>> k = maillage.territory_key_figures("data/cevennes")
///     >>> k["density"] == maillage.load("data/cevennes").diagnose().summary["density"]
///     True
#[pyfunction]
#[pyo3(signature = (path, out = None, *, name = None, partition = None, betweenness_pivots = None, seed = 42, suggestions = 20, confirmed_only = false, include_individuals = false, min_count = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn territory_key_figures(
    py: Python<'_>,
    path: PathBuf,
    out: Option<PathBuf>,
    name: Option<String>,
    partition: Option<String>,
    betweenness_pivots: Option<usize>,
    seed: u64,
    suggestions: usize,
    confirmed_only: bool,
    include_individuals: bool,
    min_count: Option<u64>,
) -> PyResult<KeyFigures> {
    let options = options(
        partition,
        betweenness_pivots,
        seed,
        suggestions,
        confirmed_only,
        include_individuals,
        min_count,
    );
    let name = match name {
        Some(n) => n,
        None => plan(std::slice::from_ref(&path))
            .pop()
            .and_then(|p| p.name.ok())
            .unwrap_or_else(|| path.display().to_string()),
    };
    py.detach(|| territory_figures(&path, &name, &options, out.as_deref()))
        .map(|inner| KeyFigures { inner })
        .map_err(failure_to_py)
}

/// The bundles' names in a comparison, in the order given: ``(bundle, name, None)``,
/// or ``(bundle, None, why)`` for a bundle refused before being read (a name already
/// taken).
#[pyfunction]
#[pyo3(name = "_compare_plan")]
pub(crate) fn compare_plan(paths: Vec<PathBuf>) -> Vec<(String, Option<String>, Option<String>)> {
    plan(&paths)
        .into_iter()
        .map(|p| match p.name {
            Ok(name) => (p.bundle, Some(name), None),
            Err(reason) => {
                let why = reason.render(maillage::lang::language());
                (p.bundle, None, Some(why))
            }
        })
        .collect()
}

/// A comparison as a dict: ``territories`` (:class:`KeyFigures`), ``failures``,
/// ``overlaps``, ``totals``, ``written`` (the paths written) and ``tables`` (the
/// bytes of ``comparaison.csv`` and ``comparaison_figures.csv``).
fn comparison_to_py<'py>(
    py: Python<'py>,
    comparison: Comparison,
    written: Vec<PathBuf>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let json = |value: Result<serde_json::Value, serde_json::Error>| {
        value
            .map_err(|e| PyValueError::new_err(e.to_string()))
            .and_then(|v| json_to_py(py, &v))
    };
    dict.set_item(
        "failures",
        json(serde_json::to_value(&comparison.failures))?,
    )?;
    dict.set_item(
        "overlaps",
        json(serde_json::to_value(&comparison.overlaps))?,
    )?;
    dict.set_item("totals", json(serde_json::to_value(&comparison.totals))?)?;
    let tables = PyDict::new(py);
    for name in ["comparaison.csv", "comparaison_figures.csv"] {
        let bytes = py
            .detach(|| render_comparison_file(&comparison, name))
            .unwrap_or_default();
        tables.set_item(name, PyBytes::new(py, &bytes))?;
    }
    dict.set_item("tables", tables)?;
    dict.set_item(
        "written",
        written
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect::<Vec<_>>(),
    )?;
    let territories = PyList::empty(py);
    for inner in comparison.territories {
        territories.append(Bound::new(py, KeyFigures { inner })?)?;
    }
    dict.set_item("territories", territories)?;
    Ok(dict)
}

/// Writes the comparison when `out` is given, with the GIL released.
fn written(
    py: Python<'_>,
    comparison: &Comparison,
    out: Option<&PathBuf>,
) -> PyResult<Vec<PathBuf>> {
    match out {
        None => Ok(Vec::new()),
        Some(out) => py
            .detach(|| write_comparison(out, comparison))
            .map_err(|e| to_py_error(e.into())),
    }
}

/// Puts the outcomes of the bundles together and, with ``out``, writes the comparison
/// there (``comparaison.html``, ``comparaison.csv``...), with the GIL released.
///
/// Args:
///     entries: ``(bundle, outcome)`` pairs in the order given, each outcome a
///         :class:`KeyFigures` or the text of why the bundle failed.
///     out: the comparison's folder; default: nothing written.
///
/// Returns:
///     dict: ``territories``, ``failures``, ``overlaps``, ``totals``, ``written``,
///     ``tables``.
///
/// Raises:
///     TypeError: an outcome is neither key figures nor a text.
///     OSError: the comparison could not be written (its previous files unchanged).
#[pyfunction]
#[pyo3(name = "write_comparison", signature = (entries, out = None))]
pub(crate) fn write_comparison_py<'py>(
    py: Python<'py>,
    entries: Vec<(String, Bound<'py, PyAny>)>,
    out: Option<PathBuf>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut outcomes: Vec<(String, Outcome)> = Vec::with_capacity(entries.len());
    for (bundle, outcome) in entries {
        let outcome = if let Ok(k) = outcome.cast::<KeyFigures>() {
            Ok(k.get().inner.clone())
        } else if let Ok(text) = outcome.extract::<String>() {
            Err(FailureReason::Other(maillage::msg!(
                CompareFailureText,
                detail = text
            )))
        } else {
            return Err(PyTypeError::new_err(
                maillage::msg!(CompareBadOutcome, bundle = bundle.as_str()).to_string(),
            ));
        };
        outcomes.push((bundle, outcome));
    }
    let comparison = py.detach(|| Comparison::assemble(outcomes));
    let paths = written(py, &comparison, out.as_ref())?;
    comparison_to_py(py, comparison, paths)
}

/// Every bundle diagnosed here, in parallel on rayon's threads, with the GIL released;
/// each territory's outputs written into ``out/NAME`` and the comparison into ``out``
/// when ``out`` is given. What ``maillage.compare_territories`` runs without a Dask
/// client.
#[pyfunction]
#[pyo3(name = "_compare_local", signature = (paths, out = None, *, partition = None, betweenness_pivots = None, seed = 42, suggestions = 20, confirmed_only = false, include_individuals = false, min_count = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn compare_local<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    out: Option<PathBuf>,
    partition: Option<String>,
    betweenness_pivots: Option<usize>,
    seed: u64,
    suggestions: usize,
    confirmed_only: bool,
    include_individuals: bool,
    min_count: Option<u64>,
) -> PyResult<Bound<'py, PyDict>> {
    let options = options(
        partition,
        betweenness_pivots,
        seed,
        suggestions,
        confirmed_only,
        include_individuals,
        min_count,
    );
    let comparison = py.detach(|| compare_bundles(&paths, &options, out.as_deref()));
    let paths = written(py, &comparison, out.as_ref())?;
    comparison_to_py(py, comparison, paths)
}
