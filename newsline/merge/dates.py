"""Date compatibility: could two events be one happening, judged by dates, kinds and articles?"""

from __future__ import annotations

from datetime import date

from newsline.events import ANNOUNCEMENT
from newsline.models import Event, Granularity

__all__ = ["DEFAULT_WINDOW_DAYS", "dates_compatible"]

# Relative day dates ("on Monday") are only as good as the anchor they were
# resolved from; a dateline in another time zone or a late edition moves them by
# a day. On the corpora windows 0, 1 and 2 score the same and 3 lets decoys in
# (worst precision/recall 0.78 -> 0.46); 1 covers the time-zone day at no cost.
DEFAULT_WINDOW_DAYS = 1


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def _shiftable(e: Event) -> bool:
    """Would a wrong anchor move this day? "Monday", "two days ago" yes; "November 23" no."""
    return e.relative and not any(ch.isdigit() for ch in e.expression)


def dates_compatible(a: Event, b: Event, window: int = DEFAULT_WINDOW_DAYS) -> bool:
    """Could ``a`` and ``b`` be the same happening, judged by their dates alone?

    Equal or nested spans always can. Two different days can only when both
    are day-precise, come from different articles, at least one was counted
    from a publication date ("Monday", "yesterday"; not "November 23", whose
    day no anchor moves), and they lie within ``window`` days.
    Inside one article the anchor is shared, so different days are different
    happenings.
    """
    sa, ea, sb, eb = a.start, a.end, b.start, b.end
    if (sa <= sb and eb <= ea) or (sb <= sa and ea <= eb):
        return True
    if (
        a.granularity is Granularity.DAY
        and b.granularity is Granularity.DAY
        and a.article != b.article
        and (_shiftable(a) or _shiftable(b))
    ):
        return abs((_day(sa) - _day(sb)).days) <= window
    return False


def _allowed(a: Event, b: Event, window: int) -> bool:
    """May ``a`` and ``b`` be compared at all? (kind, article and date constraints)"""
    if (a.kind == ANNOUNCEMENT) != (b.kind == ANNOUNCEMENT):
        return False
    if a.article == b.article and a.value != b.value and (
        a.granularity is b.granularity or a.kind == ANNOUNCEMENT
    ):
        return False  # one article, two different dates of one precision: two happenings
    return dates_compatible(a, b, window)


def _repeat_needed(a: Event, b: Event) -> bool:
    """One article naming one date twice: only a repeat (a caption, a recap) is one happening.

    A story tells each happening once; its other clauses on the same day are
    other happenings (the decoys). A vaguer mention ("later this month") of a
    day it also names is the exception, handled by the normal threshold.
    """
    return a.article == b.article and a.value == b.value
