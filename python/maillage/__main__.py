"""The ``maillage`` command from Python: the entry point that ``pip install maillage``
puts on the PATH, and ``python -m maillage``. It runs the command of the Rust core
(the same code as the ``maillage`` binary of ``crates/maillage-cli``)."""

import signal
import sys

from maillage import _maillage


def main() -> int:
    """Runs ``maillage`` on this process's arguments and gives its exit status."""
    # Ctrl-C stops the command as it stops the binary: the outputs are written
    # atomically, so nothing is left half-written.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.stdout.flush()
    sys.stderr.flush()
    return _maillage._run_command(["maillage", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
