"""Hostile input from Python and from the command line: every bundle of tests/hostile/
either loads (with its documented warnings) or raises ``maillage.BundleError`` whose
problems name file and place; bad arguments raise ordinary Python exceptions. A Rust
panic must never reach the interpreter (pyo3's PanicException derives from
BaseException, so ``pytest.raises(Exception)`` would let it through and fail), and
the command never leaves an output file behind for a refused bundle."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import maillage
from conftest import LYON7, REPO_ROOT

HOSTILE = REPO_ROOT / "tests" / "hostile"

# bundle -> (loads?, codes that must appear among the errors, or warnings if it loads)
CASES = {
    "nimes_invalid_qpv": (True, {"invalid_polygon"}),
    "holes_and_multipolygons": (True, {"outside_zones"}),
    "reunion_wgs84": (True, set()),
    "utf16_actors": (True, {"encoding"}),
    "empty_geometries": (False, {"bad_geometry"}),
    "guadeloupe_utm_as_lambert93": (False, {"bad_coordinates", "bad_geometry"}),
    "binary_actors": (False, {"missing_column"}),
    "deeply_nested_json": (False, {"invalid_json"}),
    "deeply_nested_toml": (False, {"bad_manifest"}),
    "nul_and_quotes": (False, set()),
    "non_finite_numbers": (False, {"bad_number"}),
    "overflowing_coordinates": (False, {"invalid_json"}),
    "tab_separated": (False, {"missing_column"}),
    "layer_is_a_device": (False, {"too_large"}),
    "layer_outside_the_bundle": (False, {"outside_bundle"}),
}


def test_every_hostile_bundle_is_listed():
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_dir()}
    assert on_disk == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_python_loads_or_raises_a_bundle_error(name):
    loads, codes = CASES[name]
    if loads:
        t = maillage.load(HOSTILE / name)
        assert codes <= {w.code for w in t.warnings}
        t.diagnose()  # and the analyses take what loaded
        return
    with pytest.raises(maillage.BundleError) as info:
        maillage.load(HOSTILE / name)
    errors = info.value.errors
    assert errors
    assert codes <= {p.code for p in errors}
    for p in errors:
        assert p.file and "attendu" in p.message
        assert p.line is None or p.line >= 1
    assert len(str(info.value)) < 200_000


def test_a_huge_sparse_file_is_refused_unread(tmp_path):
    for f in ("territory.toml", "actors.csv", "relations.csv"):
        (tmp_path / f).write_bytes((HOSTILE / "reunion_wgs84" / f).read_bytes())
    (tmp_path / "zones").mkdir()
    with open(tmp_path / "zones" / "q.geojson", "wb") as f:
        f.truncate(1 << 40)  # 1 TiB, sparse
    with pytest.raises(maillage.BundleError) as info:
        maillage.load(tmp_path)
    assert [(p.file, p.code) for p in info.value.errors] == [("zones/q.geojson", "too_large")]


@pytest.mark.parametrize(
    "call, exception",
    [
        (lambda: maillage.load(HOSTILE / "no_such_bundle"), maillage.BundleError),
        (lambda: maillage.load(123), TypeError),
        (lambda: maillage.load(None), TypeError),
        (lambda: maillage.load("nul\0byte"), ValueError),
        (lambda: maillage.load(LYON7).at("2024-02-30"), ValueError),
        (lambda: maillage.load(LYON7).at(12), TypeError),
        (lambda: maillage.load(LYON7).compare("hier", "2024-06-30"), ValueError),
        (lambda: maillage.load(LYON7).network(partition="no such column"), ValueError),
        (lambda: maillage.load(LYON7).network(betweenness_pivots=-1), (ValueError, OverflowError)),
        (lambda: maillage.load(LYON7).gaps(suggestions=-1), (ValueError, OverflowError)),
    ],
)
def test_bad_arguments_raise_python_exceptions(call, exception):
    try:
        call()
    except exception:
        return
    except BaseException as e:  # a PanicException lands here
        pytest.fail(f"{type(e).__module__}.{type(e).__name__}: {e}")
    pytest.fail("no exception")


def run_cli(*args):
    return subprocess.run(
        ["cargo", "run", "--quiet", "--locked", "-p", "maillage-cli", "--", "--lang", "fr", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CARGO_TERM_COLOR": "never"},
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_command_validates_without_panicking(name):
    loads, codes = CASES[name]
    out = run_cli("validate", str(HOSTILE / name), "--json")
    assert "panicked" not in out.stderr, out.stderr
    assert out.returncode == (0 if loads else 1), out.stderr
    report = json.loads(out.stdout)
    found = {p["code"] for p in report["errors" if not loads else "warnings"]}
    assert codes <= found


def test_the_command_writes_nothing_for_a_refused_bundle(tmp_path):
    out_dir = tmp_path / "out"
    out = run_cli("diagnose", str(HOSTILE / "empty_geometries"), "--out", str(out_dir), "--quiet")
    assert out.returncode == 1, out.stderr
    assert "panicked" not in out.stderr
    assert "zones/q.geojson#entité 0" in out.stderr + out.stdout
    assert not out_dir.exists() or not any(out_dir.iterdir())
