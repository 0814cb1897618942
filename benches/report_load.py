"""report.html at national size (benches/README.md, "The report at national size"):
generates a territory of the size asked (``maillage generate``, seed 1), writes its
report with ``maillage export report.html``, then opens it in Debian's headless
chromium through Selenium, several times, and prints its size and how long the
browser took to load it (navigation start to the end of the load event, script run
included) and to paint it first.

    .venv/bin/python benches/report_load.py XL 3        # SIZE, RUNS
    .venv/bin/python benches/report_load.py --report path/to/report.html 3
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = Path(__file__).resolve().parent.parent


def write_report(size: str, folder: Path) -> Path:
    subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "--release", "-p", "maillage-cli"],
        cwd=REPO,
        check=True,
    )
    exe = REPO / "target" / "release" / "maillage"
    bundle = folder / "bundle"
    subprocess.run(
        [str(exe), "generate", "--size", size, "--seed", "1", "--out", str(bundle), "--quiet"],
        check=True,
    )
    report = folder / "report.html"
    start = time.perf_counter()
    subprocess.run(
        [str(exe), "export", "report.html", str(bundle), "-o", str(report)],
        check=True,
    )
    print(f"diagnosis and report written in {time.perf_counter() - start:.1f} s")
    return report


def load_times(report: Path, runs: int) -> list[tuple[float, float]]:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(600)
    times = []
    try:
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(report.as_uri())
            load, paint = driver.execute_script(
                "const n = performance.getEntriesByType('navigation')[0];"
                "const p = performance.getEntriesByName('first-contentful-paint')[0];"
                "return [n.loadEventEnd, p ? p.startTime : null];"
            )
            times.append((load / 1000, (paint or 0) / 1000))
    finally:
        driver.quit()
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", nargs="?", default="L")
    parser.add_argument("runs", nargs="?", type=int, default=3)
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    try:
        report = args.report or write_report(args.size, folder)
        size = report.stat().st_size
        times = load_times(report, args.runs)
        loads = sorted(t[0] for t in times)
        print(
            f"report.html {size / 1e6:.2f} MB; loaded in {loads[0]:.2f} s at best, "
            f"{loads[len(loads) // 2]:.2f} s median ({args.runs} loads); first paint "
            f"{min(t[1] for t in times):.2f} s"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
