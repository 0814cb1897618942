//! `import_file`: the importers of national open data (core `maillage::import`).

use crate::convert::json_to_py;
use crate::errors::{bundle_error, problems_to_py};
use maillage::import::{import_into, ImportOptions, Source, TerritoryFilter};
use maillage::model::Date;
use maillage::BundleErrors;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;

/// Imports a national open-data file into a bundle folder, filtered to a territory.
///
/// The file is read, and the bundle merged and written (each file atomically), with the
/// GIL released. Hand-entered rows and columns are kept; ids are stable
/// (``finess:<nofinesset>``, ``rpps:<Identifiant PP>``), so relations survive a yearly
/// re-import; actors the new file no longer holds get ``import_status = "vanished"``.
///
/// Args:
///     source: ``"finess"``, ``"rpps"``, ``"data-inclusion"``, ``"qpv"``, ``"iris"``
///         or ``"communes"``.
///     file: the national file.
///     into: the bundle folder (created when absent).
///     territory: INSEE commune codes (a list, or ``"30269,30140"``), or the name of a
///         layer of the bundle whose ids are commune codes.
///     mapping: a category table (TOML) overriding the built-in one.
///     date: date written in ``import_date`` (``datetime.date`` or ISO string).
///     population: population table joined to IRIS, commune or QPV outlines.
///     layer_name: name of the layer a layer source writes.
///     commune_layer: layer that actors without a point are attached to.
///     services: data·inclusion services file; each structure gets the names and
///         themes of its services.
///     ban: Base Adresse Nationale files: the imported actors without a point are
///         placed at their address in the same run (the report gets ``geocode``).
///
/// Returns:
///     dict: the report: ``rows``, ``in_territory``, ``imported``, ``added``,
///     ``updated``, ``vanished``, ``returned``, placement counts, ``unmapped`` and
///     ``skipped`` categories (``code``, ``label``, ``count``), ``warnings``
///     (:class:`Problem`).
///
/// Raises:
///     BundleError: the file (or the bundle's actors.csv) has errors; nothing is written.
///     ValueError: unknown source, bad territory or date.
///
/// Example:
///     >>> r = maillage.import_file("finess", "etalab-cs1100507-stock.csv", "my-bundle",
///     ...                          territory=["30269", "30140", "30311"])
///     >>> r["added"], [c["code"] for c in r["unmapped"]]
#[pyfunction]
#[pyo3(signature = (source, file, into, territory, *, mapping=None, date=None, population=None, layer_name=None, commune_layer="communes", services=None, ban=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn import_file<'py>(
    py: Python<'py>,
    source: &str,
    file: PathBuf,
    into: PathBuf,
    territory: Bound<'py, PyAny>,
    mapping: Option<PathBuf>,
    date: Option<Bound<'py, PyAny>>,
    population: Option<PathBuf>,
    layer_name: Option<String>,
    commune_layer: &str,
    services: Option<PathBuf>,
    ban: Option<Vec<PathBuf>>,
) -> PyResult<Bound<'py, PyDict>> {
    let source: Source = source
        .parse()
        .map_err(|e: maillage::UnknownName| crate::errors::to_py_error(e.into()))?;
    let territory_text = match territory.extract::<String>() {
        Ok(s) => s,
        Err(_) => territory.extract::<Vec<String>>()?.join(","),
    };
    let date: Option<Date> = date
        .map(|d| crate::convert::date_from_py(&d, "date"))
        .transpose()?;
    let filter = TerritoryFilter::parse(&territory_text, &into)
        .map_err(|p| PyValueError::new_err(p.to_string()))?;
    let options = ImportOptions {
        territory: filter,
        mapping,
        date,
        commune_layer: commune_layer.to_owned(),
        layer_name,
        population,
        services,
    };
    // the address files are read first: a bad one stops before anything is written
    let index = match ban.filter(|b| !b.is_empty()) {
        None => None,
        Some(files) => match py.detach(|| maillage::geocode::BanIndex::read(&files)) {
            Ok(index) => Some(index),
            Err(e) => {
                return Err(bundle_error(
                    py,
                    BundleErrors {
                        errors: e.errors,
                        warnings: e.warnings,
                    },
                ))
            }
        },
    };
    let result = py.detach(|| import_into(&into, source, &file, &options));
    let report = match result {
        Ok(report) => report,
        Err(e) => return Err(bundle_error(py, e)),
    };
    let geocoded = match &index {
        None => None,
        Some(index) => {
            let options = maillage::geocode::GeocodeOptions::default();
            match py.detach(|| maillage::geocode::geocode_bundle(&into, index, &options)) {
                Ok(g) => Some(g),
                Err(e) => {
                    return Err(bundle_error(
                        py,
                        BundleErrors {
                            errors: e.errors,
                            warnings: report.warnings,
                        },
                    ))
                }
            }
        }
    };
    let value = serde_json::to_value(&report).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let dict = json_to_py(py, &value)?.cast_into::<PyDict>()?;
    dict.set_item("warnings", problems_to_py(py, report.warnings)?)?;
    if let Some(g) = geocoded {
        let value = serde_json::to_value(&g).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let sub = json_to_py(py, &value)?.cast_into::<PyDict>()?;
        sub.set_item("geocoded", g.geocoded())?;
        sub.set_item("unresolved", problems_to_py(py, g.unresolved)?)?;
        sub.set_item("low_score", problems_to_py(py, g.low_score)?)?;
        dict.set_item("geocode", sub)?;
    }
    Ok(dict)
}
