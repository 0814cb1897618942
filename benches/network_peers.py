"""Network figures (docs/analyses.md §1) timed with maillage, networkx and rustworkx on
the same synthetic networks, in one run; checks the results agree and prints the ratios.

    python benches/network_peers.py                 # 5,000 and 50,000 actors
    python benches/network_peers.py --sizes 500     # a quick run

The networks are seeded: n actors in 9 groups (the sectors), mean degree 8, most ties
local (actors close on a ring of "neighbourhoods", mostly within their group) and some
random long ties, with weights 1-3 like summed partnerships.

maillage's figures come from the `network_timings` example, built in release mode and
run on the same edge list; each step is timed inside the process, as the Python peers
are. Where networkx would take hours (exact betweenness and closeness above 20,000
actors), betweenness is sampled with the same number of pivots in every library and
networkx's closeness is timed on 200 sources and extrapolated linearly (marked `~`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

try:
    import rustworkx as rx
except ImportError:  # pragma: no cover
    rx = None

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ["ambulatory", "hospital", "medico_social", "social", "associative",
          "institution", "education", "coordination", "population"]


def synthetic(n: int, mean_degree: float = 8.0, seed: int = 7):
    rnd = random.Random(seed)
    groups = [rnd.choices(GROUPS, weights=[50, 8, 6, 8, 8, 5, 7, 5, 3])[0] for _ in range(n)]
    edges: dict[tuple[int, int], float] = {}
    target = int(n * mean_degree / 2)
    while len(edges) < target:
        u = rnd.randrange(n)
        if rnd.random() < 0.8:  # a local tie, within 30 places on the ring
            v = (u + rnd.randint(1, 30)) % n
            if groups[u] != groups[v] and rnd.random() < 0.5:
                continue
        else:
            v = rnd.randrange(n)
        if u == v:
            continue
        key = (min(u, v), max(u, v))
        edges[key] = edges.get(key, 0.0) + rnd.choice([1.0, 1.0, 2.0, 3.0])
    return groups, edges


def timed(f, *args, **kwargs):
    start = time.perf_counter()
    value = f(*args, **kwargs)
    return value, time.perf_counter() - start


def run_maillage(groups, edges, pivots, build=True):
    if build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "maillage", "--example", "network_timings"],
                       cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    binary = target / "release" / "examples" / "network_timings"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "edges.csv").write_text("".join(f"{u},{v},{w}\n" for (u, v), w in edges.items()))
        (tmp / "groups.txt").write_text("\n".join(groups) + "\n")
        args = [str(binary), str(tmp / "edges.csv"), str(tmp / "groups.txt"), str(tmp / "out.json")]
        if pivots:
            args += ["--pivots", str(pivots)]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        return json.loads(out), json.loads((tmp / "out.json").read_text())


def run_networkx(g, pivots, extrapolate_closeness):
    t, r = {}, {}
    r["betweenness"], t["betweenness"] = timed(nx.betweenness_centrality, g, k=pivots, seed=1 if pivots else None)
    if extrapolate_closeness:
        sources = random.Random(3).sample(list(g), 200)
        _, spent = timed(lambda: [nx.closeness_centrality(g, u=s) for s in sources])
        t["closeness"] = spent * g.number_of_nodes() / len(sources)
        t["closeness_extrapolated"] = True
        t["closeness_measured"] = (spent, len(sources))
    else:
        r["closeness"], t["closeness"] = timed(nx.closeness_centrality, g)
    r["pagerank"], t["pagerank"] = timed(nx.pagerank, g, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000)
    r["clustering"], t["clustering"] = timed(nx.clustering, g)
    r["constraint"], t["constraint"] = timed(nx.constraint, g, weight="weight")
    if extrapolate_closeness:  # per node, independent: timed on 500 nodes and extrapolated
        nodes = random.Random(4).sample(list(g), 500)
        r["effective_size"], spent = timed(nx.effective_size, g, nodes=nodes, weight="weight")
        t["effective_size"] = spent * g.number_of_nodes() / len(nodes)
        t["effective_size_extrapolated"] = True
        t["effective_size_measured"] = (spent, len(nodes))
    else:
        r["effective_size"], t["effective_size"] = timed(nx.effective_size, g, nodes=list(g), weight="weight")
    r["articulation_points"], t["articulation_points"] = timed(lambda: sorted(nx.articulation_points(g)))
    r["bridges"], t["bridges"] = timed(lambda: list(nx.bridges(g)))
    r["components"], t["components"] = timed(lambda: nx.number_connected_components(g))
    communities, t["louvain"] = timed(nx.community.louvain_communities, g, weight="weight", seed=42)
    r["louvain_modularity"] = nx.community.modularity(g, communities, weight="weight")
    return t, r


def run_rustworkx(g_nx, pivots):
    if rx is None:
        return {}
    g = rx.networkx_converter(g_nx)
    t = {}
    if not pivots:
        _, t["betweenness"] = timed(rx.betweenness_centrality, g)
    _, t["closeness"] = timed(rx.closeness_centrality, g)
    _, t["articulation_points"] = timed(rx.articulation_points, g)
    _, t["bridges"] = timed(rx.bridges, g)
    _, t["components"] = timed(rx.number_connected_components, g)
    return t


def check_agreement(n, ours, theirs, pivots):
    problems = []

    def close(name, tol):
        if name not in theirs:
            return
        want = theirs[name]
        for i in range(n):
            a, b = ours[name][i], want[i]
            if b != b:  # NaN
                if a is not None:
                    problems.append(f"{name}[{i}]: {a} vs NaN")
            elif a is None or abs(a - b) > tol:
                problems.append(f"{name}[{i}]: {a} vs {b}")
                return

    if not pivots:
        close("betweenness", 1e-9)
    close("closeness", 1e-9)
    close("pagerank", 1e-6)
    close("clustering", 1e-9)
    close("constraint", 1e-9)
    close("effective_size", 1e-9)
    if sorted(ours["articulation_points"]) != theirs["articulation_points"]:
        problems.append("articulation points differ")
    if len(ours["bridges"]) != len(theirs["bridges"]):
        problems.append("bridges differ")
    if ours["components"] != theirs["components"]:
        problems.append("components differ")
    if ours["louvain_modularity"] < theirs["louvain_modularity"] - 0.01:
        problems.append(f"Louvain Q {ours['louvain_modularity']:.4f} < networkx {theirs['louvain_modularity']:.4f} - 0.01")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--pivots", type=int, default=256, help="pivots for sampled betweenness above --exact-up-to")
    parser.add_argument("--exact-up-to", type=int, default=20000)
    parser.add_argument("--no-build", action="store_true", help="use the network_timings binary already built")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"networkx {nx.__version__}, rustworkx {rx.__version__ if rx else 'absent'}")
    failed = False
    for n in args.sizes:
        pivots = None if n <= args.exact_up_to else args.pivots
        groups, edges = synthetic(n)
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from((u, v, w) for (u, v), w in edges.items())
        mine, ours = run_maillage(groups, edges, pivots, build=not args.no_build)
        nx_times, nx_results = run_networkx(g, pivots, extrapolate_closeness=n > args.exact_up_to)
        nx_results = {k: ([v[i] for i in range(n)] if isinstance(v, dict) else v) for k, v in nx_results.items()}
        rx_times = run_rustworkx(g, pivots)
        problems = check_agreement(n, ours, nx_results, pivots)
        mode = f"sampled betweenness, k = {pivots}" if pivots else "exact betweenness"
        print(f"\n{n} actors, {len(edges)} edges ({mode})")
        print(f"{'figure':<22}{'maillage s':>12}{'networkx s':>13}{'×':>8}{'rustworkx s':>13}{'×':>7}")
        total_ours = total_nx = 0.0
        for step, ours_s in mine.items():
            nx_s = nx_times.get(step)
            rx_s = rx_times.get(step)
            if nx_s is not None:
                total_ours += ours_s
                total_nx += nx_s
            approx = "~" if step == "closeness" and nx_times.get("closeness_extrapolated") else ""
            cell = lambda s, pre="": f"{pre}{s:.4f}" if s is not None else "—"
            ratio = lambda s: f"{s / ours_s:.1f}" if s is not None and ours_s > 0 else "—"
            print(f"{step:<22}{ours_s:>12.4f}{cell(nx_s, approx):>13}{ratio(nx_s):>8}{cell(rx_s):>13}{ratio(rx_s):>7}")
        print(f"{'§1 figures networkx has':<22}{total_ours:>12.3f}{total_nx:>13.3f}{total_nx / total_ours:>8.1f}")
        if "closeness_measured" in nx_times:
            spent, sources = nx_times["closeness_measured"]
            print(f"~: networkx's exact closeness measured on {sources} sources in {spent:.2f} s and "
                  f"extrapolated to {n:,}; maillage's is exact on every source")
        print("results agree with networkx" if not problems else "DISAGREEMENT: " + "; ".join(problems[:5]))
        failed |= bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
