#!/usr/bin/env bash
# Diagnoses the example bundles and a generated L territory with the release command
# and compares every output's SHA-256 with the hashes recorded in tests/output_hashes/.
# The outputs are byte-identical from one run to the next, so any difference is a
# change of behaviour: a refactoring must leave this script passing.
# Usage: scripts/check_output_hashes.sh [--record] [--skip-l]
set -euo pipefail
cd "$(dirname "$0")/.."
record=0; skip_l=0
for arg in "$@"; do
    case "$arg" in
        --record) record=1 ;;
        --skip-l) skip_l=1 ;;
        *) echo "usage: $0 [--record] [--skip-l]" >&2; exit 2 ;;
    esac
done
cargo build --quiet --release --locked -p maillage-cli
bin=${CARGO_TARGET_DIR:-target}/release/maillage
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name, then the diagnose arguments
runs=(
    "lyon7|data/lyon7"
    "lyon7_public|data/lyon7 --include-individuals --min-count 11 --partition kind"
    "grenoble_sud|data/grenoble_sud"
    "cevennes|data/cevennes"
)
if [ "$skip_l" = 0 ]; then
    "$bin" generate --size L --seed 1 --out "$work/L" --quiet
    runs+=("generated_L|$work/L --betweenness-pivots 256")
fi

status=0
for run in "${runs[@]}"; do
    name=${run%%|*}
    # French explicitly, whatever the machine's LANG: summary.txt is written in the
    # language of the messages
    # shellcheck disable=SC2086
    "$bin" diagnose ${run#*|} --lang fr --out "$work/out_$name" --quiet
    actual=$(cd "$work/out_$name" && sha256sum -- * | sort -k 2)
    expected_file=tests/output_hashes/$name.sha256
    if [ "$record" = 1 ]; then
        printf '%s\n' "$actual" > "$expected_file"
        echo "recorded $expected_file"
    elif ! diff <(cat "$expected_file") <(printf '%s\n' "$actual") > "$work/diff_$name"; then
        echo "outputs of $name differ from $expected_file:" >&2
        cat "$work/diff_$name" >&2
        status=1
    else
        echo "$name: $(wc -l < "$expected_file") outputs identical"
    fi
done
exit $status
