#!/usr/bin/env python3
"""Geocodes tests/geocode/queries.csv through a local addok loaded with tests/geocode/ban/.

Run from the repository root after scripts/addok_install.sh:

    python3 tests/geocode/addok_figures.py [--out tests/geocode/addok_results.csv]

Prints the share of answers per type and the distances to the oracle points (a Markdown
table, the one in tests/geocode/README.md) and writes every answer to --out, the online
reference that the offline geocoder is compared with.
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "python"))

from addok_server import AddokServer, search_csv  # noqa: E402

BAN_FILES = sorted((HERE / "ban").glob("*.csv"))
QUERIES = HERE / "queries.csv"


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(a))


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def geocode(url: str) -> list[dict]:
    data = QUERIES.read_bytes()
    return search_csv(url, data, columns=["address", "postcode", "commune"],
                      citycode="citycode", delimiter=";")


def summarise(rows: list[dict]) -> str:
    groups = defaultdict(list)
    for row in rows:
        groups[row["oracle"]].append(row)
    groups["all"] = rows
    lines = ["| queries | n | housenumber | street | locality | municipality | none | "
             "median distance (m) | 95th pct (m) | ≤ 30 m |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name in ["bano2015_point", "ban2019_point", "site_point", "geocoder_tester_point",
                 "all"]:
        group = groups.get(name, [])
        if not group:
            continue
        types = Counter(r.get("result_type") or "none" for r in group)
        dists = [distance_m(float(r["expected_lon"]), float(r["expected_lat"]),
                            float(r["longitude"]), float(r["latitude"]))
                 for r in group if r.get("longitude") and r["expected_lon"]]
        n = len(group)
        share = lambda t: f"{types.get(t, 0)} ({100 * types.get(t, 0) / n:.0f} %)"  # noqa
        near = sum(d <= 30 for d in dists)
        lines.append(
            f"| {name} | {n} | {share('housenumber')} | {share('street')} | "
            f"{share('locality')} | {share('municipality')} | {share('none')} | "
            f"{statistics.median(dists):.1f} | {percentile(dists, 0.95):.0f} | "
            f"{100 * near / n:.0f} % |")
    bano = groups.get("bano2015_point", [])
    same = sum(r.get("result_id") == r["id"].split("-", 1)[1] for r in bano)
    lines.append(f"\nbano2015_point: {same} of {len(bano)} answers are the very BAN row "
                 "(same `id`) the address was written from.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    t0 = time.perf_counter()
    with AddokServer(BAN_FILES) as server:
        started = time.perf_counter() - t0
        t1 = time.perf_counter()
        rows = geocode(server.url)
        elapsed = time.perf_counter() - t1
    print(f"addok loaded {server.documents} documents from {len(BAN_FILES)} BAN files in "
          f"{started:.1f} s; {len(rows)} queries answered in {elapsed:.1f} s\n")
    print(summarise(rows))
    if args.out:
        keep = ["id", "oracle", "variant", "address", "postcode", "citycode", "commune",
                "expected_lon", "expected_lat", "result_type", "result_housenumber",
                "result_label", "result_score", "result_id", "longitude", "latitude"]
        with args.out.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, keep, delimiter=";", lineterminator="\n",
                                    extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main()
