"""Shared fixtures of the Python tests: where the repository's data lies."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
"""The repository root (holds ``Cargo.toml``, ``data/`` and ``tests/bundles/``)."""

BUNDLES = REPO_ROOT / "tests" / "bundles"
LYON7 = REPO_ROOT / "data" / "lyon7"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

__all__ = ["BUNDLES", "LYON7", "REPO_ROOT", "tomllib"]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def lyon7():
    """The Lyon 7e example bundle, loaded once for the session."""
    import maillage

    return maillage.load(LYON7)


@pytest.fixture(autouse=True)
def french_messages():
    """Every test starts in French, the default, whatever the machine's locale."""
    import maillage

    maillage.set_language("fr")
    yield
    maillage.set_language("fr")


@pytest.fixture
def english():
    """The messages in English, for a test that reads the English texts."""
    import maillage

    maillage.set_language("en")
    yield
