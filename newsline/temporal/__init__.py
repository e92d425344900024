"""The date engine: find temporal expressions and resolve them against an anchor.

Public API (pure, no I/O):

- ``extract(text, anchor) -> list[Timex]``: every expression, sorted, non-overlapping.
  ``anchor`` is a ``date``, an ISO string or None (relative values then keep
  X placeholders such as ``XXXX-WXX-1``).
- ``extract_batch_line(obj) -> dict`` (alias ``batch_line``): one line of
  ``newsline dates --batch``, ``{"id", "dct", "text"}`` in,
  ``{"id", "timexes": [{"start", "end", "text", "type", "value", "granularity",
  "rule", "cue"}]}`` out. A malformed ``dct`` raises ValueError.
"""

from newsline.temporal.engine import extract, extract_batch_line, parse_anchor

batch_line = extract_batch_line

__all__ = ["batch_line", "extract", "extract_batch_line", "parse_anchor"]
