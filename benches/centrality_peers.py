"""Exact and sampled betweenness and closeness, maillage against python-igraph,
rustworkx and networkx on the same generated network, in one run: each row compares
like with like and prints the ratio of two times measured here.

    python benches/centrality_peers.py --sizes M          # minutes
    python benches/centrality_peers.py --sizes L          # the recorded L figures

- exact against exact: maillage on every core (rayon) and on one
  (`RAYON_NUM_THREADS=1`); igraph (one thread: its C core does not run in parallel)
  against maillage on one thread; rustworkx on every core (it parallelises over
  sources) against maillage on every core;
- sampled betweenness against networkx's (the only peer that samples pivots), the same
  number of pivots on both sides (the estimators differ: docs/analyses.md);
- above `--full-up-to` actors a peer's exact figure takes minutes to hours: it is then
  measured on `--subset` sources (igraph's `closeness(vertices=…)` and
  `betweenness(sources=…)`) against maillage's searches from as many pivots on one
  thread (`closeness_sampled` and `betweenness_sampled` with k = `--subset`: the same
  searches, the estimate aside; small components are searched whole), a measured
  ratio; then extrapolated linearly to every source (each source is one independent
  search) against maillage's exact time, marked `~`. rustworkx has no subset and is
  then not run.

Agreement: on the networks the peers compute whole, closeness and betweenness are
checked against maillage's to 1e-9; on a subset, closeness on the subset's nodes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

try:
    import rustworkx as rx
except ImportError:  # pragma: no cover
    rx = None
try:
    import igraph as ig
except ImportError:  # pragma: no cover
    ig = None

ROOT = Path(__file__).resolve().parents[1]


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "maillage-cli", "--bin", "maillage"],
                   cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "maillage", "--example", "centrality_timings"],
                   cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "maillage", target / "release" / "examples" / "centrality_timings"


def maillage(timings, bundle, tmp, threads=None, pivots=None, seed=42, edges=False):
    out = tmp / "figures.json"
    args = [str(timings), str(bundle), "--out", str(out), "--seed", str(seed)]
    if pivots:
        args += ["--pivots", str(pivots)]
    if edges:
        args += ["--edges", str(tmp / "edges.csv")]
    env = dict(os.environ)
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    times = json.loads(subprocess.run(args, check=True, capture_output=True, text=True, env=env).stdout)
    return times, json.loads(out.read_text())


def timed(f, *args, **kwargs):
    start = time.perf_counter()
    result = f(*args, **kwargs)
    return result, time.perf_counter() - start


def fmt(x):
    return "—" if x is None else (f"{x:.4f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["M"], choices=["S", "M", "L", "XL"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pivots", type=int, default=256)
    parser.add_argument("--full-up-to", type=int, default=10_000)
    parser.add_argument("--subset", type=int, default=1_000)
    parser.add_argument("--no-sampled", action="store_true", help="skip networkx's sampled betweenness")
    args = parser.parse_args()
    maillage_bin, timings = build()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"networkx {nx.__version__}, rustworkx {getattr(rx, '__version__', '—')}, "
          f"igraph {getattr(ig, '__version__', '—')}")
    failed = False
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            bundle = tmp / "bundle"
            subprocess.run([str(maillage_bin), "generate", "--size", size, "--seed", str(args.seed), "--out",
                            str(bundle), "--quiet"], check=True)
            all_t, exact = maillage(timings, bundle, tmp, edges=True)
            one_t, exact_one = maillage(timings, bundle, tmp, threads=1)
            edges = [tuple(map(int, line.split(","))) for line in (tmp / "edges.csv").read_text().split()]
            subset_t = None
            if all_t["actors"] > args.full_up_to:
                subset_t, _ = maillage(timings, bundle, tmp, threads=1, pivots=args.subset)
            sampled_t = sampled = None
            if not args.no_sampled:
                sampled_t, sampled = maillage(timings, bundle, tmp, pivots=args.pivots)
        n, m, cores = all_t["actors"], all_t["ties"], all_t["threads"]
        # the same bits on one thread as on several
        same_bits = all(exact[f] == exact_one[f] for f in ["betweenness", "closeness"])
        failed |= not same_bits
        full = n <= args.full_up_to
        rows, checks = [], []
        ours_b, ours_c = np.array(exact["betweenness"]), np.array(exact["closeness"])
        if ig is not None:
            g = ig.Graph(n=n, edges=edges)
            sizes = np.array(g.connected_components().sizes())[g.connected_components().membership]
            wf = (sizes - 1) / (n - 1)  # igraph's closeness is over the reached nodes only
            if full:
                c, t_c = timed(g.closeness)
                worst = float(np.nanmax(np.abs(np.nan_to_num(np.array(c, dtype=float)) * wf - ours_c)))
                checks.append(f"igraph closeness {worst:.1e}")
                failed |= worst > 1e-9
                b, t_b = timed(g.betweenness, directed=False)
                scale = 2.0 / ((n - 1) * (n - 2))
                worst = float(np.max(np.abs(np.array(b) * scale - ours_b)))
                checks.append(f"igraph betweenness {worst:.1e}")
                failed |= worst > 1e-9
                rows.append(("exact closeness", "igraph, 1 thread", one_t["closeness"], t_c, None))
                rows.append(("exact betweenness", "igraph, 1 thread", one_t["betweenness"], t_b, None))
            else:
                sample = sorted(random.Random(3).sample(range(n), args.subset))
                c, t_c = timed(g.closeness, vertices=sample)
                c = np.nan_to_num(np.array(c, dtype=float)) * wf[sample]
                worst = float(np.max(np.abs(c - ours_c[sample])))
                checks.append(f"igraph closeness on {args.subset:,} nodes {worst:.1e}")
                failed |= worst > 1e-9
                _, t_b = timed(g.betweenness, directed=False, sources=sample)
                rows.append((f"closeness from {args.subset:,} sources", "igraph, 1 thread",
                             subset_t["closeness"], t_c, None))
                rows.append(("exact closeness", "igraph, 1 thread, extrapolated", one_t["closeness"], None,
                             t_c * n / args.subset))
                rows.append((f"betweenness from {args.subset:,} sources", "igraph, 1 thread",
                             subset_t["betweenness"], t_b, None))
                rows.append(("exact betweenness", "igraph, 1 thread, extrapolated", one_t["betweenness"], None,
                             t_b * n / args.subset))
        if rx is not None and full:
            g = rx.PyGraph()
            g.add_nodes_from(range(n))
            g.add_edges_from_no_data(edges)
            c, t_c = timed(rx.closeness_centrality, g)
            worst = float(np.max(np.abs(np.array([c[i] for i in range(n)]) - ours_c)))
            checks.append(f"rustworkx closeness {worst:.1e}")
            failed |= worst > 1e-9
            b, t_b = timed(rx.betweenness_centrality, g)
            worst = float(np.max(np.abs(np.array([b[i] for i in range(n)]) - ours_b)))
            checks.append(f"rustworkx betweenness {worst:.1e}")
            failed |= worst > 1e-9
            rows.append(("exact closeness", f"rustworkx, {cores} cores", all_t["closeness"], t_c, None))
            rows.append(("exact betweenness", f"rustworkx, {cores} cores", all_t["betweenness"], t_b, None))
        if sampled is not None:
            g = nx.Graph()
            g.add_nodes_from(range(n))
            g.add_edges_from(edges)
            _, t_s = timed(nx.betweenness_centrality, g, k=min(args.pivots, n), seed=args.seed)
            rows.append((f"sampled betweenness (k = {args.pivots})", "networkx, 1 thread",
                         sampled_t["betweenness"], t_s, None))
        print(f"\n### {size}: {n:,} actors, {m:,} ties (seed {args.seed})\n")
        print(f"maillage alone: exact closeness {fmt(all_t['closeness'])} s on {cores} cores, "
              f"{fmt(one_t['closeness'])} s on 1; exact betweenness {fmt(all_t['betweenness'])} s on {cores} "
              f"cores, {fmt(one_t['betweenness'])} s on 1"
              + (f"; sampled (k = {args.pivots}) betweenness {fmt(sampled_t['betweenness'])} s, "
                 f"closeness {fmt(sampled_t['closeness'])} s" if sampled_t else "") + "\n")
        print("| figure | peer | maillage (s) | peer (s) | × |")
        print("|---|---|---:|---:|---:|")
        for figure, peer, mine, theirs, extrapolated in rows:
            if extrapolated is None:
                print(f"| {figure} | {peer} | {fmt(mine)} | {fmt(theirs)} | {theirs / mine:.1f} |")
            else:
                print(f"| {figure} | {peer} from {args.subset:,} sources | {fmt(mine)} | ~{fmt(extrapolated)} "
                      f"| ~{extrapolated / mine:.0f} |")
        print("\nagreement: " + "; ".join(checks + [f"maillage's figures {'' if same_bits else 'NOT '}the same "
                                                     f"bits on 1 thread and on {cores}"]))
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
