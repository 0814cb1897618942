//! `Diagnosis`: every result of a territory's diagnosis, and the writers of its outputs
//! (maps, tables, graph files, the report), as the `maillage` command writes them. The
//! maps as dicts and GeoDataFrames (`to_geojson`, `to_geopandas`, `__geo_interface__`)
//! are written in Python (`python/maillage/_methods.py`) over `_geojson`'s bytes.

use crate::convert::json_to_py;
use crate::errors::to_py_error;
use crate::network::NetworkReport;
use maillage::outputs::{write_outputs, OutputFile, OutputOptions};
use pyo3::exceptions::{PyKeyError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use std::path::PathBuf;
use std::sync::Arc;

/// The parts of a diagnosis, in the order of :meth:`Diagnosis.to_dict`.
const PARTS: [&str; 8] = [
    "summary",
    "coverage",
    "network",
    "gaps",
    "solicitation",
    "shared_themes",
    "overlap",
    "affiliation",
];

/// Every result of a territory's diagnosis, built by :meth:`Territory.diagnose`:
/// ``summary`` (headline figures), ``coverage`` (zone indicators), ``network``
/// (:class:`NetworkReport`), ``gaps`` and ``solicitation`` (what each actor is asked
/// into); and the writers of the outputs.
///
/// ``d["summary"]`` and the other parts read as in a dict; :meth:`to_dict` gives the
/// whole as plain Python objects. ``__geo_interface__`` is the zone map, so
/// ``geopandas.GeoDataFrame.from_features(d)`` works.
///
/// Example:
///     >>> d = maillage.load("data/lyon7").diagnose()
///     >>> d.summary["actors"], len(d.coverage["zones"])
///     (206, 24)
///     >>> d.write("out")  # every output, as ``maillage diagnose`` writes them
#[pyclass(frozen, module = "maillage._maillage", name = "Diagnosis")]
pub struct Diagnosis {
    territory: Arc<maillage::Territory>,
    inner: maillage::Diagnosis,
}

impl Diagnosis {
    pub(crate) fn new(territory: Arc<maillage::Territory>, inner: maillage::Diagnosis) -> Self {
        Self { territory, inner }
    }

    fn part<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let value = match name {
            "summary" => serde_json::to_value(&self.inner.summary),
            "coverage" => serde_json::to_value(&self.inner.coverage),
            "network" => serde_json::to_value(&self.inner.network),
            "gaps" => serde_json::to_value(&self.inner.gaps),
            "solicitation" => serde_json::to_value(&self.inner.solicitation),
            "shared_themes" => serde_json::to_value(&self.inner.shared_themes),
            "overlap" => serde_json::to_value(&self.inner.overlap),
            "affiliation" => serde_json::to_value(&self.inner.affiliation),
            other => {
                return Err(PyKeyError::new_err(
                    maillage::msg!(NoDiagnosisPart, key = other).to_string(),
                ))
            }
        }
        .map_err(|e| {
            PyRuntimeError::new_err(
                maillage::msg!(NotConverted, detail = e.to_string()).to_string(),
            )
        })?;
        json_to_py(py, &value)
    }

    /// The options of the presentation outputs, checked against the diagnosis.
    fn output_options(
        &self,
        indicator: Option<&Bound<'_, PyAny>>,
        include_individuals: bool,
        min_count: Option<u64>,
        crs: Option<&str>,
    ) -> PyResult<OutputOptions> {
        let crs = match crs {
            None => maillage::crs::Crs::Wgs84,
            Some(c) => c
                .parse()
                .map_err(|e: maillage::UnknownName| to_py_error(e.into()))?,
        };
        let indicators = match indicator {
            None => Vec::new(),
            Some(i) if i.is_instance_of::<PyString>() => vec![i.extract::<String>()?],
            Some(i) => i.extract::<Vec<String>>().map_err(|_| {
                PyValueError::new_err(maillage::msg!(ExpectedIndicatorNames).to_string())
            })?,
        };
        let options = OutputOptions {
            indicators,
            include_individuals,
            min_count: min_count.unwrap_or(0),
            crs,
        };
        options
            .check(&self.territory, &self.inner)
            .map_err(|e| to_py_error(e.into()))?;
        Ok(options)
    }

    /// One output rendered with the user's options, with the GIL released.
    fn rendered(
        &self,
        py: Python<'_>,
        file: OutputFile,
        indicator: Option<&Bound<'_, PyAny>>,
        include_individuals: bool,
        min_count: Option<u64>,
    ) -> PyResult<Vec<u8>> {
        let options = self.output_options(indicator, include_individuals, min_count, None)?;
        let (territory, diagnosis) = (&self.territory, &self.inner);
        Ok(py.detach(|| file.render(territory, diagnosis, &options)))
    }
}

/// An output's name as an `OutputFile`.
fn output_file(name: &str) -> PyResult<OutputFile> {
    name.parse()
        .map_err(|e: maillage::UnknownName| to_py_error(e.into()))
}

#[pymethods]
impl Diagnosis {
    /// Headline figures: actors (by sector), located actors, relations, edges, density,
    /// components, isolated actors, E-I index, modularity, gaps counted.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.part(py, "summary")
    }

    /// The coverage of each zone, as :meth:`Territory.coverage` returns it.
    #[getter]
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.part(py, "coverage")
    }

    /// The network figures, as a :class:`NetworkReport`.
    #[getter]
    fn network(&self) -> NetworkReport {
        NetworkReport::new(self.inner.network.clone())
    }

    /// Every gap, as :meth:`Territory.gaps` returns it.
    #[getter]
    fn gaps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.part(py, "gaps")
    }

    /// The solicitation load (docs/analyses.md §5): ``threshold`` (the manifest's
    /// ``solicitation_threshold``), ``actors`` (one record per actor in bundle order:
    /// ``id``, ``name``, ``kind``, ``dispositifs``, ``working_groups``,
    /// ``other_instances``, ``actions_led``, ``actions_joined``, their sum
    /// ``solicitation`` and ``over_solicited``) and ``most_solicited`` (the ids of the
    /// actors at the threshold or above, most solicited first). The rows of
    /// ``solicitation.csv``.
    ///
    /// Example:
    ///     >>> load = maillage.frame(d.solicitation["actors"])
    ///     >>> load.sort_values("solicitation").tail(5)
    #[getter]
    fn solicitation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.part(py, "solicitation")
    }

    /// The themes each pair of dispositifs shares (docs/analyses.md §5), pairs as in
    /// ``network["dispositifs"]``: ``a``, ``b`` and ``themes``, one dict per theme:
    /// ``theme``, ``actors_a`` and ``actors_b`` (how many of each dispositif and its
    /// members work on it), ``joint_actions`` (ids) and ``need_zones`` (``layer:id`` of
    /// the zones both serve with a need on it). The rows of ``shared_themes.csv``.
    ///
    /// Example:
    ///     >>> [t["theme"] for t in d.shared_themes[0]["themes"]][:3]
    #[getter]
    fn shared_themes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.part(py, "shared_themes")
    }

    /// How far each structure's members are a dispositif's (docs/analyses.md §5): one
    /// dict per structure and dispositif sharing members: ``structure``,
    /// ``dispositif``, ``structure_members``, ``dispositif_members``,
    /// ``shared_members``, ``structure_share``, ``dispositif_share``, ``jaccard`` and
    /// ``structure_is_member``. The rows of ``dispositif_overlap.csv``.
    ///
    /// Example:
    ///     >>> maillage.frame(d.overlap).sort_values("dispositif_share").tail(3)
    #[getter]
    fn overlap<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.part(py, "overlap")
    }

    /// The figures of the two-mode view of actors × joint actions and dispositifs
    /// (docs/analyses.md §5): ``actors``, ``actions``, ``dispositifs``,
    /// ``action_ties``, ``dispositif_ties``, ``pairs`` (pairs of actors sharing an
    /// affiliation), ``pairs_without_relation`` and ``unacquainted`` (the organisations
    /// that meet most often without a relation). The view itself:
    /// ``Territory.to_networkx(bipartite=True)``.
    ///
    /// Example:
    ///     >>> d.affiliation["pairs_without_relation"]
    #[getter]
    fn affiliation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.part(py, "affiliation")
    }

    /// What changed since the ``since`` date given to :meth:`Territory.diagnose`
    /// (docs/analyses.md §4, "Before and after"), ``None`` without one: ``comparison``
    /// (as :meth:`Territory.compare`), ``gained_by_kind`` and ``lost_by_kind`` (pairs of
    /// a relation kind and a count), ``dispositif_pairs`` (``a``, ``b``, ``before``,
    /// ``after``: articulated then and now), ``bridges_appeared``, ``bridges_gone``,
    /// ``cut_points_appeared``, ``cut_points_gone``, ``actions_started``,
    /// ``actions_ended``. The rows of ``evolution.csv``.
    ///
    /// Example:
    ///     >>> d = maillage.load("data/lyon7").diagnose(since="2022-01-01")
    ///     >>> d.evolution["actions_started"][:2]
    ///     ['avmpp', 'prev_obesite_diabete']
    #[getter]
    fn evolution<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let Some(e) = &self.inner.evolution else {
            return Ok(py.None().into_bound(py));
        };
        let value = serde_json::to_value(e).map_err(|e| {
            PyRuntimeError::new_err(
                maillage::msg!(NotConverted, detail = e.to_string()).to_string(),
            )
        })?;
        json_to_py(py, &value)
    }

    /// Each dispositif's reach (docs/analyses.md §5, "Membership and reach"): of the
    /// actors of the territory it serves, its members, directly or through a member
    /// structure. The rows of ``membership.csv``, with the actors' ids.
    ///
    /// Args:
    ///     layer: the layer whose zones break the reach down (``by_zone``); default:
    ///         the coverage layer.
    ///
    /// Returns:
    ///     list[dict]: one dict per dispositif in bundle order: ``dispositif`` (id),
    ///     ``eligible``, ``direct``, ``through_structures``, ``non_members`` (ids),
    ///     ``members_outside`` (a count), ``rate``, ``reached_since`` (ids, or
    ///     ``None`` without ``since``) and ``by_kind``, ``by_family``, ``by_zone``:
    ///     lists of dicts ``group``, ``eligible``, ``direct``, ``reached``, ``rate``,
    ///     ``reached_since``.
    ///
    /// Example:
    ///     >>> cpts = [m for m in d.membership() if m["dispositif"] == "cpts_ecm"][0]
    ///     >>> maillage.frame(cpts["by_kind"])
    #[pyo3(signature = (layer = None))]
    fn membership<'py>(
        &self,
        py: Python<'py>,
        layer: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let t = &self.territory;
        let layer = match layer {
            None => t.analysis.coverage_layer,
            Some(name) => t.layer_by_name(name).ok_or_else(|| {
                let names: Vec<&str> = t.layers.iter().map(|l| l.name.as_str()).collect();
                PyValueError::new_err(
                    maillage::msg!(NoLayerNamed, name = name, expected = names.join(", "))
                        .to_string(),
                )
            })?,
        };
        let ids = |actors: &[maillage::model::ActorIx]| -> Vec<&str> {
            actors.iter().map(|&a| t.actor(a).id.as_str()).collect()
        };
        let groups = |groups: Vec<maillage::gaps::ReachGroup>| -> PyResult<Bound<'py, PyList>> {
            let list = PyList::empty(py);
            for g in groups {
                let row = PyDict::new(py);
                row.set_item("group", g.group.as_str())?;
                row.set_item("eligible", g.eligible)?;
                row.set_item("direct", g.direct)?;
                row.set_item("reached", g.reached)?;
                row.set_item("rate", g.rate())?;
                row.set_item("reached_since", g.reached_since)?;
                list.append(row)?;
            }
            Ok(list)
        };
        let list = PyList::empty(py);
        for m in &self.inner.dispositif_reach {
            let row = PyDict::new(py);
            row.set_item("dispositif", t.actor(m.dispositif).id.as_str())?;
            row.set_item("eligible", ids(&m.eligible))?;
            row.set_item("direct", ids(&m.direct))?;
            row.set_item("through_structures", ids(&m.through_structures))?;
            row.set_item("non_members", ids(&m.non_members()))?;
            row.set_item("members_outside", m.members_outside)?;
            row.set_item("rate", m.rate())?;
            row.set_item("reached_since", m.reached_since.as_deref().map(ids))?;
            row.set_item(
                "by_kind",
                groups(m.breakdown(|a| Some(t.actor(a).kind.clone())))?,
            )?;
            row.set_item(
                "by_family",
                groups(m.breakdown(|a| Some(t.actor(a).family.clone())))?,
            )?;
            row.set_item(
                "by_zone",
                groups(m.breakdown(|a| self.inner.zone_id(t, a, layer).map(str::to_owned)))?,
            )?;
            list.append(row)?;
        }
        Ok(list)
    }

    /// The whole diagnosis as plain Python objects (dicts, lists, numbers, strings),
    /// JSON-serialisable as is: ``summary``, ``coverage``, ``network`` (as
    /// :meth:`NetworkReport.to_dict`), ``gaps``, ``solicitation``, ``shared_themes``,
    /// ``overlap`` and ``affiliation``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_value(&self.inner).map_err(|e| {
            PyRuntimeError::new_err(
                maillage::msg!(NotConverted, detail = e.to_string()).to_string(),
            )
        })?;
        json_to_py(py, &value)
    }

    /// The text summary that ``maillage diagnose`` prints and writes to ``summary.txt``:
    /// actors and relations, cohesion, the actors that hold the network, the
    /// dispositifs' articulation, coverage and gaps.
    ///
    /// Example:
    ///     >>> print(maillage.load("data/lyon7").diagnose().summary_text())
    fn summary_text(&self) -> String {
        let options = maillage::outputs::OutputOptions::default();
        let bytes = OutputFile::SummaryTxt.render(&self.territory, &self.inner, &options);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The names of the parts: ``["summary", "coverage", "network", "gaps",
    /// "solicitation", "shared_themes", "overlap", "affiliation"]``.
    fn keys(&self) -> Vec<&'static str> {
        PARTS.to_vec()
    }

    /// A part as plain Python objects, as in :meth:`to_dict`.
    fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        if key == "network" {
            return self.network().to_dict(py);
        }
        self.part(py, key)
    }

    fn __contains__(&self, key: &str) -> bool {
        PARTS.contains(&key)
    }

    /// Writes outputs into a folder (created if needed), as ``maillage diagnose``
    /// does, with the GIL released. Every file is rendered and written to a temporary
    /// file before any is renamed into place: an error leaves the previous outputs as
    /// they were.
    ///
    /// Args:
    ///     folder: the output folder.
    ///     outputs: names of the files to write (``"zones.geojson"``, ``"report.html"``,
    ///         ``"directory.csv"``...); default: all of them.
    ///     indicator: zone property (or list of properties) the maps colour; default:
    ///         access of the first required kind.
    ///     include_individuals: show individual professionals in the maps and report.
    ///     min_count: suppress zone counts from 1 to ``min_count - 1`` in the map and
    ///         the report (11 is the French health-data rule); default: none.
    ///     crs: coordinates of the GIS formats (``"diagnostic.gpkg"``,
    ///         ``"zones.parquet"``...): ``"EPSG:4326"`` (default) or ``"EPSG:2154"``.
    ///
    /// Returns:
    ///     list[str]: the paths written.
    ///
    /// Raises:
    ///     ValueError: an unknown output or indicator.
    ///     OSError: a file could not be written (nothing was changed).
    ///
    /// Example:
    ///     >>> d.write("out", ["zones.geojson", "report.html"], min_count=11)
    #[pyo3(signature = (folder, outputs = None, *, indicator = None, include_individuals = false, min_count = None, crs = None))]
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        py: Python<'_>,
        folder: PathBuf,
        outputs: Option<Vec<String>>,
        indicator: Option<&Bound<'_, PyAny>>,
        include_individuals: bool,
        min_count: Option<u64>,
        crs: Option<&str>,
    ) -> PyResult<Vec<String>> {
        let files = match outputs {
            None => OutputFile::ALL.to_vec(),
            Some(names) => names
                .iter()
                .map(|n| output_file(n))
                .collect::<PyResult<Vec<_>>>()?,
        };
        let options = self.output_options(indicator, include_individuals, min_count, crs)?;
        let (territory, diagnosis) = (&self.territory, &self.inner);
        let written = py
            .detach(|| write_outputs(&folder, territory, diagnosis, &files, &options))
            .map_err(|e| to_py_error(e.into()))?;
        Ok(written
            .into_iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect())
    }

    /// One output as text (``str``), without writing it: a GeoJSON, CSV, GraphML,
    /// GEXF or HTML document.
    ///
    /// Args:
    ///     output: the file's name (``"report.html"``, ``"zones.csv"``...).
    ///     indicator, include_individuals, min_count: as in :meth:`write`.
    ///
    /// Example:
    ///     >>> from IPython.display import HTML
    ///     >>> HTML(d.render("report.html"))
    #[pyo3(signature = (output, *, indicator = None, include_individuals = false, min_count = None))]
    fn render(
        &self,
        py: Python<'_>,
        output: &str,
        indicator: Option<&Bound<'_, PyAny>>,
        include_individuals: bool,
        min_count: Option<u64>,
    ) -> PyResult<String> {
        let bytes = self.rendered(
            py,
            output_file(output)?,
            indicator,
            include_individuals,
            min_count,
        )?;
        String::from_utf8(bytes).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// A map's GeoJSON document as bytes (UTF-8): what :meth:`to_geojson` and
    /// :meth:`to_geopandas` (written in Python) read.
    ///
    /// Args:
    ///     layer: ``"zones"``, ``"actors"`` or ``"network"``.
    ///     indicator, include_individuals, min_count: as in :meth:`write`.
    #[pyo3(name = "_geojson", signature = (layer = "zones", *, indicator = None, include_individuals = false, min_count = None))]
    fn geojson<'py>(
        &self,
        py: Python<'py>,
        layer: &str,
        indicator: Option<&Bound<'py, PyAny>>,
        include_individuals: bool,
        min_count: Option<u64>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let file = match layer {
            "zones" => OutputFile::ZonesGeojson,
            "actors" => OutputFile::ActorsGeojson,
            "network" => OutputFile::NetworkGeojson,
            other => {
                return Err(PyValueError::new_err(
                    maillage::msg!(NoMapLayer, layer = other).to_string(),
                ))
            }
        };
        let bytes = self.rendered(py, file, indicator, include_individuals, min_count)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// A layer or table of the GIS formats as Parquet bytes: what :meth:`to_arrow`
    /// (written in Python) reads. A map layer is GeoParquet, as ``zones.parquet``.
    ///
    /// Args:
    ///     layer: ``"zones"``, ``"actors"``, ``"ties"`` or a table (``"table_gaps"``...).
    ///     crs, indicator, include_individuals, min_count: as in :meth:`write`.
    #[pyo3(name = "_parquet", signature = (layer, *, crs = None, indicator = None, include_individuals = false, min_count = None))]
    fn parquet<'py>(
        &self,
        py: Python<'py>,
        layer: &str,
        crs: Option<&str>,
        indicator: Option<&Bound<'py, PyAny>>,
        include_individuals: bool,
        min_count: Option<u64>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let options = self.output_options(indicator, include_individuals, min_count, crs)?;
        let (territory, diagnosis) = (&self.territory, &self.inner);
        let bytes = py
            .detach(|| maillage::outputs::layer_parquet(territory, diagnosis, &options, layer))
            .map_err(|e| to_py_error(e.into()))?;
        Ok(PyBytes::new(py, &bytes))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = &self.inner.summary;
        let name = PyString::new(py, &s.territory).repr()?;
        Ok(format!(
            "<Diagnosis of {name}: {} actors, {} edges, {} zones, {} service gaps>",
            s.actors,
            s.edges,
            self.inner.coverage.zones.len(),
            self.inner.gaps.service.len()
        ))
    }
}
