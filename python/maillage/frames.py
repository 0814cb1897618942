"""Records (lists of dicts) as pandas DataFrames, for the results of
:meth:`Territory.coverage` and :meth:`Territory.gaps` (the network report has its own
``to_pandas``)."""

from __future__ import annotations

from typing import Any, Iterable, Mapping


def frame(records: Iterable[Mapping[str, Any]], index: str | None = "id") -> Any:
    """A pandas DataFrame of records, nested dicts flattened into ``parent.key``
    columns (``access.medecin_generaliste``).

    Args:
        records: a list of dicts, e.g. ``territory.coverage()["zones"]``.
        index: the column to index by when it exists (default ``"id"``); None for none.

    Returns:
        pandas.DataFrame: one row per record.

    Raises:
        ImportError: pandas is not installed (``pip install 'maillage[pandas]'``).

    Example:
        >>> zones = maillage.frame(territory.coverage()["zones"])
        >>> zones["access.medecin_generaliste"].describe()
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("pandas is needed for maillage.frame(): pip install 'maillage[pandas]'") from e
    df = pd.json_normalize(list(records), sep=".")
    if index is not None and index in df.columns:
        df = df.set_index(index)
    return df
