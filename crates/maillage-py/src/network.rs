//! `NetworkReport`: every network figure of a territory, as records (lists of dicts);
//! `to_pandas`, written in Python (`python/maillage/_methods.py`), makes DataFrames of
//! them.

use crate::convert::{json_to_py, opt_date_to_py};
use maillage::network::NetworkReport as CoreReport;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use serde_json::Value;

/// Every network figure of docs/analyses.md §1 for a territory on a date: density,
/// components, per-actor centralities and brokerage, groups (E-I index, mixing),
/// articulation points, bridges, Louvain communities, key players and the articulation
/// between dispositifs. Built by :meth:`Territory.network`.
///
/// Record properties (``actors``, ``groups``, ``communities``, ``dispositifs``) return
/// lists of plain dicts; :meth:`to_pandas` gives the same as a DataFrame.
///
/// Example:
///     >>> report = maillage.load("data/lyon7").network()
///     >>> top = max(report.actors, key=lambda a: a["betweenness"])
///     >>> top["id"]
///     'cpts_lyon7'
#[pyclass(frozen, module = "maillage._maillage", name = "NetworkReport")]
pub struct NetworkReport {
    inner: CoreReport,
}

impl NetworkReport {
    pub(crate) fn new(inner: CoreReport) -> Self {
        Self { inner }
    }

    fn value<T: serde::Serialize>(&self, part: &T) -> PyResult<Value> {
        serde_json::to_value(part).map_err(|e| {
            PyRuntimeError::new_err(
                maillage::msg!(NotConverted, detail = e.to_string()).to_string(),
            )
        })
    }

    /// The records of a table, with nested brokerage counts flattened into columns.
    fn records(&self, table: &str) -> PyResult<Value> {
        let mut value = match table {
            "actors" => self.value(&self.inner.actor_metrics)?,
            "groups" => self.value(&self.inner.groups)?,
            "communities" => self.value(&self.inner.communities)?,
            "dispositifs" => self.value(&self.inner.dispositifs)?,
            other => {
                return Err(PyValueError::new_err(
                    maillage::msg!(NoNetworkTable, table = other).to_string(),
                ))
            }
        };
        if let Value::Array(rows) = &mut value {
            for row in rows {
                let Value::Object(map) = row else { continue };
                if let Some(Value::Object(roles)) = map.shift_remove("brokerage") {
                    for (role, count) in roles {
                        map.insert(format!("brokerage_{role}"), count);
                    }
                }
            }
        }
        Ok(value)
    }
}

#[pymethods]
impl NetworkReport {
    /// The date relations were filtered on (``datetime.date``), or None for every
    /// relation.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_date_to_py(py, self.inner.date)
    }

    /// The actor attribute groups come from (``"sector"`` by default).
    #[getter]
    fn partition(&self) -> &str {
        &self.inner.partition
    }

    /// Number of actors n.
    #[getter]
    fn actor_count(&self) -> usize {
        self.inner.actors
    }

    /// Number of edges m of the undirected simple projection.
    #[getter]
    fn edge_count(&self) -> usize {
        self.inner.edges
    }

    /// Density 2m / (n(n−1)).
    #[getter]
    fn density(&self) -> f64 {
        self.inner.density
    }

    /// Sizes of the connected components, largest first.
    #[getter]
    fn component_sizes(&self) -> Vec<usize> {
        self.inner.component_sizes.clone()
    }

    /// How betweenness was computed: ``"exact"`` or ``"sampled (k = K, seed = S)"``.
    #[getter]
    fn betweenness_method(&self) -> &str {
        &self.inner.betweenness
    }

    /// Global E-I index, in [−1, 1], or None without edges.
    #[getter]
    fn ei_index(&self) -> Option<f64> {
        self.inner.ei_index
    }

    /// Louvain modularity Q.
    #[getter]
    fn modularity(&self) -> f64 {
        self.inner.modularity
    }

    /// Ids of the articulation points.
    #[getter]
    fn articulation_points(&self) -> Vec<String> {
        self.inner.articulation_points.clone()
    }

    /// Bridges as pairs of actor ids.
    #[getter]
    fn bridges(&self) -> Vec<(String, String)> {
        self.inner.bridges.clone()
    }

    /// The key players: ``{"actors": [...], "fragmentation_before": F0,
    /// "fragmentation_after": F1}``.
    #[getter]
    fn key_players<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.value(&self.inner.key_players)?)
    }

    /// Remarks that qualify the figures (e.g. PageRank not converging).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.inner.notes.clone()
    }

    /// One dict per actor: id, name, kind, group, degree, strength, betweenness,
    /// closeness, pagerank, clustering, constraint, effective_size, ei_index,
    /// brokerage_coordinator / _itinerant / _gatekeeper / _liaison / _total,
    /// articulation_point, fragility, community.
    #[getter]
    fn actors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, "actors")
    }

    /// One dict per group: group, actors, internal_edges, external_edges, ei_index,
    /// mixing (edges to each group).
    #[getter]
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, "groups")
    }

    /// One dict per Louvain community: community, size, composition (actors per group).
    #[getter]
    fn communities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, "communities")
    }

    /// One dict per pair of dispositifs: a, b, direct, shared_members, cross_ties,
    /// joint_actions, distance, bridging_actors, articulated.
    #[getter]
    fn dispositifs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, "dispositifs")
    }

    /// The records of a table (``"actors"``, ``"groups"``, ``"communities"`` or
    /// ``"dispositifs"``), as its property gives them: what :meth:`to_pandas` (written
    /// in Python) makes a DataFrame of.
    ///
    /// Raises:
    ///     ValueError: unknown table.
    #[pyo3(name = "_table")]
    fn table<'py>(&self, py: Python<'py>, table: &str) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.records(table)?)
    }

    /// The whole report as one dict (what ``Territory.diagnose()["network"]`` holds).
    pub(crate) fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.value(&self.inner)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "<NetworkReport: {} actors, {} edges, density {:.4}, {} components, E-I {}>",
            self.inner.actors,
            self.inner.edges,
            self.inner.density,
            self.inner.component_sizes.len(),
            self.inner
                .ei_index
                .map_or("—".to_owned(), |e| format!("{e:+.3}"))
        )
    }
}
