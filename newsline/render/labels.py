"""Human date labels that say how precise a date is, shared by every format.

A reader must see at a glance that "Nov 2015" is vaguer than "23 Nov 2015", so
a label is built from the TimeML value and its granularity, never from the
first day of its span alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date

from newsline.models import Entry, Granularity, SourceRef
from newsline.temporal.timex import value_span

MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
# C0/C1 control characters except tab and newline: a terminal would obey them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 entry", "3 entries": a count with its noun agreeing."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def summary(n_entries: int, entries: Sequence[Entry]) -> str:
    """ "26 entries from 7 articles": the one-line size of a rendered timeline."""
    articles = {s.article for e in entries for s in e.sources}
    return f"{counted(n_entries, 'entry', 'entries')} from {counted(len(articles), 'article')}"


def day_label(d: date) -> str:
    """``23 Nov 2015``: day first and a month word, unambiguous in every locale."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date_label(value: str, granularity: Granularity | None = None, start: str | None = None) -> str:
    """Label a TimeML value at its own precision ("Nov 2015", "week of 16 Nov 2015").

    Values off the calendar fall back to ``start`` (as a day) or to the raw value,
    so a label is always printable.
    """
    v = value.strip().upper()
    span = value_span(v)
    if span is None:
        if start:
            try:
                return day_label(date.fromisoformat(start))
            except ValueError:
                pass
        return value
    first, last, gran = span
    gran = granularity if granularity is not None and granularity == gran else gran
    if gran is Granularity.DAY:
        return day_label(first)
    if gran is Granularity.WEEK:
        if v.endswith("-WE"):
            return f"weekend of {day_label(first)}"
        return f"week of {day_label(first)}"
    if gran is Granularity.MONTH:
        return f"{MONTHS[first.month - 1]} {first.year}"
    if gran is Granularity.QUARTER and (m := _QUARTER.match(v)):
        return f"Q{m[2]} {m[1]}"
    if gran is Granularity.SEASON:
        if m := _HALF.match(v):
            return f"{'first' if m[2] == '1' else 'second'} half of {m[1]}"
        if m := _SEASON.match(v):
            return f"{_SEASON_NAMES[m[2]]} {m[1]}"
    if gran is Granularity.YEAR:
        return str(first.year)
    if gran is Granularity.DECADE:
        return f"the {first.year // 10 * 10}s"
    if gran is Granularity.CENTURY:
        return f"the {_ordinal(first.year // 100 + 1)} century"
    return f"{day_label(first)} – {day_label(last)}"


def entry_label(entry: Entry) -> str:
    """The date label of a timeline entry."""
    return date_label(entry.date, entry.granularity, entry.start)


def entry_days(entry: Entry) -> tuple[date, date] | None:
    """First and last day (inclusive) an entry covers, or None when it has none.

    ``start``/``end`` are trusted first; the TimeML value is the fallback.
    """
    try:
        return date.fromisoformat(entry.start), date.fromisoformat(entry.end)
    except (TypeError, ValueError):
        span = value_span(entry.date)
        return (span[0], span[1]) if span else None


def source_count(entry: Entry) -> int:
    """Number of distinct articles cited: two quotes from one article are one source."""
    return len({s.article or s.path or str(i) for i, s in enumerate(entry.sources)})


def clean_text(text: str) -> str:
    """Drop control characters and fold whitespace runs (newlines too) to one space.

    Used where a line break or a terminal escape in article text would break the
    layout of a line-based format.
    """
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", _CONTROLS.sub("", text)).strip()


def source_line(src: SourceRef) -> str:
    """``Outlet, published 2015-11-13 (path)``: who said it, for a citation."""
    who = src.outlet or src.path or src.article or "unknown source"
    parts = [clean_text(who)]
    if src.published:
        parts.append(f"published {clean_text(src.published)}")
    line = ", ".join(parts)
    if src.path and src.outlet:
        line += f" ({clean_text(src.path)})"
    return line
