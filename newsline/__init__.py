"""newsline: turn a pile of news articles into a merged, cited timeline.

The library is the product; the CLI only calls it. The public API:

- ``extract(text, anchor)``: every date expression of a text (``newsline.temporal``);
- ``process_document(RawDocument)``: the pure per-article pipeline (``newsline.pipeline``);
- ``merge(events, articles)``: events into timeline entries (``newsline.merge``);
- ``Store``: the SQLite store (``newsline.store``);
- the frozen records of ``newsline.models``.

Names are imported on first use, so ``import newsline`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "extract": "newsline.temporal",
    "process_document": "newsline.pipeline",
    "merge": "newsline.merge",
    "Store": "newsline.store",
    "Article": "newsline.models",
    "Entry": "newsline.models",
    "Event": "newsline.models",
    "RawDocument": "newsline.models",
    "Timex": "newsline.models",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsline' has no attribute {name!r}")
