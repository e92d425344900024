"""The date engine: find temporal expressions and resolve them against an anchor.

Public API (pure, no I/O):

- ``extract(text, anchor) -> list[Timex]``: every expression, sorted, non-overlapping.
- ``extract_batch_line(obj) -> dict``: one ``newsline dates --batch`` line,
  ``{"id", "dct", "text"}`` in, ``{"id", "timexes": [...]}`` out.
"""

from newsline.temporal.engine import extract, extract_batch_line, parse_anchor

__all__ = ["extract", "extract_batch_line", "parse_anchor"]
