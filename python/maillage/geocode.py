"""Geocoding: actors placed at their postal address, offline against the Base Adresse
Nationale files, or through an addok server (the national address API).

The work is done by the Rust core; this module only turns a pandas DataFrame into
plain lists of strings and the points back into a DataFrame."""

from __future__ import annotations

import math
import os
from typing import Any, Sequence

from maillage._maillage import geocode_bundle, geocode_rows

#: The columns a geocoded DataFrame gets.
COLUMNS = ("x", "y", "geocode_score", "geocode_type", "geocode_label")


def _cell(value: Any) -> str:
    """A cell as the text a spreadsheet would show: "" for missing values, integers
    without ".0" (a postcode read as a float stays 48000)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover - a DataFrame needs pandas anyway
        pass
    return str(value)


def _paths(ban: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None) -> list[str] | None:
    if ban is None:
        return None
    if isinstance(ban, (str, os.PathLike)):
        return [os.fspath(ban)]
    return [os.fspath(p) for p in ban]


def geocode(
    data: Any,
    ban: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    api: str | None = None,
    overwrite: bool = False,
    min_score: float = 0.6,
) -> Any:
    """Places actors at their postal address.

    The address is read from the columns ``address``/``adresse`` and the optional
    ``postcode``/``code_postal``, ``citycode``/``code_insee`` and ``commune``/``city``
    (which may hold a name or a code). Give either ``ban``, the Base Adresse Nationale
    department files (``adresses-NN.csv.gz``, BAL or BANO files; nothing leaves the
    machine), or ``api``, the URL of an addok-compatible server such as
    ``https://api-adresse.data.gouv.fr``.

    Args:
        data: a bundle folder (``str`` or path), geocoded in place: ``x``, ``y`` (in the
            bundle's CRS), ``geocode_score``, ``geocode_type`` and ``geocode_label`` are
            written into actors.csv, atomically; or a pandas DataFrame.
        ban: one address file or a list of them.
        api: an addok server's URL (with or without ``/search/csv/``).
        overwrite: replace coordinates already there (by default a point entered by
            hand is kept).
        min_score: points found with a lower score are listed in ``low_score``.

    Returns:
        dict (bundle): the report: ``counts`` per type (``housenumber``, ``street``,
        ``locality``, ``municipality``), ``geocoded``, ``kept``, ``without_address``,
        ``unresolved`` and ``low_score`` (lists of :class:`Problem` naming
        ``actors.csv:LINE``), ``rows`` (each row asked: ``line``, ``id``, ``address``,
        ``found``), ``written``, ``warnings`` (of the address files).

        pandas.DataFrame (DataFrame): a copy with the columns ``x``, ``y`` (WGS84
        longitude and latitude), ``geocode_score``, ``geocode_type`` and
        ``geocode_label``; rows without address, not found, or (unless ``overwrite``)
        with ``x`` and ``y`` already filled keep their values (empty cells are None /
        NaN).

    Raises:
        BundleError: an address file, the server or the bundle has errors (``.errors``
            names each with its file and line); the bundle is then untouched.
        ValueError: neither or both of ``ban`` and ``api``; no address column.

    Example:
        >>> report = maillage.geocode("my-territory", ban=["adresses-48.csv.gz"])
        >>> report["counts"], [str(p) for p in report["unresolved"]]
        >>> df = maillage.geocode(pd.read_csv("cabinets.csv"), ban="adresses-48.csv.gz")
        >>> df[["adresse", "x", "y", "geocode_type"]]
    """
    paths = _paths(ban)
    if isinstance(data, (str, os.PathLike)):
        return geocode_bundle(os.fspath(data), ban=paths, api=api, overwrite=overwrite, min_score=min_score)
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("pandas is needed to geocode a DataFrame: pip install 'maillage[pandas]'") from e
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"geocode() takes a bundle folder or a pandas DataFrame, not {type(data).__name__}")
    header = [str(c) for c in data.columns]
    out = data.copy()
    for name in COLUMNS:
        if name not in out.columns:
            out[name] = None
    for name in ("x", "y", "geocode_score"):
        out[name] = out[name].astype(object)

    def filled(value: Any) -> bool:
        return _cell(value).strip() != ""

    # rows with a point already are not sent, unless overwrite
    todo = [i for i in range(len(out))
            if overwrite or not (filled(out["x"].iat[i]) or filled(out["y"].iat[i]))]
    cells = data.itertuples(index=False, name=None)
    everything = [[_cell(v) for v in row] for row in cells]
    found = geocode_rows(header, [everything[i] for i in todo], ban=paths, api=api)
    positions = [out.columns.get_loc(name) for name in COLUMNS]
    for i, point in zip(todo, found):
        if point is None:
            continue
        lon, lat, score, kind, label = point
        for column, value in zip(positions, (lon, lat, round(score, 2), kind, label)):
            out.iat[i, column] = value
    for name in ("x", "y", "geocode_score"):
        out[name] = pd.to_numeric(out[name], errors="coerce")
    return out
