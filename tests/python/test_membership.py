"""Membership and reach of the dispositifs, and the sectors a territory lacks
(docs/analyses.md §5), against an independent reading of the bundles: the actors'
points in the served zones by shapely, the memberships from relations.csv."""

from __future__ import annotations

import datetime

import pytest

import maillage
from conftest import REPO_ROOT

shapely = pytest.importorskip("shapely")
from shapely.geometry import Point, shape  # noqa: E402

EXAMPLES = ["lyon7", "grenoble_sud", "cevennes"]


def valid_on(relation: dict, date: datetime.date | None) -> bool:
    if date is None:
        return True
    since, until = relation.get("since"), relation.get("until")
    return (since is None or since <= date) and (until is None or date < until)


def independent_reach(territory, date):
    """Per dispositif id: (eligible, direct, through) as sets of actor ids."""
    zones = {
        (layer["name"], z["id"]): shape(z["geometry"])
        for layer in territory.layers
        for z in layer["zones"]
    }
    actors = territory.actors
    family = {a["id"]: a["family"] for a in actors}
    members, bodies = {}, {}
    for r in territory.relations:
        if r["source"] == r["target"] or not valid_on(r, date):
            continue
        target_family = family[r["target"]]
        if target_family == "dispositif" and r["kind"] in ("member", "instance"):
            members.setdefault(r["target"], set()).add(r["source"])
        elif r["kind"] == "member" and target_family in ("structure", "association"):
            bodies.setdefault(r["target"], set()).add(r["source"])
    result = {}
    for d in actors:
        if d["family"] != "dispositif":
            continue
        served = [zones[tuple(z.split(":", 1))] for z in d["serves"]]

        def inside(a):
            if not served:
                return True
            if a["lon"] is None:
                return False
            p = Point(a["lon"], a["lat"])
            return any(g.covers(p) for g in served)

        eligible = {
            a["id"]
            for a in actors
            if a["id"] != d["id"]
            and a["family"] not in ("dispositif", "working_group")
            and inside(a)
        }
        direct = members.get(d["id"], set())
        through = set().union(*(bodies.get(m, set()) for m in direct)) - direct
        result[d["id"]] = (eligible, direct & eligible, through & eligible)
    return result


@pytest.mark.parametrize("bundle", EXAMPLES)
def test_reach_equals_an_independent_reading(bundle):
    t = maillage.load(REPO_ROOT / "data" / bundle)
    d = t.diagnose()
    expected = independent_reach(t, t.date)
    got = {m["dispositif"]: m for m in d.membership()}
    assert set(got) == set(expected)
    for dispositif, (eligible, direct, through) in expected.items():
        m = got[dispositif]
        assert set(m["eligible"]) == eligible, dispositif
        assert set(m["direct"]) == direct, dispositif
        assert set(m["through_structures"]) == through, dispositif
        reached = direct | through
        assert set(m["non_members"]) == eligible - reached
        if eligible:
            assert m["rate"] == pytest.approx(len(reached) / len(eligible))
        by_kind = {g["group"]: g for g in m["by_kind"]}
        kinds = {a["id"]: a["kind"] for a in t.actors}
        for kind, g in by_kind.items():
            assert g["eligible"] == sum(1 for a in eligible if kinds[a] == kind)
            assert g["reached"] == sum(1 for a in reached if kinds[a] == kind)
        assert sum(g["eligible"] for g in m["by_family"]) == len(eligible)


def test_the_reach_on_an_earlier_date():
    t = maillage.load(REPO_ROOT / "data" / "cevennes")
    d = t.diagnose(since="2019-01-01")
    cpts = next(m for m in d.membership(layer="communes") if m["dispositif"] == "cpts_ecm")
    eligible, direct, through = independent_reach(t, datetime.date(2019, 1, 1))["cpts_ecm"]
    assert set(cpts["reached_since"]) == direct | through
    assert len(cpts["reached_since"]) == 62
    gp = next(g for g in cpts["by_kind"] if g["group"] == "medecin_generaliste")
    assert (gp["eligible"], gp["reached"], gp["reached_since"]) == (16, 15, 12)
    assert sum(g["eligible"] for g in cpts["by_zone"]) == len(eligible)
    with pytest.raises(ValueError, match="2019-09-30"):
        t.diagnose(since="2020-01-01")
    with pytest.raises(ValueError):
        d.membership(layer="nowhere")


def test_absences_in_the_gaps():
    t = maillage.load(REPO_ROOT / "data" / "cevennes")
    absent = t.diagnose().gaps["absent"]
    flagged = [a for a in absent if a["flagged"]]
    assert [a["missing"] for a in flagged] == [{"reference": "association_patients"}]
    sectors = [a["missing"]["sector"] for a in absent if "sector" in a["missing"]]
    assert sectors == ["hospital", "social", "education"]


def test_before_and_after_in_python():
    t = maillage.load(REPO_ROOT / "data" / "lyon7")
    d = t.diagnose(since="2022-01-01")
    e = d.evolution
    assert e["comparison"] == t.compare("2022-01-01", t.date)
    assert e["actions_ended"] == ["place_a_ma_sante", "webinaire_repppop", "sism_2023"]
    assert t.diagnose().evolution is None
