"""CSV for spreadsheets: RFC 4180, one row per entry, sources joined.

Multi-valued columns hold one line per source, in the same order in every
column, so line *i* of ``outlets`` belongs with line *i* of ``quotes``. Each
source's text is folded to one line for that reason. Cells that a spreadsheet
would run as a formula are prefixed with an apostrophe (the OWASP advice).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from io import StringIO

from newsline.models import Entry, Granularity
from newsline.render.labels import clean_text, entry_label, source_count

COLUMNS = (
    "id", "date", "start", "end", "granularity", "label", "title", "source_count",
    "outlets", "published", "articles", "paths", "expressions", "quotes",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would treat as a formula.

    Fullwidth = + - @ are included: some spreadsheets fold them to ASCII.
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _lines(values: Sequence[str | None]) -> str:
    return "\n".join(clean_text(v or "") for v in values)


def entry_row(e: Entry) -> list[str]:
    """The cells of one entry, already neutralised, in ``COLUMNS`` order."""
    s = e.sources
    cells = [
        e.id, e.date, e.start, e.end, Granularity(e.granularity).value, entry_label(e),
        clean_text(e.title), str(source_count(e)),
        _lines([x.outlet for x in s]), _lines([x.published for x in s]),
        _lines([x.article for x in s]), _lines([x.path for x in s]),
        _lines([x.expression for x in s]), _lines([x.text for x in s]),
    ]  # fmt: skip
    return [neutralise(c) for c in cells]


def render_csv(entries: Sequence[Entry]) -> str:
    """Header plus one CRLF-terminated row per entry; fields quoted when needed."""
    buf = StringIO(newline="")
    writer = csv.writer(buf, dialect="excel", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(entry_row(e) for e in entries)
    return buf.getvalue()
