"""Bridges to pandas, geopandas and networkx: a territory from DataFrames or from a
networkx graph, and a territory as a networkx graph. ``from_frames`` and
``to_networkx`` are also ``Territory.from_frames`` and ``Territory.to_networkx``
(``_methods.py`` attaches them).

A territory built from frames goes through the same loader as a bundle folder: the
frames are written as the bundle's CSV files (in memory), so every rule of the bundle
format applies and every error names the table (``actors.csv``), its line (the header
is line 1, so the first row of a DataFrame is line 2) and the column.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
from typing import Any, Iterable, Mapping

from maillage._maillage import Territory, _load_bundle_bytes

__all__ = ["from_frames", "from_networkx", "to_networkx"]

# Columns whose lists are written joined by "|", as the bundle format wants.
_LIST_COLUMNS = {"themes", "serves", "lead", "partners", "funders", "zones"}
# Columns of the bundle tables (extra columns are kept as attributes).
_ACTOR_COLUMNS = ["id", "name", "kind", "sector", "themes", "x", "y", "capacity", "serves", "accepting"]
_RELATION_COLUMNS = ["source", "target", "kind", "weight", "themes", "since", "until"]


def _cell(value: Any) -> str:
    """A value as the text of a CSV cell: lists joined by ``|``, dates in ISO form,
    booleans as ``true``/``false``, missing values (None, NaN, NaT) empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple, set)):
        return "|".join(_cell(v) for v in value)
    text = str(value)
    if text in ("nan", "NaT", "<NA>", "None"):
        # pandas' missing values that are not floats
        try:
            import pandas

            if pandas.isna(value):
                return ""
        except ImportError:  # pragma: no cover - pandas absent
            pass
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    return text


def _records(table: Any, name: str) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows of a DataFrame, a list of dicts or a dict of columns."""
    if hasattr(table, "to_dict") and hasattr(table, "columns"):
        columns = [str(c) for c in table.columns]
        rows = table.to_dict(orient="records")
        return columns, [{str(k): v for k, v in r.items()} for r in rows]
    if isinstance(table, Mapping):
        columns = [str(c) for c in table]
        values = [list(v) for v in table.values()]
        n = len(values[0]) if values else 0
        if any(len(v) != n for v in values):
            raise ValueError(f"{name}: every column must have the same length")
        return columns, [dict(zip(columns, row)) for row in zip(*values)]
    if isinstance(table, Iterable) and not isinstance(table, (str, bytes)):
        rows = [dict(r) for r in table]
        columns: list[str] = []
        for r in rows:
            for k in r:
                if str(k) not in columns:
                    columns.append(str(k))
        return columns, [{str(k): v for k, v in r.items()} for r in rows]
    raise TypeError(
        f"{name}: expected a pandas DataFrame, a list of dicts or a dict of columns, "
        f"got {type(table).__name__}"
    )


def _csv(table: Any, name: str) -> bytes:
    columns, rows = _records(table, name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue().encode("utf-8")


def _written_needs(needs: Any) -> Any:
    """The needs table without the needs a rule raised from an indicator (a ``raised``
    column, as in :attr:`Territory.needs`): the manifest's rules raise them again."""
    columns, rows = _records(needs, "needs")
    if "raised" not in columns:
        return needs
    return [{k: v for k, v in r.items() if k != "raised"} for r in rows if not _truthy(r.get("raised"))]


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "oui")
    return bool(value) and value == value  # NaN (a pandas empty cell) is not raised


def _geojson(layer: Any, name: str) -> bytes:
    """A layer as GeoJSON bytes in WGS84: a GeoDataFrame (reprojected when it has
    another CRS), a GeoJSON dict, or anything with ``__geo_interface__``."""
    if hasattr(layer, "to_crs") and hasattr(layer, "to_json"):
        crs = getattr(layer, "crs", None)
        if crs is not None and crs.to_epsg() != 4326:
            layer = layer.to_crs(4326)
        return layer.to_json(drop_id=True, default=_json_default).encode("utf-8")
    if hasattr(layer, "__geo_interface__"):
        layer = layer.__geo_interface__
    if isinstance(layer, Mapping):
        return json.dumps(layer, ensure_ascii=False, default=_json_default).encode("utf-8")
    raise TypeError(
        f"layers[{name!r}]: expected a GeoDataFrame, a GeoJSON dict or an object with "
        f"__geo_interface__, got {type(layer).__name__}"
    )


def _json_default(value: Any) -> Any:
    """Property values JSON does not know: dates (pandas Timestamps too) in ISO form,
    numpy numbers as numbers."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not a GeoJSON property value")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return json.dumps(value.isoformat()[:10])
    return json.dumps(str(value), ensure_ascii=False)


def from_frames(
    actors: Any,
    relations: Any,
    actions: Any = None,
    needs: Any = None,
    layers: Mapping[str, Any] | None = None,
    *,
    name: str = "Territoire",
    date: Any = None,
    layer_fields: Mapping[str, Mapping[str, Any]] | None = None,
    analysis: Mapping[str, Any] | None = None,
    manifest: str | None = None,
) -> Territory:
    """A territory from tables the analyst already holds, checked by the same loader
    as a bundle folder (the tables are written as the bundle's CSV files, in
    memory, with the GIL released while they are read).

    Args:
        actors: the actors table (columns of ``actors.csv``: ``id``, ``name``,
            ``kind``, optional ``sector``, ``themes``, ``x``/``y``, ``capacity``,
            ``serves``, ``accepting``, and any other column kept as an attribute):
            a pandas DataFrame, a list of dicts or a dict of columns. Lists in a
            cell (themes...) are joined by ``|``.
        relations: the relations table (``source``, ``target``, ``kind``, optional
            ``weight``, ``themes``, ``since``, ``until``).
        actions: the joint actions table, or None.
        needs: the needs table, or None; rows whose ``raised`` column is true (the
            needs a rule raised from an indicator, as :attr:`Territory.needs` marks
            them) are left out, the manifest's ``[[needs_from_indicators]]`` raising
            them again.
        layers: ``{name: layer}``, each a GeoDataFrame (reprojected to WGS84 when
            needed), a GeoJSON dict or an object with ``__geo_interface__``.
        name: the territory's name.
        date: the observation date (``datetime.date`` or ISO string).
        layer_fields: per layer, the manifest's fields: ``{"iris": {"id":
            "code_iris", "name": "nom", "population": "p12_pop", "priority":
            False}}``; ``id`` defaults to the ``id`` property. ``"indicators"``
            declares zone indicators: ``{"tchom": {"label": "Taux de chômage",
            "unit": "%", "better": "lower"}}`` (docs/bundle.md, "Zone indicators").
        analysis: the manifest's ``[analysis]`` table (``coverage_layer``,
            ``catchment_m``, ``required``, ``partition``, ``access``,
            ``solicitation_threshold``).
        manifest: a whole ``territory.toml`` text instead of the four arguments
            above (its layer files are ``zones/<name>.geojson``).

    Returns:
        Territory: the territory, with its warnings.

    Raises:
        BundleError: every problem at once, each naming the table (``actors.csv``),
            its line (the first row of a DataFrame is line 2) and the column.
        TypeError: a table or a layer of an unsupported type.

    Example:
        >>> import pandas as pd, geopandas as gpd
        >>> t = maillage.Territory.from_frames(
        ...     pd.read_csv("data/lyon7/actors.csv"), pd.read_csv("data/lyon7/relations.csv"),
        ...     layers={"iris": gpd.read_file("data/lyon7/zones/iris.geojson")},
        ...     layer_fields={"iris": {"name": "libiris", "population": "p12_pop"}},
        ...     analysis={"coverage_layer": "iris", "required": ["medecin_generaliste"]})
    """
    files: dict[str, bytes] = {
        "actors.csv": _csv(actors, "actors"),
        "relations.csv": _csv(relations, "relations"),
    }
    if actions is not None:
        files["actions.csv"] = _csv(actions, "actions")
    if needs is not None:
        files["needs.csv"] = _csv(_written_needs(needs), "needs")
    layers = dict(layers or {})
    layer_fields = dict(layer_fields or {})
    unknown = sorted(set(layer_fields) - set(layers))
    if unknown:
        raise ValueError(f"layer_fields: no layer {unknown[0]!r} (layers: {sorted(layers)})")
    for layer, value in layers.items():
        files[f"zones/{layer}.geojson"] = _geojson(value, layer)
    if manifest is None:
        lines = ["format = 1", f"name = {_toml_value(name)}", 'crs = "EPSG:4326"']
        if date is not None:
            lines.append(f"date = {_toml_value(date)}")
        for layer in layers:
            fields = {"id": "id", **layer_fields.get(layer, {})}
            indicators = fields.pop("indicators", None) or {}
            lines += ["", f"[layers.{layer}]", f'file = "zones/{layer}.geojson"']
            lines += [f"{k} = {_toml_value(v)}" for k, v in fields.items()]
            for prop, declaration in indicators.items():
                lines += ["", f"[layers.{layer}.indicators.{_toml_value(str(prop))}]"]
                lines += [f"{k} = {_toml_value(v)}" for k, v in declaration.items()]
        if analysis:
            lines += ["", "[analysis]"] + [f"{k} = {_toml_value(v)}" for k, v in analysis.items()]
        manifest = "\n".join(lines) + "\n"
    files["territory.toml"] = manifest.encode("utf-8")
    return _load_bundle_bytes(files)


def to_networkx(self: Territory, bipartite: bool = False) -> Any:
    """The actors and relations as a ``networkx.MultiDiGraph``: one node per actor
    (keyed by id) with every attribute (``name``, ``kind``, ``sector``, ``themes``,
    ``lon``, ``lat``... and the extra columns), one edge per relation (source to
    target) with every attribute (``kind``, ``weight``, ``themes``, ``since``,
    ``until``...). :func:`maillage.from_networkx` reads it back.

    With ``bipartite=True``, the two-mode view of docs/analyses.md §5 on the manifest's
    date instead, as a ``networkx.Graph``: the affiliated actors (keyed by id,
    ``bipartite=0``) and the joint actions and dispositifs they belong to (keyed
    ``action:<id>`` and ``dispositif:<id>``, ``bipartite=1``, with ``type``, ``id``
    and ``name``), an edge per tie with its ``role``; the graph of
    ``affiliation.graphml``, for ``networkx.algorithms.bipartite``.

    Example:
        >>> from networkx.algorithms import bipartite
        >>> g = t.to_networkx(bipartite=True)
        >>> actors = [n for n, side in g.nodes(data="bipartite") if side == 0]
        >>> bipartite.weighted_projected_graph(g, actors)

    Raises:
        ImportError: networkx is not installed (``pip install 'maillage[networkx]'``).
    """
    try:
        import networkx
    except ImportError as e:
        raise ImportError(
            "networkx is needed for to_networkx(): pip install 'maillage[networkx]'"
        ) from e
    if bipartite:
        return _affiliation_graph(self, networkx)
    graph = networkx.MultiDiGraph(name=self.name, date=self.date)
    for actor in self.actors:
        attributes = {k: v for k, v in actor.items() if k not in ("id", "attributes")}
        attributes.update(actor["attributes"])
        graph.add_node(actor["id"], **attributes)
    # Each edge is keyed by its line's rank in relations.csv, so that the file order
    # comes back from a graph (networkx lists edges by node).
    for i, relation in enumerate(self.relations):
        attributes = {k: v for k, v in relation.items() if k not in ("source", "target", "attributes")}
        attributes.update(relation["attributes"])
        graph.add_edge(relation["source"], relation["target"], key=i, **attributes)
    return graph


def _affiliation_graph(territory: Territory, networkx: Any) -> Any:
    """The two-mode view as a ``networkx.Graph`` (see :func:`to_networkx`)."""
    view = territory._affiliations()
    actors = {a["id"]: a for a in territory.actors}
    graph = networkx.Graph(name=territory.name, date=territory.date)
    for actor in view["actors"]:
        a = actors[actor]
        graph.add_node(actor, bipartite=0, type="actor", name=a["name"], kind=a["kind"])
    for f in view["affiliations"]:
        graph.add_node(f["node"], bipartite=1, type=f["type"], id=f["id"], name=f["name"])
    for tie in view["ties"]:
        graph.add_edge(tie["actor"], tie["affiliation"], role=tie["role"])
    return graph


# Node attributes that the loader derives (from the kind) rather than reads.
_DERIVED = {"kind_label", "family"}


def from_networkx(graph: Any, layers: Mapping[str, Any] | None = None, **options: Any) -> Any:
    """A territory from a networkx graph whose nodes are actors and edges relations.

    Nodes are keyed by actor id and carry the actor columns (``name``, ``kind``,
    optional ``sector``, ``themes``, ``lon``/``lat``, ``capacity``, ``serves``,
    ``accepting`` and any other attribute, kept as an extra column); edges carry
    ``kind`` (default ``"partner"``), optional ``weight``, ``themes``, ``since``,
    ``until`` and other attributes. An undirected graph gives one relation per edge;
    a multigraph keyed by integers (as :meth:`Territory.to_networkx` makes) gives its
    relations in key order. ``layers`` (at least one, as in every bundle) and the other
    keyword arguments are those of :meth:`Territory.from_frames`; ``name`` and ``date``
    default to the graph's.

    Returns:
        Territory: loaded and checked as a bundle.

    Raises:
        BundleError: the graph breaks the bundle format (every problem at once).
    """
    actors = []
    for node, data in graph.nodes(data=True):
        row = {"id": node}
        for key, value in data.items():
            if key in _DERIVED:
                continue
            if key == "lon":
                row["x"] = value
            elif key == "lat":
                row["y"] = value
            else:
                row[key] = value
        actors.append(row)
    relations = []
    if graph.is_multigraph():
        keyed = list(graph.edges(keys=True, data=True))
        if all(isinstance(k, int) for _, _, k, _ in keyed):
            keyed.sort(key=lambda e: e[2])
        edges = [(u, v, d) for u, v, _, d in keyed]
    else:
        edges = list(graph.edges(data=True))
    for source, target, data in edges:
        row = {"source": source, "target": target, "kind": "partner"}
        row.update(data)
        relations.append(row)
    options.setdefault("name", graph.graph.get("name") or "Territoire")
    if graph.graph.get("date") is not None:
        options.setdefault("date", graph.graph["date"])
    return from_frames(
        _with_columns(actors, _ACTOR_COLUMNS),
        _with_columns(relations, _RELATION_COLUMNS),
        layers=layers,
        **options,
    )


def _with_columns(rows: list[dict[str, Any]], first: list[str]) -> list[dict[str, Any]]:
    """Rows whose keys start with the table's known columns, in order (so that the
    CSV header is the usual one), then the others in order of appearance."""
    present = {k for r in rows for k in r}
    order = [c for c in first if c in present]
    for r in rows:
        for k in r:
            if k not in order:
                order.append(k)
    return [{k: r.get(k) for k in order} for r in rows]
