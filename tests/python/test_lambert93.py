"""The same territory written in WGS84 (`valid/minimal`) and in Lambert-93
(`valid/minimal_lambert93`) loads to the same actors and zones within 1e-6 degrees;
and pyproj, an independent implementation of EPSG:2154 → EPSG:4326, agrees with the
core's proj4rs conversion within 1e-6 degrees."""

from __future__ import annotations

import csv
import json
import math

import pytest
from pyproj import Transformer

import maillage
from conftest import BUNDLES

TOLERANCE = 1e-6  # degrees (~0.1 m); the rounded Lambert-93 values round-trip within 1e-8°
WGS84 = BUNDLES / "valid" / "minimal"
LAMBERT93 = BUNDLES / "valid" / "minimal_lambert93"


@pytest.fixture(scope="module")
def both():
    return maillage.load(WGS84), maillage.load(LAMBERT93)


@pytest.fixture(scope="module")
def to_wgs84():
    return Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=0.0, abs_tol=TOLERANCE)


def test_both_load_without_warning(both):
    wgs84, lambert = both
    assert wgs84.warnings == [] and lambert.warnings == []


def test_actors_are_the_same(both):
    wgs84, lambert = both
    a_list, b_list = wgs84.actors, lambert.actors
    assert [a["id"] for a in a_list] == [b["id"] for b in b_list]
    for a, b in zip(a_list, b_list):
        for key in ["lon", "lat"]:
            assert close(a[key], b[key]), (a["id"], key, a[key], b[key])
        rest = {k: v for k, v in a.items() if k not in ("lon", "lat")}
        assert rest == {k: v for k, v in b.items() if k not in ("lon", "lat")}
    assert wgs84.relations == lambert.relations
    assert wgs84.actions == lambert.actions
    assert wgs84.needs == lambert.needs


def test_zone_anchors_and_geometry_are_the_same(both):
    wgs84, lambert = both
    assert len(wgs84.layers) == len(lambert.layers)
    for la, lb in zip(wgs84.layers, lambert.layers):
        assert (la["name"], la["priority"]) == (lb["name"], lb["priority"])
        assert len(la["zones"]) == len(lb["zones"])
        for za, zb in zip(la["zones"], lb["zones"]):
            assert (za["id"], za["name"], za["population"]) == (zb["id"], zb["name"], zb["population"])
            assert close(za["anchor_lon"], zb["anchor_lon"]), za["id"]
            assert close(za["anchor_lat"], zb["anchor_lat"]), za["id"]
            pa, pb = za["geometry"]["coordinates"], zb["geometry"]["coordinates"]
            assert len(pa) == len(pb)
            for polygon_a, polygon_b in zip(pa, pb):
                assert len(polygon_a) == len(polygon_b)
                for ring_a, ring_b in zip(polygon_a, polygon_b):
                    assert len(ring_a) == len(ring_b), za["id"]
                    for (xa, ya), (xb, yb) in zip(ring_a, ring_b):
                        assert close(xa, xb) and close(ya, yb), (za["id"], xa, ya, xb, yb)


def test_pyproj_agrees_with_the_actor_conversion(both, to_wgs84):
    _, lambert = both
    loaded = {a["id"]: a for a in lambert.actors}
    with open(LAMBERT93 / "actors.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    checked = 0
    for row in rows:
        actor = loaded[row["id"]]
        if not row["x"]:
            assert actor["lon"] is None and actor["lat"] is None
            continue
        lon, lat = to_wgs84.transform(float(row["x"]), float(row["y"]))
        assert close(actor["lon"], lon), (row["id"], actor["lon"], lon)
        assert close(actor["lat"], lat), (row["id"], actor["lat"], lat)
        checked += 1
    assert checked == 11


def test_pyproj_agrees_with_the_zone_conversion(both, to_wgs84):
    _, lambert = both
    for layer in lambert.layers:
        with open(LAMBERT93 / layer["file"], encoding="utf-8") as f:
            features = json.load(f)["features"]
        assert len(features) == len(layer["zones"])
        for feature, zone in zip(features, layer["zones"]):
            geometry = feature["geometry"]
            polygons = geometry["coordinates"]
            if geometry["type"] == "Polygon":
                polygons = [polygons]
            loaded = zone["geometry"]["coordinates"]
            assert len(polygons) == len(loaded)
            for polygon, loaded_polygon in zip(polygons, loaded):
                for ring, loaded_ring in zip(polygon, loaded_polygon):
                    assert len(ring) == len(loaded_ring), zone["id"]
                    for (x, y), (lon, lat) in zip(ring, loaded_ring):
                        want_lon, want_lat = to_wgs84.transform(x, y)
                        assert close(lon, want_lon) and close(lat, want_lat), (zone["id"], x, y)
