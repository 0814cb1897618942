"""The whole diagnosis timed with maillage and with the tools an analyst would otherwise
use, on the same synthetic bundles (`maillage generate`), in one run: checks that the
results agree and prints the times and ratios per step and size.

    python benches/peers.py --sizes S          # a quick run (the test script's)
    python benches/peers.py --sizes M L        # the recorded figures

Steps and peers:

- load: maillage's bundle loader (every check of docs/bundle.md) against pandas
  `read_csv` of the four tables and geopandas `read_file` of every zone layer, the
  files the loader reads (no check);
- projection: the undirected simple network of the relations valid on the date,
  against pandas (filter, group by pair) plus building a networkx, rustworkx or
  python-igraph graph;
- the network figures of docs/analyses.md §1 against networkx (`network_peers.py`'s
  runner), rustworkx and python-igraph where they have them;
- assignment of actors to zones against geopandas `sjoin`;
- coverage and 2SFCA access of the required kinds against PySAL access
  `two_stage_fca` (its cost matrix built with a KD-tree, `spatial_peers.py`'s);
- gaps and writers: maillage only (no peer has them).

Above 5,000 actors betweenness is sampled with the same number of pivots in maillage
and networkx; closeness is exact on every side (maillage's default up to the exact
size of docs/analyses.md), networkx's and igraph's timed on 200 sources and
extrapolated linearly (marked `~`, the measured time printed beside it), as
`network_peers.py` does. `centrality_peers.py` compares the exact and sampled
centralities alone, maillage on one thread and on every core. With
`--exact-betweenness`, maillage also computes exact betweenness (untimed) and the
script reports the Spearman rank correlation of the sampled figure with it over the
100 actors of highest exact betweenness.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import tomllib
import warnings
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from network_peers import run_networkx, timed  # noqa: E402  (one runner for networkx)
from spatial_peers import haversine_pairs  # noqa: E402  (one cost matrix for access)

try:
    import rustworkx as rx
except ImportError:  # pragma: no cover
    rx = None
try:
    import igraph as ig
except ImportError:  # pragma: no cover
    ig = None

ROOT = Path(__file__).resolve().parents[1]
EXACT_UP_TO = 5_000
SIZES = {"S": 500, "M": 5_000, "L": 50_000, "XL": 500_000}


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "maillage-cli", "-p", "maillage",
                    "--example", "pipeline_timings", "--bin", "maillage"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "maillage", target / "release" / "examples" / "pipeline_timings"


def run_maillage(timings, bundle, out, pivots, exact_betweenness):
    args = [str(timings), str(bundle), str(out / "figures.json"), "--outputs", str(out / "outputs")]
    if pivots:
        # betweenness sampled as the peers' is; closeness exact as theirs is
        args += ["--pivots", str(pivots), "--exact-closeness"]
    if exact_betweenness:
        args.append("--exact-betweenness")
    times = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    return times, json.loads((out / "figures.json").read_text())


def load_peer(bundle):
    """Reads every file the bundle's loader reads: the manifest, the four tables and every
    zone layer (the coverage layer is returned; the peer checks nothing)."""
    import geopandas as gpd
    import pandas as pd
    # the first read loads GDAL's drivers, once per session: not counted
    gpd.read_file(next((bundle / "zones").glob("*.geojson")), rows=1)
    pd.read_csv(bundle / "actors.csv", nrows=1)
    start = time.perf_counter()
    manifest = tomllib.loads((bundle / "territory.toml").read_text())
    actors = pd.read_csv(bundle / "actors.csv", dtype={"id": str})
    relations = pd.read_csv(bundle / "relations.csv", dtype={"source": str, "target": str})
    for table in ["actions.csv", "needs.csv"]:
        if (bundle / table).exists():
            pd.read_csv(bundle / table, dtype=str)
    layers = {name: gpd.read_file(bundle / spec["file"]) for name, spec in manifest["layers"].items()}
    zones = layers[manifest["analysis"]["coverage_layer"]]
    return (actors, relations, zones), time.perf_counter() - start


def project_peer(actors, relations, date="2024-06-30"):
    """Pairs and summed weights of the relations valid on the date, as index arrays."""
    start = time.perf_counter()
    index = {a: i for i, a in enumerate(actors["id"])}
    valid = relations[(relations["since"].fillna("") <= date)
                      & (relations["until"].isna() | (relations["until"].fillna("9999") > date))]
    u = valid["source"].map(index).to_numpy()
    v = valid["target"].map(index).to_numpy()
    w = valid["weight"].fillna(1.0).to_numpy(dtype=float)
    keep = u != v
    a, b = np.minimum(u[keep], v[keep]), np.maximum(u[keep], v[keep])
    import pandas as pd
    summed = pd.DataFrame({"a": a, "b": b, "w": w[keep]}).groupby(["a", "b"], sort=True)["w"].sum()
    pairs = [(int(x), int(y), float(z)) for (x, y), z in summed.items()]
    return pairs, time.perf_counter() - start


def igraph_figures(n, pairs, pivots, extrapolate):
    if ig is None:
        return {}, {}
    t, r = {}, {}
    start = time.perf_counter()
    g = ig.Graph(n=n, edges=[(a, b) for a, b, _ in pairs])
    g.es["weight"] = [w for _, _, w in pairs]
    t["build"] = time.perf_counter() - start
    if not pivots:
        r["betweenness"], t["betweenness"] = timed(g.betweenness, directed=False)
    if extrapolate:
        sample = random.Random(3).sample(range(n), 200)
        _, spent = timed(g.closeness, vertices=sample)
        t["closeness"] = spent * n / len(sample)
        t["closeness_extrapolated"] = True
        t["closeness_measured"] = (spent, len(sample))
    else:
        _, t["closeness"] = timed(g.closeness)
    r["pagerank"], t["pagerank"] = timed(g.pagerank, damping=0.85, weights="weight")
    r["clustering"], t["clustering"] = timed(g.transitivity_local_undirected, mode="zero")
    _, t["articulation_points"] = timed(g.articulation_points)
    _, t["bridges"] = timed(g.bridges)
    _, t["components"] = timed(g.connected_components)
    _, t["louvain"] = timed(g.community_multilevel, weights="weight")
    return t, r


def rustworkx_figures(n, pairs, pivots):
    if rx is None:
        return {}
    t = {}
    start = time.perf_counter()
    g = rx.PyGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(pairs)
    t["build"] = time.perf_counter() - start
    if not pivots:
        _, t["betweenness"] = timed(rx.betweenness_centrality, g)
    if n <= EXACT_UP_TO:
        _, t["closeness"] = timed(rx.closeness_centrality, g)
    _, t["articulation_points"] = timed(rx.articulation_points, g)
    _, t["bridges"] = timed(rx.bridges, g)
    _, t["components"] = timed(rx.number_connected_components, g)
    return t


def spatial_peer(actors, zones, bundle):
    """geopandas sjoin for the assignment; PySAL access for 2SFCA of each required kind."""
    import access
    import geopandas as gpd
    import pandas as pd
    manifest = tomllib.loads((bundle / "territory.toml").read_text())
    required, d0 = manifest["analysis"]["required"], float(manifest["analysis"]["catchment_m"])
    located = actors[actors["x"].notna()]
    start = time.perf_counter()
    points = gpd.GeoDataFrame(located[["id", "kind"]], geometry=gpd.points_from_xy(located["x"], located["y"]), crs=4326)
    joined = gpd.sjoin(points, zones[["code", "geometry"]], how="left", predicate="intersects")
    assigned = joined.groupby(level=0)["index_right"].min()  # border rule: first zone of the file
    t_assign = time.perf_counter() - start

    start = time.perf_counter()
    anchors = zones.geometry.representative_point()
    with warnings.catch_warnings():  # the spec's anchor is the planar centroid, as maillage's
        warnings.simplefilter("ignore", UserWarning)
        cent = zones.geometry.centroid
    inside = cent.within(zones.geometry)
    anchor_xy = np.column_stack([np.where(inside, cent.x, anchors.x), np.where(inside, cent.y, anchors.y)])
    demand = pd.DataFrame({"geoid": range(len(zones)), "pop": zones["population"].astype(float)})
    result = {}
    for kind in required:
        sites = located[located["kind"] == kind]
        capacity = sites["capacity"].fillna(1.0).to_numpy(dtype=float) if "capacity" in sites else np.ones(len(sites))
        if not (capacity > 0).any():  # structures (capacity 0): count sites, as docs/analyses.md says
            capacity = np.ones(len(sites))
        z, s, d = haversine_pairs(anchor_xy, sites[["x", "y"]].to_numpy(dtype=float), d0)
        model = access.Access(demand_df=demand, demand_index="geoid", demand_value="pop",
                              supply_df=pd.DataFrame({"geoid": range(len(sites)), "supply": capacity}),
                              supply_index="geoid", supply_value="supply",
                              cost_df=pd.DataFrame({"origin": z, "dest": s, "cost": d}),
                              cost_origin="origin", cost_dest="dest", cost_name="cost")
        model.log.setLevel(logging.WARNING)
        out = model.two_stage_fca(name="t", max_cost=d0)["t_supply"]
        result[kind] = out.reindex(range(len(zones))).fillna(0.0).to_numpy() * 10_000
    t_access = time.perf_counter() - start
    ids = dict(zip(located.index, located["id"]))
    codes = list(zones["code"])
    assignment = {ids[i]: (None if np.isnan(z) else codes[int(z)]) for i, z in assigned.items()}
    return assignment, result, t_assign, t_access


def spearman(x, y):
    rx_, ry_ = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rx_, ry_)[0, 1])


def fmt(x):
    return "—" if x is None else (f"{x:.4f}" if x < 1 else f"{x:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["S", "M"], choices=list(SIZES))
    parser.add_argument("--pivots", type=int, default=256)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--exact-betweenness", action="store_true")
    args = parser.parse_args()
    import geopandas as gpd
    maillage_bin, timings_bin = build()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"networkx {nx.__version__}, rustworkx {getattr(rx, '__version__', '—')}, "
          f"igraph {getattr(ig, '__version__', '—')}, geopandas {gpd.__version__}")
    failed = False
    for size in args.sizes:
        n_target = SIZES[size]
        pivots = args.pivots if n_target > EXACT_UP_TO else None
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            bundle = tmp / "bundle"
            subprocess.run([str(maillage_bin), "generate", "--size", size, "--seed", str(args.seed), "--out",
                            str(bundle), "--quiet"], check=True)
            ours_t, ours = run_maillage(timings_bin, bundle, tmp, pivots, args.exact_betweenness)
            (actors, relations, zones), load_t = load_peer(bundle)
            pairs, proj_t = project_peer(actors, relations)
            n = len(actors)
            g = nx.Graph()
            g.add_nodes_from(range(n))
            start = time.perf_counter()
            g.add_weighted_edges_from(pairs)
            nx_build = time.perf_counter() - start
            extrapolate = n > 20_000
            nx_t, nx_r = run_networkx(g, pivots, extrapolate)
            rx_t = rustworkx_figures(n, pairs, pivots)
            ig_t, ig_r = igraph_figures(n, pairs, pivots, extrapolate)
            assignment, access_r, assign_t, access_t = spatial_peer(actors, zones, bundle)

        # agreement
        checks = []
        assert len(pairs) == ours["edges"], (len(pairs), ours["edges"])
        checks.append(f"edges {len(pairs):,} = {ours['edges']:,}")
        for name, tol in [("pagerank", 1e-6), ("clustering", 1e-9), ("constraint", 1e-9)]:
            mine = np.array([np.nan if x is None else x for x in ours[name]], dtype=float)
            theirs = np.array([nx_r[name].get(i, np.nan) for i in range(n)], dtype=float)
            both = ~np.isnan(mine) & ~np.isnan(theirs)
            worst = float(np.max(np.abs(mine[both] - theirs[both]))) if both.any() else 0.0
            checks.append(f"{name} {worst:.1e}")
            failed |= worst > tol
        if not pivots:
            for name in ["betweenness", "closeness"]:
                theirs = np.array([nx_r[name][i] for i in range(n)])
                worst = float(np.max(np.abs(np.array(ours[name]) - theirs)))
                checks.append(f"{name} {worst:.1e}")
                failed |= worst > 1e-9
        ap = sorted(ours["ids"][i] for i in nx_r["articulation_points"])
        failed |= ap != sorted(ours["articulation_points"])
        checks.append(f"articulation points {'same' if ap == sorted(ours['articulation_points']) else 'DIFFER'}")
        ours_assign = dict(zip(ours["ids"], ours["assignment"]))
        agree = sum(ours_assign[a] == z for a, z in assignment.items())
        checks.append(f"assignment {agree:,}/{len(assignment):,}")
        failed |= agree != len(assignment)
        worst = 0.0
        for kind, theirs in access_r.items():
            mine = np.array([z.get(kind, 0.0) for z in ours["access"]])
            worst = max(worst, float(np.max(np.abs(mine - theirs))))
        checks.append(f"access {worst:.1e}")
        failed |= worst > 1e-6
        if ours.get("betweenness_exact"):
            exact, est = np.array(ours["betweenness_exact"]), np.array(ours["betweenness"])
            top = np.argsort(-exact, kind="stable")[:100]
            rho = spearman(exact[top], est[top])
            checks.append(f"sampled betweenness vs exact, top 100: Spearman {rho:.3f}")

        # table
        network_steps = ["betweenness", "closeness", "pagerank", "clustering", "constraint", "effective_size",
                         "articulation_points", "bridges", "components", "louvain"]
        rows = [("load", ours_t["load"], {"pandas+geopandas": load_t}),
                ("projection", ours_t["projection"], {"networkx": proj_t + nx_build,
                                                      "rustworkx": proj_t + rx_t.get("build", np.nan),
                                                      "igraph": proj_t + ig_t.get("build", np.nan)})]
        for s in network_steps:
            peers = {"networkx": nx_t.get(s), "rustworkx": rx_t.get(s), "igraph": ig_t.get(s)}
            rows.append((s, ours_t[s], {k: v for k, v in peers.items() if v is not None}))
        rows.append(("assignment", ours_t["assignment"], {"geopandas": assign_t}))
        rows.append(("coverage and access", ours_t["coverage_and_access"], {"access": access_t}))
        for s in ["ei_index_and_mixing", "brokerage", "fragility", "key_players", "dispositifs", "gaps",
                  "suggested_links", "solicitation", "pathways", "two_mode", "writers"]:
            rows.append((s, ours_t.get(s), {}))
        label = f"{size}: {n:,} actors, {len(pairs):,} edges, {len(zones):,} zones" + (
            f", sampled betweenness (k = {pivots}), exact closeness" if pivots else ", exact")
        print(f"\n### {label}\n")
        print("| step | maillage (s) | networkx (s) | rustworkx (s) | igraph (s) | geopandas / access (s) | × fastest peer |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for step, mine, peers in rows:
            tilde = lambda k: "~" if step in ("closeness", "effective_size") and {"networkx": nx_t, "igraph": ig_t}.get(k, {}).get(f"{step}_extrapolated") else ""
            cells = [tilde(k) + fmt(peers.get(k)) if k in peers else "—" for k in ["networkx", "rustworkx", "igraph"]]
            spatial = peers.get("pandas+geopandas", peers.get("geopandas", peers.get("access")))
            # a ratio against an extrapolated time is marked as such
            extrapolated = bool(peers) and tilde(min(peers, key=peers.get)) == "~"
            ratio = f"{'~' if extrapolated else ''}{min(peers.values()) / mine:.1f}" if peers and mine else "—"
            print(f"| {step} | {fmt(mine)} | {' | '.join(cells)} | {fmt(spatial)} | {ratio} |")
        ours_total = sum(ours_t[s] for s in ["load", "projection", *network_steps, "assignment", "coverage_and_access"])
        peer_total = load_t + proj_t + nx_build + sum(nx_t[s] for s in network_steps) + assign_t + access_t
        approx = "~" if any(nx_t.get(f"{s}_extrapolated") for s in network_steps) else ""
        print(f"\npipeline (load → figures networkx has → assignment → access): maillage {ours_total:.2f} s, "
              f"networkx + geopandas + access {approx}{peer_total:.1f} s: {approx}{peer_total / ours_total:.0f}×")
        print(f"maillage's whole diagnosis (every figure, coverage, gaps): {ours_t['diagnosis_whole']:.2f} s; "
              f"writing every output: {ours_t.get('writers', 0):.2f} s")
        for name, times in [("networkx", nx_t), ("igraph", ig_t)]:
            for step in ["closeness", "effective_size"]:
                if f"{step}_measured" in times:
                    spent, count = times[f"{step}_measured"]
                    print(f"~ {name} {step}: measured on {count} nodes in {spent:.2f} s, extrapolated to {n:,}")
        print("agreement: " + "; ".join(checks))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
