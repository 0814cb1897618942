"""The `maillage` command from the Python package, and the release workflow that builds
the wheels carrying it (README, "Without Rust: the wheel")."""

import importlib
import pathlib
import subprocess
import sys

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

yaml = pytest.importorskip("yaml")

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def run_command(*args):
    return subprocess.run(
        [sys.executable, "-m", "maillage", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_python_runs_the_command_with_its_exit_statuses():
    done = run_command("validate", "data/lyon7")
    assert done.returncode == 0, done.stderr
    assert "206" in done.stdout
    assert run_command("validate", "tests/bundles/invalid/unknown_kind").returncode == 1
    usage = run_command("no-such-command")
    assert usage.returncode == 2
    assert "no-such-command" in usage.stderr
    assert run_command("--help").returncode == 0


def test_the_wheel_declares_the_command_entry_point():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    module, function = project["scripts"]["maillage"].split(":")
    assert callable(getattr(importlib.import_module(module), function))


def workflow():
    # PyYAML reads the key `on` as True.
    return yaml.safe_load(WORKFLOW.read_text())


def test_release_builds_wheels_and_binaries_for_the_three_systems():
    jobs = workflow()["jobs"]
    systems = {"ubuntu": "Linux", "macos": "macOS", "windows": "Windows"}

    def covered(job):
        runners = [entry["os"] for entry in jobs[job]["strategy"]["matrix"]["include"]]
        return {name for prefix, name in systems.items() if any(r.startswith(prefix) for r in runners)}

    assert covered("wheels") == set(systems.values())
    assert covered("binaries") == set(systems.values())
    assert {os.split("-")[0] for os in jobs["test"]["strategy"]["matrix"]["os"]} == set(systems)


def test_release_steps_name_packages_of_this_workspace():
    members = tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["members"]
    packages = {tomllib.loads((ROOT / m / "Cargo.toml").read_text())["package"]["name"] for m in members}
    jobs = workflow()["jobs"]
    commands = [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]
    cargo_lines = [line.split() for c in commands for line in c.splitlines() if line.startswith("cargo ")]
    named = {word for line in cargo_lines for before, word in zip(line, line[1:]) if before == "-p"}
    assert named and named <= packages
    builds = [
        step["with"]["args"]
        for step in jobs["wheels"]["steps"]
        if step.get("uses", "").startswith("PyO3/maturin-action")
    ]
    assert builds and all("--release" in args and "--locked" in args for args in builds)
    smoke = " ".join(step.get("run", "") for step in jobs["wheels"]["steps"])
    assert "/maillage\" diagnose data/lyon7" in smoke and "import maillage" in smoke
    assert workflow()[True]["push"]["tags"] == ["v*"]
