"""The Rust bindings give plain data (records, bytes) and import no Python module: the
methods that build DataFrames, GeoDataFrames, networkx graphs and GeoJSON dicts are
written in Python (``python/maillage/interop.py`` and ``_methods.py``) and attached to
the compiled classes. An ``.import(`` in ``crates/maillage-py/src`` breaks the rule."""

from __future__ import annotations

import inspect
import re
import sys

import pytest

import maillage
from conftest import LYON7, REPO_ROOT

SOURCES = REPO_ROOT / "crates" / "maillage-py" / "src"
# `py.import("pandas")`, `PyModule::import(py, "pandas")` and their `_bound` forms.
IMPORT = re.compile(r"(\.|::)import(_bound)?\s*\(")

METHODS = [
    (maillage.Territory, "from_frames"),
    (maillage.Territory, "to_networkx"),
    (maillage.NetworkReport, "to_pandas"),
    (maillage.Diagnosis, "to_geojson"),
    (maillage.Diagnosis, "to_geopandas"),
]


def imports(text: str) -> list[str]:
    """The lines of Rust source that import a Python module."""
    return [line.strip() for line in text.splitlines() if IMPORT.search(line)]


def test_the_check_catches_an_import():
    made_up = 'let pandas = py.import("pandas")?;\nlet m = PyModule::import(py, "json")?;\nlet ok = 1;'
    assert imports(made_up) == ['let pandas = py.import("pandas")?;', 'let m = PyModule::import(py, "json")?;']


def test_the_bindings_import_no_python_module():
    sources = sorted(SOURCES.rglob("*.rs"))
    assert sources, f"no Rust source in {SOURCES}"
    found = [
        f"{path.relative_to(REPO_ROOT)}: {line}"
        for path in sources
        for line in imports(path.read_text(encoding="utf-8"))
    ]
    assert not found, "the bindings import Python modules (write it in python/maillage):\n" + "\n".join(found)


@pytest.mark.parametrize("cls, name", METHODS, ids=[f"{c.__name__}.{n}" for c, n in METHODS])
def test_the_frame_and_graph_methods_are_written_in_python(cls, name):
    method = inspect.getattr_static(cls, name)
    function = method.__func__ if isinstance(method, staticmethod) else method
    assert inspect.isfunction(function)
    assert function.__module__ in ("maillage._methods", "maillage.interop")
    assert function.__qualname__ == f"{cls.__name__}.{name}"


@pytest.fixture(scope="module")
def diagnosis():
    return maillage.load(LYON7).diagnose()


def test_a_missing_optional_library_is_named_with_its_extra(diagnosis, monkeypatch):
    for module in ("pandas", "geopandas", "networkx"):
        monkeypatch.setitem(sys.modules, module, None)  # `import module` fails
    with pytest.raises(ImportError, match=r"pandas is needed for to_pandas\(\): pip install 'maillage\[pandas\]'"):
        diagnosis.network.to_pandas()
    with pytest.raises(ImportError, match=r"geopandas is needed for to_geopandas\(\): pip install 'maillage\[geo\]'"):
        diagnosis.to_geopandas()
    with pytest.raises(ImportError, match=r"networkx is needed for to_networkx\(\): pip install 'maillage\[networkx\]'"):
        maillage.load(LYON7).to_networkx()
    # The dicts need no optional library.
    assert diagnosis.to_geojson()["type"] == "FeatureCollection"
    assert diagnosis.__geo_interface__ == diagnosis.to_geojson()
