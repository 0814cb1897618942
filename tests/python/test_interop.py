"""A territory from DataFrames and from networkx, and to networkx: the same territory
and the same diagnosis as the bundle it came from, every attribute kept, and errors
that name the table, the line and the column."""

from __future__ import annotations

import datetime
import sys

import pytest

import maillage
from conftest import BUNDLES, REPO_ROOT, tomllib

pandas = pytest.importorskip("pandas")
geopandas = pytest.importorskip("geopandas")
networkx = pytest.importorskip("networkx")

EXAMPLES = [REPO_ROOT / "data" / "lyon7", REPO_ROOT / "data" / "grenoble_sud", BUNDLES / "valid" / "minimal"]


def frames_of(bundle):
    """What an analyst holds after reading a bundle with pandas and geopandas."""
    manifest = tomllib.loads((bundle / "territory.toml").read_text(encoding="utf-8"))
    read = lambda name: pandas.read_csv(bundle / name, dtype=str, keep_default_na=False) if (bundle / name).exists() else None
    layers, fields = {}, {}
    for name, spec in manifest["layers"].items():
        layers[name] = geopandas.read_file(bundle / spec["file"])
        fields[name] = {k: v for k, v in spec.items() if k != "file"}
    return dict(
        actors=read("actors.csv"), relations=read("relations.csv"),
        actions=read("actions.csv"), needs=read("needs.csv"), layers=layers,
        name=manifest["name"], date=manifest.get("date"), layer_fields=fields,
        analysis=manifest.get("analysis"),
    )


@pytest.mark.parametrize("bundle", EXAMPLES, ids=lambda p: p.name)
def test_from_frames_of_a_bundle_gives_the_same_diagnosis(bundle):
    loaded = maillage.load(bundle)
    built = maillage.Territory.from_frames(**frames_of(bundle))
    assert built.actors == loaded.actors
    assert built.relations == loaded.relations
    assert built.actions == loaded.actions
    assert built.needs == loaded.needs
    assert built.diagnose().to_dict() == loaded.diagnose().to_dict()


@pytest.mark.parametrize("bundle", EXAMPLES, ids=lambda p: p.name)
def test_a_territory_from_frames_saved_as_a_bundle_loads_back_equal(bundle, tmp_path):
    built = maillage.Territory.from_frames(**frames_of(bundle))
    built.save(tmp_path / "saved")
    again = maillage.load(tmp_path / "saved")
    assert (tmp_path / "saved" / "territory.toml").exists()
    assert again.actors == built.actors
    assert again.relations == built.relations
    assert again.actions == built.actions
    assert again.needs == built.needs
    assert again.diagnose().to_dict() == built.diagnose().to_dict()


def test_saving_where_nothing_can_be_written_is_an_os_error(lyon7, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError, match="file"):
        lyon7.save(blocker / "bundle")


def test_from_frames_takes_records_and_dicts_of_columns():
    frames = frames_of(BUNDLES / "valid" / "minimal")
    as_records = {
        **frames,
        "actors": frames["actors"].to_dict(orient="records"),
        "relations": frames["relations"].to_dict(orient="list"),
        "layers": {k: v.__geo_interface__ for k, v in frames["layers"].items()},
    }
    built = maillage.Territory.from_frames(**as_records)
    assert built.actors == maillage.load(BUNDLES / "valid" / "minimal").actors


def test_lambert93_geodataframes_are_reprojected():
    frames = frames_of(BUNDLES / "valid" / "minimal")
    frames["layers"] = {k: v.to_crs(2154) for k, v in frames["layers"].items()}
    built = maillage.Territory.from_frames(**frames)
    loaded = maillage.load(BUNDLES / "valid" / "minimal")
    for a, b in zip(built.layers, loaded.layers):
        for za, zb in zip(a["zones"], b["zones"]):
            assert za["anchor_lon"] == pytest.approx(zb["anchor_lon"], abs=1e-6)
            assert za["anchor_lat"] == pytest.approx(zb["anchor_lat"], abs=1e-6)


def test_a_missing_column_is_named():
    frames = frames_of(BUNDLES / "valid" / "minimal")
    frames["actors"] = frames["actors"].drop(columns=["kind"])
    with pytest.raises(maillage.BundleError) as e:
        maillage.Territory.from_frames(**frames)
    assert any(p.file == "actors.csv" and p.field == "kind" for p in e.value.errors), e.value.errors
    assert "kind" in str(e.value)


def test_bad_cells_are_named_by_line_and_column_all_at_once():
    frames = frames_of(BUNDLES / "valid" / "minimal")
    frames["actors"].loc[2, "kind"] = "generalist"           # row 2 of the frame: line 4
    frames["relations"].loc[0, "since"] = "2023-02-30"
    with pytest.raises(maillage.BundleError) as e:
        maillage.Territory.from_frames(**frames)
    places = {(p.file, p.line, p.field) for p in e.value.errors}
    assert ("actors.csv", 4, "kind") in places
    assert ("relations.csv", 2, "since") in places


def test_wrong_types_are_type_errors():
    frames = frames_of(BUNDLES / "valid" / "minimal")
    with pytest.raises(TypeError, match="actors: expected a pandas DataFrame"):
        maillage.Territory.from_frames(**{**frames, "actors": 42})
    with pytest.raises(TypeError, match=r"layers\['quartiers'\]"):
        maillage.Territory.from_frames(**{
            **frames, "layers": {"quartiers": "zones.geojson"},
            "layer_fields": {"quartiers": frames["layer_fields"]["quartiers"]},
        })
    with pytest.raises(ValueError, match="layer_fields: no layer 'iris'"):
        maillage.Territory.from_frames(**{**frames, "layer_fields": {"iris": {}}})


def test_to_networkx_holds_every_actor_and_relation(lyon7):
    graph = lyon7.to_networkx()
    assert isinstance(graph, networkx.MultiDiGraph)
    assert graph.number_of_nodes() == len(lyon7.actors) == 206
    assert graph.number_of_edges() == len(lyon7.relations) == 535
    cpts = graph.nodes["cpts_lyon7"]
    assert cpts["kind"] == "cpts" and cpts["email"] == "cpts@example.org"
    assert isinstance(cpts["themes"], list)
    _, _, first = next(iter(graph.edges(data=True)))
    assert {"kind", "weight", "since", "until"} <= set(first)
    assert graph.graph["date"] == datetime.date(2024, 6, 30)


@pytest.mark.parametrize("bundle", EXAMPLES, ids=lambda p: p.name)
def test_networkx_round_trip_keeps_every_attribute(bundle):
    loaded = maillage.load(bundle)
    frames = frames_of(bundle)
    graph = loaded.to_networkx()
    back = maillage.from_networkx(
        graph, layers=frames["layers"], layer_fields=frames["layer_fields"],
        analysis=frames["analysis"],
    )
    again = back.to_networkx()
    assert dict(again.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(again.edges(data=True), key=repr) == sorted(graph.edges(data=True), key=repr)
    assert back.actors == loaded.actors and back.relations == loaded.relations


def test_from_networkx_of_a_plain_graph():
    graph = networkx.karate_club_graph()
    for node, data in graph.nodes(data=True):
        data.clear()
        data.update(name=f"Acteur {node}", kind="association")
    graph = networkx.relabel_nodes(graph, {n: f"a{n}" for n in graph})
    square = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"id": "T"},
        "geometry": {"type": "Polygon", "coordinates": [[[4.8, 45.7], [4.9, 45.7], [4.9, 45.8], [4.8, 45.8], [4.8, 45.7]]]},
    }]}
    with pytest.raises(maillage.BundleError, match="aucune couche n’est déclarée"):
        maillage.from_networkx(graph)
    territory = maillage.from_networkx(graph, layers={"territoire": square}, name="Karaté")
    assert territory.name == "Karaté" and len(territory) == 34
    assert len(territory.relations) == 78
    report = territory.network()
    expected = networkx.betweenness_centrality(graph)
    for a in report.actors:
        assert a["betweenness"] == pytest.approx(expected[a["id"]], abs=1e-12)
