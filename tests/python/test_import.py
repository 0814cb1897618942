"""The Python contract of ``maillage.import_file``: types, exceptions, and the FINESS
coordinates checked against pyproj."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

import maillage

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "import"
CEVENNES = ROOT / "data" / "cevennes" / "sources"
TERRITORY = ["30269", "30140", "30311", "30010", "30263", "30210"]


def communes_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "cevennes"
    report = maillage.import_file(
        "communes",
        CEVENNES / "communes_cevennes_candidats_15km.geojson",
        bundle,
        TERRITORY,
        population=CEVENNES / "population_communes.csv",
    )
    assert report["added"] == 6
    return bundle


def test_finess_import_returns_a_report_and_a_loadable_bundle(tmp_path: Path) -> None:
    bundle = communes_bundle(tmp_path)
    report = maillage.import_file(
        "finess", FIX / "finess" / "etalab-cs1100507-stock-extrait.csv", bundle, ",".join(TERRITORY)
    )
    assert isinstance(report, dict)
    assert report["source"] == "finess"
    assert report["date"] == "2025-01-15"
    assert report["added"] == report["imported"] == 14
    assert [c["code"] for c in report["unmapped"]] == ["202", "460"]
    assert all(isinstance(w, maillage.Problem) for w in report["warnings"])
    territory = maillage.load(bundle)
    kinds = {a["id"]: a["kind"] for a in territory.actors}
    assert kinds["finess:300016862"] == "cmp"
    assert kinds["finess:309990037"] == "msp"


def test_finess_coordinates_match_pyproj(tmp_path: Path) -> None:
    pyproj = pytest.importorskip("pyproj")
    bundle = tmp_path / "b"
    maillage.import_file(
        "finess", FIX / "finess" / "etalab-cs1100507-stock-extrait.csv", bundle, TERRITORY + ["01451"]
    )
    to_wgs84 = pyproj.Transformer.from_crs(2154, 4326, always_xy=True)
    raw = {}
    with open(FIX / "finess" / "etalab-cs1100507-stock-extrait.csv", encoding="cp1252") as f:
        for row in csv.reader(f, delimiter=";"):
            if row[0] == "geolocalisation" and ("2154" in row[4] or "LAMBERT_93" in row[4]):
                raw[row[1]] = to_wgs84.transform(float(row[2]), float(row[3]))
    with open(bundle / "actors.csv", encoding="utf-8") as f:
        actors = {r["id"]: r for r in csv.DictReader(f)}
    checked = 0
    for number, (lon, lat) in raw.items():
        actor = actors.get(f"finess:{number}")
        if actor is None or not actor["x"]:
            continue
        assert abs(float(actor["x"]) - lon) < 1e-6, number
        assert abs(float(actor["y"]) - lat) < 1e-6, number
        checked += 1
    assert checked >= 12


def test_reimport_keeps_relations_and_marks_vanished(tmp_path: Path) -> None:
    bundle = communes_bundle(tmp_path)
    maillage.import_file("finess", FIX / "finess" / "etalab-cs1100507-stock-extrait.csv", bundle, TERRITORY)
    relations = "source,target,kind,weight,themes,since,until\nfiness:309990052,finess:309990011,partner,,,,\n"
    (bundle / "relations.csv").write_text(relations, encoding="utf-8")
    report = maillage.import_file(
        "finess",
        FIX / "finess" / "etalab-cs1100507-stock-extrait-2026.csv",
        bundle,
        TERRITORY,
        date=datetime.date(2026, 2, 1),
    )
    assert (report["added"], report["vanished"]) == (1, 1)
    assert (bundle / "relations.csv").read_text(encoding="utf-8") == relations
    territory = maillage.load(bundle)
    vanished = [a for a in territory.actors if a["id"] == "finess:309990052"][0]
    assert vanished["attributes"]["import_status"] == "vanished"
    assert vanished["attributes"]["import_vanished"] == "2026-02-01"


def test_rpps_attaches_professionals_to_their_commune(tmp_path: Path) -> None:
    bundle = communes_bundle(tmp_path)
    report = maillage.import_file(
        "rpps", FIX / "rpps" / "PS_LibreAcces_Personne_activite_extrait.txt", bundle, "communes"
    )
    assert report["placed_at_commune"] == report["imported"] > 0
    assert maillage.load(bundle).actors


def test_bad_input_raises_bundle_error_with_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "ps.txt"
    bad.write_text("Identifiant PP|Nom\n1|X\n", encoding="utf-8")
    with pytest.raises(maillage.BundleError) as info:
        maillage.import_file("rpps", bad, tmp_path / "b", TERRITORY)
    assert len(info.value.errors) >= 4
    assert all(p.line == 1 for p in info.value.errors)


def test_unknown_source_or_territory_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="n’est pas un nom de source connu"):
        maillage.import_file("sae", tmp_path / "x", tmp_path / "b", TERRITORY)
    with pytest.raises(ValueError, match="couche"):
        maillage.import_file("finess", tmp_path / "x", tmp_path / "b", "nowhere")
