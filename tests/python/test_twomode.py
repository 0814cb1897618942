"""The two-mode view of actors × joint actions and dispositifs (docs/analyses.md §5)
against networkx's ``bipartite`` module: the graph of ``to_networkx(bipartite=True)``
built again from the bundle's own tables, its one-mode projection onto the actors
(``projected_graph`` and ``weighted_projected_graph``) against ``co_affiliation()`` and
the summary's counts, and ``affiliation.graphml`` / ``.gexf`` read back; then the
shared themes and the overlap of structures and dispositifs, as the diagnosis gives
them, against the same tables."""

from __future__ import annotations

import datetime

import pytest

import maillage
from conftest import REPO_ROOT

networkx = pytest.importorskip("networkx")
from networkx.algorithms import bipartite  # noqa: E402

EXAMPLES = ["lyon7", "grenoble_sud", "cevennes"]


def valid_on(since, until, date: datetime.date | None, last_day_included: bool = False) -> bool:
    if date is None:
        return True
    if since is not None and date < since:
        return False
    if until is None:
        return True
    return date <= until if last_day_included else date < until


def affiliation_graph_from_tables(territory) -> "networkx.Graph":
    """The two-mode graph, built from the territory's actions and relations."""
    graph = networkx.Graph()
    dispositifs = {a["id"] for a in territory.actors if a["family"] == "dispositif"}
    for action in territory.actions:
        if not valid_on(action["start"], action["end"], territory.date, last_day_included=True):
            continue
        node = "action:" + action["id"]
        graph.add_node(node, bipartite=1)
        for role in ("lead", "partners", "funders"):
            for actor in action[role]:
                graph.add_node(actor, bipartite=0)
                graph.add_edge(actor, node)
    for d in dispositifs:
        graph.add_node("dispositif:" + d, bipartite=1)
    for r in territory.relations:
        if (
            r["kind"] in ("member", "instance")
            and r["target"] in dispositifs
            and r["source"] != r["target"]
            and valid_on(r["since"], r["until"], territory.date)
        ):
            graph.add_node(r["source"], bipartite=0)
            graph.add_edge(r["source"], "dispositif:" + r["target"])
    return graph


def actors_side(graph) -> list[str]:
    return [n for n, side in graph.nodes(data="bipartite") if side == 0]


@pytest.fixture(scope="module", params=EXAMPLES)
def example(request):
    territory = maillage.load(REPO_ROOT / "data" / request.param)
    return request.param, territory, territory.diagnose()


def test_bipartite_graph_equals_the_one_built_from_the_tables(example):
    _, territory, _ = example
    ours = territory.to_networkx(bipartite=True)
    expected = affiliation_graph_from_tables(territory)
    assert bipartite.is_bipartite(ours)
    assert set(ours.nodes) == set(expected.nodes)
    assert {frozenset(e) for e in ours.edges} == {frozenset(e) for e in expected.edges}
    for node, side in expected.nodes(data="bipartite"):
        assert ours.nodes[node]["bipartite"] == side, node


def test_projection_equals_networkx(example):
    _, territory, diagnosis = example
    graph = territory.to_networkx(bipartite=True)
    actors = actors_side(graph)
    weighted = bipartite.weighted_projected_graph(graph, actors)
    ours = {(p["a"], p["b"]): p["shared"] for p in territory.co_affiliation()}
    assert len(ours) == weighted.number_of_edges()
    for (a, b), shared in ours.items():
        assert weighted[a][b]["weight"] == shared, (a, b)
    plain = bipartite.projected_graph(graph, actors)
    assert {frozenset(p) for p in ours} == {frozenset(e) for e in plain.edges}
    summary = diagnosis.affiliation
    assert summary["pairs"] == weighted.number_of_edges()
    assert summary["actors"] == len(actors)
    network = networkx.Graph()
    network.add_edges_from(
        (r["source"], r["target"])
        for r in territory.relations
        if r["source"] != r["target"] and valid_on(r["since"], r["until"], territory.date)
    )
    without = [e for e in weighted.edges if not network.has_edge(*e)]
    assert summary["pairs_without_relation"] == len(without)
    # the organisations listed meet at least twice with no relation, most shared first
    listed = summary["unacquainted"]
    assert [p["shared"] for p in listed] == sorted((p["shared"] for p in listed), reverse=True)
    for p in listed:
        assert weighted[p["a"]][p["b"]]["weight"] == p["shared"] >= 2
        assert not network.has_edge(p["a"], p["b"])


def test_graph_files_read_back_as_the_same_graph(example, tmp_path):
    name, territory, diagnosis = example
    diagnosis.write(tmp_path, ["affiliation.graphml", "affiliation.gexf"])
    ours = territory.to_networkx(bipartite=True)
    for read in (networkx.read_graphml(tmp_path / "affiliation.graphml"),
                 networkx.read_gexf(tmp_path / "affiliation.gexf")):
        assert not read.is_directed()
        assert set(read.nodes) == set(ours.nodes), name
        assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in ours.edges}
        for node, side in ours.nodes(data="bipartite"):
            assert int(read.nodes[node]["bipartite"]) == side
        actors = actors_side(ours)
        projected = bipartite.projected_graph(read, actors)
        assert {frozenset(e) for e in projected.edges} == {
            frozenset(e) for e in bipartite.projected_graph(ours, actors).edges
        }


def test_overlap_of_structures_and_dispositifs_from_the_relations(example):
    _, territory, diagnosis = example
    family = {a["id"]: a["family"] for a in territory.actors}
    members: dict[str, set[str]] = {}
    for r in territory.relations:
        if (
            r["kind"] in ("member", "instance")
            and r["source"] != r["target"]
            and valid_on(r["since"], r["until"], territory.date)
        ):
            members.setdefault(r["target"], set()).add(r["source"])
    expected = []
    for s in (a["id"] for a in territory.actors if a["family"] == "structure"):
        own = members.get(s, set())
        for d in (a["id"] for a in territory.actors if a["family"] == "dispositif"):
            theirs = set(members.get(d, set()))
            for m in list(theirs):
                if family[m] == "structure":
                    theirs |= members.get(m, set())
            both = own & theirs
            if both:
                expected.append((s, d, len(own), len(theirs), len(both), s in members.get(d, set())))
    got = [
        (o["structure"], o["dispositif"], o["structure_members"], o["dispositif_members"],
         o["shared_members"], o["structure_is_member"])
        for o in diagnosis.overlap
    ]
    assert got == expected
    for o in diagnosis.overlap:
        assert o["structure_share"] == o["shared_members"] / o["structure_members"]
        union = o["structure_members"] + o["dispositif_members"] - o["shared_members"]
        assert o["jaccard"] == o["shared_members"] / union


def test_shared_themes_follow_the_articulation_pairs(example):
    _, territory, diagnosis = example
    pairs = diagnosis["network"]["dispositifs"]
    shared = diagnosis.shared_themes
    assert [(p["a"], p["b"]) for p in shared] == [(p["a"], p["b"]) for p in pairs]
    for p, s in zip(pairs, shared):
        for t in s["themes"]:
            sources = (t["actors_a"] > 0 and t["actors_b"] > 0) or t["joint_actions"] or t["need_zones"]
            assert sources, (s["a"], s["b"], t["theme"])
            assert set(t["joint_actions"]) <= set(p["joint_actions"])


def test_lyon7_worked_by_hand():
    territory = maillage.load(REPO_ROOT / "data" / "lyon7")
    d = territory.diagnose()
    (pair,) = [p for p in d.shared_themes if (p["a"], p["b"]) == ("cpts_lyon7", "asv_gerland")]
    food = next(t for t in pair["themes"] if t["theme"] == "alimentation")
    assert food["joint_actions"] == ["prev_obesite_diabete"]
    assert food["need_zones"] == ["qpv:QP069033"]
    (msp,) = [o for o in d.overlap if o["structure"] == "msp_gerland"]
    assert (msp["dispositif"], msp["shared_members"], msp["structure_share"]) == ("cpts_lyon7", 6, 1.0)
    assert (d.affiliation["pairs"], d.affiliation["pairs_without_relation"]) == (6961, 6721)
