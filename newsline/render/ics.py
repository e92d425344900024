"""iCalendar (RFC 5545), written by hand so every byte is under our control.

Each entry is an all-day VEVENT (``VALUE=DATE``, DTEND exclusive). Entries
dated to a week, month or coarser span all their days and say so in the
DESCRIPTION, so a calendar never suggests more precision than the sources give.
Output is deterministic: the UID comes from the entry id and DTSTAMP from the
latest publication date of its sources, never from the clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from newsline.models import Entry, Granularity
from newsline.render.labels import day_label, entry_days, entry_label

PRODID = "-//newsline//newsline timeline//EN"
_CRLF = "\r\n"
_LINE_OCTETS = 75
# Control characters are not allowed in TEXT values (RFC 5545 3.3.11), tab aside.
_CTL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINE = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks."""
    value = _CTL.sub("", value)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _NEWLINE.sub("\\\\n", value)


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 sequence (3.1).

    Continuation lines start with one space, which counts towards their 75.
    """
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, _LINE_OCTETS
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [], 0, _LINE_OCTETS - 1
        current.append(ch)
        size += n
    out.append("".join(current))
    return (_CRLF + " ").join(out)


def _ical_date(d: date) -> str:
    return d.strftime("%Y%m%d") if d.year >= 1000 else f"{d.year:04d}{d.month:02d}{d.day:02d}"


def _dtstamp(e: Entry, first: date) -> str:
    """Latest publication day among the sources, else the entry's first day."""
    days = []
    for s in e.sources:
        try:
            days.append(date.fromisoformat((s.published or "")[:10]))
        except ValueError:
            continue
    return _ical_date(max(days) if days else first) + "T000000Z"


def _description(e: Entry, first: date, last: date) -> str:
    parts: list[str] = []
    if Granularity(e.granularity) is not Granularity.DAY:
        parts.append(
            f"Dated only to {entry_label(e)} ({e.date}): shown over every day it covers, "
            f"{day_label(first)} to {day_label(last)}."
        )
    for i, s in enumerate(e.sources, 1):
        who = s.outlet or s.path or s.article
        when = f", published {s.published}" if s.published else ""
        where = f" ({s.path})" if s.path and s.outlet else ""
        parts.append(f"[{i}] {who}{when}{where}: “{s.text}” (date words: “{s.expression}”)")
    return "\n".join(parts)


def _event(e: Entry) -> list[str]:
    days = entry_days(e)
    if days is None:
        return []
    first, last = days
    return [
        "BEGIN:VEVENT",
        f"UID:{escape_text(e.id)}@newsline",
        f"DTSTAMP:{_dtstamp(e, first)}",
        f"DTSTART;VALUE=DATE:{_ical_date(first)}",
        f"DTEND;VALUE=DATE:{_ical_date(last + timedelta(days=1))}",
        f"SUMMARY:{escape_text(e.title)}",
        f"DESCRIPTION:{escape_text(_description(e, first, last))}",
        f"CATEGORIES:{escape_text(Granularity(e.granularity).value)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def render_ics(entries: Sequence[Entry]) -> str:
    """A VCALENDAR with one VEVENT per entry (entries without days are left out)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("X-WR-CALNAME:newsline timeline")
    for e in entries:
        lines += _event(e)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + _CRLF for line in lines)
