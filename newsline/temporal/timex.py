"""TimeML value strings: what calendar span a value covers, and its granularity.

Kept apart from the matcher so that events, merging and rendering can reason
about values ("2015-11" contains "2015-11-23") without knowing how they were
found.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from newsline.models import Granularity

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@lru_cache(maxsize=8192)
def value_span(value: str) -> tuple[date, date, Granularity] | None:
    """Return (first day, last day inclusive, granularity) of a calendar value.

    Values that are not on the calendar (durations, sets, ``PRESENT_REF``,
    ``XXXX-...``) return None: they cannot date an event. Cached: events and
    merging ask about the same few values over and over.
    """
    v = value.strip().upper()
    try:
        if m := _DAY.match(v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, Granularity.DAY
        if m := _MONTH.match(v):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo), Granularity.MONTH
        if m := _WEEK.match(v):
            y, w = int(m[1]), int(m[2])
            first = date.fromisocalendar(y, w, 1)
            if v.endswith("-WE"):
                return first + timedelta(days=5), first + timedelta(days=6), Granularity.WEEK
            return first, first + timedelta(days=6), Granularity.WEEK
        if m := _QUARTER.match(v):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), Granularity.QUARTER
        if m := _HALF.match(v):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h), Granularity.SEASON
        if m := _SEASON.match(v):
            y, (a, b) = int(m[1]), _SEASONS[m[2]]
            end_year = y + 1 if b < a else y
            return date(y, a, 1), _month_end(end_year, b), Granularity.SEASON
        if m := _YEAR.match(v):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31), Granularity.YEAR
        if m := _DECADE.match(v):
            y = int(m[1]) * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31), Granularity.DECADE
        if m := _CENTURY.match(v):
            y = int(m[1]) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31), Granularity.CENTURY
    except ValueError:
        return None
    return None


def granularity_of(value: str) -> Granularity | None:
    """Granularity of a calendar value, or None when it is not on the calendar."""
    span = value_span(value)
    return span[2] if span else None


def contains(outer: str, inner: str) -> bool:
    """True when every day of ``inner`` lies inside ``outer``."""
    a, b = value_span(outer), value_span(inner)
    if a is None or b is None:
        return False
    return a[0] <= b[0] and b[1] <= a[1]


def compatible(a: str, b: str) -> bool:
    """Equal values, or one containing the other."""
    return a == b or contains(a, b) or contains(b, a)
