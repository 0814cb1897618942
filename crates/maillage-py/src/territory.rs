//! `Territory`: a loaded bundle as Python sees it, its parts converted to lists of
//! dicts, and its diagnosis converted from the core's serde value. `from_frames` and
//! `to_networkx` are written in Python (`python/maillage/interop.py`).

use crate::convert::{
    attributes_to_py, date_from_py, json_object_to_py, json_to_py, opt_date_to_py,
};
use crate::diagnosis::Diagnosis;
use crate::errors::{bundle_error, problems_to_py, to_py_error};
use crate::network::NetworkReport;
use maillage::diagnosis::{check_partition, DiagnosisOptions};
use maillage::model::{Action, Actor, ActorIx, Layer, Need, Relation, Zone, ZoneRef};
use maillage::network::compare;
use maillage::network::Network;
use maillage::network::{analyse, NetworkOptions};
use maillage::Loaded;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyUserWarning};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use std::sync::Arc;

/// The name under which problems of a cost table given as bytes are located.
const COSTS_GIVEN: &str = "costs.csv";

/// A cost table given to `Territory._diagnose(costs=…)`: a file's path, or its CSV bytes
/// (a DataFrame is written to CSV on the Python side, `python/maillage/_methods.py`).
#[derive(FromPyObject)]
enum CostTable<'py> {
    /// Raw CSV bytes.
    Bytes(Bound<'py, PyBytes>),
    /// A path (`str` or `os.PathLike`).
    Path(std::path::PathBuf),
}

/// A territory loaded from a bundle: actors, relations, actions, needs and layers of
/// zones, all checked and cross-referenced. Built by :func:`load`; immutable.
///
/// Each property builds a new list of plain dicts at each access: keep it in a variable
/// rather than reading it in a loop.
///
/// Example:
///     >>> t = maillage.load("data/lyon7")
///     >>> t
///     <Territory 'Lyon 7e arrondissement': 206 actors, 535 relations, 3 layers>
#[pyclass(frozen, module = "maillage._maillage", name = "Territory")]
pub struct Territory {
    inner: Arc<maillage::Territory>,
    warnings: Vec<maillage::Problem>,
}

impl Territory {
    pub(crate) fn new(loaded: Loaded) -> Self {
        Self {
            inner: Arc::new(loaded.territory),
            warnings: loaded.warnings,
        }
    }

    /// The territory with a cost table given apart (docs/bundle.md, "Travel costs"),
    /// read by the core's reader for this territory and with the manifest's
    /// `[analysis.costs]` settings, as `maillage diagnose --costs FILE` does; the
    /// territory itself without one. The table's warnings are Python warnings; a
    /// table with errors raises `BundleError` with every problem, located.
    fn with_costs(
        &self,
        py: Python<'_>,
        costs: Option<CostTable<'_>>,
    ) -> PyResult<Arc<maillage::Territory>> {
        let Some(costs) = costs else {
            return Ok(Arc::clone(&self.inner));
        };
        let territory = &self.inner;
        let read = match &costs {
            CostTable::Path(path) => {
                py.detach(|| maillage::bundle::read_cost_table(path, territory))
            }
            CostTable::Bytes(bytes) => {
                let bytes = bytes.as_bytes();
                py.detach(|| maillage::bundle::read_cost_table_bytes(COSTS_GIVEN, bytes, territory))
            }
        };
        let (table, warnings) = read.map_err(|e| bundle_error(py, e))?;
        for warning in warnings {
            PyErr::warn(
                py,
                &py.get_type::<PyUserWarning>(),
                &std::ffi::CString::new(warning.to_string().replace('\0', " ")).unwrap_or_default(),
                1,
            )?;
        }
        let mut with_costs = maillage::Territory::clone(territory);
        with_costs.analysis.costs = Some(Arc::new(table));
        Ok(Arc::new(with_costs))
    }

    fn actor_id(&self, ix: ActorIx) -> &str {
        &self.inner.actor(ix).id
    }

    fn actor_ids(&self, ixs: &[ActorIx]) -> Vec<&str> {
        ixs.iter().map(|&a| self.actor_id(a)).collect()
    }

    /// The network options of the user's choices, checked by the core.
    fn network_options(
        &self,
        partition: Option<String>,
        betweenness_pivots: Option<usize>,
        seed: u64,
        key_players: usize,
    ) -> PyResult<NetworkOptions> {
        DiagnosisOptions {
            partition,
            betweenness_pivots,
            seed,
            key_players,
            ..DiagnosisOptions::default()
        }
        .network_options(&self.inner)
        .map_err(|e| to_py_error(e.into()))
    }

    fn zone_labels(&self, refs: &[ZoneRef]) -> Vec<String> {
        refs.iter().map(|&r| self.inner.zone_label(r)).collect()
    }

    fn actor_to_py<'py>(&self, py: Python<'py>, a: &Actor) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &a.id)?;
        d.set_item("name", &a.name)?;
        d.set_item("kind", &a.kind)?;
        // Every kind of a loaded territory is in its taxonomy; the id is a fallback only.
        let kind = self.inner.taxonomy.kind(&a.kind);
        d.set_item(
            "kind_label",
            kind.map_or(a.kind.as_str(), |k| k.label.as_str()),
        )?;
        d.set_item("sector", &a.sector)?;
        d.set_item("family", &a.family)?;
        d.set_item("themes", themes(&a.themes))?;
        d.set_item("lon", a.location.map(|p| p.lon))?;
        d.set_item("lat", a.location.map(|p| p.lat))?;
        d.set_item("capacity", a.capacity)?;
        d.set_item("serves", self.zone_labels(&a.serves))?;
        d.set_item("accepting", a.accepting)?;
        d.set_item("attributes", attributes_to_py(py, &a.attributes)?)?;
        Ok(d)
    }

    fn relation_to_py<'py>(&self, py: Python<'py>, r: &Relation) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("source", self.actor_id(r.source))?;
        d.set_item("target", self.actor_id(r.target))?;
        d.set_item("kind", r.kind.as_str())?;
        d.set_item("weight", r.weight)?;
        d.set_item("themes", themes(&r.themes))?;
        d.set_item("since", opt_date_to_py(py, r.validity.since)?)?;
        d.set_item("until", opt_date_to_py(py, r.validity.until)?)?;
        d.set_item("attributes", attributes_to_py(py, &r.attributes)?)?;
        Ok(d)
    }

    fn action_to_py<'py>(&self, py: Python<'py>, a: &Action) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &a.id)?;
        d.set_item("name", &a.name)?;
        d.set_item("themes", themes(&a.themes))?;
        d.set_item("lead", self.actor_ids(&a.lead))?;
        d.set_item("partners", self.actor_ids(&a.partners))?;
        d.set_item("funders", self.actor_ids(&a.funders))?;
        d.set_item("zones", self.zone_labels(&a.zones))?;
        d.set_item("start", opt_date_to_py(py, a.start())?)?;
        // `end` as written in actions.csv: the last day, the day before `until`.
        d.set_item("end", opt_date_to_py(py, a.end())?)?;
        d.set_item("attributes", attributes_to_py(py, &a.attributes)?)?;
        Ok(d)
    }

    fn need_to_py<'py>(&self, py: Python<'py>, n: &Need) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("zone", self.inner.zone_label(n.zone))?;
        d.set_item("theme", n.theme.label())?;
        d.set_item("level", n.level)?;
        d.set_item("source", n.source.as_deref())?;
        d.set_item("attributes", attributes_to_py(py, &n.attributes)?)?;
        d.set_item("raised", n.raised_by.is_some())?;
        Ok(d)
    }
}

fn themes(themes: &[maillage::model::Theme]) -> Vec<&str> {
    themes.iter().map(|t| t.label()).collect()
}

fn layer_to_py<'py>(py: Python<'py>, layer: &Layer) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("name", &layer.name)?;
    d.set_item("file", &layer.file)?;
    d.set_item("priority", layer.priority)?;
    let indicators = PyList::empty(py);
    for i in &layer.indicators {
        let item = PyDict::new(py);
        item.set_item("property", &i.property)?;
        item.set_item("label", &i.label)?;
        item.set_item("unit", i.unit.as_deref())?;
        item.set_item("better", i.better.as_str())?;
        indicators.append(item)?;
    }
    d.set_item("indicators", indicators)?;
    let zones = PyList::empty(py);
    for z in &layer.zones {
        zones.append(zone_to_py(py, z)?)?;
    }
    d.set_item("zones", zones)?;
    Ok(d)
}

fn zone_to_py<'py>(py: Python<'py>, z: &Zone) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &z.id)?;
    d.set_item("name", &z.name)?;
    d.set_item("population", z.population)?;
    d.set_item("anchor_lon", z.anchor.lon)?;
    d.set_item("anchor_lat", z.anchor.lat)?;
    d.set_item("properties", json_object_to_py(py, &z.properties)?)?;
    let indicators = PyDict::new(py);
    for (property, value) in &z.indicators {
        indicators.set_item(property, *value)?;
    }
    d.set_item("indicators", indicators)?;
    // the age-weighted demand when the layer declares one (docs/bundle.md)
    d.set_item("demand", z.demand.map(|x| x.weighted))?;
    d.set_item("demand_estimated", z.demand.map(|x| x.estimated))?;
    d.set_item("geometry", geometry_to_py(py, z)?)?;
    Ok(d)
}

/// The outline as a GeoJSON MultiPolygon dict (WGS84 lon/lat, exterior ring first),
/// the `__geo_interface__` shape that `shapely.geometry.shape` reads.
fn geometry_to_py<'py>(py: Python<'py>, z: &Zone) -> PyResult<Bound<'py, PyDict>> {
    let polygons = PyList::empty(py);
    for polygon in &z.geometry {
        let rings = PyList::empty(py);
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let coords: Vec<(f64, f64)> = ring.coords().map(|c| (c.x, c.y)).collect();
            let points = PyList::empty(py);
            for (x, y) in coords {
                points.append(PyList::new(py, [x, y])?)?;
            }
            rings.append(points)?;
        }
        polygons.append(rings)?;
    }
    let d = PyDict::new(py);
    d.set_item("type", "MultiPolygon")?;
    d.set_item("coordinates", polygons)?;
    Ok(d)
}

#[pymethods]
impl Territory {
    /// The territory's name, from ``territory.toml``.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The date the network is observed at (``datetime.date``), or None.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_date_to_py(py, self.inner.date)
    }

    /// The actors, in file order: a list of dicts.
    #[getter]
    fn actors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for a in &self.inner.actors {
            list.append(self.actor_to_py(py, a)?)?;
        }
        Ok(list)
    }

    /// The relations, in file order: a list of dicts.
    #[getter]
    fn relations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for r in &self.inner.relations {
            list.append(self.relation_to_py(py, r)?)?;
        }
        Ok(list)
    }

    /// The joint actions, in file order: a list of dicts.
    #[getter]
    fn actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for a in &self.inner.actions {
            list.append(self.action_to_py(py, a)?)?;
        }
        Ok(list)
    }

    /// The needs, in file order, then those raised from an indicator by the
    /// manifest's rules (``raised``: true): a list of dicts.
    #[getter]
    fn needs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for n in &self.inner.needs {
            list.append(self.need_to_py(py, n)?)?;
        }
        Ok(list)
    }

    /// The layers of zones, in manifest order: a list of dicts.
    #[getter]
    fn layers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for l in &self.inner.layers {
            list.append(layer_to_py(py, l)?)?;
        }
        Ok(list)
    }

    /// The warnings found while loading (values kept but doubtful).
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        problems_to_py(py, self.warnings.clone())
    }

    /// The name of the layer coverage and gaps are computed on.
    #[getter]
    fn coverage_layer(&self) -> &str {
        &self.inner.coverage_layer().name
    }

    /// The diagnosis behind `Territory.diagnose` (`python/maillage/_methods.py`, where
    /// its arguments are documented), with the GIL released: `costs` is the path of a
    /// cost table or its CSV bytes, a DataFrame being written to CSV on the Python side.
    #[pyo3(name = "_diagnose", signature = (*, partition = None, betweenness_pivots = None, seed = 42, suggestions = 20, confirmed_only = false, since = None, costs = None))]
    #[allow(clippy::too_many_arguments)]
    fn diagnose(
        &self,
        py: Python<'_>,
        partition: Option<String>,
        betweenness_pivots: Option<usize>,
        seed: u64,
        suggestions: usize,
        confirmed_only: bool,
        since: Option<&Bound<'_, PyAny>>,
        costs: Option<CostTable<'_>>,
    ) -> PyResult<Diagnosis> {
        let since = since
            .map(|d| crate::convert::date_from_py(d, "since"))
            .transpose()?;
        let with_costs = self.with_costs(py, costs)?;
        let options = DiagnosisOptions {
            partition,
            betweenness_pivots,
            seed,
            suggestions,
            confirmed_only,
            since,
            ..DiagnosisOptions::default()
        };
        // the diagnosis's outputs are rendered from the territory it read
        let territory = match options.observed(&with_costs) {
            std::borrow::Cow::Borrowed(_) => Arc::clone(&with_costs),
            std::borrow::Cow::Owned(confirmed) => Arc::new(confirmed),
        };
        let observed = &territory;
        let diagnosis = py
            .detach(|| maillage::Diagnosis::run(observed, &options))
            .map_err(|e| to_py_error(e.into()))?;
        Ok(Diagnosis::new(territory, diagnosis))
    }

    /// The network figures (docs/analyses.md §1) on a date.
    ///
    /// Args:
    ///     date: ``datetime.date`` or ISO string; default: the manifest's date (every
    ///         relation when it has none).
    ///     partition: actor attribute defining groups (``"sector"``, ``"kind"``,
    ///         ``"family"`` or a column of actors.csv); default: the manifest's.
    ///     betweenness_pivots: estimate betweenness from this many seeded pivots
    ///         instead of exactly (default: exact up to 2e10 actors × ties, about a department of 50,000 actors, above: 1,024 pivots for betweenness, 256 per component for closeness).
    ///     seed: seed of every random choice (pivots, communities, key players).
    ///     key_players: how many key players to look for.
    ///
    /// Returns:
    ///     NetworkReport: every figure, as records and DataFrames.
    ///
    /// Raises:
    ///     ValueError: unknown partition, bad date, or fewer than 2 pivots.
    ///
    /// Example:
    ///     >>> report = t.network(partition="kind")
    ///     >>> report.ei_index
    #[pyo3(signature = (date = None, *, partition = None, betweenness_pivots = None, seed = 42, key_players = 2))]
    fn network(
        &self,
        py: Python<'_>,
        date: Option<&Bound<'_, PyAny>>,
        partition: Option<String>,
        betweenness_pivots: Option<usize>,
        seed: u64,
        key_players: usize,
    ) -> PyResult<NetworkReport> {
        let date = match date {
            Some(d) => Some(date_from_py(d, "date")?),
            None => self.inner.date,
        };
        let options = self.network_options(partition, betweenness_pivots, seed, key_players)?;
        let territory = &self.inner;
        let report = py.detach(|| {
            let network = Network::project(territory, date);
            analyse(territory, &network, &options)
        });
        Ok(NetworkReport::new(report))
    }

    /// Writes the territory as a bundle folder (docs/bundle.md), created if needed:
    /// territory.toml, the four tables and one GeoJSON file per layer, in WGS84.
    /// Loading the folder back gives the same territory; a territory made with
    /// :meth:`from_frames` becomes a bundle the command and a GIS can open.
    ///
    /// Args:
    ///     path: the folder (``str`` or ``pathlib.Path``).
    ///
    /// Raises:
    ///     OSError: the folder or a file cannot be written; each file is either left
    ///         as it was or written whole.
    ///
    /// Example:
    ///     >>> t.save("lyon7-copie")
    ///     >>> len(maillage.load("lyon7-copie").actors) == len(t.actors)
    ///     True
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let territory = &self.inner;
        py.detach(|| maillage::bundle::write_bundle(territory, &path))
            .map_err(|e| {
                PyOSError::new_err(
                    maillage::msg!(
                        CannotWriteFile,
                        path = path.display().to_string(),
                        detail = e.to_string()
                    )
                    .to_string(),
                )
            })
    }

    /// The territory as it stood on a date: the relations and actions valid then
    /// (docs/analyses.md §4). Actors and zones are unchanged.
    ///
    /// Args:
    ///     date: ``datetime.date`` or ISO string.
    ///
    /// Returns:
    ///     Territory: a new territory observed on ``date``.
    ///
    /// Example:
    ///     >>> before = t.at("2021-01-01")
    ///     >>> len(before.relations) < len(t.relations)
    ///     True
    fn at(&self, date: &Bound<'_, PyAny>) -> PyResult<Territory> {
        let date = date_from_py(date, "date")?;
        Ok(Territory {
            inner: Arc::new(self.inner.at(date)),
            warnings: self.warnings.clone(),
        })
    }

    /// The network at two dates and the ties gained and lost between them, with those
    /// that cross groups: the evidence that an articulation effort created ties.
    ///
    /// Args:
    ///     before: first date (``datetime.date`` or ISO string).
    ///     after: second date.
    ///     partition: actor attribute defining groups; default: the manifest's.
    ///
    /// Returns:
    ///     dict: ``before`` and ``after`` figures (relations, edges, density,
    ///     components, largest_component, isolated_actors, ei_index,
    ///     cross_group_edges), ``gained`` and ``lost`` ties (``a``, ``b``,
    ///     ``crosses_groups``), ``gained_cross_group``, ``lost_cross_group``.
    ///
    /// Example:
    ///     >>> c = t.compare("2022-01-01", "2024-06-30")
    ///     >>> c["gained_cross_group"]
    #[pyo3(signature = (before, after, *, partition = None))]
    fn compare<'py>(
        &self,
        py: Python<'py>,
        before: &Bound<'py, PyAny>,
        after: &Bound<'py, PyAny>,
        partition: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (d1, d2) = (
            date_from_py(before, "before")?,
            date_from_py(after, "after")?,
        );
        let partition = partition.unwrap_or_else(|| self.inner.analysis.partition.clone());
        check_partition(&self.inner, &partition).map_err(|e| to_py_error(e.into()))?;
        let territory = &self.inner;
        let comparison = py.detach(|| compare(territory, d1, d2, &partition));
        let value = serde_json::to_value(&comparison).map_err(|e| {
            PyRuntimeError::new_err(
                maillage::msg!(NotConverted, detail = e.to_string()).to_string(),
            )
        })?;
        json_to_py(py, &value)
    }

    /// Coverage of each zone of the coverage layer (docs/analyses.md §2), with the GIL
    /// released.
    ///
    /// Returns:
    ///     dict: ``layer``, ``catchment_m``, ``access_method`` (``"2sfca"``, ``"e2sfca"``
    ///     or ``"e2sfca-gaussian"``), ``required``, ``supply`` (unit of supply per
    ///     required kind), ``zones`` (one dict per zone: id, name, population, demand
    ///     (the age-weighted demand, when the layer declares one), priority,
    ///     actors, count_by_kind, count_by_sector, density, access (2SFCA per 10,000
    ///     inhabitants), access_accepting (GPs taking new patients), nearest_m,
    ///     dispositifs, overlap, actions), ``comparison`` (priority zones versus the
    ///     others, population-weighted) and ``notes``. ``maillage.frame(c["zones"])``
    ///     makes it a DataFrame.
    ///
    /// Example:
    ///     >>> c = t.coverage()
    ///     >>> c["zones"][0]["access"]["medecin_generaliste"]
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let territory = &self.inner;
        let coverage = py.detach(|| {
            maillage::spatial::zone_coverage(territory, territory.analysis.coverage_layer)
        });
        let value = serde_json::to_value(&coverage).map_err(|e| {
            PyRuntimeError::new_err(
                maillage::msg!(NotConverted, detail = e.to_string()).to_string(),
            )
        })?;
        json_to_py(py, &value)
    }

    /// Every gap of docs/analyses.md §3 on the manifest's date, with the GIL released.
    ///
    /// Args:
    ///     suggestions: how many links to suggest (best first).
    ///
    /// Returns:
    ///     dict: ``service`` (zones lacking a required kind: absent_in_zone or
    ///     out_of_reach), ``needs`` (each need with its status uncovered /
    ///     no_joint_action / covered and the actors and actions that answer it),
    ///     ``groups`` (pairs of groups with no tie), ``isolated_actors``,
    ///     ``unarticulated_dispositifs``, ``suggested_links`` (score, Jaccard,
    ///     Adamic–Adar and reasons). Each is a list of dicts, ready for
    ///     ``maillage.frame``.
    ///
    /// Example:
    ///     >>> [n["theme"] for n in t.gaps()["needs"] if n["status"] == "uncovered"]
    #[pyo3(signature = (*, suggestions = 20))]
    fn gaps<'py>(&self, py: Python<'py>, suggestions: usize) -> PyResult<Bound<'py, PyAny>> {
        let territory = &self.inner;
        let gaps = py.detach(|| {
            let network = Network::project(territory, territory.date);
            let coverage =
                maillage::spatial::zone_coverage(territory, territory.analysis.coverage_layer);
            let options = maillage::gaps::GapOptions {
                suggestions,
                ..maillage::gaps::GapOptions::for_territory(territory)
            };
            maillage::gaps::find_gaps(territory, &network, &coverage, &options)
        });
        let value = serde_json::to_value(&gaps).map_err(|e| {
            PyRuntimeError::new_err(
                maillage::msg!(NotConverted, detail = e.to_string()).to_string(),
            )
        })?;
        json_to_py(py, &value)
    }

    /// The referral pathways of docs/analyses.md §5 on the manifest's date, with the
    /// GIL released: for each pathway (the children's language, mental health), every
    /// entry point with the specialised actors its chains of referrals reach.
    ///
    /// Returns:
    ///     list[dict]: one dict per pathway: ``name``, ``themes``, ``entry_kinds``,
    ///     ``specialised_kinds``, ``referrals`` (arcs counted) and ``entries``, one dict
    ///     per entry point in bundle order: ``entry``, ``reached`` (ids),
    ///     ``shortest_chain`` (ids, the entry point first) and ``single_points``
    ///     (ids of the actors every chain goes through).
    ///
    /// Example:
    ///     >>> language = t.pathways()[0]
    ///     >>> [e["entry"] for e in language["entries"] if not e["reached"]][:2]
    fn pathways<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let territory = &self.inner;
        let followed = py.detach(|| {
            maillage::network::pathways(territory, territory.date, &territory.analysis.pathways)
        });
        let list = PyList::empty(py);
        for p in &followed {
            let d = &p.definition;
            let entries = PyList::empty(py);
            for e in &p.entries {
                let entry = PyDict::new(py);
                entry.set_item("entry", self.actor_id(e.entry))?;
                entry.set_item("reached", self.actor_ids(&e.reached))?;
                entry.set_item("shortest_chain", self.actor_ids(&e.shortest_chain))?;
                entry.set_item("single_points", self.actor_ids(&e.single_points))?;
                entries.append(entry)?;
            }
            let pathway = PyDict::new(py);
            pathway.set_item("name", &d.name)?;
            pathway.set_item("themes", themes(&d.themes))?;
            pathway.set_item("entry_kinds", &d.entry_kinds)?;
            pathway.set_item("specialised_kinds", &d.specialised_kinds)?;
            pathway.set_item("referrals", p.referrals)?;
            pathway.set_item("entries", entries)?;
            list.append(pathway)?;
        }
        Ok(list)
    }

    /// The two-mode view of docs/analyses.md §5 on the manifest's date, as plain
    /// records: what ``to_networkx(bipartite=True)`` builds its graph from.
    ///
    /// Returns:
    ///     dict: ``actors`` (ids of the affiliated actors, bundle order),
    ///     ``affiliations`` (one dict per joint action and dispositif: ``node``,
    ///     ``type``, ``id``, ``name``) and ``ties`` (one dict per edge: ``actor``,
    ///     ``affiliation`` (its node) and ``role``).
    fn _affiliations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        use maillage::network::Affiliation;
        let territory = &self.inner;
        let view = py.detach(|| maillage::network::affiliation_view(territory, territory.date));
        let nodes: Vec<String> = (0..view.affiliations.len())
            .map(|i| view.node_id(territory, i))
            .collect();
        let affiliations = PyList::empty(py);
        for (i, a) in view.affiliations.iter().enumerate() {
            let (kind, id, name) = match *a {
                Affiliation::Action(k) => {
                    let action = &territory.actions[k];
                    ("action", &action.id, &action.name)
                }
                Affiliation::Dispositif(d) => {
                    let d = territory.actor(d);
                    ("dispositif", &d.id, &d.name)
                }
            };
            let record = PyDict::new(py);
            record.set_item("node", &nodes[i])?;
            record.set_item("type", kind)?;
            record.set_item("id", id)?;
            record.set_item("name", name)?;
            affiliations.append(record)?;
        }
        let ties = PyList::empty(py);
        for t in &view.ties {
            let record = PyDict::new(py);
            record.set_item("actor", self.actor_id(t.actor))?;
            record.set_item("affiliation", &nodes[t.affiliation])?;
            record.set_item("role", t.role.as_str())?;
            ties.append(record)?;
        }
        let out = PyDict::new(py);
        out.set_item("actors", self.actor_ids(&view.actors))?;
        out.set_item("affiliations", affiliations)?;
        out.set_item("ties", ties)?;
        Ok(out)
    }

    /// The one-mode projection of the two-mode view onto the actors (docs/analyses.md
    /// §5), with the GIL released: every pair of actors that share a joint action or a
    /// dispositif, with how many they share; networkx's
    /// ``bipartite.weighted_projected_graph`` of ``to_networkx(bipartite=True)`` on the
    /// actors gives the same edges and weights.
    ///
    /// Returns:
    ///     list[dict]: ``a``, ``b`` (ids, ``a`` first in bundle order) and ``shared``.
    ///
    /// Example:
    ///     >>> pairs = maillage.frame(t.co_affiliation())
    ///     >>> pairs.sort_values("shared").tail(3)
    fn co_affiliation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let territory = &self.inner;
        let pairs = py.detach(|| {
            maillage::network::affiliation_view(territory, territory.date)
                .co_affiliation(territory.actors.len())
        });
        let list = PyList::empty(py);
        for p in &pairs {
            let record = PyDict::new(py);
            record.set_item("a", self.actor_id(p.a))?;
            record.set_item("b", self.actor_id(p.b))?;
            record.set_item("shared", p.shared)?;
            list.append(record)?;
        }
        Ok(list)
    }

    fn __len__(&self) -> usize {
        self.inner.actors.len()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let name = PyString::new(py, &self.inner.name).repr()?;
        let t = &self.inner;
        Ok(format!(
            "<Territory {name}: {} actors, {} relations, {} layers>",
            t.actors.len(),
            t.relations.len(),
            t.layers.len()
        ))
    }
}
