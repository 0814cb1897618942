"""The public Python API is whole: every public name has a docstring that says what it
returns or does, and is exercised by at least one other test of this folder."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import maillage

HERE = Path(__file__).parent
CLASSES = [maillage.Territory, maillage.Diagnosis, maillage.NetworkReport, maillage.Problem]


def public_members():
    for name in maillage.__all__:
        if name.startswith("__"):
            continue
        yield name, getattr(maillage, name)
    for cls in CLASSES:
        for name, member in inspect.getmembers(cls):
            if name.startswith("_") and name not in ("__geo_interface__", "__getitem__", "__len__"):
                continue
            yield f"{cls.__name__}.{name}", member


MEMBERS = sorted(dict(public_members()).items())


@pytest.mark.parametrize("name, member", MEMBERS, ids=[n for n, _ in MEMBERS])
def test_has_a_docstring(name, member):
    if name.endswith(("__getitem__", "__len__")):
        pytest.skip("protocol slot: documented in the stubs and the class docstring")
    doc = inspect.getdoc(member) or ""
    assert len(doc) >= 15, f"{name} has no docstring"


@pytest.fixture(scope="module")
def test_sources():
    return "\n".join(
        p.read_text(encoding="utf-8") for p in HERE.glob("test_*.py") if p.name != Path(__file__).name
    )


@pytest.mark.parametrize("name", [n for n, _ in MEMBERS])
def test_is_exercised_by_a_test(name, test_sources):
    attribute = name.rsplit(".", 1)[-1]
    if attribute == "__getitem__":
        pattern = r"\]\s*=|\w\[\""  # subscription
    elif attribute == "__len__":
        pattern = r"\blen\("
    else:
        pattern = rf"\b{re.escape(attribute)}\b"
    assert re.search(pattern, test_sources), f"no test uses {name}"


def test_the_extension_is_built_for_the_stable_abi():
    # One wheel for every CPython from 3.9 (pyo3's abi3-py39), as pyproject.toml asks.
    assert maillage._maillage.__file__.endswith(".abi3.so")
