"""Cross-source publication dates: date an undated article by the happenings it shares.

An article with no date of its own still says "on Monday" and "said Friday".
If a dated article puts the same happening on 2015-11-23 (a Monday), then the
undated one was written in the days around it, and only some anchors make its
"Monday" land on the 23rd. This module tries the candidate anchors near the
dated happenings, re-reads the undated article under each (the caller supplies
``events_for``), and keeps the anchor under which its relative dates agree best
with the dated sources. Newswire convention breaks ties: a reporting weekday
("Ushakov said Friday") is usually the day of publication.

Nothing agrees, nothing is inferred: the article stays undated.
Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsline.events import ANNOUNCEMENT
from newsline.merge import (
    DEFAULT_SIMILARITY,
    DEFAULT_WINDOW_DAYS,
    idf_weights,
    profile,
)
from newsline.merge import similarity as text_similarity
from newsline.models import Article, Event, Granularity, PubDate, PublishedHow

__all__ = ["MAX_SHIFT_DAYS", "infer_pubdate"]

# News is written within a week of what it calls "Monday" or "last Friday".
MAX_SHIFT_DAYS = 7

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# How much an agreement at each precision says about the anchor: an exact day
# pins it, a week less, a month hardly.
_PRECISION = {Granularity.DAY: 1.0, Granularity.WEEK: 0.5, Granularity.MONTH: 0.2}


@dataclass(frozen=True)
class _Match:
    mine: Event
    theirs: Event
    score: float


def _contains(outer: Event, inner: Event) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _agree(mine: Event, theirs: Event) -> bool:
    """Dates agree exactly: equal, or the dated source's value inside ours or ours in theirs."""
    return _contains(mine, theirs) or _contains(theirs, mine)


def _report_weekday(events: Sequence[Event]) -> int | None:
    """Weekday named by a reporting date ("said Friday"), if the article has one."""
    for e in events:
        if e.kind != ANNOUNCEMENT:
            continue
        first = e.expression.strip().lower().split()
        if first and first[0].strip(",") in _WEEKDAYS:
            return _WEEKDAYS.index(first[0].strip(","))
    return None


def _label(event: Event, articles: Mapping[str, Article] | None) -> str:
    art = articles.get(event.article) if articles else None
    if art is None:
        return f"article {event.article}"
    name = art.outlet or art.path or art.id
    return f"{name} ({art.published})" if art.published else name


def infer_pubdate(
    article: Article,
    events_for: Callable[[date], list[Event]],
    dated_events: Sequence[Event],
    *,
    similarity: float = DEFAULT_SIMILARITY,
    window: int = DEFAULT_WINDOW_DAYS,
    articles: Mapping[str, Article] | None = None,
    max_shift: int = MAX_SHIFT_DAYS,
) -> PubDate | None:
    """Infer ``article``'s publication day from happenings it shares with dated articles.

    ``events_for(anchor)`` must return the article's events as extracted with
    ``anchor`` as its publication date. ``dated_events`` are the events of
    articles whose dates are known (other articles only). ``articles`` is used
    to name the matched source in the evidence. Returns None when no anchor
    makes any anchor-dependent date of the article agree with a dated source.
    ``window`` is accepted for symmetry with :func:`newsline.merge.merge`;
    agreement here is exact, since the anchor is what is being searched.
    """
    del window
    dated = [e for e in dated_events if e.article != article.id and e.kind != ANNOUNCEMENT]
    if not dated:
        return None
    # First pass under any anchor: which dated happenings does the text resemble?
    days = sorted(e.start for e in dated if e.granularity is Granularity.DAY) or [dated[0].start]
    probe_day = date.fromisoformat(days[len(days) // 2])  # texts do not depend on it
    probe = [e for e in events_for(probe_day) if e.kind != ANNOUNCEMENT]
    weights = idf_weights(profile(e) for e in (*probe, *dated))
    similar: dict[str, list[tuple[Event, float]]] = {}
    for mine in probe:
        for theirs in dated:
            s = text_similarity(mine, theirs, weights)
            if s >= similarity:
                similar.setdefault(_slot(mine), []).append((theirs, s))
    candidates: set[date] = set()
    for pairs in similar.values():
        for theirs, _ in pairs:
            if theirs.granularity in (Granularity.DAY, Granularity.WEEK):
                first = date.fromisoformat(theirs.start)
                for k in range(-max_shift, max_shift + 1):
                    candidates.add(first + timedelta(days=k))
    if not candidates:
        return None

    scored: list[tuple[float, date, list[_Match], list[Event]]] = []
    for anchor in sorted(candidates):
        mine_all = events_for(anchor)
        matches: list[_Match] = []
        total = 0.0
        for mine in mine_all:
            if mine.kind == ANNOUNCEMENT or not mine.relative:
                continue
            best: _Match | None = None
            best_key = (0.0, 0.0)
            for theirs, s in similar.get(_slot(mine), []):
                if not _agree(mine, theirs):
                    continue
                coarser = max(mine.granularity, theirs.granularity, key=_rank)
                key = (_PRECISION.get(coarser, 0.1), s)
                if key > best_key:
                    best, best_key = _Match(mine, theirs, s), key
            if best is not None:
                matches.append(best)
                total += best_key[0] * (1.0 + best.score)
        if total > 0:
            scored.append((total, anchor, matches, mine_all))
    if not scored:
        return None

    top = max(s[0] for s in scored)
    tied = [s for s in scored if s[0] >= top - 1e-9]
    reason = ""
    confidence = 0.6
    weekday = _report_weekday(tied[0][3])
    if len(tied) == 1:
        confidence = 0.8
    if weekday is not None:
        on_day = [s for s in tied if s[1].weekday() == weekday]
        if on_day:
            tied = on_day
            confidence = 0.8
            day = _WEEKDAYS[weekday].title()
            reason = f"; its reporting day ({day}) read as the publication day"

    def distance(item: tuple[float, date, list[_Match], list[Event]]) -> tuple[int, date]:
        m = max(item[2], key=lambda x: (x.score, x.theirs.id))
        return abs((item[1] - date.fromisoformat(m.theirs.start)).days), item[1]

    total, anchor, matches, _ = min(tied, key=distance)
    best = max(matches, key=lambda m: (_PRECISION.get(m.theirs.granularity, 0.1), m.score,
                                        m.theirs.id))
    evidence = (
        f"'{best.mine.expression}' (\"{_short(best.mine.text)}\") is "
        f"'{best.theirs.expression}' = {best.theirs.value} in {_label(best.theirs, articles)} "
        f"(\"{_short(best.theirs.text)}\")"
    )
    if len(matches) > 1:
        evidence += f", and {len(matches) - 1} more shared happening(s)"
    return PubDate(
        value=anchor.isoformat(),
        how=PublishedHow.CROSS_SOURCE,
        confidence=confidence,
        evidence=evidence + reason,
    )


def _slot(e: Event) -> str:
    """Identity of an event across re-extractions: where it sits, not what date it got."""
    return f"{e.clause_start}:{e.clause_end}:{e.expr_start}:{e.expr_end}"


_ORDER = [Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER,
          Granularity.SEASON, Granularity.YEAR, Granularity.DECADE, Granularity.CENTURY]


def _rank(g: Granularity) -> int:
    return _ORDER.index(g)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
