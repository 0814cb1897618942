#!/usr/bin/env bash
# Runs every test of maillage: Rust (format, lints, unit, integration and doc tests,
# docs), then the Python package built into .venv and its tests.
# Usage: scripts/test.sh            (from the repository root, on a fresh clone)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

step "cargo package (the core crate is self-contained)"
cargo package --quiet --locked -p maillage --allow-dirty

step "outputs unchanged (hashes of tests/output_hashes)"
scripts/check_output_hashes.sh --skip-l

step "cargo run --example"
cargo run --quiet --locked -p maillage --example diagnose_lyon7 > /dev/null

step "python package"
VENV=${MAILLAGE_VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "maturin>=1.9,<2" -e ".[test]"

step "the wheel alone: the command and the package in a fresh environment without cargo"
scripts/check_wheel.sh "$VENV/bin/python"

step "addok (the local address server of the online geocoding tests)"
scripts/addok_install.sh

step "pytest"
# test_routing.py runs in its own Python 3.12+ environment (the next step)
"$VENV/bin/python" -m pytest tests/python -q --ignore=tests/python/test_routing.py

step "routing: travel times with OSRM, in Python 3.12+ (scripts/test_routing.sh)"
scripts/test_routing.sh "$VENV/bin/python"

step "benchmarks at a small size (they must run and agree with the peers)"
"$VENV/bin/python" benches/peers.py --sizes S
"$VENV/bin/python" benches/centrality_peers.py --sizes S
cargo bench --locked -p maillage --bench pipeline -- --warm-up-time 0.2 --measurement-time 0.5 > /dev/null
benches/workbook_load.sh S 3
"$VENV/bin/python" benches/spatial_peers.py --zones 2000 --points 20000 --access-zones 500 --suppliers 5000
benches/import_memory.sh 20000 50
"$VENV/bin/python" benches/compare_scaling.py --territories 6 --threads 1 2 --runs 1 --bundles "$(mktemp -d)"
