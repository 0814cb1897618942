"""The network figures from Python: records, DataFrames, dates, and agreement with
networkx on the example network projected independently here."""

import datetime

import pytest

import maillage

nx = pytest.importorskip("networkx")


def projection(territory, date):
    """The undirected simple projection of docs/analyses.md, built from the records."""
    g = nx.Graph()
    g.add_nodes_from(a["id"] for a in territory.actors)
    for r in territory.relations:
        if r["source"] == r["target"]:
            continue
        if r["since"] and r["since"] > date or r["until"] and not date < r["until"]:
            continue
        if g.has_edge(r["source"], r["target"]):
            g[r["source"]][r["target"]]["weight"] += r["weight"]
        else:
            g.add_edge(r["source"], r["target"], weight=r["weight"])
    return g


@pytest.fixture(scope="module")
def report(lyon7):
    return lyon7.network()


def test_report_figures_agree_with_networkx(lyon7, report):
    g = projection(lyon7, lyon7.date)
    assert report.edge_count == g.number_of_edges()
    assert report.density == pytest.approx(nx.density(g), abs=1e-12)
    records = {a["id"]: a for a in report.actors}
    expected = {
        "betweenness": nx.betweenness_centrality(g),
        "closeness": nx.closeness_centrality(g),
        "clustering": nx.clustering(g),
        "constraint": nx.constraint(g, weight="weight"),
    }
    for figure, values in expected.items():
        for actor, value in values.items():
            got = records[actor][figure]
            if value != value:  # NaN in networkx for isolated actors
                assert got is None
            else:
                assert got == pytest.approx(value, abs=1e-9), (figure, actor)
    pagerank = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-10)
    for actor, value in pagerank.items():
        assert records[actor]["pagerank"] == pytest.approx(value, abs=1e-6)
    assert sorted(report.articulation_points) == sorted(nx.articulation_points(g))
    assert sorted(tuple(sorted(b)) for b in report.bridges) == sorted(tuple(sorted(b)) for b in nx.bridges(g))
    assert sorted(report.component_sizes, reverse=True) == sorted((len(c) for c in nx.connected_components(g)), reverse=True)


def test_records_have_every_figure_and_flat_brokerage(report):
    a = report.actors[0]
    for key in ["id", "name", "kind", "group", "degree", "strength", "betweenness", "closeness",
                "pagerank", "clustering", "constraint", "effective_size", "ei_index",
                "brokerage_coordinator", "brokerage_itinerant", "brokerage_gatekeeper",
                "brokerage_liaison", "brokerage_total", "articulation_point", "fragility", "community"]:
        assert key in a
    assert all(-1 <= g["ei_index"] <= 1 for g in report.groups if g["ei_index"] is not None)
    assert report.betweenness_method == "exact"
    assert "NetworkReport" in repr(report)


def test_dispositifs_name_who_bridges_the_cpts_and_the_asv(report):
    pairs = {frozenset((p["a"], p["b"])): p for p in report.dispositifs}
    cpts_asv = pairs[frozenset(("cpts_lyon7", "asv_gerland"))]
    assert cpts_asv["articulated"]
    assert "coord_asv" in cpts_asv["bridging_actors"]


def test_to_pandas_gives_dataframes(report):
    pd = pytest.importorskip("pandas")
    df = report.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert df.index.name == "id" and len(df) == report.actor_count
    assert df["betweenness"].idxmax() == "cpts_lyon7"
    for table in ["groups", "communities", "dispositifs"]:
        assert len(report.to_pandas(table)) == len(getattr(report, table))
    with pytest.raises(ValueError, match="pas de tableau"):
        report.to_pandas("nope")


def test_options_partition_pivots_and_dates(lyon7):
    by_kind = lyon7.network(partition="kind")
    assert by_kind.partition == "kind"
    assert {g["group"] for g in by_kind.groups} == {a["kind"] for a in lyon7.actors}
    sampled = lyon7.network(betweenness_pivots=50, seed=3)
    assert sampled.betweenness_method.startswith("sampled")
    assert lyon7.network(betweenness_pivots=50, seed=3).actors == sampled.actors
    early = lyon7.network("2021-01-01")
    assert early.date == datetime.date(2021, 1, 1)
    assert early.edge_count < lyon7.network().edge_count
    assert lyon7.network(datetime.date(2021, 1, 1)).edge_count == early.edge_count
    with pytest.raises(ValueError, match="partition"):
        lyon7.network(partition="no_such_column")
    with pytest.raises(ValueError, match="2021-13-01"):
        lyon7.network("2021-13-01")
    with pytest.raises(ValueError, match="pivots"):
        lyon7.network(betweenness_pivots=1)
    with pytest.raises(TypeError):
        lyon7.network(2021)


def test_at_and_compare(lyon7):
    before = lyon7.at("2022-01-01")
    assert isinstance(before, maillage.Territory)
    assert len(before.actors) == len(lyon7.actors)
    assert len(before.relations) < len(lyon7.relations)
    c = lyon7.compare("2022-01-01", lyon7.date)
    assert c["before"]["edges"] == before.network().edge_count
    assert c["after"]["edges"] + len(c["lost"]) == c["before"]["edges"] + len(c["gained"])
    assert c["gained_cross_group"] == sum(t["crosses_groups"] for t in c["gained"])
    assert c["gained_cross_group"] > 0


def test_report_headline_properties_of_lyon7(lyon7):
    report = lyon7.network()
    # Louvain modularity of a network with communities; key players and their effect
    assert 0.3 < report.modularity < 1.0
    key = report.key_players
    assert len(key["actors"]) == 2
    assert key["fragmentation_after"] > key["fragmentation_before"]
    assert isinstance(report.notes, list) and all(isinstance(n, str) for n in report.notes)
    assert report.to_dict()["modularity"] == report.modularity
