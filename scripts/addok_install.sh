#!/usr/bin/env bash
# Installs what the online-geocoding tests need: Debian's redis-server and addok with its
# French plugins in a virtual environment of its own (.venv-addok), so that addok's pinned
# dependencies never meet the test environment's. Idempotent: a second run changes nothing.
# Usage: scripts/addok_install.sh            (from anywhere; ADDOK_VENV overrides the path)
#
# Versions: addok 1.3.x changed its filters to lists, which addok-csv 1.1.0 (the latest
# release, the one serving POST /search/csv/) cannot read (HTTP 500 as soon as a filter
# column is given), so addok stays on 1.2.1.
set -euo pipefail
cd "$(dirname "$0")/.."

ADDOK_PINS=(addok==1.2.1 addok-fr==1.1.0 addok-france==1.2.0 addok-csv==1.1.0)
VENV=${ADDOK_VENV:-.venv-addok}
PYTHON=${ADDOK_PYTHON:-python3}

if ! command -v redis-server >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" - "${ADDOK_PINS[@]}" <<'PY' >/dev/null 2>&1
import sys
from importlib.metadata import version
for pin in sys.argv[1:]:
    name, wanted = pin.split("==")
    assert version(name) == wanted, pin
PY
then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${ADDOK_PINS[@]}"
fi

redis-server --version
"$VENV/bin/python" - <<'PY'
from importlib.metadata import version
import sys
print("python", sys.version.split()[0], "|",
      ", ".join(f"{n} {version(n)}" for n in ("addok", "addok-fr", "addok-france",
                                             "addok-csv", "falcon", "redis")))
PY
