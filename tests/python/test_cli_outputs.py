"""The `maillage` command's outputs as an analyst opens them: zones.geojson read back
with geopandas."""

import json
import os
import subprocess

import pytest

geopandas = pytest.importorskip("geopandas")


@pytest.fixture(scope="module")
def diagnosed(tmp_path_factory, repo_root):
    out = tmp_path_factory.mktemp("out")
    subprocess.run(
        ["cargo", "run", "--quiet", "--locked", "-p", "maillage-cli", "--",
         "diagnose", "data/lyon7", "--out", str(out), "--quiet"],
        cwd=repo_root, check=True, env={**os.environ, "CARGO_TERM_COLOR": "never"},
    )
    return out


def test_zones_geojson_reads_in_geopandas_with_one_row_per_iris(diagnosed, repo_root):
    zones = geopandas.read_file(diagnosed / "zones.geojson")
    assert len(zones) == 24
    assert zones.crs.to_epsg() == 4326
    source = geopandas.read_file(repo_root / "data" / "lyon7" / "zones" / "iris.geojson")
    assert zones["population"].sum() == pytest.approx(source["p12_pop"].sum(), abs=1e-6)
    # INSEE RP 2012 population of the 24 IRIS of Lyon 7e (data/lyon7/README.md)
    assert zones["population"].sum() == pytest.approx(75_746, abs=0.5)
    assert sorted(zones["id"]) == sorted(source["id"].astype(str))
    assert zones.geometry.is_valid.all()
    # every zone keeps its area through rounding to 6 decimals (each vertex moves by at
    # most ~0.08 m) and reorientation: within 1e-3 for zones of a few hectares or more
    merged = zones.set_index("id").geometry.to_crs(2154).area
    original = source.assign(id=source["id"].astype(str)).set_index("id").geometry.to_crs(2154).area
    relative = (merged - original.loc[merged.index]).abs() / original.loc[merged.index]
    assert relative.max() < 1e-3
    # the outlines differ at most by a band of 0.1 m along their boundary
    drift = zones.geometry.to_crs(2154).symmetric_difference(source.geometry.to_crs(2154)).area
    assert (drift <= 0.1 * source.geometry.to_crs(2154).length).all()


def test_zones_geojson_counts_are_numbers_and_add_up(diagnosed):
    zones = geopandas.read_file(diagnosed / "zones.geojson")
    sectors = [c for c in zones.columns if c.startswith("count_") and c[6:] in {
        "ambulatory", "hospital", "medico_social", "social", "associative",
        "institution", "education", "coordination", "population"}]
    assert len(sectors) == 9
    assert (zones[sectors].sum(axis=1) == zones["actors"]).all()
    assert zones["count_medecin_generaliste"].dtype.kind == "i"
    assert zones["priority"].dtype == bool and zones["priority"].sum() == 1


def test_zones_geojson_carries_its_legend(diagnosed):
    doc = json.loads((diagnosed / "zones.geojson").read_text(encoding="utf-8"))
    assert "crs" not in doc
    legend = doc["legend"]
    assert legend["property"] == "access_medecin_generaliste"  # the default: access of the first required kind
    assert all(c["color"].startswith("#") for c in legend["classes"])
