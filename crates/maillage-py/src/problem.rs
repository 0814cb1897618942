//! `Problem`: one problem found while reading a bundle, as Python sees it.

use pyo3::prelude::*;
use pyo3::types::PyString;

/// One problem found while reading a bundle: an error that refuses it, or a warning
/// that keeps it.
///
/// ``str(problem)`` is ``file:line: field: message`` (``file#feature N: ...`` for a
/// GeoJSON feature), the way the command line prints it.
///
/// Example:
///     >>> for p in maillage.load("data/lyon7").warnings:
///     ...     print(p.code, p)
#[pyclass(frozen, eq, hash, module = "maillage._maillage", name = "Problem")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem(maillage::Problem);

impl From<maillage::Problem> for Problem {
    fn from(p: maillage::Problem) -> Self {
        Self(p)
    }
}

#[pymethods]
impl Problem {
    /// ``"error"`` (the bundle is refused) or ``"warning"`` (the value is kept).
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity.as_str()
    }

    /// File path relative to the bundle folder, with ``/`` separators.
    #[getter]
    fn file(&self) -> &str {
        &self.0.file
    }

    /// The 1-based physical line (CSV, TOML), the 1-based row of a workbook's sheet, or None.
    #[getter]
    fn line(&self) -> Option<u64> {
        self.0.line()
    }

    /// The 0-based index of the GeoJSON feature, or None.
    #[getter]
    fn feature(&self) -> Option<usize> {
        self.0.feature()
    }

    /// The column, property or manifest key concerned, or None.
    #[getter]
    fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }

    /// Stable machine-readable identifier, e.g. ``"unknown_kind"``.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code.as_str()
    }

    /// What is wrong and, in parentheses, what was expected, in the language of
    /// :func:`maillage.set_language` (French unless chosen otherwise).
    #[getter]
    fn message(&self) -> String {
        self.0.message.to_string()
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.0.to_string()).repr()?;
        Ok(format!(
            "<Problem {} {}: {text}>",
            self.severity(),
            self.code()
        ))
    }
}
