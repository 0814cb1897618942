"""The solicitation load (docs/analyses.md §5) that `Diagnosis.solicitation` gives and
`solicitation.csv` writes, recomputed from data/lyon7's CSV files with pandas and plain
Python: the library's loader is not used, only the built-in taxonomy file for the
family of each kind."""

from __future__ import annotations

import io
import json
from collections import defaultdict

import pytest

import maillage
from conftest import LYON7, REPO_ROOT, tomllib

pd = pytest.importorskip("pandas")

PARTS = ["dispositifs", "working_groups", "other_instances", "actions_led", "actions_joined"]


def _ids(cell) -> list[str]:
    """The ids of a `|`-separated cell (empty or NaN: none)."""
    if not isinstance(cell, str):
        return []
    return [x.strip() for x in cell.split("|") if x.strip()]


def _recomputed(bundle, taxonomy_file) -> tuple[pd.DataFrame, int]:
    """Every actor's load on the manifest's date, from the CSV files, and the threshold."""
    manifest = tomllib.loads((bundle / "territory.toml").read_text(encoding="utf-8"))
    date = pd.Timestamp(str(manifest["date"]))
    threshold = manifest.get("analysis", {}).get("solicitation_threshold", 5)
    families = {k: v["family"] for k, v in tomllib.loads(taxonomy_file.read_text(encoding="utf-8"))["kinds"].items()}
    actors = pd.read_csv(bundle / "actors.csv", dtype=str, keep_default_na=False)
    family = dict(zip(actors["id"], actors["kind"].map(families)))
    relations = pd.read_csv(bundle / "relations.csv", dtype=str)
    since = pd.to_datetime(relations["since"])
    until = pd.to_datetime(relations["until"])
    # a relation holds from `since` (included) to `until` (excluded)
    valid = (since.isna() | (since <= date)) & (until.isna() | (date < until))
    relations = relations[valid & (relations["source"] != relations["target"])]
    bodies = {part: defaultdict(set) for part in PARTS[:3]}
    for r in relations.itertuples():
        f = family[r.target]
        if r.kind in ("member", "instance") and f == "dispositif":
            bodies["dispositifs"][r.source].add(r.target)
        elif r.kind in ("member", "instance") and f == "working_group":
            bodies["working_groups"][r.source].add(r.target)
        elif r.kind == "instance":
            bodies["other_instances"][r.source].add(r.target)
    led: dict[str, int] = defaultdict(int)
    joined: dict[str, int] = defaultdict(int)
    actions = pd.read_csv(bundle / "actions.csv", dtype=str)
    for a in actions.itertuples():
        # an action runs from `start` to `end`, both included
        if isinstance(a.start, str) and pd.Timestamp(a.start) > date:
            continue
        if isinstance(a.end, str) and pd.Timestamp(a.end) < date:
            continue
        leads = set(_ids(a.lead))
        for x in leads:
            led[x] += 1
        for x in set(_ids(a.partners) + _ids(a.funders)) - leads:
            joined[x] += 1
    frame = pd.DataFrame(
        {
            "id": actors["id"],
            "dispositifs": [len(bodies["dispositifs"][i]) for i in actors["id"]],
            "working_groups": [len(bodies["working_groups"][i]) for i in actors["id"]],
            "other_instances": [len(bodies["other_instances"][i]) for i in actors["id"]],
            "actions_led": [led[i] for i in actors["id"]],
            "actions_joined": [joined[i] for i in actors["id"]],
        }
    )
    frame["solicitation"] = frame[PARTS].sum(axis=1)
    return frame, threshold


@pytest.fixture(scope="module")
def expected():
    return _recomputed(LYON7, REPO_ROOT / "crates" / "maillage" / "data" / "taxonomy.toml")


@pytest.fixture(scope="module")
def diagnosis(lyon7):
    return lyon7.diagnose()


def test_every_actors_load_equals_the_recomputed_one(diagnosis, expected):
    frame, threshold = expected
    load = diagnosis.solicitation
    assert load["threshold"] == threshold == 5
    got = maillage.frame(load["actors"], index=None)
    assert list(got["id"]) == list(frame["id"])
    for column in PARTS + ["solicitation"]:
        assert got[column].tolist() == frame[column].tolist(), column
    assert got["over_solicited"].tolist() == (frame["solicitation"] >= threshold).tolist()
    # the most solicited first, ties in bundle order
    over = frame[frame["solicitation"] >= threshold].reset_index()
    ranked = over.sort_values(["solicitation", "index"], ascending=[False, True])["id"].tolist()
    assert load["most_solicited"] == ranked
    assert ranked == ["coord_cpts", "cpts_lyon7", "coord_asv", "coord_clsm"]


def test_the_part_reads_as_the_others(diagnosis):
    assert "solicitation" in diagnosis.keys()
    assert diagnosis["solicitation"] == diagnosis.solicitation == diagnosis.to_dict()["solicitation"]


def test_solicitation_csv_holds_the_same_rows(diagnosis, expected):
    frame, _ = expected
    csv = pd.read_csv(io.StringIO(diagnosis.render("solicitation.csv")), dtype={"id": str})
    assert list(csv.columns) == [
        "id", "name", "kind", *PARTS, "solicitation", "over_solicited",
    ]
    assert csv["id"].tolist() == frame["id"].tolist()
    assert csv[PARTS + ["solicitation"]].values.tolist() == frame[PARTS + ["solicitation"]].values.tolist()


def _lyon7_with(threshold: str) -> maillage.Territory:
    """data/lyon7 from its tables, its manifest given `solicitation_threshold`."""
    manifest = (LYON7 / "territory.toml").read_text(encoding="utf-8")
    assert manifest.rstrip().splitlines()[-1].startswith("partition"), "[analysis] comes last"
    tables = {name: pd.read_csv(LYON7 / f"{name}.csv", dtype=str, keep_default_na=False) for name in ("actors", "relations", "actions")}
    layers = {name: json.loads((LYON7 / "zones" / f"{name}.geojson").read_text(encoding="utf-8")) for name in ("iris", "qpv", "arrondissement")}
    return maillage.Territory.from_frames(
        tables["actors"],
        tables["relations"],
        tables["actions"],
        layers=layers,
        manifest=manifest + f"solicitation_threshold = {threshold}\n",
    )


def test_the_manifest_threshold_is_read():
    load = _lyon7_with("6").diagnose().solicitation
    assert load["threshold"] == 6
    assert load["most_solicited"] == ["coord_cpts", "cpts_lyon7"]
    with pytest.raises(maillage.BundleError, match="analysis.solicitation_threshold") as e:
        _lyon7_with("0")
    assert "au moins 1" in str(e.value)
