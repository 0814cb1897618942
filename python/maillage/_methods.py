"""The methods of the compiled classes that are written in Python, attached to them
when ``maillage`` is imported: a territory from frames and as a networkx graph, from
``interop.py``.

The stubs (``_maillage.pyi``) declare them with the compiled classes, where users find
them.
"""

from __future__ import annotations

from typing import Any, Callable

from maillage._maillage import Territory
from maillage.interop import from_frames, to_networkx


def _attach(cls: type, name: str, function: Callable[..., Any], kind: Callable[..., Any] | None = None) -> None:
    """Sets ``function`` as ``cls.name`` (wrapped by ``kind``: ``staticmethod``,
    ``property``), named as a method of the class in tracebacks and ``help()``."""
    function.__name__ = name
    function.__qualname__ = f"{cls.__name__}.{name}"
    setattr(cls, name, kind(function) if kind else function)


_attach(Territory, "from_frames", from_frames, staticmethod)
_attach(Territory, "to_networkx", to_networkx)
