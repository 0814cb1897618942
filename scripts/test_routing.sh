#!/usr/bin/env bash
# The routing tests (tests/python/test_routing.py: maillage.travel_times with OSRM on
# a real OpenStreetMap extract) in a Python 3.12+ environment. OSRM's bindings
# (osrm-bindings) have wheels for CPython 3.12 and later only, while the main
# environment (.venv) may be older: this builds the project's abi3 wheel with the main
# environment's maturin, installs it with the `routing` extra (and pytest) into
# .venv312, and runs the tests there.
#
# The Python 3.12+ is the first that runs of $MAILLAGE_PYTHON312, python3.14 ...
# python3.12 on the PATH, and pyenv's versions. Without one the tests are skipped,
# saying so, except in CI (CI set), where it is a failure.
# Usage: scripts/test_routing.sh [PYTHON]   (PYTHON has maturin; default .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
builder=${1:-.venv/bin/python}
venv=${MAILLAGE_VENV312:-.venv312}

recent_enough() {
    [ -n "$1" ] && "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' > /dev/null 2>&1
}
python312=""
for candidate in "${MAILLAGE_PYTHON312:-}" python3.14 python3.13 python3.12 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3; do
    if recent_enough "$candidate"; then
        python312=$candidate
        break
    fi
done
if [ -z "$python312" ]; then
    message="no Python 3.12 or later (set MAILLAGE_PYTHON312): the routing engine's wheels need one"
    if [ -n "${CI:-}" ]; then
        echo "$message" >&2
        exit 1
    fi
    echo "skipped: $message"
    exit 0
fi

if ! recent_enough "$venv/bin/python"; then
    rm -rf "$venv"
    "$python312" -m venv "$venv"
fi
echo "routing environment: $venv ($("$venv/bin/python" --version))"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$builder" -m maturin build --release --quiet --out "$work/dist" 2>&1 | grep -v '^📦\|^🔗\|^🐍\|^🖨' || true
wheel=$(ls "$work"/dist/maillage-*-abi3-*.whl)
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "$wheel[routing]" pytest
# the wheel just built, even when one of the same version is installed already
"$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps "$wheel"

"$venv/bin/python" -m pytest tests/python/test_routing.py -q -p no:cacheprovider
