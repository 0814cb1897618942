"""`Territory.diagnose()` gives the core's `Diagnosis` as plain Python objects."""

from __future__ import annotations

import json

import maillage
from conftest import BUNDLES


def test_summary_of_lyon7(lyon7):
    d = lyon7.diagnose()
    assert isinstance(d, dict)
    summary = d["summary"]
    assert summary["actors"] == 206
    assert summary["territory"] == "Lyon 7e arrondissement"
    assert summary["date"] == "2024-06-30"
    assert summary["relations_total"] == 535
    assert d["coverage"]["layer"] == "iris"
    assert len(d["coverage"]["zones"]) == 24


def test_values_have_json_types(lyon7):
    d = lyon7.diagnose()
    summary = d["summary"]
    for key in ["actors", "located_actors", "relations", "edges", "components"]:
        assert isinstance(summary[key], int) and not isinstance(summary[key], bool), key
    assert isinstance(summary["density"], float)
    assert all(isinstance(k, str) and isinstance(n, int) for k, n in summary["actors_by_sector"].items())
    assert sum(summary["actors_by_sector"].values()) == 206
    (iris,) = [layer for layer in lyon7.layers if layer["name"] == "iris"]
    assert [z["id"] for z in d["coverage"]["zones"]] == [z["id"] for z in iris["zones"]]
    for z in d["coverage"]["zones"]:
        assert isinstance(z["priority"], bool)
        assert isinstance(z["count_by_kind"], dict)
        assert sum(z["count_by_kind"].values()) == z["actors"]


def test_is_json_serialisable_and_round_trips(lyon7):
    d = lyon7.diagnose()
    assert json.loads(json.dumps(d, allow_nan=False)) == d


def test_each_call_gives_a_new_equal_dict(lyon7):
    first, second = lyon7.diagnose(), lyon7.diagnose()
    assert first == second and first is not second


def test_zones_of_the_minimal_bundle_in_file_order():
    d = maillage.load(BUNDLES / "valid" / "minimal").diagnose()
    assert d["summary"]["actors"] == 12
    assert [z["id"] for z in d["coverage"]["zones"]] == ["Q1", "Q2", "Q3"]
