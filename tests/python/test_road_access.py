"""Access by a cost table against access by straight line (docs/analyses.md §2, "With a
cost table") from Python: ``Diagnosis.coverage["road_comparison"]``, checked against
ranks computed with pandas from zones.csv of two runs, without and with the table.

The cost table is DERIVED here from data/lyon7, not measured: minutes = the haversine
metres from each IRIS's centroid to each actor of a required kind, divided by a speed
that varies by zone (50 to 200 m/min by the zone's place in the file)."""

from __future__ import annotations

import io
import json
import math
import shutil

import pandas
from shapely.geometry import shape

import maillage
from conftest import LYON7

REQUIRED = ["medecin_generaliste", "pharmacie", "orthophoniste"]


def haversine_m(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def bundle_with_derived_costs(tmp_path):
    bundle = tmp_path / "lyon7"
    shutil.copytree(LYON7, bundle)
    iris = json.loads((bundle / "zones/iris.geojson").read_text())["features"]
    actors = pandas.read_csv(bundle / "actors.csv", dtype={"id": str})
    actors = actors[actors["kind"].isin(REQUIRED) & actors["x"].notna()]
    rows = []
    for i, f in enumerate(iris):
        c = shape(f["geometry"]).centroid
        speed = 50.0 * (1 + i % 4)
        for a in actors.itertuples():
            rows.append((str(f["properties"]["id"]), a.id, haversine_m(c.x, c.y, a.x, a.y) / speed))
    pandas.DataFrame(rows, columns=["origin", "destination", "minutes"]).to_csv(bundle / "couts.csv", index=False)
    with open(bundle / "territory.toml", "a", encoding="utf-8") as manifest:
        manifest.write('\n[analysis.costs]\nfile = "couts.csv"\n')
    return bundle


def ranks(zones: pandas.DataFrame, kind: str) -> pandas.Series:
    z = zones[zones["population"] > 0].sort_values([f"access_{kind}", "id"])
    return pandas.Series(range(1, len(z) + 1), index=z["id"])


def test_road_comparison_ranks_match_pandas(tmp_path):
    plain = maillage.load(LYON7).diagnose()
    assert "road_comparison" not in plain.coverage
    road = maillage.load(bundle_with_derived_costs(tmp_path)).diagnose()
    comparison = road.coverage["road_comparison"]
    read = lambda d: pandas.read_csv(io.StringIO(d.render("zones.csv")), dtype={"id": str})
    by_line, by_road = read(plain), read(road)
    worst = max(3, math.ceil(24 / 5))
    assert comparison["worst"] == worst == 5
    assert [k["kind"] for k in comparison["kinds"]] == REQUIRED
    changed = 0
    for k in comparison["kinds"]:
        road_ranks, line_ranks = ranks(by_road, k["kind"]), ranks(by_line, k["kind"])
        got = pandas.DataFrame(k["zones"]).set_index("id")
        assert (got["road_rank"] == road_ranks[got.index]).all()
        assert (got["straight_line_rank"] == line_ranks[got.index]).all()
        assert k["worst_by_road"] == list(road_ranks.index[:worst])
        assert k["worst_by_straight_line"] == list(line_ranks.index[:worst])
        assert k["only_by_road"] == [z for z in k["worst_by_road"] if line_ranks[z] > worst]
        changed += len(k["only_by_road"])
    assert changed > 0
    csv = pandas.read_csv(io.StringIO(road.render("access_road.csv")), dtype={"id": str})
    assert len(csv) == 3 * 24
    assert "Accès par la route et à vol d’oiseau" in road.render("report.html")
    assert "Accès par la route et à vol d’oiseau" not in plain.render("report.html")
