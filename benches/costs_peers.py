"""A 10,000,000-row cost table: maillage against PySAL ``access`` (benches/README.md).

Runs ``crates/maillage/examples/costs_speed.rs`` (release), which writes the table (the
generated L territory; origin zone, destination actor, minutes derived from
straight-line metres at 30 km/h, not routed) and times reading it and computing the
coverage with it (2SFCA within 20 minutes, three required kinds), then gives PySAL
``access`` the same table, zones and GPs: ``pandas.read_csv`` of the table and
``two_stage_fca(max_cost=20)`` for the GPs, in this process, timed, with its peak
resident memory. Checks that both give the same GP access (to 1e-9 per 10,000).

Usage: ``python benches/costs_peers.py [FOLDER] [ROWS]`` (default /tmp/costs_bench,
10,000,000). Needs pandas and access (the test extras).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/costs_bench")
    rows = sys.argv[2] if len(sys.argv) > 2 else "10000000"
    ours = json.loads(
        subprocess.run(
            ["cargo", "run", "-q", "--release", "-p", "maillage", "--example", "costs_speed", "--", str(folder), rows],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ},
        ).stdout
    )
    import warnings

    import access

    warnings.filterwarnings("ignore")
    start = time.perf_counter()
    cost = pd.read_csv(folder / "costs.csv", dtype={"origin": str, "destination": str})
    read = time.perf_counter() - start
    zones = pd.read_csv(folder / "zones.csv", dtype={"id": str})
    gps = pd.read_csv(folder / "suppliers.csv", dtype={"id": str})
    computed = time.perf_counter()
    model = access.Access(
        demand_df=zones,
        demand_index="id",
        demand_value="population",
        supply_df=gps,
        supply_index="id",
        supply_value="capacity",
        cost_df=cost,
        cost_origin="origin",
        cost_dest="destination",
        cost_name="minutes",
    )
    result = model.two_stage_fca(name="a", max_cost=20.0)["a_capacity"]
    compute = time.perf_counter() - computed
    total = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    mine = pd.read_csv(folder / "access.csv", dtype={"id": str}).set_index("id")["access"]
    theirs = result.reindex(mine.index).to_numpy(dtype=float) * 1e4
    finite = np.isfinite(theirs)
    deviation = float(np.max(np.abs(mine.to_numpy()[finite] - theirs[finite]), initial=0.0))
    assert deviation <= 1e-9, deviation
    print(
        json.dumps(
            {
                "maillage": ours,
                "pysal": {
                    "read_csv_s": read,
                    "two_stage_fca_s": compute,
                    "total_s": total,
                    "peak_rss_mb": peak_mb,
                    "zones_compared": int(finite.sum()),
                    "max_deviation_per_10000": deviation,
                },
                "ratio_total": total / ours["read_and_coverage_s"],
                "load_average": os.getloadavg(),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
