"""Many territories at once (docs/compare.md, benches/README.md "Comparing 200
territories"): generates N synthetic S territories (``maillage generate --size S
--seed 1..N``, once, into a folder kept between runs), then times ``maillage compare``
over all of them with ``RAYON_NUM_THREADS`` = 1, 2, … and checks that every run wrote
the same comparison (``comparaison.csv`` and ``comparaison_figures.csv``, byte for
byte), whatever the number of threads.

    .venv/bin/python benches/compare_scaling.py                      # 200 territories, 1 and 2 threads
    .venv/bin/python benches/compare_scaling.py --territories 20 --threads 1 2 --runs 1
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build() -> Path:
    subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "--release", "-p", "maillage-cli"],
        cwd=REPO,
        check=True,
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "release" / "maillage"


def generate(exe: Path, folder: Path, count: int) -> list[Path]:
    """The bundles s0001 … sNNNN (seeds 1 … N), generated when missing."""
    folder.mkdir(parents=True, exist_ok=True)
    bundles = [folder / f"s{seed:04}" for seed in range(1, count + 1)]

    def one(seed_and_path: tuple[int, Path]) -> None:
        seed, path = seed_and_path
        if not (path / "territory.toml").is_file():
            subprocess.run(
                [str(exe), "generate", "--size", "S", "--seed", str(seed), "--out", str(path), "--quiet"],
                check=True,
            )

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(one, enumerate(bundles, start=1)))
    return bundles


def compare(exe: Path, bundles: list[Path], out: Path, threads: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    start = time.perf_counter()
    subprocess.run(
        [str(exe), "compare", *map(str, bundles), "--out", str(out), "--quiet"],
        check=True,
        env=env,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--territories", type=int, default=200)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=2, help="runs per thread count; the best is kept")
    parser.add_argument(
        "--bundles",
        type=Path,
        default=Path(tempfile.gettempdir()) / "maillage-compare-S",
        help="where the generated bundles are kept between runs",
    )
    args = parser.parse_args()
    exe = build()
    start = time.perf_counter()
    bundles = generate(exe, args.bundles, args.territories)
    print(f"{len(bundles)} S territories ready in {args.bundles} ({time.perf_counter() - start:.1f} s)")
    with tempfile.TemporaryDirectory() as scratch:
        reference: dict[str, bytes] | None = None
        best: dict[int, float] = {}
        for threads in args.threads:
            out = Path(scratch) / f"t{threads}"
            times = [compare(exe, bundles, out, threads) for _ in range(args.runs)]
            best[threads] = min(times)
            written = {
                name: (out / name).read_bytes() for name in ("comparaison.csv", "comparaison_figures.csv")
            }
            if reference is None:
                reference = written
            elif written != reference:
                print(f"RAYON_NUM_THREADS={threads}: the comparison differs", file=sys.stderr)
                return 1
            rows = written["comparaison.csv"].count(b"\n") - 2
            print(
                f"RAYON_NUM_THREADS={threads}: {best[threads]:.2f} s for {rows} territories "
                f"({best[threads] / rows * 1000:.0f} ms each; runs: {', '.join(f'{t:.2f}' for t in times)})"
            )
        one = best.get(1)
        if one is not None:
            for threads, t in best.items():
                if threads != 1:
                    print(f"speed-up with {threads} threads: {one / t:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
