"""Every GeoJSON the library writes keeps the promises of RFC 7946 and of the output
contract: a FeatureCollection without ``crs``, WGS84 longitudes and latitudes in range,
at most 6 decimals, exterior rings counter-clockwise and holes clockwise, closed rings,
numbers as numbers, ``snake_case`` ASCII property names besides the simplestyle keys;
and geopandas reads each back, with every option of the writers."""

from __future__ import annotations

import json
import math
import re

import pytest

import maillage
from conftest import LYON7, REPO_ROOT

geopandas = pytest.importorskip("geopandas")

SIMPLESTYLE = {
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity",
    "marker-color", "marker-symbol", "marker-size", "title", "description",
}
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
# Properties that are numbers (or null) wherever they appear.
NUMERIC = re.compile(
    r"^(population|actors|overlap|degree|betweenness|weight|"
    r"(count|density|access|access_accepting|nearest_m)_[a-z0-9_]+)$"
)

OPTIONS = [
    {},
    {"include_individuals": True},
    {"min_count": 11, "indicator": "actors"},
    {"indicator": "density_pharmacie", "min_count": 3, "include_individuals": True},
]
BUNDLES = [LYON7, REPO_ROOT / "data" / "grenoble_sud", REPO_ROOT / "tests" / "bundles" / "valid" / "minimal_lambert93"]


def signed_area(ring):
    """Twice the signed area of a ring (shoelace): positive when counter-clockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))


def decimals(x: float) -> int:
    text = repr(float(x))
    if "e" in text:
        return 99
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def check_position(p, where):
    assert isinstance(p, list) and len(p) == 2, where
    lon, lat = p
    assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in p), where
    assert -180 <= lon <= 180 and -90 <= lat <= 90, (where, p)
    assert decimals(lon) <= 6 and decimals(lat) <= 6, (where, p)


def check_geometry(g, where):
    kind = g["type"]
    if kind == "Point":
        check_position(g["coordinates"], where)
    elif kind == "LineString":
        assert len(g["coordinates"]) >= 2, where
        for p in g["coordinates"]:
            check_position(p, where)
    elif kind in ("Polygon", "MultiPolygon"):
        polygons = [g["coordinates"]] if kind == "Polygon" else g["coordinates"]
        for polygon in polygons:
            for i, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1], (where, "ring not closed")
                for p in ring:
                    check_position(p, where)
                area = signed_area(ring)
                if i == 0:
                    assert area > 0, (where, "exterior ring clockwise")
                else:
                    assert area < 0, (where, "hole counter-clockwise")
    else:
        pytest.fail(f"{where}: unexpected geometry {kind}")


def check_collection(fc, name):
    assert fc["type"] == "FeatureCollection", name
    assert "crs" not in fc, name
    assert fc["features"], name
    for i, feature in enumerate(fc["features"]):
        where = f"{name}#feature {i}"
        assert feature["type"] == "Feature", where
        assert "crs" not in feature, where
        check_geometry(feature["geometry"], where)
        for key, value in feature["properties"].items():
            assert key in SIMPLESTYLE or SNAKE.match(key), (where, key)
            assert key.isascii(), (where, key)
            if NUMERIC.match(key):
                assert value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)), (where, key, value)
                if isinstance(value, float):
                    assert math.isfinite(value), (where, key)
            if key.startswith("fill") or key.startswith("stroke") or key == "marker-color":
                assert value is not None, (where, key)


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "default")
def test_every_geojson_follows_rfc7946_and_reads_back(bundle, options, tmp_path):
    d = maillage.load(bundle).diagnose()
    if "density_pharmacie" in options.get("indicator", "") and "density_pharmacie" not in json.dumps(d.to_geojson()):
        options = {**options, "indicator": "actors"}
    names = ["zones.geojson", "actors.geojson", "network.geojson"]
    d.write(tmp_path, names, **options)
    for name in names:
        raw = (tmp_path / name).read_text(encoding="utf-8")
        fc = json.loads(raw)
        check_collection(fc, name)
        frame = geopandas.read_file(tmp_path / name)
        assert len(frame) == len(fc["features"]), name
        assert frame.crs.to_epsg() == 4326, name
        if name == "zones.geojson":
            assert frame.geometry.is_valid.all()
            mapped = [f["properties"][fc["legend"]["property"]] for f in fc["features"]]
            # classes for the values there are; none when every value is suppressed
            assert bool(fc["legend"]["classes"]) == any(v is not None for v in mapped)
