#!/usr/bin/env bash
# One wheel gives both `import maillage` and the `maillage` command, with no Rust
# toolchain: builds the abi3 wheel with maturin, installs it into a fresh virtual
# environment, and from there, with a PATH that has no cargo, diagnoses the example
# bundle with the wheel's command (its outputs must be those recorded in
# tests/output_hashes/lyon7.sha256, the binary's) and loads it with `import maillage`.
# Usage: scripts/check_wheel.sh [PYTHON]   (PYTHON has maturin; default .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
python=${1:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" -m maturin build --release --quiet --out "$work/dist" 2>&1 | grep -v '^📦\|^🔗\|^🐍\|^🖨' || true
wheel=$(ls "$work"/dist/maillage-*-abi3-*.whl)
echo "wheel: $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-index "$wheel"

# From here on: the fresh environment only, outside the repository.
cp -r "$repo/data/lyon7" "$work/lyon7"
in_venv() {
    (cd "$work" && env -i PATH="$work/venv/bin:/usr/bin:/bin" HOME="$work" "$@")
}
if in_venv sh -c 'command -v cargo rustc' > /dev/null; then
    echo "the fresh environment still finds a Rust toolchain" >&2
    exit 1
fi
in_venv maillage --version
# the same language as scripts/check_output_hashes.sh: summary.txt is written in it
in_venv maillage diagnose lyon7 --lang fr --out out --quiet
actual=$(cd "$work/out" && sha256sum -- * | sort -k 2)
if ! diff <(cat "$repo/tests/output_hashes/lyon7.sha256") <(printf '%s\n' "$actual"); then
    echo "the wheel's command wrote other outputs than the binary's" >&2
    exit 1
fi
echo "wheel command: $(wc -l < "$repo/tests/output_hashes/lyon7.sha256") outputs identical to the binary's"
# Usage errors keep their exit status through the entry point.
status=0
in_venv maillage diagnose no-such-bundle --out out2 --quiet 2> /dev/null || status=$?
if [ "$status" != 1 ]; then
    echo "maillage diagnose on a missing bundle gave status $status, expected 1" >&2
    exit 1
fi
in_venv python -c '
import maillage
t = maillage.load("lyon7")
d = t.diagnose()
print(f"import maillage: {len(t)} actors, version {maillage.__version__}")
'
in_venv python -m maillage validate lyon7 > /dev/null
