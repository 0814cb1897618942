"""``Territory.diagnose(costs=…)``: a cost table given apart (docs/bundle.md, "Travel
costs") as a path, CSV bytes or a pandas DataFrame, read by the core's reader, gives the
same figures and files as ``maillage diagnose --costs FILE``, keeps the manifest's
other ``[analysis.costs]`` settings, and a bad table raises ``BundleError`` with every
problem located.

The table of Lyon 7e here is **derived, not routed** (``write_derived_costs``:
straight-line metres from each zone's anchor to the suppliers divided by a speed, some
pairs left out, some rows naming a zone).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import maillage
from conftest import LYON7, REPO_ROOT

pd = pytest.importorskip("pandas")
pytest.importorskip("access", reason="PySAL access is not installed (pip install access)")
from test_access_costs_pysal import fixture_with_costs, write_derived_costs  # noqa: E402

# the outputs of `maillage diagnose` that carry access, compared byte for byte
COMPARED = ["zones.csv", "zones.geojson", "summary.txt"]


def cli_diagnose(bundle: Path, costs: Path | None, out: Path) -> None:
    args = ["diagnose", str(bundle), "--out", str(out), "--quiet"] + (["--costs", str(costs)] if costs else [])
    subprocess.run(
        ["cargo", "run", "--quiet", "--locked", "--release", "-p", "maillage-cli", "--", *args],
        cwd=REPO_ROOT,
        check=True,
        env={**os.environ, "CARGO_TERM_COLOR": "never"},
    )


def gp_access(diagnosis) -> dict[str, float]:
    return {z["id"]: z["access"]["medecin_generaliste"] for z in diagnosis["coverage"]["zones"]}


@pytest.fixture(scope="module")
def derived(tmp_path_factory) -> Path:
    """Lyon 7e's derived cost table: `;`, decimal commas, zones and actors as destinations."""
    path = tmp_path_factory.mktemp("costs") / "couts.csv"
    # 15 km/h: the 1 km catchment of Lyon 7e's manifest is 4 minutes
    write_derived_costs(fixture_with_costs(LYON7, None), path, metres_per_minute=250.0, keep_within=30.0)
    return path


@pytest.fixture(scope="module")
def with_path(derived):
    return maillage.load(LYON7).diagnose(costs=derived)


def test_the_same_files_as_the_command_with_costs(derived, with_path, tmp_path):
    cli_diagnose(LYON7, derived, tmp_path / "cli")
    with_path.write(tmp_path / "py")
    for name in COMPARED:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    # and the table changed access: without it the files differ
    cli_diagnose(LYON7, None, tmp_path / "plain")
    assert (tmp_path / "plain" / "zones.csv").read_bytes() != (tmp_path / "cli" / "zones.csv").read_bytes()
    plain = gp_access(maillage.load(LYON7).diagnose())
    assert plain != gp_access(with_path)
    zones = pd.read_csv(tmp_path / "cli" / "zones.csv", dtype={"id": str}).set_index("id")
    ours = gp_access(with_path)
    column = next(c for c in zones.columns if c.startswith("access_medecin_generaliste"))
    for zone, value in ours.items():
        assert zones.loc[zone, column] == pytest.approx(value, abs=5e-3)  # zones.csv rounds


def test_a_dataframe_and_bytes_give_the_same_figures_as_the_file(derived, with_path):
    territory = maillage.load(LYON7)
    frame = pd.read_csv(derived, sep=";", decimal=",", dtype={"origin": str, "destination": str})
    assert list(frame.columns) == ["origin", "destination", "minutes"] and len(frame) > 100
    from_frame = territory.diagnose(costs=frame)
    from_bytes = territory.diagnose(costs=derived.read_bytes())
    from_str = territory.diagnose(costs=str(derived))
    expected = with_path["coverage"]
    for other in (from_frame, from_bytes, from_str):
        # the frame's floats are written at full precision: the same bits
        assert other["coverage"]["zones"] == expected["zones"]
    with pytest.raises(TypeError, match="costs: the path of a CSV file"):
        territory.diagnose(costs=42)


def test_the_manifest_settings_are_kept(derived, tmp_path):
    # Lyon 7e with `[analysis.costs] decay = "apl"`, catchment 20 minutes: `--costs`
    # and `costs=` both read the table with them
    bundle = tmp_path / "lyon7"
    shutil.copytree(LYON7, bundle)
    manifest = bundle / "territory.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + '\n[analysis.costs]\ndecay = "apl"\ncatchment = 20\n',
        encoding="utf-8",
    )
    territory = maillage.load(bundle)
    apl = territory.diagnose(costs=derived)
    assert gp_access(apl) != gp_access(maillage.load(LYON7).diagnose(costs=derived))
    cli_diagnose(bundle, derived, tmp_path / "cli")
    apl.write(tmp_path / "py")
    for name in COMPARED:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_a_bad_table_raises_with_every_problem_located(tmp_path):
    territory = maillage.load(LYON7)
    zone = next(l for l in territory.layers if l["name"] == territory.coverage_layer)["zones"][0]["id"]
    actor = next(a["id"] for a in territory.actors if a["kind"] == "medecin_generaliste")
    bad = tmp_path / "couts.csv"
    bad.write_text(
        "origin,destination,minutes\n"
        f"{zone},{actor},4.5\n"
        f"nulle_part,{actor},3\n"  # line 3: unknown origin
        f"{zone},personne,3\n"  # line 4: unknown destination
        f"{zone},{actor},-1\n"  # line 5: negative
        f"{zone},{zone},NaN\n"  # line 6: not a number
        f"{zone},{actor},7\n",  # line 7: the pair of line 2 again
        encoding="utf-8",
    )
    with pytest.raises(maillage.BundleError) as raised:
        territory.diagnose(costs=bad)
    found = sorted((p.line, p.field, p.code) for p in raised.value.errors)
    assert found == [
        (3, "origin", "unknown_zone"),
        (4, "destination", "unknown_actor"),
        (5, "minutes", "bad_number"),
        (6, "minutes", "bad_number"),
        (7, "destination", "duplicate_id"),
    ], found
    assert all(p.file == str(bad) and p.severity == "error" for p in raised.value.errors)
    assert f"{bad}:3" in str(raised.value)
    # a DataFrame's problems are located in `costs.csv`, its header line 1
    frame = pd.DataFrame({"origin": [zone, "nulle_part"], "destination": [actor, actor], "minutes": [2.0, float("nan")]})
    with pytest.raises(maillage.BundleError) as raised:
        territory.diagnose(costs=frame)
    found = sorted((p.file, p.line, p.field, p.code) for p in raised.value.errors)
    assert found == [("costs.csv", 3, "minutes", "bad_number"), ("costs.csv", 3, "origin", "unknown_zone")], found
    # a missing file, and a column the format does not know
    with pytest.raises(maillage.BundleError, match="absent.csv"):
        territory.diagnose(costs=tmp_path / "absent.csv")
    with pytest.raises(maillage.BundleError) as raised:
        territory.diagnose(costs=frame.assign(speed=1))
    assert [p.line for p in raised.value.errors] == [1]


def test_a_windows_1252_table_warns(tmp_path):
    # ids with accents, in a table saved by a spreadsheet in Windows-1252
    territory = maillage.Territory.from_frames(
        [{"id": "mg_désiré", "name": "Désiré", "kind": "medecin_generaliste", "x": 3.001, "y": 43.001}],
        {"source": [], "target": [], "kind": []},
        layers={
            "zones": {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"id": "bédarieux", "population": 1000},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[3.0, 43.0], [3.01, 43.0], [3.01, 43.01], [3.0, 43.01], [3.0, 43.0]]],
                        },
                    }
                ],
            }
        },
        layer_fields={"zones": {"population": "population"}},
        analysis={"coverage_layer": "zones", "required": ["medecin_generaliste"]},
    )
    table = "origin;destination;minutes\r\nbédarieux;mg_désiré;2,5\r\n".encode("cp1252")
    with pytest.warns(UserWarning, match="1252"):
        diagnosis = territory.diagnose(costs=table)
    (zone,) = diagnosis["coverage"]["zones"]
    # one GP for 1,000 inhabitants in reach: 10 per 10,000
    assert zone["access"]["medecin_generaliste"] == pytest.approx(10.0, abs=1e-9)
    # an unknown destination: the error names it as written, the warning comes with it
    with pytest.raises(maillage.BundleError) as raised:
        territory.diagnose(costs=table + "bédarieux;été;1\r\n".encode("cp1252"))
    (error,) = raised.value.errors
    assert (error.line, error.field, error.code) == (3, "destination", "unknown_actor") and "été" in error.message
    assert [w.code for w in raised.value.warnings] and all(w.severity == "warning" for w in raised.value.warnings)
