"""Accessibility against PySAL ``access`` (docs/analyses.md §2).

The Rust side prints, through the example binary
``crates/maillage/examples/access_fixture.rs``, the zones of a bundle's coverage layer
(anchor point, population), the suppliers of each required kind (location, supply) and
its 2SFCA and E2SFCA results. Here PySAL's ``Access.two_stage_fca`` and
``Access.enhanced_two_stage_fca`` get the same demand, supply and a haversine cost
matrix computed independently (R = 6,371,008.8 m), and must agree to 1e-9 on the Lyon
7e example, the minimal test bundle and a synthetic bundle written here.

When the coverage layer declares its demand by age (``[layers.NAME.demand]``), PySAL gets
the age-weighted demand as its demand: the Cévennes CPTS with the real INSEE shares by age
of its 33 communes, and Lyon 7e with the real census counts of 22 of its 24 IRIS
(``tests/fixtures/demand/SOURCES.md``); the weighted demand itself is recomputed here from
the DREES weights' file.

Where the two differ by definition (documented on ``two_step_fca``): PySAL gives NaN for
a zone with no supplier in reach, and infinity or NaN around a supplier whose catchment
holds only zones of population 0; maillage gives 0 there.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from conftest import BUNDLES, LYON7, REPO_ROOT

pd = pytest.importorskip("pandas")
access = pytest.importorskip("access", reason="PySAL access is not installed (pip install access)")

R = 6_371_008.8
TOLERANCE = 1e-9

# PySAL access 1.1 calls DataFrame.set_index(inplace=True), deprecated in pandas 3.1
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword:Warning")


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * R * math.asin(min(1.0, math.sqrt(h)))


def rust_fixture(bundle: Path) -> dict:
    out = subprocess.run(
        ["cargo", "run", "-q", "-p", "maillage", "--example", "access_fixture", "--", str(bundle)],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ},
    ).stdout
    return json.loads(out)


def weight_function(decay: dict):
    if decay["type"] == "steps":
        return access.weights.step_fn({band["upper"]: band["weight"] for band in decay["bands"]})
    return access.weights.gaussian(decay["sigma"])


def pysal_model(ids: list[str], demand: list[float], suppliers: list[dict], cost: pd.DataFrame):
    """PySAL's ``Access`` over the zones (``ids`` and their ``demand``) and the suppliers
    (``id``, ``supply``), on ``cost`` (columns origin, dest, cost)."""
    return access.Access(
        demand_df=pd.DataFrame({"geoid": ids, "pop": demand}),
        demand_index="geoid",
        demand_value="pop",
        supply_df=pd.DataFrame(
            {"geoid": [s["id"] for s in suppliers], "supply": [s["supply"] for s in suppliers]}
        ),
        supply_index="geoid",
        supply_value="supply",
        cost_df=cost,
        cost_origin="origin",
        cost_dest="dest",
        cost_name="cost",
    )


def pysal_results(fixture: dict, kind: dict) -> dict[str, np.ndarray]:
    """PySAL's 2SFCA and E2SFCA (both decays) per zone, in the fixture's zone order."""
    zones = fixture["zones"]
    suppliers = kind["suppliers"]
    cost = pd.DataFrame(
        [
            {
                "origin": z["id"],
                "dest": s["id"],
                "cost": haversine_m(z["lon"], z["lat"], s["lon"], s["lat"]),
            }
            for z in zones
            for s in suppliers
        ]
    )
    model = pysal_model([z["id"] for z in zones], [z["demand"] for z in zones], suppliers, cost)
    d0 = fixture["catchment_m"]
    ids = [z["id"] for z in zones]
    results = {
        "two_step": model.two_stage_fca(name="tsfca", max_cost=d0)["tsfca_supply"],
        "enhanced_steps": model.enhanced_two_stage_fca(
            name="steps", max_cost=d0, weight_fn=weight_function(fixture["steps"])
        )["steps_supply"],
        "enhanced_gaussian": model.enhanced_two_stage_fca(
            name="gauss", max_cost=d0, weight_fn=weight_function(fixture["gaussian"])
        )["gauss_supply"],
    }
    return {name: series.reindex(ids).to_numpy(dtype=float) for name, series in results.items()}


def check_against_pysal(fixture: dict) -> dict[str, float]:
    """Compares every kind and measure; returns the largest deviation per measure."""
    zones = fixture["zones"]
    d0 = fixture["catchment_m"]
    deviations: dict[str, float] = {}
    assert fixture["kinds"], "no required kind"
    for kind in fixture["kinds"]:
        if not kind["suppliers"]:
            # no actor of the kind located (PySAL needs at least one): no access anywhere
            assert all(a == 0.0 for m in ("two_step", "enhanced_steps", "enhanced_gaussian") for a in kind[m])
            continue
        # the cost matrix: same pairs within the catchment, same distances
        pairs = {
            (z, s): haversine_m(zones[z]["lon"], zones[z]["lat"], supplier["lon"], supplier["lat"])
            for z in range(len(zones))
            for s, supplier in enumerate(kind["suppliers"])
        }
        within = {k: d for k, d in pairs.items() if d <= d0}
        rust_pairs = {(z, s): d for z, s, d in kind["pairs"]}
        assert rust_pairs.keys() == within.keys(), kind["kind"]
        for k, d in within.items():
            assert rust_pairs[k] == pytest.approx(d, rel=1e-12, abs=1e-9)
        # nearest distance: the brute-force minimum
        for z in range(len(zones)):
            row = [pairs[(z, s)] for s in range(len(kind["suppliers"]))]
            expected = min(row) if row else None
            got = kind["nearest_m"][z]
            assert (got is None) == (expected is None)
            if expected is not None:
                assert got == pytest.approx(expected, rel=1e-12)

        reference = pysal_results(fixture, kind)
        population = np.array([z["demand"] for z in zones])
        for measure, expected in reference.items():
            ours = np.array(kind[measure])
            finite = np.isfinite(expected)
            # per 10,000 inhabitants, as reported
            deviation = float(np.max(np.abs(ours[finite] - expected[finite]) * 1e4, initial=0.0))
            assert deviation <= TOLERANCE, (kind["kind"], kind["acceptance"], measure, deviation)
            relative = float(
                np.max(np.abs(ours[finite] - expected[finite]) / np.maximum(np.abs(expected[finite]), 1e-300), initial=0.0)
            )
            deviations[measure] = max(deviations.get(measure, 0.0), deviation)
            deviations[measure + " (relative)"] = max(deviations.get(measure + " (relative)", 0.0), relative)
            # where PySAL has no finite value (documented difference)
            for z in np.flatnonzero(~finite):
                reached = [s for (zz, s) in within if zz == z]
                if not reached:
                    # PySAL: NaN, the zone is missing from its sums; maillage: 0
                    assert ours[z] == 0.0, (kind["kind"], measure, zones[z]["id"])
                else:
                    # PySAL: a supplier in reach has no demand in its catchment, so its
                    # ratio is infinite; maillage leaves that supplier out
                    demand_of = lambda s: sum(population[zz] for (zz, ss) in within if ss == s)  # noqa: E731
                    assert any(demand_of(s) == 0 for s in reached), (kind["kind"], measure, zones[z]["id"])
                    assert math.isfinite(ours[z])
        if kind["coverage_access"]:
            # what zone_coverage reports is the same 2SFCA × 10,000
            assert np.allclose(
                np.array(kind["coverage_access"]), np.array(kind["two_step"]) * 1e4, rtol=0, atol=1e-12
            )
    return deviations


def test_lyon7_access_equals_pysal():
    fixture = rust_fixture(LYON7)
    assert len(fixture["zones"]) == 24
    kinds = {(k["kind"], k["acceptance"]) for k in fixture["kinds"]}
    assert ("medecin_generaliste", "accepting_only") in kinds
    deviations = check_against_pysal(fixture)
    print("lyon7 max deviation per 10,000:", deviations)


def test_minimal_bundle_access_equals_pysal():
    fixture = rust_fixture(BUNDLES / "valid" / "minimal")
    deviations = check_against_pysal(fixture)
    print("minimal max deviation per 10,000:", deviations)


def test_grenoble_sud_access_equals_pysal():
    bundle = REPO_ROOT / "data" / "grenoble_sud"
    if not (bundle / "territory.toml").exists():
        pytest.skip("no Grenoble-sud example bundle")
    deviations = check_against_pysal(rust_fixture(bundle))
    print("grenoble_sud max deviation per 10,000:", deviations)


def write_synthetic_bundle(folder: Path, seed: int = 17) -> None:
    """A 6 × 5 grid of 500 m squares near Montpellier with random populations (one zone
    empty, one far away and empty), GPs with capacities and `accepting`, pharmacies
    without capacity, speech therapists; one supplier reaches only the empty zone."""
    rng = np.random.default_rng(seed)
    lon0, lat0, dlon, dlat = 3.85, 43.60, 0.0062, 0.0045
    features = []
    for i in range(6):
        for j in range(5):
            x, y = lon0 + i * dlon, lat0 + j * dlat
            ring = [[x, y], [x + dlon, y], [x + dlon, y + dlat], [x, y + dlat], [x, y]]
            population = 0 if (i, j) == (2, 2) else int(rng.integers(200, 6000))
            features.append(
                {
                    "type": "Feature",
                    "properties": {"id": f"Z{i}{j}", "population": population},
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            )
    # a far, empty zone with its own pharmacy: that pharmacy has no demand in reach
    fx, fy = 3.95, 43.70
    features.append(
        {
            "type": "Feature",
            "properties": {"id": "FAR", "population": 0},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[fx, fy], [fx + dlon, fy], [fx + dlon, fy + dlat], [fx, fy + dlat], [fx, fy]]],
            },
        }
    )
    (folder / "zones").mkdir(parents=True)
    (folder / "zones" / "grid.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features})
    )
    (folder / "territory.toml").write_text(
        "format = 1\n"
        'name = "Synthetic grid"\n'
        'crs = "EPSG:4326"\n'
        "\n[layers.grid]\n"
        'file = "zones/grid.geojson"\n'
        'id = "id"\n'
        'population = "population"\n'
        "\n[analysis]\n"
        'coverage_layer = "grid"\n'
        "catchment_m = 900\n"
        'required = ["medecin_generaliste", "pharmacie", "orthophoniste"]\n'
    )
    rows = ["id,name,kind,x,y,capacity,accepting"]
    west, south = lon0 - 0.002, lat0 - 0.002
    width, height = 6 * dlon + 0.004, 5 * dlat + 0.004
    for n in range(40):
        x, y = west + width * rng.random(), south + height * rng.random()
        accepting = ["true", "false", ""][int(rng.integers(3))]
        rows.append(f"mg{n},GP {n},medecin_generaliste,{x!r},{y!r},{0.3 + rng.random():.3f},{accepting}")
    for n in range(12):
        x, y = west + width * rng.random(), south + height * rng.random()
        rows.append(f"ph{n},Pharmacy {n},pharmacie,{x!r},{y!r},,")
    rows.append(f"ph_far,Far pharmacy,pharmacie,{fx + dlon / 2!r},{fy + dlat / 2!r},,")
    for n in range(3):
        x, y = west + width * rng.random(), south + height * rng.random()
        rows.append(f"ortho{n},Speech therapist {n},orthophoniste,{x!r},{y!r},1,")
    (folder / "actors.csv").write_text("\n".join(rows) + "\n")
    (folder / "relations.csv").write_text("source,target,kind\n")


def test_synthetic_bundle_access_equals_pysal(tmp_path):
    bundle = tmp_path / "synthetic"
    write_synthetic_bundle(bundle)
    fixture = rust_fixture(bundle)
    assert len(fixture["zones"]) == 31
    deviations = check_against_pysal(fixture)
    print("synthetic max deviation per 10,000:", deviations)
    # the documented differences do occur here: the far pharmacy has no demand in reach
    pharmacies = next(k for k in fixture["kinds"] if k["kind"] == "pharmacie")
    far = [z["id"] for z in fixture["zones"]].index("FAR")
    assert pharmacies["two_step"][far] == 0.0
    reference = pysal_results(fixture, pharmacies)
    assert not np.isfinite(reference["two_step"][far])
    # and speech therapists leave zones with nothing in reach (PySAL: NaN, here 0)
    ortho = next(k for k in fixture["kinds"] if k["kind"] == "orthophoniste")
    reached = {z for z, _, _ in ortho["pairs"]}
    assert len(reached) < len(fixture["zones"])
    assert all(ortho["two_step"][z] == 0.0 for z in range(len(fixture["zones"])) if z not in reached)


# --- demand by age -----------------------------------------------------------------

DEMAND_FIXTURES = REPO_ROOT / "tests" / "fixtures" / "demand"
WEIGHTS_CSV = REPO_ROOT / "crates" / "maillage" / "data" / "apl" / "drees_apl_mg_poids_age_2022_2023.csv"


def drees_weights_2023() -> list[tuple[int, int | None, float]]:
    """(first age, last age or None, weight) of the 19 bands, read from the DREES file."""
    import csv
    import re

    bands = []
    with open(WEIGHTS_CSV, encoding="utf-8") as f:
        for row in list(csv.reader(f))[1:]:
            numbers = [int(n) for n in re.findall(r"\d+", row[0])]
            if row[0].startswith("Moins"):
                bands.append((0, numbers[0] - 1, float(row[2])))
            elif row[0].startswith("Plus"):
                bands.append((numbers[0], None, float(row[2])))
            else:
                bands.append((numbers[0], numbers[1], float(row[2])))
    return bands


def mean_weight(first: int, last: int | None) -> float:
    """The plain mean of the 2023 weights of the five-year bands from first to last."""
    covered = [w for a, b, w in drees_weights_2023() if a >= first and (last is None or (b is not None and b <= last))]
    return sum(covered) / len(covered)


def copy_bundle(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target, ignore=shutil.ignore_patterns("output*", "*.pyc"))


def add_demand(bundle: Path, layer_file: str, key: str, values: dict[str, dict[str, float]], table: str) -> None:
    layer = bundle / layer_file
    collection = json.loads(layer.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        feature["properties"].update(values.get(str(feature["properties"][key]), {}))
    layer.write_text(json.dumps(collection), encoding="utf-8")
    manifest = bundle / "territory.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + table, encoding="utf-8")


def read_rows(name: str) -> list[dict[str, str]]:
    import csv

    with open(DEMAND_FIXTURES / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


SHARES = {  # property: (column of the INSEE export, first age, last age)
    "part_moins_15": ("Part des pers. âgées de - 15 ans 2020", 0, 14),
    "part_moins_25": ("Part des pers. âgées de - de 25 ans 2020", 0, 24),
    "part_25_64": ("Part des pers. âgées de 25 à 64 ans 2020", 25, 64),
    "part_65_plus": ("Part des pers. âgées de 65 ans ou + 2020", 65, None),
    "part_75_plus": ("Part des pers. âgées de 75 ans ou + 2020", 75, None),
    "part_80_plus": ("Part des pers. âgées de 80 ans ou + 2020", 80, None),
}


def cevennes_with_shares(folder: Path) -> dict[str, float]:
    """data/cevennes, whose CPTS communes hold their real shares by age (imported by
    build_bundle.py with `maillage import indicators --values-only`) and declare
    `[layers.cpts.demand]`; returns each commune's weighted demand computed here from the
    INSEE export of tests/fixtures/demand: P × Σ part % / 100 × the mean weight of its ages."""
    copy_bundle(REPO_ROOT / "data" / "cevennes", folder)
    rows = {r["Code"]: r for r in read_rows("insee_sl_communes_ages2020_cpts_cevennes.csv")}
    values = {code: {p: float(r[c]) for p, (c, _, _) in SHARES.items()} for code, r in rows.items()}
    manifest = (folder / "territory.toml").read_text(encoding="utf-8")
    shares = ", ".join(f'{p} = "{a}-{b}"' if b is not None else f'{p} = "{a}+"' for p, (_, a, b) in SHARES.items())
    assert f"[layers.cpts.demand]\nshares = {{ {shares} }}\nweights = \"drees-apl-mg-2023\"" in manifest
    layer = json.loads((folder / "zones" / "cpts.geojson").read_text(encoding="utf-8"))
    for feature in layer["features"]:
        props = feature["properties"]
        assert {p: props[p] for p in SHARES} == values[props["code"]], props["code"]
    populations = {
        f["properties"]["code"]: f["properties"].get("population") or 0.0
        for f in json.loads((folder / "zones" / "cpts.geojson").read_text(encoding="utf-8"))["features"]
    }
    expected = {}
    for code, v in values.items():
        parts = [  # the disjoint parts, by difference of the cumulative shares
            (v["part_moins_15"], 0, 14),
            (v["part_moins_25"] - v["part_moins_15"], 15, 24),
            (v["part_25_64"], 25, 64),
            (v["part_65_plus"] - v["part_75_plus"], 65, 74),
            (v["part_75_plus"] - v["part_80_plus"], 75, 79),
            (v["part_80_plus"], 80, None),
        ]
        expected[code] = populations[code] * sum(share / 100 * mean_weight(a, b) for share, a, b in parts)
    return expected


def test_cevennes_with_real_age_shares_equals_pysal(tmp_path):
    bundle = tmp_path / "cevennes"
    expected = cevennes_with_shares(bundle)
    fixture = rust_fixture(bundle)
    zones = fixture["zones"]
    assert len(zones) == 33
    for z in zones:
        assert z["demand"] == pytest.approx(expected[z["id"]], rel=1e-12, abs=1e-9), z["id"]
    # the Cévennes are old: the standardised population exceeds the raw one (by 6.5 %)
    assert sum(z["demand"] for z in zones) > 1.05 * sum(z["population"] for z in zones)
    deviations = check_against_pysal(fixture)
    print("cevennes (demand by age) max deviation per 10,000:", deviations)


RP2016 = ["P16_POP0014", "P16_POP1529", "P16_POP3044", "P16_POP4559", "P16_POP6074", "P16_POP75P"]
RP2016_AGES = [(0, 14), (15, 29), (30, 44), (45, 59), (60, 74), (75, None)]


def test_lyon7_with_real_census_counts_equals_pysal(tmp_path):
    bundle = tmp_path / "lyon7"
    copy_bundle(LYON7, bundle)
    rows = {r["IRIS"]: {c: float(r[c]) for c in RP2016} for r in read_rows("insee_rp2016_iris_ages_lyon7.csv")}
    table = "\n[layers.iris.demand]\ncounts = [" + ", ".join(f'"{c}"' for c in RP2016) + ']\nweights = "drees-apl-mg-2023"\n'
    # the layer's manifest tables follow [layers.iris]: put the demand table right after them
    manifest = (bundle / "territory.toml").read_text(encoding="utf-8")
    add_demand(bundle, "zones/iris.geojson", "id", rows, "")
    (bundle / "territory.toml").write_text(manifest.replace("[layers.qpv]", table.lstrip("\n") + "\n[layers.qpv]"), encoding="utf-8")
    fixture = rust_fixture(bundle)
    zones = fixture["zones"]
    assert len(zones) == 24
    weights = [mean_weight(a, b) for a, b in RP2016_AGES]
    counted = {i: sum(r[c] * w for c, w in zip(RP2016, weights)) for i, r in rows.items()}
    population = {z["id"]: z["population"] for z in zones}
    ratio = sum(counted[i] for i in counted if population[i] > 0) / sum(population[i] for i in counted if population[i] > 0)
    for z in zones:
        want = counted.get(z["id"], population[z["id"]] * ratio)
        assert z["demand"] == pytest.approx(want, rel=1e-12), z["id"]
    estimated = [z["id"] for z in zones if z["id"] not in rows]
    assert estimated == ["693870701", "693870901"]
    deviations = check_against_pysal(fixture)
    print("lyon7 (census counts) max deviation per 10,000:", deviations)


def test_the_weighted_demand_reaches_python(tmp_path):
    """The zones of the layer, the coverage and zones.csv give the weighted demand."""
    import io

    import maillage

    bundle = tmp_path / "cevennes"
    expected = cevennes_with_shares(bundle)
    territory = maillage.load(bundle)
    cpts = next(layer for layer in territory.layers if layer["name"] == "cpts")
    for z in cpts["zones"]:
        assert z["demand"] == pytest.approx(expected[z["id"]], rel=1e-12, abs=1e-9)
        assert z["demand_estimated"] is False
    other = next(layer for layer in territory.layers if layer["name"] == "communes")
    assert all(z["demand"] is None for z in other["zones"])
    coverage = territory.coverage()
    frame = maillage.frame(coverage["zones"])
    assert frame.loc["30269", "demand"] == pytest.approx(expected["30269"], rel=1e-12)
    assert any("standardis" in note for note in coverage["notes"])
    table = pd.read_csv(io.StringIO(territory.diagnose().render("zones.csv")), dtype={"id": str}).set_index("id")
    assert list(table.columns)[:3] == ["name", "population", "demand"]
    assert table.loc["30269", "demand"] == pytest.approx(expected["30269"], rel=1e-9)
