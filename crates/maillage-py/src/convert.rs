//! Conversions of core values to Python objects: serde JSON values (the `Diagnosis`,
//! zone properties), dates and string attributes.

use maillage::model::Date;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDict, PyList};
use pyo3::IntoPyObjectExt;
use serde_json::Value;

/// A JSON value as the Python object `json.loads` would give: `None`, `bool`, `int`,
/// `float`, `str`, `list` or `dict` (keys in the value's order).
pub(crate) fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    match value {
        Value::Null => Ok(py.None().into_bound(py)),
        Value::Bool(b) => b.into_bound_py_any(py),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_bound_py_any(py)
            } else if let Some(u) = n.as_u64() {
                u.into_bound_py_any(py)
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)
            }
        }
        Value::String(s) => s.into_bound_py_any(py),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            Ok(list.into_any())
        }
        Value::Object(map) => Ok(json_object_to_py(py, map)?.into_any()),
    }
}

/// A JSON object as a `dict`, keys in the object's order.
pub(crate) fn json_object_to_py<'py>(
    py: Python<'py>,
    map: &serde_json::Map<String, Value>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in map {
        dict.set_item(k, json_to_py(py, v)?)?;
    }
    Ok(dict)
}

/// A date as a `datetime.date`.
pub(crate) fn date_to_py(py: Python<'_>, date: Date) -> PyResult<Bound<'_, PyDate>> {
    PyDate::new(py, date.year(), date.month(), date.day())
}

/// An optional date as a `datetime.date` or `None`.
pub(crate) fn opt_date_to_py(py: Python<'_>, date: Option<Date>) -> PyResult<Bound<'_, PyAny>> {
    match date {
        Some(d) => Ok(date_to_py(py, d)?.into_any()),
        None => Ok(py.None().into_bound(py)),
    }
}

/// Extra CSV columns (`(column, cell)` pairs in header order) as a `dict` of `str`.
pub(crate) fn attributes_to_py<'py>(
    py: Python<'py>,
    attributes: &[(String, String)],
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in attributes {
        dict.set_item(k, v)?;
    }
    Ok(dict)
}

/// A date given as a `datetime.date` (or `datetime`) or an ISO string `"YYYY-MM-DD"`.
pub(crate) fn date_from_py(value: &Bound<'_, PyAny>, argument: &str) -> PyResult<Date> {
    let text: String = if let Ok(s) = value.extract::<String>() {
        s
    } else if value.hasattr("isoformat")? {
        let iso: String = value.call_method0("isoformat")?.extract()?;
        iso.chars().take(10).collect()
    } else {
        let message = maillage::msg!(
            ExpectedDateArgument,
            argument = argument,
            given = value.get_type().name()?.to_string()
        );
        return Err(pyo3::exceptions::PyTypeError::new_err(message.to_string()));
    };
    text.parse().map_err(|e: maillage::model::DateParseError| {
        let message = maillage::msg!(
            ValueIsNot,
            argument = argument,
            text = text.as_str(),
            detail = e.to_string()
        );
        pyo3::exceptions::PyValueError::new_err(message.to_string())
    })
}
