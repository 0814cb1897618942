"""The Python contract of `maillage.load` and `Territory`: types, conversions and
exceptions (the loader's rules themselves are tested in Rust and by the corpus)."""

from __future__ import annotations

import datetime
import math
import pathlib
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

import maillage
from conftest import BUNDLES, LYON7, REPO_ROOT, tomllib

ACTOR_KEYS = {
    "id", "name", "kind", "kind_label", "sector", "family", "themes", "lon", "lat",
    "capacity", "serves", "accepting", "attributes",
}
RELATION_KEYS = {"source", "target", "kind", "weight", "themes", "since", "until", "attributes"}
ACTION_KEYS = {
    "id", "name", "themes", "lead", "partners", "funders", "zones", "start", "end", "attributes",
}
NEED_KEYS = {"zone", "theme", "level", "source", "attributes", "raised"}
LAYER_KEYS = {"name", "file", "priority", "indicators", "zones"}
ZONE_KEYS = {
    "id",
    "name",
    "population",
    "anchor_lon",
    "anchor_lat",
    "properties",
    "indicators",
    "demand",
    "demand_estimated",
    "geometry",
}


def is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def is_str_dict(value) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def optional(value, kind) -> bool:
    return value is None or isinstance(value, kind)


# --- loading Lyon 7e ---------------------------------------------------------------


def test_loads_lyon7_with_its_counts(lyon7):
    assert len(lyon7) == 206
    assert len(lyon7.actors) == 206
    assert len(lyon7.relations) == 535
    assert lyon7.name == "Lyon 7e arrondissement"
    assert lyon7.date == datetime.date(2024, 6, 30)
    assert lyon7.coverage_layer == "iris"
    layers = {layer["name"]: layer for layer in lyon7.layers}
    assert list(layers) == ["iris", "qpv", "arrondissement"]
    assert len(layers["iris"]["zones"]) == 24
    assert layers["qpv"]["priority"] is True
    assert layers["iris"]["priority"] is False


def test_iris_population_sums_to_the_insee_total(lyon7):
    # INSEE RP 2012 population of the 24 IRIS of Lyon 7e (data/lyon7/territory.toml).
    (iris,) = [layer for layer in lyon7.layers if layer["name"] == "iris"]
    total = sum(z["population"] for z in iris["zones"])
    assert math.isclose(total, 75746, abs_tol=1e-6)
    assert math.isclose(sum(z["properties"]["p12_pop"] for z in iris["zones"]), 75746, abs_tol=1e-6)


def test_warnings_are_a_list_of_problems(lyon7):
    warnings = lyon7.warnings
    assert isinstance(warnings, list)
    assert all(isinstance(p, maillage.Problem) for p in warnings)
    assert all(p.severity == "warning" for p in warnings)


def test_repr_names_the_territory_and_counts():
    t = maillage.load(LYON7)
    assert repr(t) == "<Territory 'Lyon 7e arrondissement': 206 actors, 535 relations, 3 layers>"


def test_accepts_str_and_pathlike():
    from_str = maillage.load(str(LYON7))
    from_path = maillage.load(pathlib.Path(LYON7))
    assert len(from_str) == len(from_path) == 206


def test_refuses_a_path_of_the_wrong_type():
    with pytest.raises(TypeError):
        maillage.load(42)  # type: ignore[arg-type]


def test_loads_from_several_threads_at_once():
    # The loader runs without the GIL; several threads must each get a whole territory.
    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(lambda _: len(maillage.load(LYON7)), range(8)))
    assert sizes == [206] * 8


def test_version_is_the_workspace_version():
    cargo = tomllib.loads((REPO_ROOT / "Cargo.toml").read_text(encoding="utf-8"))
    assert maillage.__version__ == cargo["workspace"]["package"]["version"]


def test_package_reexports_the_module():
    from maillage import _maillage

    for name in ["load", "Territory", "Problem", "BundleError", "__version__"]:
        assert getattr(maillage, name) is getattr(_maillage, name)
        assert name in maillage.__all__


# --- types of every property ---------------------------------------------------------


def test_actor_dicts_have_their_types(lyon7):
    actors = lyon7.actors
    assert isinstance(actors, list)
    for a in actors:
        assert set(a) == ACTOR_KEYS
        for key in ["id", "name", "kind", "sector", "family"]:
            assert isinstance(a[key], str) and a[key], key
        assert isinstance(a["kind_label"], str) and a["kind_label"]
        assert is_str_list(a["themes"])
        assert is_str_list(a["serves"])
        assert all(":" in s for s in a["serves"])
        assert isinstance(a["capacity"], float) and a["capacity"] >= 0
        assert optional(a["accepting"], bool)
        assert is_str_dict(a["attributes"])
        assert (a["lon"] is None) == (a["lat"] is None)
        if a["lon"] is not None:
            assert isinstance(a["lon"], float) and isinstance(a["lat"], float)
            assert 4.8 < a["lon"] < 4.9 and 45.7 < a["lat"] < 45.77, a["id"]
    assert any(a["lon"] is None for a in actors), "Lyon 7e has unlocated actors"
    cpts = next(a for a in actors if a["id"] == "cpts_lyon7")
    assert cpts["kind"] == "cpts" and cpts["family"] == "dispositif"
    assert cpts["serves"] == ["arrondissement:69387"]
    assert cpts["attributes"]["email"] == "cpts@example.org"
    assert list(cpts["attributes"])[:2] == ["address", "phone"]  # header order


def test_relation_dicts_have_their_types(lyon7):
    ids = {a["id"] for a in lyon7.actors}
    relations = lyon7.relations
    for r in relations:
        assert set(r) == RELATION_KEYS
        assert r["source"] in ids and r["target"] in ids
        assert r["kind"] in {
            "member", "partner", "cofunding", "referral",
            "instance", "training", "resource", "communication",
        }
        assert isinstance(r["weight"], float) and r["weight"] > 0
        assert is_str_list(r["themes"])
        assert optional(r["since"], datetime.date)
        assert optional(r["until"], datetime.date)
        if r["since"] and r["until"]:
            assert r["since"] < r["until"]
        assert is_str_dict(r["attributes"])
    assert any(isinstance(r["since"], datetime.date) for r in relations)
    assert any(isinstance(r["until"], datetime.date) for r in relations)


def test_action_and_need_dicts_have_their_types(lyon7):
    ids = {a["id"] for a in lyon7.actors}
    assert lyon7.actions and lyon7.needs
    for a in lyon7.actions:
        assert set(a) == ACTION_KEYS
        assert isinstance(a["id"], str) and isinstance(a["name"], str)
        assert a["lead"] and set(a["lead"] + a["partners"] + a["funders"]) <= ids
        assert is_str_list(a["themes"]) and is_str_list(a["zones"])
        assert optional(a["start"], datetime.date) and optional(a["end"], datetime.date)
        assert is_str_dict(a["attributes"])
    for n in lyon7.needs:
        assert set(n) == NEED_KEYS
        assert isinstance(n["zone"], str) and ":" in n["zone"]
        assert isinstance(n["theme"], str)
        assert n["level"] in (1, 2, 3) and isinstance(n["level"], int)
        assert optional(n["source"], str)
        assert n["raised"] is False
        assert is_str_dict(n["attributes"])


def test_layer_and_zone_dicts_have_their_types(lyon7):
    for layer in lyon7.layers:
        assert set(layer) == LAYER_KEYS
        assert isinstance(layer["name"], str) and layer["file"].startswith("zones/")
        assert isinstance(layer["priority"], bool)
        assert isinstance(layer["indicators"], list)
        for z in layer["zones"]:
            assert set(z) == ZONE_KEYS
            # no demand by age declared in data/lyon7 (docs/bundle.md, "Demand by age")
            assert z["demand"] is None and z["demand_estimated"] is None
            assert isinstance(z["id"], str) and isinstance(z["name"], str)
            assert optional(z["population"], float)
            assert isinstance(z["anchor_lon"], float) and isinstance(z["anchor_lat"], float)
            assert isinstance(z["properties"], dict)
            geometry = z["geometry"]
            assert geometry["type"] == "MultiPolygon"
            for polygon in geometry["coordinates"]:
                for ring in polygon:
                    assert len(ring) >= 4 and ring[0] == ring[-1]
                    assert all(len(p) == 2 and all(isinstance(c, float) for c in p) for p in ring)


def test_zone_geometry_is_read_by_shapely(lyon7):
    shapely_geometry = pytest.importorskip("shapely.geometry")
    (iris,) = [layer for layer in lyon7.layers if layer["name"] == "iris"]
    for z in iris["zones"]:
        shape = shapely_geometry.shape(z["geometry"])
        assert shape.is_valid and shape.area > 0
        assert shape.covers(shapely_geometry.Point(z["anchor_lon"], z["anchor_lat"]))


def test_action_end_is_the_last_day_as_written():
    # actions.csv names the last day in `end` (A2 runs 2024-03-11..2024-03-24 included);
    # the dicts give it back as written.
    t = maillage.load(BUNDLES / "valid" / "minimal")
    rows = (BUNDLES / "valid" / "minimal" / "actions.csv").read_text(encoding="utf-8")
    header, *lines = rows.splitlines()
    columns = header.split(",")
    for line, action in zip(lines, t.actions):
        cells = dict(zip(columns, line.split(",")))
        assert action["id"] == cells["id"]
        for column in ["start", "end"]:
            want = datetime.date.fromisoformat(cells[column]) if cells[column] else None
            assert action[column] == want, column


def test_territory_is_immutable(lyon7):
    with pytest.raises(AttributeError):
        lyon7.name = "autre"  # type: ignore[misc]
    lyon7.actors[0]["name"] = "changed"
    assert lyon7.actors[0]["name"] != "changed"  # each access gives a new list


# --- errors ----------------------------------------------------------------------------


def test_bundle_error_is_a_value_error():
    assert issubclass(maillage.BundleError, ValueError)
    assert maillage.BundleError.__module__ == "maillage._maillage"


def test_bundle_error_lists_every_problem(english: None):
    with pytest.raises(maillage.BundleError) as info:
        maillage.load(BUNDLES / "invalid" / "several_errors_at_once")
    e = info.value
    assert isinstance(e.errors, list) and len(e.errors) >= 5
    assert isinstance(e.warnings, list)
    assert all(isinstance(p, maillage.Problem) for p in e.errors + e.warnings)
    assert all(p.severity == "error" for p in e.errors)
    kind = next(p for p in e.errors if p.code == "unknown_kind")
    assert (kind.file, kind.line, kind.feature, kind.field) == ("actors.csv", 5, None, "kind")
    assert "generalist" in kind.message
    assert str(kind).startswith("actors.csv:5: kind: unknown kind")
    qpv = next(p for p in e.errors if p.code == "missing_property")
    assert (qpv.file, qpv.line, qpv.feature, qpv.field) == ("zones/qpv.geojson", None, 0, "code_qp")
    assert str(qpv).startswith("zones/qpv.geojson#feature 0: code_qp: ")
    # str() lists every error, one per line, as file:line: field: message.
    lines = [line.strip() for line in str(e).splitlines()]
    for p in e.errors:
        assert str(p) in lines
        assert str(p) == f"{p.file}{'' if p.line is None else f':{p.line}'}" \
            f"{'' if p.feature is None else f'#feature {p.feature}'}" \
            f"{'' if p.field is None else f': {p.field}'}: {p.message}"


def test_a_missing_folder_is_a_bundle_error(tmp_path):
    with pytest.raises(maillage.BundleError) as info:
        maillage.load(tmp_path / "nowhere")
    (problem,) = info.value.errors
    assert problem.code == "missing_file"
    assert problem.line is None and problem.feature is None and problem.field is None


def test_bundle_error_keeps_warnings_met_before_refusal(tmp_path):
    # A Windows-1252 actors.csv gives a warning; a missing relations.csv then refuses.
    case = tmp_path / "case"
    shutil.copytree(BUNDLES / "invalid" / "windows1252_actors", case)
    (case / "relations.csv").unlink()
    with pytest.raises(maillage.BundleError) as info:
        maillage.load(case)
    assert [p.code for p in info.value.errors] == ["missing_file"]
    assert [p.code for p in info.value.warnings] == ["encoding"]


def test_problem_is_frozen_hashable_and_printable():
    with pytest.raises(maillage.BundleError) as info:
        maillage.load(BUNDLES / "invalid" / "unknown_kind")
    p = info.value.errors[0]
    with pytest.raises(AttributeError):
        p.code = "other"  # type: ignore[misc]
    assert isinstance(hash(p), int)
    with pytest.raises(maillage.BundleError) as second:
        maillage.load(BUNDLES / "invalid" / "unknown_kind")
    again = second.value.errors[0]
    assert p is not again and p == again and len({p, again}) == 1
    assert repr(p).startswith("<Problem error unknown_kind: ")
    assert str(p) in repr(p)
    for attr, kind in [("severity", str), ("file", str), ("code", str), ("message", str)]:
        assert isinstance(getattr(p, attr), kind)
    assert isinstance(p.line, int) and p.feature is None and isinstance(p.field, str)


def test_set_language_switches_the_messages_and_keeps_the_codes():
    assert maillage.get_language() == "fr"
    shown = {}
    for lang in ("en", "fr"):
        maillage.set_language(lang)
        assert maillage.get_language() == lang
        with pytest.raises(maillage.BundleError) as info:
            maillage.load(BUNDLES / "invalid" / "unknown_kind")
        shown[lang] = info.value
    en, fr = shown["en"], shown["fr"]
    assert str(en).startswith("the bundle has ")
    assert str(fr).startswith("le dossier du territoire a ")
    assert [p.code for p in en.errors] == [p.code for p in fr.errors]
    kind = next(p for p in fr.errors if p.code == "unknown_kind")
    # a problem is rendered when read: the same object follows the language
    assert "type inconnu" in kind.message
    maillage.set_language("en")
    assert "unknown kind" in kind.message
    assert str(kind).startswith("actors.csv:")
    with pytest.raises(ValueError, match="de"):
        maillage.set_language("de")
    assert maillage.get_language() == "en"
