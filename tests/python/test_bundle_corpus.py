"""Every bundle of `tests/bundles/` loads from Python, or is refused with a
`BundleError`, exactly as its `expected.toml` says (format in tests/bundles/README.md).

The same checks as the Rust test `crates/maillage/tests/bundle_corpus.rs`, seen through
the Python contract: `Problem` attributes, `BundleError.errors`/`.warnings`, and the
`Territory` properties."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import maillage
from conftest import BUNDLES, tomllib


def cases() -> list[Path]:
    found = []
    for group in ["valid", "invalid"]:
        for path in sorted((BUNDLES / group).iterdir()):
            if (path / "expected.toml").is_file():
                found.append(path)
    return sorted(found)


CASES = cases()


def matches(p: maillage.Problem, e: dict[str, Any]) -> bool:
    """A reported problem matches an expected entry (README: "How a test reads it")."""
    line, feature = e.get("line"), e.get("feature")
    if line is not None:
        location = (line, None)
    elif feature is not None:
        location = (None, feature)
    else:
        location = (None, None)
    message = p.message.lower()
    return (
        p.file == e["file"]
        and (p.line, p.feature) == location
        and p.field == e.get("field")
        and p.code == e["code"]
        and all(c.lower() in message for c in e.get("contains", []))
    )


def show(problems: list[maillage.Problem]) -> str:
    return "".join(f"\n      [{p.code}] {p}" for p in problems)


def test_the_corpus_holds_the_cases():
    assert len(CASES) >= 20, f"the corpus holds {len(CASES)} cases"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_corpus_bundle_gives_its_expected_problems(case: Path, english: None):
    # the corpus's `contains` are English words (the `english` fixture)
    expected = tomllib.loads((case / "expected.toml").read_text(encoding="utf-8"))
    expected_errors = expected.get("error", [])
    expected_warnings = expected.get("warning", [])
    territory: maillage.Territory | None = None
    try:
        territory = maillage.load(case)
    except maillage.BundleError as refused:
        errors, warnings = refused.errors, refused.warnings
        assert str(refused).splitlines()[1:] == [f"  {p}" for p in errors]
    else:
        errors, warnings = [], territory.warnings
    assert all(p.severity == "error" for p in errors)
    assert all(p.severity == "warning" for p in warnings)

    failures = []
    for want in expected_errors:
        if not any(matches(p, want) for p in errors):
            failures.append(f"missing error {want}; got:{show(errors)}")
    for want in expected_warnings:
        if not any(matches(p, want) for p in warnings):
            failures.append(f"missing warning {want}; got:{show(warnings)}")
    if not expected_errors and territory is None:
        failures.append(f"refused, expected to load; errors:{show(errors)}")
    if expected_errors and territory is not None:
        failures.append("loaded, expected to be refused")

    loaded = expected.get("loaded")
    if territory is not None and loaded is not None:
        counts = {
            "actors": len(territory.actors),
            "relations": len(territory.relations),
            "actions": len(territory.actions),
            "needs": len(territory.needs),
            "warnings": len(warnings),
        }
        for what, got in counts.items():
            if what in loaded and loaded[what] != got:
                extra = show(warnings) if what == "warnings" else ""
                failures.append(f"{what}: expected {loaded[what]}, got {got}{extra}")
        layers = {layer["name"]: layer for layer in territory.layers}
        for key, want in loaded.items():
            if not key.startswith("zones_"):
                continue
            layer = layers.get(key[len("zones_"):])
            zones = None if layer is None else len(layer["zones"])
            if zones != want:
                failures.append(f"{key}: expected {want}, got {zones}")
        names = {a["id"]: a["name"] for a in territory.actors}
        for actor_id, name in loaded.get("names", {}).items():
            if names.get(actor_id) != name:
                failures.append(f"name of {actor_id}: expected {name!r}, got {names.get(actor_id)!r}")

    assert not failures, "\n".join(failures)
