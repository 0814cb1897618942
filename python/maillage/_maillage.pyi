"""Core of the ``maillage`` package, written in Rust. Import ``maillage`` rather than this."""

# The module gives plain data (records, bytes) and imports no Python module. The
# methods that build frames, graphs and dicts (Territory.from_frames, to_networkx,
# Territory.diagnose, NetworkReport.to_pandas, Diagnosis.to_geojson, to_geopandas, __geo_interface__) are
# written in Python (python/maillage/interop.py and _methods.py) and attached to these
# classes when ``maillage`` is imported (as it is before this module); they are declared
# here, where their classes are.

import datetime
import os
from typing import Any, Literal, final

from maillage.types import ActionDict, ActorDict, LayerDict, NeedDict, RelationDict

__all__ = ["BundleError", "Diagnosis", "KeyFigures", "NetworkReport", "Problem", "Territory", "__version__", "geocode_bundle", "geocode_rows", "get_language", "import_file", "load", "set_language", "territory_key_figures", "write_comparison"]

_DateLike = datetime.date | str

__version__: str

class BundleError(ValueError):
    """A bundle that breaks the format and cannot be loaded.

    ``str()`` gives the number of errors, then one line per error,
    ``file:line: field: message``.

    Example:
        >>> try:
        ...     maillage.load("broken-bundle")
        ... except maillage.BundleError as e:
        ...     print([p.code for p in e.errors])
    """

    errors: list[Problem]
    """Every error found, in file order."""
    warnings: list[Problem]
    """Warnings found before loading stopped."""

@final
class Problem:
    """One problem found while reading a bundle: an error that refuses it, or a
    warning that keeps it.

    ``str(problem)`` is ``file:line: field: message`` (``file#feature N: field: message``
    for a GeoJSON feature). Problems are immutable, hashable and compare by value.

    Example:
        >>> for p in maillage.load("data/lyon7").warnings:
        ...     print(p.code, p)
    """

    @property
    def severity(self) -> Literal["error", "warning"]:
        """``"error"`` (the bundle is refused) or ``"warning"`` (the value is kept)."""
    @property
    def file(self) -> str:
        """File path relative to the bundle folder, with ``/`` separators."""
    @property
    def line(self) -> int | None:
        """The 1-based physical line (CSV, TOML), the 1-based row of a workbook's sheet, or None."""
    @property
    def feature(self) -> int | None:
        """The 0-based index of the GeoJSON feature, or None."""
    @property
    def field(self) -> str | None:
        """The column, property or manifest key concerned, or None."""
    @property
    def code(self) -> str:
        """Stable machine-readable identifier, e.g. ``"unknown_kind"``."""
    @property
    def message(self) -> str:
        """What is wrong and, in parentheses, what was expected."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Territory:
    """A territory loaded from a bundle: actors, relations, actions, needs and layers
    of zones, all checked and cross-referenced. Built by :func:`load`; immutable.

    Each property builds a new list of plain dicts at each access: keep it in a
    variable rather than reading it in a loop. ``len(territory)`` is the number of
    actors.

    Example:
        >>> t = maillage.load("data/lyon7")
        >>> t
        <Territory 'Lyon 7e arrondissement': 206 actors, 535 relations, 3 layers>
    """

    @property
    def name(self) -> str:
        """The territory's name, from ``territory.toml``."""
    @property
    def date(self) -> datetime.date | None:
        """The date the network is observed at, or None.

        Example:
            >>> maillage.load("data/lyon7").date
            datetime.date(2024, 6, 30)
        """
    @property
    def actors(self) -> list[ActorDict]:
        """The actors, in file order: a new list of dicts at each access.

        Example:
            >>> actors = maillage.load("data/lyon7").actors
            >>> located = [a for a in actors if a["lon"] is not None]
        """
    @property
    def relations(self) -> list[RelationDict]:
        """The relations, in file order, with ``source``/``target`` actor ids.

        Example:
            >>> rels = maillage.load("data/lyon7").relations
            >>> members = [r for r in rels if r["kind"] == "member"]
        """
    @property
    def actions(self) -> list[ActionDict]:
        """The joint actions, in file order, with actor ids and ``"layer:id"`` zones.

        Example:
            >>> actions = maillage.load("data/lyon7").actions
            >>> leads = {a["id"]: a["lead"] for a in actions}
        """
    @property
    def needs(self) -> list[NeedDict]:
        """The needs found by the local diagnosis, in file order, then those a rule of
        the manifest raised from an indicator (``raised``: True, ``source``: the
        indicator and threshold; docs/bundle.md, "Needs raised from an indicator").

        Example:
            >>> needs = maillage.load("data/lyon7").needs
            >>> priority = [n for n in needs if n["level"] == 3]
        """
    @property
    def layers(self) -> list[LayerDict]:
        """The layers of zones, in manifest order, each with its zones (id, name,
        population, anchor point, properties, GeoJSON geometry in WGS84).

        Example:
            >>> layers = maillage.load("data/lyon7").layers
            >>> {l["name"]: len(l["zones"]) for l in layers}["iris"]
            24
        """
    @property
    def warnings(self) -> list[Problem]:
        """The warnings found while loading (values kept but doubtful).

        Example:
            >>> for p in maillage.load("data/lyon7").warnings:
            ...     print(p)
        """
    @property
    def coverage_layer(self) -> str:
        """The name of the layer coverage and gaps are computed on.

        Example:
            >>> maillage.load("data/lyon7").coverage_layer
            'iris'
        """
    def network(
        self,
        date: _DateLike | None = None,
        *,
        partition: str | None = None,
        betweenness_pivots: int | None = None,
        seed: int = 42,
        key_players: int = 2,
    ) -> NetworkReport:
        """The network figures (docs/analyses.md §1) on a date, with the GIL released.

        Args:
            date: ``datetime.date`` or ISO string; default: the manifest's date.
            partition: actor attribute defining groups (``"sector"``, ``"kind"``,
                ``"family"`` or a column of actors.csv); default: the manifest's.
            betweenness_pivots: estimate betweenness from this many seeded pivots
                (default: exact up to 2e10 actors × ties, about a department of 50,000 actors, above: 1,024 pivots for betweenness, 256 per component for closeness).
            seed: seed of every random choice.
            key_players: how many key players to look for.

        Returns:
            NetworkReport: every figure, as records and DataFrames.

        Raises:
            ValueError: unknown partition, bad date, or fewer than 2 pivots.

        Example:
            >>> report = t.network(partition="kind")
            >>> report.ei_index
        """
    def coverage(self) -> dict[str, Any]:
        """Coverage of each zone of the coverage layer (docs/analyses.md §2).

        Returns:
            dict: ``layer``, ``catchment_m``, ``access_method`` (``"2sfca"``,
            ``"e2sfca"`` or ``"e2sfca-gaussian"``), ``required``, ``supply``, ``zones`` (one
            dict per zone: population, demand (the age-weighted demand, when the layer
            declares one), priority, counts, density, access (2SFCA per
            10,000 inhabitants), access_accepting, nearest_m, dispositifs, overlap,
            actions), ``comparison`` (priority zones versus the others) and ``notes``.

        Example:
            >>> maillage.frame(t.coverage()["zones"])
        """
    def gaps(self, *, suggestions: int = 20) -> dict[str, Any]:
        """Every gap of docs/analyses.md §3: ``service``, ``needs``, ``groups``,
        ``isolated_actors``, ``unarticulated_dispositifs``, ``suggested_links``, each
        a list of dicts.

        Example:
            >>> [n["theme"] for n in t.gaps()["needs"] if n["status"] == "uncovered"]
        """
    def pathways(self) -> list[dict[str, Any]]:
        """The referral pathways of docs/analyses.md §5 on the manifest's date: per
        pathway, ``name``, ``themes``, ``entry_kinds``, ``specialised_kinds``,
        ``referrals`` and ``entries`` (``entry``, ``reached``, ``shortest_chain``,
        ``single_points``: actor ids).

        Example:
            >>> language = t.pathways()[0]
        """
    def _affiliations(self) -> dict[str, Any]:
        """The two-mode view of docs/analyses.md §5 as plain records (``actors``,
        ``affiliations``, ``ties``): what ``to_networkx(bipartite=True)`` builds its
        graph from."""
    def co_affiliation(self) -> list[dict[str, Any]]:
        """The one-mode projection of the two-mode view onto the actors
        (docs/analyses.md §5): every pair of actors sharing a joint action or a
        dispositif (``a``, ``b``) and how many they share (``shared``), as networkx's
        ``bipartite.weighted_projected_graph`` gives it.

        Example:
            >>> pairs = maillage.frame(t.co_affiliation())
        """
    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the territory as a bundle folder (docs/bundle.md), created if needed;
        loading it back gives the same territory.

        Raises:
            OSError: the folder or a file cannot be written.

        Example:
            >>> t.save("lyon7-copie")
        """
    def at(self, date: _DateLike) -> Territory:
        """The territory as it stood on a date: the relations and actions valid then.

        Returns:
            Territory: a new territory observed on ``date``; actors and zones unchanged.

        Example:
            >>> len(t.at("2021-01-01").relations) < len(t.relations)
            True
        """
    def compare(
        self, before: _DateLike, after: _DateLike, *, partition: str | None = None
    ) -> dict[str, Any]:
        """The network at two dates and the ties gained and lost between them.

        Returns:
            dict: ``before`` and ``after`` figures, ``gained`` and ``lost`` ties
            (``a``, ``b``, ``crosses_groups``), ``gained_cross_group``,
            ``lost_cross_group``.

        Example:
            >>> t.compare("2022-01-01", "2024-06-30")["gained_cross_group"]
        """
    @staticmethod
    def from_frames(
        actors: Any,
        relations: Any,
        actions: Any = None,
        needs: Any = None,
        layers: dict[str, Any] | None = None,
        *,
        name: str = "Territoire",
        date: _DateLike | None = None,
        layer_fields: dict[str, dict[str, Any]] | None = None,
        analysis: dict[str, Any] | None = None,
        manifest: str | None = None,
    ) -> Territory:
        """A territory from tables the analyst already holds, checked by the same
        loader as a bundle folder (the tables are written as the bundle's CSV files,
        in memory).

        Args:
            actors: the actors table (columns of ``actors.csv``): a pandas DataFrame, a
                list of dicts or a dict of columns; lists in a cell are joined by ``|``.
            relations: the relations table.
            actions: the joint actions table, or None.
            needs: the needs table, or None.
            layers: ``{name: layer}``, each a GeoDataFrame (reprojected to WGS84 when
                needed), a GeoJSON dict or an object with ``__geo_interface__``.
            name: the territory's name.
            date: the observation date.
            layer_fields: per layer, the manifest's fields (``id``, ``name``,
                ``population``, ``priority``); ``id`` defaults to ``"id"``.
            analysis: the manifest's ``[analysis]`` table.
            manifest: a whole ``territory.toml`` text instead (layer files are
                ``zones/<name>.geojson``).

        Returns:
            Territory: the territory, with its warnings.

        Raises:
            BundleError: every problem at once, each naming the table (``actors.csv``),
                its line (the first row of a DataFrame is line 2) and the column.
            TypeError: a table or a layer of an unsupported type.
        """
    def to_networkx(self, bipartite: bool = False) -> Any:
        """The actors and relations as a ``networkx.MultiDiGraph``: one node per actor
        (keyed by id) with every attribute, one edge per relation (keyed by its rank in
        relations.csv) with every attribute. :func:`maillage.from_networkx` reads it
        back. With ``bipartite=True``, the two-mode view of docs/analyses.md §5 as a
        ``networkx.Graph``: actors (``bipartite=0``), joint actions and dispositifs
        (``action:<id>``, ``dispositif:<id>``, ``bipartite=1``), an edge per tie with
        its ``role``.

        Raises:
            ImportError: networkx is not installed (``pip install 'maillage[networkx]'``).
        """
    def diagnose(
        self,
        *,
        partition: str | None = None,
        betweenness_pivots: int | None = None,
        seed: int = 42,
        suggestions: int = 20,
        confirmed_only: bool = False,
        since: _DateLike | None = None,
        costs: str | os.PathLike[str] | bytes | Any | None = None,
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
                :func:`maillage.travel_times` returns; written to CSV without its
                index, its problems located at ``costs.csv``, the header being line
                1). It replaces the manifest's ``[analysis.costs] file`` and keeps its
                other settings (unit, catchment, decay). Its warnings (a Windows-1252
                file) are ``UserWarning``.

        Returns:
            Diagnosis: every result (``summary``, ``coverage``, ``network``, ``gaps``),
            and the writers of the maps, tables and report.

        Raises:
            ValueError: unknown partition, fewer than 2 pivots, or a ``since`` date not
                before the manifest's.
            BundleError: a cost table with errors, every problem in ``errors``, each
                at its line and column.
            TypeError: ``costs`` of another type.

        Example:
            >>> d = maillage.load("data/lyon7").diagnose()
            >>> d["summary"]["actors"], len(d["coverage"]["zones"])
            (206, 24)
        """
    def __len__(self) -> int: ...

def load(path: str | os.PathLike[str]) -> Territory:
    """Loads a territory bundle folder.

    The folder is read and checked with the GIL released, so other Python threads
    run meanwhile.

    Returns:
        Territory: the whole territory, with its warnings in ``Territory.warnings``.

    Raises:
        BundleError: the bundle breaks the format; ``.errors`` lists every problem
            found (file, line or feature, field, message), ``.warnings`` the warnings.

    Example:
        >>> t = maillage.load("data/lyon7")
        >>> len(t), t.coverage_layer
        (206, 'iris')
    """

def set_language(lang: str) -> None:
    """Sets the language of the messages from now on: ``"fr"`` (French, the default)
    or ``"en"``. Problems, exceptions and the summary are shown in it; problem codes
    never change. At import, the language is the environment's (``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``: English for ``en*``, French otherwise).

    Raises:
        ValueError: the language is neither ``"fr"`` nor ``"en"``.
    """

def get_language() -> Literal["fr", "en"]:
    """The language of the messages: ``"fr"`` or ``"en"``."""

def _run_command(argv: list[str]) -> int: ...
def _load_bundle_bytes(files: dict[str, bytes]) -> Territory:
    """Loads a bundle from its files in memory, checked as a bundle folder is: the
    loader of :meth:`Territory.from_frames`.

    Raises:
        BundleError: the files break the bundle format.
    """

def import_file(
    source: str,
    file: str | os.PathLike[str],
    into: str | os.PathLike[str],
    territory: str | list[str],
    *,
    mapping: str | os.PathLike[str] | None = None,
    date: datetime.date | str | None = None,
    population: str | os.PathLike[str] | None = None,
    layer_name: str | None = None,
    commune_layer: str = "communes",
    services: str | os.PathLike[str] | None = None,
    ban: list[str] | None = None,
) -> dict[str, Any]:
    """Imports a national open-data file into a bundle folder, filtered to a territory.

    ``source`` is ``"finess"``, ``"rpps"``, ``"data-inclusion"``, ``"qpv"``, ``"iris"``
    or ``"communes"``. Reading and merging run with the GIL released; every file of the
    bundle is written atomically. Hand-entered rows and columns are kept; ids are
    stable (``finess:<nofinesset>``, ``rpps:<Identifiant PP>``), so relations survive
    a yearly re-import; actors the new file no longer holds get
    ``import_status = "vanished"``.

    Returns:
        dict: the report: ``rows``, ``in_territory``, ``imported``, ``added``,
        ``updated``, ``vanished``, ``returned``, placement counts, ``unmapped`` and
        ``skipped`` categories (``code``, ``label``, ``count``), ``warnings``
        (list of :class:`Problem`); with ``ban`` (Base Adresse Nationale files, the
        actors without a point placed at their address in the same run), ``geocode``:
        the report of ``maillage.geocode``.

    Raises:
        BundleError: the file or the bundle's actors.csv has errors; nothing is written.
        ValueError: unknown source, bad territory or date.

    Example:
        >>> r = maillage.import_file("finess", "etalab-cs1100507-stock.csv", "my-bundle",
        ...                          territory=["30269", "30140", "30311"])
        >>> r["added"], [c["code"] for c in r["unmapped"]]
    """

def geocode_bundle(
    bundle: str | os.PathLike[str],
    *,
    ban: list[str] | None = None,
    api: str | None = None,
    overwrite: bool = False,
    min_score: float = 0.6,
) -> dict[str, Any]:
    """Geocodes a bundle's actors.csv in place (see ``maillage.geocode``).

    Returns:
        dict: ``counts``, ``geocoded``, ``kept``, ``without_address``, ``unresolved``,
        ``low_score`` and ``warnings`` (lists of :class:`Problem`), ``rows``, ``written``.

    Raises:
        BundleError: an address file, the server or the bundle has errors.
        ValueError: neither or both of ``ban`` and ``api``.
    """

def geocode_rows(
    header: list[str],
    rows: list[list[str]],
    *,
    ban: list[str] | None = None,
    api: str | None = None,
    batch: int = 5000,
) -> list[tuple[float, float, float, str, str] | None]:
    """Geocodes the rows of a table of strings (see ``maillage.geocode``); ``batch``
    addresses are sent to a server per request.

    Returns:
        list: per row ``(lon, lat, score, type, label)``, or None when the row has no
        address or it was not found.

    Raises:
        BundleError: an address file or the server has errors.
        ValueError: no address column; neither or both of ``ban`` and ``api``.
    """

@final
class NetworkReport:
    """Every network figure of a territory on a date, built by
    :meth:`Territory.network`: record properties return lists of plain dicts;
    :meth:`to_pandas` gives a DataFrame.

    Example:
        >>> report = maillage.load("data/lyon7").network()
        >>> max(report.actors, key=lambda a: a["betweenness"])["id"]
        'cpts_lyon7'
    """

    @property
    def date(self) -> datetime.date | None:
        """The date relations were filtered on, or None for every relation."""
    @property
    def partition(self) -> str:
        """The actor attribute groups come from."""
    @property
    def actor_count(self) -> int:
        """Number of actors n."""
    @property
    def edge_count(self) -> int:
        """Number of edges m of the undirected simple projection."""
    @property
    def density(self) -> float:
        """Density 2m / (n(n−1))."""
    @property
    def component_sizes(self) -> list[int]:
        """Sizes of the connected components, largest first."""
    @property
    def betweenness_method(self) -> str:
        """``"exact"`` or ``"sampled (k = K, seed = S)"``."""
    @property
    def ei_index(self) -> float | None:
        """Global E-I index in [−1, 1], or None without edges."""
    @property
    def modularity(self) -> float:
        """Louvain modularity Q."""
    @property
    def articulation_points(self) -> list[str]:
        """Ids of the articulation points."""
    @property
    def bridges(self) -> list[tuple[str, str]]:
        """Bridges as pairs of actor ids."""
    @property
    def key_players(self) -> dict[str, Any]:
        """``actors``, ``fragmentation_before``, ``fragmentation_after``."""
    @property
    def notes(self) -> list[str]:
        """Remarks that qualify the figures."""
    @property
    def actors(self) -> list[dict[str, Any]]:
        """One dict per actor with every centrality, brokerage role, fragility and
        community."""
    @property
    def groups(self) -> list[dict[str, Any]]:
        """One dict per group: actors, internal and external edges, E-I, mixing."""
    @property
    def communities(self) -> list[dict[str, Any]]:
        """One dict per Louvain community: size and composition by group."""
    @property
    def dispositifs(self) -> list[dict[str, Any]]:
        """One dict per pair of dispositifs: their articulation."""
    def to_pandas(self, table: str = "actors") -> Any:
        """A table (``"actors"``, ``"groups"``, ``"communities"``, ``"dispositifs"``)
        as a pandas DataFrame; ``actors`` is indexed by actor id.

        Raises:
            ImportError: pandas is not installed.
            ValueError: unknown table.
        """
    def _table(self, table: str) -> list[dict[str, Any]]:
        """The records of a table, as its property gives them (what :meth:`to_pandas`
        reads).

        Raises:
            ValueError: unknown table.
        """
    def to_dict(self) -> dict[str, Any]:
        """The whole report as one dict."""

_Output = Literal[
    "zones.geojson",
    "actors.geojson",
    "network.geojson",
    "network.graphml",
    "network.gexf",
    "actors.csv",
    "groups.csv",
    "dispositifs.csv",
    "zones.csv",
    "gaps.csv",
    "suggestions.csv",
    "directory.csv",
    "solicitation.csv",
    "pathways.csv",
    "membership.csv",
    "non_members.csv",
    "evolution.csv",
    "indicators.csv",
    "access_road.csv",
    "shared_themes.csv",
    "dispositif_overlap.csv",
    "affiliations.csv",
    "affiliation.graphml",
    "affiliation.gexf",
    "report.html",
    "summary.txt",
    "diagnostic.xlsx",
    "diagnostic.gpkg",
    "zones.parquet",
    "actors.parquet",
    "ties.parquet",
]

@final
class Diagnosis:
    """Every result of a territory's diagnosis, built by :meth:`Territory.diagnose`:
    ``summary`` (headline figures), ``coverage`` (zone indicators), ``network``
    (:class:`NetworkReport`), ``gaps`` and ``solicitation`` (what each actor is asked
    into); and the writers of the outputs.

    ``d["summary"]`` and the other parts read as in a dict; :meth:`to_dict` gives the
    whole as plain Python objects. ``__geo_interface__`` is the zone map, so
    ``geopandas.GeoDataFrame.from_features(d)`` works.

    Example:
        >>> d = maillage.load("data/lyon7").diagnose()
        >>> d.summary["actors"], len(d.coverage["zones"])
        (206, 24)
        >>> d.write("out")  # every output, as ``maillage diagnose`` writes them
    """

    @property
    def summary(self) -> dict[str, Any]:
        """Headline figures: actors (by sector), located actors, relations, edges,
        density, components, isolated actors, E-I index, modularity, gaps counted."""
    @property
    def coverage(self) -> dict[str, Any]:
        """The coverage of each zone, as :meth:`Territory.coverage` returns it."""
    @property
    def network(self) -> NetworkReport:
        """The network figures, as a :class:`NetworkReport`."""
    @property
    def gaps(self) -> dict[str, Any]:
        """Every gap, as :meth:`Territory.gaps` returns it."""
    @property
    def solicitation(self) -> dict[str, Any]:
        """The solicitation load (docs/analyses.md §5): ``threshold`` (the manifest's
        ``solicitation_threshold``), ``actors`` (one record per actor in bundle order:
        ``id``, ``name``, ``kind``, ``dispositifs``, ``working_groups``,
        ``other_instances``, ``actions_led``, ``actions_joined``, their sum
        ``solicitation`` and ``over_solicited``) and ``most_solicited`` (the ids of the
        actors at the threshold or above, most solicited first). The rows of
        ``solicitation.csv``.

        Example:
            >>> load = maillage.frame(d.solicitation["actors"])
            >>> load.sort_values("solicitation").tail(5)
        """
    @property
    def evolution(self) -> dict[str, Any] | None:
        """What changed since the ``since`` date given to :meth:`Territory.diagnose`
        (docs/analyses.md §4, "Before and after"), ``None`` without one: ``comparison``,
        ``gained_by_kind``, ``lost_by_kind``, ``dispositif_pairs``, ``bridges_appeared``,
        ``bridges_gone``, ``cut_points_appeared``, ``cut_points_gone``,
        ``actions_started``, ``actions_ended``. The rows of ``evolution.csv``."""
    def membership(self, layer: str | None = None) -> list[dict[str, Any]]:
        """Each dispositif's reach (docs/analyses.md §5, "Membership and reach"): of
        the actors of the territory it serves, its members, directly or through a
        member structure; one dict per dispositif in bundle order (``dispositif``,
        ``eligible``, ``direct``, ``through_structures``, ``non_members``: ids;
        ``members_outside``, ``rate``, ``reached_since``; ``by_kind``,
        ``by_family``, ``by_zone``: lists of dicts ``group``, ``eligible``,
        ``direct``, ``reached``, ``rate``, ``reached_since``), broken down by the
        zones of ``layer`` (default: the coverage layer).

        Example:
            >>> cpts = [m for m in d.membership() if m["dispositif"] == "cpts_ecm"][0]
            >>> maillage.frame(cpts["by_kind"])
        """
    @property
    def shared_themes(self) -> list[dict[str, Any]]:
        """The themes each pair of dispositifs shares (docs/analyses.md §5): ``a``,
        ``b`` and ``themes`` (``theme``, ``actors_a``, ``actors_b``, ``joint_actions``,
        ``need_zones``). The rows of ``shared_themes.csv``."""
    @property
    def overlap(self) -> list[dict[str, Any]]:
        """How far each structure's members are a dispositif's (docs/analyses.md §5):
        ``structure``, ``dispositif``, ``structure_members``, ``dispositif_members``,
        ``shared_members``, ``structure_share``, ``dispositif_share``, ``jaccard``,
        ``structure_is_member``. The rows of ``dispositif_overlap.csv``."""
    @property
    def affiliation(self) -> dict[str, Any]:
        """The figures of the two-mode view (docs/analyses.md §5): ``actors``,
        ``actions``, ``dispositifs``, ``action_ties``, ``dispositif_ties``, ``pairs``,
        ``pairs_without_relation``, ``unacquainted``."""
    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The zone map as a GeoJSON dict (the ``__geo_interface__`` protocol)."""
    def to_dict(self) -> dict[str, Any]:
        """The whole diagnosis as plain Python objects, JSON-serialisable as is:
        ``summary``, ``coverage``, ``network`` (as :meth:`NetworkReport.to_dict`),
        ``gaps``, ``solicitation``, ``shared_themes``, ``overlap`` and
        ``affiliation``."""
    def summary_text(self) -> str:
        """The text summary that ``maillage diagnose`` prints and writes to ``summary.txt``."""
    def keys(self) -> list[str]:
        """The names of the parts: ``["summary", "coverage", "network", "gaps",
        "solicitation", "shared_themes", "overlap", "affiliation"]``."""
    def __getitem__(self, key: str, /) -> Any:
        """A part as plain Python objects, as in :meth:`to_dict`.

        Raises:
            KeyError: not one of :meth:`keys`.
        """
    def __contains__(self, key: str, /) -> bool: ...
    def write(
        self,
        folder: str | os.PathLike[str],
        outputs: list[_Output] | None = None,
        *,
        indicator: str | list[str] | None = None,
        include_individuals: bool = False,
        min_count: int | None = None,
        crs: Literal["EPSG:4326", "EPSG:2154"] | None = None,
    ) -> list[str]:
        """Writes outputs into a folder (created if needed), as ``maillage diagnose``
        does, with the GIL released. Every file is rendered and written to a temporary
        file before any is renamed into place: an error leaves the previous outputs as
        they were.

        Args:
            folder: the output folder.
            outputs: names of the files to write; default: all fifteen.
            indicator: zone property (or list of properties) the maps colour; default:
                access of the first required kind.
            include_individuals: show individual professionals in the maps and report.
            min_count: suppress zone counts from 1 to ``min_count - 1`` in the map and
                the report (11 is the French health-data rule); default: none.
            crs: coordinates of the GIS formats (``"diagnostic.gpkg"``,
                ``"zones.parquet"``...): ``"EPSG:4326"`` (default) or ``"EPSG:2154"``.

        Returns:
            list[str]: the paths written.

        Raises:
            ValueError: an unknown output or indicator.
            OSError: a file could not be written (nothing was changed).
        """
    def render(
        self,
        output: _Output,
        *,
        indicator: str | list[str] | None = None,
        include_individuals: bool = False,
        min_count: int | None = None,
    ) -> str:
        """One output as text, without writing it (GeoJSON, CSV, GraphML, GEXF or HTML).

        Example:
            >>> from IPython.display import HTML
            >>> HTML(d.render("report.html"))
        """
    def _geojson(
        self,
        layer: Literal["zones", "actors", "network"] = "zones",
        *,
        indicator: str | list[str] | None = None,
        include_individuals: bool = False,
        min_count: int | None = None,
    ) -> bytes:
        """A map's GeoJSON document as UTF-8 bytes (what :meth:`to_geojson` reads).

        Raises:
            ValueError: unknown layer or indicator.
        """
    def _parquet(
        self,
        layer: str,
        *,
        crs: Literal["EPSG:4326", "EPSG:2154"] | None = None,
        indicator: str | list[str] | None = None,
        include_individuals: bool = False,
        min_count: int | None = None,
    ) -> bytes:
        """A layer or table of the GIS formats as Parquet bytes (what :meth:`to_arrow`
        reads); a map layer as GeoParquet.

        Raises:
            ValueError: unknown layer, CRS or indicator.
        """
    def to_arrow(
        self,
        layer: str = "zones",
        *,
        crs: Literal["EPSG:4326", "EPSG:2154"] | None = None,
        indicator: str | list[str] | None = None,
        include_individuals: bool = False,
        min_count: int | None = None,
    ) -> Any:
        """A layer (``"zones"``, ``"actors"``, ``"ties"``) or table (``"table_actors"``,
        ``"table_gaps"``...) of the GIS formats as a pyarrow Table; a map's geometry is
        WKB in its ``geometry`` column, with the GeoParquet ``geo`` metadata.

        Raises:
            ImportError: pyarrow is not installed (``pip install 'maillage[arrow]'``).
            ValueError: unknown layer, CRS or indicator.
        """
    def indicators(self, table: Literal["ranking", "comparison"] = "ranking") -> Any:
        """The coverage layer's declared indicators as a pandas DataFrame:
        ``"ranking"`` (a row per indicator and zone with a value, worst off first, as
        ``indicators.csv``) or ``"comparison"`` (a row per indicator: the
        population-weighted means over priority zones and the others, and the zones
        with and without a value).

        Raises:
            ImportError: pandas is not installed.
            ValueError: unknown table.
        """
    def to_geojson(
        self,
        layer: Literal["zones", "actors", "network"] = "zones",
        *,
        indicator: str | list[str] | None = None,
        include_individuals: bool = False,
        min_count: int | None = None,
    ) -> dict[str, Any]:
        """A map as a GeoJSON dict (RFC 7946, WGS84, simplestyle keys and a ``legend``).

        Raises:
            ValueError: unknown layer or indicator.
        """
    def to_geopandas(
        self,
        layer: Literal["zones", "actors", "network"] = "zones",
        *,
        indicator: str | list[str] | None = None,
        include_individuals: bool = False,
        min_count: int | None = None,
    ) -> Any:
        """A map as a geopandas GeoDataFrame in EPSG:4326 (zones and actors indexed by
        id).

        Raises:
            ImportError: geopandas is not installed (``pip install 'maillage[geo]'``).
        """

@final
class KeyFigures:
    """The key figures of one territory, read from its diagnosis: what a comparison
    sets side by side. Built by :func:`territory_key_figures`; picklable (so that a
    Dask worker sends it back), comparable with ``==``; ``k["density"]`` reads a field.
    """

    def __new__(cls, json: str) -> KeyFigures:
        """Key figures from their JSON text (:meth:`to_json`)."""
    @property
    def name(self) -> str:
        """The territory's name in the comparison: its bundle folder's name."""
    def to_json(self) -> str:
        """The figures as JSON text, every number exactly."""
    def to_dict(self) -> dict[str, Any]:
        """The figures as plain Python objects."""
    def figure(self, code: str) -> float | None:
        """One figure by its code (a column of ``comparaison.csv``)."""
    def __getitem__(self, key: str, /) -> Any: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[type[KeyFigures], tuple[str]]: ...

def territory_key_figures(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    name: str | None = None,
    partition: str | None = None,
    betweenness_pivots: int | None = None,
    seed: int = 42,
    suggestions: int = 20,
    confirmed_only: bool = False,
    include_individuals: bool = False,
    min_count: int | None = None,
) -> KeyFigures:
    """The key figures of one territory, with the GIL released; with ``out``, every
    output of the territory written into ``out/NAME`` first.

    Raises:
        BundleError: the bundle is missing or breaks the format.
        ValueError: an option the territory cannot take.
        OSError: the outputs could not be written.
    """

def write_comparison(
    entries: list[tuple[str, KeyFigures | str]],
    out: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Puts the outcomes of the bundles together (each :class:`KeyFigures` or the text
    of a failure) and, with ``out``, writes the comparison there.

    Returns:
        dict: ``territories``, ``failures``, ``overlaps``, ``totals``, ``written``,
        ``tables``.
    """

def _compare_plan(
    paths: list[str | os.PathLike[str]],
) -> list[tuple[str, str | None, str | None]]: ...
def _compare_local(
    paths: list[str | os.PathLike[str]],
    out: str | os.PathLike[str] | None = None,
    *,
    partition: str | None = None,
    betweenness_pivots: int | None = None,
    seed: int = 42,
    suggestions: int = 20,
    confirmed_only: bool = False,
    include_individuals: bool = False,
    min_count: int | None = None,
) -> dict[str, Any]: ...
