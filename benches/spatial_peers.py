"""Spatial steps timed with maillage, geopandas and PySAL access on the same seeded
inputs, in one run; checks the results agree and prints the ratios.

    python benches/spatial_peers.py                                   # full sizes
    python benches/spatial_peers.py --zones 2000 --points 20000 \\
        --access-zones 500 --suppliers 5000                            # a quick run

1. Assignment of points to zones: maillage's R-tree and point-in-polygon (border rule:
   the first zone of the file wins) against geopandas ``sjoin(predicate="intersects")``
   on the same zones (an irregular tiling: a jittered grid whose cells share their
   borders) and points.
2. 2SFCA: maillage's ``two_step_fca`` against PySAL access ``two_stage_fca``, given the
   same demand (zone populations at anchor points), supply (capacities) and sparse
   haversine cost matrix (the pairs within the catchment, R = 6,371,008.8 m). The time
   maillage takes to build that matrix is reported on its own line.

maillage's times are measured inside the ``spatial_timings`` example (release build);
2SFCA, a few milliseconds, is the best of 7 runs on both sides.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
R = 6_371_008.8


def tiling(n_zones: int, rng, lon0=2.0, lat0=43.5, width=6.0, height=4.5):
    """An irregular tiling: a grid of about n_zones cells whose inner vertices are
    jittered, so neighbouring zones share their borders exactly."""
    cols = int(round((n_zones * width / height) ** 0.5))
    rows = int(round(n_zones / cols))
    dx, dy = width / cols, height / rows
    xs = lon0 + dx * np.arange(cols + 1)[None, :] + np.zeros((rows + 1, 1))
    ys = lat0 + dy * np.arange(rows + 1)[:, None] + np.zeros((1, cols + 1))
    jx = rng.uniform(-0.3, 0.3, xs.shape) * dx
    jy = rng.uniform(-0.3, 0.3, ys.shape) * dy
    jx[:, [0, -1]] = 0
    jy[[0, -1], :] = 0
    xs, ys = np.round(xs + jx, 6), np.round(ys + jy, 6)
    features = []
    for r in range(rows):
        for c in range(cols):
            ring = [(xs[r, c], ys[r, c]), (xs[r, c + 1], ys[r, c + 1]), (xs[r + 1, c + 1], ys[r + 1, c + 1]),
                    (xs[r + 1, c], ys[r + 1, c]), (xs[r, c], ys[r, c])]
            features.append({"type": "Feature", "properties": {"population": float(rng.integers(200, 5000))},
                             "geometry": {"type": "Polygon", "coordinates": [[list(map(float, p)) for p in ring]]}})
    bbox = (lon0, lat0, lon0 + width, lat0 + height)
    return {"type": "FeatureCollection", "features": features}, bbox


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "maillage", "--example", "spatial_timings"],
                   cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "examples" / "spatial_timings"


def run_maillage(binary, tmp, zones, points, supply, catchment):
    (tmp / "zones.geojson").write_text(json.dumps(zones))
    np.savetxt(tmp / "points.csv", points, delimiter=",", fmt="%.17g")  # exact round trip
    np.savetxt(tmp / "supply.csv", supply, delimiter=",", fmt="%.17g")
    out = subprocess.run([str(binary), str(tmp / "zones.geojson"), str(tmp / "points.csv"), str(tmp / "supply.csv"),
                          str(catchment), str(tmp / "out.json")], check=True, capture_output=True, text=True).stdout
    return json.loads(out), json.loads((tmp / "out.json").read_text())


def haversine_pairs(anchors, sites, d0):
    """Pairs (zone, site, metres) within d0, through a KD-tree on unit vectors."""
    from scipy.spatial import cKDTree

    def unit(lonlat):
        lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
        return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])

    chord = 2 * np.sin(d0 / (2 * R)) * 1.000001
    pairs = cKDTree(unit(sites)).query_ball_point(unit(anchors), chord)
    rows = [(z, s) for z, ss in enumerate(pairs) for s in ss]
    z, s = np.array([r[0] for r in rows]), np.array([r[1] for r in rows])
    la1, la2 = np.radians(anchors[z, 1]), np.radians(sites[s, 1])
    dl = np.radians(sites[s, 0] - anchors[z, 0])
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin(dl / 2) ** 2
    d = 2 * R * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    keep = d <= d0
    return z[keep], s[keep], d[keep]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=50_000)
    parser.add_argument("--points", type=int, default=500_000)
    parser.add_argument("--access-zones", type=int, default=5_000)
    parser.add_argument("--suppliers", type=int, default=50_000)
    parser.add_argument("--catchment", type=float, default=10_000.0)
    args = parser.parse_args()
    import geopandas as gpd
    import pandas as pd
    import access

    rng = np.random.default_rng(11)
    binary = build()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"geopandas {gpd.__version__}, access {getattr(access, '__version__', '?')}")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # 1. assignment
        zones, bbox = tiling(args.zones, rng)
        points = np.column_stack([rng.uniform(bbox[0], bbox[2], args.points), rng.uniform(bbox[1], bbox[3], args.points)])
        # a tenth of the points exactly on zone vertices, where borders meet
        vertices = np.array([p for f in zones["features"] for p in f["geometry"]["coordinates"][0][:4]])
        k = args.points // 10
        points[:k] = vertices[rng.integers(0, len(vertices), k)]
        supply = np.column_stack([rng.uniform(bbox[0], bbox[2], 10), rng.uniform(bbox[1], bbox[3], 10), np.ones(10)])
        ours_t, ours = run_maillage(binary, tmp, zones, points, supply, args.catchment)
        gdf = gpd.GeoDataFrame.from_features(zones["features"], crs=4326)
        pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(points[:, 0], points[:, 1]), crs=4326)
        start = time.perf_counter()
        joined = gpd.sjoin(pts, gdf, how="left", predicate="intersects")
        first = joined.groupby(level=0)["index_right"].min()  # border rule: first zone of the file
        gp_s = time.perf_counter() - start
        theirs = first.reindex(range(len(points))).to_numpy()
        mine = np.array([-1 if a is None else a for a in ours["assigned"]], dtype=float)
        theirs = np.where(np.isnan(theirs), -1, theirs)
        agree = int((mine == theirs).sum())
        print(f"\nassignment of {len(points):,} points ({k:,} on vertices) to {len(gdf):,} zones")
        print(f"  maillage {ours_t['assignment']:.3f} s   geopandas sjoin {gp_s:.3f} s   ratio {gp_s / ours_t['assignment']:.1f}×")
        print(f"  agreement: {agree:,} of {len(points):,}")
        failed |= agree != len(points)

        # 2. 2SFCA
        zones, bbox = tiling(args.access_zones, rng)
        supply = np.column_stack([rng.uniform(bbox[0], bbox[2], args.suppliers),
                                  rng.uniform(bbox[1], bbox[3], args.suppliers),
                                  rng.choice([0.5, 0.8, 1.0], args.suppliers)])
        ours_t, ours = run_maillage(binary, tmp, zones, points[:10], supply, args.catchment)
        anchors = np.array(ours["anchors"])
        z, s, d = haversine_pairs(anchors, supply[:, :2], args.catchment)
        demand = pd.DataFrame({"geoid": range(len(anchors)), "pop": [f["properties"]["population"] for f in zones["features"]]})
        sup = pd.DataFrame({"geoid": range(len(supply)), "supply": supply[:, 2]})
        cost = pd.DataFrame({"origin": z, "dest": s, "cost": d})
        model = access.Access(demand_df=demand, demand_index="geoid", demand_value="pop", supply_df=sup,
                              supply_index="geoid", supply_value="supply", cost_df=cost, cost_origin="origin",
                              cost_dest="dest", cost_name="cost")
        model.log.setLevel(logging.WARNING)  # access logs one INFO line per repeated run
        ac_s = float("inf")
        for _ in range(7):  # the best of 7 runs, as for maillage
            start = time.perf_counter()
            result = model.two_stage_fca(name="t", max_cost=args.catchment)["t_supply"]
            ac_s = min(ac_s, time.perf_counter() - start)
        theirs = result.reindex(range(len(anchors))).fillna(0.0).to_numpy()
        worst = float(np.max(np.abs(np.array(ours["access"]) - theirs)))
        print(f"\n2SFCA, {len(anchors):,} zones × {len(supply):,} suppliers, catchment {args.catchment:.0f} m, {len(cost):,} pairs in reach")
        print(f"  maillage {ours_t['two_step_fca']:.4f} s   access.two_stage_fca {ac_s:.3f} s   ratio {ac_s / ours_t['two_step_fca']:.0f}×")
        print(f"  maillage's sparse haversine cost matrix: {ours_t['cost_matrix']:.3f} s (not counted above)")
        print(f"  largest difference per inhabitant: {worst:.2e}")
        failed |= worst > 1e-9
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
