"""The GIS formats as a GIS analyst opens them (docs/outputs.md, "GeoPackage",
"GeoParquet"): ``diagnostic.gpkg`` read by GDAL (Debian's ``ogrinfo`` and pyogrio),
its QGIS styles parsed, the GeoParquet files read by geopandas, pyarrow and DuckDB's
spatial extension; every layer equal to the GeoJSON map it comes from.

GDAL's command-line tools come from Debian's ``gdal-bin`` (installed by ``.ci/run``):
without them the ogrinfo tests skip, except in CI, where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

geopandas = pytest.importorskip("geopandas")
pyogrio = pytest.importorskip("pyogrio")
pyarrow = pytest.importorskip("pyarrow")
shapely = pytest.importorskip("shapely")
import numpy  # noqa: E402
from pyproj import Transformer  # noqa: E402
from shapely.geometry import shape  # noqa: E402

from conftest import LYON7  # noqa: E402

OGRINFO = shutil.which("ogrinfo")
if OGRINFO is None and os.environ.get("CI"):
    # in CI, gdal-bin is installed by .ci/run: its absence is a failure, not a skip
    raise RuntimeError("needs Debian's gdal-bin (apt-get install gdal-bin) for ogrinfo")
needs_ogrinfo = pytest.mark.skipif(OGRINFO is None, reason="needs Debian's gdal-bin (ogrinfo)")

MAPS = {"zones": "zones.geojson", "actors": "actors.geojson", "ties": "network.geojson"}
TABLES = ["table_actors", "table_zones", "table_gaps", "table_suggestions", "table_directory",
          "table_dispositifs", "table_groups", "table_solicitation"]
TO_L93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)


def run(*args: str) -> None:
    """The ``maillage`` command of the wheel (the same core as the binary)."""
    subprocess.run([sys.executable, "-m", "maillage", *args], check=True)


@pytest.fixture(scope="module")
def lambert(tmp_path_factory) -> Path:
    """data/lyon7 diagnosed with both GIS formats in Lambert-93."""
    out = tmp_path_factory.mktemp("gis-l93")
    run("diagnose", str(LYON7), "--out", str(out), "--format", "gpkg", "--format", "parquet",
        "--crs", "EPSG:2154", "--quiet")
    return out


@pytest.fixture(scope="module")
def wgs84(tmp_path_factory) -> Path:
    """data/lyon7 diagnosed with both GIS formats in its own CRS (WGS84)."""
    out = tmp_path_factory.mktemp("gis-wgs84")
    run("diagnose", str(LYON7), "--out", str(out), "--format", "gpkg", "--format", "parquet",
        "--quiet")
    return out


def geojson(folder: Path, layer: str) -> dict:
    return json.loads((folder / MAPS[layer]).read_text(encoding="utf-8"))


def cell(value):
    """A GeoJSON property as the GIS formats hold it: lists as JSON text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if isinstance(value, (list, dict)) else value


def same(a, b) -> bool:
    if a is None or (isinstance(a, float) and a != a):
        return b is None or (isinstance(b, float) and b != b)
    if isinstance(b, float) or isinstance(a, float):
        return b is not None and abs(float(a) - float(b)) <= 1e-12 * max(1.0, abs(float(b)))
    return a == b


def as_multi(geometry):
    """A zone as the GIS formats write it: always a MultiPolygon."""
    return shapely.MultiPolygon([geometry]) if geometry.geom_type == "Polygon" else geometry


def expected_geometry(feature: dict, lambert93: bool):
    geometry = shape(feature["geometry"])
    if geometry.geom_type == "Polygon":
        geometry = as_multi(geometry)
    if lambert93:
        geometry = shapely.transform(geometry, lambda xy: numpy.column_stack(TO_L93.transform(xy[:, 0], xy[:, 1])))
    return geometry


def assert_layer_equals_geojson(frame, doc: dict, lambert93: bool, tolerance: float) -> None:
    features = doc["features"]
    assert len(frame) == len(features) > 0
    for (_, row), feature in zip(frame.iterrows(), features):
        want = expected_geometry(feature, lambert93)
        got = row.geometry
        assert got.geom_type == want.geom_type
        assert shapely.equals_exact(got, want, tolerance=tolerance), feature["properties"].get("id")
        for key, value in feature["properties"].items():
            assert same(row[key], cell(value)), (key, row[key], value)


@pytest.mark.parametrize("layer", list(MAPS))
def test_pyogrio_reads_the_geopackage_layers_as_the_geojson_maps(lambert, layer):
    frame = pyogrio.read_dataframe(lambert / "diagnostic.gpkg", layer=layer)
    assert frame.crs.to_epsg() == 2154
    # 1e-6 m: the GeoJSON's 6-decimal coordinates projected by PROJ here and by the
    # core's proj4rs
    assert_layer_equals_geojson(frame, geojson(lambert, layer), lambert93=True, tolerance=1e-6)


def test_the_geopackage_in_the_bundles_crs_is_wgs84(wgs84):
    frame = pyogrio.read_dataframe(wgs84 / "diagnostic.gpkg", layer="zones")
    assert frame.crs.to_epsg() == 4326
    assert_layer_equals_geojson(frame, geojson(wgs84, "zones"), lambert93=False, tolerance=0.0)


def test_pyogrio_reads_every_table_as_its_csv(lambert):
    layers = {name for name, _ in pyogrio.list_layers(lambert / "diagnostic.gpkg")}
    assert layers == set(MAPS) | set(TABLES) | {"layer_styles"}
    import pandas

    for table in ["table_actors", "table_zones", "table_gaps", "table_dispositifs"]:
        frame = pyogrio.read_dataframe(lambert / "diagnostic.gpkg", layer=table, read_geometry=False)
        csv = pandas.read_csv(lambert / f"{table.removeprefix('table_')}.csv", dtype=str, keep_default_na=False)
        assert list(frame.columns) == list(csv.columns)
        assert len(frame) == len(csv)
        for column in csv.columns:
            for got, text in zip(frame[column], csv[column]):
                if text == "":
                    assert got is None or got != got, (table, column)
                elif isinstance(got, (bool,)) or type(got).__name__ == "bool_":
                    assert str(bool(got)).lower() == text, (table, column)
                elif isinstance(got, str):
                    assert got.lstrip("'") == text.lstrip("'"), (table, column)
                else:
                    assert float(got) == float(text), (table, column, got, text)
    actors = pyogrio.read_dataframe(lambert / "diagnostic.gpkg", layer="table_actors", read_geometry=False)
    assert actors["degree"].dtype.kind == "i"
    assert actors["betweenness"].dtype.kind == "f"
    assert actors["articulation_point"].dtype == bool


@needs_ogrinfo
def test_ogrinfo_reads_every_layer_and_its_style(lambert):
    path = str(lambert / "diagnostic.gpkg")
    summary = subprocess.run([OGRINFO, "-al", "-so", path], check=True, capture_output=True, text=True)
    assert "ERROR" not in summary.stderr and "Warning" not in summary.stderr, summary.stderr
    for layer in [*MAPS, *TABLES, "layer_styles"]:
        assert f"Layer name: {layer}\n" in summary.stdout
    assert "Geometry: Multi Polygon" in summary.stdout
    assert "Geometry: Point" in summary.stdout
    assert "Geometry: Line String" in summary.stdout
    assert 'ID["EPSG",2154]' in summary.stdout
    full = subprocess.run([OGRINFO, "-al", path], check=True, capture_output=True, text=True)
    assert "ERROR" not in full.stderr, full.stderr
    assert full.stdout.count("OGRFeature(layer_styles)") == 3
    for layer in MAPS:
        assert f"  f_table_name (String) = {layer}\n" in full.stdout
    assert "  useAsDefault (Integer(Boolean)) = 1\n" in full.stdout
    assert "POINT (" in full.stdout and "LINESTRING (" in full.stdout and "MULTIPOLYGON (((" in full.stdout


def qml_rules(path: Path, layer: str) -> list[dict]:
    import sqlite3

    with sqlite3.connect(path) as db:
        (qml,) = db.execute(
            "SELECT styleQML FROM layer_styles WHERE f_table_name = ? AND useAsDefault", (layer,)
        ).fetchone()
    root = ET.fromstring(qml.split("\n", 1)[1])  # after the DOCTYPE line
    assert root.tag == "qgis"
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "RuleRenderer"
    symbols = {s.get("name"): s for s in renderer.find("symbols")}
    rules = []
    for rule in renderer.find("rules"):
        symbol = symbols[rule.get("symbol")]
        option = symbol.find("layer/Option")
        colours = {o.get("name"): o.get("value") for o in option}
        rgb = colours.get("color") or colours.get("line_color")
        rules.append({"label": rule.get("label"), "filter": rule.get("filter"), "rgb": rgb})
    return rules


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return ",".join(str(int(h[i:i + 2], 16)) for i in (0, 2, 4)) + ",255"


def test_the_stored_qml_names_the_classes_of_the_report(lambert):
    rules = qml_rules(lambert / "diagnostic.gpkg", "zones")
    legend = geojson(lambert, "zones")["legend"]
    report = (lambert / "report.html").read_text(encoding="utf-8")
    classes = rules[:-1]
    assert len(classes) == len(legend["classes"]) >= 3
    for rule, klass in zip(classes, legend["classes"]):
        assert rule["rgb"] == rgb(klass["color"])
        # the report's legend names each class with the same words
        assert f"<span>{rule['label']}</span>" in report, rule["label"]
        assert legend["property"] in rule["filter"]
    assert rules[-1] == {"label": "non renseigné", "filter": "ELSE", "rgb": rgb(legend["missing"])}
    for layer in ("actors", "ties"):
        rules = qml_rules(lambert / "diagnostic.gpkg", layer)
        items = geojson(lambert, layer)["legend"]["items"]
        assert [r["label"] for r in rules] == [i["label"] for i in items]
        assert [r["rgb"] for r in rules] == [rgb(i["color"]) for i in items]


def test_the_zone_rules_colour_every_zone_as_the_map(lambert):
    """The filters of the rules, evaluated on each zone's value, give its fill."""
    rules = qml_rules(lambert / "diagnostic.gpkg", "zones")
    doc = geojson(lambert, "zones")
    prop = doc["legend"]["property"]
    for feature in doc["features"]:
        value = feature["properties"][prop]
        chosen = None
        for rule in rules:
            if rule["filter"] == "ELSE":
                chosen = chosen or rule
                break
            if value is None:
                continue
            clauses = [c.strip() for c in rule["filter"].split("AND")]
            ok = True
            for clause in clauses:
                _, op, bound = clause.split(" ", 2)
                ok &= value > float(bound) if op == ">" else value <= float(bound)
            if ok:
                chosen = rule
                break
        assert chosen["rgb"] == rgb(feature["properties"]["fill"]), feature["properties"]["id"]


@pytest.mark.parametrize("layer", list(MAPS))
def test_geopandas_reads_the_geoparquet_files_as_the_geojson_maps(wgs84, lambert, layer):
    frame = geopandas.read_parquet(wgs84 / f"{layer}.parquet")
    assert frame.crs.to_string() == "OGC:CRS84"  # no crs in the metadata: the default
    assert_layer_equals_geojson(frame, geojson(wgs84, layer), lambert93=False, tolerance=0.0)
    projected = geopandas.read_parquet(lambert / f"{layer}.parquet")
    assert projected.crs.to_epsg() == 2154
    assert_layer_equals_geojson(projected, geojson(lambert, layer), lambert93=True, tolerance=1e-6)
    import pyarrow.parquet

    geo = json.loads(pyarrow.parquet.read_schema(lambert / f"{layer}.parquet").metadata[b"geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB"
    assert column["geometry_types"] == [{"zones": "MultiPolygon", "actors": "Point", "ties": "LineString"}[layer]]
    assert column["crs"]["id"] == {"authority": "EPSG", "code": 2154}
    assert column["bbox"] == pytest.approx(list(projected.total_bounds))


def spatial_duckdb():
    """DuckDB with its spatial extension, loaded from the duckdb_extension_spatial
    wheel (the extension repository is not reached)."""
    duckdb = pytest.importorskip("duckdb")
    import duckdb_extension_spatial

    path = (Path(duckdb_extension_spatial.__file__).parent / "extensions" / f"v{duckdb.__version__}"
            / "spatial.duckdb_extension")
    db = duckdb.connect()
    db.execute(f"LOAD '{path}'")
    return db


def test_duckdb_spatial_reads_the_geoparquet_files(lambert):
    db = spatial_duckdb()
    zones = str(lambert / "zones.parquet")
    rows = db.execute(
        f"SELECT id, ST_Area(geometry), ST_GeometryType(geometry) FROM read_parquet('{zones}') ORDER BY id"
    ).fetchall()
    frame = geopandas.read_parquet(lambert / "zones.parquet").set_index("id")
    assert len(rows) == len(frame) == 24
    for zone, area, kind in rows:
        assert str(kind) == "MULTIPOLYGON"
        assert area == pytest.approx(frame.geometry[zone].area, rel=1e-12)
    # the zones of Lyon 7e add up to the arrondissement's 9.6 km²
    total = sum(area for _, area, _ in rows)
    assert 9.0e6 < total < 10.5e6
    actors = str(lambert / "actors.parquet")
    first = db.execute(
        f"SELECT id, ST_AsText(geometry), ST_X(geometry) FROM read_parquet('{actors}') LIMIT 1"
    ).fetchone()
    doc = geojson(lambert, "actors")["features"][0]
    assert first[0] == doc["properties"]["id"]
    assert first[1].startswith("POINT (")
    x, _ = TO_L93.transform(*doc["geometry"]["coordinates"])
    assert first[2] == pytest.approx(x, abs=1e-6)
    ties = str(lambert / "ties.parquet")
    (n, length) = db.execute(f"SELECT count(*), sum(ST_Length(geometry)) FROM read_parquet('{ties}')").fetchone()
    assert n == len(geojson(lambert, "ties")["features"])
    assert length > 0


def test_to_arrow_gives_the_layers_and_tables(lyon7, wgs84):
    d = lyon7.diagnose()
    zones = d.to_arrow("zones")
    assert zones.num_rows == 24
    assert json.loads(zones.schema.metadata[b"geo"])["columns"]["geometry"]["encoding"] == "WKB"
    frame = geopandas.GeoDataFrame.from_arrow(zones)
    assert frame.crs.to_string() == "OGC:CRS84"
    assert_layer_equals_geojson(frame, geojson(wgs84, "zones"), lambert93=False, tolerance=0.0)
    ties = d.to_arrow("ties", crs="EPSG:2154")
    assert geopandas.GeoDataFrame.from_arrow(ties).crs.to_epsg() == 2154
    gaps = d.to_arrow("table_gaps")
    import pandas

    csv = pandas.read_csv(wgs84 / "gaps.csv", dtype=str, keep_default_na=False)
    assert gaps.column_names == list(csv.columns)
    assert gaps.num_rows == len(csv)
    with pytest.raises(ValueError, match="table_gaps"):
        d.to_arrow("roads")
    with pytest.raises(ValueError, match="EPSG:2154"):
        d.to_arrow("zones", crs="EPSG:3857")


def test_a_bad_crs_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "maillage", "diagnose", str(LYON7), "--out", str(out),
                           "--format", "gpkg", "--crs", "EPSG:3857"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "EPSG:3857" in done.stderr
    assert not out.exists()


def test_the_outputs_are_byte_identical_from_run_to_run(lambert, tmp_path):
    run("diagnose", str(LYON7), "--out", str(tmp_path), "--format", "gpkg", "--format", "parquet",
        "--crs", "EPSG:2154", "--quiet")
    for name in ["diagnostic.gpkg", "zones.parquet", "actors.parquet", "ties.parquet"]:
        assert (tmp_path / name).read_bytes() == (lambert / name).read_bytes(), name
