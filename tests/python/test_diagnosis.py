"""`Territory.diagnose()` gives a `Diagnosis`: every result, as plain Python objects,
and the writers of the outputs (`write`, `render`, `to_geojson`, `to_geopandas`)."""

from __future__ import annotations

import json

import pytest

import maillage
from conftest import BUNDLES

ALL_OUTPUTS = [
    "zones.geojson", "actors.csv", "groups.csv", "dispositifs.csv", "zones.csv", "gaps.csv",
    "suggestions.csv", "directory.csv", "solicitation.csv", "pathways.csv", "membership.csv",
    "non_members.csv", "evolution.csv", "indicators.csv", "access_road.csv", "shared_themes.csv",
    "dispositif_overlap.csv", "affiliations.csv", "actors.geojson", "network.geojson",
    "network.graphml", "network.gexf", "affiliation.graphml", "affiliation.gexf", "report.html",
    "summary.txt", "diagnostic.xlsx",
]
# Written when asked only (docs/outputs.md, "GeoPackage", "GeoParquet").
GIS_OUTPUTS = ["diagnostic.gpkg", "zones.parquet", "actors.parquet", "ties.parquet"]


@pytest.fixture(scope="module")
def diagnosis(lyon7):
    return lyon7.diagnose()


def test_summary_of_lyon7(diagnosis):
    assert isinstance(diagnosis, maillage.Diagnosis)
    summary = diagnosis["summary"]
    assert summary == diagnosis.summary
    assert summary["actors"] == 206
    assert summary["territory"] == "Lyon 7e arrondissement"
    assert summary["date"] == "2024-06-30"
    assert summary["relations_total"] == 535
    assert diagnosis["coverage"]["layer"] == "iris"
    assert len(diagnosis.coverage["zones"]) == 24
    assert diagnosis.keys() == [
        "summary", "coverage", "network", "gaps", "solicitation", "shared_themes", "overlap",
        "affiliation",
    ]
    assert "gaps" in diagnosis and "nothing" not in diagnosis
    assert "206 actors" in repr(diagnosis)


def test_unknown_part_is_a_key_error(diagnosis):
    with pytest.raises(KeyError, match="summary"):
        diagnosis["résumé"]


def test_values_have_json_types(diagnosis, lyon7):
    summary = diagnosis.summary
    for key in ["actors", "located_actors", "relations", "edges", "components"]:
        assert isinstance(summary[key], int) and not isinstance(summary[key], bool), key
    assert isinstance(summary["density"], float)
    assert sum(summary["actors_by_sector"].values()) == 206
    (iris,) = [layer for layer in lyon7.layers if layer["name"] == "iris"]
    assert [z["id"] for z in diagnosis.coverage["zones"]] == [z["id"] for z in iris["zones"]]
    for z in diagnosis.coverage["zones"]:
        assert isinstance(z["priority"], bool)
        assert sum(z["count_by_kind"].values()) == z["actors"]


def test_to_dict_is_json_serialisable_and_holds_every_part(diagnosis):
    d = diagnosis.to_dict()
    assert list(d) == [
        "summary", "coverage", "network", "gaps", "solicitation", "shared_themes", "overlap",
        "affiliation",
    ]
    assert json.loads(json.dumps(d, allow_nan=False)) == d
    assert d["network"] == diagnosis.network.to_dict() == diagnosis["network"]
    assert d["gaps"] == diagnosis.gaps


def test_same_as_the_separate_analyses(diagnosis, lyon7):
    assert diagnosis.coverage == lyon7.coverage()
    assert diagnosis.network.to_dict() == lyon7.network().to_dict()


def test_options_reach_the_network(lyon7):
    d = lyon7.diagnose(partition="kind", betweenness_pivots=16, seed=7)
    assert d.network.partition == "kind"
    assert d.network.betweenness_method.startswith("sampled")
    with pytest.raises(ValueError, match="aucun attribut des acteurs de ce nom"):
        lyon7.diagnose(partition="couleur")
    with pytest.raises(ValueError, match="au moins 2 pivots"):
        lyon7.diagnose(betweenness_pivots=1)


def test_number_of_suggested_links_is_a_choice(lyon7):
    assert len(lyon7.diagnose()["gaps"]["suggested_links"]) == 20
    three = lyon7.diagnose(suggestions=3)["gaps"]["suggested_links"]
    assert three == lyon7.diagnose()["gaps"]["suggested_links"][:3]


def test_zones_of_the_minimal_bundle_in_file_order():
    d = maillage.load(BUNDLES / "valid" / "minimal").diagnose()
    assert d.summary["actors"] == 12
    assert [z["id"] for z in d.coverage["zones"]] == ["Q1", "Q2", "Q3"]


def test_write_gives_the_files_of_the_command_and_the_same_bytes_twice(diagnosis, tmp_path):
    first = diagnosis.write(tmp_path / "a")
    assert [p.rsplit("/", 1)[-1] for p in first] == ALL_OUTPUTS
    diagnosis.write(tmp_path / "b")
    for name in ALL_OUTPUTS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "report.html").read_text(encoding="utf-8") == diagnosis.render("report.html")


def test_write_some_outputs_with_options(diagnosis, tmp_path):
    written = diagnosis.write(
        tmp_path, ["zones.geojson", "report.html"],
        indicator=["density_pharmacie", "actors"], min_count=11,
    )
    assert len(written) == 2
    zones = json.loads((tmp_path / "zones.geojson").read_text(encoding="utf-8"))
    assert zones["legend"]["property"] == "density_pharmacie"
    assert zones["legend"]["min_count"] == 11
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    # the two chosen, and the map of the declared indicator tchom (« Indicateurs des quartiers »)
    assert report.count('class="carte explorable"') == 2 + 1
    assert "secret statistique" in report


def test_write_refuses_unknown_outputs_and_indicators(diagnosis, tmp_path):
    with pytest.raises(ValueError, match="zones.geojson"):
        diagnosis.write(tmp_path, ["zones.json"])
    with pytest.raises(ValueError, match="access_medecin_generaliste"):
        diagnosis.write(tmp_path, indicator="acces")
    with pytest.raises(ValueError, match="liste de noms"):
        diagnosis.to_geojson(indicator=3)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_changes_nothing(diagnosis, tmp_path):
    diagnosis.write(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    (tmp_path / "report.html").unlink()
    (tmp_path / "report.html").mkdir()
    del before["report.html"]
    with pytest.raises(OSError, match="report.html"):
        diagnosis.write(tmp_path, indicator="actors", include_individuals=True)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before


def test_to_geojson_is_the_written_map(diagnosis, tmp_path):
    diagnosis.write(tmp_path, ["zones.geojson", "actors.geojson", "network.geojson"])
    for layer in ["zones", "actors", "network"]:
        written = json.loads((tmp_path / f"{layer}.geojson").read_text(encoding="utf-8"))
        assert diagnosis.to_geojson(layer) == written
    assert diagnosis.__geo_interface__ == diagnosis.to_geojson()
    with pytest.raises(ValueError, match="'zones', 'actors' ou 'network'"):
        diagnosis.to_geojson("iris")


def test_geopandas_reads_the_maps(diagnosis):
    geopandas = pytest.importorskip("geopandas")
    zones = geopandas.GeoDataFrame.from_features(diagnosis, crs="EPSG:4326")
    assert len(zones) == 24
    frame = diagnosis.to_geopandas(indicator="actors")
    assert frame.crs.to_epsg() == 4326 and len(frame) == 24
    assert frame.index.name == "id"
    assert frame["actors"].sum() == sum(z["actors"] for z in diagnosis.coverage["zones"])
    actors = diagnosis.to_geopandas("actors")
    assert (actors.geometry.geom_type == "Point").all()
    network = diagnosis.to_geopandas("network")
    assert (network.geometry.geom_type == "LineString").all()


def test_the_map_hides_small_counts_for_publication(diagnosis):
    open_map = diagnosis.to_geojson()
    strict = diagnosis.to_geojson(min_count=11)
    small = 0
    for a, b in zip(open_map["features"], strict["features"]):
        assert "suppressed" not in a["properties"]
        for key, value in a["properties"].items():
            if key == "actors" or key.startswith("count_"):
                if 1 <= value < 11:
                    small += 1
                    assert b["properties"][key] is None
    assert small > 0


def test_summary_text_is_the_summary_txt_output(diagnosis, tmp_path):
    text = diagnosis.summary_text()
    assert text.startswith("Lyon 7e arrondissement : réseau au 2024-06-30\n")
    assert "articulation entre dispositifs :" in text
    diagnosis.write(tmp_path, ["summary.txt"])
    assert (tmp_path / "summary.txt").read_text(encoding="utf-8") == text
    maillage.set_language("en")
    english = diagnosis.summary_text()
    assert english.startswith("Lyon 7e arrondissement: network on 2024-06-30\n")
    assert "articulation between dispositifs:" in english


def test_diagnostic_xlsx_opens_in_openpyxl_as_the_csv_tables(diagnosis, tmp_path):
    """diagnostic.xlsx read by openpyxl: the sheets, frozen French headers, number
    formats, and the same rows as the CSV tables (docs/outputs.md, "Diagnosis workbook")."""
    import csv

    import openpyxl

    diagnosis.write(tmp_path, ["diagnostic.xlsx", "actors.csv", "zones.csv"])
    book = openpyxl.load_workbook(tmp_path / "diagnostic.xlsx")
    assert book.sheetnames == ["Lisez-moi", "acteurs", "zones", "écarts", "liens à créer",
                               "annuaire", "dispositifs", "groupes", "sollicitations"]
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref.startswith("A1:"), name
    acteurs = book["acteurs"]
    header = [c.value for c in acteurs[1]]
    assert header[:3] == ["identifiant", "nom", "type"]
    assert "intermédiarité" in header
    with open(tmp_path / "actors.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert acteurs.max_row == len(rows)
    betweenness = header.index("intermédiarité")
    for sheet_row, csv_row in zip(acteurs.iter_rows(min_row=2), rows[1:]):
        assert sheet_row[0].value == csv_row[0]
        cell = sheet_row[betweenness]
        assert isinstance(cell.value, (int, float)) and cell.value == float(csv_row[betweenness])
        assert cell.number_format == "#,##0.0000"
    zones = book["zones"]
    population = [c.value for c in zones[1]].index("population")
    assert zones.cell(row=2, column=population + 1).number_format == "#,##0"
    assert all(isinstance(r[0].value, str) for r in zones.iter_rows(min_row=2))
    assert acteurs.column_dimensions["B"].width > 10


def test_the_stubs_name_every_output():
    """The type stubs' `_Output` literal lists exactly the files a diagnosis writes."""
    import re
    from pathlib import Path

    stubs = (Path(maillage.__file__).parent / "_maillage.pyi").read_text(encoding="utf-8")
    literal = re.search(r"_Output = Literal\[(.*?)\]", stubs, re.S).group(1)
    assert set(re.findall(r'"([^"]+)"', literal)) == set(ALL_OUTPUTS) | set(GIS_OUTPUTS)
