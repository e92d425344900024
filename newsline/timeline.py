"""Pure views of a timeline: order, filters and a coarser resolution.

Everything here takes entries and returns new lists; nothing is read, written
or printed, and no date is taken from the clock.

Filter semantics (what ``newsline timeline`` documents):

- ``since``/``until`` accept ``2015``, ``2015-11``, ``2015-11-23`` (also ISO
  weeks ``2015-W47`` and quarters ``2015-Q4``). ``since`` means the first day
  of that period, ``until`` its last day, and an entry is kept when any day of
  its span falls in ``[since, until]``: ``--since 2015-11`` keeps "2015" and
  "week of 26 Oct 2015" (it reaches 1 Nov) as well as days in November.
- ``source`` is a case-insensitive substring of a source's outlet or path, or a
  prefix of its article id (like a short git hash). An entry is kept whole when
  any of its sources matches.
- ``grep`` is a case-insensitive (Unicode casefold) substring of the title or
  of any quoted clause. It is not a regular expression.
- ``min_sources`` counts distinct articles, not quotes.
- ``granularity`` (``day``, ``week``, ``month``, ``quarter``, ``year``,
  ``decade``) shows the timeline at that resolution: finer entries are rolled
  up into the enclosing period (a day in Nov 2015 becomes "2015-11"), entries
  already that coarse or coarser are kept as they are. Nothing is dropped, and
  every date shown is at least that coarse. ``day`` changes nothing. Entries are
  not merged: two events of one month stay two entries under that month.
- Order of operations: filters on the original dates, then the resolution,
  then date order, then ``reverse``, then ``limit`` (so ``reverse`` with
  ``limit 5`` gives the five latest).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from newsline.errors import UsageError
from newsline.models import Entry, Granularity
from newsline.temporal.timex import value_span

# Finest first; SEASON sits with QUARTER (both are parts of a year).
_RANK = {
    Granularity.DAY: 0,
    Granularity.WEEK: 1,
    Granularity.MONTH: 2,
    Granularity.QUARTER: 3,
    Granularity.SEASON: 3,
    Granularity.YEAR: 4,
    Granularity.DECADE: 5,
    Granularity.CENTURY: 6,
}
RESOLUTIONS: tuple[str, ...] = ("day", "week", "month", "quarter", "year", "decade")
_BOUND = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q[1-4])?$")


def parse_bound(s: str, end: bool) -> date:
    """First (``end=False``) or last (``end=True``) day of ``2015``, ``2015-11``,
    ``2015-11-23``, ``2015-W47`` or ``2015-Q4``.

    Raises UsageError with a hint for anything else, so the CLI can refuse a bad
    ``--since``/``--until`` before doing any work.
    """
    text = s.strip().upper()
    span = value_span(text) if _BOUND.match(text) else None
    if span is None:
        raise UsageError(
            f"not a date: {s!r}",
            hint="use YYYY, YYYY-MM or YYYY-MM-DD, e.g. --since 2015-11",
        )
    return span[1] if end else span[0]


def _days(e: Entry) -> tuple[date, date]:
    """An entry's first and last day; entries without readable days sort last."""
    try:
        return date.fromisoformat(e.start), date.fromisoformat(e.end)
    except (TypeError, ValueError):
        span = value_span(e.date)
        if span is None:
            return date.max, date.max
        return span[0], span[1]


def sort_entries(entries: Sequence[Entry]) -> list[Entry]:
    """Date order: by first day, then last day (shorter spans first), then id.

    Title and sources break any remaining tie, so the order never depends on
    the order the entries came in.
    """
    return sorted(entries, key=_sort_key)


def _sort_key(e: Entry) -> tuple[object, ...]:
    cited = tuple((s.article, s.outlet or "", s.text, s.expression) for s in e.sources)
    return (*_days(e), e.id, e.date, e.title, cited)


def _articles(e: Entry) -> int:
    return len({s.article or s.path or str(i) for i, s in enumerate(e.sources)})


def _matches_source(e: Entry, needle: str) -> bool:
    n = needle.casefold()
    for s in e.sources:
        if s.article and s.article.casefold().startswith(n):
            return True
        if any(n in f.casefold() for f in (s.outlet, s.path) if f):
            return True
    return False


def _matches_grep(e: Entry, needle: str) -> bool:
    n = needle.casefold()
    return n in e.title.casefold() or any(n in s.text.casefold() for s in e.sources)


def _granularity(name: str) -> Granularity:
    key = name.strip().lower()
    if key not in RESOLUTIONS:
        raise UsageError(
            f"unknown granularity {name!r}", hint=f"choose one of: {', '.join(RESOLUTIONS)}"
        )
    return Granularity(key)


def _enclosing(d: date, gran: Granularity) -> str:
    """The TimeML value of the ``gran`` period containing day ``d``."""
    if gran is Granularity.DAY:
        return d.isoformat()
    if gran is Granularity.WEEK:
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if gran is Granularity.MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    if gran is Granularity.QUARTER:
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran is Granularity.YEAR:
        return f"{d.year:04d}"
    return f"{d.year // 10:03d}"  # decade


def collapse_entries(entries: Sequence[Entry], granularity: str) -> list[Entry]:
    """Show entries at ``granularity`` or coarser, keeping their order.

    An entry finer than ``granularity`` is re-dated to the period that holds
    its middle day (so a week running over a month end goes to the month with
    most of its days, like ISO weeks and years). Id, title and sources are kept.
    """
    gran = _granularity(granularity)
    out: list[Entry] = []
    for e in entries:
        own = Granularity(e.granularity)
        if _RANK[own] >= _RANK[gran]:
            out.append(e)
            continue
        first, last = _days(e)
        if first == date.max:
            out.append(e)
            continue
        value = _enclosing(first + (last - first) // 2, gran)
        span = value_span(value)
        if span is None:  # only for years outside the calendar's range
            out.append(e)
            continue
        out.append(
            replace(
                e,
                date=value,
                start=span[0].isoformat(),
                end=span[1].isoformat(),
                granularity=span[2],
            )
        )
    return out


def filter_entries(
    entries: Sequence[Entry],
    *,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    grep: str | None = None,
    min_sources: int = 1,
    granularity: str | None = None,
    limit: int | None = None,
    reverse: bool = False,
    keep_order: bool = False,
) -> list[Entry]:
    """The entries a ``newsline timeline`` invocation shows, in date order.

    ``keep_order=True`` trusts the order the entries came in (e.g. already
    sorted, or reversed, by the store) and does not sort them again.

    See the module docstring for each option's meaning. Raises UsageError for
    a bad bound, ``since`` after ``until``, a negative limit or min_sources, or
    an unknown granularity — all before any entry is looked at.
    """
    lo = parse_bound(since, end=False) if since is not None else None
    hi = parse_bound(until, end=True) if until is not None else None
    if lo is not None and hi is not None and lo > hi:
        raise UsageError(f"--since {since} is after --until {until}", hint="swap the two dates")
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    if min_sources < 0:
        raise UsageError(f"--min-sources must be 0 or more, not {min_sources}")
    if granularity is not None:
        _granularity(granularity)

    kept: list[Entry] = []
    for e in entries:
        first, last = _days(e)
        if lo is not None and (first == date.max or last < lo):
            continue
        if hi is not None and (first == date.max or first > hi):
            continue
        if source is not None and not _matches_source(e, source):
            continue
        if grep is not None and not _matches_grep(e, grep):
            continue
        if _articles(e) < min_sources:
            continue
        kept.append(e)

    ordered = kept if keep_order else sort_entries(kept)
    if granularity is not None:
        ordered = collapse_entries(ordered, granularity)
        if not keep_order:
            # Stable re-sort on the new spans keeps the original order inside a period.
            ordered.sort(key=_days)
    if reverse:
        ordered.reverse()
    if limit is not None:
        ordered = ordered[:limit]
    return ordered
