//! The one place where core errors become Python exceptions.

use crate::problem::Problem;
use maillage::BundleErrors;
use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;

create_exception!(
    maillage._maillage,
    BundleError,
    PyValueError,
    "A bundle that breaks the format (docs/bundle.md) and cannot be loaded.\n\n\
     ``errors`` is the list of every :class:`Problem` found, ``warnings`` the list of\n\
     warnings met on the way; ``str()`` gives one line per error,\n\
     ``file:line: field: message``."
);

/// A refused bundle as a `BundleError` carrying its problems in `.errors` and
/// `.warnings`, its message the core's rendering (a count, then one error per line).
pub(crate) fn bundle_error(py: Python<'_>, e: BundleErrors) -> PyErr {
    let err = BundleError::new_err(e.to_string());
    let attach = || -> PyResult<()> {
        let value = err.value(py);
        value.setattr("errors", problems_to_py(py, e.errors)?)?;
        value.setattr("warnings", problems_to_py(py, e.warnings)?)?;
        Ok(())
    };
    match attach() {
        Ok(()) => err,
        Err(failure) => failure,
    }
}

/// Any core error as the Python exception of its kind: a refused bundle as
/// `BundleError` (with its problems), a bad choice of options as `ValueError`, a
/// failed write as `OSError`.
pub(crate) fn to_py_error(error: maillage::Error) -> PyErr {
    match error {
        maillage::Error::Bundle(e) => Python::attach(|py| bundle_error(py, e)),
        maillage::Error::Options(e) => PyValueError::new_err(e.to_string()),
        maillage::Error::Output(
            e @ (maillage::outputs::OutputError::UnknownIndicator { .. }
            | maillage::outputs::OutputError::UnknownLayer(_)
            | maillage::outputs::OutputError::Layer(_)),
        ) => PyValueError::new_err(e.to_string()),
        maillage::Error::Output(e) => PyOSError::new_err(e.to_string()),
        maillage::Error::Geocode(e) => PyValueError::new_err(e.to_string()),
        maillage::Error::UnknownName(e) => PyValueError::new_err(e.to_string()),
    }
}

/// Problems as a `list` of `Problem`.
pub(crate) fn problems_to_py(
    py: Python<'_>,
    problems: Vec<maillage::Problem>,
) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, problems.into_iter().map(Problem::from))
}
