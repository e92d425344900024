"""Why events were merged: per-pair evidence for ``newsline explain`` and entry scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsline.merge.dates import DEFAULT_WINDOW_DAYS, _allowed, _day, dates_compatible
from newsline.merge.similarity import _score, idf_weights, profile, similarity
from newsline.models import Entry, Event

__all__ = ["PairEvidence", "explain_entry", "explain_pair"]

_SCORES_CAP = 12  # clusters larger than this record only their linking edges


@dataclass(frozen=True)
class PairEvidence:
    """Why two events were (or were not) merged, for ``newsline explain``."""

    a: str
    b: str
    date_relation: str  # "equal", "a contains b", "b contains a", "N days apart", "incompatible"
    keyword_score: float
    fuzzy_score: float
    score: float
    shared: tuple[str, ...]
    allowed: bool


def explain_pair(
    a: Event,
    b: Event,
    *,
    window: int = DEFAULT_WINDOW_DAYS,
    weights: Mapping[str, float] | None = None,
) -> PairEvidence:
    """The evidence :func:`merge` weighs for one pair of events.

    Pass the ``weights`` of the collection (``idf_weights(map(profile,
    events))``) to reproduce the score :func:`merge` recorded.
    """
    pa, pb = profile(a), profile(b)
    _, dice, ratio = _score(pa, pb, weights)
    if a.value == b.value:
        rel = "equal"
    elif a.start <= b.start and b.end <= a.end:
        rel = "a contains b"
    elif b.start <= a.start and a.end <= b.end:
        rel = "b contains a"
    elif dates_compatible(a, b, window):
        rel = f"{abs((_day(a.start) - _day(b.start)).days)} days apart"
    else:
        rel = "incompatible"
    allowed = _allowed(a, b, window)
    return PairEvidence(
        a=a.id, b=b.id, date_relation=rel, keyword_score=round(dice, 4),
        fuzzy_score=round(ratio, 4), score=similarity(a, b, weights) if allowed else 0.0,
        shared=tuple(sorted(set(pa.words).intersection(pb.words))), allowed=allowed,
    )


def explain_entry(
    entry: Entry, events: Sequence[Event], *, window: int = DEFAULT_WINDOW_DAYS
) -> list[PairEvidence]:
    """Pairwise evidence for every two events of ``entry``.

    ``events`` is the collection that was merged (its word rarities reproduce
    the scores); events of the entry missing from it are skipped.
    """
    weights = idf_weights(profile(e) for e in events)
    by_id = {e.id: e for e in events}
    mine = [by_id[i] for i in entry.events if i in by_id]
    return [
        explain_pair(a, b, window=window, weights=weights)
        for n, a in enumerate(mine)
        for b in mine[n + 1:]
    ]


def _evidence(
    group: Sequence[int],
    links: Sequence[tuple[int, int, float]],
    cache: Mapping[tuple[int, int], float],
    uniq: Sequence[Event],
) -> tuple[tuple[str, str, float], ...]:
    """The pairwise scores the clustering weighed for a cluster (pairs it compared).

    Small clusters list every compared pair (a pair never compared is
    absent; :func:`explain_entry` recomputes all of them), large ones their
    linking edges.
    """
    if len(group) < 2:
        return ()
    rows = []
    if len(group) <= _SCORES_CAP:
        ordered = sorted(group)
        for n, x in enumerate(ordered):
            for y in ordered[n + 1:]:
                s = cache.get((x, y))
                if s is not None:
                    rows.append((uniq[x].id, uniq[y].id, round(s, 4) if s >= 1e-6 else 0.0))
    else:
        rows = [(uniq[x].id, uniq[y].id, round(s, 4)) for x, y, s in links]
    rows = [(a, b, s) if a < b else (b, a, s) for a, b, s in rows]
    return tuple(sorted(rows))
