"""Travel times by road: a cost table from an OpenStreetMap extract, for access.

:func:`travel_times` routes every zone of the territory's coverage layer (from its
anchor point) to every located supplier (an actor of the required kinds) over the road
network of an OpenStreetMap extract (``.osm.pbf``), with OSRM, the Open Source Routing
Machine, through its Python bindings (``pip install 'maillage[routing]'``; their wheels
exist for CPython 3.12 and later). The result is the cost table of docs/routing.md:
one row per zone and supplier joined by road, with ``origin`` (zone id),
``destination`` (actor id), ``minutes`` and ``metres``.

OSRM builds its routing graph from the extract in a work folder (``osrm-extract`` with
the car profile, then ``osrm-contract``); the folder is temporary unless ``work_dir``
is given, where a graph built once is kept and reused for the same extract, profile and
engine version.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import math
import os
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path
from typing import Any, Iterable, Sequence

__all__ = ["COLUMNS", "PROFILES", "travel_times"]

COLUMNS = ["origin", "destination", "minutes", "metres"]
"""The columns of the cost table, in order (docs/routing.md)."""

PROFILES = {"auto": "car.lua"}
"""The routing profiles: ``"auto"``, a car, is OSRM's car profile (``car.lua``)."""

ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)"
"""A table built from OpenStreetMap is a derived database under the ODbL: keep this with it."""

# Pairs asked of the engine at once (sources × destinations): bounds the memory of one
# table request on a large territory.
_CELLS_PER_REQUEST = 1_000_000


def _engine() -> Any:
    try:
        import osrm
    except ImportError as e:
        raise ImportError(
            "travel_times() needs OSRM's Python bindings (osrm-bindings, wheels for CPython "
            "3.12 and later): pip install 'maillage[routing]'"
        ) from e
    return osrm


def _engine_version() -> str:
    try:
        return importlib.metadata.version("osrm-bindings")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a source build
        return "unknown"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, errors="replace")
    if result.returncode != 0:
        log = (result.stdout + result.stderr).strip().splitlines()
        tail = "\n".join(log[-12:])
        raise RuntimeError(
            f"{Path(command[0]).name} failed (exit status {result.returncode}):\n{tail}"
        )


def _build(osrm: Any, pbf: Path, profile: Path, folder: Path, threads: int | None) -> Path:
    """OSRM's contraction-hierarchy graph of ``pbf`` in ``folder``; returns its base
    path (``network.osrm``)."""
    binaries = Path(osrm.__file__).parent / "bin"
    extract = binaries / "osrm-extract"
    contract = binaries / "osrm-contract"
    if not extract.is_file() or not contract.is_file():  # pragma: no cover - a broken install
        raise RuntimeError(f"OSRM's osrm-extract and osrm-contract are not in {binaries}")
    # osrm-extract writes beside its input: the extract is linked into the folder.
    source = folder / "network.osm.pbf"
    try:
        os.symlink(pbf, source)
    except OSError:  # pragma: no cover - file systems without symbolic links
        shutil.copyfile(pbf, source)
    thread_args = ["--threads", str(threads)] if threads else []
    _run([str(extract), "--profile", str(profile), *thread_args, str(source)], folder)
    source.unlink()
    _run([str(contract), *thread_args, str(folder / "network.osrm")], folder)
    return folder / "network.osrm"


def _graph(
    osrm: Any, pbf: Path, digest: str, profile: Path, work_dir: Path, threads: int | None
) -> Path:
    """The graph of ``pbf`` in ``work_dir``: reused when built before for the same
    extract, profile and engine, else built in a hidden folder renamed when complete,
    so that no half-built graph is ever taken for a whole one."""
    key = hashlib.sha256(
        "\n".join([digest, _sha256(profile), _engine_version()]).encode()
    ).hexdigest()[:16]
    final = work_dir / f"osrm-{profile.stem}-{key}"
    if (final / "network.osrm.hsgr").is_file():
        return final / "network.osrm"
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=work_dir))
    try:
        _build(osrm, pbf, profile, building, threads)
        try:
            os.rename(building, final)
        except OSError:
            # another process finished the same graph first: keep its copy
            if not (final / "network.osrm.hsgr").is_file():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return final / "network.osrm"


def _snap(osrm: Any, engine: Any, point: tuple[float, float], radius: float) -> bool:
    """Whether the engine finds a road segment within ``radius`` metres of ``point``."""
    params = osrm.NearestParameters(coordinates=[point], radiuses=[radius])
    params.number_of_results = 1
    try:
        engine.Nearest(params)
    except RuntimeError as e:
        if str(e).startswith("NoSegment"):
            return False
        raise
    return True


def _chunks(n: int, size: int) -> Iterable[range]:
    for start in range(0, n, size):
        yield range(start, min(n, start + size))


def _write_csv(frame: Any, path: Path) -> None:
    """Writes the table to ``path`` through a temporary file of the same folder,
    renamed when complete: the file is whole or untouched."""
    folder = path.parent
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            frame.to_csv(f, index=False, lineterminator="\n")
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def travel_times(
    territory: Any,
    osm_pbf: str | os.PathLike[str],
    *,
    kinds: str | Sequence[str] | None = None,
    profile: str = "auto",
    max_minutes: float | None = None,
    snap_radius_m: float = 1000.0,
    path: str | os.PathLike[str] | None = None,
    work_dir: str | os.PathLike[str] | None = None,
    threads: int | None = None,
) -> Any:
    """The travel times by road from each zone to each supplier: a cost table built
    with OSRM from an OpenStreetMap extract (``pip install 'maillage[routing]'``, on
    CPython 3.12 or later).

    Origins are the zones of the territory's coverage layer, at their anchor points;
    destinations are its located actors of ``kinds`` (by default the manifest's
    ``[analysis] required`` kinds). The engine snaps each point to the nearest road it
    may drive on, within ``snap_radius_m``; a point with no road that near is left out
    and reported. Times and distances run from snapped point to snapped point. Pairs
    with no route (roads that do not connect) are left out.

    Args:
        territory: a :class:`maillage.Territory`.
        osm_pbf: the OpenStreetMap extract (``.osm.pbf``) covering the territory.
        kinds: the kinds of the suppliers (a kind or a list); default: the required kinds.
        profile: ``"auto"`` (a car: OSRM's car profile, speeds by road class and
            ``maxspeed``, turn penalties, one-way streets and turn restrictions).
        max_minutes: keep only the pairs at most this many minutes apart.
        snap_radius_m: how far from a road a point may lie to be snapped onto it.
        path: also write the table there as CSV (UTF-8, ``,``), atomically.
        work_dir: where the engine's graph is built and kept for the next call (one
            folder per extract, profile and engine version); default: a temporary
            folder, removed afterwards.
        threads: threads of the graph build (default: every core).

    Returns:
        pandas.DataFrame: columns ``origin`` (zone id), ``destination`` (actor id),
        ``minutes``, ``metres``, one row per pair joined by road, zones in layer order
        and actors in file order. ``frame.attrs["routing"]`` reports the build:
        ``engine``, ``profile``, ``osm_pbf`` and its ``sha256``, ``layer``, ``kinds``,
        ``origins`` and ``destinations`` (how many were asked), ``unsnapped_origins``
        and ``unsnapped_destinations`` (ids of the points with no road within
        ``snap_radius_m``), ``unlocated_destinations`` (actors of the kinds without
        coordinates), ``no_route`` and ``beyond_max_minutes`` (pairs left out),
        ``snapped`` (per origin and destination id, ``[lon, lat, metres]``: the point
        on the road and its distance from the given point) and ``attribution``.

    Raises:
        ImportError: OSRM's bindings (or pandas) are not installed.
        FileNotFoundError: no such extract, or the folder of ``path`` does not exist.
        ValueError: an unknown profile, a bad radius, cut-off or number of threads, or no
            kind to route to.
        RuntimeError: the engine could not build a graph from the extract.

    Example:
        >>> t = maillage.load("mon-territoire")
        >>> costs = maillage.travel_times(t, "region.osm.pbf", max_minutes=30,
        ...                               path="mon-territoire/temps.csv")
        >>> costs.attrs["routing"]["unsnapped_origins"]
        []
    """
    osrm = _engine()
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - pandas comes with the routing extra
        raise ImportError("pandas is needed for travel_times(): pip install 'maillage[routing]'") from e
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r} (profiles: {', '.join(sorted(PROFILES))})")
    if not (isinstance(snap_radius_m, (int, float)) and math.isfinite(snap_radius_m) and snap_radius_m > 0):
        raise ValueError(f"snap_radius_m must be a positive number of metres, not {snap_radius_m!r}")
    if max_minutes is not None and not (
        isinstance(max_minutes, (int, float)) and math.isfinite(max_minutes) and max_minutes >= 0
    ):
        raise ValueError(f"max_minutes must be a number of minutes, 0 or more, not {max_minutes!r}")
    if threads is not None and not (isinstance(threads, int) and threads > 0):
        raise ValueError(f"threads must be a positive number, not {threads!r}")
    pbf = Path(osm_pbf).expanduser().resolve()
    if not pbf.is_file():
        raise FileNotFoundError(f"no OpenStreetMap extract at {os.fspath(osm_pbf)!r}")
    target = Path(path).expanduser() if path is not None else None
    if target is not None and not target.parent.is_dir():
        raise FileNotFoundError(f"no folder {os.fspath(target.parent)!r} to write {target.name!r} in")
    profile_file = Path(osrm.__file__).parent / "share" / "profiles" / PROFILES[profile]
    digest = _sha256(pbf)

    # origins: the zones of the coverage layer, at their anchor points
    layer_name = territory.coverage_layer
    layer = next(l for l in territory.layers if l["name"] == layer_name)
    origins = [(z["id"], (z["anchor_lon"], z["anchor_lat"])) for z in layer["zones"]]
    # destinations: the located actors of the kinds
    if kinds is None:
        wanted = list(territory.coverage()["required"])
        if not wanted:
            raise ValueError(
                "no kinds to route to: the manifest declares no [analysis] required kinds; give kinds="
            )
    else:
        wanted = [kinds] if isinstance(kinds, str) else list(kinds)
        if not wanted:
            raise ValueError("kinds is empty: give at least one kind of actor")
    kind_set = set(wanted)
    suppliers = [a for a in territory.actors if a["kind"] in kind_set]
    destinations = [(a["id"], (a["lon"], a["lat"])) for a in suppliers if a["lon"] is not None]
    unlocated = [a["id"] for a in suppliers if a["lon"] is None]

    with tempfile.TemporaryDirectory(prefix="maillage-routing-") as scratch:
        if work_dir is None:
            base = _build(osrm, pbf, profile_file, Path(scratch), threads)
        else:
            folder = Path(work_dir).expanduser()
            folder.mkdir(parents=True, exist_ok=True)
            base = _graph(osrm, pbf, digest, profile_file, folder, threads)
        engine = osrm.OSRM(storage_config=str(base), use_shared_memory=False)

        snapped_o = [(i, p) for i, p in origins if _snap(osrm, engine, p, snap_radius_m)]
        snapped_d = [(i, p) for i, p in destinations if _snap(osrm, engine, p, snap_radius_m)]
        kept_o = {i for i, _ in snapped_o}
        kept_d = {i for i, _ in snapped_d}
        snapped: dict[str, dict[str, list[float]]] = {"origins": {}, "destinations": {}}
        rows_o: list[str] = []
        rows_d: list[str] = []
        minutes: list[float] = []
        metres: list[float] = []
        no_route = 0
        beyond = 0
        nd = len(snapped_d)
        if snapped_o and snapped_d:
            size = max(1, _CELLS_PER_REQUEST // nd)
            for chunk in _chunks(len(snapped_o), size):
                points = [snapped_o[k][1] for k in chunk] + [p for _, p in snapped_d]
                params = osrm.TableParameters(
                    coordinates=points,
                    sources=list(range(len(chunk))),
                    destinations=list(range(len(chunk), len(points))),
                    radiuses=[snap_radius_m] * len(points),
                    annotations=["duration", "distance"],
                )
                result = engine.Table(params)
                for row, k in enumerate(chunk):
                    place = result["sources"][row]
                    snapped["origins"][snapped_o[k][0]] = [
                        place["location"][0], place["location"][1], round(place["distance"], 1)
                    ]
                if chunk.start == 0:
                    for col, (j, _) in enumerate(snapped_d):
                        place = result["destinations"][col]
                        snapped["destinations"][j] = [
                            place["location"][0], place["location"][1], round(place["distance"], 1)
                        ]
                durations = result["durations"]
                distances = result["distances"]
                for row, k in enumerate(chunk):
                    origin = snapped_o[k][0]
                    for col in range(nd):
                        seconds = durations[row][col]
                        distance = distances[row][col]
                        if seconds is None or distance is None:
                            no_route += 1
                            continue
                        m = round(seconds / 60.0, 3)
                        if max_minutes is not None and m > max_minutes:
                            beyond += 1
                            continue
                        rows_o.append(origin)
                        rows_d.append(snapped_d[col][0])
                        minutes.append(m)
                        metres.append(round(distance, 1))

    frame = pandas.DataFrame(
        {
            "origin": pandas.Series(rows_o, dtype=str),
            "destination": pandas.Series(rows_d, dtype=str),
            "minutes": pandas.Series(minutes, dtype="float64"),
            "metres": pandas.Series(metres, dtype="float64"),
        },
        columns=COLUMNS,
    )
    unsnapped_o = [i for i, _ in origins if i not in kept_o]
    unsnapped_d = [i for i, _ in destinations if i not in kept_d]
    frame.attrs["routing"] = {
        "engine": f"OSRM (osrm-bindings {_engine_version()})",
        "profile": profile,
        "osm_pbf": pbf.name,
        "sha256": digest,
        "layer": layer_name,
        "kinds": wanted,
        "origins": len(origins),
        "destinations": len(destinations),
        "unsnapped_origins": unsnapped_o,
        "unsnapped_destinations": unsnapped_d,
        "unlocated_destinations": unlocated,
        "snap_radius_m": float(snap_radius_m),
        "max_minutes": max_minutes,
        "no_route": no_route,
        "beyond_max_minutes": beyond,
        "snapped": snapped,
        "attribution": ATTRIBUTION,
    }
    if unsnapped_o or unsnapped_d:
        warnings.warn(
            f"travel_times: {len(unsnapped_o)} zone(s) of {len(origins)} and "
            f"{len(unsnapped_d)} supplier(s) of {len(destinations)} lie more than "
            f"{snap_radius_m:g} m from a road of the extract and were left out "
            "(frame.attrs['routing']['unsnapped_origins'] and ['unsnapped_destinations'])",
            stacklevel=2,
        )
    if target is not None:
        _write_csv(frame, target)
    return frame
