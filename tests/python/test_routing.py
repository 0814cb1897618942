"""``maillage.travel_times`` (docs/routing.md) with the real engine, OSRM, on a real
OpenStreetMap extract: the whole road network of Saint-Barthélemy
(``tests/data/osm/saint_barthelemy_2014.osm.pbf``, © OpenStreetMap contributors, ODbL
1.0; tests/data/osm/SOURCES.md).

The territory is built here. Its zones are rectangles made up for the test (no real
boundary), one of them out at sea, far from any road; its actors stand at real street
locations: the position of a node of an OSM way of the extract (way id, and name when
the way has one, beside each).

The road distances are checked independently of the engine: the same extract is read
with pyosmium, its drivable ways (by the classes of the engine's car profile, one-way
streets and roundabouts respected) made a directed networkx graph, the points snapped
onto it by projection, and shortest paths compared with the engine's metres.

End to end, the engine's table gives access: ``territory.diagnose(costs=table)`` and the
territory saved with the table in ``[analysis.costs]`` (loaded, and diagnosed by the
wheel's ``maillage diagnose --costs``) equal, per zone, the 2SFCA and E2SFCA computed
here from the table alone, to 1e-9 per 10,000 inhabitants.

OSRM's wheels exist for CPython 3.12 and later only: ``scripts/test_routing.sh`` (run
by ``scripts/test.sh`` and CI) installs the project with its ``routing`` extra into a
Python 3.12 environment and runs this file there. Without the engine the tests skip,
except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT

if os.environ.get("CI"):
    # in CI the routing extra is installed by scripts/test_routing.sh: a missing
    # engine is a failure, not a skip
    import networkx as nx
    import osmium
    import osrm
    import pandas as pd
else:
    osrm = pytest.importorskip("osrm", reason="needs OSRM's bindings: pip install 'maillage[routing]' (CPython 3.12+)")
    osmium = pytest.importorskip("osmium")
    nx = pytest.importorskip("networkx")
    pd = pytest.importorskip("pandas")

import maillage  # noqa: E402
from maillage.routing import COLUMNS  # noqa: E402

PBF = REPO_ROOT / "tests" / "data" / "osm" / "saint_barthelemy_2014.osm.pbf"


def box(x0: float, y0: float, x1: float, y1: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


# Made-up zones (rectangles): their anchors are their centres.
ZONES = {
    "ouest": box(-62.870, 17.908, -62.850, 17.922),
    "gustavia": box(-62.856, 17.892, -62.844, 17.902),
    "saint_jean": box(-62.838, 17.894, -62.822, 17.904),
    "est": box(-62.815, 17.900, -62.795, 17.915),
    "sud": box(-62.845, 17.880, -62.825, 17.892),
    "au_large": box(-62.960, 17.840, -62.940, 17.860),  # at sea, kilometres from a road
}
ACTORS = [
    # id, kind, lon, lat: a node of an OSM way of the extract
    ("mg_bord_de_mer", "medecin_generaliste", -62.848988, 17.89671),  # way 24552959, Rue du Bord de Mer
    ("mg_colline", "medecin_generaliste", -62.851708, 17.895006),  # way 24552826, Rue de la Colline
    ("ph_de_gaulle", "pharmacie", -62.84855, 17.896842),  # way 24552958, Rue du General de Gaulle
    ("mg_primary_24552759", "medecin_generaliste", -62.830071, 17.898449),  # way 24552759 (primary)
    ("ph_primary_24552698", "pharmacie", -62.813823, 17.910218),  # way 24552698 (primary)
    ("mg_tertiary_24576296", "medecin_generaliste", -62.807271, 17.906731),  # way 24576296
    ("mg_tertiary_24553054", "medecin_generaliste", -62.859091, 17.917659),  # way 24553054
    ("ph_tertiary_24576252", "pharmacie", -62.853885, 17.908528),  # way 24576252
    ("mg_tertiary_24576247", "medecin_generaliste", -62.835595, 17.886091),  # way 24576247
    ("inf_tertiary_24552794", "infirmier", -62.825805, 17.893606),  # way 24552794: not a required kind
    ("mg_marigot", "medecin_generaliste", -63.0837, 18.0708),  # Marigot, Saint-Martin: off the extract
    ("mg_sans_adresse", "medecin_generaliste", None, None),  # not located
]
REQUIRED = ["medecin_generaliste", "pharmacie"]


@pytest.fixture(scope="module")
def territory():
    layer = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"id": z, "population": 1000}, "geometry": g}
            for z, g in ZONES.items()
        ],
    }
    actors = [
        {"id": i, "name": i, "kind": k, "x": "" if x is None else x, "y": "" if y is None else y}
        for i, k, x, y in ACTORS
    ]
    relations = {"source": [], "target": [], "kind": []}
    return maillage.Territory.from_frames(
        actors,
        relations,
        layers={"zones": layer},
        layer_fields={"zones": {"population": "population"}},
        analysis={"coverage_layer": "zones", "required": REQUIRED},
    )


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    """The work folder of the engine's graph, shared by the tests of this file."""
    return tmp_path_factory.mktemp("graphs")


@pytest.fixture(scope="module")
def table(territory, graphs):
    with pytest.warns(UserWarning, match="1 zone"):
        return maillage.travel_times(territory, PBF, work_dir=graphs)


# ---- the shape of the table and its report ---------------------------------------


def test_the_table_has_the_documented_columns_and_ids(table, territory):
    assert list(table.columns) == COLUMNS
    assert str(table["minutes"].dtype) == "float64" and str(table["metres"].dtype) == "float64"
    report = table.attrs["routing"]
    assert report["unsnapped_origins"] == ["au_large"]
    assert report["unsnapped_destinations"] == ["mg_marigot"]
    assert report["unlocated_destinations"] == ["mg_sans_adresse"]
    assert report["origins"] == 6 and report["destinations"] == 10
    assert report["kinds"] == REQUIRED
    assert report["layer"] == "zones"
    assert report["no_route"] == 0 and report["beyond_max_minutes"] == 0
    assert "OpenStreetMap" in report["attribution"] and "ODbL" in report["attribution"]
    zones = [z for z in ZONES if z != "au_large"]
    suppliers = [i for i, k, x, _ in ACTORS if k in REQUIRED and x is not None and i != "mg_marigot"]
    # the island's roads are all connected: every snapped zone reaches every supplier,
    # once, zones in layer order and suppliers in file order
    expected = [(z, a) for z in zones for a in suppliers]
    assert list(zip(table["origin"], table["destination"])) == expected
    assert "inf_tertiary_24552794" not in set(table["destination"])
    assert (table["minutes"] > 0).all() and (table["metres"] > 0).all()
    # every snapped point reported, within the radius
    snapped = report["snapped"]
    assert sorted(snapped["origins"]) == sorted(zones)
    assert sorted(snapped["destinations"]) == sorted(suppliers)
    for lon, lat, metres in [*snapped["origins"].values(), *snapped["destinations"].values()]:
        assert 0 <= metres <= report["snap_radius_m"]
    # actors placed on a node of a drivable road are snapped where they stand
    for actor in ("mg_bord_de_mer", "ph_primary_24552698", "mg_tertiary_24576247"):
        assert snapped["destinations"][actor][2] < 1.0


def test_kinds_chooses_the_suppliers(territory, graphs):
    with pytest.warns(UserWarning):
        only = maillage.travel_times(territory, PBF, kinds="pharmacie", work_dir=graphs)
    assert sorted(set(only["destination"])) == ["ph_de_gaulle", "ph_primary_24552698", "ph_tertiary_24576252"]
    assert only.attrs["routing"]["unsnapped_destinations"] == []


def test_max_minutes_cuts_the_table(territory, graphs, table):
    with pytest.warns(UserWarning):
        near = maillage.travel_times(territory, PBF, work_dir=graphs, max_minutes=5)
    kept = table[table["minutes"] <= 5].reset_index(drop=True)
    assert 0 < len(near) < len(table)
    pd.testing.assert_frame_equal(near, kept)
    assert near.attrs["routing"]["beyond_max_minutes"] == len(table) - len(kept)


# ---- the times and distances are physically possible -----------------------------


def car_speeds() -> dict[str, float]:
    """The speeds (km/h) of the engine's car profile per highway class (``car.lua``)."""
    text = (Path(osrm.__file__).parent / "share" / "profiles" / "car.lua").read_text()
    block = re.search(r"speeds\s*=\s*Sequence\s*\{\s*highway\s*=\s*\{(.*?)\}", text, re.S)
    assert block, "car.lua has no speeds table"
    speeds = {k: float(v) for k, v in re.findall(r"(\w+)\s*=\s*([\d.]+)", block.group(1))}
    assert speeds["primary"] > 0 and speeds["residential"] > 0
    return speeds


def highways() -> list[tuple[dict[str, str], list[tuple[int, float, float]]]]:
    """Every highway way of the extract: its tags and its nodes (id, lon, lat)."""
    ways = []
    for way in osmium.FileProcessor(str(PBF)).with_locations().with_filter(osmium.filter.KeyFilter("highway")):
        if way.is_way():
            nodes = [(n.ref, n.lon, n.lat) for n in way.nodes if n.location.valid()]
            ways.append(({t.k: t.v for t in way.tags}, nodes))
    return ways


def test_no_time_is_faster_than_the_engine_allows(table):
    # The fastest the car profile drives on this extract: the speed of the fastest
    # road class present, or a tagged maxspeed (× the profile's speed_reduction, 0.8).
    speeds = car_speeds()
    present = {tags["highway"] for tags, _ in highways()}
    tagged = [float(t["maxspeed"]) for t, _ in highways() if t.get("maxspeed", "").isdigit()]
    vmax_kmh = max([speeds[c] for c in present if c in speeds] + [0.8 * v for v in tagged])
    assert vmax_kmh == speeds["primary"]  # no maxspeed tag; primary is the fastest class here
    assert vmax_kmh <= max(speeds.values())
    # minutes are rounded to 0.001 (0.06 s), the engine's seconds to 0.1 s
    for minutes, metres in zip(table["minutes"], table["metres"]):
        assert minutes * 60 + 0.1 >= metres / (vmax_kmh / 3.6), (minutes, metres)


A = 6378137.0
E2 = 6.69437999014e-3


def ground_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """The distance on the WGS84 ellipsoid, with the radii of curvature at the middle
    latitude: exact to a few millimetres over the few kilometres of these segments."""
    phi = math.radians((lat1 + lat2) / 2)
    w = 1 - E2 * math.sin(phi) ** 2
    n = A / math.sqrt(w)
    m = A * (1 - E2) / w**1.5
    return math.hypot(math.radians(lon2 - lon1) * n * math.cos(phi), math.radians(lat2 - lat1) * m)


def test_no_road_is_shorter_than_the_straight_line(table, territory):
    snapped = table.attrs["routing"]["snapped"]
    anchors = {z["id"]: (z["anchor_lon"], z["anchor_lat"]) for z in territory.layers[0]["zones"]}
    places = {a["id"]: (a["lon"], a["lat"]) for a in territory.actors}
    for origin, destination, metres in zip(table["origin"], table["destination"], table["metres"]):
        o_lon, o_lat, o_snap = snapped["origins"][origin]
        d_lon, d_lat, d_snap = snapped["destinations"][destination]
        # from snapped point to snapped point (metres rounded to 0.1)
        assert metres + 0.1 >= ground_m(o_lon, o_lat, d_lon, d_lat), (origin, destination)
        # and from the given points, with the legs to the road (triangle inequality)
        straight = ground_m(*anchors[origin], *places[destination])
        assert metres + o_snap + d_snap + 0.3 >= straight, (origin, destination)


# ---- the road distances, checked with pyosmium and networkx ------------------------


ONEWAY_FORWARD = {"yes", "true", "1"}
NO_CAR = {"no", "private", "agricultural", "forestry", "emergency", "psv", "delivery", "destination"}


class RoadGraph:
    """The drivable roads of the extract as a directed networkx graph, built without the
    engine: a way is drivable when its class has a speed in the car profile and no
    access tag forbids cars; ``oneway=yes`` (or ``-1``), roundabouts and motorways go one
    way; each edge has its length on the ellipsoid and its time at the class's speed."""

    def __init__(self) -> None:
        speeds = car_speeds()
        self.graph = nx.DiGraph()
        self.position: dict = {}
        self.segments: list = []
        for tags, nodes in highways():
            kind = tags["highway"]
            if kind not in speeds:
                continue
            if any(tags.get(k) in NO_CAR for k in ("access", "vehicle", "motor_vehicle", "motorcar")):
                continue
            oneway = tags.get("oneway", "no")
            forward, backward = True, True
            if oneway in ONEWAY_FORWARD or kind == "motorway" or tags.get("junction") in ("roundabout", "circular"):
                backward = False
            if oneway == "-1":
                forward, backward = False, True
            for (a, ax, ay), (b, bx, by) in zip(nodes, nodes[1:]):
                self.position[a] = (ax, ay)
                self.position[b] = (bx, by)
                self.segments.append((a, b, forward, backward, speeds[kind]))
                self._edges(a, b, forward, backward, speeds[kind])

    def _edges(self, a, b, forward: bool, backward: bool, kmh: float) -> None:
        length = ground_m(*self.position[a], *self.position[b])
        time = length / (kmh / 3.6)
        if forward:
            self.graph.add_edge(a, b, length=length, time=time)
        if backward:
            self.graph.add_edge(b, a, length=length, time=time)

    def snap(self, name: str, lon: float, lat: float) -> tuple[float, float, float]:
        """Adds a node ``name`` at the nearest point of a drivable segment to (lon,
        lat), linked to the segment's ends in the segment's directions; returns that
        point and its distance."""
        kx = math.radians(1) * A * math.cos(math.radians(lat))
        ky = math.radians(1) * A
        best = None
        for a, b, forward, backward, kmh in self.segments:
            (alon, alat), (blon, blat) = self.position[a], self.position[b]
            ax, ay = (alon - lon) * kx, (alat - lat) * ky
            bx, by = (blon - lon) * kx, (blat - lat) * ky
            dx, dy = bx - ax, by - ay
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
            d = math.hypot(ax + t * dx, ay + t * dy)
            if best is None or d < best[0]:
                best = (d, a, b, forward, backward, kmh, (lon + (ax + t * dx) / kx, lat + (ay + t * dy) / ky))
        d, a, b, forward, backward, kmh, point = best
        self.position[name] = point
        self._edges(a, name, forward, backward, kmh)
        self._edges(name, b, forward, backward, kmh)
        return point[0], point[1], ground_m(lon, lat, *point)

    def path_length(self, source, target, weight: str) -> float:
        path = nx.shortest_path(self.graph, source, target, weight=weight)
        return sum(self.graph[u][v]["length"] for u, v in zip(path, path[1:]))


def test_road_distances_agree_with_a_graph_built_without_the_engine(table, territory):
    roads = RoadGraph()
    assert roads.graph.number_of_edges() > 7000  # about 3,700 road nodes, both ways
    snapped = table.attrs["routing"]["snapped"]
    anchors = {z["id"]: (z["anchor_lon"], z["anchor_lat"]) for z in territory.layers[0]["zones"]}
    places = {a["id"]: (a["lon"], a["lat"]) for a in territory.actors}
    # the engine snaps each point where the graph does (OSRM keeps coordinates to 1e-6°)
    for group, points in (("origins", anchors), ("destinations", places)):
        for key, (lon, lat, metres) in snapped[group].items():
            s_lon, s_lat, s_metres = roads.snap((group, key), *points[key])
            assert ground_m(lon, lat, s_lon, s_lat) < 1.0, (key, (lon, lat), (s_lon, s_lat))
            assert abs(metres - s_metres) < 1.0, key
    # Tolerance of a road distance: 3e-4 of it plus 1 m. OSRM measures segments with
    # the cheap ruler on the WGS84 ellipsoid (relative error under 1e-4 at these
    # lengths), keeps coordinates to 1e-6 degree (0.1 m per point) and rounds the
    # table to 0.1 m; the graph measures on the ellipsoid too.
    def close(a: float, b: float) -> bool:
        return abs(a - b) <= 3e-4 * b + 1.0

    same_as_fastest = 0
    for origin, destination, metres in zip(table["origin"], table["destination"], table["metres"]):
        o, d = ("origins", origin), ("destinations", destination)
        shortest = roads.path_length(o, d, "length")
        fastest = roads.path_length(o, d, "time")
        # no route of the engine is shorter than the shortest road path
        assert metres >= shortest - (3e-4 * shortest + 1.0), (origin, destination, metres, shortest)
        # the engine drives the fastest path at the class speeds; its turn penalties
        # (7.5 s at a sharp turn, 20 s for a U-turn, in car.lua) may make it prefer
        # another path, a little longer and never beyond 1 % here
        assert abs(metres - fastest) <= 0.01 * fastest, (origin, destination, metres, fastest)
        same_as_fastest += close(metres, fastest)
    # and most pairs, where no turn penalty changes the path, measure the same
    assert same_as_fastest >= 0.9 * len(table), f"{same_as_fastest} of {len(table)}"


# ---- files: the CSV, the work folder, bad input --------------------------------------


def test_the_csv_is_the_documented_format_and_reads_back(territory, graphs, table, tmp_path):
    # The format of docs/routing.md, checked here on the file alone; access reading
    # it is tested end to end below (`territory.diagnose(costs=…)`, `[analysis.costs]
    # file`, `maillage diagnose --costs`).
    target = tmp_path / "temps.csv"
    with pytest.warns(UserWarning):
        again = maillage.travel_times(territory, PBF, work_dir=graphs, path=target)
    pd.testing.assert_frame_equal(again, table)
    data = target.read_bytes()
    lines = data.decode("utf-8").split("\n")
    assert lines[0] == "origin,destination,minutes,metres"
    assert lines[-1] == "" and len(lines) == len(table) + 2
    assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["temps.csv"]  # no temporary file left
    back = pd.read_csv(target, dtype={"origin": str, "destination": str})
    pd.testing.assert_frame_equal(back, table)
    # the documented format: ids of the territory, numbers finite and not negative,
    # one row per pair
    zone_ids = {z["id"] for z in territory.layers[0]["zones"]}
    actor_ids = {a["id"] for a in territory.actors}
    assert set(back["origin"]) <= zone_ids and set(back["destination"]) <= actor_ids
    assert back[["minutes", "metres"]].map(math.isfinite).all().all()
    assert (back[["minutes", "metres"]] >= 0).all().all()
    assert not back.duplicated(["origin", "destination"]).any()


def test_the_work_folder_is_reused_and_runs_are_identical(territory, graphs, table, tmp_path):
    built = [p for p in graphs.iterdir()]
    assert len(built) == 1 and built[0].name.startswith("osrm-car-")  # one graph, no .building-
    stamp = (built[0] / "network.osrm.hsgr").stat().st_mtime_ns
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    with pytest.warns(UserWarning):
        maillage.travel_times(territory, PBF, work_dir=graphs, path=first)
    # without work_dir: built again in a temporary folder, with the same result
    with pytest.warns(UserWarning):
        maillage.travel_times(territory, PBF, path=second, threads=1)
    assert first.read_bytes() == second.read_bytes()
    assert (built[0] / "network.osrm.hsgr").stat().st_mtime_ns == stamp
    assert [p for p in graphs.iterdir()] == built


def test_bad_input_is_refused_and_leaves_nothing(territory, tmp_path):
    with pytest.raises(ValueError, match="profile"):
        maillage.travel_times(territory, PBF, profile="bicycle")
    with pytest.raises(FileNotFoundError):
        maillage.travel_times(territory, tmp_path / "absent.osm.pbf")
    with pytest.raises(FileNotFoundError):
        maillage.travel_times(territory, PBF, path=tmp_path / "no" / "such" / "t.csv")
    with pytest.raises(ValueError, match="kinds"):
        maillage.travel_times(territory, PBF, kinds=[])
    for radius in (0, -5, float("nan")):
        with pytest.raises(ValueError, match="snap_radius_m"):
            maillage.travel_times(territory, PBF, snap_radius_m=radius)
    with pytest.raises(ValueError, match="max_minutes"):
        maillage.travel_times(territory, PBF, max_minutes=-1)
    with pytest.raises(ValueError, match="threads"):
        maillage.travel_times(territory, PBF, threads=0)
    # a file that is not an extract: the engine's error, no graph and no table left
    bad = tmp_path / "bad.osm.pbf"
    bad.write_bytes(b"not a protocol buffer")
    work = tmp_path / "work"
    with pytest.raises(RuntimeError, match="osrm-extract"):
        maillage.travel_times(territory, bad, work_dir=work, path=tmp_path / "t.csv")
    assert list(work.iterdir()) == []
    assert not (tmp_path / "t.csv").exists()


def test_a_territory_without_required_kinds_needs_kinds(tmp_path):
    layer = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "z"}, "geometry": ZONES["gustavia"]}]}
    bare = maillage.Territory.from_frames(
        [{"id": "a", "name": "a", "kind": "pharmacie", "x": -62.84855, "y": 17.896842}],
        {"source": [], "target": [], "kind": []},
        layers={"zones": layer},
        analysis={"coverage_layer": "zones", "required": []},
    )
    with pytest.raises(ValueError, match="required"):
        maillage.travel_times(bare, PBF)
    costs = maillage.travel_times(bare, PBF, kinds=["pharmacie"])
    assert list(zip(costs["origin"], costs["destination"])) == [("z", "a")]


# ---- end to end: the engine's table read by access ------------------------------


def access_by_hand(table, kind: str, catchment: float, weight) -> dict[str, float]:
    """E2SFCA per 10,000 inhabitants computed from the table alone (docs/analyses.md
    §2): every supplier of `kind` supplies 1 (no actor has a capacity: sites are
    counted), every zone holds 1,000 people; R_j = 1 / Σ_z w(c_zj) · 1000 over the pairs
    within the catchment, A_z = Σ_j w(c_zj) · R_j. Plain 2SFCA is w = 1."""
    kinds = {i: k for i, k, _, _ in ACTORS}
    rows = [
        (o, d, c)
        for o, d, c in zip(table["origin"], table["destination"], table["minutes"])
        if kinds[d] == kind and c <= catchment and weight(c) > 0
    ]
    load: dict[str, float] = {}
    for _, d, c in rows:
        load[d] = load.get(d, 0.0) + weight(c) * 1000.0
    access = {z: 0.0 for z in ZONES}
    for o, d, c in rows:
        access[o] += weight(c) * 1.0 / load[d]
    return {z: a * 1e4 for z, a in access.items()}


def zone_access(diagnosis, kind: str) -> dict[str, float]:
    return {z["id"]: z["access"][kind] for z in diagnosis["coverage"]["zones"]}


def test_access_by_road_from_the_frame_is_the_2sfca_of_the_table(territory, table):
    # the frame as travel_times returns it: minutes read (the default unit when the
    # table has them), 20 minutes in reach, plain 2SFCA ([analysis] access)
    diagnosis = territory.diagnose(costs=table)
    for kind in REQUIRED:
        expected = access_by_hand(table, kind, 20.0, lambda c: 1.0)
        ours = zone_access(diagnosis, kind)
        assert set(ours) == set(ZONES)
        for zone, value in expected.items():
            assert ours[zone] == pytest.approx(value, abs=1e-9), (kind, zone)
        assert ours["au_large"] == 0.0  # no road: no supplier in reach
    # by straight line within the manifest's catchment_m, the figures differ
    assert zone_access(diagnosis, "medecin_generaliste") != zone_access(territory.diagnose(), "medecin_generaliste")


def test_access_by_road_from_a_saved_bundle_and_the_command(territory, table, tmp_path):
    # the territory saved, the table beside it and declared in [analysis.costs] with
    # steps cut at the table's own quartiles, so that some pairs fall out of reach and
    # others weigh half: loaded, diagnosed, and diagnosed by the wheel's command
    bundle = tmp_path / "saint-barthelemy"
    territory.save(bundle)
    table.to_csv(bundle / "temps.csv", index=False, lineterminator="\n")
    first, catchment = (round(float(q), 3) for q in table["minutes"].quantile([0.25, 0.6]))
    assert 0 < first < catchment < table["minutes"].max()
    manifest = bundle / "territory.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + f'\n[analysis.costs]\nfile = "temps.csv"\ndecay = [[{first}, 1], [{catchment}, 0.5]]\n',
        encoding="utf-8",
    )
    diagnosis = maillage.load(bundle).diagnose()
    steps = lambda c: 1.0 if c <= first else 0.5 if c <= catchment else 0.0  # noqa: E731
    for kind in REQUIRED:
        expected = access_by_hand(table, kind, catchment, steps)
        ours = zone_access(diagnosis, kind)
        for zone, value in expected.items():
            assert ours[zone] == pytest.approx(value, abs=1e-9), (kind, zone)
        # the steps count: the plain 2SFCA of the table gives other figures
        plain = access_by_hand(table, kind, 20.0, lambda c: 1.0)
        assert max(abs(expected[z] - plain[z]) for z in ZONES) > 1e-3, kind
    # the same figures as `territory.diagnose(costs=table)` on the same settings, and
    # the same files from the wheel's command, with the table given by --costs
    command = Path(sys.executable).with_name("maillage")
    subprocess.run([str(command), "diagnose", str(bundle), "--out", str(tmp_path / "cli"), "--quiet",
                    "--costs", str(bundle / "temps.csv")], check=True)
    diagnosis.write(tmp_path / "py")
    for name in ("zones.csv", "zones.geojson", "summary.txt"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    again = maillage.load(bundle).diagnose(costs=table)
    assert again["coverage"]["zones"] == diagnosis["coverage"]["zones"]
