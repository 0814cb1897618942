//! `geocode_bundle` and `geocode_rows`: the geocoder (core `maillage::geocode`), offline
//! against BAN files or through an addok server. The DataFrame side is pure Python
//! (`maillage/geocode.py`): these take and give plain lists.

use crate::convert::json_to_py;
use crate::errors::{bundle_error, problems_to_py};
use maillage::geocode::{Addok, BanIndex, GeocodeOptions, Geocoded, Geocoder, TableColumns};
use maillage::BundleErrors;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;

/// The geocoder asked: BAN files read (GIL released), or a server.
enum Chosen {
    Offline(Box<BanIndex>),
    Online(Addok),
}

impl Chosen {
    fn geocoder(&self) -> &dyn Geocoder {
        match self {
            Chosen::Offline(index) => index.as_ref(),
            Chosen::Online(api) => api,
        }
    }
}

fn choose(py: Python<'_>, ban: Option<Vec<PathBuf>>, api: Option<String>) -> PyResult<Chosen> {
    match (ban, api) {
        (Some(files), None) if !files.is_empty() => match py.detach(|| BanIndex::read(&files)) {
            Ok(index) => Ok(Chosen::Offline(Box::new(index))),
            Err(e) => Err(bundle_error(
                py,
                BundleErrors {
                    errors: e.errors,
                    warnings: e.warnings,
                },
            )),
        },
        (None, Some(url)) => Ok(Chosen::Online(Addok::new(url))),
        (Some(files), Some(_)) if !files.is_empty() => Err(PyValueError::new_err(
            maillage::msg!(BanOrApiNotBoth).to_string(),
        )),
        _ => Err(PyValueError::new_err(
            maillage::msg!(NothingToGeocodeWith).to_string(),
        )),
    }
}

/// Geocodes a bundle's actors.csv in place (see ``maillage.geocode``).
#[pyfunction]
#[pyo3(signature = (bundle, *, ban=None, api=None, overwrite=false, min_score=0.6))]
pub(crate) fn geocode_bundle<'py>(
    py: Python<'py>,
    bundle: PathBuf,
    ban: Option<Vec<PathBuf>>,
    api: Option<String>,
    overwrite: bool,
    min_score: f64,
) -> PyResult<Bound<'py, PyDict>> {
    if !(0.0..=1.0).contains(&min_score) {
        return Err(PyValueError::new_err(
            maillage::msg!(MinScoreArgument, value = min_score).to_string(),
        ));
    }
    let chosen = choose(py, ban, api)?;
    let options = GeocodeOptions {
        overwrite,
        low_score: min_score,
    };
    let warnings = match &chosen {
        Chosen::Offline(index) => index.warnings.clone(),
        Chosen::Online(_) => Vec::new(),
    };
    let result =
        py.detach(|| maillage::geocode::geocode_bundle(&bundle, chosen.geocoder(), &options));
    match result {
        Ok(report) => {
            let geocoded = report.geocoded();
            let value =
                serde_json::to_value(&report).map_err(|e| PyValueError::new_err(e.to_string()))?;
            let dict = json_to_py(py, &value)?.cast_into::<PyDict>()?;
            dict.set_item("geocoded", geocoded)?;
            dict.set_item("unresolved", problems_to_py(py, report.unresolved)?)?;
            dict.set_item("low_score", problems_to_py(py, report.low_score)?)?;
            dict.set_item("warnings", problems_to_py(py, warnings)?)?;
            Ok(dict)
        }
        Err(e) => Err(bundle_error(
            py,
            BundleErrors {
                errors: e.errors,
                warnings,
            },
        )),
    }
}

/// One row's point: `(lon, lat, score, type, label)`.
type Point = (f64, f64, f64, &'static str, String);

fn point(g: Geocoded) -> Point {
    (g.lon, g.lat, g.score, g.kind.as_str(), g.label)
}

/// Geocodes the rows of a table (header and rows of strings); one entry per row, `None`
/// when the row has no address or it was not found (see ``maillage.geocode``); `batch`
/// addresses are sent to a server per request (5,000 = `ADDOK_BATCH` by default).
#[pyfunction]
#[pyo3(signature = (header, rows, *, ban=None, api=None, batch=5000))]
pub(crate) fn geocode_rows(
    py: Python<'_>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    ban: Option<Vec<PathBuf>>,
    api: Option<String>,
    batch: usize,
) -> PyResult<Vec<Option<Point>>> {
    let columns = TableColumns::find(&header).ok_or_else(|| {
        PyValueError::new_err(
            maillage::msg!(NoAddressColumnAmong, header = format!("{header:?}")).to_string(),
        )
    })?;
    let mut chosen = choose(py, ban, api)?;
    if let Chosen::Online(server) = &mut chosen {
        server.batch = batch.max(1);
    }
    let queries: Vec<_> = rows.iter().map(|r| columns.query(r)).collect();
    let asked: Vec<_> = queries.iter().flatten().cloned().collect();
    let found = py
        .detach(|| chosen.geocoder().geocode_all(&asked))
        .map_err(|p| {
            bundle_error(
                py,
                BundleErrors {
                    errors: vec![p],
                    warnings: Vec::new(),
                },
            )
        })?;
    let mut found = found.into_iter();
    Ok(queries
        .iter()
        .map(|q| q.as_ref().and_then(|_| found.next().flatten().map(point)))
        .collect())
}
