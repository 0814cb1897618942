"""The declared zone indicators of a diagnosis (docs/analyses.md §2, "Declared zone
indicators"): ``Diagnosis.indicators()``, indicators.csv, the report's « Indicateurs des
quartiers » and the summary's line, checked against an independent pandas computation
from the bundle's own files.

data/lyon7 declares ``tchom``, the unemployment rate of its IRIS (real INSEE values,
7.34 % to 22.3 %, better lower); the priority zones are found here again with shapely,
from the QPV outlines."""

from __future__ import annotations

import io
import json

import pandas
import pytest
from shapely.geometry import shape
from shapely.ops import unary_union

from conftest import LYON7


def expected_frame() -> pandas.DataFrame:
    """Every IRIS of data/lyon7 with its population, rate and priority status, from
    the bundle's GeoJSON files alone: a priority IRIS is one whose anchor (its centroid,
    or a point on its surface when the centroid falls outside) lies in a QPV."""
    iris = json.loads((LYON7 / "zones/iris.geojson").read_text())["features"]
    qpv = json.loads((LYON7 / "zones/qpv.geojson").read_text())["features"]
    qpvs = unary_union([shape(f["geometry"]) for f in qpv])
    rows = []
    for f in iris:
        outline = shape(f["geometry"])
        anchor = outline.centroid if outline.contains(outline.centroid) else outline.representative_point()
        p = f["properties"]
        rows.append(
            {
                "id": str(p["id"]),
                "name": p["libiris"],
                "population": float(p["p12_pop"]),
                "tchom": p["tchom"],
                "priority": bool(qpvs.contains(anchor)),
            }
        )
    return pandas.DataFrame(rows)


def weighted(frame: pandas.DataFrame) -> float:
    valued = frame.dropna(subset=["tchom"])
    return float((valued["population"] * valued["tchom"]).sum() / valued["population"].sum())


def french(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


@pytest.fixture(scope="module")
def diagnosis(lyon7):
    return lyon7.diagnose()


def test_priority_zones_against_the_others_as_pandas_computes_them(diagnosis) -> None:
    zones = expected_frame()
    assert zones["priority"].sum() == 1  # Cité-Jardin
    priority, other = weighted(zones[zones["priority"]]), weighted(zones[~zones["priority"]])
    comparison = diagnosis.indicators("comparison")
    assert list(comparison["indicator"]) == ["tchom"]
    row = comparison.iloc[0]
    assert (row["label"], row["unit"], row["better"]) == ("Taux de chômage", "%", "lower")
    assert row["priority"] == pytest.approx(priority, abs=1e-12)
    assert row["other"] == pytest.approx(other, abs=1e-12)
    assert (row["priority_with_value"], row["other_with_value"], row["without_value"]) == (1, 23, 0)
    # the report's table and the summary's line say the same, rounded
    report = diagnosis.render("report.html")
    section = report[report.index('<section id="indicateurs">') :]
    section = section[: section.index("</section>")]
    assert f'<td class="num">{french(priority)}</td><td class="num">{french(other)}</td>' in section
    assert f"zones prioritaires {priority:.2f}, autres zones {other:.2f}" in diagnosis.summary_text()


def test_the_ranking_is_pandas_sort_worst_first_ties_by_id(diagnosis) -> None:
    zones = expected_frame().sort_values(["tchom", "id"], ascending=[False, True])
    ranking = diagnosis.indicators()
    assert list(ranking["id"]) == list(zones["id"])
    assert list(ranking["rank"]) == list(range(1, len(zones) + 1))
    assert list(ranking["value"]) == list(zones["tchom"])
    assert list(ranking["priority"]) == list(zones["priority"])
    assert ranking.iloc[0]["name"] == "Cite-Jardin" and ranking.iloc[-1]["value"] == 7.34
    # the counts and access beside each zone are those of zones.csv
    table = pandas.read_csv(io.StringIO(diagnosis.render("zones.csv")), dtype={"id": str}).set_index("id")
    for column in ["actors", "count_medecin_generaliste", "access_medecin_generaliste"]:
        assert list(ranking[column]) == pytest.approx(list(table.loc[ranking["id"], column]))
    # indicators.csv holds the same rows
    csv = pandas.read_csv(io.StringIO(diagnosis.render("indicators.csv")), dtype={"id": str})
    assert list(csv["id"]) == list(ranking["id"])
    assert list(csv["value"]) == pytest.approx(list(ranking["value"]))
    # the report shows the ten worst off, in that order
    report = diagnosis.render("report.html")
    section = report[report.index('<section id="indicateurs">') :]
    positions = [section.index(f"({zone_id})</span>") for zone_id in zones["id"][:10]]
    assert positions == sorted(positions)
    assert f"({zones['id'].iloc[10]})</span>" not in section


def test_english_rendering(diagnosis, english) -> None:
    report = diagnosis.render("report.html")
    assert "<h2>Neighbourhood indicators</h2>" in report
    assert "(lower is better)" in report
    assert 'indicator "Taux de chômage (%)" (lower is better)' in diagnosis.summary_text()


def test_no_indicators_no_section(repo_root) -> None:
    import maillage

    d = maillage.load(repo_root / "data" / "grenoble_sud").diagnose()
    assert d.coverage["declared"] == []
    assert d.indicators().empty and d.indicators("comparison").empty
    assert 'id="indicateurs"' not in d.render("report.html")
    with pytest.raises(ValueError, match="ranking"):
        d.indicators("nope")
