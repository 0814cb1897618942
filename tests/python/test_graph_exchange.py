"""The network outputs as an analyst opens them: network.graphml with
``networkx.read_graphml``, network.gexf with ``networkx.read_gexf``, actors.geojson and
network.geojson with geopandas. The files are written by the core's example
``write_outputs`` (crates/maillage/examples/write_outputs.rs), with the figures of
actors.csv beside them for comparison."""

from __future__ import annotations

import csv
import math
import os
import subprocess
from collections import Counter

import pytest

from conftest import LYON7

nx = pytest.importorskip("networkx")
geopandas = pytest.importorskip("geopandas")

INT_FIGURES = [
    "degree",
    "brokerage_coordinator",
    "brokerage_itinerant",
    "brokerage_gatekeeper",
    "brokerage_liaison",
    "brokerage_total",
    "fragility",
    "community",
]
FLOAT_FIGURES = [
    "strength",
    "betweenness",
    "closeness",
    "pagerank",
    "clustering",
    "constraint",
    "effective_size",
    "ei_index",
]


def _write_outputs(repo_root, out, *flags):
    subprocess.run(
        ["cargo", "run", "--quiet", "-p", "maillage", "--example", "write_outputs", "--",
         "data/lyon7", str(out), *flags],
        cwd=repo_root, check=True, env={**os.environ, "CARGO_TERM_COLOR": "never"},
    )
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, repo_root):
    return _write_outputs(repo_root, tmp_path_factory.mktemp("public"))


@pytest.fixture(scope="module")
def outputs_with_individuals(tmp_path_factory, repo_root):
    return _write_outputs(repo_root, tmp_path_factory.mktemp("all"), "--include-individuals")


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def bundle_actors():
    return _rows(LYON7 / "actors.csv")


@pytest.fixture(scope="module")
def bundle_relations():
    return _rows(LYON7 / "relations.csv")


@pytest.fixture(scope="module")
def graphml(outputs):
    return nx.read_graphml(outputs / "network.graphml")


@pytest.fixture(scope="module")
def gexf(outputs):
    return nx.read_gexf(outputs / "network.gexf")


def _edges_by_id(graph):
    """Edge id -> (source, target, attributes without the id), whether networkx built a
    simple or a multi-graph (it builds a multigraph when two relations share a pair)."""
    if graph.is_multigraph():
        items = ((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True))
    else:
        items = ((u, v, d.get("id"), d) for u, v, d in graph.edges(data=True))
    out = {}
    for u, v, key, data in items:
        edge_id = data.get("id", key)
        out[edge_id] = (u, v, {k: x for k, x in data.items() if k != "id"})
    return out


def _node_attributes(graph, node):
    return {k: v for k, v in graph.nodes[node].items() if k != "viz"}


def _without_spells(edges):
    """Edges as ``_edges_by_id`` gives them, without the spells only GEXF has."""
    return {i: (u, v, {k: x for k, x in d.items() if k != "spells"})
            for i, (u, v, d) in edges.items()}


@pytest.mark.parametrize("reader", ["graphml", "gexf"])
def test_graph_holds_every_actor_and_every_relation(reader, request, bundle_actors,
                                                    bundle_relations):
    graph = request.getfixturevalue(reader)
    assert graph.is_directed()
    assert list(graph.nodes) == [a["id"] for a in bundle_actors]
    assert graph.number_of_edges() == len(bundle_relations)
    edges = _edges_by_id(graph)
    assert sorted(edges) == sorted(f"r{i}" for i in range(len(bundle_relations)))
    for i, row in enumerate(bundle_relations):
        source, target, data = edges[f"r{i}"]
        assert (source, target) == (row["source"], row["target"])
        assert data["kind"] == row["kind"].strip().lower()
        assert isinstance(data["weight"], float)
        assert data["weight"] == (float(row["weight"]) if row["weight"] else 1.0)
        assert isinstance(data["valid"], bool)
        assert data.get("since", "") == row["since"]
        assert data.get("until", "") == row["until"]
    by_kind = Counter(d["kind"] for _, _, d in edges.values())
    assert by_kind == Counter(r["kind"].strip().lower() for r in bundle_relations)


@pytest.mark.parametrize("reader", ["graphml", "gexf"])
def test_node_attributes_keep_their_types(reader, request):
    graph = request.getfixturevalue(reader)
    located = 0
    for node in graph.nodes:
        a = graph.nodes[node]
        assert isinstance(a["name"], str) and a["label"] == a["name"]
        assert isinstance(a["capacity"], float)
        assert isinstance(a["articulation_point"], bool)
        for figure in INT_FIGURES:
            assert type(a[figure]) is int, figure
        for figure in FLOAT_FIGURES:
            if figure in a:  # undefined figures (isolated actors) are left out
                assert type(a[figure]) is float and math.isfinite(a[figure]), figure
        if "accepting" in a:
            assert isinstance(a["accepting"], bool)
        if "longitude" in a:
            located += 1
            assert isinstance(a["longitude"], float) and isinstance(a["latitude"], float)
            assert 4.80 < a["longitude"] < 4.87 and 45.70 < a["latitude"] < 45.77
    assert located > 0
    # the CPTS has no fixed place: no coordinates rather than NaN or ""
    assert "longitude" not in graph.nodes["cpts_lyon7"]
    assert graph.nodes["mg_001"]["family"] == "professional"


@pytest.mark.parametrize("reader", ["graphml", "gexf"])
def test_node_figures_equal_actors_csv(reader, request, outputs):
    graph = request.getfixturevalue(reader)
    rows = _rows(outputs / "actors.csv")
    assert [r["id"] for r in rows] == list(graph.nodes)
    for row in rows:
        a = graph.nodes[row["id"]]
        assert a["group"] == row["group"]
        for figure in INT_FIGURES:
            assert a[figure] == int(row[figure]), (row["id"], figure)
        for figure in FLOAT_FIGURES:
            if row[figure] == "":
                assert figure not in a, (row["id"], figure)
            else:
                # both files write Rust's shortest round-trip form: equal to the last bit
                assert a[figure] == float(row[figure]), (row["id"], figure)
        assert a["articulation_point"] == (row["articulation_point"] == "true")


def test_graphml_and_gexf_hold_the_same_attributes(graphml, gexf):
    for node in graphml.nodes:
        assert _node_attributes(graphml, node) == _node_attributes(gexf, node)
    assert _edges_by_id(graphml) == _without_spells(_edges_by_id(gexf))
    assert graphml.graph["date"] == "2024-06-30"
    assert graphml.graph["partition"] == "sector"


def _spell_side(cell):
    """A side of a spell as networkx reads it back: the date as written, and for an
    open side, which the file leaves out, ``str(None)`` (its GEXF reader turns each
    side with the graph's time format, ``str`` for ``timeformat="date"``)."""
    return cell if cell else "None"


def test_gexf_plays_the_history_of_the_relations(gexf, bundle_relations, bundle_actors):
    """network.gexf is dynamic: every edge's spells are the ``since`` and ``until`` of
    its row of relations.csv (read above with the csv module); actors have no dates,
    so no node has spells."""
    assert gexf.graph["mode"] == "dynamic"
    edges = _edges_by_id(gexf)
    ended = 0
    for i, row in enumerate(bundle_relations):
        _, _, data = edges[f"r{i}"]
        if not row["since"] and not row["until"]:
            assert "spells" not in data, i
            continue
        assert data["spells"] == [(_spell_side(row["since"]), _spell_side(row["until"]))], i
        ended += bool(row["until"])
    assert ended > 0  # the example has ties that ended, not only running ones
    assert not {"since", "until"} & set(bundle_actors[0])
    for node in gexf.nodes:
        assert "spells" not in gexf.nodes[node], node


def test_gexf_places_located_actors_as_on_a_map(gexf):
    viz = {n: gexf.nodes[n]["viz"] for n in gexf.nodes}
    for node, v in viz.items():
        assert set(v["color"]) >= {"r", "g", "b"}
        assert ("position" in v) == ("longitude" in gexf.nodes[node])
    located = [n for n in gexf.nodes if "position" in viz[n]]
    east = max(located, key=lambda n: gexf.nodes[n]["longitude"])
    west = min(located, key=lambda n: gexf.nodes[n]["longitude"])
    assert viz[east]["position"]["x"] > viz[west]["position"]["x"]


def test_actors_geojson_reads_in_geopandas_without_professionals(outputs, graphml):
    actors = geopandas.read_file(outputs / "actors.geojson")
    assert actors.crs.to_epsg() == 4326
    assert (actors.geometry.geom_type == "Point").all()
    expected = [n for n in graphml.nodes
                if "longitude" in graphml.nodes[n]
                and graphml.nodes[n]["family"] != "professional"]
    assert list(actors["id"]) == expected
    assert actors["degree"].dtype.kind == "i"
    assert actors["betweenness"].dtype.kind == "f"
    for _, row in actors.iterrows():
        node = graphml.nodes[row["id"]]
        assert row["degree"] == node["degree"]
        assert row["betweenness"] == node["betweenness"]
        assert row.geometry.x == pytest.approx(node["longitude"], abs=1e-9)
        assert row.geometry.y == pytest.approx(node["latitude"], abs=1e-9)
        assert list(row["themes"]) == (node["themes"].split("|") if "themes" in node else [])


def test_network_geojson_reads_in_geopandas_with_shown_ends_only(outputs, graphml):
    actors = geopandas.read_file(outputs / "actors.geojson").set_index("id")
    network = geopandas.read_file(outputs / "network.geojson")
    assert network.crs.to_epsg() == 4326
    assert len(network) > 0
    assert (network.geometry.geom_type == "LineString").all()
    assert network["crosses_groups"].dtype == bool
    assert network["weight"].dtype.kind == "f"
    for _, edge in network.iterrows():
        assert edge["source"] in actors.index and edge["target"] in actors.index
        start, end = edge.geometry.coords
        assert start == pytest.approx(actors.geometry[edge["source"]].coords[0])
        assert end == pytest.approx(actors.geometry[edge["target"]].coords[0])
        assert len(edge["kinds"]) > 0
        groups = {graphml.nodes[edge[e]]["group"] for e in ("source", "target")}
        assert edge["crosses_groups"] == (len(groups) == 2)


def test_professionals_appear_when_asked(outputs, outputs_with_individuals, graphml):
    public = geopandas.read_file(outputs / "actors.geojson")
    everyone = geopandas.read_file(outputs_with_individuals / "actors.geojson")
    located = [n for n in graphml.nodes if "longitude" in graphml.nodes[n]]
    assert list(everyone["id"]) == located
    assert len(everyone) > len(public)
    ties = geopandas.read_file(outputs_with_individuals / "network.geojson")
    family = {n: graphml.nodes[n]["family"] for n in graphml.nodes}
    assert any(family[s] == "professional" or family[t] == "professional"
               for s, t in zip(ties["source"], ties["target"]))


def test_directory_lists_every_actor_with_its_dispositifs(outputs, bundle_actors):
    rows = _rows(outputs / "directory.csv")
    assert [r["id"] for r in rows] == [a["id"] for a in bundle_actors]
    gp = next(r for r in rows if r["id"] == "mg_001")
    assert gp["dispositifs"] == "cpts_lyon7"
    assert {"address", "phone", "email", "website"} <= set(rows[0])
