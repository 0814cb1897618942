"""Zone indicators declared in the manifest reach the Python side: the layers' dicts
and the zones frame of a diagnosis (zones.geojson, the zones table).

data/lyon7 declares `tchom` of its IRIS layer, an unemployment rate kept from the
layer's public source (data/lyon7/README.md)."""

from __future__ import annotations

import io
import json
import math

import pandas
import pytest


def test_the_layers_hold_the_declarations_and_values(lyon7) -> None:
    iris = next(layer for layer in lyon7.layers if layer["name"] == "iris")
    assert iris["indicators"] == [
        {"property": "tchom", "label": "Taux de chômage", "unit": "%", "better": "lower"}
    ]
    for zone in iris["zones"]:
        assert zone["indicators"] == {"tchom": zone["properties"]["tchom"]}
    qpv = next(layer for layer in lyon7.layers if layer["name"] == "qpv")
    assert qpv["indicators"] == []
    assert all(zone["indicators"] == {} for zone in qpv["zones"])


def test_the_zones_frame_carries_the_indicators(lyon7, repo_root) -> None:
    diagnosis = lyon7.diagnose()
    expected = {
        f["properties"]["id"]: f["properties"]["tchom"]
        for f in json.loads((repo_root / "data/lyon7/zones/iris.geojson").read_text())["features"]
    }
    zones = diagnosis.to_geopandas("zones")
    assert "tchom" in zones.columns
    assert zones["tchom"].to_dict() == expected
    # the map coloured by it, its label as the legend's title
    coloured = diagnosis.to_geojson("zones", indicator="tchom")
    assert coloured["legend"]["title"] == "Taux de chômage (%)"
    # the zones table, its last column
    table = pandas.read_csv(io.StringIO(diagnosis.render("zones.csv")), dtype={"id": str}).set_index("id")
    assert list(table.columns)[-1] == "tchom"
    assert all(math.isclose(table.loc[k, "tchom"], v) for k, v in expected.items())


def test_an_undeclared_property_is_not_an_indicator(lyon7) -> None:
    diagnosis = lyon7.diagnose()
    with pytest.raises(ValueError, match="libiris"):
        diagnosis.to_geojson("zones", indicator="libiris")
