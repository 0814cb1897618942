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

On L the demand is **by age**: the test's copy of the coverage layer gets synthetic
census counts (each zone's population split at random, seeded, into INSEE's bands
``P21_POP0014`` … ``P21_POP75P``; one zone in 50 without its 75+ count) and
``[layers.iris.demand]`` with the DREES's 2023 weights. The weighted demand is computed
here from ``crates/maillage/data/apl/drees_apl_mg_poids_age_2022_2023.csv`` and the
rules of docs/bundle.md ("Demand by age": a coarse band weighs the plain mean of the
five-year weights it covers; a zone missing a band, its population × the layer's mean
weight), checked against the demand the fixture reports, and given to PySAL.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

from conftest import LYON7, REPO_ROOT
from test_access_pysal import R, TOLERANCE, pysal_model, weight_function, write_synthetic_bundle

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


def pysal_access(zones, suppliers, cost: pd.DataFrame, catchment: float, decay, demand=None) -> np.ndarray:
    """PySAL's access per zone; `demand` (by zone id) replaces the population when given."""
    values = [z["population"] if demand is None else demand[z["id"]] for z in zones]
    model = pysal_model([z["id"] for z in zones], values, suppliers, cost)
    if decay is None:
        result = model.two_stage_fca(name="a", max_cost=catchment)["a_supply"]
    else:
        result = model.enhanced_two_stage_fca(name="a", max_cost=catchment, weight_fn=weight_function(decay))[
            "a_supply"
        ]
    return result.reindex([z["id"] for z in zones]).to_numpy(dtype=float)


def check_costs_against_pysal(fixture: dict, costs: Path, demand: dict[str, float] | None = None) -> dict[str, float]:
    """Our access per decay against PySAL's on the table's costs, with the population
    as demand, or `demand` (by zone id) computed apart."""
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
            expected = pysal_access(zones, kind["suppliers"], cost, catchment, run["costs"]["decay"], demand)
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


# The DREES's APL weights for GPs by five-year band (crates/maillage/data/apl/, from the
# DREES's published method; docs/bundle.md "Demand by age").
APL_WEIGHTS = REPO_ROOT / "crates" / "maillage" / "data" / "apl" / "drees_apl_mg_poids_age_2022_2023.csv"
# INSEE census columns by age band (RP, "P21_POP0014" = aged 0 to 14, "P21_POP75P" = 75
# and over): the coarse bands of the census by IRIS.
CENSUS_BANDS = {
    "P21_POP0014": (0, 14),
    "P21_POP1529": (15, 29),
    "P21_POP3044": (30, 44),
    "P21_POP4559": (45, 59),
    "P21_POP6074": (60, 74),
    "P21_POP75P": (75, None),
}


def apl_weights(year: int) -> list[tuple[int, int | None, float]]:
    """The published weights: (first age, last age or None for "and over", weight),
    read from the labels "Moins de 5 ans", "de 5 à 9 ans", "Plus de 90 ans"."""
    bands = []
    with APL_WEIGHTS.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    column = next(i for i, name in enumerate(rows[0]) if name.endswith(str(year)))
    for row in rows[1:]:
        label, ages = row[0], [int(n) for n in re.findall(r"\d+", row[0])]
        if label.startswith("Moins de"):
            first, last = 0, ages[0] - 1
        elif label.startswith("Plus de"):
            first, last = ages[0], None
        else:
            first, last = ages
        bands.append((first, last, float(row[column])))
    assert len(bands) == 19 and bands[0][:2] == (0, 4) and bands[-1][:2] == (90, None)
    return bands


def coarse_band_weight(first: int, last: int | None, weights) -> float:
    """docs/bundle.md "Weights of a part": the plain mean of the weights of the
    five-year bands a coarse band covers (it starts and ends on their bounds)."""
    covered = [(a, b, w) for a, b, w in weights if a >= first and (last is None or (b is not None and b <= last))]
    assert covered[0][0] == first and covered[-1][1] == last, (first, last)
    covered = [w for _, _, w in covered]
    return sum(covered) / len(covered)


def add_census_bands(bundle: Path, layer: str, seed: int, without: int) -> dict[str, float]:
    """Gives the layer's zones **synthetic** census counts: each zone's population split
    at random (seeded) into the INSEE bands, written into the test's copy of the layer's
    GeoJSON, `[layers.LAYER.demand]` declared with the DREES's 2023 weights, and one zone
    in `without` left without its 75+ count. Returns each zone's weighted demand,
    computed here from the published weights and the documented rules."""
    manifest = bundle / "territory.toml"
    settings = tomllib.loads(manifest.read_text(encoding="utf-8"))["layers"][layer]
    path = bundle / settings["file"]
    layer_json = json.loads(path.read_text(encoding="utf-8"))
    rng = np.random.default_rng(seed)
    weights = apl_weights(2023)
    band_weight = {name: coarse_band_weight(a, b, weights) for name, (a, b) in CENSUS_BANDS.items()}
    assert band_weight["P21_POP0014"] == pytest.approx((1.12 + 0.58 + 0.51) / 3, abs=1e-15)
    demand: dict[str, float] = {}
    estimated = []
    for i, feature in enumerate(layer_json["features"]):
        props = feature["properties"]
        population = props[settings["population"]]
        shares = rng.dirichlet([4.0, 4.0, 4.0, 4.0, 3.0, 2.0])
        counts = rng.multinomial(int(round(population)), shares)
        for name, count in zip(CENSUS_BANDS, counts):
            props[name] = int(count)
        zone = str(props[settings["id"]])
        if i % without == 0:
            del props["P21_POP75P"]  # as an IRIS the census leaves out
            estimated.append((zone, population))
        else:
            demand[zone] = math.fsum(props[name] * band_weight[name] for name in CENSUS_BANDS)
    # a zone missing a band: its population × the layer's mean weight (Σ weighted
    # demand / Σ population over the zones with every band and a population)
    complete = [
        (demand[str(f["properties"][settings["id"]])], f["properties"][settings["population"]])
        for f in layer_json["features"]
        if str(f["properties"][settings["id"]]) in demand and f["properties"][settings["population"]] is not None
    ]
    mean_weight = math.fsum(d for d, _ in complete) / math.fsum(p for _, p in complete)
    for zone, population in estimated:
        demand[zone] = population * mean_weight
    path.write_text(json.dumps(layer_json), encoding="utf-8")
    counts = ", ".join(f'"{name}"' for name in CENSUS_BANDS)
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + f'\n[layers.{layer}.demand]\ncounts = [{counts}]\nweights = "drees-apl-mg-2023"\n',
        encoding="utf-8",
    )
    return demand


def test_generated_l_territory_access_with_a_cost_table_equals_pysal(tmp_path):
    bundle = tmp_path / "L"
    started = time.perf_counter()
    subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "maillage-cli", "--", "generate", "--size", "L", "-q", "--out", str(bundle)],
        cwd=REPO_ROOT,
        check=True,
        env={**os.environ},
    )
    # demand by age: the coverage layer's population split into INSEE census bands
    # (synthetic counts), weighted by the DREES's APL weights; one zone in 50 without
    # its 75+ count
    demand = add_census_bands(bundle, "iris", seed=17, without=50)
    plain = fixture_with_costs(bundle, None)
    zones = plain["zones"]
    assert len(zones) > 5000 and len(demand) == len(zones)
    # the demand access divides by is the one computed here
    ours = np.array([z["demand"] for z in zones])
    expected = np.array([demand[z["id"]] for z in zones])
    assert np.max(np.abs(ours - expected) / np.maximum(expected, 1.0)) <= 1e-12
    assert np.max(np.abs(expected - [z["population"] for z in zones])) > 1.0  # not the population
    costs = tmp_path / "costs.csv"
    # 12 km/h: 20 minutes is 4 km
    write_derived_costs(plain, costs, metres_per_minute=200.0, keep_within=22.0)
    fixture = fixture_with_costs(bundle, costs)
    made = time.perf_counter() - started
    deviations = check_costs_against_pysal(fixture, costs, demand)
    print(f"L with costs and demand by age ({made:.1f} s to make, {time.perf_counter() - started:.1f} s in all):", deviations)
