#!/usr/bin/env bash
# Loading a workbook bundle against the same CSV bundle (benches/README.md, "Workbook
# bundles"): generates a territory of SIZE (S, M, L), converts it to a workbook with
# `maillage convert`, and times both loads (release build).
# Usage: benches/workbook_load.sh [SIZE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-L}
RUNS=${2:-5}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cargo build --quiet --locked --release -p maillage-cli
cargo build --quiet --locked --release -p maillage --example workbook_load
TARGET=${CARGO_TARGET_DIR:-target}
"$TARGET/release/maillage" generate --size "$SIZE" --seed 1 --out "$DIR/csv" --quiet
start=$(date +%s%N)
"$TARGET/release/maillage" convert "$DIR/csv" "$DIR/classeur/territoire.xlsx" > /dev/null
end=$(date +%s%N)
echo "convert: $(( (end - start) / 1000000 )) ms, workbook $(du -k "$DIR/classeur/territoire.xlsx" | cut -f1) KiB, relations.csv $(du -k "$DIR/csv/relations.csv" | cut -f1) KiB"
"$TARGET/release/examples/workbook_load" "$DIR/csv" "$DIR/classeur" "$RUNS"
