"""Referral pathways (docs/analyses.md §5) against networkx on the same directed
graph: which specialised actors each entry point reaches, the length of its shortest
chain, and the actors every chain goes through (networkx reachability after removing
each candidate), on the example bundles and on random referral graphs."""

from __future__ import annotations

import csv
import datetime
import random
import shutil
import unicodedata

import pytest

import maillage
from conftest import REPO_ROOT

networkx = pytest.importorskip("networkx")

EXAMPLES = ["lyon7", "grenoble_sud", "cevennes"]


def theme_key(theme: str) -> str:
    decomposed = unicodedata.normalize("NFKD", theme.strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def valid_on(relation: dict, date: datetime.date | None) -> bool:
    if date is None:
        return True
    since, until = relation.get("since"), relation.get("until")
    return (since is None or since <= date) and (until is None or date < until)


def referral_digraph(territory, pathway) -> "networkx.DiGraph":
    wanted = {theme_key(t) for t in pathway["themes"]}
    graph = networkx.DiGraph()
    for r in territory.relations:
        themes = {theme_key(t) for t in r["themes"]}
        if (
            r["kind"] == "referral"
            and r["source"] != r["target"]
            and valid_on(r, territory.date)
            and (not wanted or not themes or themes & wanted)
        ):
            graph.add_edge(r["source"], r["target"])
    return graph


def check_against_networkx(territory) -> int:
    """Compares every entry point of every pathway; returns how many reach care."""
    kind = {a["id"]: a["kind"] for a in territory.actors}
    with_chain = 0
    for pathway in territory.pathways():
        graph = referral_digraph(territory, pathway)
        assert pathway["referrals"] == graph.number_of_edges()
        specialised = {a for a, k in kind.items() if k in pathway["specialised_kinds"]}
        entries = [a["id"] for a in territory.actors if a["kind"] in pathway["entry_kinds"]]
        assert [e["entry"] for e in pathway["entries"]] == entries
        for e in pathway["entries"]:
            entry = e["entry"]
            reach = networkx.descendants(graph, entry) if entry in graph else set()
            expected = reach & (specialised - {entry})
            assert set(e["reached"]) == expected, (pathway["name"], entry)
            if not expected:
                assert e["shortest_chain"] == [] and e["single_points"] == []
                continue
            with_chain += 1
            lengths = networkx.single_source_shortest_path_length(graph, entry)
            chain = e["shortest_chain"]
            assert chain[0] == entry and chain[-1] in expected
            assert len(chain) - 1 == min(lengths[t] for t in expected)
            assert all(graph.has_edge(u, v) for u, v in zip(chain, chain[1:]))
            cut = set()
            for x in reach - specialised:
                without = graph.copy()
                without.remove_node(x)
                if not networkx.descendants(without, entry) & specialised:
                    cut.add(x)
            assert set(e["single_points"]) == cut, (pathway["name"], entry)
    return with_chain


@pytest.mark.parametrize("name", EXAMPLES)
def test_pathways_of_the_examples_equal_networkx(name):
    check_against_networkx(maillage.load(REPO_ROOT / "data" / name))


def test_lyon7_language_pathway_worked_by_hand():
    t = maillage.load(REPO_ROOT / "data" / "lyon7")
    language = t.pathways()[0]
    entries = {e["entry"]: e for e in language["entries"]}
    # ped_001 → ortho_001 ("petite enfance"); the PMI refers to APPOR and to the CMP's
    # child psychiatrist, and neither refers on to an orthophoniste.
    assert entries["ped_001"]["shortest_chain"] == ["ped_001", "ortho_001"]
    assert entries["pmi_jean_mace"]["reached"] == []
    assert entries["pmi_gerland"]["reached"] == []


@pytest.mark.parametrize("seed", range(6))
def test_pathways_of_random_referral_graphs_equal_networkx(tmp_path, seed):
    rng = random.Random(seed)
    bundle = tmp_path / "bundle"
    shutil.copytree(REPO_ROOT / "data" / "lyon7", bundle)
    with open(bundle / "actors.csv", encoding="utf-8", newline="") as f:
        actors = list(csv.DictReader(f))
    # Every actor may refer and be referred to; the pathways' own kinds more often.
    ends = {"pmi", "creche", "ecole", "medecin_generaliste", "orthophoniste", "cmp", "psychiatre"}
    ids = [a["id"] for a in actors] + [a["id"] for a in actors if a["kind"] in ends] * 3
    themes = ["", "langage", "Santé mentale", "petite enfance", "logement"]
    with open(bundle / "relations.csv", "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["source", "target", "kind", "themes"])
        for _ in range(rng.choice([150, 400, 900])):
            out.writerow([rng.choice(ids), rng.choice(ids), "referral", rng.choice(themes)])
    assert check_against_networkx(maillage.load(bundle)) > 0
