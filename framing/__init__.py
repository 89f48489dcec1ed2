"""framing: show how news outlets covered the same event.

Library use::

    from framing import load_articles, segment, compare
    a, b = load_articles(["corpus/000_241931a7261d106c.txt", "corpus/001_6dab095141be1bf5.txt"])
    result = compare(a, b, entities=["Pakistan"])
"""

from __future__ import annotations

import sys
import types
from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "load_articles", "segment", "get_encoder", "compare", "detect_frames"]


def __getattr__(name: str) -> Any:
    """Lazy public API: importing framing stays cheap (no torch until a model is needed)."""
    if name == "load_articles":
        from framing.ingest import load_articles

        return load_articles
    if name == "segment":
        from framing.segment import segment

        return segment
    if name == "get_encoder":
        from framing.models import get_encoder

        return get_encoder
    if name == "compare":
        from framing.compare import compare

        return compare
    if name == "detect_frames":
        from framing.frames import detect_frames

        return detect_frames
    raise AttributeError(name)


class _Package(types.ModuleType):
    """The package module: its API names stay functions even when the like-named submodules load.

    Importing ``framing.segment`` (the module) makes Python set the package attribute ``segment``
    to that module, which would hide the function ``framing.segment`` after its first use.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return  # the submodule stays reachable through sys.modules and `from framing.x import`
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
