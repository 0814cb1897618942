"""Access with a cost table (docs/bundle.md, "Travel costs") against PySAL ``access``.

The cost tables here are **derived, not routed**: minutes are the haversine metres
between a zone's anchor point and an actor (or another zone's anchor) divided by a
speed, with some pairs left out (out of reach) and some rows naming a zone (every
supplier placed in it) instead of an actor, as a commune-to-commune matrix does. They
exercise the reader and the use of the table, not a road network.

``crates/maillage/examples/access_fixture.rs`` reads the table with
``maillage::bundle::read_cost_table`` and prints, for each decay (none, the APL's steps,
a Gaussian, user steps), the access ``zone_coverage`` reports. PySAL's
``two_stage_fca`` and ``enhanced_two_stage_fca`` get the same demand, supply and the
table's costs, expanded here the way the format says (an actor's own row wins over its
zone's row; a pair absent is out of reach), with ``max_cost`` the catchment, and must
agree to 1e-9 per 10,000 inhabitants on Lyon 7e, the synthetic grid of
``test_access_pysal.py`` and a generated L territory (5,022 zones, 50,000 actors).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from conftest import LYON7, REPO_ROOT
from test_access_pysal import R, TOLERANCE, weight_function, write_synthetic_bundle

pd = pytest.importorskip("pandas")
access = pytest.importorskip("access", reason="PySAL access is not installed (pip install access)")

pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword:Warning")


def fixture_with_costs(bundle: Path, costs: Path | None) -> dict:
    args = [str(bundle)] + ([str(costs)] if costs else [])
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "maillage", "--example", "access_fixture", "--", *args],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ},
    ).stdout
    return json.loads(out)


def haversine_matrix(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Metres between every point of the first set (rows) and of the second."""
    p1, p2 = np.radians(lat1)[:, None], np.radians(lat2)[None, :]
    dphi = p2 - p1
    dlambda = np.radians(lon2)[None, :] - np.radians(lon1)[:, None]
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlambda / 2) ** 2
    return 2 * R * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def write_derived_costs(
    fixture: dict, path: Path, metres_per_minute: float, keep_within: float, seed: int = 5
) -> None:
    """A cost table from straight-line metres / a speed (derived, not routed): a row per
    (zone, supplier) within `keep_within` minutes, 10 % of them left out; for a third of
    the (zone, zone) pairs within reach, a row naming the zone; `;` and decimal commas."""
    rng = np.random.default_rng(seed)
    zones = fixture["zones"]
    suppliers = {s["id"]: s for k in fixture["kinds"] for s in k["suppliers"]}
    zlon = np.array([z["lon"] for z in zones])
    zlat = np.array([z["lat"] for z in zones])
    ids = list(suppliers)
    slon = np.array([suppliers[i]["lon"] for i in ids])
    slat = np.array([suppliers[i]["lat"] for i in ids])
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, delimiter=";")
        out.writerow(["origin", "destination", "minutes"])
        for start in range(0, len(zones), 256):
            block = slice(start, start + 256)
            minutes = haversine_matrix(zlon[block], zlat[block], slon, slat) / metres_per_minute
            between = haversine_matrix(zlon[block], zlat[block], zlon, zlat) / metres_per_minute
            for row in range(minutes.shape[0]):
                z = zones[start + row]["id"]
                for j in np.flatnonzero(minutes[row] <= keep_within):
                    if rng.random() >= 0.1:
                        out.writerow([z, ids[j], repr(float(minutes[row, j])).replace(".", ",")])
                for j in np.flatnonzero(between[row] <= keep_within):
                    if rng.random() < 1 / 3:
                        out.writerow([z, zones[j]["id"], repr(float(between[row, j])).replace(".", ",")])


def read_rows(path: Path) -> dict:
    """The table's rows, as {(origin, destination): minutes}."""
    table = pd.read_csv(path, sep=";", decimal=",", dtype={"origin": str, "destination": str})
    rows = dict(zip(zip(table["origin"], table["destination"]), table["minutes"]))
    return rows


def expanded_costs(rows: dict, suppliers: list) -> pd.DataFrame:
    """Every (zone, supplier) pair the table gives: the supplier's own row, else the row
    of the zone it is placed in; absent pairs left out."""
    ids = {s["id"] for s in suppliers}
    by_zone: dict[str, list[str]] = {}
    for s in suppliers:
        if s["zone"] is not None:
            by_zone.setdefault(s["zone"], []).append(s["id"])
    pairs = {(o, d): c for (o, d), c in rows.items() if d in ids}
    for (o, d), c in rows.items():
        for s in by_zone.get(d, ()):
            pairs.setdefault((o, s), c)
    return pd.DataFrame.from_records(
        [(o, s, float(c)) for (o, s), c in pairs.items()], columns=["origin", "dest", "cost"]
    )


def pysal_access(zones, suppliers, cost: pd.DataFrame, catchment: float, decay) -> np.ndarray:
    demand = pd.DataFrame({"geoid": [z["id"] for z in zones], "pop": [z["population"] for z in zones]})
    supply = pd.DataFrame({"geoid": [s["id"] for s in suppliers], "supply": [s["supply"] for s in suppliers]})
    model = access.Access(
        demand_df=demand,
        demand_index="geoid",
        demand_value="pop",
        supply_df=supply,
        supply_index="geoid",
        supply_value="supply",
        cost_df=cost,
        cost_origin="origin",
        cost_dest="dest",
        cost_name="cost",
    )
    if decay is None:
        result = model.two_stage_fca(name="a", max_cost=catchment)["a_supply"]
    else:
        result = model.enhanced_two_stage_fca(name="a", max_cost=catchment, weight_fn=weight_function(decay))[
            "a_supply"
        ]
    return result.reindex([z["id"] for z in zones]).to_numpy(dtype=float)


def check_costs_against_pysal(fixture: dict, costs: Path) -> dict[str, float]:
    zones = fixture["zones"]
    rows = read_rows(costs)
    runs = fixture["cost_runs"]
    assert [r["costs"]["decay"] is None for r in runs] == [True, False, False, False]
    assert runs[1]["costs"]["decay"]["bands"] == [
        {"upper": 10.0, "weight": 1.0},
        {"upper": 15.0, "weight": 2 / 3},
        {"upper": 20.0, "weight": 1 / 3},
    ]
    deviations: dict[str, float] = {}
    compared = 0
    for kind in fixture["kinds"]:
        cost = expanded_costs(rows, kind["suppliers"])
        for run in runs:
            catchment = run["costs"]["catchment"]
            assert catchment == 20.0 and run["costs"]["unit"] == "minutes"
            table = run["access"] if kind["acceptance"] == "any" else run["access_accepting"]
            ours = np.array(table[kind["kind"]]) / 1e4
            expected = pysal_access(zones, kind["suppliers"], cost, catchment, run["costs"]["decay"])
            finite = np.isfinite(expected)
            assert finite.sum() > len(zones) // 2, (kind["kind"], "too few zones in reach")
            deviation = float(np.max(np.abs(ours[finite] - expected[finite]) * 1e4, initial=0.0))
            name = "2sfca" if run["costs"]["decay"] is None else run["costs"]["decay"]["type"]
            assert deviation <= TOLERANCE, (kind["kind"], kind["acceptance"], name, deviation)
            # where PySAL has no value (no supplier in reach, or one with no demand): 0 or finite here
            assert np.all(np.isfinite(ours))
            deviations[name] = max(deviations.get(name, 0.0), deviation)
            compared += 1
    assert compared >= 4
    return deviations


def test_lyon7_access_with_a_cost_table_equals_pysal(tmp_path):
    plain = fixture_with_costs(LYON7, None)
    costs = tmp_path / "costs.csv"
    # 15 km/h: the APL's 10, 15 and 20 minutes are 2.5, 3.75 and 5 km across Lyon 7e
    write_derived_costs(plain, costs, metres_per_minute=250.0, keep_within=30.0)
    fixture = fixture_with_costs(LYON7, costs)
    print("lyon7 with costs, max deviation per 10,000:", check_costs_against_pysal(fixture, costs))
    # the table changes access: a pair beyond 20 minutes, or left out, is out of reach
    gps = next(k for k in plain["kinds"] if k["kind"] == "medecin_generaliste" and k["acceptance"] == "any")
    assert fixture["cost_runs"][0]["access"]["medecin_generaliste"] != gps["coverage_access"]


def test_synthetic_grid_access_with_a_cost_table_equals_pysal(tmp_path):
    bundle = tmp_path / "synthetic"
    write_synthetic_bundle(bundle)
    plain = fixture_with_costs(bundle, None)
    costs = tmp_path / "costs.csv"
    write_derived_costs(plain, costs, metres_per_minute=100.0, keep_within=25.0)
    fixture = fixture_with_costs(bundle, costs)
    print("synthetic grid with costs, max deviation per 10,000:", check_costs_against_pysal(fixture, costs))


def test_generated_l_territory_access_with_a_cost_table_equals_pysal(tmp_path):
    bundle = tmp_path / "L"
    started = time.perf_counter()
    subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "maillage-cli", "--", "generate", "--size", "L", "-q", "--out", str(bundle)],
        cwd=REPO_ROOT,
        check=True,
        env={**os.environ},
    )
    plain = fixture_with_costs(bundle, None)
    assert len(plain["zones"]) > 5000
    costs = tmp_path / "costs.csv"
    # 12 km/h: 20 minutes is 4 km
    write_derived_costs(plain, costs, metres_per_minute=200.0, keep_within=22.0)
    fixture = fixture_with_costs(bundle, costs)
    made = time.perf_counter() - started
    deviations = check_costs_against_pysal(fixture, costs)
    print(f"L with costs ({made:.1f} s to make, {time.perf_counter() - started:.1f} s in all):", deviations)
