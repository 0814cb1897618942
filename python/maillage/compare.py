"""Many territories at once (docs/compare.md): each bundle diagnosed on its own, its
key figures set side by side with the others', ranked on each figure, with what the
territories share counted once in the totals.

Without a client, the bundles are diagnosed in Rust, in parallel on every core. With a
``dask.distributed`` client, each bundle's diagnosis is a task of the cluster
(``client.map``, then ``client.gather``: Dask schedules), its key figures sent back
pickled, and the comparison is assembled here::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")        # bundles on a shared filesystem
    c = maillage.compare_territories(paths, out="/partage/comparaison", client=client)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Sequence, Union

from maillage import _maillage
from maillage._maillage import KeyFigures

PathLike = Union[str, "os.PathLike[str]"]


@dataclass
class Comparison:
    """Territories side by side, as :func:`compare_territories` gives them.

    Attributes:
        territories: the :class:`KeyFigures` of each territory compared, in the order
            given.
        failures: the bundles left out, ``{"bundle": ..., "reason": ...}``, in the
            order given.
        overlaps: the pairs of territories that share zones or actors.
        totals: the territories together, shared zones and actors counted once.
        written: the paths written (none without ``out``).
    """

    territories: list[KeyFigures]
    failures: list[dict[str, Any]]
    overlaps: list[dict[str, Any]]
    totals: dict[str, Any]
    written: list[str]
    tables: dict[str, bytes] = field(repr=False)

    @classmethod
    def _from(cls, d: dict[str, Any]) -> Comparison:
        return cls(
            territories=d["territories"],
            failures=d["failures"],
            overlaps=d["overlaps"],
            totals=d["totals"],
            written=d["written"],
            tables=d["tables"],
        )

    def to_pandas(self, table: str = "comparaison.csv") -> Any:
        """A table of the comparison as a pandas DataFrame: ``"comparaison.csv"`` (one
        row per territory, a column per figure, and the row of totals) or
        ``"comparaison_figures.csv"`` (one row per territory and figure, with its rank).

        Raises:
            ImportError: pandas is not installed.
            KeyError: another table.
        """
        import io

        import pandas as pd

        return pd.read_csv(io.BytesIO(self.tables[table]), dtype={"dossier": str})


def _figures_or_failure(path: str, name: str, out: str | None, **options: Any) -> KeyFigures | str:
    """What a worker runs on one bundle: its key figures, or the text of why it
    failed (a bundle refused, an option it cannot take, outputs not written)."""
    from maillage._maillage import territory_key_figures

    try:
        return territory_key_figures(path, out, name=name, **options)
    except (ValueError, OSError) as e:  # BundleError is a ValueError
        return str(e)


def compare_territories(
    paths: Sequence[PathLike],
    out: PathLike | None = None,
    client: Any = None,
    **options: Any,
) -> Comparison:
    """Diagnoses each bundle and sets the territories side by side, as ``maillage
    compare`` does: a bundle that fails (a missing folder, a bundle refused, a folder
    name already taken) is in ``failures`` and the others are compared.

    Args:
        paths: the bundle folders; each folder's name is the territory's name in the
            comparison and must be unique.
        out: the comparison's folder: ``comparaison.html``, ``comparaison.csv``,
            ``comparaison_figures.csv``... and each territory's outputs in
            ``out/NAME``; default: nothing written.
        client: a ``dask.distributed.Client``: each bundle is diagnosed by a task of
            its cluster (the bundles and ``out`` on a filesystem every worker sees,
            maillage installed on every worker); default: every bundle diagnosed
            here, in parallel on every core.
        **options: ``partition``, ``betweenness_pivots``, ``seed``, ``suggestions``,
            ``confirmed_only`` (the diagnosis), ``include_individuals``, ``min_count``
            (each territory's outputs).

    Returns:
        Comparison: the key figures of each territory, the failures, the overlaps and
        the totals.

    Example:
        >>> c = maillage.compare_territories(["data/lyon7", "data/cevennes"], out="cmp")
        >>> [k.name for k in c.territories]
        ['lyon7', 'cevennes']
        >>> c.to_pandas().set_index("dossier")["densite"]
    """
    given = [os.fspath(p) for p in paths]
    folder = None if out is None else os.path.abspath(os.fspath(out))
    if client is None:
        return Comparison._from(_maillage._compare_local(given, folder, **options))
    planned = _maillage._compare_plan(given)
    todo = [(bundle, name) for bundle, name, refused in planned if refused is None]
    futures = client.map(
        _figures_or_failure,
        [os.path.abspath(bundle) for bundle, _ in todo],
        [name for _, name in todo],
        out=folder,
        pure=False,
        **options,
    )
    results = iter(client.gather(futures))
    entries = [(bundle, refused if refused is not None else next(results)) for bundle, _, refused in planned]
    return Comparison._from(_maillage.write_comparison(entries, folder))
