"""Many territories at once (docs/compare.md): the key figures of each territory are
its own diagnosis's, they pickle, and a Dask cluster of separate worker processes
gives the same comparison as the local run."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import maillage
from conftest import BUNDLES, REPO_ROOT

EXAMPLES = ["lyon7", "grenoble_sud", "cevennes"]


def example(name: str) -> Path:
    return REPO_ROOT / "data" / name


@pytest.fixture(scope="module")
def examples_compared(tmp_path_factory):
    out = tmp_path_factory.mktemp("compare") / "cmp"
    return out, maillage.compare_territories([example(n) for n in EXAMPLES], out=out)


def test_each_figure_is_the_one_of_the_territorys_own_diagnosis(examples_compared):
    out, c = examples_compared
    assert isinstance(c, maillage.Comparison)
    assert [k.name for k in c.territories] == EXAMPLES
    assert c.failures == []
    for k in c.territories:
        d = maillage.load(example(k.name)).diagnose().to_dict()
        assert k["territory"] == d["summary"]["territory"]
        assert k["actors"] == d["summary"]["actors"]
        assert k["density"] == d["summary"]["density"]
        assert k.figure("densite") == d["summary"]["density"]
        assert k["ei_index"] == d["network"]["ei_index"]
        assert k.figure("indice_ei") == d["network"]["ei_index"]
        assert k["fragmentation"] == d["network"]["key_players"]["fragmentation_before"]
        pairs = d["network"]["dispositifs"]
        assert k["dispositif_pairs"] == len(pairs)
        assert k["articulated_pairs"] == sum(p["articulated"] for p in pairs)
        zones = d["coverage"]["zones"]
        population = sum(z["population"] for z in zones)
        assert k["population"] == pytest.approx(population, rel=1e-12)
        for s in k["sectors"]:
            placed = sum(z["count_by_sector"].get(s["id"], 0) for z in zones)
            assert s["actors"] == placed
            assert k.figure(f"acteurs_pour_10000[{s['id']}]") == pytest.approx(placed / population * 10_000, rel=1e-12)
        indicators = {i["indicator"]: i for i in d["coverage"]["comparison"]["indicators"]}
        for a in k["access"]:
            found = indicators[f"access[{a['kind']}]"]
            assert (a["priority"], a["other"]) == (found["priority"], found["other"])
        gp = indicators["access[medecin_generaliste]"]
        assert k.figure("acces_prioritaire[medecin_generaliste]") == gp["priority"]
        assert k.figure("acces_ailleurs[medecin_generaliste]") == gp["other"]
        gaps = d["gaps"]
        assert k.figure("lacunes[service]") == len(gaps["service"])
        assert k.figure("lacunes[need]") == sum(n["status"] != "covered" for n in gaps["needs"])
        assert k.figure("lacunes[isolated_actor]") == len(gaps["isolated_actors"])
        assert k.figure("lacunes[unarticulated_dispositifs]") == len(gaps["unarticulated_dispositifs"])
        # the territory's outputs are written beside the comparison, and linked
        assert (out / k.name / "report.html").is_file()
    page = (out / "comparaison.html").read_text(encoding="utf-8")
    for name in EXAMPLES:
        assert f'href="{name}/report.html"' in page


def test_the_tables_read_in_pandas(examples_compared):
    _, c = examples_compared
    table = c.to_pandas()
    assert list(table["dossier"].iloc[:3]) == EXAMPLES
    assert table["dossier"].isna().iloc[3], "the last row is the totals"
    lyon = c.territories[0]
    assert table.set_index("dossier").loc["lyon7", "densite"] == lyon["density"]
    figures = c.to_pandas("comparaison_figures.csv")
    density = figures[figures["figure"] == "densite"].set_index("dossier")
    assert density["rang"].min() == 1
    assert density.loc[density["valeur"].idxmax(), "rang"] == 1


def test_key_figures_pickle_and_come_back_equal():
    k = maillage.territory_key_figures(example("cevennes"))
    back = pickle.loads(pickle.dumps(k))
    assert back == k
    assert back.to_dict() == k.to_dict()
    assert back.name == "cevennes"
    assert maillage.KeyFigures(k.to_json()) == k


def test_a_bundle_that_fails_is_reported_and_the_others_compared(tmp_path):
    copy = tmp_path / "copie" / "cevennes"
    shutil.copytree(example("cevennes"), copy)
    out = tmp_path / "cmp"
    c = maillage.compare_territories(
        [example("cevennes"), tmp_path / "no_such_bundle", BUNDLES / "invalid" / "bad_date", copy],
        out=out,
    )
    assert [k.name for k in c.territories] == ["cevennes"]
    assert [Path(f["bundle"]).name for f in c.failures] == ["no_such_bundle", "bad_date", "cevennes"]
    assert "porte déjà le nom « cevennes »" in c.failures[2]["reason"]
    assert (out / "cevennes" / "report.html").is_file()
    assert not (out / "bad_date").exists()
    with pytest.raises(maillage.BundleError):
        maillage.territory_key_figures(BUNDLES / "invalid" / "bad_date")


@pytest.fixture(scope="module")
def twenty_territories(tmp_path_factory):
    """Twenty generated S territories (seeds 1 to 20), through the command of the
    package (``python -m maillage generate``)."""
    folder = tmp_path_factory.mktemp("generated")
    paths = []
    for seed in range(1, 21):
        path = folder / f"s{seed:02}"
        subprocess.run(
            [sys.executable, "-m", "maillage", "generate", "--size", "S", "--seed", str(seed), "--out", str(path), "--quiet"],
            check=True,
        )
        paths.append(path)
    return paths


def test_a_dask_cluster_of_two_worker_processes_gives_the_local_figures(twenty_territories, tmp_path):
    from dask.distributed import Client, LocalCluster

    paths = [*twenty_territories, tmp_path / "no_such_bundle", twenty_territories[0]]
    local = maillage.compare_territories(paths, out=tmp_path / "local")
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            distributed = maillage.compare_territories(paths, out=tmp_path / "dask", client=client)
    assert len(local.territories) == 20
    assert distributed.territories == local.territories
    assert [f["bundle"] for f in distributed.failures] == [f["bundle"] for f in local.failures]
    assert len(distributed.failures) == 2  # the missing folder, and s01 given twice
    assert distributed.totals == local.totals
    assert distributed.overlaps == local.overlaps
    for name in ("comparaison.csv", "comparaison_figures.csv", "comparaison_chevauchements.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    # each worker wrote its territories' outputs, the same as the local run's
    for k in local.territories:
        assert (tmp_path / "dask" / k.name / "zones.csv").read_bytes() == (tmp_path / "local" / k.name / "zones.csv").read_bytes()


def test_key_figures_gathered_by_hand_give_the_same_comparison(examples_compared, tmp_path):
    out, c = examples_compared
    entries = [
        (str(example(n)), maillage.territory_key_figures(example(n), tmp_path / n))
        for n in EXAMPLES
    ]
    entries.append(("data/no_such_bundle", "dossier introuvable"))
    written = maillage.write_comparison(entries, tmp_path)
    assert [t["name"] for t in written["territories"]] == EXAMPLES
    assert len(written["failures"]) == 1
    assert written["totals"] == c.totals
    assert (tmp_path / "comparaison_figures.csv").read_bytes() == (out / "comparaison_figures.csv").read_bytes()
