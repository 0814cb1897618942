"""Needs raised from a zone indicator by `[[needs_from_indicators]]` (docs/bundle.md)
reach the Python side: the needs frame marks them, the need gaps too, and
``from_frames`` leaves them out of needs.csv, the rule raising them again.

On a copy of data/lyon7, whose IRIS layer declares its real unemployment rate `tchom`
(7.34 to 22.3 %); the zones above 15 % are read here from the GeoJSON file."""

from __future__ import annotations

import json
import shutil

import pandas

import maillage

RULE = """
[[needs_from_indicators]]
indicator = "tchom"
above = 15
theme = "insertion"
level = 2
"""


def bundle_with_rule(repo_root, tmp_path):
    bundle = tmp_path / "lyon7"
    shutil.copytree(repo_root / "data" / "lyon7", bundle)
    manifest = bundle / "territory.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + RULE, encoding="utf-8")
    return bundle


def above_15(repo_root):
    features = json.loads((repo_root / "data/lyon7/zones/iris.geojson").read_text())["features"]
    return [f"iris:{f['properties']['id']}" for f in features if f["properties"]["tchom"] > 15]


def test_the_needs_frame_marks_the_raised_needs(repo_root, tmp_path) -> None:
    t = maillage.load(bundle_with_rule(repo_root, tmp_path))
    needs = pandas.DataFrame(t.needs)
    raised = needs[needs["raised"]]
    assert list(raised["zone"]) == above_15(repo_root)
    assert len(raised) == 7
    assert set(raised["theme"]) == {"insertion"} and set(raised["level"]) == {2}
    assert set(raised["source"]) == {"indicateur tchom > 15 %"}
    plain = maillage.load(repo_root / "data" / "lyon7")
    assert not any(n["raised"] for n in plain.needs)
    assert len(needs[~needs["raised"]]) == len(plain.needs)

    gaps = t.gaps()["needs"]
    assert [g["zone"] for g in gaps if g["raised"]] == above_15(repo_root)
    assert all(g["status"] == "uncovered" for g in gaps if g["raised"])


def test_from_frames_leaves_the_raised_needs_to_the_rule(repo_root, tmp_path) -> None:
    bundle = bundle_with_rule(repo_root, tmp_path)
    t = maillage.load(bundle)
    needs = pandas.DataFrame(t.needs).drop(columns=["attributes"])
    rebuilt = maillage.Territory.from_frames(
        pandas.read_csv(bundle / "actors.csv", dtype=str, keep_default_na=False),
        pandas.read_csv(bundle / "relations.csv", dtype=str, keep_default_na=False),
        needs=needs,
        layers={"iris": json.loads((bundle / "zones/iris.geojson").read_text()),
                "qpv": json.loads((bundle / "zones/qpv.geojson").read_text()),
                "arrondissement": json.loads((bundle / "zones/arrondissement.geojson").read_text())},
        manifest=(bundle / "territory.toml").read_text(encoding="utf-8"),
    )
    # no duplicate, and the raised ones still marked
    assert [(n["zone"], n["theme"], n["raised"]) for n in rebuilt.needs] == [
        (n["zone"], n["theme"], n["raised"]) for n in t.needs
    ]
