"""The local addok used by the online geocoding tests answers /search/csv/ on real BAN rows.

The server is Debian's redis-server plus addok 1.2.1 with addok-fr, addok-france and
addok-csv from ``.venv-addok`` (``scripts/addok_install.sh``), loaded with the BAN-format
fixtures of ``tests/geocode/ban/`` (BANO 2015 points of Lozère, BAN 2022 of
Mont-Bonvillers). The addresses below are real: health sites of Lozère as their own files
write them, and a few BAN addresses.
"""

from __future__ import annotations

import csv
import io
import math
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from addok_server import (  # noqa: E402
    addok_fixture,
    ban_to_addok,
    read_ban,
    rows_to_csv,
    search_csv,
)

GEOCODE = Path(__file__).resolve().parents[1] / "geocode"
BAN_FILES = sorted((GEOCODE / "ban").glob("*.csv"))
RESULT_COLUMNS = ["latitude", "longitude", "result_label", "result_score", "result_type",
                  "result_id", "result_housenumber", "result_citycode"]


def distance_m(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(a))


addok = addok_fixture(BAN_FILES)


def test_ban_rows_become_streets_with_their_housenumbers():
    docs = ban_to_addok(read_ban(GEOCODE / "ban" / "adresses-54084-ban2022.csv"))
    by_type = {}
    for doc in docs:
        by_type.setdefault(doc["type"], []).append(doc)
    assert len(by_type["municipality"]) == 1
    commune = by_type["municipality"][0]
    assert (commune["id"], commune["name"], commune["postcode"]) == (
        "54084", "Mont-Bonvillers", ["54111"])
    joffre = next(d for d in by_type["street"] if d["name"] == "Rue Joffre")
    assert joffre["id"] == "54084_0200"
    assert joffre["citycode"] == "54084" and joffre["postcode"] == "54111"
    assert joffre["housenumbers"]["1"] == {
        "id": "54084_0200_00001", "lon": 5.833622, "lat": 49.322203,
        "x": 906010.92, "y": 6917321.29}
    # Every BAN row is one house number of one street.
    assert sum(len(d.get("housenumbers", {})) for d in by_type["street"]) == 486


def test_bano_suffixes_are_kept_as_ban_writes_them():
    docs = ban_to_addok(read_ban(GEOCODE / "ban" / "adresses-48-bano2015.csv"))
    tuilerie = next(d for d in docs if d["type"] == "street"
                    and d["name"] == "Route de la Tuilerie" and d["citycode"] == "48080")
    assert "24 bis" in tuilerie["housenumbers"]
    assert tuilerie["housenumbers"]["24 bis"]["id"] == "48080_0629_00024_bis"


def test_search_csv_answers_real_addresses(addok):
    queries = [
        # Health sites of Lozère, as the COVID files wrote them, with their own points.
        {"address": "24 bis Route de la Tuilerie", "postcode": "48300", "commune": "Langogne",
         "citycode": "", "want": ("24 bis", "48080", 3.84068, 44.7253, 100)},
        {"address": "1 ALL PIENCOURT", "postcode": "48000", "commune": "MENDE",
         "citycode": "", "want": ("1", "48095", 3.50189011592479, 44.518348714788, 30)},
        {"address": "27 Boulevard Guerin d'Apcher", "postcode": "48200",
         "commune": "Saint-Chély-d'Apcher", "citycode": "",
         "want": ("27", "48140", 3.27037, 44.8029, 100)},
        {"address": "53 Avenue du 8 Mai 1945", "postcode": "48000", "commune": "Mende",
         "citycode": "", "want": ("53", "48095", 3.49051, 44.5225, 30)},
        # BAN 2022 of Mont-Bonvillers, by INSEE code only.
        {"address": "2 rue Joffre", "postcode": "", "commune": "", "citycode": "54084",
         "want": ("2", "54084", 5.833891, 49.322171, 1)},
    ]
    data = rows_to_csv(queries, ["address", "postcode", "commune", "citycode"])
    t0 = time.perf_counter()
    rows = search_csv(addok.url, data, columns=["address", "postcode", "commune"],
                      citycode="citycode")
    assert time.perf_counter() - t0 < 10
    assert len(rows) == len(queries)
    for query, row in zip(queries, rows):
        for column in RESULT_COLUMNS:
            assert column in row, (column, row)
        housenumber, citycode, lon, lat, tolerance = query["want"]
        assert row["address"] == query["address"]
        assert row["result_type"] == "housenumber", row
        assert row["result_housenumber"] == housenumber, row
        assert row["result_citycode"] == citycode, row
        assert 0.5 < float(row["result_score"]) <= 1
        assert housenumber in row["result_label"]
        assert distance_m(lon, lat, row["longitude"], row["latitude"]) < tolerance, row


def test_citycode_filter_picks_the_commune(addok):
    # "2 Avenue de la Gare" exists in five communes of the fixture.
    queries = [{"address": "2 Avenue de la Gare", "citycode": code}
               for code in ("48009", "48095", "48140", "48198")]
    rows = search_csv(addok.url, rows_to_csv(queries, ["address", "citycode"]),
                      columns=["address"], citycode="citycode")
    assert [r["result_citycode"] for r in rows] == ["48009", "48095", "48140", "48198"]
    assert [r["result_id"] for r in rows] == [
        "48009_0010_00002", "48095_0630_00002", "48140_0500_00002", "48198_0060_00002"]


def test_unknown_commune_name_gives_no_answer_not_a_wrong_one(addok):
    # Florac became Florac Trois Rivières in 2016; the 2015 BANO rows only know "Florac".
    rows = search_csv(addok.url, rows_to_csv(
        [{"address": "4 Place de l'Ancienne Gare", "postcode": "48400",
          "commune": "Florac Trois Rivières"}], ["address", "postcode", "commune"]),
        columns=["address", "postcode", "commune"])
    assert rows[0]["result_type"] in ("", "housenumber", "street")
    if rows[0]["result_type"]:
        assert rows[0]["result_citycode"] == "48061"


def test_all_test_addresses_go_through_addok(addok):
    """The ~400 addresses of tests/geocode/queries.csv: mostly found at their number."""
    t0 = time.perf_counter()
    rows = search_csv(addok.url, (GEOCODE / "queries.csv").read_bytes(),
                      columns=["address", "postcode", "commune"], citycode="citycode")
    elapsed = time.perf_counter() - t0
    with open(GEOCODE / "queries.csv", encoding="utf-8", newline="") as f:
        queries = list(csv.DictReader(f, delimiter=";"))
    assert [r["id"] for r in rows] == [q["id"] for q in queries]
    bano = [r for r in rows if r["oracle"] == "bano2015_point"]
    at_number = [r for r in bano if r["result_type"] == "housenumber"]
    assert len(at_number) >= 0.95 * len(bano)
    dists = sorted(distance_m(r["expected_lon"], r["expected_lat"], r["longitude"],
                              r["latitude"]) for r in at_number)
    assert dists[len(dists) // 2] < 1.0  # the BANO point is the indexed point
    assert elapsed < 30
    print(f"\naddok: {len(rows)} queries in {elapsed:.1f} s; "
          f"start (redis, import, ngrams, serve) {addok.timings['start']:.1f} s")
