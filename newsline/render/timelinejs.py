"""Knight Lab TimelineJS3 JSON (timeline.knightlab.com/docs/json-format.html).

A slide's date object holds only the parts that are known: a year-only entry is
``{"year": 2007}``, a month-only one adds ``month``, so TimelineJS shows the
right precision. Weeks, quarters and coarser spans get an ``end_date`` and a
``display_date`` with our label. TimelineJS renders ``text`` fields as HTML, so
every piece of article text is HTML-escaped here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from html import escape
from typing import Any

from newsline.models import Entry, Granularity
from newsline.render.labels import (
    counted,
    entry_days,
    entry_label,
    source_count,
    source_line,
    summary,
)

_DAY_PARTS = {Granularity.DAY, Granularity.WEEK}
_MONTH_PARTS = {Granularity.MONTH, Granularity.QUARTER, Granularity.SEASON}


def _date_obj(d: date, gran: Granularity) -> dict[str, int]:
    obj = {"year": d.year}
    if gran in _DAY_PARTS or gran in _MONTH_PARTS:
        obj["month"] = d.month
    if gran in _DAY_PARTS:
        obj["day"] = d.day
    return obj


def _sources_html(e: Entry) -> str:
    items = "".join(
        f"<li><q>{escape(s.text)}</q> <cite>{escape(source_line(s))}</cite>"
        f" <small>(date words: {escape(s.expression)})</small></li>"
        for s in e.sources
    )
    return f"<p>{counted(source_count(e), 'source')}</p><ul>{items}</ul>"


def slide(e: Entry) -> dict[str, Any] | None:
    """One TimelineJS event slide, or None when the entry has no calendar days."""
    days = entry_days(e)
    if days is None:
        return None
    gran = Granularity(e.granularity)
    first, last = days
    out: dict[str, Any] = {"start_date": _date_obj(first, gran)}
    if gran in (Granularity.DAY, Granularity.MONTH, Granularity.YEAR):
        pass  # the start date alone carries the whole span at this precision
    elif gran in (Granularity.DECADE, Granularity.CENTURY):
        out["end_date"] = {"year": last.year}
    else:
        out["end_date"] = _date_obj(last, gran)
    out["display_date"] = escape(entry_label(e))
    out["text"] = {"headline": escape(e.title), "text": _sources_html(e)}
    out["unique_id"] = "nl-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in e.id)
    return out


def render_timelinejs(entries: Sequence[Entry], *, title: str = "newsline timeline") -> str:
    """``{"title": {...}, "events": [...]}``; the title slide has no date, as allowed."""
    events = [s for s in (slide(e) for e in entries) if s is not None]
    doc: dict[str, Any] = {
        "title": {
            "text": {
                "headline": escape(title),
                "text": f"<p>{summary(len(events), entries)}</p>",
            }
        },
        "events": events,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
