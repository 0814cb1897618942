"""The hand-written stubs `python/maillage/_maillage.pyi` match the compiled module
(mypy's stubtest, as rustworkx checks its own)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_stubs_match_the_compiled_module():
    pytest.importorskip("mypy.stubtest")
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "maillage._maillage"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
