"""The steering-committee report in a real browser (docs/outputs.md "Report": "It is
tested in a real headless browser").

The report is written by the core's example ``write_report``
(crates/maillage/examples/write_report.rs) for the Lyon 7e bundle, then opened from
disk by Debian's headless chromium: it renders to a full screenshot, its rendered DOM
holds one path per zone and one circle per actor the report may show (counted here
from the bundle's CSV and the taxonomy, not from the library), and it makes no network
request (chromium's net log holds no request initiated by the page; a probe page with
external references proves that such requests would be seen)."""

from __future__ import annotations

import csv
import json
import os
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import LYON7, REPO_ROOT, tomllib

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
)

#: Flags of every run: headless, no GPU or sandbox (containers), no first-run work,
#: and as little background traffic of the browser's own as the flags allow.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
]

#: Schemes a self-contained page may load from.
LOCAL_SCHEMES = ("file:", "data:", "about:", "chrome:", "blob:")

SCREENSHOT_SIZE = (1280, 2400)


def _chromium(user_data_dir: Path, *args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    """Runs headless chromium with a fresh profile; fails the test on a non-zero exit."""
    result = subprocess.run(
        [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={user_data_dir}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _expected_actor_circles(bundle: Path) -> int:
    """Actors the report draws by default: every actor whose kind is not of family
    ``professional`` (built-in taxonomy, overridden by the manifest's own kinds)."""
    taxonomy = tomllib.loads(
        (REPO_ROOT / "crates" / "maillage" / "data" / "taxonomy.toml").read_text("utf-8")
    )
    families = {kind: spec["family"] for kind, spec in taxonomy["kinds"].items()}
    manifest = tomllib.loads((bundle / "territory.toml").read_text("utf-8"))
    for kind, spec in manifest.get("taxonomy", {}).get("kinds", {}).items():
        if "family" in spec:
            families[kind] = spec["family"]
    with open(bundle / "actors.csv", newline="", encoding="utf-8") as f:
        kinds = [row["kind"] for row in csv.DictReader(f)]
    return sum(1 for k in kinds if families[k] != "professional")


def _zone_count(bundle: Path) -> int:
    """Zones of the coverage layer, read from the layer's GeoJSON file."""
    manifest = tomllib.loads((bundle / "territory.toml").read_text("utf-8"))
    layers = manifest["layers"]
    layer = manifest.get("analysis", {}).get("coverage_layer", next(iter(layers)))
    geojson = json.loads((bundle / layers[layer]["file"]).read_text("utf-8"))
    return len(geojson["features"])


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """report.html of the Lyon 7e bundle, written by the core's example."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    subprocess.run(
        ["cargo", "run", "--quiet", "-p", "maillage", "--example", "write_report", "--",
         "data/lyon7", str(out)],
        cwd=REPO_ROOT,
        check=True,
        env={**os.environ, "CARGO_TERM_COLOR": "never"},
    )
    return out


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", header[16:24])


def test_renders_to_a_full_screenshot(report, tmp_path):
    shot = tmp_path / "shot.png"
    width, height = SCREENSHOT_SIZE
    _chromium(
        tmp_path / "profile",
        f"--screenshot={shot}",
        f"--window-size={width},{height}",
        report.as_uri(),
    )
    assert shot.exists()
    assert _png_size(shot) == SCREENSHOT_SIZE
    # A blank or unstyled page compresses to a few kilobytes; the map and the network
    # drawn in colour do not.
    assert shot.stat().st_size > 20_000


def test_rendered_dom_has_one_path_per_zone_and_one_circle_per_shown_actor(report, tmp_path):
    dom = _chromium(tmp_path / "profile", "--dump-dom", report.as_uri()).stdout
    assert '<html lang="fr">' in dom
    # the map of the first section, and that of the declared indicator tchom
    # (« Indicateurs des quartiers »)
    assert dom.count('class="zone"') == 2 * _zone_count(LYON7) == 2 * 24
    assert dom.count('<circle class="actor"') == _expected_actor_circles(LYON7) == 77
    assert dom.count("<svg") == dom.count("</svg>")


def _page_requests(net_log: Path) -> list[str]:
    """URLs of the requests a page made, from chromium's net log.

    Chromium's own services (component updater, account checks) also go through the
    network stack; their requests are started with ``initiator: "not an origin"``.
    A request made by a document carries the document's origin (``"null"`` for a
    file:// page) and its file:// network isolation key.
    """
    log = json.loads(net_log.read_text("utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        if event["type"] != start_job or "url" not in params:
            continue
        initiator = params.get("initiator", "not an origin")
        isolation = params.get("network_isolation_key", "")
        if initiator != "not an origin" or "file://" in isolation:
            urls.append(params["url"])
    return urls


def _net_log_of(page: Path, tmp_path: Path, name: str) -> list[str]:
    net_log = tmp_path / f"{name}.json"
    _chromium(
        tmp_path / f"profile-{name}",
        '--host-resolver-rules=MAP * ~NOTFOUND',
        f"--log-net-log={net_log}",
        "--dump-dom",
        page.as_uri(),
    )
    return _page_requests(net_log)


def test_requests_nothing_beyond_the_page(report, tmp_path):
    # The detector first sees what a page that fetches things requests.
    probe = tmp_path / "probe.html"
    probe.write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://example.org/a.css">'
        "<style>body { background: url(http://example.com/b.png); }</style></head>"
        '<body><img src="http://example.net/c.png">'
        '<svg><image href="https://example.com/d.png" width="9" height="9"/></svg></body></html>',
        encoding="utf-8",
    )
    seen = _net_log_of(probe, tmp_path, "probe")
    assert {u for u in seen if not u.startswith(LOCAL_SCHEMES)} >= {
        "https://example.org/a.css",
        "http://example.net/c.png",
        "https://example.com/d.png",
    }
    # Then the report requests nothing but itself.
    requested = _net_log_of(report, tmp_path, "report")
    assert [u for u in requested if not u.startswith(LOCAL_SCHEMES)] == []
