"""Coverage and gaps from Python: records, DataFrames, and the seed's situations."""

import pytest

import maillage


@pytest.fixture(scope="module")
def coverage(lyon7):
    return lyon7.coverage()


@pytest.fixture(scope="module")
def gaps(lyon7):
    return lyon7.gaps()


def test_coverage_has_one_record_per_iris_with_every_indicator(coverage):
    assert coverage["layer"] == "iris"
    assert len(coverage["zones"]) == 24
    z = coverage["zones"][0]
    for key in ["id", "name", "population", "priority", "actors", "count_by_kind", "count_by_sector",
                "density", "access", "nearest_m", "dispositifs", "overlap", "actions"]:
        assert key in z
    assert set(z["access"]) == {"medecin_generaliste", "pharmacie", "orthophoniste"}
    # counts per zone sum to the located actors inside the layer
    assert sum(z["actors"] for z in coverage["zones"]) == 177
    assert sum(z["population"] for z in coverage["zones"]) == pytest.approx(75_746)


def test_two_step_fca_conserves_supply(lyon7, coverage):
    """Σ_z A_z·P_z = Σ_j S_j over the suppliers with demand in reach (spec §2)."""
    gps = [a for a in lyon7.actors if a["kind"] == "medecin_generaliste" and a["lon"] is not None]
    total = sum(z["access"]["medecin_generaliste"] / 10_000 * z["population"] for z in coverage["zones"])
    # every GP of Lyon 7e lies inside an IRIS, so every one has demand in reach
    assert total == pytest.approx(sum(a["capacity"] for a in gps), rel=1e-12)


def test_priority_comparison_sets_the_qpv_against_the_rest(coverage):
    cmp = coverage["comparison"]
    assert cmp["priority_zones"] == 1 and cmp["other_zones"] == 23


def test_gaps_find_the_situations_of_the_seed(gaps):
    speech = [g for g in gaps["service"] if g["kind"] == "orthophoniste"]
    assert any(g["zone_name"] == "Cite-Jardin" for g in speech)
    diabetes = [n for n in gaps["needs"] if n["zone"] == "qpv:QP069033" and n["theme"].startswith("diab")]
    assert diabetes and all(n["status"] == "covered" for n in diabetes)
    assert any("prev_obesite_diabete" in n["actions"] for n in diabetes)
    assert {n["theme"] for n in gaps["needs"] if n["status"] == "uncovered"} == {"addictions"}
    links = gaps["suggested_links"]
    assert links and links == sorted(links, key=lambda l: -l["score"])
    assert all(l["group_a"] != l["group_b"] and l["shared_themes"] for l in links)


def test_frame_makes_dataframes(coverage, gaps):
    pd = pytest.importorskip("pandas")
    zones = maillage.frame(coverage["zones"])
    assert isinstance(zones, pd.DataFrame) and zones.index.name == "id" and len(zones) == 24
    assert "access.medecin_generaliste" in zones.columns
    links = maillage.frame(gaps["suggested_links"], index=None)
    assert {"a", "b", "score"} <= set(links.columns)
