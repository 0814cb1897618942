"""The methods of the compiled classes that are written in Python: those that build
DataFrames, GeoDataFrames, networkx graphs and dicts. The compiled module gives plain
data only (records, bytes) and imports no Python module; these methods, attached to
its classes when ``maillage`` is imported, make the rest: a network report's tables as
DataFrames and a diagnosis' maps as dicts and GeoDataFrames, here, and a territory from
frames and as a networkx graph, from ``interop.py``.

The stubs (``_maillage.pyi``) declare them with the compiled classes, where users find
them.
"""

from __future__ import annotations

import datetime
import json
import os
from typing import Any, Callable, Literal

from maillage._maillage import Diagnosis, NetworkReport, Territory
from maillage.interop import from_frames, to_networkx


def to_pandas(self: NetworkReport, table: str = "actors") -> Any:
    """A table as a pandas DataFrame (``pip install maillage[pandas]``).

    Args:
        table: ``"actors"`` (default, indexed by actor id), ``"groups"``,
            ``"communities"`` or ``"dispositifs"``.

    Returns:
        pandas.DataFrame: one row per record.

    Raises:
        ImportError: pandas is not installed.
        ValueError: unknown table.

    Example:
        >>> df = report.to_pandas()
        >>> df.sort_values("betweenness").tail(3)
    """
    records = self._table(table)
    try:
        import pandas
    except ImportError as e:
        raise ImportError("pandas is needed for to_pandas(): pip install 'maillage[pandas]'") from e
    frame = pandas.DataFrame(records)
    return frame.set_index("id") if table == "actors" else frame


def to_geojson(
    self: Diagnosis,
    layer: Literal["zones", "actors", "network"] = "zones",
    *,
    indicator: str | list[str] | None = None,
    include_individuals: bool = False,
    min_count: int | None = None,
) -> dict[str, Any]:
    """A map as a GeoJSON dict (RFC 7946, WGS84, simplestyle keys and a ``legend``).

    Args:
        layer: ``"zones"`` (zone indicators), ``"actors"`` (located actors) or
            ``"network"`` (ties between located actors).
        indicator, include_individuals, min_count: as in :meth:`write`.

    Example:
        >>> fc = d.to_geojson(indicator="density_pharmacie")
        >>> fc["legend"]["property"]
        'density_pharmacie'
    """
    document = self._geojson(
        layer, indicator=indicator, include_individuals=include_individuals, min_count=min_count
    )
    return json.loads(document)


def to_geopandas(
    self: Diagnosis,
    layer: Literal["zones", "actors", "network"] = "zones",
    *,
    indicator: str | list[str] | None = None,
    include_individuals: bool = False,
    min_count: int | None = None,
) -> Any:
    """A map as a geopandas GeoDataFrame in EPSG:4326, one row per feature.

    Args:
        layer, indicator, include_individuals, min_count: as in :meth:`to_geojson`.

    Raises:
        ImportError: geopandas is not installed (``pip install 'maillage[geo]'``).
    """
    fc = to_geojson(
        self, layer, indicator=indicator, include_individuals=include_individuals, min_count=min_count
    )
    try:
        import geopandas
    except ImportError as e:
        raise ImportError("geopandas is needed for to_geopandas(): pip install 'maillage[geo]'") from e
    frame = geopandas.GeoDataFrame.from_features(fc["features"], crs="EPSG:4326")
    return frame.set_index("id") if layer in ("zones", "actors") else frame


def to_arrow(
    self: Diagnosis,
    layer: str = "zones",
    *,
    crs: str | None = None,
    indicator: str | list[str] | None = None,
    include_individuals: bool = False,
    min_count: int | None = None,
) -> Any:
    """A layer or table of the GIS formats as a pyarrow Table (``pip install
    'maillage[arrow]'``): the bytes of ``zones.parquet`` (or of the table), read by
    pyarrow.

    A map layer keeps its geometry as WKB in the ``geometry`` column, typed
    ``geoarrow.wkb`` with its CRS, and the GeoParquet metadata
    (``table.schema.metadata[b"geo"]``), so that ``geopandas.GeoDataFrame.from_arrow``
    or DuckDB's ``ST_GeomFromWKB`` read it.

    Args:
        layer: ``"zones"``, ``"actors"``, ``"ties"`` (the maps of ``zones.geojson``,
            ``actors.geojson`` and ``network.geojson``), or a table of the diagnosis:
            ``"table_actors"``, ``"table_zones"``, ``"table_gaps"``,
            ``"table_suggestions"``, ``"table_directory"``, ``"table_dispositifs"``,
            ``"table_groups"``, ``"table_solicitation"`` (the CSV tables, typed).
        crs: ``"EPSG:4326"`` (default) or ``"EPSG:2154"`` (Lambert-93).
        indicator, include_individuals, min_count: as in :meth:`write`.

    Raises:
        ImportError: pyarrow is not installed.
        ValueError: an unknown layer or CRS.

    Example:
        >>> table = d.to_arrow("zones", crs="EPSG:2154")
        >>> table.num_rows
        24
    """
    data = self._parquet(
        layer,
        crs=crs,
        indicator=indicator,
        include_individuals=include_individuals,
        min_count=min_count,
    )
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise ImportError("pyarrow is needed for to_arrow(): pip install 'maillage[arrow]'") from e
    table = pyarrow.parquet.read_table(pyarrow.BufferReader(data))
    geo = (table.schema.metadata or {}).get(b"geo")
    if geo is None:
        return table
    # The geometry column as GeoArrow's WKB type, with its CRS (GeoParquet's default is
    # OGC:CRS84), so that GeoDataFrame.from_arrow and other GeoArrow readers find it.
    column = json.loads(geo)["columns"]["geometry"]
    extension = {"crs": column.get("crs", "OGC:CRS84")}
    i = table.schema.get_field_index("geometry")
    field = table.schema.field(i).with_metadata(
        {b"ARROW:extension:name": b"geoarrow.wkb", b"ARROW:extension:metadata": json.dumps(extension).encode()}
    )
    return table.set_column(i, field, table.column(i))


def indicators(self: Diagnosis, table: Literal["ranking", "comparison"] = "ranking") -> Any:
    """The coverage layer's declared indicators (docs/analyses.md §2, "Declared zone
    indicators") as a pandas DataFrame, from ``coverage["declared"]``.

    Args:
        table: ``"ranking"`` (default): a row per indicator and zone with a value, the
            worst-off zone first (rank 1), as ``indicators.csv``: ``indicator``,
            ``label``, ``unit``, ``better``, ``rank``, ``id``, ``name``, ``priority``,
            ``population``, ``value``, ``actors``, then ``count_<kind>`` and
            ``access_<kind>`` for the required kinds. ``"comparison"``: a row per
            indicator: ``priority`` and ``other`` (population-weighted means over
            priority zones and the others), ``priority_with_value``,
            ``other_with_value`` and ``without_value`` (numbers of zones).

    Returns:
        pandas.DataFrame: empty, with its columns, when the layer declares none.

    Raises:
        ImportError: pandas is not installed.
        ValueError: unknown table.

    Example:
        >>> d.indicators().head(3)[["name", "value", "priority"]]
        >>> d.indicators("comparison")[["indicator", "priority", "other"]]
    """
    try:
        import pandas
    except ImportError as e:
        raise ImportError("pandas is needed for indicators(): pip install 'maillage[pandas]'") from e
    coverage = self.coverage
    declared = coverage["declared"]
    described = ["indicator", "label", "unit", "better"]
    rows: list[dict[str, Any]] = []
    if table == "comparison":
        counts = ["priority", "other", "priority_with_value", "other_with_value", "without_value"]
        for d in declared:
            c = d["comparison"]
            rows.append(
                {
                    "indicator": d["property"],
                    "label": d["label"],
                    "unit": d["unit"],
                    "better": d["better"],
                    "priority": c["priority"],
                    "other": c["other"],
                    "priority_with_value": c["priority_with_value"],
                    "other_with_value": c["other_with_value"],
                    "without_value": len(d["without_value"]),
                }
            )
        return pandas.DataFrame(rows, columns=described + counts)
    if table != "ranking":
        raise ValueError(f"unknown table {table!r}: expected 'ranking' or 'comparison'")
    kinds = coverage["required"]
    columns = described + ["rank", "id", "name", "priority", "population", "value", "actors"]
    for k in kinds:
        columns += [f"count_{k}", f"access_{k}"]
    for d in declared:
        for r in d["ranking"]:
            row = {"indicator": d["property"], "label": d["label"], "unit": d["unit"], "better": d["better"]}
            row.update({c: r[c] for c in ("rank", "id", "name", "priority", "population", "value", "actors")})
            for k in kinds:
                row[f"count_{k}"] = r["count"][k]
                row[f"access_{k}"] = r["access"][k]
            rows.append(row)
    return pandas.DataFrame(rows, columns=columns)


def geo_interface(self: Diagnosis) -> dict[str, Any]:
    """The zone map as a GeoJSON dict, for ``GeoDataFrame.from_features`` and every
    library that reads the ``__geo_interface__`` protocol."""
    return to_geojson(self)


def diagnose(
    self: Territory,
    *,
    partition: str | None = None,
    betweenness_pivots: int | None = None,
    seed: int = 42,
    suggestions: int = 20,
    confirmed_only: bool = False,
    since: datetime.date | str | None = None,
    costs: Any = None,
) -> Diagnosis:
    """Diagnoses the territory on its date, with the GIL released: the network, the
    coverage of each zone and the gaps.

    Args:
        partition: actor attribute defining groups; default: the manifest's.
        betweenness_pivots: estimate betweenness from this many seeded pivots
            (default: exact up to 2e10 actors × ties, about a department of 50,000 actors, above: 1,024 pivots for betweenness, 256 per component for closeness).
        seed: seed of every random choice.
        suggestions: how many links to suggest, best first (default 20).
        confirmed_only: diagnose the confirmed ties only: relations entered by
            hand, and those of a survey that both sides named (docs/survey.md).
        since: an earlier date (``datetime.date`` or ISO string) to set the
            dispositifs' reach against (:meth:`Diagnosis.membership`).
        costs: a cost table for access (docs/bundle.md, "Travel costs"), as
            ``maillage diagnose --costs FILE``: the path of its CSV file, its CSV
            bytes, or a pandas DataFrame with the columns ``origin``,
            ``destination`` and ``minutes`` and/or ``metres`` (such as
            :func:`maillage.travel_times` returns; written to CSV without its index,
            its problems located at ``costs.csv``, the header being line 1). It
            replaces the manifest's ``[analysis.costs] file`` and keeps its other
            settings (unit, catchment, decay). Its warnings (a Windows-1252 file)
            are ``UserWarning``.

    Returns:
        Diagnosis: every result (``summary``, ``coverage``, ``network``, ``gaps``),
        and the writers of the maps, tables and report.

    Raises:
        ValueError: unknown partition, fewer than 2 pivots, or a ``since`` date not
            before the manifest's.
        BundleError: a cost table with errors, every problem in ``errors``, each at
            its line and column.
        TypeError: ``costs`` of another type.

    Example:
        >>> d = maillage.load("data/lyon7").diagnose()
        >>> d["summary"]["actors"], len(d["coverage"]["zones"])
        (206, 24)
    """
    return self._diagnose(
        partition=partition,
        betweenness_pivots=betweenness_pivots,
        seed=seed,
        suggestions=suggestions,
        confirmed_only=confirmed_only,
        since=since,
        costs=_cost_table(costs),
    )


def _cost_table(costs: Any) -> str | os.PathLike[str] | bytes | None:
    """``costs`` as the compiled ``_diagnose`` takes it: a path or CSV bytes, a
    DataFrame written to CSV here (its index left out, numbers at full precision)."""
    if costs is None or isinstance(costs, (str, os.PathLike, bytes)):
        return costs
    if isinstance(costs, (bytearray, memoryview)):
        return bytes(costs)
    to_csv = getattr(costs, "to_csv", None)
    if callable(to_csv) and hasattr(costs, "columns"):
        return str(to_csv(index=False, lineterminator="\n")).encode("utf-8")
    raise TypeError(
        "costs: the path of a CSV file, its bytes or a pandas DataFrame "
        f"(origin, destination, minutes and/or metres), not {type(costs).__name__}"
    )


def _attach(cls: type, name: str, function: Callable[..., Any], kind: Callable[..., Any] | None = None) -> None:
    """Sets ``function`` as ``cls.name`` (wrapped by ``kind``: ``staticmethod``,
    ``property``), named as a method of the class in tracebacks and ``help()``."""
    function.__name__ = name
    function.__qualname__ = f"{cls.__name__}.{name}"
    setattr(cls, name, kind(function) if kind else function)


_attach(Territory, "from_frames", from_frames, staticmethod)
_attach(Territory, "to_networkx", to_networkx)
_attach(Territory, "diagnose", diagnose)
_attach(NetworkReport, "to_pandas", to_pandas)
_attach(Diagnosis, "to_geojson", to_geojson)
_attach(Diagnosis, "to_geopandas", to_geopandas)
_attach(Diagnosis, "to_arrow", to_arrow)
_attach(Diagnosis, "indicators", indicators)
_attach(Diagnosis, "__geo_interface__", geo_interface, property)
